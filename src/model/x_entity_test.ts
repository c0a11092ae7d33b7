import assert from "node:assert/strict";
import { generate } from "../generate.ts";

/** A spec whose `/things` operations carry `x-entity: value` (and are tagged "gadgets"). */
function spec(value: unknown) {
  const ok = { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } };
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/things": {
        get: {
          tags: ["gadgets"],
          "x-entity": value,
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: {} } } } },
          },
        },
        post: { tags: ["gadgets"], "x-entity": value, responses: { "201": ok } },
      },
    },
    components: { schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } } },
  };
}

Deno.test("x-entity: unusable values get a diagnostic each and are ignored; usable ones name the entity", () => {
  const table: [unknown, string, number][] = [
    ["../../x", "things", 2],
    ["", "things", 2],
    [42, "things", 2],
    [null, "things", 2],
    ["a/b", "things", 2],
    ["1st", "things", 2],
    ["Thing", "things", 0],
    ["things", "things", 0],
  ];
  for (const [value, entity, warnings] of table) {
    const result = generate(spec(value));
    assert.deepEqual(result.model.entities.map((e) => e.name), [entity], String(value));
    const found = result.diagnostics.filter((d) => d.code === "model/bad-x-entity");
    assert.equal(found.length, warnings, JSON.stringify(value));
    for (const d of found) assert.match(d.message, /is not a usable entity name/);
    assert.ok(result.files["client/api.ts"].length > 0);
    assert.ok(!Object.keys(result.files).some((f) => f.includes("..")), "no file name from the value");
  }
});
