/**
 * A lone brace in a path segment (`/a{/{id}`) is text, not the start of a parameter: only `{name}` without braces
 * inside is a path parameter, as the client's path templating reads it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../../mod.ts";
import { crudSpec } from "./crud_spec.ts";

Deno.test("a lone brace in a path segment: the item route's parameter is still `id`", () => {
  const { model } = generate(crudSpec([{ path: "a{", schema: "A" }]));
  const entity = model.entities[0];
  assert.ok(entity, "the resource is an entity");
  const get = entity.operations.get;
  assert.ok(get, "it has a get");
  assert.deepEqual(get.pathParams.map((p) => p.name), ["id"]);
  assert.equal(get.path, "/a{/{id}");
});
