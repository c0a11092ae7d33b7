/**
 * Views of a schema: what the server sends (`item`), what a create or update sends (`create`,
 * `update`), or the schema as the spec wrote it (`neutral`, for named schemas).
 *
 * A view is applied to the inline tree of a schema, not through `ref` nodes: a named schema is
 * emitted once and shared by every view that refers to it.
 *
 * @module
 */
import type { NamedSchema, ObjectSchema, Schema } from "../../model/types.ts";

/** Which side of the wire a schema describes. */
export type View = "item" | "create" | "update" | "neutral";

/**
 * The schema as `view` sees it: `writeOnly` properties left out of `item`, `readOnly` properties left
 * out of `create` and `update`, and every top-level property of `update` optional.
 *
 * @example
 * ```ts
 * import { applyView } from "./views.ts";
 * const order = {
 *   kind: "object" as const,
 *   additionalProperties: false,
 *   properties: [
 *     { name: "id", required: true, schema: { kind: "string" as const, readOnly: true } },
 *     { name: "note", required: true, schema: { kind: "string" as const } },
 *   ],
 * };
 * const update = applyView(order, "update");
 * update.kind === "object" && update.properties.map((p) => [p.name, p.required]); // => [["note", false]]
 * ```
 */
export function applyView(schema: Schema, view: View): Schema {
  const out = filter(schema, view);
  if (view === "update" && out.kind === "object") {
    return { ...out, properties: out.properties.map((p) => ({ ...p, required: false })) };
  }
  return out;
}

function hidden(schema: Schema, view: View): boolean {
  if (view === "item") return schema.writeOnly === true;
  if (view === "create" || view === "update") return schema.readOnly === true;
  return false;
}

function filter(schema: Schema, view: View): Schema {
  if (view === "neutral") return schema;
  switch (schema.kind) {
    case "object": {
      const additional = typeof schema.additionalProperties === "boolean"
        ? schema.additionalProperties
        : filter(schema.additionalProperties, view);
      return {
        ...schema,
        additionalProperties: additional,
        properties: schema.properties
          .filter((p) => !hidden(p.schema, view))
          .map((p) => ({ ...p, schema: filter(p.schema, view) })),
      };
    }
    case "array":
      return { ...schema, items: filter(schema.items, view) };
    case "union":
      return { ...schema, variants: schema.variants.map((v) => filter(v, view)) };
    case "intersection":
      return { ...schema, parts: schema.parts.map((v) => filter(v, view)) };
    default:
      return schema;
  }
}

/**
 * Follows `ref` nodes to the schema they name (at most as many hops as there are named schemas), or
 * returns `undefined` for a dangling or circular chain of refs.
 *
 * @example
 * ```ts
 * import { resolveRef } from "./views.ts";
 * const named = [{ name: "Id", sourceName: "Id", pointer: "", schema: { kind: "string" as const } }];
 * resolveRef({ kind: "ref", name: "Id", pointer: "" }, new Map(named.map((n) => [n.name, n])))?.kind; // => "string"
 * ```
 */
export function resolveRef(schema: Schema, named: ReadonlyMap<string, NamedSchema>): Schema | undefined {
  let node: Schema | undefined = schema;
  for (let hops = 0; node?.kind === "ref"; hops++) {
    if (hops > named.size) return undefined;
    node = named.get(node.name)?.schema;
  }
  return node;
}

/**
 * The object a create or update body stands for: the schema itself, or the named object it refers to.
 *
 * @example
 * ```ts
 * import { bodyObject } from "./views.ts";
 * bodyObject({ kind: "string" }, new Map()); // => undefined
 * ```
 */
export function bodyObject(schema: Schema, named: ReadonlyMap<string, NamedSchema>): ObjectSchema | undefined {
  const target = resolveRef(schema, named);
  return target?.kind === "object" ? target : undefined;
}

/**
 * A canonical JSON text of a value, with object keys sorted, for structural comparison.
 *
 * @example
 * ```ts
 * import { canonicalJson } from "./views.ts";
 * canonicalJson({ b: 1, a: [true] }); // => '{"a":[true],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
