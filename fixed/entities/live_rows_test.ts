// Unit tests of how a list hook follows its live query (live_rows.ts), on real TanStack DB live queries over
// local-only collections. They run in the consumer environment (tests/fixed_test.ts).
import assert from "node:assert/strict";
import {
  createCollection,
  createLiveQueryCollection,
  eq,
  localOnlyCollectionOptions,
  materialize,
} from "@tanstack/db";
import { LiveRows } from "./live_rows.ts";

interface Customer {
  id: number;
  name: string;
}
interface Order {
  id: number;
  customer_id: number;
  total: number;
}
interface Row extends Order {
  customer?: Customer;
}

const CUSTOMERS = 20;
const ORDERS = 500;

let nextId = 0;
function tables() {
  const id = ++nextId;
  const customers = createCollection(localOnlyCollectionOptions({
    id: `live-rows-customers-${id}`,
    getKey: (row: Customer) => row.id,
    initialData: Array.from(
      { length: CUSTOMERS },
      (_, i) => ({ id: i + 1, name: `Customer ${i + 1}` }),
    ),
  }));
  const orders = createCollection(localOnlyCollectionOptions({
    id: `live-rows-orders-${id}`,
    getKey: (row: Order) => row.id,
    initialData: Array.from(
      { length: ORDERS },
      (_, i) => ({
        id: i + 1,
        customer_id: (i % CUSTOMERS) + 1,
        total: (i * 37) % 1000,
      }),
    ),
  }));
  return { customers, orders };
}

/** Orders with their customer, in the shape the hooks build (`materialize(… findOne())`); by total when `ordered`. */
async function ordersWithCustomer(ordered = false) {
  const { customers, orders } = tables();
  const live = createLiveQueryCollection((q) => {
    const from = q.from({ order: orders });
    const sorted = ordered
      ? from.orderBy(({ order }) => order.total, "asc")
      : from;
    return sorted.select(({ order }) => ({
      ...order,
      customer: materialize(
        q.from({ customer: customers }).where(({ customer }) =>
          eq(customer.id, order.customer_id)
        ).findOne(),
      ),
    }));
  });
  await live.preload();
  return { customers, orders, live };
}

/** Counts the reads of every row of a collection (`entries`, `values`, `get`, `toArray`) from now on. */
function countReads(collection: object): { reads: number } {
  const counter = { reads: 0 };
  const target = collection as Record<string, unknown>;
  for (const name of ["entries", "values", "get"]) {
    const original = target[name] as (...args: unknown[]) => unknown;
    target[name] = function (this: unknown, ...args: unknown[]) {
      counter.reads++;
      return original.apply(this, args);
    };
  }
  return counter;
}

/** Resolves once the live query processed the writes made so far. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function follow(
  live: { id: string },
  options: { ordered?: boolean; holds?: (row: unknown) => boolean } = {},
) {
  const rows = new LiveRows();
  let notified = 0;
  const unsubscribe = rows.subscribe(() => notified++);
  rows.attach("key", live as never, {
    ordered: options.ordered ?? false,
    holds: options.holds ?? (() => false),
  });
  return {
    rows,
    unsubscribe,
    notified: () => notified,
    current: () => rows.getSnapshot().rows as Row[],
  };
}

Deno.test("live rows: a rename replaces only the rows it changed, reads no other row, and notifies once", async () => {
  const { customers, live } = await ordersWithCustomer();
  const followed = follow(live);
  const before = followed.current();
  assert.equal(before.length, ORDERS);
  assert.deepEqual(before.map((r) => r.id), [...live.keys()]);
  const reads = countReads(live);
  const notifiedBefore = followed.notified();

  customers.update(2, (draft) => void (draft.name = "Renamed"));
  await settled();

  const after = followed.current();
  assert.notEqual(after, before, "a new array, so React sees the change");
  assert.equal(
    followed.notified() - notifiedBefore,
    1,
    "one notification for the one change",
  );
  assert.equal(reads.reads, 0, "no row of the live query was read again");
  let changed = 0;
  for (let i = 0; i < ORDERS; i++) {
    if (after[i]!.customer_id === 2) {
      changed++;
      assert.equal(after[i]!.customer?.name, "Renamed");
      assert.notEqual(after[i], before[i]);
    } else {
      assert.equal(
        after[i],
        before[i],
        `row ${after[i]!.id} keeps its identity`,
      );
    }
  }
  assert.equal(changed, ORDERS / CUSTOMERS);
  followed.unsubscribe();
  await live.cleanup();
});

Deno.test("live rows: an insert and a delete keep the live query's order and the other rows' identity", async () => {
  const { orders, live } = await ordersWithCustomer();
  const followed = follow(live);
  const before = followed.current();
  const byId = new Map(before.map((row) => [row.id, row]));
  const reads = countReads(live);

  orders.insert({ id: ORDERS + 1, customer_id: 3, total: 5 });
  orders.delete(7);
  await settled();

  const after = followed.current();
  assert.deepEqual(after.map((r) => r.id), [...live.keys()]);
  assert.ok(
    after.some((r) => r.id === ORDERS + 1) && !after.some((r) => r.id === 7),
  );
  for (const row of after) {
    if (row.id !== ORDERS + 1) assert.equal(row, byId.get(row.id));
  }
  assert.equal(
    after.find((r) => r.id === ORDERS + 1)?.customer?.name,
    "Customer 3",
  );
  assert.equal(
    reads.reads,
    0,
    "the new row came with its change; the others were not read again",
  );
  followed.unsubscribe();
  await live.cleanup();
});

Deno.test("live rows: in an ordered query, an update that moves a row moves it; one that does not, does not", async () => {
  const { orders, live } = await ordersWithCustomer(true);
  const followed = follow(live, { ordered: true });
  const totals = () => followed.current().map((r) => r.total);
  const sortedTotals = () => [...totals()].sort((a, b) => a - b);
  assert.deepEqual(totals(), sortedTotals());
  const first = followed.current()[0]!;

  orders.update(first.id, (draft) => void (draft.total = 5000)); // to the end
  await settled();
  assert.deepEqual(followed.current().map((r) => r.id), [...live.keys()]);
  assert.equal(followed.current().at(-1)!.id, first.id);
  assert.deepEqual(totals(), sortedTotals());

  const middle = followed.current()[ORDERS / 2]!;
  const before = followed.current();
  orders.update(middle.id, (draft) => void (draft.customer_id = 4)); // not a sort field
  await settled();
  assert.deepEqual(
    followed.current().map((r) => r.id),
    before.map((r) => r.id),
  );
  assert.equal(followed.current()[ORDERS / 2]!.customer?.name, "Customer 4");
  followed.unsubscribe();
  await live.cleanup();
});

Deno.test("live rows: rows that `holds` holds back are reported, and released when they change", async () => {
  const { orders, live } = await ordersWithCustomer();
  const lacksCustomer = (row: unknown) => (row as Row).customer === undefined;
  const followed = follow(live, { holds: lacksCustomer });
  assert.deepEqual(followed.rows.getSnapshot().held, []);

  orders.insert({ id: ORDERS + 1, customer_id: 999, total: 1 }); // no such customer
  await settled();
  assert.deepEqual(followed.rows.getSnapshot().held.map((r) => (r as Row).id), [
    ORDERS + 1,
  ]);

  orders.update(ORDERS + 1, (draft) => void (draft.customer_id = 1));
  await settled();
  assert.deepEqual(followed.rows.getSnapshot().held, []);
  followed.unsubscribe();
  await live.cleanup();
});

Deno.test("live rows: following ends when the last listener leaves, or when the live query is cleaned up", async () => {
  const { customers, live } = await ordersWithCustomer();
  const followed = follow(live);
  assert.equal(followed.rows.getSnapshot().source, live);
  followed.unsubscribe();
  assert.equal(followed.rows.getSnapshot().source, undefined);
  assert.deepEqual(followed.rows.getSnapshot().rows, []);
  customers.update(1, (draft) => void (draft.name = "After"));
  await settled();
  assert.equal(
    followed.rows.getSnapshot().source,
    undefined,
    "no change arrives once detached",
  );

  const again = follow(live);
  assert.equal(again.rows.getSnapshot().rows.length, ORDERS);
  await live.cleanup();
  assert.equal(
    again.rows.getSnapshot().source,
    undefined,
    "a cleaned-up query is not followed",
  );
  again.unsubscribe();

  const none = new LiveRows();
  none.attach("key", live as never, { ordered: false, holds: () => false });
  assert.equal(
    none.getSnapshot().source,
    undefined,
    "nothing is followed without a listener",
  );
});
