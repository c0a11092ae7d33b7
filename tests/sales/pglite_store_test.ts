/**
 * `examples/sales/server/pglite_store.ts`: the {@link Store} contract on PGlite, parity with {@link MemoryStore} on
 * the demo data, transactions (rollback, commit before broadcast), foreign keys, and persistence across a reopen of
 * a data directory. Each PGlite start takes a few seconds, so one in-memory store serves many steps.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type Customer,
  demoData,
  type ListQuery,
  MemoryStore,
  type Order,
  SEED_IDS,
  startServer,
  type Store,
  type Table,
  type Tables,
} from "../../examples/sales/server/mod.ts";
import { MIGRATIONS, PgliteStore } from "../../examples/sales/server/pglite_store.ts";

const { customers: C, products: P, orders: O, orderItems: I } = SEED_IDS;
/** Any row, to run one query on every table. */
type Row = { id: string } & Record<string, unknown>;

const NEW_ID = "00000000-0000-4000-8000-0000000000f1";

const customer = (id: string, name: string, minute: number): Customer => ({
  id,
  name,
  email: `${name.toLowerCase().replaceAll(" ", ".")}@example.com`,
  phone: null,
  company: null,
  tier: "standard",
  referred_by_id: null,
  created_at: new Date(Date.UTC(2026, 1, 1, 0, minute)).toISOString(),
  updated_at: new Date(Date.UTC(2026, 1, 1, 0, minute)).toISOString(),
});

Deno.test("PgliteStore in memory: the Store contract, parity with MemoryStore", async (t) => {
  const store = await PgliteStore.open();
  const memory = new MemoryStore(demoData());
  try {
    assert.equal(store.created, true);
    assert.equal(store.dataDir, undefined);

    await t.step(
      "seeded with the demo data, rows exactly as MemoryStore has them",
      async () => {
        for (
          const name of [
            "customers",
            "products",
            "orders",
            "order_items",
          ] as const
        ) {
          const ours = await store[name].list();
          const theirs = await memory[name].list();
          assert.deepEqual(ours, theirs, name);
        }
        const ada = await store.customers.get(C.ada);
        assert.match(
          ada?.created_at ?? "",
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
        );
        assert.equal(
          ada?.created_at,
          (await memory.customers.get(C.ada))?.created_at,
        );
        assert.equal(
          typeof (await store.products.get(P.keyboard))?.price_cents,
          "number",
        );
        assert.equal((await store.products.get(P.discontinued))?.active, false);
      },
    );

    await t.step(
      "list: filters, search, sorting and paging as in MemoryStore",
      async () => {
        const queries: Array<[keyof Tables, ListQuery<Row>]> = [
          ["customers", { orderBy: [["created_at", "desc"]] }],
          ["customers", { where: { tier: "gold" } }],
          ["customers", {
            where: { tier: ["gold", "silver"] },
            orderBy: [["name", "asc"]],
          }],
          ["customers", { where: { referred_by_id: null } }],
          ["customers", { where: { referred_by_id: [C.ada, null] } }],
          ["customers", {
            search: { fields: ["name", "email", "company"], text: "NAVY" },
          }],
          ["customers", { search: { fields: ["name"], text: "%" } }],
          ["customers", { where: { id: [C.ada, "not-a-uuid"] } }],
          ["customers", { where: { id: [] } }],
          ["customers", { orderBy: [["company", "asc"]] }],
          ["customers", { orderBy: [["company", "desc"]] }],
          ["products", { where: { active: true }, orderBy: [["name", "asc"]] }],
          ["products", { search: { fields: ["name", "sku"], text: "ms-" } }],
          ["orders", { orderBy: [["created_at", "desc"]], limit: 2 }],
          ["orders", {
            orderBy: [["created_at", "desc"]],
            limit: 2,
            offset: 2,
          }],
          ["orders", {
            where: { customer_id: C.ada, status: ["pending", "confirmed"] },
          }],
          ["order_items", {
            where: { order_id: O.adaPending },
            orderBy: [["created_at", "asc"]],
          }],
          ["order_items", { orderBy: [["quantity", "desc"]] }],
        ];
        for (const [name, query] of queries) {
          const label = `${name} ${JSON.stringify(query)}`;
          const ours = store[name] as unknown as Table<Row>,
            theirs = memory[name] as unknown as Table<Row>;
          assert.deepEqual(
            await ours.list(query),
            await theirs.list(query),
            label,
          );
          assert.equal(
            await ours.count(query),
            await theirs.count(query),
            label,
          );
        }
      },
    );

    await t.step("insert, get, update, delete", async () => {
      const row = customer(NEW_ID, "Edsger Dijkstra", 1);
      assert.deepEqual(await store.customers.insert(row), row);
      assert.deepEqual(await store.customers.get(NEW_ID), row);
      await assert.rejects(
        store.customers.insert(row),
        /duplicate key|already exists/,
      );

      const updated = await store.customers.update(NEW_ID, {
        name: "E. W. Dijkstra",
        phone: "+31 1",
      });
      assert.equal(updated?.name, "E. W. Dijkstra");
      assert.equal(updated?.phone, "+31 1");
      assert.equal(updated?.email, row.email);
      assert.deepEqual(await store.customers.update(NEW_ID, {}), updated);
      assert.equal(
        await store.customers.update("00000000-0000-4000-8000-ffffffffffff", {
          name: "x",
        }),
        undefined,
      );
      assert.equal(
        await store.customers.update("nope", { name: "x" }),
        undefined,
      );
      assert.equal(await store.customers.get("nope"), undefined);

      // An update keeps the row's place among ties (insertion order).
      const names = (await store.customers.list()).map((c) => c.name);
      assert.equal(names.at(-1), "E. W. Dijkstra");

      assert.equal(await store.customers.delete(NEW_ID), true);
      assert.equal(await store.customers.delete(NEW_ID), false);
      assert.equal(await store.customers.delete("nope"), false);
      assert.equal(await store.customers.get(NEW_ID), undefined);
    });

    await t.step(
      "transaction: commits as a whole, or rolls back as a whole",
      async () => {
        await assert.rejects(
          store.transaction(async (tables) => {
            await tables.customers.insert(customer(NEW_ID, "Rolled Back", 2));
            assert.ok(
              await tables.customers.get(NEW_ID),
              "visible inside the transaction",
            );
            throw new Error("abort");
          }),
          /abort/,
        );
        assert.equal(await store.customers.get(NEW_ID), undefined);

        const n = await store.transaction(async (tables) => {
          await tables.customers.insert(customer(NEW_ID, "Committed", 3));
          return await tables.customers.count();
        });
        assert.equal(n, 4);
        assert.ok(await store.customers.get(NEW_ID));
        await store.customers.delete(NEW_ID);
      },
    );

    await t.step(
      "transactions run one at a time; outside reads wait for the commit",
      async () => {
        const gate = Promise.withResolvers<void>();
        const started = Promise.withResolvers<void>();
        const write = store.transaction(async (tables) => {
          await tables.customers.insert(customer(NEW_ID, "Concurrent", 4));
          started.resolve();
          await gate.promise;
        });
        await started.promise;
        const read = store.customers.get(NEW_ID); // queued behind the open transaction
        setTimeout(() => gate.resolve(), 20);
        await write;
        assert.equal(
          (await read)?.name,
          "Concurrent",
          "the read saw the committed row, not nothing",
        );
        await store.customers.delete(NEW_ID);
      },
    );

    await t.step("constraints and foreign keys follow the spec", async () => {
      // orders.customer_id: RESTRICT
      await assert.rejects(store.customers.delete(C.ada), /foreign key/);
      // order_items.product_id: SET NULL
      assert.equal(await store.products.delete(P.monitor), true);
      assert.equal((await store.order_items.get(I.monitor))?.product_id, null);
      assert.equal(
        (await store.order_items.get(I.monitor))?.product_name,
        "27-inch 4K monitor",
      );
      // order_items.order_id: CASCADE
      assert.equal(await store.orders.delete(O.adaPending), true);
      assert.equal(await store.order_items.get(I.keyboard), undefined);
      assert.equal(
        await store.order_items.count({ where: { order_id: O.adaPending } }),
        0,
      );
      // customers.referred_by_id: SET NULL
      await store.orders.delete(O.graceShipped);
      await store.customers.delete(C.grace);
      await store.customers.insert({
        ...customer(NEW_ID, "Referred", 5),
        referred_by_id: C.alan,
      });
      await store.orders.delete(O.adaConfirmed);
      assert.equal(await store.customers.delete(C.alan), true);
      assert.equal((await store.customers.get(NEW_ID))?.referred_by_id, null);
      // CHECKs and UNIQUE
      await assert.rejects(
        store.customers.update(NEW_ID, {
          tier: "platinum" as Customer["tier"],
        }),
        /check/,
      );
      await assert.rejects(
        store.customers.update(NEW_ID, { email: "ada@example.com" }),
        /duplicate key/,
      );
    });
  } finally {
    await store.close();
    await memory.close();
  }
});

Deno.test("PgliteStore behind the API: broadcasts after COMMIT, nothing for a rolled back write", async () => {
  const store = await PgliteStore.open();
  const server = await startServer({ store });
  try {
    const seen = server.broadcast.published.map((e) => `${e.channel}.${e.event}`);
    const published = () => server.broadcast.published.map((e) => `${e.channel}.${e.event}`);
    // The broadcast of a create goes out when the row is visible to every reader.
    const created = await fetch(`${server.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer_id: C.alan, notes: "via PGlite" }),
    });
    assert.equal(created.status, 201);
    const order = await created.json() as Order;
    assert.equal(order.number, "SO-1004");
    assert.deepEqual(published(), [...seen, "order.created"]);
    assert.equal((await store.orders.get(order.id))?.notes, "via PGlite");

    // 422 with details, 404, 409: no write, no broadcast.
    const invalid = await fetch(`${server.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer_id: "nope" }),
    });
    assert.equal(invalid.status, 422);
    assert.equal((await invalid.json()).details[0].field, "customer_id");
    const missing = await fetch(
      `${server.url}/orders/00000000-0000-4000-8000-ffffffffffff`,
    );
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
    const conflict = await fetch(`${server.url}/customers/${C.ada}`, {
      method: "DELETE",
    });
    assert.equal(conflict.status, 409);
    await conflict.body?.cancel();
    assert.deepEqual(published(), [...seen, "order.created"]);

    // A list through the API: `{ items, total }`, newest first.
    const list = await (await fetch(`${server.url}/orders?limit=2`)).json() as {
      items: Order[];
      total: number;
    };
    assert.equal(list.total, 4);
    assert.deepEqual(list.items.map((o) => o.number), ["SO-1004", "SO-1003"]);

    // Adding an item updates the order's total in the same transaction.
    const item = await fetch(`${server.url}/order-items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        order_id: order.id,
        product_id: P.mouse,
        quantity: 3,
      }),
    });
    assert.equal(item.status, 201);
    await item.body?.cancel();
    assert.equal((await store.orders.get(order.id))?.total_cents, 3 * 4900);
    assert.deepEqual(published(), [
      ...seen,
      "order.created",
      "order_item.created",
      "order.updated",
    ]);
  } finally {
    await server.close(); // closes the store
  }
});

Deno.test("PgliteStore on disk: data survive a reopen; migrations and the seed run once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sales-pglite-" });
  try {
    let store: Store = await PgliteStore.open({ dataDir: dir });
    try {
      assert.equal((store as PgliteStore).created, true);
      await store.customers.insert(customer(NEW_ID, "Persisted Person", 6));
      await store.customers.update(C.ada, { name: "Ada King" });
      await store.transaction(async (tables) => {
        await tables.order_items.delete(I.graceMouse);
      });
    } finally {
      await store.close();
    }

    store = await PgliteStore.open({ dataDir: `file://${dir}` });
    try {
      const reopened = store as PgliteStore;
      assert.equal(
        reopened.created,
        false,
        "an existing database is not seeded again",
      );
      assert.equal(
        (await store.customers.get(NEW_ID))?.name,
        "Persisted Person",
      );
      assert.equal((await store.customers.get(C.ada))?.name, "Ada King");
      assert.equal(
        await store.order_items.get(I.graceMouse),
        undefined,
        "a deleted seed row stays deleted",
      );
      assert.equal(await store.customers.count(), 4);
      const { rows } = await reopened.db.query<{ version: number }>(
        "SELECT version FROM schema_migrations",
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        MIGRATIONS.map((_, i) => i + 1),
      );
    } finally {
      await store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("PgliteStore: a custom seed is used as given", async () => {
  const store = await PgliteStore.open({
    seed: { customers: [customer(NEW_ID, "Only One", 7)] },
  });
  try {
    assert.deepEqual((await store.customers.list()).map((c) => c.name), [
      "Only One",
    ]);
    assert.equal(await store.orders.count(), 0);
  } finally {
    await store.close();
  }
});
