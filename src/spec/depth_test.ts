import assert from "node:assert/strict";
import { loadSpec as loadSpecWith } from "./load.ts";
import { parseYaml } from "./yaml_text.ts";
import { MAX_NESTING, MAX_REF_DEPTH } from "./depth.ts";
import { SpecError } from "./diagnostics.ts";
import { yamlTooDeepAt } from "./yaml_depth.ts";
import { generate } from "../generate.ts";

/** {@link loadSpecWith} with the YAML parser, as `generate()` calls it. */
const loadSpec = (input: string | object) => loadSpecWith(input, { parseYaml });

const info = { title: "t", version: "1" };

/** A spec whose one response schema nests `levels` object schemas (2 JSON levels each). */
function nestedSpec(levels: number): Record<string, unknown> {
  let schema: unknown = { type: "string" };
  for (let i = 0; i < levels; i++) schema = { type: "object", properties: { x: schema } };
  return {
    openapi: "3.1.0",
    info,
    paths: {
      "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema } } } } } },
    },
  };
}

/** A spec with `links` component schemas, each with one property whose schema is a $ref to the next. */
function chainSpec(links: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < links; i++) {
    schemas[`S${i}`] = { type: "object", properties: { x: { $ref: `#/components/schemas/S${i + 1}` } } };
  }
  schemas[`S${links}`] = { type: "string" };
  const schema = { $ref: "#/components/schemas/S0" };
  return {
    openapi: "3.1.0",
    info,
    paths: {
      "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema } } } } } },
    },
    components: { schemas },
  };
}

function tooDeep(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SpecError, `expected a SpecError, got ${e}`);
    assert.equal(e.diagnostic.code, "spec/too-deep", e.message);
    return e;
  }
  assert.fail("expected spec/too-deep");
}

Deno.test("nesting: at the limit loads; one past it is spec/too-deep at the pointer, with line and column", () => {
  // the schema sits at depth 8 (/paths/~1a/get/responses/200/content/application~1json/schema): 2 per level below
  const fits = Math.floor((MAX_NESTING - 8) / 2);
  assert.doesNotThrow(() => loadSpec(JSON.stringify(nestedSpec(fits), null, 1)));
  const e = tooDeep(() => loadSpec(JSON.stringify(nestedSpec(fits + 1), null, 1)));
  const pointer = e.diagnostic.pointer;
  assert.equal(pointer.split("/").length - 1, MAX_NESTING + 1);
  assert.match(pointer, /^\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema(\/properties\/x)+/);
  assert.ok(e.diagnostic.line! > 1 && e.diagnostic.column! > 1, JSON.stringify(e.diagnostic));
  assert.match(e.diagnostic.message, new RegExp(`deeper than ${MAX_NESTING} levels`));
});

Deno.test("nesting: 1,300 schema levels and 100,000 nested arrays are spec/too-deep, never a stack overflow", () => {
  tooDeep(() => generate(JSON.stringify(nestedSpec(1300))));
  const arrays = `{"openapi": "3.1.0", "paths": {}, "x-deep": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
  const e = tooDeep(() => loadSpec(arrays));
  assert.match(e.diagnostic.pointer, /^\/x-deep(\/0)+$/);
  tooDeep(() => loadSpec(JSON.parse(arrays))); // an object input too
});

Deno.test("nesting: a cyclic object input is spec/too-deep, not a hang", () => {
  const doc: Record<string, unknown> = { openapi: "3.1.0", paths: {} };
  doc.self = doc;
  tooDeep(() => loadSpec(doc));
});

Deno.test("nesting: only a document's own keys count, as Object.keys gives them; a JSON __proto__ key is one", () => {
  // an object input whose prototype has a deep enumerable member: for…in would see it, the check must not
  const deep = JSON.parse(`${"[".repeat(MAX_NESTING + 10)}${"]".repeat(MAX_NESTING + 10)}`);
  const doc = Object.assign(Object.create({ inherited: deep }), { openapi: "3.1.0", paths: {} });
  assert.doesNotThrow(() => loadSpec(doc));
  // a `__proto__` member of JSON text is an own key: its nesting counts
  const text = `{"openapi": "3.1.0", "paths": {}, "__proto__": {"x": ${JSON.stringify(deep)}}}`;
  assert.match(tooDeep(() => loadSpec(text)).diagnostic.pointer, /^\/__proto__\/x(\/0)+$/);
});

Deno.test("YAML: a 5,000-deep valid sequence or flow collection is spec/too-deep with a line, not Invalid YAML", () => {
  let block = "openapi: 3.1.0\npaths: {}\nx-deep:\n";
  for (let i = 0, indent = "  "; i < 5000; i++, indent += "  ") block += `${indent}-\n`;
  const flow = `openapi: 3.1.0\npaths: {}\nx-deep: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
  for (const text of [block, flow]) {
    const e = tooDeep(() => loadSpec(text));
    assert.ok(e.diagnostic.line! >= 3, JSON.stringify(e.diagnostic));
  }
  // past the limit but within what the parser can take: the exact check names the pointer
  const mid = `openapi: 3.1.0\npaths: {}\nx-deep: ${"[".repeat(MAX_NESTING + 20)}${"]".repeat(MAX_NESTING + 20)}\n`;
  const e = tooDeep(() => loadSpec(mid));
  assert.match(e.diagnostic.pointer, /^\/x-deep(\/0)+$/);
});

Deno.test("yamlTooDeepAt: counts structure, not brackets in strings, comments or block scalars", () => {
  // the top-level mapping counts as one level (the estimate runs one above the exact depth)
  assert.equal(yamlTooDeepAt("a: [[[1]]]\n", 3), 5);
  assert.equal(yamlTooDeepAt("a: [[1]]\n", 3), undefined);
  assert.equal(yamlTooDeepAt("a:\n  b:\n    c:\n      d: 1\n", 3), 21);
  assert.equal(yamlTooDeepAt("- - - - x\n", 3), 4);
  const harmless = [
    `a: "[[[[[[["\n`,
    `a: '[[[[[[[ it''s'\n`,
    "a: x # [[[[[[[\n",
    "pattern: ^[a-z][[[[]]]]$\n",
    "a: |\n        [[[[[[[[\n            {{{{{{{\n  b: 1\n",
  ];
  for (const text of harmless) assert.equal(yamlTooDeepAt(text, 3), undefined, text);
});

Deno.test("chained $refs: 1,300 property refs are spec/too-deep at the ref past the limit; a short chain loads", () => {
  const e = tooDeep(() => generate(JSON.stringify(chainSpec(1300))));
  assert.match(e.diagnostic.pointer, /^\/components\/schemas\/S\d+\/properties\/x$/);
  assert.match(e.diagnostic.message, new RegExp(`deeper than ${MAX_REF_DEPTH} levels through \\d+ chained \\$refs`));
  assert.doesNotThrow(() => generate(JSON.stringify(chainSpec(50))));
});

Deno.test("chained $refs: recursive schemas end the walk, as in the model, and load", () => {
  const spec = chainSpec(50);
  const schemas = (spec.components as { schemas: Record<string, unknown> }).schemas;
  schemas.S50 = { type: "object", properties: { back: { $ref: "#/components/schemas/S0" } } }; // a 51-cycle
  schemas.Tree = {
    type: "object",
    properties: { children: { type: "array", items: { $ref: "#/components/schemas/Tree" } } },
  };
  assert.doesNotThrow(() => generate(JSON.stringify(spec)));
});
