import assert from "node:assert/strict";
import { SpecError } from "./diagnostics.ts";
import { UPSTREAM_SPECS } from "../../tests/helpers/test_specs.ts";
import { loadSpec as loadSpecWith, withPosition } from "./load.ts";
import { parseYaml } from "./yaml_text.ts";

/** {@link loadSpecWith} with the YAML parser, as `generate()` calls it. */
const loadSpec = (input: string | object) => loadSpecWith(input, { parseYaml });

const JSON_SPEC = `\uFEFF{
  "openapi": "3.1.0",
  "info": {"title": "T \\" {not a key}", "version": "1"},
  "paths": {
    "/orders/{id}": {
      "get": {"tags": ["a", "b"], "responses": {"200": {"description": "ok"}}}
    },
    "/odd~key": {}
  }
}`;

const YAML_SPEC = `openapi: 3.1.0
info: {title: 'T " {not a key}', version: "1"}
paths:
  /orders/{id}:
    get:
      tags:
        - a
        - b
      responses:
        200:
          description: ok
  /odd~key: {}
`;

/** Throws unless `fn` throws a SpecError; returns its diagnostic. */
function specError(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e.diagnostic;
    throw e;
  }
  throw new Error("Expected a SpecError");
}

Deno.test("loadSpec reads JSON and YAML to the same document", () => {
  const fromJson = loadSpec(JSON_SPEC);
  const fromYaml = loadSpec(YAML_SPEC);
  assert.equal(fromJson.openapi, "3.1.0");
  assert.equal(fromYaml.openapi, "3.1.0");
  assert.deepEqual(fromYaml.document, fromJson.document);
  assert.deepEqual(fromJson.diagnostics, []);
  assert.deepEqual(fromYaml.diagnostics, []);
});

Deno.test("loadSpec takes an object as it is, without places", () => {
  const input = { openapi: "3.0.3", paths: { "/a": {} } };
  const spec = loadSpec(input);
  assert.equal(spec.document, input);
  assert.equal(spec.locate("/paths"), undefined);
});

Deno.test("locate finds places in JSON", () => {
  const spec = loadSpec(JSON_SPEC);
  const cases: [string, { line: number; column: number } | undefined][] = [
    ["", { line: 1, column: 1 }],
    ["/openapi", { line: 2, column: 3 }],
    ["/paths", { line: 4, column: 3 }],
    ["/paths/~1orders~1{id}", { line: 5, column: 5 }],
    ["/paths/~1orders~1{id}/get/tags/1", { line: 6, column: 29 }],
    ["/paths/~1orders~1{id}/get/responses/200/description", { line: 6, column: 57 }],
    ["/paths/~1odd~0key", { line: 8, column: 5 }],
    ["/paths/~1nope", undefined],
    ["/paths/~1orders~1{id}/get/tags/2", undefined],
  ];
  for (const [pointer, want] of cases) assert.deepEqual(spec.locate(pointer), want, pointer);
});

Deno.test("locate finds places in YAML", () => {
  const spec = loadSpec(YAML_SPEC);
  const cases: [string, { line: number; column: number } | undefined][] = [
    ["", { line: 1, column: 1 }],
    ["/openapi", { line: 1, column: 1 }],
    ["/info/title", { line: 2, column: 8 }],
    ["/paths", { line: 3, column: 1 }],
    ["/paths/~1orders~1{id}", { line: 4, column: 3 }],
    ["/paths/~1orders~1{id}/get/tags/1", { line: 8, column: 11 }],
    ["/paths/~1orders~1{id}/get/responses/200", { line: 10, column: 9 }],
    ["/paths/~1orders~1{id}/get/responses/200/description", { line: 11, column: 11 }],
    ["/paths/~1odd~0key", { line: 12, column: 3 }],
    ["/paths/~1nope", undefined],
    ["/paths/~1orders~1{id}/get/tags/2", undefined],
    ["/paths/~1orders~1{id}/get/tags/01", undefined],
    ["/openapi/x", undefined],
  ];
  for (const [pointer, want] of cases) assert.deepEqual(spec.locate(pointer), want, pointer);
});

Deno.test("locate follows YAML aliases and merge keys", () => {
  const spec = loadSpec(`openapi: 3.1.0
paths: {}
components:
  schemas:
    Base: &base
      type: object
      required: [id]
    Copy: *base
    Derived:
      <<: *base
      description: d
`);
  const schemas = spec.document.components as { schemas: Record<string, Record<string, unknown>> };
  assert.deepEqual(schemas.schemas.Derived, { type: "object", required: ["id"], description: "d" });
  assert.deepEqual(spec.locate("/components/schemas/Copy/type"), { line: 6, column: 7 });
  assert.deepEqual(spec.locate("/components/schemas/Derived/required/0"), { line: 7, column: 18 });
  assert.deepEqual(spec.locate("/components/schemas/Derived/description"), { line: 11, column: 7 });
});

Deno.test("loadSpec rejects broken text with line and column", () => {
  const cases: [string, string, string, number, number][] = [
    ['{"openapi": "3.1.0",\n  "paths": }', "spec/invalid-json", "Invalid JSON: Unexpected token '}'", 2, 12],
    ['{\n  "a": 1,\n}', "spec/invalid-json", "Invalid JSON: Expected double-quoted property name", 3, 1],
    ['{"a": 1', "spec/invalid-json", "Invalid JSON: Expected ',' or '}' after property value", 1, 8],
    ["[1, 2", "spec/invalid-json", "Invalid JSON: Expected ',' or ']' after array element", 1, 6],
    ['{\n "a": "\\q"}', "spec/invalid-json", "Invalid JSON: Bad escaped character", 2, 9],
    ["openapi: 3.1.0\npaths:\n  /a:\n    get: [1, 2\n", "spec/invalid-yaml", "Invalid YAML: ", 5, 1],
    ["openapi: 3.1.0\npaths: {}\npaths: {}\n", "spec/invalid-yaml", "Invalid YAML: Map keys must be unique", 3, 1],
    ["openapi: 3.1.0\n  paths: {}\n", "spec/invalid-yaml", "Invalid YAML: Nested mappings", 1, 10],
    [
      "openapi: 3.1.0\n---\nopenapi: 3.1.0\n",
      "spec/invalid-yaml",
      "Invalid YAML: The text holds more than one YAML document",
      2,
      1,
    ],
    ["openapi: 3.1.0\nx: *nowhere\n", "spec/invalid-yaml", "Invalid YAML: Unknown alias *nowhere", 2, 4],
    ["openapi: 3.1.0\nx: &a {y: *a}\n", "spec/invalid-yaml", "Invalid YAML: Alias *a is inside the node", 2, 11],
  ];
  for (const [text, code, message, line, column] of cases) {
    const d = specError(() => loadSpec(text));
    assert.equal(d.code, code, text);
    assert.ok(d.message.startsWith(message), `${text}: ${d.message}`);
    assert.ok(!d.message.includes("\n") && !d.message.endsWith("."), d.message);
    assert.match(d.message, /^[A-Z]/);
    assert.deepEqual([d.line, d.column], [line, column], `${text}: ${d.message}`);
    assert.equal(d.pointer, "");
  }
});

Deno.test("loadSpec rejects documents that are not OpenAPI 3", () => {
  const cases: [string | object, string, string, string][] = [
    ["", "spec/empty", "", "The spec is empty"],
    ["  \n", "spec/empty", "", "The spec is empty"],
    ["[1]", "spec/not-openapi", "", "Not an OpenAPI 3 document: expected an object, got an array"],
    ["just text", "spec/not-openapi", "", "Not an OpenAPI 3 document: expected an object, got a string"],
    ["null", "spec/not-openapi", "", "Not an OpenAPI 3 document: expected an object, got null"],
    ['{"swagger": "2.0", "paths": {}}', "spec/swagger-2", "/swagger", "Swagger 2.0 is not supported"],
    ["swagger: '2.0'\n", "spec/swagger-2", "/swagger", "Swagger 2.0 is not supported"],
    ['{"info": {}}', "spec/not-openapi", "", "Not an OpenAPI 3 document: it has no openapi field"],
    ['{"openapi": "2.0"}', "spec/not-openapi", "/openapi", 'Not an OpenAPI 3 document: openapi is "2.0"'],
    ['{"openapi": "4.0.0"}', "spec/not-openapi", "/openapi", "Not an OpenAPI 3 document"],
    [{ openapi: 2 }, "spec/not-openapi", "/openapi", "Not an OpenAPI 3 document: openapi is 2, expected 3.x"],
    [[], "spec/not-openapi", "", "Not an OpenAPI 3 document"],
  ];
  for (const [input, code, pointer, message] of cases) {
    const d = specError(() => loadSpec(input));
    assert.equal(d.code, code, String(input));
    assert.equal(d.pointer, pointer, String(input));
    assert.ok(d.message.startsWith(message), `${input}: ${d.message}`);
  }
  assert.deepEqual(
    [
      specError(() => loadSpec('{\n  "swagger": "2.0"\n}')).line,
      specError(() => loadSpec("x: 1\nswagger: '2.0'\n")).line,
    ],
    [2, 2],
  );
});

Deno.test("loadSpec warns about a missing or broken paths field and a numeric version", () => {
  const cases: [string, string, string[]][] = [
    ['{"openapi": "3.1.0"}', "3.1.0", ["spec/no-paths"]],
    ['{"openapi": "3.0.3", "paths": []}', "3.0.3", ["spec/no-paths"]],
    ["openapi: 3.1\npaths: {}\n", "3.1", ["spec/openapi-not-string"]],
    ["openapi: 3.0\n", "3.0", ["spec/openapi-not-string", "spec/no-paths"]],
    ["openapi: 3.1.0\npaths: {}\nx: !custom 1\n", "3.1.0", ["spec/yaml-warning"]],
  ];
  for (const [text, openapi, codes] of cases) {
    const spec = loadSpec(text);
    assert.equal(spec.openapi, openapi, text);
    assert.deepEqual(spec.diagnostics.map((d) => d.code), codes, text);
    assert.ok(spec.diagnostics.every((d) => d.severity === "warning" && d.line !== undefined), text);
    assert.deepEqual(spec.document.paths, {});
  }
});

Deno.test("loadSpec keeps __proto__ keys as plain own properties", () => {
  const texts = [
    '{"openapi": "3.1.0", "paths": {}, "__proto__": {"polluted": true}, "x": {"__proto__": {"polluted": true}}}',
    "openapi: 3.1.0\npaths: {}\n__proto__: {polluted: true}\nx:\n  __proto__: {polluted: true}\n",
    "openapi: 3.1.0\npaths: {}\nbase: &b {__proto__: {polluted: true}}\nx:\n  <<: *b\n",
  ];
  for (const text of texts) {
    const { document } = loadSpec(text);
    const x = document.x as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(x), Object.prototype, text);
    assert.ok(Object.hasOwn(x, "__proto__"), text);
    assert.deepEqual(Object.getOwnPropertyDescriptor(x, "__proto__")?.value, { polluted: true });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((x as Record<string, unknown>).polluted, undefined);
  }
});

Deno.test("loadSpec stops a YAML alias bomb quickly", () => {
  const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
  }
  const text = `openapi: 3.1.0\npaths: {}\n${levels.join("\n")}\n`;
  const start = performance.now();
  const d = specError(() => loadSpec(text));
  assert.ok(performance.now() - start < 1000);
  assert.equal(d.code, "spec/invalid-yaml");
  assert.match(d.message, /^Invalid YAML: Too many alias expansions/);
});

Deno.test("loadSpec allows ordinary YAML alias use", () => {
  const uses = Array.from({ length: 200 }, (_, i) => `  s${i}: *err`).join("\n");
  const spec = loadSpec(
    `openapi: 3.1.0\npaths: {}\nerr: &err {type: object, properties: {code: {type: integer}}}\nx:\n${uses}\n`,
  );
  assert.deepEqual((spec.document.x as Record<string, unknown>).s199, spec.document.err);
});

Deno.test("withPosition falls back to the nearest place that exists", () => {
  const spec = loadSpec(JSON_SPEC);
  const d = { code: "x", severity: "warning" as const, message: "Odd", pointer: "/paths/~1odd~0key/get/x" };
  assert.deepEqual(withPosition(spec, d), { ...d, line: 8, column: 5 });
  assert.deepEqual(withPosition(spec, { ...d, line: 1, column: 1 }), { ...d, line: 1, column: 1 });
  assert.deepEqual(withPosition(loadSpec({ openapi: "3.1.0", paths: {} }), d), d);
});

Deno.test("loadSpec reads every upstream fixture", async () => {
  const dir = UPSTREAM_SPECS; // ../shared/specs/upstream beside the repository root
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return; // the fixtures are not here
  }
  for (const entry of entries.filter((e) => e.isFile).sort((a, b) => a.name.localeCompare(b.name))) {
    const spec = loadSpec(await Deno.readTextFile(`${dir}/${entry.name}`));
    assert.ok(spec.openapi.startsWith("3."), entry.name);
    assert.ok(spec.locate("/paths") !== undefined || spec.diagnostics.length > 0, entry.name);
  }
});
