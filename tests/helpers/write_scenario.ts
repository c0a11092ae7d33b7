/**
 * The file maps and the fake generator of the write-phase tests (`tests/cli_write_test.ts`), and, run as a
 * program, one `generate` run that SIGKILLs itself at a chosen step of its write phase:
 *
 * ```sh
 * deno run -A tests/helpers/write_scenario.ts <out> <old|new> <kill-at-step|-1> [disk-full-after-writes]
 * ```
 *
 * Every call the writer makes through its file-system seam that changes the disk is one step. The run
 * prints `steps <n>` when it finishes without being killed. With a fourth argument, file writes after that
 * many fail with a real ENOSPC error (taken from writing to `/dev/full`, which Deno allows only with `-A`).
 *
 * @module
 */
import { run } from "../../cli/run.ts";
import { DENO_FS, type WriterFs } from "../../cli/apply.ts";
import { GENERATED_MARKER } from "../../src/emit/print/writer.ts";
import type { GenerateResult } from "../../src/generate.ts";

const header = `// ${GENERATED_MARKER}. Changes are overwritten on the next run.\n`;
const gen = (body: string) => `${header}export const v = ${JSON.stringify(body)};\n`;

/** The output before: three folders (one nested) and two top-level files. */
export const OLD_FILES: Record<string, string> = {
  "index.ts": gen("index old"),
  "version.ts": gen("same"),
  "schemas/a.ts": gen("a old"),
  "schemas/b.ts": gen("b same"),
  "schemas/nested/c.ts": gen("c old"),
  "client/api.ts": gen("api old"),
  "client/gone.ts": gen("gone"),
  "runtime/ws.ts": gen("ws same"),
};

/** The output after: changes in every folder, one file gone, one folder new. */
export const NEW_FILES: Record<string, string> = {
  "index.ts": gen("index new"),
  "version.ts": gen("same"),
  "schemas/a.ts": gen("a new"),
  "schemas/b.ts": gen("b same"),
  "schemas/nested/c.ts": gen("c new"),
  "schemas/nested/d.ts": gen("d new"),
  "client/api.ts": gen("api new"),
  "runtime/ws.ts": gen("ws same"),
  "hooks/use.ts": gen("use new"),
};

/** A stand-in for generate(): the spec text is `old` or `new`. */
export function fakeGenerate(text: string): GenerateResult {
  const files = text.trim() === "old" ? OLD_FILES : NEW_FILES;
  return {
    files,
    model: { title: "Fake", version: "1", openapi: "3.1.0", entities: [], schemas: [], operations: [] },
    graph: { nodes: [], edges: [] },
    diagnostics: [],
  };
}

/** Wraps a file system so that `onStep` runs before each call that changes the disk. */
export function steppingFs(onStep: () => Promise<void> | void, fs: WriterFs = DENO_FS): WriterFs {
  const step = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    await onStep();
    return await f(...a);
  };
  return {
    ...fs,
    mkdir: step(fs.mkdir),
    writeTextFile: step(fs.writeTextFile),
    rename: step(fs.rename),
    remove: step(fs.remove),
    link: step(fs.link),
    copyFile: step(fs.copyFile),
    chmod: step(fs.chmod),
    utime: step(fs.utime),
    symlink: step(fs.symlink),
  };
}

if (import.meta.main) {
  const [out, which, killAt, fullAfter] = Deno.args;
  let diskFull: Error | undefined;
  if (fullAfter !== undefined) {
    await Deno.writeFile("/dev/full", new Uint8Array(1)).catch((e) => (diskFull = e));
  }
  let writes = 0;
  const disk: WriterFs = {
    ...DENO_FS,
    writeTextFile: (p, d, o) =>
      diskFull && ++writes > Number(fullAfter) ? Promise.reject(diskFull) : DENO_FS.writeTextFile(p, d, o),
  };
  const spec = await Deno.makeTempFile({ suffix: ".spec" });
  await Deno.writeTextFile(spec, which);
  let steps = 0;
  const fs = steppingFs(() => {
    if (steps++ === Number(killAt)) Deno.kill(Deno.pid, "SIGKILL");
  }, disk);
  const code = await run(["generate", spec, "-o", out, "--clean", "-q"], {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    env: () => undefined,
    generate: fakeGenerate,
    writerFs: fs,
  });
  await Deno.remove(spec);
  console.log(`steps ${steps}`);
  Deno.exit(code);
}
