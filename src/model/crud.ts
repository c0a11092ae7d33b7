/**
 * The CRUD kinds in the one order every listing uses (the client's API objects, `inspect`, the model's
 * reserved method names), and an entity's operations in that order.
 *
 * @module
 */
import type { Entity, Operation } from "./types.ts";

/** The CRUD operation kinds, in the order the output and `inspect` list them. */
export const CRUD_KINDS = ["list", "get", "create", "update", "delete"] as const;

/** One of {@link CRUD_KINDS}. */
export type CrudKind = typeof CRUD_KINDS[number];

/**
 * An entity's operations in the order its API object lists them: CRUD first, then custom ones. Their `name`s
 * are the API object's method names: the model makes them unique within the entity (CRUD operations are named
 * by their kind, and custom ones never take a CRUD name).
 *
 * @example
 * ```ts
 * import { entityOperations } from "./crud.ts";
 * import type { Entity } from "./types.ts";
 * const orders = { operations: {}, customOperations: [] } as unknown as Entity;
 * entityOperations(orders); // => []
 * ```
 */
export function entityOperations(entity: Entity): Operation[] {
  const out: Operation[] = [];
  for (const kind of CRUD_KINDS) {
    const op = entity.operations[kind];
    if (op) out.push(op);
  }
  for (const op of entity.customOperations) out.push(op);
  return out;
}
