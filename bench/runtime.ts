/**
 * The runtime bench (`deno task bench:runtime`, part of `deno task bench`): the generated sales data layer on a
 * loopback server holding 1,000 customers, 10,000 orders and 30,000 order items, counting requests per action and
 * timing live updates, against the targets of issue 9.
 *
 * Generates `examples/sales/openapi.yaml` with the CLI into `bench/.cache/runtime/generated/`, then runs
 * `bench/runtime/app/scenarios.tsx` (React hooks under happy-dom) in the consumer environment and prints its
 * results as one table.
 *
 * - `--details`: also the requests of each action (method, path and query, count).
 * - `--json`: the results as JSON instead of the table.
 * - `--samples N`: samples per timing (default 30).
 *
 * @module
 */
import { join } from "node:path";
import { consumerConfig, linkConsumerModules } from "../tests/consumer/setup.ts";
import { LOCAL_WORK, ROOT } from "./lib.ts";
import { type BenchResult, formatReport } from "./runtime/report.ts";

const DETAILS = Deno.args.includes("--details");
const JSON_OUT = Deno.args.includes("--json");
const samplesArg = Deno.args.indexOf("--samples");
const SAMPLES = samplesArg >= 0 ? Number(Deno.args[samplesArg + 1]) : 30;
/** The whole measuring run is stopped after this long. */
const RUN_CAP_MS = 240_000;

const OUT = join(LOCAL_WORK, "runtime");
const GENERATED = join(OUT, "generated");
const APP = join(ROOT, "bench", "runtime", "app");
const log = (text: string) => console.error(text);

async function run(args: string[], cwd = ROOT): Promise<void> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  if (code !== 0) {
    const decoder = new TextDecoder();
    throw new Error(`deno ${args.join(" ")} failed:\n${decoder.decode(stdout)}${decoder.decode(stderr)}`);
  }
}

/** Runs the scenarios, echoing their progress lines; returns the result line's data. */
async function measure(): Promise<BenchResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", "--config", consumerConfig, "scenarios.tsx"],
    cwd: APP,
    env: { NO_COLOR: "1", RUNBENCH_SAMPLES: String(SAMPLES) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => {
    log(`the measuring run took over ${RUN_CAP_MS / 1000} s: stopped`);
    child.kill("SIGKILL");
  }, RUN_CAP_MS);
  const stderr = new Response(child.stderr).text();
  let result: BenchResult | undefined;
  let pending = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith("RUNBENCH_RESULT ")) result = JSON.parse(line.slice("RUNBENCH_RESULT ".length));
      else if (line.startsWith("progress: ")) log(`  ${line.slice("progress: ".length)}`);
    }
  }
  const status = await child.status;
  clearTimeout(timer);
  const errors = await stderr;
  if (!result) {
    throw new Error(`the measuring run ended (code ${status.code}) without a result:\n${errors.slice(-4000)}`);
  }
  return result;
}

const started = performance.now();
log("runtime bench: generating the sales data layer");
await run(["run", "-A", "cli.ts", "generate", "examples/sales/openapi.yaml", "-o", GENERATED]);
await linkConsumerModules(OUT);
await linkConsumerModules(APP);
const load = (() => {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return undefined;
  }
})();
log("runtime bench: measuring");
const result = await measure();
result.meta.seconds = Math.round((performance.now() - started) / 1000);
if (load !== undefined) result.meta.loadBefore = load;

if (JSON_OUT) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const { customers, orders, order_items, samples, deno, seconds } = result.meta;
  console.log(
    `runtime bench: ${customers} customers, ${orders} orders, ${order_items} order items; ${samples} samples per ` +
      `timing; deno ${deno}; ${seconds} s${load !== undefined && load > 0.5 ? `; load average ${load} before` : ""}`,
  );
  console.log();
  console.log(formatReport(result, DETAILS));
}
