/**
 * A schema read from a response's `example` when the spec gives no schema (Rails specs often document answers by
 * example only): the shape of the item, so that the entity, its key and its fields can be found.
 *
 * Lenient on purpose: every property is optional and may be null, since one example cannot say what is required.
 *
 * @module
 */

type Json = Record<string, unknown>;

const MAX_DEPTH = 8;

/**
 * The JSON Schema an example value suggests, or undefined when it suggests nothing useful (null, an empty array).
 *
 * @example
 * ```ts
 * import { schemaFromExample } from "./examples.ts";
 * schemaFromExample({ id: 1, tags: ["a"] });
 * // => { type: "object", properties: { id: { type: ["integer", "null"] }, tags: { type: ["array", "null"], items: { type: ["string", "null"] } } } }
 * ```
 */
export function schemaFromExample(value: unknown, depth = 0): Json | undefined {
  if (depth > MAX_DEPTH || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.length > 0 ? schemaFromExample(value[0], depth + 1) : undefined;
    return { type: depth === 0 ? "array" : ["array", "null"], ...(items ? { items } : {}) };
  }
  if (typeof value === "object") {
    const properties: Json = {};
    for (const [k, v] of Object.entries(value as Json)) properties[k] = schemaFromExample(v, depth + 1) ?? {};
    return depth === 0 ? { type: "object", properties } : { type: ["object", "null"], properties };
  }
  const type = typeof value === "number"
    ? (Number.isInteger(value) ? "integer" : "number")
    : typeof value === "boolean"
    ? "boolean"
    : "string";
  return { type: depth === 0 ? type : [type, "null"] };
}
