import assert from "node:assert/strict";
import { specLanguage } from "./language.ts";

Deno.test("specLanguage: JSON by its first character, else YAML", () => {
  assert.equal(specLanguage('{"openapi": "3.1.0"}'), "json");
  assert.equal(specLanguage("\n  \t[1, 2]"), "json");
  assert.equal(specLanguage("openapi: 3.1.0\ninfo: {title: x}"), "yaml");
  assert.equal(specLanguage("# {not json}\nopenapi: 3.1.0"), "yaml");
  assert.equal(specLanguage(""), "yaml");
});
