/**
 * Spec patterns in the generated Zod: Unicode semantics (`^\p{L}+$` accepts "José" and rejects "p{L}"), and a
 * diagnostic with the schema's pointer for every pattern left out (invalid, or catastrophic) or compiled without `u`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../../mod.ts";
import { writeFiles } from "../helpers/typecheck.ts";
import { crudSpec } from "./crud_spec.ts";

function patternSpec(): Record<string, unknown> {
  return crudSpec([{
    path: "people",
    schema: "Person",
    properties: {
      name: { type: "string", pattern: "^\\p{L}+$" },
      emoji: { type: "string", pattern: "^.$" },
      code: { type: "string", pattern: "^(a+)+$" },
      broken: { type: "string", pattern: "(x" },
      legacy: { type: "string", pattern: "^\\w\\_$" },
      path: { type: "string", pattern: "^/a/\n*/\u2028$" },
    },
  }]);
}

Deno.test({
  name: "patterns: the generated create schema validates with Unicode semantics",
  permissions: { read: true, write: true },
  async fn() {
    const { files } = generate(patternSpec());
    const dir = decodeURIComponent(new URL("../.out/escape_pattern/", import.meta.url).pathname);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await writeFiles(dir, files);
    const { PersonCreateSchema: create } = await import(`${dir}schemas/index.ts`);
    const ok = (field: string, value: string) => create.safeParse({ id: "1", [field]: value }).success;
    assert.equal(ok("name", "José"), true, "a letter outside ASCII is a letter");
    assert.equal(ok("name", "p{L}"), false, "\\p{L} is a property escape, not the text p{L}");
    assert.equal(ok("emoji", "😀"), true, "one code point past U+FFFF is one character");
    assert.equal(ok("legacy", "a_"), true, "a pattern valid only without u still validates");
    assert.equal(ok("path", "/a/\n\n\n/\u2028"), true, "slashes and line terminators kept their meaning");
    assert.equal(ok("path", "/a/x/\u2028"), false);
    // the catastrophic and the invalid pattern are left out, so no input can hang or break validation
    assert.equal(ok("code", "a".repeat(40) + "!"), true);
    assert.equal(ok("broken", "anything"), true);
  },
});

Deno.test("patterns: a diagnostic names each pattern left out or compiled without u, at its place", () => {
  const { diagnostics } = generate(JSON.stringify(patternSpec(), null, 2));
  const found = diagnostics.filter((d) => d.code.startsWith("model/pattern")).map((d) => [d.code, d.pointer]);
  assert.deepEqual(found.sort(), [
    ["model/pattern-dropped", "/components/schemas/Person/properties/broken/pattern"],
    ["model/pattern-not-unicode", "/components/schemas/Person/properties/legacy/pattern"],
    ["model/pattern-unsafe", "/components/schemas/Person/properties/code/pattern"],
  ]);
  for (const d of diagnostics) assert.ok(d.line !== undefined && d.line > 1, `${d.code} has a line`);
});
