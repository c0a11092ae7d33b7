/**
 * Every spec the tests generate, by name: the sales example, the real specs in `../shared/specs/upstream/` (when that
 * folder is there), the data-layer fixtures, the real-world shapes of `tests/fixtures/corpus_specs.ts`, the
 * hostile spec and the entity-model shapes of `tests/fixtures/model_specs.ts`. The output tests (formatting,
 * unchanged tokens) run over all of them.
 *
 * @module
 */
import { corpusSpec } from "../fixtures/corpus_specs.ts";
import { clashSpec, schoolSpec } from "../fixtures/data_layer_specs.ts";
import { hostileSpec } from "../fixtures/hostile.ts";
import { modelShapesSpec } from "../fixtures/model_specs.ts";

const ROOT = new URL("../../", import.meta.url);

/** Absolute path of `../shared/specs/upstream/` beside the repository root (it may be absent). */
export const UPSTREAM_SPECS: string = decodeURIComponent(new URL("../shared/specs/upstream", ROOT).pathname);

/** The upstream spec files (name → text), sorted by name; empty when the folder is absent. */
export function upstreamSpecs(): Record<string, string> {
  let names: string[];
  try {
    names = [...Deno.readDirSync(UPSTREAM_SPECS)].filter((e) => e.isFile).map((e) => e.name).sort();
  } catch {
    return {};
  }
  return Object.fromEntries(names.map((name) => [name, Deno.readTextFileSync(`${UPSTREAM_SPECS}/${name}`)]));
}

/** Name → spec (text or parsed object) for every spec the tests generate. Needs read permission. */
export function testSpecs(): Record<string, string | object> {
  const specs: Record<string, string | object> = {
    "sales.yaml": Deno.readTextFileSync(new URL("examples/sales/openapi.yaml", ROOT)),
    "corpus": corpusSpec,
    "school": schoolSpec,
    "clash": clashSpec,
    "hostile": hostileSpec,
    "model-shapes": modelShapesSpec,
  };
  for (const [name, text] of Object.entries(upstreamSpecs())) specs[`upstream/${name}`] = text;
  return specs;
}
