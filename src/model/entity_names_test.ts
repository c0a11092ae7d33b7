import assert from "node:assert/strict";
import { snakeCase } from "../names/inflect.ts";
import { entityNames } from "./entity_names.ts";

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
