/**
 * The generated data layer of `examples/sales/openapi.yaml`, used the way an app uses it (React hooks under
 * happy-dom + @testing-library/react), against the example server on 127.0.0.1.
 *
 * Runs under the consumer config (`tests/consumer/deno.json`) from `tests/sales/scenarios_test.ts`, which generates
 * `tests/.out/sales/generated/` first. By hand, after a run of that driver:
 * `cd tests/sales/app && deno test -A --config ../../consumer/deno.json scenarios_test.tsx`.
 *
 * @module
 */
// The DOM first: happy-dom, then Deno's timers and event functions back.
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import type { ReactNode } from "react";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  ApiError,
  BroadcastProvider,
  configureApi,
  CustomerSchema,
  type Order,
  OrderSchema,
  useBroadcastState,
  useCreateCustomer,
  useCreateOrder,
  useCreateProduct,
  useCustomer,
  useCustomers,
  useDeleteOrder,
  useOrders,
  useProducts,
  useUpdateCustomer,
  useUpdateProduct,
} from "../../.out/sales/generated/index.ts";
import { type SalesServer, SEED_IDS, startServer } from "../../../examples/sales/server/mod.ts";

const { customers: C, orders: O, products: P } = SEED_IDS;

/** Options of the broadcast client in tests: no cross-tab relay, fast reconnects. */
const BROADCAST_OPTIONS = { BroadcastChannel: null, initialDelayMs: 20, maxDelayMs: 100, maxAttempts: 50 };

/** The QueryClients of the running scenario, cleared after it. */
const queryClients: QueryClient[] = [];

/** One app: a QueryClient, a DbClient on it, and the providers (with a broadcast connection when asked). */
function app(server: SalesServer, broadcast = false) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClients.push(queryClient);
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <DbProvider client={client}>{children}</DbProvider>;
    return (
      <QueryClientProvider client={queryClient}>
        {broadcast
          ? <BroadcastProvider url={server.wsUrl} options={BROADCAST_OPTIONS}>{tree}</BroadcastProvider>
          : tree}
      </QueryClientProvider>
    );
  };
  return { queryClient, client, wrapper };
}

/** Runs `fn` with a fresh server (demo data unless `seed: false`), the client pointed at it; cleans up after. */
function scenario(name: string, fn: (server: SalesServer) => Promise<void>, options: { seed?: boolean } = {}) {
  Deno.test(name, async () => {
    const server = await startServer({ seed: options.seed ?? true });
    configureApi({ baseUrl: server.url, headers: {} });
    try {
      await fn(server);
    } finally {
      cleanup(); // unmounts: BroadcastProviders close their sockets
      queryClients.splice(0).forEach((c) => c.clear());
      await server.close();
    }
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

// ---- 1. loading -------------------------------------------------------------------------------------------------

scenario("1. useOrders: isLoading with no rows while the request is out, then the rows", async (server) => {
  const a = app(server);
  const get = server.hold("GET", "/orders");
  const { result } = renderHook(() => useOrders(), { wrapper: a.wrapper });
  await get.arrived;
  assert.equal(result.current.isLoading, true);
  assert.equal(result.current.data.length, 0);
  get.release();
  await waitFor(() => assert.equal(result.current.isLoading, false));
  assert.deepEqual(result.current.data.map((o) => o.number).sort(), ["SO-1001", "SO-1002", "SO-1003"]);
  assert.equal(result.current.isError, false);
});

scenario("1. useOrders: an empty list is not loading", async (server) => {
  const a = app(server);
  const get = server.hold("GET", "/orders");
  const renders: Array<{ isLoading: boolean; rows: number }> = [];
  const { result } = renderHook(() => {
    const list = useOrders();
    renders.push({ isLoading: list.isLoading, rows: list.data.length });
    return list;
  }, { wrapper: a.wrapper });
  await get.arrived;
  assert.deepEqual(renders.at(-1), { isLoading: true, rows: 0 }, "loading: no rows yet");
  get.release();
  await waitFor(() => assert.equal(result.current.isLoading, false));
  assert.deepEqual(renders.at(-1), { isLoading: false, rows: 0 }, "loaded: no rows at all");
  assert.equal(result.current.isError, false);
}, { seed: false });

scenario(
  "1. useOrders() loads every order, not only the server's first page (limit defaults to 100)",
  async (server) => {
    await server.store.transaction(async (tables) => {
      for (let i = 0; i < 120; i++) {
        const time = new Date(Date.UTC(2025, 1, 1, 0, i)).toISOString();
        await tables.orders.insert({
          id: crypto.randomUUID(),
          number: `SO-${2000 + i}`,
          customer_id: C.alan,
          status: "pending",
          currency: "EUR",
          total_cents: 0,
          notes: null,
          cancel_reason: null,
          created_at: time,
          updated_at: time,
        });
      }
    });
    const a = app(server);
    const { result } = renderHook(() => useOrders(), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(result.current.isLoading, false));
    await act(() => sleep(50)); // room for further pages
    assert.equal(
      result.current.data.length,
      123,
      `requests: ${server.requests.map((r) => r.line).join(", ")}`,
    );
  },
);

scenario("1. a failed load: isError with the server's error, healed by refetch()", async (server) => {
  const a = app(server);
  server.fault({ method: "GET", path: "/orders", status: 503 });
  const { result } = renderHook(() => useOrders(), { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.isError, true));
  assert.equal(result.current.isLoading, false);
  assert.ok(
    result.current.error instanceof ApiError && result.current.error.status === 503,
    String(result.current.error),
  );
  await act(() => result.current.refetch());
  await waitFor(() => assert.equal(result.current.data.length, 3));
  assert.equal(result.current.isError, false);
  assert.equal(result.current.error, null);
});

// ---- 2. optimistic create ---------------------------------------------------------------------------------------

scenario("2. useCreateOrder: in every mounted list at once; the server row replaces it, never two", async (server) => {
  const a = app(server);
  const renders: { all: string[][]; alan: string[][] } = { all: [], alan: [] };
  const { result } = renderHook(() => {
    const all = useOrders();
    const alan = useOrders({ where: { customer_id: C.alan } });
    renders.all.push(ids(all.data));
    renders.alan.push(ids(alan.data));
    return { all, alan, create: useCreateOrder() };
  }, { wrapper: a.wrapper });
  await waitFor(() => {
    assert.equal(result.current.all.isLoading, false);
    assert.equal(result.current.alan.isLoading, false);
  });
  assert.equal(result.current.all.data.length, 3);
  assert.equal(result.current.alan.data.length, 0);

  configureApi({ headers: { "x-delay-ms": "300" } }); // the server waits 300 ms before it answers
  let promise!: Promise<Order>;
  act(() => {
    promise = result.current.create.mutateAsync({ customer_id: C.alan, notes: "rush" });
  });
  const temp = result.current.all.data.find((o) => o.notes === "rush");
  assert.ok(temp, "the optimistic row is in the full list");
  assert.equal(temp.$hasPendingWrites, true);
  assert.deepEqual(ids(result.current.alan.data), [temp.id], "and in the filtered list");
  assert.equal(result.current.create.isPending, true);
  await waitFor(() => assert.equal(server.count("POST /orders"), 1));
  configureApi({ headers: {} });
  assert.equal(server.requests.find((r) => r.method === "POST")?.status, undefined, "the server has not answered");

  const created = await act(() => promise);
  await waitFor(() => assert.equal(result.current.create.isPending, false));
  assert.notEqual(created.id, temp.id, "the server assigned the id");
  assert.equal(created.number, "SO-1004");
  assert.deepEqual(ids(result.current.alan.data), [created.id]);
  assert.ok(ids(result.current.all.data).includes(created.id));
  assert.ok(!ids(result.current.all.data).includes(temp.id));
  assert.equal(result.current.alan.data[0]?.$hasPendingWrites, false);
  for (const [list, rows] of Object.entries(renders)) {
    const both: string[] | undefined = rows.find((r) => r.includes(temp.id) && r.includes(created.id));
    assert.equal(both, undefined, `${list}: a render with both the temporary and the server row`);
  }
  assert.equal(Math.max(...renders.all.map((r) => r.length)), 4, "never a fifth row");
  assert.ok(renders.alan.every((r) => r.length <= 1), "never two rows in the filtered list");
});

scenario("2. useCreateOrder: a 500 and a 422 roll back and call onError", async (server) => {
  const a = app(server);
  const hookErrors: Error[] = [];
  const callErrors: Error[] = [];
  const { result } = renderHook(() => ({
    list: useOrders(),
    create: useCreateOrder({ onError: (e) => hookErrors.push(e) }),
  }), { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.list.data.length, 3));

  configureApi({ headers: { "x-fail": "500", "x-delay-ms": "100" } });
  act(() => result.current.create.mutate({ customer_id: C.grace }, { onError: (e) => callErrors.push(e) }));
  assert.equal(result.current.list.data.length, 4, "shown at once");
  await waitFor(() => assert.equal(result.current.create.isPending, false));
  configureApi({ headers: {} });
  assert.equal(result.current.list.data.length, 3, "rolled back");
  assert.equal(hookErrors.length, 1);
  assert.equal(callErrors.length, 1);
  assert.ok(hookErrors[0] instanceof ApiError && hookErrors[0].status === 500, String(hookErrors[0]));
  assert.equal(result.current.create.error, hookErrors[0]);

  // a real validation failure: the customer does not exist
  act(() => result.current.create.mutate({ customer_id: "00000000-0000-4000-8000-ffffffffffff" }));
  assert.equal(result.current.list.data.length, 4);
  await waitFor(() => assert.equal(result.current.create.isPending, false));
  assert.equal(result.current.list.data.length, 3);
  assert.equal(hookErrors.length, 2);
  assert.ok(hookErrors[1] instanceof ApiError && hookErrors[1].status === 422, String(hookErrors[1]));
  assert.equal(await server.store.orders.count(), 3, "nothing stored");
});

scenario(
  "2. the optimistic row is a whole row: the spec's defaults and nulls until the server's row",
  async (server) => {
    const a = app(server);
    const { result } = renderHook(() => ({
      orders: useOrders(),
      customers: useCustomers(),
      createOrder: useCreateOrder(),
      createCustomer: useCreateCustomer(),
    }), { wrapper: a.wrapper });
    await waitFor(() => {
      assert.equal(result.current.orders.isLoading, false);
      assert.equal(result.current.customers.isLoading, false);
    });
    const postOrder = server.hold("POST", /^\/orders$/);
    const postCustomer = server.hold("POST", /^\/customers$/);
    act(() => {
      result.current.createOrder.mutate({ customer_id: C.alan });
      result.current.createCustomer.mutate({ name: "Barbara Liskov", email: "barbara@example.com" });
    });
    const order = result.current.orders.data.find((o) => o.$hasPendingWrites === true);
    const customer = result.current.customers.data.find((c) => c.$hasPendingWrites === true);
    assert.ok(order && customer);
    // what the server will answer for the fields left out: `default:` of the spec, null where nullable
    assert.deepEqual(
      { currency: order.currency, notes: order.notes, status: order.status, total_cents: order.total_cents },
      { currency: "EUR", notes: null, status: "pending", total_cents: 0 },
    );
    assert.deepEqual(
      {
        tier: customer.tier,
        phone: customer.phone,
        company: customer.company,
        referred_by_id: customer.referred_by_id,
      },
      { tier: "standard", phone: null, company: null, referred_by_id: null },
    );
    const problems = [OrderSchema.safeParse(order), CustomerSchema.safeParse(customer)]
      .flatMap((r) => r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? []);
    assert.deepEqual(problems, [], "the optimistic rows satisfy the item schemas");
    await Promise.all([postOrder.arrived, postCustomer.arrived]);
    postOrder.release();
    postCustomer.release();
    await waitFor(() => {
      assert.equal(result.current.createOrder.isPending, false);
      assert.equal(result.current.createCustomer.isPending, false);
    });
  },
);

// ---- 3. relations -----------------------------------------------------------------------------------------------

scenario("3. updating a customer changes order.customer.name in a mounted include list, no refetch", async (server) => {
  const a = app(server);
  const { result } = renderHook(() => ({
    list: useOrders({ include: ["customer"] }),
    rename: useUpdateCustomer(),
  }), { wrapper: a.wrapper });
  await waitFor(() => {
    assert.equal(result.current.list.data.length, 3);
    assert.ok(result.current.list.data.every((o) => o.customer?.name));
  });
  const adas = () => result.current.list.data.filter((o) => o.customer_id === C.ada).map((o) => o.customer.name);
  assert.deepEqual(adas(), ["Ada Lovelace", "Ada Lovelace"]);
  console.log(`  include list loaded with: ${server.requests.map((r) => r.line).join(" | ")}`);
  const before = server.requests.length;

  act(() => result.current.rename.mutate({ id: C.ada, data: { name: "Ada King" } }));
  assert.deepEqual(adas(), ["Ada King", "Ada King"], "at once, before the server answered");
  await waitFor(() => assert.equal(result.current.rename.isPending, false));
  await act(() => sleep(50)); // room for a refetch, if one were made
  assert.deepEqual(adas(), ["Ada King", "Ada King"]);
  assert.equal(result.current.rename.error, null);
  assert.deepEqual(server.requests.slice(before).map((r) => r.line), [`PATCH /customers/${C.ada}`]);
  assert.equal((await server.store.customers.get(C.ada))?.name, "Ada King");
});

scenario("3. useCustomer(id, { include: ['orders'] }) sees an order created for it", async (server) => {
  const a = app(server);
  const { result } = renderHook(() => ({
    alan: useCustomer(C.alan, { include: ["orders"] }),
    create: useCreateOrder(),
  }), { wrapper: a.wrapper });
  await waitFor(() => {
    assert.equal(result.current.alan.data?.name, "Alan Turing");
    assert.equal(result.current.alan.isLoading, false);
  });
  assert.equal(result.current.alan.data?.orders.length, 0);

  const post = server.hold("POST", /^\/orders$/);
  let promise!: Promise<Order>;
  act(() => {
    promise = result.current.create.mutateAsync({ customer_id: C.alan, notes: "first" });
  });
  assert.deepEqual(result.current.alan.data?.orders.map((o) => o.notes), ["first"], "optimistic");
  await post.arrived;
  post.release();
  const created = await act(() => promise);
  await waitFor(() => assert.deepEqual(result.current.alan.data?.orders.map((o) => o.id), [created.id]));
});

// ---- 4. delete --------------------------------------------------------------------------------------------------

scenario("4. useDeleteOrder: gone at once; a refused delete (409) comes back and calls onError", async (server) => {
  const a = app(server);
  const errors: Error[] = [];
  const renders: string[][] = [];
  const { result } = renderHook(() => {
    const list = useOrders();
    renders.push(ids(list.data));
    return { list, remove: useDeleteOrder({ onError: (e) => errors.push(e) }) };
  }, { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.list.data.length, 3));

  // a pending order can be deleted
  const del = server.hold("DELETE", `/orders/${O.adaPending}`);
  act(() => result.current.remove.mutate(O.adaPending));
  assert.ok(!ids(result.current.list.data).includes(O.adaPending), "gone before the server answered");
  await del.arrived;
  del.release();
  await waitFor(() => assert.equal(result.current.remove.isPending, false));
  assert.equal(result.current.list.data.length, 2);
  assert.equal(await server.store.orders.get(O.adaPending), undefined);
  assert.equal(errors.length, 0);

  // a confirmed order cannot: the server says 409 and the row comes back
  const from = renders.length;
  act(() => result.current.remove.mutate(O.adaConfirmed));
  assert.ok(!ids(result.current.list.data).includes(O.adaConfirmed), "gone at once");
  await waitFor(() => assert.equal(result.current.remove.isPending, false));
  assert.ok(ids(result.current.list.data).includes(O.adaConfirmed), "rolled back");
  assert.ok(renders.slice(from).some((r) => !r.includes(O.adaConfirmed)));
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof ApiError && errors[0].status === 409, String(errors[0]));

  // an injected 503 rolls back as well
  server.fault({ method: "DELETE", status: 503 });
  await act(() => assert.rejects(result.current.remove.mutateAsync(O.graceShipped), ApiError));
  assert.ok(ids(result.current.list.data).includes(O.graceShipped));
  assert.equal(result.current.list.data.length, 2);
});

// ---- 5. two clients ---------------------------------------------------------------------------------------------

scenario("5. broadcast: A creates, B's mounted list shows it (< 200 ms median)", async (server) => {
  const a = app(server, true);
  const b = app(server, true);
  const seenAt = new Map<string, number>();
  const hookB = renderHook(() => {
    const list = useOrders({ where: { customer_id: C.grace } });
    const now = performance.now();
    for (const o of list.data) if (!seenAt.has(o.id)) seenAt.set(o.id, now);
    return { list, state: useBroadcastState() };
  }, { wrapper: b.wrapper });
  const hookA = renderHook(() => ({ create: useCreateOrder(), state: useBroadcastState() }), { wrapper: a.wrapper });
  await waitFor(() => {
    assert.equal(hookB.result.current.list.data.length, 1);
    assert.equal(hookA.result.current.state, "connected");
    assert.equal(hookB.result.current.state, "connected");
  });
  await server.broadcast.waitForSubscribers("order", 1);

  const RUNS = 9;
  const delays: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const created = await act(() => hookA.result.current.create.mutateAsync({ customer_id: C.grace }));
    await waitFor(() => assert.ok(seenAt.has(created.id), "B sees A's order"), { timeout: 2000 });
    const published = server.broadcast.published.find((p) =>
      p.event === "created" && p.payload.entity_id === created.id
    );
    assert.ok(published, "the server announced it");
    assert.ok(published.sentTo >= 1);
    delays.push(seenAt.get(created.id)! - published.at);
  }
  assert.equal(hookB.result.current.list.data.length, 1 + RUNS);
  delays.sort((x, y) => x - y);
  const median = delays[Math.floor(RUNS / 2)]!;
  console.log(
    `  broadcast → B's list: median ${median.toFixed(1)} ms, min ${delays[0]!.toFixed(1)}, max ${
      delays.at(-1)!.toFixed(1)
    } over ${RUNS} creates (server send → event → invalidate → GET → B rendered)`,
  );
  assert.ok(median < 200, `median ${median} ms`);
});

// ---- 6. broadcast client robustness ------------------------------------------------------------------------------

scenario("6. broadcast client: survives garbage, reconnects after a drop, resubscribes", async (server) => {
  const b = app(server, true);
  const states: string[] = [];
  const { result } = renderHook(() => {
    const state = useBroadcastState();
    if (states.at(-1) !== state) states.push(state);
    return { list: useOrders({ where: { customer_id: C.alan } }), state };
  }, { wrapper: b.wrapper });
  await waitFor(() => {
    assert.equal(result.current.state, "connected");
    assert.equal(result.current.list.isLoading, false);
  });
  await server.broadcast.waitForSubscribers("order", 1);
  const createElsewhere = async () => {
    const response = await fetch(`${server.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer_id: C.alan }),
    });
    return (await response.json()) as Order;
  };

  // garbage, then a real event: still handled
  assert.equal(server.broadcast.sendGarbage(), 1);
  const first = await createElsewhere();
  await waitFor(() => assert.deepEqual(ids(result.current.list.data), [first.id]));
  assert.equal(result.current.state, "connected");

  // the server drops the socket and refuses for a while: the client keeps trying
  server.broadcast.refuse(503);
  await act(() => server.broadcast.drop());
  await waitFor(() => assert.equal(result.current.state, "reconnecting"));
  await act(() => sleep(150)); // some attempts fail
  assert.equal(result.current.state, "reconnecting");
  server.broadcast.allow();
  await waitFor(() => assert.equal(result.current.state, "connected"), { timeout: 2000 });
  await server.broadcast.waitForSubscribers("order", 1); // resubscribed on the new socket
  assert.equal(server.broadcast.accepted, 2);

  const second = await createElsewhere();
  await waitFor(() => assert.ok(ids(result.current.list.data).includes(second.id)));
  assert.deepEqual(states.slice(-3), ["connected", "reconnecting", "connected"]);
});

// ---- 7. confirmed entity ----------------------------------------------------------------------------------------

scenario("7. products (x-sync-mode: confirmed): nothing shows until the server answered", async (server) => {
  const a = app(server);
  const errors: Error[] = [];
  const renders: Array<{ skus: string[]; answered: boolean }> = [];
  let answered = false;
  const { result } = renderHook(() => {
    const list = useProducts();
    renders.push({ skus: list.data.map((p) => p.sku), answered });
    return {
      list,
      create: useCreateProduct({ onError: (e) => errors.push(e) }),
      update: useUpdateProduct(),
    };
  }, { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.list.data.length, 4));

  // create
  const post = server.hold("POST", "/products");
  act(() => result.current.create.mutate({ sku: "HS-01", name: "Headset", price_cents: 5900 }));
  await post.arrived;
  await act(() => sleep(20));
  assert.equal(result.current.list.data.length, 4, "not shown while the server decides");
  assert.equal(result.current.create.isPending, true);
  answered = true;
  post.release();
  await waitFor(() => assert.ok(result.current.list.data.some((p) => p.sku === "HS-01")));
  await waitFor(() => assert.equal(result.current.create.isPending, false));
  const headset = result.current.list.data.find((p) => p.sku === "HS-01")!;
  assert.equal(headset.id, result.current.create.data?.id);
  assert.ok(await server.store.products.get(headset.id), "the server's id");
  assert.ok(
    renders.filter((r) => !r.answered).every((r) => !r.skus.includes("HS-01")),
    "no render showed it before the answer",
  );

  // update: the old price until the server answered
  const patch = server.hold("PATCH", `/products/${P.mouse}`);
  act(() => result.current.update.mutate({ id: P.mouse, data: { price_cents: 5500 } }));
  await patch.arrived;
  const mouse = () => result.current.list.data.find((p) => p.id === P.mouse)?.price_cents;
  assert.equal(mouse(), 4900);
  patch.release();
  await waitFor(() => assert.equal(mouse(), 5500));

  // a refused create (409: the SKU is taken) never shows
  const before = renders.length;
  act(() => result.current.create.mutate({ sku: "KB-ERGO-01", name: "Another keyboard", price_cents: 1 }));
  await waitFor(() => assert.equal(result.current.create.isPending, false));
  assert.ok(renders.slice(before).every((r) => r.skus.filter((s) => s === "KB-ERGO-01").length === 1));
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof ApiError && errors[0].status === 409, String(errors[0]));
});
