/**
 * Clash-free names for one emit run.
 *
 * The schema files, the client and the root index are re-exported together (`export *`), so every
 * exported name must be unique across all of them; the allocator hands them out in a fixed order so
 * that the same model always gets the same names.
 *
 * @module
 */
import type { Entity, Operation } from "../model/types.ts";

/**
 * Names a generated module declares or relies on besides the spec's own: the zod import, the schemas
 * namespace, the client's fixed exports and helpers, and globals the client calls. Spec-derived names
 * that equal one of these get a numeric suffix.
 */
export const FIXED_NAMES: readonly string[] = [
  // imports and namespaces
  "z",
  "schemas",
  // client exports
  "ApiConfig",
  "CallOptions",
  "ApiError",
  "configureApi",
  "getApiConfig",
  // exports of later stages (collections, store, broadcast runtime), as the model reserves them
  "initializeStore",
  "getStore",
  "BroadcastProvider",
  "BroadcastClient",
  // client helpers (module-private)
  "apiConfig",
  "request",
  "queryString",
  "readBody",
  "field",
  "QueryValue",
  "RequestSpec",
  // globals the generated code uses
  "AbortSignal",
  "Array",
  "BodyInit",
  "Error",
  "FormData",
  "JSON",
  "Object",
  "Promise",
  "Record",
  "Reflect",
  "RegExp",
  "RequestInit",
  "Response",
  "String",
  "URLSearchParams",
  "encodeURIComponent",
  "fetch",
  "globalThis",
  "undefined",
];

/**
 * Hands out names that are unique within one run: `take("Order", ["", "Schema"])` reserves `Order`
 * and `OrderSchema`, or `Order2` and `Order2Schema` when either is taken.
 *
 * @example
 * ```ts
 * import { NameAllocator } from "./names.ts";
 * const names = new NameAllocator(["ApiError"]);
 * names.take("ApiError", ["", "Schema"]); // => "ApiError2"
 * names.take("Order"); // => "Order"
 * names.take("Order"); // => "Order2"
 * ```
 */
export class NameAllocator {
  #taken = new Set<string>();
  #parent: NameAllocator | undefined;

  /**
   * Starts with `reserved` taken.
   *
   * @param reserved names that are never handed out
   */
  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name);
  }

  /** True when `name` is already reserved. */
  has(name: string): boolean {
    if (this.#taken.has(name)) return true;
    // a loop, not recursion: the client checks every name against two ancestors
    for (let a = this.#parent; a !== undefined; a = a.#parent) {
      if (a.#taken.has(name)) return true;
    }
    return false;
  }

  /**
   * A child for names local to one function: it sees every name this one has (now or later) and
   * takes its own without touching this one. O(1): big specs fork once per operation.
   */
  fork(): NameAllocator {
    const child = new NameAllocator();
    child.#parent = this;
    return child;
  }

  /**
   * Reserves `base + suffix` for every suffix, with the smallest numeric tail (none, 2, 3, …) that keeps
   * them all free, and returns the base with its tail.
   */
  take(base: string, suffixes: readonly string[] = [""]): string {
    for (let n = 1;; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      let free = true;
      for (const s of suffixes) {
        if (this.has(candidate + s)) {
          free = false;
          break;
        }
      }
      if (free) {
        for (const s of suffixes) this.#taken.add(candidate + s);
        return candidate;
      }
    }
  }
}

/**
 * An entity's operations in the order its API object lists them: CRUD first, then custom ones. Their `name`s
 * are the API object's method names: the model makes them unique within the entity (CRUD operations are named
 * by their kind, and custom ones never take a CRUD name).
 *
 * @example
 * ```ts
 * import { entityOperations } from "./names.ts";
 * import type { Entity } from "../model/types.ts";
 * const orders = { operations: {}, customOperations: [] } as unknown as Entity;
 * entityOperations(orders); // => []
 * ```
 */
export function entityOperations(entity: Entity): Operation[] {
  const out: Operation[] = [];
  for (const kind of ["list", "get", "create", "update", "delete"] as const) {
    const op = entity.operations[kind];
    if (op) out.push(op);
  }
  for (const op of entity.customOperations) out.push(op);
  return out;
}
