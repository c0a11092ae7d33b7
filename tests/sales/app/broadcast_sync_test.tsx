/**
 * What one broadcast event costs (issue 9, defect 1): the generated sales data layer with two `useOrders` and two
 * `useOrder` mounted, against the example server, counting the requests each kind of event causes.
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts` (which generates `tests/.out/sales/generated/`
 * first). By hand, after a run of that driver:
 * `cd tests/sales/app && deno test -A --config ../../consumer/deno.json broadcast_sync_test.tsx`.
 *
 * @module
 */
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import type { ReactNode } from "react";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  BroadcastProvider,
  type Customer,
  configureApi,
  type Order,
  useOrder,
  useOrders,
} from "../../.out/sales/generated/index.ts";
import { type SalesServer, SEED_IDS, startServer } from "../../../examples/sales/server/mod.ts";

const { customers: C, orders: O } = SEED_IDS;
const BROADCAST_OPTIONS = { BroadcastChannel: null, initialDelayMs: 20, maxDelayMs: 100, maxAttempts: 50 };
/** An order that no mounted hook shows (Alan's, cancelled). */
const HIDDEN = "00000000-0000-4000-8000-0000000000f1";
/** An extra pending order, shown by both lists. */
const EXTRA = "00000000-0000-4000-8000-0000000000f2";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function orderRow(id: string, number: string, status: Order["status"], customer: string = C.alan): Order {
  const time = new Date(Date.UTC(2025, 2, 1)).toISOString();
  return {
    id,
    number,
    customer_id: customer,
    status,
    currency: "EUR",
    total_cents: 0,
    notes: null,
    cancel_reason: null,
    created_at: time,
    updated_at: time,
  };
}

/** The mounted app: Ada's orders, the pending orders, `useOrder` × 2, broadcast on. */
async function mount(server: SalesServer) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <BroadcastProvider url={server.wsUrl} options={BROADCAST_OPTIONS}>
        <DbProvider client={client}>{children}</DbProvider>
      </BroadcastProvider>
    </QueryClientProvider>
  );
  const view = renderHook(() => ({
    adaList: useOrders({ where: { customer_id: C.ada } }),
    pending: useOrders({ where: { status: "pending" } }),
    ada: useOrder(O.adaPending),
    grace: useOrder(O.graceShipped),
  }), { wrapper });
  await waitFor(() => {
    const r = view.result.current;
    assert.ok(!r.adaList.isLoading && !r.pending.isLoading && !r.ada.isLoading && !r.grace.isLoading);
  });
  await server.broadcast.waitForSubscribers("order", 1);
  await act(() => sleep(100)); // nothing else under way
  return { ...view, queryClient, wrapper };
}

/**
 * Runs `fn` against a fresh server with the app mounted; returns the requests the app sent after `act` (waiting
 * 300 ms after it for late requests).
 */
function scenario(
  name: string,
  fn: (
    server: SalesServer,
    app: Awaited<ReturnType<typeof mount>>,
    measure: (act: () => void | Promise<void>) => Promise<string[]>,
  ) => Promise<void>,
) {
  Deno.test(name, async () => {
    const server = await startServer({ seed: true });
    configureApi({ baseUrl: server.url, headers: {} });
    await server.store.transaction(async (tables) => {
      await tables.orders.insert(orderRow(HIDDEN, "SO-9001", "cancelled"));
      await tables.orders.insert(orderRow(EXTRA, "SO-9002", "pending"));
    });
    let app: Awaited<ReturnType<typeof mount>> | undefined;
    try {
      app = await mount(server);
      const measure = async (action: () => void | Promise<void>) => {
        const before = server.requests.length;
        await act(async () => {
          await action();
          await sleep(300);
        });
        return server.requests.slice(before).map((r) => r.line);
      };
      await fn(server, app, measure);
    } finally {
      cleanup();
      app?.queryClient.clear();
      await server.close();
    }
  });
}

const changeNotes = (server: SalesServer, id: string, notes: string) =>
  server.store.transaction((tables) => tables.orders.update(id, { notes }));

scenario("sync: `updated` of a loaded row, no data: one GET of that row", async (server, app, measure) => {
  await changeNotes(server, O.adaConfirmed, "changed elsewhere");
  const requests = await measure(() => void server.broadcast.publish("order", "updated", { entity_id: O.adaConfirmed }));
  assert.deepEqual(requests, [`GET /orders/${O.adaConfirmed}`]);
  const row = app.result.current.adaList.data.find((o) => o.id === O.adaConfirmed);
  assert.equal(row?.notes, "changed elsewhere");
});

scenario("sync: `updated` of a row not loaded here: no request", async (server, _app, measure) => {
  await changeNotes(server, HIDDEN, "nobody sees this");
  const requests = await measure(() => void server.broadcast.publish("order", "updated", { entity_id: HIDDEN }));
  assert.deepEqual(requests, []);
});

scenario("sync: `deleted` of a loaded row: removed locally, no request", async (server, app, measure) => {
  assert.ok(app.result.current.pending.data.some((o) => o.id === EXTRA));
  await server.store.transaction((tables) => tables.orders.delete(EXTRA));
  const requests = await measure(() => void server.broadcast.publish("order", "deleted", { entity_id: EXTRA }));
  assert.deepEqual(requests, []);
  assert.ok(!app.result.current.pending.data.some((o) => o.id === EXTRA));
});

scenario("sync: `updated` with a valid payload.data: written as it is, no request", async (server, app, measure) => {
  const row = { ...(await server.store.transaction((t) => t.orders.get(O.adaPending)))!, notes: "from the payload" };
  const requests = await measure(() =>
    void server.broadcast.publish("order", "updated", { entity_id: O.adaPending, data: row })
  );
  assert.deepEqual(requests, []);
  assert.equal(app.result.current.ada.data?.notes, "from the payload");
  assert.equal(app.result.current.adaList.data.find((o) => o.id === O.adaPending)?.notes, "from the payload");
});

scenario("sync: an invalid payload.data falls back to one GET of the row", async (server, app, measure) => {
  await changeNotes(server, O.adaPending, "fetched");
  const requests = await measure(() =>
    void server.broadcast.publish("order", "updated", { entity_id: O.adaPending, data: { id: O.adaPending } })
  );
  assert.deepEqual(requests, [`GET /orders/${O.adaPending}`]);
  assert.equal(app.result.current.ada.data?.notes, "fetched");
});

scenario(
  "sync: `created` with payload.data: shown at once, only the lists it matches refetched (once), and kept",
  async (server, app, measure) => {
    const row = orderRow("00000000-0000-4000-8000-0000000000f3", "SO-9003", "confirmed", C.ada);
    await server.store.transaction((tables) => tables.orders.insert(row));
    const requests = await measure(() =>
      void server.broadcast.publish("order", "created", { entity_id: row.id, data: row })
    );
    assert.equal(requests.length, 1, requests.join(", "));
    assert.match(requests[0]!, new RegExp(`^GET /orders\\?.*customer_id=${C.ada}`), "Ada's list only");
    assert.ok(app.result.current.adaList.data.some((o) => o.id === row.id), "in Ada's list");
    assert.ok(!app.result.current.pending.data.some((o) => o.id === row.id), "not in the pending list");
    // the list's query holds the row: a detail view of it that comes and goes does not take it away
    const detail = renderHook(() => useOrder(row.id), { wrapper: app.wrapper });
    await waitFor(() => assert.equal(detail.result.current.data?.id, row.id));
    detail.unmount();
    await act(() => sleep(200));
    assert.ok(app.result.current.adaList.data.some((o) => o.id === row.id), "still in Ada's list");
  },
);

scenario(
  "sync: `created` with only entity_id: each list query refetched once, the queries of other ids not",
  async (server, app, measure) => {
    const row = orderRow("00000000-0000-4000-8000-0000000000f4", "SO-9004", "pending");
    await server.store.transaction((tables) => tables.orders.insert(row));
    const requests = await measure(() => void server.broadcast.publish("order", "created", { entity_id: row.id }));
    // the two lists (Ada's, pending) may hold it; `useOrder(ada)` and `useOrder(grace)` cannot
    assert.equal(requests.length, 2, requests.join(", "));
    assert.ok(requests.every((r) => r.startsWith("GET /orders?")), requests.join(", "));
    assert.equal(new Set(requests).size, requests.length, `no request twice: ${requests.join(", ")}`);
    assert.ok(app.result.current.pending.data.some((o) => o.id === row.id));
    assert.ok(!app.result.current.adaList.data.some((o) => o.id === row.id));
  },
);

scenario("sync: an event without entity_id: each active order query refetched once", async (server, app, measure) => {
  const row = orderRow("00000000-0000-4000-8000-0000000000f5", "SO-9005", "pending");
  await server.store.transaction((tables) => tables.orders.insert(row));
  const active = app.queryClient.getQueryCache().findAll({ queryKey: ["orders"], type: "active" }).length;
  const requests = await measure(() => void server.broadcast.publish("order", "updated", {}));
  assert.ok(requests.length > 0, "refetched");
  assert.ok(requests.length <= active, `at most one request per active query (${active}): ${requests.join(", ")}`);
  assert.equal(new Set(requests).size, requests.length, `no request twice: ${requests.join(", ")}`);
  assert.ok(app.result.current.pending.data.some((o) => o.id === row.id));
});

scenario("sync: 100 `updated` events for one row at once: at most one request", async (server, app, measure) => {
  await changeNotes(server, O.graceShipped, "the last change");
  const requests = await measure(() => {
    for (let i = 0; i < 100; i++) server.broadcast.publish("order", "updated", { entity_id: O.graceShipped });
  });
  assert.ok(requests.length <= 1, requests.join(", "));
  assert.deepEqual(requests, [`GET /orders/${O.graceShipped}`]);
  assert.equal(app.result.current.grace.data?.notes, "the last change");
});

scenario("sync: one socket subscription for the four hooks", async (server, _app, measure) => {
  const requests = await measure(() => {});
  assert.deepEqual(requests, []);
  const [connection] = server.broadcast.connections;
  assert.ok(connection);
  const subscribes = connection.received.filter((m) =>
    typeof m === "object" && m !== null && "subscribe" in m &&
    (m as { subscribe: unknown[] }).subscribe.includes("order")
  );
  assert.equal(subscribes.length, 1);
  assert.equal(server.broadcast.subscribers("order"), 1);
});

scenario("sync: an included relation's event updates the included rows, once", async (server, app, measure) => {
  const included = renderHook(() => useOrders({ where: { customer_id: C.ada }, include: ["customer"] }), {
    wrapper: app.wrapper,
  });
  await waitFor(() => assert.equal(included.result.current.data[0]?.customer?.name !== undefined, true));
  await server.broadcast.waitForSubscribers("customer", 1);
  await act(() => sleep(100));
  const ada = (await server.store.transaction((t) => t.customers.get(C.ada)))!;
  const renamed: Customer = { ...ada, name: "Ada (renamed)" };
  await server.store.transaction((t) => t.customers.update(C.ada, { name: renamed.name }));
  const withData = await measure(() =>
    void server.broadcast.publish("customer", "updated", { entity_id: C.ada, data: renamed })
  );
  assert.deepEqual(withData, []);
  assert.ok(included.result.current.data.every((o) => o.customer.name === "Ada (renamed)"));
  await server.store.transaction((t) => t.customers.update(C.ada, { name: "Ada (fetched)" }));
  const withoutData = await measure(() => void server.broadcast.publish("customer", "updated", { entity_id: C.ada }));
  assert.deepEqual(withoutData, [`GET /customers/${C.ada}`]);
  assert.ok(included.result.current.data.every((o) => o.customer.name === "Ada (fetched)"));
});
