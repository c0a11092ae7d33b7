/**
 * Test helpers that write generated files to a directory and type-check or run them with the
 * current Deno binary.
 *
 * @module
 */

/** What {@link denoCheck} and {@link denoRun} report. */
export interface CommandResult {
  /** The command exited with 0. */
  ok: boolean;
  /** Its stdout and stderr, colours off. */
  output: string;
}

/**
 * Writes `files` (relative `/`-separated path → text) under `dir`, creating folders as needed.
 *
 * @example
 * ```ts ignore
 * import { writeFiles } from "./typecheck.ts";
 * const dir = await Deno.makeTempDir();
 * await writeFiles(dir, { "a/b.ts": "export const b = 1;\n" });
 * ```
 */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    if (path.startsWith("/") || path.split("/").includes("..")) {
      throw new Error(`Refusing to write outside ${dir}: ${path}`);
    }
    const full = `${dir}/${path}`;
    await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(full, text);
  }
}

/** A `deno.json` for a generated data layer: zod from npm, strict compiler options. */
export const STRICT_DENO_JSON: string = JSON.stringify(
  {
    imports: { zod: "npm:zod@4.6.7" },
    compilerOptions: {
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noFallthroughCasesInSwitch: true,
    },
  },
  null,
  2,
) + "\n";

async function deno(dir: string, args: string[]): Promise<CommandResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { ok: out.success, output: decoder.decode(out.stdout) + decoder.decode(out.stderr) };
}

/**
 * Runs `deno check` on `entries` (paths relative to `dir`), with `dir`'s `deno.json`.
 *
 * @example
 * ```ts ignore
 * import { denoCheck } from "./typecheck.ts";
 * const { ok, output } = await denoCheck("/tmp/out", ["index.ts"]);
 * if (!ok) throw new Error(output);
 * ```
 */
export function denoCheck(dir: string, entries: string[], extraArgs: string[] = []): Promise<CommandResult> {
  return deno(dir, ["check", "--quiet", ...extraArgs, ...entries]);
}

/**
 * Runs `deno run` on `entry` in `dir` with the given permission flags (none by default).
 *
 * @example
 * ```ts ignore
 * import { denoRun } from "./typecheck.ts";
 * const { ok, output } = await denoRun("/tmp/out", "main.ts", ["--allow-net=127.0.0.1"]);
 * ```
 */
export function denoRun(dir: string, entry: string, flags: string[] = []): Promise<CommandResult> {
  return deno(dir, ["run", "--quiet", ...flags, entry]);
}
