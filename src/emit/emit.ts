/**
 * All emitters together: the model → the whole file map of the output.
 *
 * @module
 */
import type { EntityModel } from "../model/types.ts";
import { renderClient } from "./client.ts";
import { renderCollections } from "./collections.ts";
import { renderEntities } from "./entities.ts";
import { emitIndex } from "./index.ts";
import { planSchemas } from "./plan.ts";
import { planResources } from "./resources.ts";
import { renderRuntime } from "./runtime.ts";
import { renderSchemas } from "./schemas.ts";
import { renderStore, rootExports } from "./store.ts";

/**
 * Emits every file of the output for a model: relative `/`-separated path → source, with the paths
 * in sorted order. The same model always gives the same bytes.
 *
 * @example
 * ```ts
 * import { emitAll } from "./emit.ts";
 * const files = emitAll({ title: "Shop", version: "1", openapi: "3.1.0", entities: [], operations: [], schemas: [] });
 * Object.keys(files).filter((p) => !p.includes("/")); // => ["index.ts"]
 * "entities/index.ts" in files && "collections/store.ts" in files && "runtime/index.ts" in files; // => true
 * ```
 */
export function emitAll(model: EntityModel): Record<string, string> {
  const plan = planSchemas(model);
  const resources = planResources(model, plan);
  const files: Record<string, string> = {
    ...renderSchemas(plan),
    ...renderClient(model, plan),
    ...renderCollections(resources, plan),
    ...renderStore(resources, model.title),
    ...renderEntities(resources),
    ...renderRuntime(),
    ...emitIndex(model, rootExports(resources)),
  };
  const sorted: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) sorted[path] = files[path];
  return sorted;
}
