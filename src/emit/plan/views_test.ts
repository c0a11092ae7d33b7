import assert from "node:assert/strict";
import type { NamedSchema, ObjectSchema } from "../../model/types.ts";
import { s } from "../../../tests/helpers/model_builders.ts";
import { applyView, bodyObject, canonicalJson, resolveRef } from "./views.ts";

const order: ObjectSchema = s.object({
  id: [s.uuid({ readOnly: true }), true],
  password: [s.string({ writeOnly: true }), true],
  note: [s.string(), true],
  nested: [s.object({ secret: [s.string({ writeOnly: true })], at: [s.string({ readOnly: true })] })],
  list: [s.array(s.object({ rid: [s.string({ readOnly: true })] }))],
});

function shape(schema: ReturnType<typeof applyView>): unknown {
  if (schema.kind !== "object") return schema.kind;
  return schema.properties.map((p) => [p.name, p.required, shape(p.schema)]);
}

Deno.test("applyView() leaves writeOnly out of item and readOnly out of create and update, in the inline tree", () => {
  assert.deepEqual(shape(applyView(order, "item")), [
    ["id", true, "string"],
    ["note", true, "string"],
    ["nested", false, [["at", false, "string"]]],
    ["list", false, "array"],
  ]);
  assert.deepEqual(shape(applyView(order, "create")), [
    ["password", true, "string"],
    ["note", true, "string"],
    ["nested", false, [["secret", false, "string"]]],
    ["list", false, "array"],
  ]);
  const update = applyView(order, "update");
  assert.deepEqual(shape(update), [
    ["password", false, "string"],
    ["note", false, "string"],
    ["nested", false, [["secret", false, "string"]]],
    ["list", false, "array"],
  ]);
  const list = update.kind === "object" ? update.properties[3].schema : undefined;
  assert.deepEqual(list?.kind === "array" ? shape(list.items) : undefined, []);
  assert.equal(applyView(order, "neutral"), order);
});

Deno.test("resolveRef() and bodyObject() follow refs, and stop on cycles and dangling names", () => {
  const named = new Map<string, NamedSchema>([
    ["A", { name: "A", sourceName: "A", pointer: "", schema: s.ref("B") }],
    ["B", { name: "B", sourceName: "B", pointer: "", schema: order }],
    ["Loop", { name: "Loop", sourceName: "Loop", pointer: "", schema: s.ref("Loop") }],
  ]);
  assert.equal(bodyObject(s.ref("A"), named), order);
  assert.equal(resolveRef(s.ref("Loop"), named), undefined);
  assert.equal(resolveRef(s.ref("Missing"), named), undefined);
  assert.equal(bodyObject(s.string(), named), undefined);
});

Deno.test("canonicalJson() sorts keys and drops undefined", () => {
  assert.equal(canonicalJson({ b: 1, a: { d: undefined, c: [2, "x"] } }), '{"a":{"c":[2,"x"]},"b":1}');
  assert.equal(canonicalJson(undefined), "null");
});
