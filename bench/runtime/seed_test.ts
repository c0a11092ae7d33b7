import assert from "node:assert/strict";
import { benchData, benchIds, BIG_CUSTOMER_ORDERS, SIZES } from "./seed.ts";

Deno.test("seed: the sizes of issue 9, the same rows on every call", () => {
  const data = benchData();
  assert.equal(data.customers.length, 1_000);
  assert.equal(data.orders.length, 10_000);
  assert.equal(data.order_items.length, 30_000);
  assert.equal(data.products.length, SIZES.products);
  assert.deepEqual(benchData().orders.slice(0, 50), data.orders.slice(0, 50));
  assert.deepEqual(benchData().order_items.at(-1), data.order_items.at(-1));
});

Deno.test("seed: ids unique, foreign keys resolve, the big customer has exactly 100 orders", () => {
  const data = benchData();
  for (const rows of [data.customers, data.products, data.orders, data.order_items]) {
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
  }
  const customers = new Set(data.customers.map((c) => c.id));
  const orders = new Set(data.orders.map((o) => o.id));
  assert.ok(data.orders.every((o) => customers.has(o.customer_id)));
  assert.ok(data.order_items.every((i) => orders.has(i.order_id)));
  assert.equal(data.orders.filter((o) => o.customer_id === benchIds.bigCustomer).length, BIG_CUSTOMER_ORDERS);
  const statuses = new Set(data.orders.map((o) => o.status));
  assert.ok(statuses.has("pending") && statuses.size === 5);
});

Deno.test("seed: every id is a GUID (the generated schemas check z.guid())", () => {
  const data = benchData();
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (const rows of [data.customers, data.products, data.orders, data.order_items]) {
    assert.ok(rows.every((r) => guid.test(r.id)), rows[0]!.id);
  }
});
