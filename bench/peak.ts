/**
 * Peak memory of one `generate()` on a spec file, measured in a fresh process:
 * `deno run -A bench/peak.ts <spec>` prints JSON with the peak RSS (VmHWM) before and after reading the
 * text and after generating, and the heap in use after generating, in MiB.
 *
 * @module
 */
import { generate } from "../src/generate.ts";
import { peakRssMiB } from "./lib.ts";

const beforeRead = peakRssMiB();
const text = await Deno.readTextFile(Deno.args[0]);
const afterRead = peakRssMiB();
const result = generate(text);
const afterGenerate = peakRssMiB();
const heapUsed = Deno.memoryUsage().heapUsed / 2 ** 20;
console.log(
  JSON.stringify({ beforeRead, afterRead, afterGenerate, heapUsed, files: Object.keys(result.files).length }),
);
