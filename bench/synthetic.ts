/**
 * Synthetic OpenAPI documents of any size, for the scaling bench (issue 13: "synthetic specs of 1×, 4×, 16× and 64×
 * a base size … give time and memory proportional to size").
 *
 * `syntheticSpec(scale)` has `BASE_ENTITIES × scale` entities. Every entity brings the same mix, so the document's
 * size grows linearly with `scale`: a component schema with scalar, enum, date, nullable and array fields, a nested
 * object whose depth cycles from 1 to {@link MAX_DEPTH} (deeper schemas), foreign keys to two earlier entities
 * (relationships), a list route with filters, paging and a `{ items, total }` wrapper, get/put/patch/delete by id, a
 * custom action, a nested route under its parent, and descriptions. Names are deterministic.
 *
 * Run it to write one: `deno run -A bench/synthetic.ts 16 > /tmp/synthetic-16.json`.
 *
 * @module
 */

/** Entities in a scale-1 document (64× is about 10,900 entities, the 60 MB spec). */
export const BASE_ENTITIES = 170;
/** The deepest nested object in an entity's schema. */
export const MAX_DEPTH = 8;

const STEMS = [
  "order",
  "customer",
  "invoice",
  "shipment",
  "product",
  "category",
  "address",
  "payment",
  "refund",
  "review",
  "ticket",
  "project",
  "task",
  "comment",
  "account",
  "policy",
  "device",
  "person",
  "status",
  "analysis",
];

type Json = Record<string, unknown>;

function entityName(index: number): string {
  const stem = STEMS[index % STEMS.length];
  const round = Math.floor(index / STEMS.length);
  return round === 0 ? stem : `${stem}${round}`;
}

const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);

/** A nested object `depth` levels deep, each level with a few scalars. */
function nested(depth: number, index: number): Json {
  const level: Json = {
    type: "object",
    description: `Nested settings, level ${depth} of entity ${index}.`,
    properties: {
      label: { type: "string", maxLength: 80 },
      weight: { type: "number", minimum: 0 },
      enabled: { type: "boolean" },
    },
    required: ["label"],
  };
  if (depth > 1) (level.properties as Json).child = nested(depth - 1, index);
  return level;
}

function entitySchema(index: number): Json {
  const properties: Json = {
    id: { type: "string", format: "uuid", readOnly: true },
    name: { type: "string", minLength: 1, maxLength: 200, description: `The ${entityName(index)}'s display name.` },
    status: { type: "string", enum: ["draft", "active", "archived", `state_${index % 7}`] },
    amount: { type: "number", format: "double", nullable: true },
    quantity: { type: "integer", minimum: 0, maximum: 100000 },
    email: { type: "string", format: "email", pattern: "^[^@\\s]+@[^@\\s]+$" },
    tags: { type: "array", items: { type: "string" }, maxItems: 20 },
    created_at: { type: "string", format: "date-time", readOnly: true },
    settings: nested(1 + (index % MAX_DEPTH), index),
  };
  const required = ["id", "name", "status", "created_at"];
  // Foreign keys to two earlier entities: a belongsTo each, and a hasMany on the other end.
  for (const offset of [1, 7]) {
    if (index - offset < 0) continue;
    const parent = entityName(index - offset);
    properties[`${parent}_id`] = { type: "string", format: "uuid", description: `The ${parent} this belongs to.` };
  }
  return { type: "object", description: `A ${entityName(index)} (synthetic).`, properties, required };
}

function operations(index: number): Json {
  const name = entityName(index);
  const Name = pascal(name);
  const plural = `${name}s`;
  const ref = { $ref: `#/components/schemas/${Name}` };
  const input = { $ref: `#/components/schemas/${Name}Input` };
  const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
  const ok = (schema: Json, description = "OK") => ({
    description,
    content: { "application/json": { schema } },
  });
  const notFound = { description: "Not found" };
  const tag = [Name];
  const paths: Json = {
    [`/${plural}`]: {
      get: {
        operationId: `list${Name}s`,
        tags: tag,
        summary: `List ${plural}`,
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
          { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
          { name: "status", in: "query", schema: { type: "string" } },
          { name: "q", in: "query", description: "Full-text search.", schema: { type: "string" } },
          {
            name: "sort",
            in: "query",
            schema: { type: "string", enum: ["name", "-name", "created_at", "-created_at"] },
          },
          ...[1, 7].filter((offset) => index - offset >= 0).map((offset) => ({
            name: `${entityName(index - offset)}_id`,
            in: "query",
            schema: { type: "array", items: { type: "string" } },
            style: "form",
            explode: false,
          })),
        ],
        responses: {
          "200": ok({
            type: "object",
            properties: { items: { type: "array", items: ref }, total: { type: "integer" } },
            required: ["items"],
          }),
        },
      },
      post: {
        operationId: `create${Name}`,
        tags: tag,
        requestBody: { required: true, content: { "application/json": { schema: input } } },
        responses: { "201": ok(ref, "Created"), "422": { description: "Invalid" } },
      },
    },
    [`/${plural}/{id}`]: {
      parameters: [idParam],
      get: { operationId: `get${Name}`, tags: tag, responses: { "200": ok(ref), "404": notFound } },
      put: {
        operationId: `replace${Name}`,
        tags: tag,
        requestBody: { required: true, content: { "application/json": { schema: input } } },
        responses: { "200": ok(ref), "404": notFound },
      },
      patch: {
        operationId: `update${Name}`,
        tags: tag,
        requestBody: { content: { "application/json": { schema: input } } },
        responses: { "200": ok(ref), "404": notFound },
      },
      delete: { operationId: `delete${Name}`, tags: tag, responses: { "204": { description: "Deleted" } } },
    },
    [`/${plural}/{id}/archive`]: {
      post: {
        operationId: `archive${Name}`,
        tags: tag,
        parameters: [idParam],
        responses: { "200": ok(ref) },
      },
    },
  };
  if (index > 0) {
    const parent = entityName(index - 1);
    paths[`/${parent}s/{${parent}_id}/${plural}`] = {
      get: {
        operationId: `list${Name}sOf${pascal(parent)}`,
        tags: tag,
        parameters: [{ name: `${parent}_id`, in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": ok({ type: "array", items: ref }) },
      },
    };
  }
  return paths;
}

/** A synthetic OpenAPI 3.0 document with `BASE_ENTITIES × scale` entities (see the module's doc). */
export function syntheticSpec(scale: number): Json {
  const count = Math.max(1, Math.round(BASE_ENTITIES * scale));
  const schemas: Json = {};
  const paths: Json = {};
  for (let i = 0; i < count; i++) {
    const Name = pascal(entityName(i));
    const schema = entitySchema(i);
    schemas[Name] = schema;
    const { id: _id, created_at: _created, ...writable } = schema.properties as Json;
    schemas[`${Name}Input`] = {
      type: "object",
      properties: writable,
      required: (schema.required as string[]).filter((key) => key in writable),
    };
    Object.assign(paths, operations(i));
  }
  return {
    openapi: "3.0.3",
    info: { title: `Synthetic API ×${scale}`, version: "1.0.0" },
    paths,
    components: { schemas },
  };
}

if (import.meta.main) {
  const scale = Number(Deno.args[0] ?? 1);
  if (!(scale > 0)) {
    console.error("usage: deno run bench/synthetic.ts <scale> (a positive number)");
    Deno.exit(2);
  }
  console.log(JSON.stringify(syntheticSpec(scale)));
}
