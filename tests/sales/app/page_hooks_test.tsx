/**
 * Issue 9, "lists keep the API's pagination metadata" in the hooks: `useOrders(…).page` is the `OrderList`
 * wrapper's `total` for the hook's own subset, typed from the wrapper schema, with no request of its own (counted by
 * the example server); `undefined` while loading and for a list without a wrapper (`useCustomers`).
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts`, which generates `tests/.out/sales/generated/` first.
 *
 * @module
 */
// The DOM first: happy-dom, then Deno's timers and event functions back.
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import { type ReactNode, Suspense } from "react";
import { act, renderHook, waitFor } from "@testing-library/react";
import {
  useCreateOrder,
  useCustomers,
  useOrders,
  useOrdersSuspense,
} from "../../.out/sales/generated/index.ts";
import { type SalesServer, SEED_IDS } from "../../../examples/sales/server/mod.ts";
import { addOrders, app, scenario, sleep } from "./harness.tsx";

const { customers: C } = SEED_IDS;

/** The orders on the server (the store, not the API: no request counted). */
async function serverOrders(server: SalesServer): Promise<{ id: string; status: string }[]> {
  return (await server.store.transaction((t) => t.orders.list({}))) as { id: string; status: string }[];
}

const listRequests = (server: SalesServer) =>
  server.requests.filter((r) => r.line.startsWith("GET /orders") && !r.path.startsWith("/orders/")).map((r) => r.line);

scenario(
  "page: the wrapper's total of the hook's own subset, undefined while loading, no request of its own",
  async (server) => {
    const pending = (await serverOrders(server)).filter((o) => o.status === "pending").length;
    assert.ok(pending > 0, "the seed has pending orders");
    const a = app();
    const { result } = renderHook(() => useOrders({ where: { status: "pending" } }), { wrapper: a.wrapper });
    // (read through a function: an assertion on result.current.page would narrow it for the rest of the test)
    const page = () => result.current.page;
    assert.equal(result.current.isLoading, true);
    assert.equal(page(), undefined, "no page while loading");
    await waitFor(() => assert.equal(result.current.isLoading, false));
    await waitFor(() => assert.notEqual(page(), undefined));
    // typed from OrderList without its rows: `total` is a number, `items` is not there
    const total: number | undefined = page()?.total;
    assert.equal(total, pending);
    assert.equal(result.current.data.length, pending);
    assert.deepEqual(Object.keys(page()!), ["total"]);
    // @ts-expect-error the rows are `data`, not in `page`
    assert.equal(page()?.items, undefined);
    await act(() => sleep(100)); // room for any further load
    assert.deepEqual(listRequests(server), ["GET /orders?status=pending&limit=100&offset=0"], "one request, as before");
  },
);

scenario("page: a subset loaded over several pages keeps the total; a refetch brings the new one", async (server) => {
  await addOrders(server, 250);
  const all = (await serverOrders(server)).length;
  const a = app();
  const { result } = renderHook(() => useOrders({ limit: 5, offset: 10 }), { wrapper: a.wrapper });
  await waitFor(() => assert.equal(result.current.isLoading, false), { timeout: 10_000 });
  await waitFor(() => assert.equal(result.current.page?.total, all));
  assert.equal(result.current.data.length, 5);
  // the API cannot sort: every page of the list once, and the page fields came with them
  assert.equal(listRequests(server).length, Math.ceil(all / 100));

  await addOrders(server, 2);
  const before = listRequests(server).length;
  await act(() => result.current.refetch());
  await waitFor(() => assert.equal(result.current.page?.total, all + 2));
  assert.equal(listRequests(server).length - before, Math.ceil((all + 2) / 100), "the refetch's pages only");
});

scenario(
  "page: a local write keeps the page; two hooks on one subset share it; no wrapper, no page",
  async (server) => {
    const pending = (await serverOrders(server)).filter((o) => o.status === "pending").length;
    const a = app();
    const { result } = renderHook(() => ({
      first: useOrders({ where: { status: "pending" }, include: ["customer"] }),
      second: useOrders({ where: { status: "pending" } }),
      customers: useCustomers(),
      create: useCreateOrder(),
    }), { wrapper: a.wrapper });
    await waitFor(() => {
      assert.equal(result.current.first.isLoading, false);
      assert.equal(result.current.customers.isLoading, false);
    });
    await waitFor(() => assert.equal(result.current.first.page?.total, pending));
    assert.equal(result.current.second.page, result.current.first.page, "one subset, one page object");
    // a list the API answers as a bare array has no page fields: typed `undefined`
    const none: undefined = result.current.customers.page;
    assert.equal(none, undefined);

    await act(() => result.current.create.mutateAsync({ customer_id: C.alan }));
    await waitFor(() => assert.equal(result.current.second.data.length, pending + 1));
    // the collection wrote the new row into the subset's rows; the page fields are the server's last answer
    assert.equal(result.current.second.page?.total, pending);
    assert.equal(listRequests(server).length, 1, "the two hooks' subset loaded once");
  },
);

scenario("page: the Suspense list hook has it too, once rendered", async (server) => {
  const pending = (await serverOrders(server)).filter((o) => o.status === "pending").length;
  const a = app();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <a.wrapper>
      <Suspense fallback={null}>{children}</Suspense>
    </a.wrapper>
  );
  const { result } = renderHook(() => useOrdersSuspense({ where: { status: "pending" } }), { wrapper });
  await waitFor(() => assert.equal(result.current?.data.length, pending));
  const total: number | undefined = result.current.page?.total;
  assert.equal(total, pending);
  assert.equal(listRequests(server).length, 1);
});
