import assert from "node:assert/strict";
import { RefResolver } from "../spec/resolve.ts";
import { NameScope } from "../names/scope.ts";
import { SchemaConverter } from "./schema.ts";
import type { Schema } from "./types.ts";

/** Converts `schema` (with `components` as the document's component schemas) and names the components. */
function convert(schema: unknown, components: Record<string, unknown> = {}) {
  const doc = { openapi: "3.1.0", components: { schemas: components } };
  const refs = new RefResolver(doc);
  const warnings: string[] = [];
  const converter = new SchemaConverter({
    resolve: (node, pointer) => refs.resolve(node, pointer),
    warn: (code) => warnings.push(code),
  });
  const result = converter.convert(schema, "/x");
  converter.finishNames(new NameScope([], { ignoreCase: true }), new Map());
  return { result, named: converter.namedSchemas(), warnings };
}

const str: Schema = { kind: "string" };

Deno.test("SchemaConverter: each OpenAPI 3.0 and 3.1 spelling of a kind gives the same IR", () => {
  const table: [string, unknown, Schema][] = [
    ["3.0 nullable", { type: "string", nullable: true }, { kind: "string", nullable: true }],
    ["3.1 type array", { type: ["string", "null"] }, { kind: "string", nullable: true }],
    ["anyOf X or null", { anyOf: [{ type: "string" }, { type: "null" }] }, { kind: "string", nullable: true }],
    ["oneOf X or null", { oneOf: [{ type: "null" }, { type: "string" }] }, { kind: "string", nullable: true }],
    ["several types", { type: ["string", "integer"] }, {
      kind: "union",
      variants: [str, { kind: "number", integer: true }],
    }],
    ["const", { const: "a" }, { kind: "enum", values: ["a"] }],
    ["enum with null", { enum: ["a", null, "a"] }, { kind: "enum", values: ["a"], nullable: true }],
    ["3.0 exclusive bounds", { type: "number", minimum: 1, exclusiveMinimum: true }, {
      kind: "number",
      integer: false,
      exclusiveMinimum: 1,
    }],
    ["3.1 exclusive bounds", { type: "integer", exclusiveMaximum: 9 }, {
      kind: "number",
      integer: true,
      exclusiveMaximum: 9,
    }],
    ["no type but properties", { properties: { a: { type: "string" } } }, {
      kind: "object",
      properties: [{ name: "a", schema: str, required: false }],
      additionalProperties: false,
    }],
    ["additionalProperties schema", { type: "object", additionalProperties: { type: "string" } }, {
      kind: "object",
      properties: [],
      additionalProperties: str,
    }],
    ["empty schema", {}, { kind: "unknown" }],
    ["array without items", { type: "array" }, { kind: "array", items: { kind: "unknown" } }],
    ["meta", { type: "string", readOnly: true, description: "d", default: "x" }, {
      kind: "string",
      readOnly: true,
      description: "d",
      default: "x",
    }],
  ];
  for (const [name, given, want] of table) assert.deepEqual(convert(given).result, want, name);
});

Deno.test("SchemaConverter: allOf of objects merges properties and required; otherwise an intersection", () => {
  const { result } = convert({
    allOf: [
      { $ref: "#/components/schemas/Base" },
      { type: "object", required: ["name"], properties: { name: { type: "string" } } },
    ],
    properties: { extra: { type: "boolean" } },
  }, { Base: { type: "object", required: ["id"], properties: { id: { type: "integer" } } } });
  assert.equal(result.kind, "object");
  if (result.kind !== "object") return;
  assert.deepEqual(result.properties.map((p) => `${p.name}${p.required ? "!" : "?"}`), ["id!", "name!", "extra?"]);

  const mixed = convert({ allOf: [{ type: "string" }, { type: "object" }] }).result;
  assert.equal(mixed.kind, "intersection");
});

Deno.test("SchemaConverter: components become named refs, converted once, recursion included", () => {
  const { result, named } = convert({ $ref: "#/components/schemas/Node" }, {
    Node: {
      type: "object",
      properties: {
        children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
        parent: { anyOf: [{ $ref: "#/components/schemas/Node" }, { type: "null" }] },
      },
    },
  });
  assert.deepEqual(result, { kind: "ref", name: "Node", pointer: "/components/schemas/Node" });
  assert.equal(named.length, 1);
  const node = named[0].schema;
  assert.equal(node.kind, "object");
  if (node.kind !== "object") return;
  assert.deepEqual(node.properties[1].schema, {
    kind: "ref",
    name: "Node",
    pointer: "/components/schemas/Node",
    nullable: true,
  });
});

Deno.test("SchemaConverter: a ref into the middle of a component is named once, not copied at every use", () => {
  const inner = { $ref: "#/components/schemas/Gateway/properties/ip" };
  const { result, named } = convert({ type: "array", items: inner }, {
    Gateway: { type: "object", properties: { ip: { type: "object", properties: { v4: { type: "string" } } } } },
  });
  assert.deepEqual(result, {
    kind: "array",
    items: { kind: "ref", name: "GatewayIp", pointer: "/components/schemas/Gateway/properties/ip" },
  });
  assert.deepEqual(named.map((n) => n.name), ["GatewayIp"]);
});

Deno.test("SchemaConverter: names are identifier-safe and unique", () => {
  const { named } = convert({
    type: "object",
    properties: {
      a: { $ref: "#/components/schemas/order-line" },
      b: { $ref: "#/components/schemas/OrderLine" },
      c: { $ref: "#/components/schemas/class" },
    },
  }, { "order-line": { type: "string" }, OrderLine: { type: "integer" }, class: { type: "boolean" } });
  assert.deepEqual(named.map((n) => n.name), ["OrderLine", "OrderLine2", "Class"]);
});

Deno.test("SchemaConverter: explicit foreign-key annotations are kept on the field", () => {
  const rel = convert({ type: "string", "x-relationship": { entity: "customers", type: "belongsTo" } }).result;
  assert.deepEqual(rel.reference, { entity: "customers", source: "x-relationship" });
  const ui = convert({ type: "string", "x-ui-type": "entity", "x-ui-reference": { entity: "users" } }).result;
  assert.deepEqual(ui.reference, { entity: "users", source: "x-ui-reference" });
});

Deno.test("SchemaConverter: an unknown type is a warning, not a crash", () => {
  const { result, warnings } = convert({ type: "strnig" });
  assert.deepEqual(result, { kind: "unknown" });
  assert.deepEqual(warnings, ["schema/unknown-type"]);
});
