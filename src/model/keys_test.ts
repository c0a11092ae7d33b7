import assert from "node:assert/strict";
import { matchKey } from "./keys.ts";
import type { ObjectSchema, Schema } from "./types.ts";

const str: Schema = { kind: "string" };
const item = (...names: string[]): ObjectSchema => ({
  kind: "object",
  additionalProperties: true,
  properties: names.map((name) => ({ name, required: true, schema: str })),
});

Deno.test("matchKey: the item route's parameter names the key by its words less the entity's name", () => {
  const cases: { given: [ObjectSchema, string, string | undefined]; want: string | undefined }[] = [
    { given: [item("name", "id"), "order", "order_id"], want: "id" },
    { given: [item("_id", "title"), "note", "id"], want: "_id" },
    { given: [item("code", "name"), "plan", "code"], want: "code" },
    { given: [item("external_id", "email"), "customer", "external_customer_id"], want: "external_id" },
    { given: [item("name", "description"), "event_type", "event_type_name"], want: "name" },
    { given: [item("kind", "value"), "metadata", "metadata_kind"], want: "kind" },
    { given: [item("uuid", "name"), "category", "categoryUuid"], want: "uuid" },
    { given: [item("voice_id", "name"), "voice", "voice_id"], want: "voice_id" },
    { given: [item("id_code", "title"), "comment", "id"], want: "id_code" },
    { given: [item("name", "type", "value"), "config", "config_setting_name"], want: "name" },
    { given: [item("title", "body"), "comment", "id"], want: undefined },
  ];
  for (const { given, want } of cases) assert.deepEqual(matchKey(...given)?.key.name, want, JSON.stringify(given));
});

Deno.test("matchKey: an ambiguous match picks the same field for any field order and names the rivals", () => {
  const a = matchKey(item("name_slug", "name_text"), "tag", "name");
  const b = matchKey(item("name_text", "name_slug"), "tag", "name");
  assert.deepEqual(a?.key.name, "name_slug");
  assert.deepEqual(b?.key.name, "name_slug");
  assert.deepEqual(a?.rivals, ["name_text"]);
});

Deno.test("generate(): an ambiguous key is chosen and named in a model/ambiguous-key warning", async () => {
  const { generate } = await import("../generate.ts");
  const tag = { type: "object", properties: { name_text: { type: "string" }, name_slug: { type: "string" } } };
  const ok = (schema: unknown) => ({
    responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
  });
  const { model, diagnostics } = generate({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/tags": { get: ok({ type: "array", items: { $ref: "#/components/schemas/Tag" } }) },
      "/tags/{name}": {
        parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
        get: ok({ $ref: "#/components/schemas/Tag" }),
      },
    },
    components: { schemas: { Tag: tag } },
  });
  assert.equal(model.entities[0]?.primaryKey.name, "name_slug");
  assert.deepEqual(diagnostics.filter((d) => d.code === "model/ambiguous-key").map((d) => d.message), [
    'Resource "tags": the key could be "name_slug" or "name_text"; "name_slug" was chosen (the config file can set the key)',
  ]);
});
