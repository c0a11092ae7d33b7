import assert from "node:assert/strict";
import { entityNames } from "../model/entity_names.ts";
import { isPluralWord, plural, singular, snakeCase } from "./inflect.ts";
import { NameScope } from "./scope.ts";

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

Deno.test("snakeCase and entityNames", () => {
  assert.equal(snakeCase("Task Comments"), "task_comments");
  assert.equal(snakeCase("orderItems"), "order_items");
  assert.deepEqual(entityNames("order_items"), {
    pascal: "OrderItem",
    pascalPlural: "OrderItems",
    camel: "orderItem",
    camelPlural: "orderItems",
    fileSingular: "order-item",
    filePlural: "order-items",
  });
  // a word whose plural is itself still gets distinct names for one and many
  const data = entityNames("data");
  assert.notEqual(data.pascal, data.pascalPlural);
  assert.notEqual(data.fileSingular, data.filePlural);
  // reserved words never become bare identifiers
  assert.equal(entityNames("deletes").camel, "delete_");
});

Deno.test("NameScope hands out unique names, case-insensitively", () => {
  const r = new NameScope([], { ignoreCase: true });
  assert.equal(r.claim("Order"), "Order");
  assert.equal(r.claim("order"), "order2");
  assert.equal(r.reserve("Customer"), true);
  assert.equal(r.reserve("customer"), false);
  assert.equal(r.claim("Customer"), "Customer2");
});
