/**
 * The in-process measurements of one spec, in a fresh process (`deno run -A bench/speed/in_process.ts <spec> <runs>`),
 * printed as one JSON line: the peak RSS of the process before reading the spec and after its first `generate()`
 * (what `generate()` alone needs), then the median of `runs` `JSON.parse` and `generate()` calls, and the output's
 * files, lines and bytes. When the first `generate()` took longer than {@link SLOW_MS}, it is the only timed run: a
 * 74 MB spec can take minutes, and the JIT's warm-up is lost in that.
 *
 * @module
 */
import { generate } from "../../src/generate.ts";
import { peakRssMiB, timeRuns } from "../lib.ts";
import { lineCount, median } from "./stats.ts";

/** A first run longer than this is the only one. */
export const SLOW_MS = 15_000;

/** What the child prints. */
export interface InProcessResult {
  parseMs: number;
  generateMs: number;
  /** Timed `generate()` runs behind the median (1 when the first one was slow). */
  runs: number;
  files: number;
  lines: number;
  bytes: number;
  /** Peak RSS after the first `generate()`, MiB. */
  peakMiB?: number;
  /** What reading the spec and one `generate()` added to the peak RSS, MiB. */
  addedMiB?: number;
}

if (import.meta.main) {
  const [path, runsText] = Deno.args;
  const runs = Number(runsText ?? 5);
  const before = peakRssMiB();
  const text = await Deno.readTextFile(path);
  const t = performance.now();
  let files = generate(text).files;
  const first = performance.now() - t;
  const peak = peakRssMiB();
  const parseMs = median(timeRuns(() => JSON.parse(text), runs, 2));
  let generateMs = first;
  let timed = 1;
  if (first <= SLOW_MS) {
    generateMs = median(timeRuns(() => (files = generate(text).files), runs, 1));
    timed = runs;
  }
  const texts = Object.values(files);
  const result: InProcessResult = {
    parseMs,
    generateMs,
    runs: timed,
    files: texts.length,
    lines: texts.reduce((n, s) => n + lineCount(s), 0),
    bytes: texts.reduce((n, s) => n + new TextEncoder().encode(s).length, 0),
    peakMiB: peak,
    addedMiB: peak !== undefined && before !== undefined ? peak - before : undefined,
  };
  console.log(JSON.stringify(result));
}
