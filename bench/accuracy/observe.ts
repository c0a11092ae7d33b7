/**
 * The model `generate()` returns, reduced to what the accuracy score compares.
 *
 * @module
 */
import type { EntityModel, Relationship } from "../../mod.ts";
import { CRUD_SLOTS, type ObservedEntity } from "./score.ts";

/**
 * A relationship may name the target field it refers to once the model records one (issue 10, cause 8);
 * read it under the names such a field is likely to get, and treat its absence as "the target's key".
 */
type MaybeTargetField = Relationship & { targetField?: unknown; targetKey?: unknown; references?: unknown };

function targetFieldOf(r: Relationship): string | undefined {
  const m = r as MaybeTargetField;
  for (const value of [m.targetField, m.targetKey, m.references]) if (typeof value === "string") return value;
  return undefined;
}

/**
 * Each entity's name, key, filled CRUD slots as `METHOD path`, and belongsTo relationships.
 *
 * @example
 * ```ts
 * import { generate } from "../../mod.ts";
 * import { observe } from "./observe.ts";
 * const ok = (schema: unknown) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });
 * const { model } = generate({
 *   openapi: "3.1.0",
 *   info: { title: "Shop", version: "1" },
 *   paths: { "/orders": { get: { responses: ok({ type: "array", items: { type: "object", properties: { id: { type: "string" } } } }) } } },
 * });
 * observe(model)[0].crud.list; // => "GET /orders"
 * ```
 */
export function observe(model: EntityModel): ObservedEntity[] {
  return model.entities.map((e) => {
    const crud: ObservedEntity["crud"] = {};
    for (const slot of CRUD_SLOTS) {
      const op = e.operations[slot];
      if (op) crud[slot] = `${op.method.toUpperCase()} ${op.path}`;
    }
    const relationships = e.relationships
      .filter((r) => r.kind === "belongsTo")
      .map((r) => {
        const targetField = targetFieldOf(r);
        return { field: r.foreignKey, target: r.target, ...(targetField ? { targetField } : {}) };
      });
    return { name: e.name, key: e.primaryKey.name, crud, relationships };
  });
}
