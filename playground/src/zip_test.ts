import assert from "node:assert/strict";
import { slug } from "./zip.ts";

Deno.test("slug: the zip's name from the API's title", () => {
  assert.equal(slug("Sales API"), "sales-api");
  assert.equal(slug("  Library API (x- extensions) "), "library-api-x-extensions");
  assert.equal(slug("Ünïcode ☃"), "n-code");
  assert.equal(slug("!!!"), "data-layer");
});
