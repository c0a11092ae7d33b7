/**
 * Where `generate()` spends its time on the GitHub spec (`deno run -A bench/profile.ts`):
 *
 * 1. stage timers — the steps of `src/generate.ts` run one by one (load, model, the plans, each target of
 *    `EMIT_TARGETS` as `emitAll()` runs them, placing diagnostics), median of `--runs N` (default 5) after a
 *    warm-up;
 * 2. the hottest functions by self time and by total time, from `deno run --cpu-prof` of
 *    three `generate()` calls in a child process.
 *
 * The front stages repeat what `generate()` does; the emit stages are `emitAll()`'s own targets. The last rows
 * compare their sum with the real thing.
 *
 * @module
 */
import { join } from "node:path";
import { generate } from "../src/generate.ts";
import type { Diagnostic } from "../src/spec/diagnostics.ts";
import { loadSpec, withPosition } from "../src/spec/load.ts";
import { parseYaml } from "../src/spec/yaml_text.ts";
import { RefResolver } from "../src/spec/resolve.ts";
import { buildModel } from "../src/model/build.ts";
import { emitContext } from "../src/emit/context.ts";
import { EMIT_TARGETS } from "../src/emit/emit.ts";
import { githubSpecPath, median, ms, ROOT, table, timeRuns } from "./lib.ts";

const runsArg = Deno.args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 5;

if (Deno.args[0] === "--child") {
  // Profiled child: three generate() calls.
  const text = await Deno.readTextFile(Deno.args[1]);
  for (let i = 0; i < 3; i++) generate(text);
  Deno.exit(0);
}

// `--spec <path>` profiles another document (e.g. `deno run -A bench/synthetic.ts 16 > /tmp/s16.json`).
const specArg = Deno.args.indexOf("--spec");
const specPath = specArg >= 0 ? Deno.args[specArg + 1] : await githubSpecPath();
const text = await Deno.readTextFile(specPath);

type Stage = [name: string, ms: number];
function stages(): Stage[] {
  const out: Stage[] = [];
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    out.push([name, now - t]);
    t = now;
  };
  const loaded = loadSpec(text, { parseYaml });
  lap("loadSpec (JSON.parse + checks)");
  const refs = new RefResolver(loaded.document, { locate: loaded.locate });
  const found: Diagnostic[] = [];
  const source = {
    resolve: (node: unknown, pointer: string) => refs.resolve(node, pointer),
    warn(code: string, message: string, pointer: string) {
      found.push({ code, severity: "warning", message, pointer });
    },
  };
  lap("RefResolver");
  const { model } = buildModel(loaded.document, source, { syncMode: "optimistic" });
  lap("buildModel");
  const ctx = emitContext(model);
  lap("emit: plan (schemas, resources)");
  // the real target list of emitAll(), one lap each
  for (const target of EMIT_TARGETS) {
    target.emit(ctx);
    lap(`emit: ${target.name}`);
  }
  [...loaded.diagnostics, ...refs.diagnostics, ...found].map((d) => d.line === undefined ? withPosition(loaded, d) : d);
  lap("diagnostics: withPosition (locate)");
  return out;
}

stages(); // warm-up
const runs = Array.from({ length: RUNS }, stages);
const names = runs[0].map(([name]) => name);
const medians = names.map((_, i) => median(runs.map((r) => r[i][1])));
const sum = medians.reduce((a, b) => a + b, 0);
const whole = median(timeRuns(() => generate(text), RUNS, 0));
const parse = median(timeRuns(() => JSON.parse(text), RUNS, 1));
console.log(table(
  ["stage (median)", "time", "share"],
  [
    ...names.map((name, i) => [name, ms(medians[i]), `${(100 * medians[i] / sum).toFixed(0)}%`]),
    ["sum of stages", ms(sum), ""],
    ["generate() itself", ms(whole), ""],
    ["JSON.parse alone", ms(parse), ""],
  ],
));

// CPU profile of a child process.
const dir = await Deno.makeTempDir({ prefix: "bench_prof_" });
await new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "--cpu-prof", `--cpu-prof-dir=${dir}`, join(ROOT, "bench", "profile.ts"), "--child", specPath],
  cwd: ROOT,
  stdout: "inherit",
  stderr: "inherit",
}).output();
const file = [...Deno.readDirSync(dir)].find((e) => e.name.endsWith(".cpuprofile"))!.name;
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = JSON.parse(await Deno.readTextFile(join(dir, file))) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
await Deno.remove(dir, { recursive: true });

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) => {
  const f = n.callFrame;
  const where = f.url.replace(`file://${ROOT}/`, "").replace(/^.*\/node_modules\//, "");
  return `${f.functionName || "(anonymous)"} ${where ? `${where}:${f.lineNumber + 1}` : ""}`.trim();
};
const selfTime = new Map<string, number>();
const totalTime = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000 / 3; // per generate() call
  all += dt;
  const node = byId.get(id)!;
  selfTime.set(label(node), (selfTime.get(label(node)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const l = label(byId.get(x)!);
    if (seen.has(l)) continue;
    seen.add(l);
    totalTime.set(l, (totalTime.get(l) ?? 0) + dt);
  }
});
const top = (m: Map<string, number>, n: number, skip: RegExp) =>
  [...m].filter(([l]) => !skip.test(l)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([l, t]) => [l, ms(t)]);
console.log(`\nCPU profile: per generate() call (3 calls profiled, ${ms(all)} sampled per call incl. startup)\n`);
console.log(table(["hottest by self time", "self"], top(selfTime, 20, /^\((idle|program)\)/)));
console.log();
console.log(
  table(["hottest by total time (src/ and npm)", "total"], top(totalTime, 30, /^\(|profile\.ts|^generate |ext:/)),
);
