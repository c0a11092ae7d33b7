/**
 * The generated hooks under faults (issue 12, "The generated runtime under faults"), against the example server:
 * what `autoRefresh: false` and an open draft promise, and two quick updates of one row.
 *
 * A **draft** here is a row the user changed through an update hook whose request has not been answered yet: the
 * hooks show the change at once (an optimistic update). Nothing may overwrite it while it waits: no broadcast event,
 * no refetch. A hook with `autoRefresh: false` goes further: it does not listen to broadcast events at all, so what
 * it shows changes only through this app's own writes or its `refetch()`.
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts` (which generates `tests/.out/sales/generated/`
 * first). By hand, after a run of that driver:
 * `cd tests/sales/app && deno test -A --config ../../consumer/deno.json faults_test.tsx`.
 *
 * @module
 */
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import type { ReactNode } from "react";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import {
  BroadcastProvider,
  configureApi,
  useOrder,
  useOrders,
  useUpdateOrder,
} from "../../.out/sales/generated/index.ts";
import { type SalesServer, SEED_IDS, startServer } from "../../../examples/sales/server/mod.ts";

const { customers: C, orders: O } = SEED_IDS;
const BROADCAST_OPTIONS = { BroadcastChannel: null, initialDelayMs: 20, maxDelayMs: 100, maxAttempts: 50 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One app with a broadcast connection: a QueryClient, TanStack DB's client on it, and the providers. */
function app(server: SalesServer) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <BroadcastProvider url={server.wsUrl} options={BROADCAST_OPTIONS}>
        <DbProvider client={client}>{children}</DbProvider>
      </BroadcastProvider>
    </QueryClientProvider>
  );
  return { queryClient, wrapper };
}

function scenario(name: string, fn: (server: SalesServer, a: ReturnType<typeof app>) => Promise<void>) {
  Deno.test(name, async () => {
    const server = await startServer({ seed: true });
    configureApi({ baseUrl: server.url, headers: {} });
    const a = app(server);
    try {
      await fn(server, a);
    } finally {
      cleanup();
      a.queryClient.clear();
      await server.close();
    }
  });
}

/** A row as the server has it: without TanStack DB's virtual `$` properties. */
const plain = (row: object | undefined) =>
  Object.fromEntries(Object.entries(row ?? {}).filter(([key]) => !key.startsWith("$")));

const serverOrder = async (server: SalesServer, id: string) =>
  (await server.store.transaction((t) => t.orders.get(id)))!;

scenario("faults: autoRefresh false: broadcast events neither refetch nor change what the hook shows", async (server, a) => {
  const { result } = renderHook(() => useOrder(O.adaPending, { autoRefresh: false }), { wrapper: a.wrapper });
  await waitFor(() => assert.ok(result.current.data));
  const shown = result.current.data!.notes;
  await act(() => sleep(150)); // the socket is open by now
  assert.ok(server.broadcast.connections.length > 0, "the app is connected");
  assert.equal(server.broadcast.subscribers("order"), 0, "nothing listens to orders");

  await server.store.transaction((t) => t.orders.update(O.adaPending, { notes: "changed elsewhere" }));
  const changed = await serverOrder(server, O.adaPending);
  const before = server.requests.length;
  await act(async () => {
    server.broadcast.publish("order", "updated", { entity_id: O.adaPending });
    server.broadcast.publish("order", "updated", { entity_id: O.adaPending, data: changed });
    server.broadcast.publish("order", "created", {});
    await sleep(300);
  });
  assert.deepEqual(server.requests.slice(before).map((r) => r.line), [], "no refetch");
  assert.equal(result.current.data?.notes, shown, "what the hook shows is unchanged");

  // the app decides when: refetch() brings the server's row
  await act(() => result.current.refetch());
  await waitFor(() => assert.equal(result.current.data?.notes, "changed elsewhere"));
});

scenario("faults: an open draft is not overwritten by events or refetches while it waits", async (server, a) => {
  const { result } = renderHook(() => ({
    order: useOrder(O.adaPending),
    quiet: useOrder(O.adaPending, { autoRefresh: false }),
    list: useOrders({ where: { customer_id: C.ada } }),
    update: useUpdateOrder(),
  }), { wrapper: a.wrapper });
  await waitFor(() => assert.ok(result.current.order.data && result.current.list.data.length > 0));
  await server.broadcast.waitForSubscribers("order", 1);

  const held = server.hold("PATCH", `/orders/${O.adaPending}`);
  act(() => result.current.update.mutate({ id: O.adaPending, data: { notes: "my draft" } }));
  await held.arrived;
  const drafted = () => [
    result.current.order.data?.notes,
    result.current.quiet.data?.notes,
    result.current.list.data.find((o) => o.id === O.adaPending)?.notes,
  ];
  assert.deepEqual(drafted(), ["my draft", "my draft", "my draft"]);

  // meanwhile another client confirms the order: its events, and a refetch of every query, come in
  await server.store.transaction((t) => t.orders.update(O.adaPending, { status: "confirmed" }));
  const other = await serverOrder(server, O.adaPending);
  await act(async () => {
    server.broadcast.publish("order", "updated", { entity_id: O.adaPending, data: other });
    server.broadcast.publish("order", "updated", { entity_id: O.adaPending });
    await a.queryClient.invalidateQueries();
    await sleep(200);
  });
  assert.deepEqual(drafted(), ["my draft", "my draft", "my draft"], "the draft is still shown");

  held.release();
  await waitFor(() => assert.equal(result.current.update.isPending, false));
  await act(() => sleep(200));
  assert.equal(result.current.update.error, null);
  const final = await serverOrder(server, O.adaPending);
  assert.equal(final.notes, "my draft");
  assert.equal(final.status, "confirmed", "the other client's change is kept");
  assert.deepEqual(plain(result.current.order.data), final, "the hook shows the server's row");
});

for (const second of [{ status: "confirmed" as const }, { notes: "second" }]) {
  const what = "status" in second ? "different fields" : "the same field";
  scenario(`faults: two quick updates of one row (${what}), the first answered last`, async (server, a) => {
    const { result } = renderHook(() => ({
      order: useOrder(O.adaPending),
      list: useOrders({ where: { customer_id: C.ada } }),
      update: useUpdateOrder(),
    }), { wrapper: a.wrapper });
    await waitFor(() => assert.ok(result.current.order.data && result.current.list.data.length > 0));
    await server.broadcast.waitForSubscribers("order", 1);

    // the first request is slow: the server applies the second first, and answers the first last
    server.fault({ method: "PATCH", path: `/orders/${O.adaPending}`, delayMs: 150 });
    act(() => {
      result.current.update.mutate({ id: O.adaPending, data: { notes: "first" } });
      result.current.update.mutate({ id: O.adaPending, data: second });
    });
    await waitFor(() => assert.equal(server.count(`PATCH /orders/${O.adaPending}`), 2));
    await waitFor(() => assert.equal(result.current.update.isPending, false), { timeout: 3000 });
    await act(() => sleep(300));

    const final = await serverOrder(server, O.adaPending);
    if ("status" in second) {
      // no update lost: each request changed its own field only
      assert.equal(final.notes, "first");
      assert.equal(final.status, "confirmed");
    } else assert.equal(final.notes, "first", "the server applied the slow request last");
    assert.deepEqual(plain(result.current.order.data), final, "the hook ends with the server's row");
    assert.deepEqual(plain(result.current.list.data.find((o) => o.id === O.adaPending)), final);
  });
}

scenario("faults: a server that drops the socket every second: the hooks converge on the server's rows", async (server, a) => {
  const { result } = renderHook(() => useOrders({ where: { customer_id: C.ada } }), { wrapper: a.wrapper });
  await waitFor(() => assert.ok(result.current.data.length > 0));
  await server.broadcast.waitForSubscribers("order", 1);
  const ids = result.current.data.map((o) => o.id);
  /** Another client changes an order through the API: the server broadcasts it to the sockets open then. */
  const change = async (id: string, notes: string) => {
    const response = await fetch(`${server.url}/orders/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "x-client": "other" },
      body: JSON.stringify({ notes }),
    });
    assert.equal(response.status, 200, await response.text());
  };
  let changes = 0;
  for (let second = 0; second < 3; second++) {
    for (let i = 0; i < 4; i++) {
      await act(async () => {
        await change(ids[changes % ids.length]!, `change ${++changes}`);
        await sleep(200);
      });
    }
    // the drop, with changes made while the socket is down (their events reach nobody)
    server.broadcast.refuse();
    await server.broadcast.drop();
    for (const id of ids) await change(id, `missed ${second}/${id}`);
    server.broadcast.allow();
    await act(() => server.broadcast.waitForSubscribers("order", 1));
  }
  await act(() => sleep(300));
  const want = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, (await serverOrder(server, id)).notes])));
  const got = Object.fromEntries(result.current.data.map((o) => [o.id, o.notes]));
  assert.deepEqual(got, want, "after three drops the client shows the server's rows");
  assert.ok(Object.values(got).every((notes) => notes?.startsWith("missed 2/")));
});
