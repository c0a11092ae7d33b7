import assert from "node:assert/strict";
import { generate } from "../generate.ts";

/** A spec whose answers are typed `object` but declare `items` (seen in the wild: Forem's `getOrganization`). */
function spec(itemAnswer: unknown, listAnswer: unknown) {
  const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
  return {
    openapi: "3.0.3",
    info: { title: "Orgs", version: "1" },
    paths: {
      "/organizations": { get: { responses: { "200": json(listAnswer) } } },
      "/organizations/{username}": {
        get: {
          parameters: [{ name: "username", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": json(itemAnswer) },
        },
      },
    },
    components: {
      schemas: {
        Organization: {
          type: "object",
          required: ["username"],
          properties: { username: { type: "string" }, name: { type: "string" } },
        },
      },
    },
  };
}

Deno.test("an answer typed object that declares items: one item on an item route, a list on a collection route", () => {
  const misplaced = { type: "object", items: { $ref: "#/components/schemas/Organization" } };
  const { model, diagnostics } = generate(spec(misplaced, misplaced));
  const orgs = model.entities.find((e) => e.name === "organizations");
  assert.ok(orgs, "the organizations entity is found");
  assert.equal(orgs.primaryKey.name, "username");
  assert.ok(orgs.operations.get, "the item route is its get");
  assert.ok(orgs.operations.list, "the collection route is its list");
  const warned = diagnostics.filter((d) => d.code === "model/object-with-items").map((d) => d.pointer).sort();
  assert.deepEqual(warned, [
    "/paths/~1organizations/get/responses/200/content/application~1json/schema",
    "/paths/~1organizations~1{username}/get/responses/200/content/application~1json/schema",
  ]);
});

Deno.test("an object with properties and items is an object: no rewriting, no warning", () => {
  const list = { type: "array", items: { $ref: "#/components/schemas/Organization" } };
  const withProperties = {
    type: "object",
    properties: { username: { type: "string" } },
    items: { type: "string" },
  };
  const { diagnostics } = generate(spec(withProperties, list));
  assert.deepEqual(diagnostics.filter((d) => d.code === "model/object-with-items"), []);
});
