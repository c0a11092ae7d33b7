/**
 * All emitters together: the model → the whole file map of the output.
 *
 * @module
 */
import type { EntityModel } from "../model/types.ts";
import { renderClient } from "./client.ts";
import { emitIndex } from "./index.ts";
import { planSchemas } from "./plan.ts";
import { renderSchemas } from "./schemas.ts";

/**
 * Emits every file of the output for a model: relative `/`-separated path → source, with the paths
 * in sorted order. The same model always gives the same bytes.
 *
 * @example
 * ```ts
 * import { emitAll } from "./emit.ts";
 * const files = emitAll({ title: "Shop", version: "1", openapi: "3.1.0", entities: [], operations: [], schemas: [] });
 * Object.keys(files); // => ["client/api.ts", "client/index.ts", "index.ts", "schemas/index.ts"]
 * ```
 */
export function emitAll(model: EntityModel): Record<string, string> {
  const plan = planSchemas(model);
  const files: Record<string, string> = {
    ...renderSchemas(plan),
    ...renderClient(model, plan),
    ...emitIndex(model),
  };
  const sorted: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) sorted[path] = files[path];
  return sorted;
}
