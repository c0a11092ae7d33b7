/**
 * The measurements of one row of the speed table: in a fresh process (parse, warm `generate()`, the output's size,
 * `generate()`'s peak memory), the whole CLI cold, and a cold `deno check` of the whole output in the
 * consumer environment (`tests/consumer/`, as `tests/typecheck_test.ts` does it).
 *
 * @module
 */
import { join } from "node:path";
import { generate } from "../../src/generate.ts";
import { consumerConfig, linkConsumerModules } from "../../tests/consumer/setup.ts";
import { ROOT } from "../lib.ts";
import type { InProcessResult } from "./in_process.ts";
import { timedProcess } from "./process.ts";
import { checkOutcome, median } from "./stats.ts";

/**
 * The in-process numbers of one spec, measured in a fresh process (`in_process.ts`): median `JSON.parse` and
 * `generate()` after a warm-up, the output's size, and the peak RSS of `generate()` alone.
 */
export async function inProcess(specPath: string, runs: number): Promise<InProcessResult> {
  const run = await timedProcess(
    Deno.execPath(),
    ["run", "-A", join(ROOT, "bench", "speed", "in_process.ts"), specPath, String(runs)],
    { cwd: ROOT },
  );
  if (run.code !== 0) throw new Error(`generate() failed on ${specPath}: ${run.stderr.trim().split("\n")[0]}`);
  return JSON.parse(run.stdout) as InProcessResult;
}

/** The whole CLI, run by run. */
export interface ColdCli {
  /** Median wall milliseconds. */
  ms: number;
  /** Median peak RSS, MiB. */
  rssMiB?: number;
  runs: number[];
}

let cliWarm = false;

/** A CLI run longer than this is the only one. */
export const SLOW_CLI_MS = 30_000;

/**
 * `deno run -A cli.ts generate <spec> -o <fresh empty folder>` as a whole process, `runs` times (once when the
 * first run is slower than {@link SLOW_CLI_MS}), median wall time and peak RSS. The bench's first call runs it once
 * untimed first, which fills Deno's module cache, as any installed CLI has it.
 */
export async function coldCli(specPath: string, runs: number, work: string): Promise<ColdCli> {
  const args = (out: string) => ["run", "-A", join(ROOT, "cli.ts"), "generate", specPath, "-o", out];
  const failed = (run: { stderr: string }) => new Error(`the CLI failed on ${specPath}: ${run.stderr.trim()}`);
  if (!cliWarm) {
    const warm = await timedProcess(Deno.execPath(), args(join(work, "warm-up")), { cwd: ROOT });
    if (warm.code !== 0) throw failed(warm);
    cliWarm = true;
  }
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await timedProcess(Deno.execPath(), args(join(work, `run-${i}`)), { cwd: ROOT });
    if (run.code !== 0) throw failed(run);
    times.push(run.ms);
    if (run.rssMiB !== undefined) rss.push(run.rssMiB);
    await Deno.remove(join(work, `run-${i}`), { recursive: true });
    if (run.ms > SLOW_CLI_MS) break;
  }
  await Deno.remove(work, { recursive: true }).catch(() => {});
  return { ms: median(times), rssMiB: rss.length ? median(rss) : undefined, runs: times };
}

/** A cold `deno check` of a whole output. */
export interface CheckResult {
  ms: number;
  rssMiB?: number;
  /** TypeScript errors found (0 when the check passed). */
  errors: number;
  /** Set when the check did not finish or failed without counted errors: the first line of its output. */
  note?: string;
}

/**
 * Writes `files` into `<dir>/generated/` beside a link to the consumer `node_modules` and runs
 * `deno check` on its entry points (`index.ts`, and `collections/index.ts`, the one module the root index does not
 * reach) with a fresh, empty `DENO_DIR`: no type-check cache, while the npm packages come from `node_modules`.
 */
export async function coldCheck(
  files: Record<string, string>,
  dir: string,
  timeoutSeconds = 900,
): Promise<CheckResult> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  for (const [file, text] of Object.entries(files)) {
    const target = join(dir, "generated", file);
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, text);
  }
  await linkConsumerModules(dir);
  const denoDir = join(dir, "deno-dir");
  const entries = ["generated/index.ts", "generated/collections/index.ts"].filter((file) =>
    files[file.slice("generated/".length)] !== undefined
  );
  const run = await timedProcess(Deno.execPath(), ["check", "--config", consumerConfig, "--quiet", ...entries], {
    cwd: dir,
    env: { NO_COLOR: "1", DENO_DIR: denoDir },
    timeoutSeconds,
  });
  await Deno.remove(denoDir, { recursive: true }).catch(() => {});
  const { errors, note } = run.timedOut
    ? { errors: 0, note: `stopped after ${timeoutSeconds} s` }
    : checkOutcome(`${run.stdout}\n${run.stderr}`, run.code);
  return { ms: run.ms, rssMiB: run.rssMiB, errors, note };
}

/**
 * The watch/playground case: a one-line edit of a description in `examples/sales/openapi.yaml` (a different edit
 * each run, so nothing can be reused by text), regenerated in process after a warm-up; median milliseconds.
 */
export function salesEdit(yaml: string, runs: number): { ms: number; line: number } {
  const lines = yaml.split("\n");
  const index = lines.findIndex((l) => /^\s+description: [^|>].*\S$/.test(l));
  if (index < 0) throw new Error("examples/sales/openapi.yaml: no one-line description to edit");
  const edited = (n: number) => lines.map((l, i) => (i === index ? `${l} (edit ${n})` : l)).join("\n");
  for (let i = 0; i < 10; i++) generate(i % 2 ? yaml : edited(-i)); // warm-up, the JIT sees both
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = edited(i);
    const t = performance.now();
    generate(text);
    times.push(performance.now() - t);
  }
  return { ms: median(times), line: index + 1 };
}
