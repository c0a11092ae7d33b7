/**
 * A stand-in for the CLI, for the end-to-end bench when `cli.ts` does not run: reads a spec,
 * calls `generate()`, and writes every file atomically (a temporary file, then a rename).
 * `deno run -A bench/write_files.ts <spec> <out dir>`.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { generate } from "../src/generate.ts";

const [spec, out] = Deno.args;
const { files } = generate(await Deno.readTextFile(spec), { source: spec });
for (const [path, text] of Object.entries(files)) {
  const target = join(out, path);
  await Deno.mkdir(dirname(target), { recursive: true });
  await Deno.writeTextFile(`${target}.tmp`, text);
  await Deno.rename(`${target}.tmp`, target);
}
