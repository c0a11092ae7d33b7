/**
 * The GitHub REST spec bench (`deno task bench`): JSON.parse of the 13 MB text, `generate()`
 * on it, the whole CLI as a subprocess, and peak memory, against the targets:
 *
 * - the whole CLI (`deno run -A cli.ts generate <spec> -o <dir>`) under 1 s on 2 cores;
 * - `generate()` at most 2× the time of `JSON.parse` of the same text.
 *
 * `--runs N` sets the timed runs (default 7, after one warm-up); `--yaml` also times
 * `generate()` on the same document as YAML (slow: npm:yaml takes seconds on it).
 *
 * @module
 */
import { join } from "node:path";
import { stringify } from "yaml";
import { generate } from "../src/generate.ts";
import { githubSpecPath, median, ms, OCTOKIT_OPENAPI, ROOT, table, timeProcess, timeRuns } from "./lib.ts";

const runsArg = Deno.args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 7;
const YAML = Deno.args.includes("--yaml");

const specPath = await githubSpecPath();
const text = await Deno.readTextFile(specPath);
console.log(`spec: ${OCTOKIT_OPENAPI} generated/api.github.com.json, ${(text.length / 2 ** 20).toFixed(1)} MiB`);
console.log(`deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores, ${RUNS} runs after a warm-up`);
const load = () => {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return undefined;
  }
};
const loadBefore = load();
if (loadBefore !== undefined && loadBefore > 0.5) {
  console.log(`note: load average ${loadBefore} before the bench: other processes share the cores, times are high`);
}
console.log();

const parse = median(timeRuns(() => JSON.parse(text), RUNS, 2));
let fileCount = 0;
const gen = median(timeRuns(() => (fileCount = Object.keys(generate(text).files).length), RUNS, 1));

// The whole CLI, end to end: a fresh output folder each run (one warm-up fills Deno's caches).
const work = await Deno.makeTempDir({ prefix: "bench_cli_" });
let cliLabel = "CLI: deno run -A cli.ts generate";
let cliArgs = (out: string) => ["run", "-A", join(ROOT, "cli.ts"), "generate", specPath, "-o", out];
const probe = await timeProcess(Deno.execPath(), cliArgs(join(work, "probe")), { cwd: ROOT, allowFail: true });
if (!probe.ok) {
  console.log(`cli.ts does not run (${probe.stderr.trim().split("\n").pop()}): timing bench/write_files.ts instead`);
  cliLabel = "read + generate + atomic writes (bench/write_files.ts)";
  cliArgs = (out) => ["run", "-A", join(ROOT, "bench", "write_files.ts"), specPath, out];
  await timeProcess(Deno.execPath(), cliArgs(join(work, "probe2")), { cwd: ROOT });
}
const cliTimes: number[] = [];
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
  cliTimes.push((await timeProcess(Deno.execPath(), cliArgs(join(work, `out${i}`)), { cwd: ROOT })).ms);
}
const cli = median(cliTimes);

// Peak memory: generate() alone in a fresh process, and the CLI under /usr/bin/time when there is one.
const peak = JSON.parse(
  (await timeProcess(Deno.execPath(), ["run", "-A", join(ROOT, "bench", "peak.ts"), specPath], { cwd: ROOT })).stdout,
) as { afterRead: number; afterGenerate: number; heapUsed: number };
let cliPeak: number | undefined;
try {
  const timed = await timeProcess("/usr/bin/time", ["-f", "%M", Deno.execPath(), ...cliArgs(join(work, "mem"))], {
    cwd: ROOT,
  });
  cliPeak = Number(timed.stderr.trim().split("\n").pop()) / 1024;
} catch {
  // no GNU time here
}
await Deno.remove(work, { recursive: true });

const rows = [
  ["JSON.parse(text)", ms(parse), "", ""],
  [
    "generate(text)",
    ms(gen),
    `≤ 2× parse = ${ms(2 * parse)}`,
    gen <= 2 * parse ? "ok" : `MISSED (${(gen / parse).toFixed(1)}×)`,
  ],
  [cliLabel, ms(cli), "< 1 s (2 cores)", cli < 1000 ? "ok" : "MISSED"],
  [
    "peak RSS: generate() process",
    `${peak.afterGenerate.toFixed(0)} MiB`,
    "",
    `after read: ${peak.afterRead.toFixed(0)} MiB`,
  ],
  ["heap in use after generate()", `${peak.heapUsed.toFixed(0)} MiB`, "", ""],
];
if (cliPeak !== undefined) rows.push(["peak RSS: whole CLI", `${cliPeak.toFixed(0)} MiB`, "", ""]);

if (YAML) {
  const t0 = performance.now();
  const yaml = stringify(JSON.parse(text), { aliasDuplicateObjects: false, lineWidth: 0 });
  const toYaml = performance.now() - t0;
  const t1 = performance.now();
  generate(yaml);
  rows.push([`generate(yaml) (one run; stringify took ${ms(toYaml)})`, ms(performance.now() - t1), "", "report only"]);
}

console.log(table(["measure (median)", "value", "target", "result"], rows));
console.log(
  `\n${fileCount} files generated; CLI runs: ${cliTimes.map(ms).join(", ")}; load average now ${load() ?? "?"}`,
);
