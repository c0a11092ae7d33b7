import assert from "node:assert/strict";
import { SpecError } from "./diagnostics.ts";
import { loadSpec as loadSpecWith } from "./load.ts";
import { parseYaml } from "./yaml_text.ts";

/** {@link loadSpecWith} with the YAML parser, as `generate()` calls it. */
const loadSpec = (input: string | object) => loadSpecWith(input, { parseYaml });

Deno.test("OpenAPI 3.2 loads as 3.1 with a spec/openapi-newer warning at /openapi; 3.0 and 3.1 do not warn", () => {
  const spec = loadSpec('{\n  "openapi": "3.2.0",\n  "paths": {}\n}');
  assert.equal(spec.openapi, "3.2.0");
  const warning = spec.diagnostics.find((d) => d.code === "spec/openapi-newer");
  assert.ok(warning, JSON.stringify(spec.diagnostics));
  assert.deepEqual([warning.severity, warning.pointer, warning.line, warning.column], ["warning", "/openapi", 2, 3]);
  assert.match(warning.message, /OpenAPI 3\.2\.0 is read as 3\.1/);
  for (const v of ["3.0.3", "3.1.1", "3.1.0"]) {
    assert.deepEqual(loadSpec(`openapi: ${v}\npaths: {}\n`).diagnostics, [], v);
  }
  assert.ok(loadSpec("openapi: 3.3.0\npaths: {}\n").diagnostics.some((d) => d.code === "spec/openapi-newer"));
});

Deno.test("text decoded with the wrong encoding is spec/encoding, not 'expected an object, got a string'", () => {
  const utf16leAsLatin1 = "\u00ff\u00feo\0p\0e\0n\0a\0p\0i\0:\0 \x003\0.\x001\0";
  const utf16AsUtf8 = "\ufffd\ufffdo\0p\0e\0n\0a\0p\0i\0";
  const swapped = "\ufffe{}";
  for (const text of [utf16leAsLatin1, utf16AsUtf8, swapped]) {
    assert.throws(() => loadSpec(text), (e) => {
      assert.ok(e instanceof SpecError);
      assert.equal(e.diagnostic.code, "spec/encoding", e.message);
      assert.match(e.diagnostic.message, /UTF-16/);
      return true;
    });
  }
  assert.equal(loadSpec("\ufeffopenapi: 3.1.0\npaths: {}\n").openapi, "3.1.0", "a UTF-8 BOM just works");
});
