import assert from "node:assert/strict";
import type { Schema } from "../../model/types.ts";
import { s } from "../../../tests/helpers/model_builders.ts";
import { type TsContext, tsType } from "./ts_type.ts";

const ctx: TsContext = { ref: (name) => `schemas.${name}` };

Deno.test("tsType() prints the type zod infers", () => {
  const table: [Schema, string][] = [
    [s.string(), "string"],
    [s.uuid({ nullable: true }), "string | null"],
    [s.int(), "number"],
    [s.boolean(), "boolean"],
    [{ kind: "null", nullable: true }, "null"],
    [s.unknown(), "unknown"],
    [s.enum(["a", "b\u2028"]), '"a" | "b\\u2028"'],
    [s.enum(["a", null]), '"a" | null'],
    [s.enum([1], { nullable: true }), "1 | null"],
    [s.enum([]), "never"],
    [s.enum([], { nullable: true }), "null"],
    [s.array(s.ref("Tag")), "Array<schemas.Tag>"],
    [s.array(s.union([s.string(), s.int()])), "Array<string | number>"],
    [s.union([s.string(), s.int()], { nullable: true }), "(string | number) | null"],
    [
      { kind: "intersection", parts: [s.union([s.ref("A"), s.ref("B")]), s.ref("C")] },
      "(schemas.A | schemas.B) & schemas.C",
    ],
    [s.object({}), "{ [key: string]: never }"],
    [s.object({}, true), "{ [key: string]: unknown }"],
    [s.object({}, s.int()), "{ [key: string]: number }"],
    [
      s.object({ id: [s.int(), true], 'a"b': [s.string()], "x-y": [s.string()] }, true),
      `{ id: number; 'a"b'?: string | undefined; "x-y"?: string | undefined; [key: string]: unknown }`,
    ],
  ];
  for (const [given, want] of table) assert.equal(tsType(given, ctx), want, JSON.stringify(given));
});

Deno.test("tsType() uses enum type names for top-level properties only", () => {
  const schema = s.object({
    status: [s.enum(["a", null]), true],
    inner: [s.object({ status: [s.enum(["a"]), true] }), true],
  });
  assert.equal(
    tsType(schema, { ...ctx, enumFor: (p) => (p.name === "status" ? "OrderStatus" : undefined) }),
    '{ status: OrderStatus | null; inner: { status: "a" } }',
  );
});
