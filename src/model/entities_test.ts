/** Given/want tables for the model's heuristics: CRUD slots from place and method, CRUD verbs from operation ids. */
import assert from "node:assert/strict";
import { slotOf, verbOf } from "./entities.ts";
import type { RawOperation } from "./paths.ts";

Deno.test("slotOf: the CRUD slot of a method on a collection or an item path", () => {
  const table: [RawOperation["shape"], RawOperation["method"], string | undefined][] = [
    ["collection", "get", "list"],
    ["collection", "post", "create"],
    ["collection", "put", undefined],
    ["collection", "delete", undefined],
    ["item", "get", "get"],
    ["item", "put", "update"],
    ["item", "patch", "update"],
    ["item", "delete", "delete"],
    ["item", "post", undefined],
    ["action", "post", undefined],
  ];
  for (const [shape, method, want] of table) assert.equal(slotOf({ shape, method }), want, `${method} ${shape}`);
});

Deno.test("verbOf: the CRUD verb an operation id starts with", () => {
  const table: [string | undefined, string | undefined][] = [
    ["listOrders", "list"],
    ["get_order", "get"],
    ["retrieveOrder", "get"],
    ["fetchOrder", "get"],
    ["createOrder", "create"],
    ["addItem", "create"],
    ["update_order", "update"],
    ["patchOrder", "update"],
    ["editOrder", "update"],
    ["deleteOrder", "delete"],
    ["cancelOrder", undefined],
    ["orders", undefined],
    [undefined, undefined],
  ];
  for (const [cleanId, want] of table) assert.equal(verbOf({ cleanId }), want, String(cleanId));
});
