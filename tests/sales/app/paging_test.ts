/**
 * Issue 9, "lists keep the API's pagination metadata": `ordersApi.listPage` against the example server returns
 * the rows and the wrapper's `total` (which `ordersApi.list` drops), one request per page, and rejects a wrapper
 * that does not match its schema.
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts`, which generates `tests/.out/sales/generated/` first.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ApiError, configureApi, type ListPage, ordersApi } from "../../.out/sales/generated/index.ts";
import type { Order } from "../../.out/sales/generated/schemas/index.ts";
import { startServer } from "../../../examples/sales/server/mod.ts";

Deno.test("listPage: the rows with the wrapper's total, over all pages, one request per page", async () => {
  const server = await startServer({ seed: true });
  configureApi({ baseUrl: server.url, headers: {} });
  try {
    const all = await ordersApi.list();
    assert.ok(all.length >= 3, `the seed has a few orders, got ${all.length}`);

    const before = server.count("GET /orders");
    const first: ListPage<Order, { total: number }> = await ordersApi.listPage({ limit: 2, offset: 0 });
    assert.equal(server.count("GET /orders") - before, 1);
    assert.equal(first.items.length, 2);
    assert.equal(first.page.total, all.length);
    assert.deepEqual(Object.keys(first.page), ["total"]);
    // the type is the wrapper's without the rows: `total` is a number, `items` is not there
    const total: number = first.page.total;
    assert.equal(typeof total, "number");
    // @ts-expect-error the rows are in `items`, not in `page`
    assert.equal(first.page.items, undefined);

    const second = await ordersApi.listPage({ limit: 2, offset: 2 });
    assert.equal(server.count("GET /orders") - before, 2);
    assert.equal(second.page.total, all.length);
    assert.deepEqual(
      [...first.items, ...second.items].map((o) => o.id),
      all.slice(0, first.items.length + second.items.length).map((o) => o.id),
    );

    const pending = await ordersApi.listPage({ status: "pending" });
    assert.equal(pending.page.total, all.filter((o) => o.status === "pending").length);
    assert.equal(pending.items.length, pending.page.total);
  } finally {
    await server.close();
  }
});

Deno.test("listPage: a wrapper whose total does not match its schema is an invalid answer", async () => {
  const server = Deno.serve({ port: 0, onListen() {} }, () =>
    Response.json({ items: [], total: "many" }));
  configureApi({ baseUrl: `http://127.0.0.1:${server.addr.port}`, headers: {} });
  try {
    assert.deepEqual(await ordersApi.list(), []);
    await assert.rejects(() => ordersApi.listPage(), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.reason, "invalid");
      assert.equal(error.operation, "listOrders");
      return true;
    });
  } finally {
    await server.shutdown();
  }
});
