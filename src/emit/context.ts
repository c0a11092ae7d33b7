/**
 * What every emitter gets: the model and the plans made from it once per run.
 *
 * @module
 */
import type { EntityModel } from "../model/types.ts";
import { planResources, type ResourcePlan } from "./plan/resources.ts";
import { planSchemas, type SchemaPlan } from "./plan/schemas.ts";

/** The input of every emitter: the model, its schema plan and its resource plan. */
export interface EmitContext {
  /** The entity model. */
  readonly model: EntityModel;
  /** Schema declarations, files and names (see {@link planSchemas}). */
  readonly schemas: SchemaPlan;
  /** Resources, their names and operations for the data layer (see {@link planResources}). */
  readonly resources: ResourcePlan;
}

/**
 * Plans a model for the emitters.
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * const ctx = emitContext({ title: "", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] });
 * ctx.resources.resources; // => []
 * ```
 */
export function emitContext(model: EntityModel): EmitContext {
  const schemas = planSchemas(model);
  return { model, schemas, resources: planResources(model, schemas) };
}
