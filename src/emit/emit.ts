/**
 * All emitters together: the model → the whole file map of the output, one target per output folder.
 *
 * @module
 */
import type { EntityModel } from "../model/types.ts";
import { emitClient } from "./client.ts";
import { emitCollections } from "./collections.ts";
import { type EmitContext, emitContext } from "./context.ts";
import { emitEntities } from "./entities.ts";
import { emitIndex } from "./index.ts";
import { emitRuntime } from "./runtime.ts";
import { emitSchemas } from "./schemas.ts";
import { emitStore } from "./store.ts";

/** One emitter: the files of one part of the output. */
export interface EmitTarget {
  /** What it writes, for profiles and messages (`schemas/`, `collections/store.ts`, …). */
  name: string;
  /** Relative path → source. */
  emit(ctx: EmitContext): Record<string, string>;
}

/** Every emitter, in the order they run. */
export const EMIT_TARGETS: readonly EmitTarget[] = [
  { name: "schemas/", emit: emitSchemas },
  { name: "client/", emit: emitClient },
  { name: "collections/", emit: emitCollections },
  { name: "collections/store.ts", emit: emitStore },
  { name: "entities/", emit: emitEntities },
  { name: "runtime/", emit: emitRuntime },
  { name: "index.ts", emit: emitIndex },
];

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
export function emitAll(model: EntityModel, ctx: EmitContext = emitContext(model)): Record<string, string> {
  const files: Record<string, string> = {};
  for (const target of EMIT_TARGETS) Object.assign(files, target.emit(ctx));
  const sorted: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) sorted[path] = files[path];
  return sorted;
}
