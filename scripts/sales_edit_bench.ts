/**
 * The watch/playground figure of issue 13: warm, in process, `generate()` after a one-line edit of the sales spec
 * (`examples/sales/openapi.yaml`), and the YAML parse alone (`parseYaml`) on the same edited texts.
 *
 * Each run edits one description (a different text every run, so nothing can be served from a previous result),
 * then times `generate()` and `parseYaml()` on it, wall (`performance.now`) and CPU (`process.cpuUsage`, user +
 * system of the process). `salesEditTimes(runs)` is the function a bench can import; run this file to print its
 * medians and minimums: `deno run -A scripts/sales_edit_bench.ts [--runs 200]`.
 *
 * @module
 */
import process from "node:process";
import { generate } from "../src/generate.ts";
import { parseYaml } from "../src/spec/yaml_text.ts";

/** The sales spec's path. */
export const SALES_SPEC = new URL("../examples/sales/openapi.yaml", import.meta.url);

/** Times of one kind of work, in milliseconds, one entry per run. */
export interface EditTimes {
  /** Wall-clock milliseconds. */
  wall: number[];
  /** CPU milliseconds (user + system of the whole process). */
  cpu: number[];
}

/** What {@link salesEditTimes} measures. */
export interface SalesEditTimes {
  /** `generate()` of the edited spec. */
  generate: EditTimes;
  /** `parseYaml()` of the edited spec. */
  parse: EditTimes;
}

/** The sales spec with one description line changed, different for each `run`. */
export function editedSalesSpec(text: string, run: number): string {
  const line = "    description: People and companies that buy from us.";
  if (!text.includes(line)) throw new Error(`The sales spec no longer has the line ${JSON.stringify(line)}`);
  return text.replace(line, `${line.slice(0, -1)} (edit ${run}).`);
}

function timed(work: () => unknown, into: EditTimes): void {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  into.wall.push(wall);
  into.cpu.push((used.user + used.system) / 1000);
}

/**
 * Warm times of `generate()` and `parseYaml()` after a one-line edit of the sales spec: `runs` measured runs after
 * as many warm-up runs (at least 20), alternating the two so that both see the same machine load.
 */
export function salesEditTimes(runs: number, text: string = Deno.readTextFileSync(SALES_SPEC)): SalesEditTimes {
  const warmup = Math.max(20, runs);
  for (let i = 0; i < warmup; i++) {
    const edited = editedSalesSpec(text, -1 - i);
    generate(edited);
    parseYaml(edited);
  }
  const result: SalesEditTimes = { generate: { wall: [], cpu: [] }, parse: { wall: [], cpu: [] } };
  for (let i = 0; i < runs; i++) {
    const edited = editedSalesSpec(text, i);
    timed(() => generate(edited), result.generate);
    timed(() => parseYaml(edited), result.parse);
  }
  return result;
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

if (import.meta.main) {
  const runsArg = Deno.args.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 200;
  const times = salesEditTimes(runs);
  const row = (name: string, t: EditTimes) =>
    `${name.padEnd(12)} wall median ${median(t.wall).toFixed(2)} ms, min ${Math.min(...t.wall).toFixed(2)} ms; ` +
    `CPU median ${median(t.cpu).toFixed(2)} ms, min ${Math.min(...t.cpu).toFixed(2)} ms`;
  console.log(`sales one-line edit, ${runs} runs`);
  console.log(row("generate()", times.generate));
  console.log(row("parseYaml()", times.parse));
}
