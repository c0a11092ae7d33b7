/**
 * The live join of a list hook (issue 9's "live-join update after a customer rename"): with
 * `useOrders({ include: ["customer"] })` mounted, a customer rename re-renders the list once, shows the new name in
 * that customer's orders, keeps the identity of every other row, and reads no row of the list's live query again
 * (react-db's `useLiveQuery` copies the whole result on every change; the hook follows the live query change by
 * change instead, `entities/live_rows.ts`). The bench (`bench/runtime/`) reports the times; this counts the work.
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts`, against the example server on 127.0.0.1.
 *
 * @module
 */
// The DOM first: happy-dom, then Deno's timers and event functions back.
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import { type ReactNode, useLayoutEffect } from "react";
import { act, cleanup, render, waitFor } from "@testing-library/react";
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  configureApi,
  getSyncStore,
  type Order,
  type OrderRow,
  useCustomers,
  useOrders,
  useUpdateCustomer,
} from "../../.out/sales/generated/index.ts";
import { type SalesServer, SEED_IDS, startServer } from "../../../examples/sales/server/mod.ts";

const C = SEED_IDS.customers;
const CUSTOMERS = [C.ada, C.grace, C.alan];
/** Orders added to the demo data, round the three customers. */
const EXTRA_ORDERS = 90;

async function withServer(fn: (server: SalesServer) => Promise<void>) {
  const server = await startServer({ seed: true });
  configureApi({ baseUrl: server.url, headers: {} });
  for (let i = 0; i < EXTRA_ORDERS; i++) {
    const time = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();
    await server.store.orders.insert({
      id: `00000000-0000-4000-8000-d${String(i + 1).padStart(11, "0")}`,
      number: `SO-${5000 + i}`,
      customer_id: CUSTOMERS[i % CUSTOMERS.length]!,
      status: "pending",
      currency: "EUR",
      total_cents: 100 * i,
      notes: null,
      cancel_reason: null,
      created_at: time,
      updated_at: time,
    });
  }
  try {
    await fn(server);
  } finally {
    cleanup(); // unmount first: the hooks let go of their live queries, which go after their gcTime (1 ms)
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const { queryClient, client } of apps.splice(0)) {
      queryClient.clear();
      await client.cleanup();
    }
    await server.close();
  }
}

interface App {
  queryClient: QueryClient;
  client: DbClient;
  wrapper: (props: { children: ReactNode }) => ReactNode;
}

/** The apps of the running test, cleaned up after it. */
const apps: App[] = [];

function app(): App {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={client}>{children}</DbProvider>
    </QueryClientProvider>
  );
  const made = { queryClient, client, wrapper };
  apps.push(made);
  return made;
}

type Row = OrderRow<"customer">;

/** What the list component did: its renders, and the rows of each commit. */
interface Probe {
  renders: number;
  commits: (readonly Row[])[];
  isLoading: boolean;
}

function List({ probe, orderBy }: { probe: Probe; orderBy?: { total_cents: "asc" | "desc" } }) {
  probe.renders++;
  const list = useOrders({ include: ["customer"], orderBy });
  useLayoutEffect(() => {
    probe.commits.push(list.data);
    probe.isLoading = list.isLoading;
  });
  return (
    <ul>
      {list.data.map((order) => <li key={order.id}>{order.number} for {order.customer.name}</li>)}
    </ul>
  );
}

/**
 * Counts the reads of whole collections that are not the store's own (the live queries of hooks): `entries`,
 * `values` and `toArray` on the class they share, until `restore`.
 */
function countWholeReads(ownCollections: readonly object[]): { reads: () => number; restore: () => void } {
  const prototype = Object.getPrototypeOf(ownCollections[0]!) as Record<string, unknown>;
  const own = new Set(ownCollections);
  let reads = 0;
  const restores: (() => void)[] = [];
  for (const name of ["entries", "values"]) {
    const original = prototype[name] as (this: object, ...args: unknown[]) => unknown;
    prototype[name] = function (this: object, ...args: unknown[]) {
      if (!own.has(this)) reads++;
      return original.apply(this, args);
    };
    restores.push(() => (prototype[name] = original));
  }
  const toArray = Object.getOwnPropertyDescriptor(prototype, "toArray")!;
  Object.defineProperty(prototype, "toArray", {
    ...toArray,
    get(this: object) {
      if (!own.has(this)) reads++;
      return toArray.get!.call(this);
    },
  });
  restores.push(() => Object.defineProperty(prototype, "toArray", toArray));
  return { reads: () => reads, restore: () => restores.forEach((restore) => restore()) };
}

/** Mounts the list, waits until it shows every order with its customer and has settled. */
async function mountList(orderBy?: { total_cents: "asc" | "desc" }) {
  const a = app();
  const probe: Probe = { renders: 0, commits: [], isLoading: true };
  render(<List probe={probe} orderBy={orderBy} />, { wrapper: a.wrapper });
  const total = 3 + EXTRA_ORDERS;
  await waitFor(() => {
    const rows = probe.commits.at(-1) ?? [];
    assert.equal(probe.isLoading, false);
    assert.equal(rows.length, total);
    assert.ok(rows.every((row) => row.customer?.name));
  }, { timeout: 10_000 });
  // settled: no render for a while
  for (let quiet = probe.renders;; quiet = probe.renders) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (probe.renders === quiet) break;
  }
  return { ...a, probe, store: getSyncStore(a.client) };
}

Deno.test("live join: a customer rename renders the list once, changes only that customer's rows, reads no other row", async () => {
  await withServer(async () => {
    const { probe, store } = await mountList();
    const before = probe.commits.at(-1)!;
    const { customers, orders } = store.collections;
    const counter = countWholeReads(Object.values(store.collections));
    const renders = probe.renders;
    try {
      await act(async () => {
        await customers.utils.writeUpdate({ id: C.grace, name: "Grace Brewster Hopper" });
      });
    } finally {
      counter.restore();
    }
    const after = probe.commits.at(-1)!;
    assert.equal(probe.renders - renders, 1, "one render for one change");
    assert.equal(counter.reads(), 0, "no whole read of the list's live query");
    assert.equal(after.length, before.length);
    assert.deepEqual(after.map((row) => row.id), before.map((row) => row.id), "the same rows in the same order");
    let renamed = 0;
    after.forEach((row, i) => {
      if (row.customer_id === C.grace) {
        renamed++;
        assert.equal(row.customer.name, "Grace Brewster Hopper");
      } else {
        assert.equal(row, before[i], `order ${row.number} keeps its identity`);
      }
    });
    assert.equal(renamed, 1 + EXTRA_ORDERS / CUSTOMERS.length);
    assert.equal(orders.size, before.length);
    assert.ok(document.body.textContent?.includes("for Grace Brewster Hopper"));
  });
});

Deno.test("live join: in a sorted list, an insert and a move show in order with one render each; other rows keep their identity", async () => {
  await withServer(async () => {
    const { probe, store } = await mountList({ total_cents: "desc" });
    const { orders } = store.collections;
    const ids = (rows: readonly Row[]) => rows.map((row) => row.id);
    const sorted = (rows: readonly Row[]) =>
      assert.deepEqual(rows.map((r) => r.total_cents), rows.map((r) => r.total_cents).sort((x, y) => y - x));
    const before = probe.commits.at(-1)!;
    sorted(before);

    let renders = probe.renders;
    const template = before.at(-1)!;
    const inserted: Order = {
      id: "00000000-0000-4000-8000-f00000000001",
      number: "SO-9999",
      customer_id: template.customer_id,
      status: "pending",
      currency: "EUR",
      total_cents: 1_000_000,
      notes: null,
      cancel_reason: null,
      created_at: template.created_at,
      updated_at: template.updated_at,
    };
    await act(async () => {
      await orders.utils.writeInsert(inserted);
    });
    const after = probe.commits.at(-1)!;
    assert.equal(probe.renders - renders, 1);
    assert.equal(after[0]!.id, inserted.id, "the new largest total comes first");
    assert.equal(after[0]!.customer.name, before.at(-1)!.customer.name);
    assert.deepEqual(ids(after.slice(1)), ids(before));
    after.slice(1).forEach((row, i) => assert.equal(row, before[i]));

    renders = probe.renders;
    const moved = after[1]!;
    await act(async () => {
      await orders.utils.writeUpdate({ id: moved.id, total_cents: -1 });
    });
    const last = probe.commits.at(-1)!;
    assert.equal(probe.renders - renders, 1);
    sorted(last);
    assert.equal(last.at(-1)!.id, moved.id, "moved to the end");
    assert.deepEqual(ids(last), [after[0]!.id, ...ids(after.slice(2)), moved.id]);
    last.slice(0, -1).forEach((row) => assert.equal(row, after.find((r) => r.id === row.id)));
  });
});

Deno.test("live join: a followed list shows an optimistic rename as pending, then as saved when the server confirms", async () => {
  await withServer(async (server) => {
    const a = app();
    const seen: { name: string; pending: boolean }[] = [];
    let update!: ReturnType<typeof useUpdateCustomer>;
    let loaded = false;
    function Customers() {
      const list = useCustomers();
      update = useUpdateCustomer();
      useLayoutEffect(() => {
        loaded = !list.isLoading && list.data.length === 3;
        const grace = list.data.find((c) => c.id === C.grace);
        if (grace) seen.push({ name: grace.name, pending: grace.$hasPendingWrites });
      });
      return null;
    }
    render(<Customers />, { wrapper: a.wrapper });
    await waitFor(() => assert.ok(loaded));
    await new Promise((resolve) => setTimeout(resolve, 100)); // following the live query by now
    const patch = server.hold("PATCH", /^\/customers\//);
    const counter = countWholeReads(Object.values(getSyncStore(a.client).collections));
    try {
      let saved!: Promise<unknown>;
      await act(async () => {
        saved = update.mutateAsync({ id: C.grace, data: { name: "Amazing Grace" } });
        await patch.arrived;
      });
      assert.deepEqual(seen.at(-1), { name: "Amazing Grace", pending: true }, "shown at once, pending");
      await act(async () => {
        patch.release();
        await saved;
      });
      await waitFor(() => assert.deepEqual(seen.at(-1), { name: "Amazing Grace", pending: false }));
    } finally {
      counter.restore();
    }
    assert.equal(counter.reads(), 0, "the list followed its live query (it read no whole result)");
  });
});
