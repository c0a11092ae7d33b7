import assert from "node:assert/strict";
import { oneLine } from "../../../tests/helpers/one_line.ts";
import type { NamedSchema, Property, Schema } from "../../model/types.ts";
import { s } from "../../../tests/helpers/model_builders.ts";
import { HOSTILE_ENUM, HOSTILE_TEXT } from "../../../tests/fixtures/sales_model.ts";
import { defaultFits, enumExpression, patternCheck, type ZodContext, zodExpression } from "./zod.ts";

const lax: ZodContext = {
  ref: (name, eager) => (eager ? `z.lazy(() => ${name}Schema)` : `${name}Schema`),
  strict: false,
  defaults: false,
  getters: true,
  named: new Map(),
};
const strict: ZodContext = { ...lax, strict: true };
const create: ZodContext = { ...strict, defaults: true };

function zod(schema: Schema, ctx: ZodContext = lax): string {
  return zodExpression(schema, ctx).join("\n");
}

Deno.test("zodExpression() prints scalars, formats and constraints (constraints only when strict)", () => {
  const table: [Schema, ZodContext, string][] = [
    [s.string(), lax, "z.string()"],
    [s.uuid(), lax, "z.guid()"],
    [s.string({ format: "date-time" }), lax, "z.iso.datetime({ offset: true, local: true })"],
    [s.string({ format: "date" }), lax, "z.iso.date()"],
    [s.string({ format: "email" }), lax, "z.string()"],
    [s.string({ format: "email" }), strict, "z.email()"],
    [s.string({ format: "uri" }), strict, "z.url()"],
    [s.string({ format: "binary" }), strict, "z.string()"],
    [s.string({ minLength: 1, maxLength: 5 }), lax, "z.string()"],
    [s.string({ minLength: 1, maxLength: 5 }), strict, "z.string().min(1).max(5)"],
    [s.string({ pattern: '^a"b`${x}\u2028$' }), strict, "z.string().regex(new RegExp('^a\"b`${x}\\u2028$'))"], // a lone { is an error in u mode
    [s.string({ pattern: "^(a+)+$" }), strict, "z.string()"],
    [s.string({ pattern: "^[\\w\\_]+$" }), strict, 'z.string().regex(new RegExp("^[\\\\w\\\\_]+$"))'],
    [s.string({ pattern: "(unclosed" }), strict, "z.string()"],
    [s.int(), lax, "z.number().int()"],
    [s.int({ minimum: 0, maximum: 10 }), strict, "z.number().int().min(0).max(10)"],
    [
      s.number({ exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.5 }),
      strict,
      "z.number().gt(0).lt(1).multipleOf(0.5)",
    ],
    [s.number({ minimum: Number.NaN, multipleOf: 0 }), strict, "z.number()"],
    [s.boolean(), lax, "z.boolean()"],
    [{ kind: "null" }, lax, "z.null()"],
    [{ kind: "null", nullable: true }, lax, "z.null()"],
    [s.unknown(), lax, "z.unknown()"],
    [{ kind: "unknown", nullable: true }, lax, "z.unknown()"],
    [s.string({ nullable: true }), lax, "z.string().nullable()"],
  ];
  for (const [given, ctx, want] of table) assert.equal(zod(given, ctx), want, JSON.stringify(given));
});

Deno.test("zodExpression() prints enums without changing their values", () => {
  const table: [Schema, string][] = [
    [s.enum(["a", "b"]), 'z.enum(["a", "b"])'],
    [s.enum(["a", "a", "b"]), 'z.enum(["a", "b"])'],
    [s.enum(["a", "b", null]), 'z.enum(["a", "b"]).nullable()'],
    [s.enum(["a"], { nullable: true }), 'z.literal("a").nullable()'],
    [s.enum([1, "1", true]), 'z.union([z.literal(1), z.literal("1"), z.literal(true)])'],
    [s.enum([null]), "z.null()"],
    [s.enum([]), "z.never()"],
    [s.enum([HOSTILE_ENUM]), 'z.literal("\\"\'; process.exit(1); //")'],
  ];
  for (const [given, want] of table) assert.equal(zod(given), want);
  assert.equal(enumExpression(["x", "y\u2028"]), 'z.enum(["x", "y\\u2028"])');
});

Deno.test("zodExpression() prints arrays, unions and intersections", () => {
  const table: [Schema, ZodContext, string][] = [
    [s.array(s.string()), lax, "z.array(z.string())"],
    [s.array(s.string(), { minItems: 1, maxItems: 3 }), strict, "z.array(z.string()).min(1).max(3)"],
    [s.array(s.string(), { nullable: true }), lax, "z.array(z.string()).nullable()"],
    [s.union([s.string(), s.int()]), lax, "z.union([z.string(), z.number().int()])"],
    [s.union([s.string()]), lax, "z.string()"],
    [s.union([]), lax, "z.never()"],
    [
      { kind: "intersection", parts: [s.ref("A"), s.ref("B")] },
      lax,
      "z.intersection(z.lazy(() => ASchema), z.lazy(() => BSchema))",
    ],
    [
      { kind: "intersection", parts: [s.string(), s.string(), s.string()] },
      lax,
      "z.intersection(z.intersection(z.string(), z.string()), z.string())",
    ],
    [{ kind: "intersection", parts: [] }, lax, "z.unknown()"],
  ];
  for (const [given, ctx, want] of table) assert.equal(zod(given, ctx), want);
});

Deno.test("zodExpression() prints objects by their additionalProperties", () => {
  assert.equal(zod(s.object({})), "z.object({})");
  assert.equal(zod(s.object({}, true)), "z.record(z.string(), z.unknown())");
  assert.equal(zod(s.object({}, s.int())), "z.record(z.string(), z.number().int())");
  assert.equal(zod(s.object({}, s.ref("Tag"))), "z.record(z.string(), z.lazy(() => TagSchema))");
  assert.equal(zod(s.object({ a: [s.string(), true] }, true)), "z.looseObject({\n  a: z.string(),\n})");
  assert.equal(zod(s.object({ a: [s.string(), true] }, s.int())), "z.looseObject({\n  a: z.string(),\n})");
  assert.equal(
    zod(s.object({ a: [s.string(), true], b: [s.int({ nullable: true })] }, false, { nullable: true })),
    "z.object({\n  a: z.string(),\n  b: z.number().int().nullable().optional(),\n}).nullable()",
  );
});

Deno.test("zodExpression() puts every property with a ref behind a getter, at any depth", () => {
  const tree = s.object({
    id: [s.int(), true],
    parent: [s.ref("Category", { nullable: true })],
    meta: [s.object({ owner: [s.ref("User"), true], note: [s.string()] })],
    pair: [s.union([s.ref("A"), s.array(s.ref("B"))]), true],
  });
  assert.equal(
    zod(tree),
    [
      "z.object({",
      "  id: z.number().int(),",
      "  get parent() {",
      "    return CategorySchema.nullable().optional();",
      "  },",
      "  get meta() {",
      "    return z.object({",
      "      get owner() {",
      "        return UserSchema;",
      "      },",
      "      note: z.string().optional(),",
      "    }).optional();",
      "  },",
      "  get pair() {",
      "    return z.union([ASchema, z.array(BSchema)]);",
      "  },",
      "})",
    ].join("\n"),
  );
  assert.equal(zod(s.array(s.ref("Tag"))), "z.array(z.lazy(() => TagSchema))");
  assert.equal(
    zod(s.object({ t: [s.ref("Tag"), true] }), { ...lax, getters: false }),
    "z.object({\n  t: TagSchema,\n})",
  );
});

Deno.test("zodExpression() quotes hostile keys and escapes descriptions", () => {
  const out = zod(
    s.object({
      'a"b': [s.string(), true],
      ["__proto__"]: [s.string(), true],
      "x-y": [s.ref("T"), true],
      d: [s.string({ description: HOSTILE_TEXT, deprecated: true }), true],
    }),
  );
  assert.equal(
    out,
    [
      "z.object({",
      "  'a\"b': z.string(),",
      '  ["__proto__"]: z.string(),',
      '  get "x-y"() {',
      "    return TSchema;",
      "  },",
      "  /**",
      "   * Ends *\\/ here `code` ${x} line",
      "   * sep \"quoted\" 'single'",
      "   * \\@evil tag",
      "   *",
      "   * @deprecated",
      "   */",
      "  d: z.string(),",
      "})",
    ].join("\n"),
  );
});

Deno.test("zodExpression() maps an absent inherited key such as constructor to undefined", () => {
  assert.equal(
    zod(s.object({ constructor: [s.number()] as [Schema], toString: [s.string(), true] as [Schema, boolean] })),
    [
      "z.object({",
      "  constructor: z.union([",
      "    z.number(),",
      '    z.custom<undefined>((value) => value === Reflect.get(Object.prototype, "constructor")).transform(() => undefined),',
      "  ]).optional(),",
      "  toString: z.string(),",
      "})",
    ].join("\n"),
  );
});

Deno.test("zodExpression() prints defaults only where asked, and only when they fit", () => {
  const body = s.object({
    tier: [s.enum(["gold", "silver"], { default: "silver" })],
    tags: [s.array(s.enum(["a", "b"]), { default: ["a"] })],
    meta: [s.object({ a: [s.int(), true] }, false, { default: { a: 1 } })],
    deep: [s.array(s.array(s.int()), { default: [[1]] })],
    bad: [s.int({ default: "high" })],
    n: [s.string({ nullable: true, default: null }), true],
  });
  assert.equal(
    zod(body, create),
    [
      "z.object({",
      '  tier: z.enum(["gold", "silver"]).default("silver"),',
      '  tags: z.array(z.enum(["a", "b"])).default(["a"]),',
      "  meta: z.object({",
      "    a: z.number().int(),",
      '  }).default({"a":1}),',
      "  deep: z.array(z.array(z.number().int())).default(() => ([[1]])),",
      "  bad: z.number().int().optional(),",
      "  n: z.string().nullable().default(null),",
      "})",
    ].join("\n"),
  );
  assert.ok(!oneLine(zod(body, strict)).includes(oneLine(".default(")));
});

Deno.test("zodExpression() uses the enum constant for top-level properties", () => {
  const ctx: ZodContext = { ...lax, enumFor: (p: Property) => (p.name === "status" ? "OrderStatusSchema" : undefined) };
  const schema = s.object({
    status: [s.enum(["a", "b", null]), true],
    nested: [s.object({ status: [s.enum(["a", "b"]), true] }), true],
  });
  assert.equal(
    zod(schema, ctx),
    [
      "z.object({",
      "  status: OrderStatusSchema.nullable(),",
      "  nested: z.object({",
      '    status: z.enum(["a", "b"]),',
      "  }),",
      "})",
    ].join("\n"),
  );
});

Deno.test("defaultFits() accepts only values of the schema's type", () => {
  const named = new Map<string, NamedSchema>([
    ["Id", { name: "Id", sourceName: "Id", pointer: "", schema: s.int() }],
  ]);
  const table: [unknown, Schema, boolean][] = [
    ["a", s.string(), true],
    [1, s.string(), false],
    [1.5, s.int(), false],
    [2, s.int(), true],
    [null, s.string(), false],
    [null, s.string({ nullable: true }), true],
    ["x", s.enum(["x"]), true],
    ["y", s.enum(["x"]), false],
    [[1, 2], s.array(s.int()), true],
    [[1, "2"], s.array(s.int()), false],
    [{ a: 1 }, s.object({ a: [s.int(), true] }), true],
    [{}, s.object({ a: [s.int(), true] }), false],
    [{ a: 1, b: 2 }, s.object({ a: [s.int(), true] }), false],
    [{ a: 1, b: 2 }, s.object({ a: [s.int(), true] }, true), true],
    [{ b: "x" }, s.object({}, s.int()), false],
    [JSON.parse('{"__proto__": {}}'), s.object({}, true), false],
    [3, s.ref("Id"), true],
    ["3", s.ref("Id"), false],
    [3, s.union([s.string(), s.int()]), true],
    [3, { kind: "intersection", parts: [s.int()] }, false],
    [{ any: 1 }, s.unknown(), true],
  ];
  for (const [value, schema, want] of table) {
    assert.equal(defaultFits(value, schema, named), want, `${JSON.stringify(value)} in ${JSON.stringify(schema)}`);
  }
});

Deno.test("patternCheck(): u flag when valid under it, without it when only that compiles, nothing otherwise", () => {
  assert.equal(patternCheck("^[a-z]+$"), '.regex(new RegExp("^[a-z]+$", "u"))');
  assert.equal(patternCheck("^[\\w\\-\\.]+$"), '.regex(new RegExp("^[\\\\w\\\\-\\\\.]+$", "u"))');
  assert.equal(patternCheck("^\\d\\_$"), '.regex(new RegExp("^\\\\d\\\\_$"))'); // \_ is an error in u mode
  assert.equal(patternCheck("(unclosed"), "");
  assert.equal(patternCheck("[z-a]"), "");
  assert.equal(patternCheck("(.*)*x"), "");
  // slashes and line terminators cannot end the literal: it is a string, not a regex literal
  assert.equal(patternCheck("^a/b\n*/$"), '.regex(new RegExp("^a/b\\n*/$", "u"))');
});
