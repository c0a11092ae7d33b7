/**
 * A small CRUD spec builder for the escaping tests: one entity per path name, with the given properties.
 *
 * @module
 */

/** One entity of {@link crudSpec}: its collection path segment, its schema name and its properties. */
export interface CrudEntity {
  path: string;
  schema: string;
  properties?: Record<string, unknown>;
  description?: string;
}

/** An OpenAPI 3.1 document with list/create/get/update/delete operations for each entity. */
export function crudSpec(entities: readonly CrudEntity[], title = "Escapes"): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const e of entities) {
    const ref = { $ref: `#/components/schemas/${e.schema.replaceAll("~", "~0").replaceAll("/", "~1")}` };
    const one = { description: "ok", content: { "application/json": { schema: ref } } };
    const body = { content: { "application/json": { schema: ref } } };
    paths[`/${e.path}`] = {
      get: {
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: ref } } } },
        },
      },
      post: { requestBody: body, responses: { "201": one } },
    };
    paths[`/${e.path}/{id}`] = {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: { responses: { "200": one } },
      patch: { requestBody: body, responses: { "200": one } },
      delete: { responses: { "204": { description: "gone" } } },
    };
    schemas[e.schema] = {
      type: "object",
      ...(e.description === undefined ? {} : { description: e.description }),
      required: ["id"],
      properties: { id: { type: "string" }, ...e.properties },
    };
  }
  return { openapi: "3.1.0", info: { title, version: "1" }, paths, components: { schemas } };
}
