// The DOM first: happy-dom, then Deno's timers and event functions back.
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import { type ReactNode, StrictMode } from "react";
import { act, cleanup, render, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  ApiError,
  BroadcastProvider,
  createStore,
  type Order,
  type OrderRow,
  SyncStoreProvider,
  useBroadcastInvalidation,
  useBroadcastState,
  useCreateOrder,
  useOrder,
  useOrders,
  useUpdateCustomer,
  useUpdateOrder,
} from "./generated/index.ts";
import { ALICE, ApiServer, BOB } from "./server.ts";

/** One app: a QueryClient, a store on it, and the providers (with a broadcast connection when `broadcast`). */
function app(server: ApiServer, broadcast = false) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const store = createStore({ queryClient, api: { baseUrl: server.origin } });
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <SyncStoreProvider store={store}>{children}</SyncStoreProvider>;
    return (
      <QueryClientProvider client={queryClient}>
        {broadcast
          ? <BroadcastProvider url={server.broadcastUrl} options={{ BroadcastChannel: null }}>{tree}</BroadcastProvider>
          : tree}
      </QueryClientProvider>
    );
  };
  return {
    queryClient,
    store,
    wrapper,
    async dispose() {
      queryClient.clear();
      await Promise.resolve();
    },
  };
}

/** Runs `fn` with a server and unmounts everything after. */
function scenario(name: string, fn: (server: ApiServer) => Promise<void>) {
  Deno.test(name, async () => {
    const server = new ApiServer();
    try {
      await fn(server);
    } finally {
      cleanup();
      await server.close();
    }
  });
}

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();

scenario("list: isLoading first, then the filtered rows; one request with the filter", async (server) => {
  const a = app(server);
  try {
    const { result } = renderHook(() => useOrders({ where: { status: "open" }, orderBy: { total: "desc" } }), {
      wrapper: a.wrapper,
    });
    assert.equal(result.current.isLoading, true);
    assert.equal(result.current.data.length, 0); // (deepEqual with [] would narrow the type to never[])
    await waitFor(() => assert.equal(result.current.isReady, true));
    assert.equal(result.current.isLoading, false);
    assert.deepEqual(result.current.data.map((o) => o.total), [40, 10]);
    assert.deepEqual(server.requests, ["GET /api/orders?status=open&sort=-total"]);
  } finally {
    cleanup();
    await a.dispose();
  }
});

scenario("include: a list with customers, and one order by id with its customer", async (server) => {
  const a = app(server);
  try {
    const { result } = renderHook(() => ({
      list: useOrders({ include: ["customer"], orderBy: { total: "asc" } }),
      one: useOrder("00000000-0000-4000-8000-000000000003", { include: ["customer"] }),
    }), { wrapper: a.wrapper });
    await waitFor(() => {
      assert.equal(result.current.list.data.length, 3);
      assert.ok(result.current.list.data.every((o) => o.customer?.name));
      assert.equal(result.current.one.data?.customer?.name, "Bob");
    });
    assert.deepEqual(result.current.list.data.map((o) => o.customer.name), ["Alice", "Alice", "Bob"]);
    console.log("  requests:", server.requests.join(" | "));
  } finally {
    cleanup();
    await a.dispose();
  }
});

scenario("optimistic create: visible at once, then the server row replaces the temporary one", async (server) => {
  const a = app(server);
  try {
    const renders: OrderRow[][] = [];
    const { result } = renderHook(() => {
      const list = useOrders({ where: { customer_id: ALICE } });
      renders.push(list.data);
      return { list, create: useCreateOrder() };
    }, { wrapper: a.wrapper });
    await waitFor(() => assert.equal(result.current.list.data.length, 2));

    const post = server.hold("POST", "/api/orders");
    let promise!: Promise<Order>;
    act(() => {
      promise = result.current.create.mutateAsync({ customer_id: ALICE, total: 99 });
    });
    // before the server answered
    const optimistic = result.current.list.data.find((o) => o.total === 99);
    assert.ok(optimistic, "the optimistic row is in the list");
    assert.equal(optimistic.$synced, false);
    assert.equal(result.current.create.isPending, true);
    await post.arrived;
    assert.equal(server.count("POST /api/orders"), 1);

    post.release();
    const created = await act(() => promise);
    await waitFor(() => assert.equal(result.current.create.isPending, false));
    assert.notEqual(created.id, optimistic.id, "the server assigned its own id");
    assert.ok(server.orders.has(created.id));
    const rows = result.current.list.data.filter((o) => o.total === 99);
    assert.deepEqual(ids(rows), [created.id]);
    assert.equal(rows[0]?.$synced, true);
    assert.equal(Math.max(...renders.map((r) => r.length)), 3, "never two rows for the new order");
    assert.equal(server.count("GET /api/orders"), 1, "no refetch after the create");
  } finally {
    cleanup();
    await a.dispose();
  }
});

scenario("failed create (500): rolled back, onError called, error set", async (server) => {
  const a = app(server);
  try {
    const errors: Error[] = [];
    const { result } = renderHook(() => ({
      list: useOrders(),
      create: useCreateOrder({ onError: (e) => errors.push(e) }),
    }), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(result.current.list.data.length, 3));

    server.failNext("POST", "/api/orders", 500);
    const post = server.hold("POST", "/api/orders");
    const perCall: Error[] = [];
    act(() => result.current.create.mutate({ customer_id: BOB, total: 7 }, { onError: (e) => perCall.push(e) }));
    assert.equal(result.current.list.data.length, 4, "optimistic row shown");
    post.release();
    await waitFor(() => assert.equal(result.current.create.isPending, false));
    assert.equal(result.current.list.data.length, 3, "rolled back");
    assert.equal(errors.length, 1);
    assert.equal(perCall.length, 1);
    assert.ok(errors[0] instanceof ApiError && errors[0].status === 500);
    assert.equal(result.current.create.error, errors[0]);
  } finally {
    cleanup();
    await a.dispose();
  }
});

scenario("confirmed create: nothing shown until the server answered", async (server) => {
  const a = app(server);
  try {
    const { result } = renderHook(() => ({
      list: useOrders(),
      create: useCreateOrder({ mode: "confirmed" }),
    }), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(result.current.list.data.length, 3));
    const post = server.hold("POST", "/api/orders");
    act(() => result.current.create.mutate({ customer_id: BOB, total: 5 }));
    await post.arrived;
    assert.equal(result.current.list.data.length, 3);
    assert.equal(result.current.create.isPending, true);
    post.release();
    await waitFor(() => assert.equal(result.current.list.data.length, 4));
    await waitFor(() => assert.equal(result.current.create.isPending, false));
    assert.ok(server.orders.has(result.current.create.data!.id));
  } finally {
    cleanup();
    await a.dispose();
  }
});

scenario("update: optimistic patch, rollback on 500", async (server) => {
  const a = app(server);
  const id = "00000000-0000-4000-8000-000000000001";
  try {
    const { result } = renderHook(() => ({ one: useOrder(id), update: useUpdateOrder() }), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(result.current.one.data?.status, "open"));
    await act(() => result.current.update.mutateAsync({ id, changes: { status: "paid" } }));
    assert.equal(result.current.one.data?.status, "paid");
    assert.deepEqual(server.requests.at(-1), `PATCH /api/orders/${id}`);
    assert.equal(server.orders.get(id)?.status, "paid");

    server.failNext("PATCH", "/api/orders", 500);
    act(() => result.current.update.mutate({ id, changes: { status: "shipped" } }));
    assert.equal(result.current.one.data?.status, "shipped");
    await waitFor(() => assert.equal(result.current.update.isPending, false));
    assert.equal(result.current.one.data?.status, "paid");
  } finally {
    cleanup();
    await a.dispose();
  }
});

scenario("renaming a customer updates order.customer.name in a mounted list without a refetch", async (server) => {
  const a = app(server);
  try {
    const { result } = renderHook(() => ({
      list: useOrders({ include: ["customer"], where: { customer_id: ALICE } }),
      rename: useUpdateCustomer(),
    }), { wrapper: a.wrapper });
    await waitFor(() => assert.deepEqual(result.current.list.data.map((o) => o.customer?.name), ["Alice", "Alice"]));
    const before = [...server.requests];

    const started = performance.now();
    act(() => result.current.rename.mutate({ id: ALICE, changes: { name: "Alicia" } }));
    const visibleAfter = performance.now() - started;
    assert.deepEqual(result.current.list.data.map((o) => o.customer.name), ["Alicia", "Alicia"]);
    await waitFor(() => assert.equal(result.current.rename.isPending, false));
    assert.deepEqual(result.current.list.data.map((o) => o.customer.name), ["Alicia", "Alicia"]);
    assert.deepEqual(server.requests.slice(before.length), [`PATCH /api/customers/${ALICE}`]);
    console.log(`  rename visible in the include list after ${visibleAfter.toFixed(2)} ms (incl. React render)`);
  } finally {
    cleanup();
    await a.dispose();
  }
});

scenario("broadcast: a create by client A shows up in client B's list", async (server) => {
  const a = app(server, true);
  const b = app(server, true);
  try {
    const seenAt = new Map<string, number>();
    const hookB = renderHook(() => {
      const list = useOrders({ where: { customer_id: BOB } });
      for (const o of list.data) if (!seenAt.has(o.id)) seenAt.set(o.id, performance.now());
      return { list, state: useBroadcastState() };
    }, { wrapper: b.wrapper });
    const hookA = renderHook(() => ({ create: useCreateOrder(), state: useBroadcastState() }), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(hookB.result.current.list.data.length, 1));
    await waitFor(() => assert.equal(hookA.result.current.state, "connected"));
    await waitFor(() => assert.equal(hookB.result.current.state, "connected"));
    await server.waitForSubscribers("order", 1);

    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await act(() => hookA.result.current.create.mutateAsync({ customer_id: BOB, total: 100 + i }));
      await waitFor(() => assert.ok(seenAt.has(created.id), "B sees A's order"));
      const published = server.published.find((p) => p.entity_id === created.id)!;
      delays.push(seenAt.get(created.id)! - published.at);
    }
    assert.equal(hookB.result.current.list.data.length, 6);
    delays.sort((x, y) => x - y);
    const [min, , median, , max] = delays.map((d) => d.toFixed(1));
    console.log(
      `  broadcast → B's list: median ${median} ms, min ${min}, max ${max} (event → invalidate → GET → render)`,
    );
  } finally {
    cleanup();
    await a.dispose();
    await b.dispose();
  }
});

scenario("runtime hooks without providers are no-ops", async () => {
  const { result } = renderHook(() => {
    useBroadcastInvalidation({ channel: "order", queryKey: ["orders"] });
    return useBroadcastState();
  });
  assert.equal(result.current, "disconnected");
  await Promise.resolve();
});

scenario("BroadcastProvider: connects on mount, closes on unmount", async (server) => {
  const states: string[] = [];
  function Probe() {
    states.push(useBroadcastState());
    return null;
  }
  const view = render(
    <BroadcastProvider url={server.origin} options={{ BroadcastChannel: null }}>
      <Probe />
    </BroadcastProvider>,
  );
  await waitFor(() => assert.equal(states.at(-1), "connected"));
  view.unmount();
  assert.ok(states.includes("connecting"));
});

scenario("BroadcastProvider under StrictMode: one live connection after the double mount", async (server) => {
  function Probe() {
    useBroadcastInvalidation({ channel: "order", queryKey: ["orders"] });
    return <p>{useBroadcastState()}</p>;
  }
  const view = render(
    <StrictMode>
      <BroadcastProvider url={server.broadcastUrl} options={{ BroadcastChannel: null }}>
        <Probe />
      </BroadcastProvider>
    </StrictMode>,
  );
  await waitFor(() => assert.equal(view.container.textContent, "connected"));
  await server.waitForSubscribers("order", 1);
  assert.equal(server.openSockets, 1);
  view.unmount();
});
