/**
 * Helpers for the formatting tests of generated output: run `deno fmt` with its default options over a file map
 * (in a temporary folder, in tests only: the generator never runs a formatter), and reduce a source text to its
 * tokens so that two texts that differ only in layout compare equal.
 *
 * @module
 */
import { writeFiles } from "./typecheck.ts";

/** What {@link denoFmt} reports: the formatted files, and the paths that `--check` found unformatted. */
export interface FmtResult {
  /** Relative path → text after `deno fmt`. */
  formatted: Record<string, string>;
  /** Relative paths of the files `deno fmt --check` reported. */
  unformatted: string[];
  /** What `deno fmt --check` printed (colours off), for failure messages. */
  report: string;
}

/**
 * Writes `files` to a temporary folder that has an empty `deno.json` (deno fmt's default options: width 80, 2
 * spaces, double quotes, semicolons), runs `deno fmt --check`, then `deno fmt`, and reads the files back.
 */
export async function denoFmt(files: Record<string, string>): Promise<FmtResult> {
  const dir = await Deno.makeTempDir({ prefix: "fmt_" });
  try {
    await Deno.writeTextFile(`${dir}/deno.json`, "{}\n");
    await writeFiles(`${dir}/out`, files);
    const run = (args: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: ["fmt", "--config", `${dir}/deno.json`, ...args, `${dir}/out`],
        cwd: dir,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
    const check = await run(["--check"]);
    const report = new TextDecoder().decode(check.stdout) + new TextDecoder().decode(check.stderr);
    const unformatted = [...report.matchAll(/^from (.+):$/gm)].map((m) => m[1].slice(`${dir}/out/`.length)).sort();
    if (!check.success) {
      const out = await run([]);
      if (!out.success) throw new Error(`deno fmt failed: ${new TextDecoder().decode(out.stderr)}`);
    }
    const formatted: Record<string, string> = {};
    for (const path of Object.keys(files)) formatted[path] = await Deno.readTextFile(`${dir}/out/${path}`);
    return { formatted, unformatted, report };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
