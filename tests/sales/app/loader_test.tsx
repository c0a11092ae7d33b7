/**
 * Issue 9, defects 2–5 on the sales example: how many requests the on-demand loader sends for a sorted page and a
 * hasMany include over many parents (counted by the example server), `limit` without `orderBy`, and belongsTo
 * includes that are never `undefined` in a render.
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts`, which generates `tests/.out/sales/generated/` first.
 *
 * @module
 */
// The DOM first: happy-dom, then Deno's timers and event functions back.
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import { act, renderHook, waitFor } from "@testing-library/react";
import {
  useCreateOrder,
  useCustomers,
  useOrders,
} from "../../.out/sales/generated/index.ts";
import type { Customer, SalesServer } from "../../../examples/sales/server/mod.ts";
import { addOrders, app, scenario, sleep } from "./harness.tsx";

/** The request lines of `method path…` sent more than once. */
function repeated(server: SalesServer, prefix: string): string[] {
  const seen = new Map<string, number>();
  for (const r of server.requests) if (r.line.startsWith(prefix)) seen.set(r.line, (seen.get(r.line) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([line, n]) => `${line} ×${n}`);
}

scenario("defect 2: orderBy + limit with no sort parameter fetches each page URL once, and the right top 10", async (server) => {
  await addOrders(server, 250);
  const a = app();
  const { result } = renderHook(() => useOrders({ orderBy: { created_at: "desc" }, limit: 10 }), {
    wrapper: a.wrapper,
  });
  await waitFor(() => assert.equal(result.current.isLoading, false));
  await act(() => sleep(150)); // room for any further loads
  const lines = server.requests.filter((r) => r.line.startsWith("GET /orders")).map((r) => r.line);
  assert.deepEqual(repeated(server, "GET /orders"), [], `requests: ${lines.join(", ")}`);
  assert.equal(lines.length, 3, `253 rows in pages of 100: ${lines.join(", ")}`);
  console.log(`defect 2 requests: ${lines.length} GET /orders`);
  assert.equal(result.current.data.length, 10);
  const all = (await server.store.transaction((t) => t.orders.list({}))) as { created_at: string }[];
  const newest = all.map((o) => o.created_at).sort().reverse().slice(0, 10);
  assert.deepEqual(result.current.data.map((o) => o.created_at), newest);
});

scenario("defect 3: a hasMany include over 125 parents never fetches the related table unfiltered", async (server) => {
  const ids = await addOrders(server, 125, 2);
  const a = app();
  let inFlight = 0;
  let maxInFlight = 0;
  server.fault({
    method: "GET",
    path: "/order-items",
    delayMs: 5,
    times: 10_000,
    onMatch: () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => inFlight--, 5);
    },
  });
  const { result } = renderHook(
    () => useOrders({ where: { status: "pending" }, include: ["order_items"] }),
    { wrapper: a.wrapper },
  );
  await waitFor(() => assert.equal(result.current.isLoading, false), { timeout: 20_000 });
  await waitFor(() => {
    const mine = result.current.data.filter((o) => ids.includes(o.id));
    assert.equal(mine.length, 125);
    assert.ok(mine.every((o) => o.order_items.length === 2));
  }, { timeout: 20_000 });
  const items = server.requests.filter((r) => r.path === "/order-items");
  const unfiltered = items.filter((r) => !/[?&]order_id=/.test(r.search));
  assert.deepEqual(unfiltered.map((r) => r.line), [], "no unfiltered GET /order-items");
  assert.deepEqual(repeated(server, "GET /order-items"), []);
  assert.ok(maxInFlight <= 6, `at most 6 in flight, saw ${maxInFlight}`);
  console.log(`defect 3 requests: ${items.length} GET /order-items, at most ${maxInFlight} in flight`);
});

scenario("defect 5: limit without orderBy does not throw; it orders by the key", async (server) => {
  const a = app();
  const { result } = renderHook(() => useOrders({ limit: 2 }), { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.isLoading, false));
  assert.equal(result.current.isError, false);
  const all = (await server.store.transaction((t) => t.orders.list({}))) as { id: string }[];
  const first = all.map((o) => o.id).sort().slice(0, 2);
  assert.deepEqual(result.current.data.map((o) => o.id), first);
});

scenario("defect 4: an optimistic order whose customer is not loaded: never rendered without its customer", async (server) => {
  const customer = {
    id: crypto.randomUUID(),
    name: "Grace Hopper",
    email: "grace@example.com",
    phone: null,
    company: null,
    tier: "standard",
    referred_by_id: null,
    created_at: "2025-01-01T00:00:00.000Z",
    updated_at: "2025-01-01T00:00:00.000Z",
  };
  await server.store.transaction((t) => t.customers.insert(customer as Customer));
  const a = app();
  const renders: { isLoading: boolean; missing: number; rows: number }[] = [];
  const { result } = renderHook(() => {
    const list = useOrders({ include: ["customer"] });
    renders.push({
      isLoading: list.isLoading,
      missing: list.data.filter((o) => o.customer === undefined).length,
      rows: list.data.length,
    });
    return { list, create: useCreateOrder() };
  }, { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.list.isLoading, false));
  const held = server.hold("GET", "/customers");
  await act(async () => {
    void result.current.create.mutateAsync({ customer_id: customer.id, notes: "new customer" });
    await sleep(20);
  });
  held.release();
  await waitFor(() => {
    const order = result.current.list.data.find((o) => o.notes === "new customer");
    assert.equal(order?.customer.name, "Grace Hopper");
  });
  const lying = renders.filter((r) => !r.isLoading && r.missing > 0);
  assert.deepEqual(lying, [], "no render with isLoading false and an order without its customer");
  assert.ok(renders.every((r) => r.missing === 0), "no render has an order without its customer");
});

scenario("defect 4: a dangling customer_id is an error that names it, and the order is held back", async (server) => {
  const [id] = await addOrders(server, 1);
  const ghost = crypto.randomUUID();
  await server.store.transaction((t) => t.orders.update(id!, { customer_id: ghost }));
  const a = app();
  const renders: number[] = [];
  const { result } = renderHook(() => {
    const list = useOrders({ include: ["customer"] });
    renders.push(list.data.filter((o) => o.customer === undefined).length);
    return list;
  }, { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.isError, true));
  assert.match(String(result.current.error?.message), new RegExp(`customer_id ${ghost}\\) does not exist`));
  assert.equal(result.current.data.length, 3, "the seed orders, not the dangling one");
  assert.ok(renders.every((n) => n === 0), "no render has an order without its customer");
});

scenario("hook results: status, isFetching and one refetch function for the hook's life", async (server) => {
  const a = app();
  const get = server.hold("GET", "/orders");
  const refetches = new Set<unknown>();
  const { result } = renderHook(() => {
    const list = useOrders();
    refetches.add(list.refetch);
    return list;
  }, { wrapper: a.wrapper });
  await get.arrived;
  assert.equal(result.current.status, "pending");
  assert.equal(result.current.isFetching, true);
  get.release();
  await waitFor(() => assert.equal(result.current.status, "success"));
  await waitFor(() => assert.equal(result.current.isFetching, false));
  await act(() => result.current.refetch());
  assert.equal(refetches.size, 1, "the same refetch in every render");
  server.fault({ method: "GET", path: "/customers", status: 503 });
  const failing = renderHook(() => useCustomers(), { wrapper: a.wrapper });
  await waitFor(() => assert.equal(failing.result.current.status, "error"));
  assert.equal(failing.result.current.isFetching, false);
});
