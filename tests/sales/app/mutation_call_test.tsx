/**
 * Per-call options of the generated mutations (issue 9, "Mutations"): an `AbortSignal` and headers passed to
 * `mutate`/`mutateAsync` reach the request, and aborting fails the call and rolls its optimistic row back. The
 * example server's fault injection headers (`x-fail`, `x-delay-ms`) make both visible.
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts`, against the example server on 127.0.0.1.
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
  cancelOrder,
  configureApi,
  createOrder,
  useCancelOrder,
  useCreateOrder,
  useOrders,
} from "../../.out/sales/generated/index.ts";
import { type SalesServer, SEED_IDS, startServer } from "../../../examples/sales/server/mod.ts";

const { customers: C, orders: O } = SEED_IDS;

async function withApp(fn: (server: SalesServer, db: DbClient, wrapper: (p: { children: ReactNode }) => ReactNode) => Promise<void>) {
  const server = await startServer({ seed: true });
  configureApi({ baseUrl: server.url, headers: {} });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const db = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={db}>{children}</DbProvider>
    </QueryClientProvider>
  );
  try {
    await fn(server, db, wrapper);
  } finally {
    cleanup();
    queryClient.clear();
    await db.cleanup();
    await server.close();
  }
}

Deno.test("mutations: per-call headers reach the request (mutateAsync and the plain function)", async () => {
  await withApp(async (server, db, wrapper) => {
    const { result } = renderHook(() => useCreateOrder(), { wrapper });
    const before = await server.store.orders.count();
    let failure: unknown;
    await act(async () => {
      await result.current.mutateAsync({ customer_id: C.ada }, { headers: { "x-fail": "503" } }).catch((e) => {
        failure = e;
      });
    });
    assert.ok(failure instanceof ApiError && failure.status === 503, String(failure));
    assert.equal(await server.store.orders.count(), before, "nothing stored");
    // without the header the same call goes through
    await act(async () => {
      await result.current.mutateAsync({ customer_id: C.ada });
    });
    assert.equal(await server.store.orders.count(), before + 1);
    await assert.rejects(
      createOrder(db, { customer_id: C.ada }, "optimistic", { headers: { "x-fail": "500" } }),
      (e) => e instanceof ApiError && e.status === 500,
    );
  });
});

Deno.test("mutations: aborting a call's signal fails it and rolls its optimistic row back", async () => {
  await withApp(async (_server, _db, wrapper) => {
    const { result } = renderHook(() => ({ list: useOrders(), create: useCreateOrder() }), { wrapper });
    await waitFor(() => assert.equal(result.current.list.isReady, true));
    const shown = result.current.list.data.length;
    const controller = new AbortController();
    const errors: Error[] = [];
    act(() => {
      result.current.create.mutate({ customer_id: C.ada, notes: "aborted" }, {
        signal: controller.signal,
        headers: { "x-delay-ms": "2000" },
        onError: (error) => errors.push(error),
      });
    });
    await waitFor(() => assert.equal(result.current.list.data.length, shown + 1, "the optimistic row"));
    act(() => controller.abort());
    await waitFor(() => assert.equal(errors.length, 1));
    assert.equal(errors[0]!.name, "AbortError", String(errors[0]));
    await waitFor(() => assert.equal(result.current.list.data.length, shown, "rolled back"));
    assert.ok(!result.current.list.data.some((o) => o.notes === "aborted"));
  });
});

Deno.test("mutations: a custom operation's call options reach its request too", async () => {
  await withApp(async (server, db, wrapper) => {
    const { result } = renderHook(() => useCancelOrder(), { wrapper });
    let failure: unknown;
    await act(async () => {
      await result.current.mutateAsync({ orderId: O.adaPending }, { headers: { "x-fail": "409" } }).catch((e) => {
        failure = e;
      });
    });
    assert.ok(failure instanceof ApiError && failure.status === 409, String(failure));
    await assert.rejects(
      cancelOrder(db, { orderId: O.adaPending }, { headers: { "x-fail": "502" } }),
      (e) => e instanceof ApiError && e.status === 502,
    );
    assert.equal((await server.store.orders.get(O.adaPending))?.status, "pending", "not cancelled");
  });
});
