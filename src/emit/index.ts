/**
 * The root `index.ts` of the output: the one module an app imports.
 *
 * @module
 */
import type { EntityModel } from "../model/types.ts";
import { CodeWriter, stringLiteral } from "./writer.ts";

/**
 * Emits the root `index.ts`, re-exporting the schemas and the client, then `extra` lines (the data
 * layer's re-exports, from `store.ts#rootExports`).
 *
 * @example
 * ```ts
 * import { emitIndex } from "./index.ts";
 * const files = emitIndex({ title: "Shop", version: "1", openapi: "3.1.0", entities: [], operations: [], schemas: [] });
 * files["index.ts"].includes('export * from "./client/index.ts";'); // => true
 * ```
 */
export function emitIndex(model: EntityModel, extra: readonly string[] = []): Record<string, string> {
  const w = new CodeWriter(`Data layer for ${model.title || "the API"}${model.version ? ` ${model.version}` : ""}.`);
  for (const module of ["./schemas/index.ts", "./client/index.ts"]) w.line(`export * from ${stringLiteral(module)};`);
  w.line(...extra);
  return { "index.ts": w.toString() };
}
