import assert from "node:assert/strict";
import { isPluralWord, plural, singular } from "./inflect.ts";

Deno.test("singular and plural handle irregular and compound words", () => {
  const table: [string, string][] = [
    ["categories", "category"],
    ["people", "person"],
    ["statuses", "status"],
    ["addresses", "address"],
    ["data", "data"],
    ["order_items", "order_item"],
    ["orderItems", "orderItem"],
    ["analyses", "analysis"],
    ["metadata", "metadata"],
  ];
  for (const [many, one] of table) {
    assert.equal(singular(many), one, `singular(${many})`);
    assert.equal(plural(one), many, `plural(${one})`);
  }
});

Deno.test("isPluralWord tells collections from actions", () => {
  assert.equal(isPluralWord("orders"), true);
  assert.equal(isPluralWord("people"), true);
  assert.equal(isPluralWord("cancel"), false);
  assert.equal(isPluralWord("search"), false);
  assert.equal(isPluralWord("metadata"), false);
});
