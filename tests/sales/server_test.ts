/**
 * The sales example's server (`examples/sales/server/`) against `examples/sales/openapi.yaml`: CRUD, list
 * wrappers and filters, 422/404/409/405 bodies, broadcasts after committed writes, fault injection, the broadcast
 * test switches and the store's transactions. Loopback only.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type ApiErrorBody,
  type Customer,
  GARBAGE_FRAMES,
  MemoryStore,
  type Order,
  type OrderItem,
  type Product,
  type SalesServer,
  SEED_IDS,
  startServer,
} from "../../examples/sales/server/mod.ts";

const { customers: C, products: P, orders: O, orderItems: I } = SEED_IDS;
const MISSING = "00000000-0000-4000-8000-ffffffffffff";

/** Runs `fn` against a fresh server with the demo data. */
function serverTest(
  name: string,
  fn: (server: SalesServer, call: Caller) => Promise<void>,
) {
  Deno.test(name, async () => {
    const server = await startServer();
    try {
      await fn(server, caller(server));
    } finally {
      await server.close();
    }
  });
}

interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

type Caller = <T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer<T>>;

function caller(server: SalesServer): Caller {
  return async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(server.url + path, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: response.headers,
    };
  };
}

/** A broadcast socket that records the frames it gets. */
async function listen(server: SalesServer, channels: string[] = []) {
  const socket = new WebSocket(server.wsUrl);
  const frames: unknown[] = [];
  const closed = Promise.withResolvers<CloseEvent>();
  const opened = Promise.withResolvers<void>();
  socket.onopen = () => opened.resolve();
  socket.onerror = () => opened.reject(new Error("socket error"));
  socket.onmessage = (event) => {
    frames.push(
      typeof event.data === "string" ? tryJson(event.data) : event.data,
    );
  };
  socket.onclose = (event) => closed.resolve(event);
  await opened.promise;
  if (channels.length) {
    socket.send(JSON.stringify({ subscribe: channels }));
    await server.broadcast.waitFor(
      () => server.broadcast.connections.some((c) => channels.every((ch) => c.channels.has(ch))),
      `subscription to ${channels}`,
    );
  }
  return {
    socket,
    frames,
    closed: closed.promise,
    /** Waits until `n` frames came in. */
    async waitForFrames(n: number, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (frames.length < n) {
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out waiting for ${n} frames, got ${frames.length}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) {
        socket.close();
        await closed.promise;
      }
    },
  };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Lets frames in flight arrive (a round trip through the server). */
async function settle(server: SalesServer): Promise<void> {
  await fetch(`${server.url}/health`).then((r) => r.body?.cancel());
  await new Promise((resolve) => setTimeout(resolve, 20));
}

// ---- REST -------------------------------------------------------------------------------------------------------

serverTest("health, CORS and preflight", async (server, call) => {
  const health = await call("GET", "/health", undefined, {
    origin: "http://app.example",
  });
  assert.equal(health.status, 200);
  assert.deepEqual(health.body, { status: "ok" });
  assert.equal(
    health.headers.get("access-control-allow-origin"),
    "http://app.example",
  );

  const preflight = await fetch(`${server.url}/orders`, {
    method: "OPTIONS",
    headers: {
      origin: "http://app.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type, x-fail",
    },
  });
  await preflight.body?.cancel();
  assert.equal(preflight.status, 204);
  assert.match(
    preflight.headers.get("access-control-allow-methods") ?? "",
    /PATCH/,
  );
  assert.equal(
    preflight.headers.get("access-control-allow-headers"),
    "content-type, x-fail",
  );
});

serverTest(
  "customers: create (201, defaults, Location), get, patch, list, delete",
  async (_server, call) => {
    const created = await call<Customer>("POST", "/customers", {
      name: "Edsger Dijkstra",
      email: "ewd@example.com",
    });
    assert.equal(created.status, 201);
    const c = created.body;
    assert.match(c.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.headers.get("location"), `/customers/${c.id}`);
    assert.deepEqual(
      {
        phone: c.phone,
        company: c.company,
        tier: c.tier,
        referred_by_id: c.referred_by_id,
      },
      { phone: null, company: null, tier: "standard", referred_by_id: null },
    );
    assert.equal(c.created_at, c.updated_at);
    assert.ok(!Number.isNaN(Date.parse(c.created_at)));

    assert.deepEqual((await call("GET", `/customers/${c.id}`)).body, c);

    const patched = await call<Customer>("PATCH", `/customers/${c.id}`, {
      tier: "gold",
      referred_by_id: C.ada,
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.tier, "gold");
    assert.equal(patched.body.referred_by_id, C.ada);
    assert.equal(patched.body.name, "Edsger Dijkstra");
    assert.ok(patched.body.updated_at > c.updated_at);

    const list = await call<Customer[]>("GET", "/customers");
    assert.deepEqual(list.body.map((x) => x.name), [
      "Edsger Dijkstra",
      "Alan Turing",
      "Grace Hopper",
      "Ada Lovelace",
    ]);

    assert.equal((await call("DELETE", `/customers/${c.id}`)).status, 204);
    assert.equal((await call("GET", `/customers/${c.id}`)).status, 404);
    assert.equal((await call("DELETE", `/customers/${c.id}`)).status, 404);
  },
);

serverTest("customers: search, tier and id filters", async (_server, call) => {
  const names = async (query: string) => (await call<Customer[]>("GET", `/customers${query}`)).body.map((c) => c.name);
  assert.deepEqual(await names("?search=NAVY"), ["Grace Hopper"]); // company, case-insensitive
  assert.deepEqual(await names("?search=ada%40"), ["Ada Lovelace"]); // email
  assert.deepEqual(await names("?tier=silver"), ["Grace Hopper"]);
  assert.deepEqual(await names(`?id=${C.ada}&id=${C.alan}`), [
    "Alan Turing",
    "Ada Lovelace",
  ]);
  assert.deepEqual(await names(`?id=${C.ada}&tier=silver`), []);
});

serverTest(
  "products: by name, active and search filters, 409 on a taken SKU",
  async (_server, call) => {
    const skus = async (query: string) => (await call<Product[]>("GET", `/products${query}`)).body.map((p) => p.sku);
    assert.deepEqual(await skus(""), [
      "MN-27-4K",
      "KB-ERGO-01",
      "TB-OLD-01",
      "MS-WL-02",
    ]); // by name
    assert.deepEqual(await skus("?active=false"), ["TB-OLD-01"]);
    assert.deepEqual(await skus("?active=true&search=ms-wl"), ["MS-WL-02"]);

    const created = await call<Product>("POST", "/products", {
      sku: "HS-01",
      name: "Headset",
      price_cents: 5900,
    });
    assert.equal(created.status, 201);
    assert.deepEqual(
      {
        currency: created.body.currency,
        stock: created.body.stock,
        active: created.body.active,
      },
      { currency: "EUR", stock: 0, active: true },
    );
    const taken = await call<ApiErrorBody>("POST", "/products", {
      sku: "HS-01",
      name: "Other",
      price_cents: 1,
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, "conflict");
  },
);

serverTest(
  "orders: { items, total } wrapper, newest first, filters and paging",
  async (_server, call) => {
    const page = async (query: string) =>
      (await call<{ items: Order[]; total: number }>("GET", `/orders${query}`))
        .body;
    const all = await page("");
    assert.equal(all.total, 3);
    assert.deepEqual(all.items.map((o) => o.number), [
      "SO-1003",
      "SO-1002",
      "SO-1001",
    ]);
    assert.deepEqual((await page("?status=pending")).items.map((o) => o.id), [
      O.adaPending,
    ]);
    const ada = await page(`?customer_id=${C.ada}&limit=1&offset=1`);
    assert.equal(ada.total, 2, "total counts every match, not the page");
    assert.deepEqual(ada.items.map((o) => o.id), [O.adaPending]);
    assert.deepEqual(
      (await page(`?id=${O.adaPending}&id=${O.graceShipped}`)).items.map((o) => o.number),
      [
        "SO-1003",
        "SO-1001",
      ],
    );
    assert.equal((await page("?offset=3")).items.length, 0);
  },
);

serverTest(
  "orders: create, status forward only, cancel, delete rules",
  async (_server, call) => {
    const created = await call<Order>("POST", "/orders", {
      customer_id: C.alan,
      notes: "ring twice",
    });
    assert.equal(created.status, 201);
    const order = created.body;
    assert.deepEqual(
      [
        order.number,
        order.status,
        order.total_cents,
        order.currency,
        order.notes,
        order.cancel_reason,
      ],
      ["SO-1004", "pending", 0, "EUR", "ring twice", null],
    );
    const newest = await call<{ items: Order[] }>("GET", "/orders?limit=1");
    assert.equal(newest.body.items[0]?.id, order.id);

    assert.equal(
      (await call<Order>("PATCH", `/orders/${order.id}`, {
        status: "confirmed",
      })).body.status,
      "confirmed",
    );
    const back = await call<ApiErrorBody>("PATCH", `/orders/${order.id}`, {
      status: "pending",
    });
    assert.equal(back.status, 409);
    assert.equal(back.body.code, "conflict");
    assert.equal(
      (await call("PATCH", `/orders/${order.id}`, { status: "cancelled" }))
        .status,
      409,
    );
    assert.equal(
      (await call("DELETE", `/orders/${order.id}`)).status,
      409,
      "confirmed orders cannot be deleted",
    );

    const cancelled = await call<Order>("POST", `/orders/${order.id}/cancel`, {
      reason: "changed mind",
    });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, "cancelled");
    assert.equal(cancelled.body.cancel_reason, "changed mind");
    assert.equal(
      (await call("POST", `/orders/${order.id}/cancel`)).status,
      409,
      "already cancelled",
    );
    assert.equal(
      (await call("POST", `/orders/${O.graceShipped}/cancel`)).status,
      409,
      "shipped",
    );
    assert.equal(
      (await call<Order>("POST", `/orders/${O.adaPending}/cancel`)).body
        .cancel_reason,
      null,
      "no body",
    );
    assert.equal((await call("DELETE", `/orders/${order.id}`)).status, 204);
  },
);

serverTest(
  "order items: prices copied, totals kept, rules enforced",
  async (_server, call) => {
    const items = async (query: string) => (await call<OrderItem[]>("GET", `/order-items${query}`)).body;
    const total = async (id: string) => (await call<Order>("GET", `/orders/${id}`)).body.total_cents;
    assert.deepEqual(
      (await items(`?order_id=${O.adaPending}`)).map((i) => i.id),
      [I.keyboard, I.mice],
    ); // oldest first
    assert.equal((await items(`?product_id=${P.mouse}`)).length, 2);

    const added = await call<OrderItem>("POST", "/order-items", {
      order_id: O.adaPending,
      product_id: P.monitor,
      quantity: 2,
    });
    assert.equal(added.status, 201);
    assert.deepEqual(
      [
        added.body.product_name,
        added.body.unit_price_cents,
        added.body.line_total_cents,
      ],
      ["27-inch 4K monitor", 39900, 79800],
    );
    assert.equal(await total(O.adaPending), 12900 + 9800 + 79800);

    const again = await call("POST", "/order-items", {
      order_id: O.adaPending,
      product_id: P.monitor,
      quantity: 1,
    });
    assert.equal(again.status, 409, "one line per product");
    const inactive = {
      order_id: O.adaPending,
      product_id: P.discontinued,
      quantity: 1,
    };
    assert.equal((await call("POST", "/order-items", inactive)).status, 409);
    const confirmed = {
      order_id: O.adaConfirmed,
      product_id: P.mouse,
      quantity: 1,
    };
    assert.equal((await call("POST", "/order-items", confirmed)).status, 409);
    const unknown = await call<ApiErrorBody>("POST", "/order-items", {
      order_id: MISSING,
      product_id: MISSING,
      quantity: 1,
    });
    assert.equal(unknown.status, 422);
    assert.deepEqual(unknown.body.details?.map((d) => d.field), [
      "order_id",
      "product_id",
    ]);

    const changed = await call<OrderItem>(
      "PATCH",
      `/order-items/${added.body.id}`,
      { quantity: 1 },
    );
    assert.equal(changed.body.line_total_cents, 39900);
    assert.equal(await total(O.adaPending), 12900 + 9800 + 39900);
    assert.equal(
      (await call("PATCH", `/order-items/${I.monitor}`, { quantity: 3 }))
        .status,
      409,
      "confirmed order",
    );
    assert.equal(
      (await call("DELETE", `/order-items/${added.body.id}`)).status,
      204,
    );
    assert.equal(await total(O.adaPending), 12900 + 9800);

    assert.equal((await call("DELETE", `/products/${P.mouse}`)).status, 204);
    const orphan = (await call<OrderItem>("GET", `/order-items/${I.mice}`)).body;
    assert.deepEqual([
      orphan.product_id,
      orphan.product_name,
      orphan.unit_price_cents,
    ], [null, "Wireless mouse", 4900]);
  },
);

serverTest(
  "customers: delete is 409 while orders are open; cancelled ones go with it",
  async (_server, call) => {
    const blocked = await call<ApiErrorBody>("DELETE", `/customers/${C.ada}`);
    assert.equal(blocked.status, 409);
    assert.match(blocked.body.message, /not cancelled/);
    await call("POST", `/orders/${O.adaPending}/cancel`);
    await call("POST", `/orders/${O.adaConfirmed}/cancel`);
    assert.equal((await call("DELETE", `/customers/${C.ada}`)).status, 204);
    assert.equal((await call("GET", `/orders/${O.adaPending}`)).status, 404);
    assert.equal((await call("GET", `/order-items/${I.keyboard}`)).status, 404);
    assert.equal(
      (await call<Customer>("GET", `/customers/${C.grace}`)).body
        .referred_by_id,
      null,
    );
  },
);

serverTest("422: every invalid field, with details", async (_server, call) => {
  const bad = await call<ApiErrorBody>("POST", "/customers", {
    name: "",
    email: "nope",
    tier: "platinum",
    phone: 7,
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, "validation_failed");
  assert.deepEqual(bad.body.details, [
    { field: "name", message: "must have at least 1 character" },
    { field: "email", message: "must be an email address" },
    { field: "phone", message: "must be a string" },
    { field: "tier", message: "must be one of standard, silver, gold" },
  ]);
  const missing = await call<ApiErrorBody>("POST", "/orders", {});
  assert.deepEqual(missing.body.details, [{
    field: "customer_id",
    message: "is required",
  }]);
  const noCustomer = await call<ApiErrorBody>("POST", "/orders", {
    customer_id: MISSING,
  });
  assert.deepEqual(noCustomer.body.details, [{
    field: "customer_id",
    message: "no such customer",
  }]);
  const email = await call<ApiErrorBody>("PATCH", `/customers/${C.grace}`, {
    email: "ada@example.com",
  });
  assert.deepEqual(email.body.details, [{
    field: "email",
    message: "is already used",
  }]);
  const self = await call<ApiErrorBody>("PATCH", `/customers/${C.grace}`, {
    referred_by_id: C.grace,
  });
  assert.equal(self.status, 422);
  const sku = await call<ApiErrorBody>("POST", "/products", {
    sku: "lower",
    name: "x",
    price_cents: -1,
  });
  assert.deepEqual(sku.body.details?.map((d) => d.field), [
    "sku",
    "price_cents",
  ]);
  const fraction = await call<ApiErrorBody>(
    "PATCH",
    `/order-items/${I.keyboard}`,
    { quantity: 1.5 },
  );
  assert.deepEqual(fraction.body.details, [{
    field: "quantity",
    message: "must be an integer",
  }]);
  const notNull = await call<ApiErrorBody>("PATCH", `/products/${P.mouse}`, {
    name: null,
  });
  assert.deepEqual(notNull.body.details, [{
    field: "name",
    message: "must not be null",
  }]);
  assert.equal((await call("POST", "/customers", "{not json")).status, 422);
  assert.equal((await call("POST", "/customers", [])).status, 422);
  assert.equal((await call("POST", "/customers")).status, 422, "no body");
  for (
    const query of [
      "/orders?limit=0",
      "/orders?limit=501",
      "/orders?status=lost",
      "/orders?customer_id=x",
    ]
  ) {
    const answer = await call<ApiErrorBody>("GET", query);
    assert.equal(answer.status, 422, query);
    assert.equal(answer.body.details?.length, 1, query);
  }
  assert.equal((await call("GET", "/products?active=maybe")).status, 422);
  assert.equal((await call("GET", "/customers?search=")).status, 422);
  assert.equal(
    (await call("GET", "/order-items?order_id=a&order_id=b")).status,
    422,
  );
  const many = Array.from({ length: 501 }, () => `id=${C.ada}`).join("&");
  assert.equal(
    (await call("GET", `/customers?${many}`)).status,
    422,
    "at most 500 ids",
  );
  // unknown fields are ignored (the spec does not forbid them), read-only ones too
  const extra = await call<Order>("PATCH", `/orders/${O.adaPending}`, {
    total_cents: 1,
    id: MISSING,
    notes: "x",
  });
  assert.equal(extra.status, 200);
  assert.deepEqual([extra.body.id, extra.body.total_cents, extra.body.notes], [
    O.adaPending,
    22700,
    "x",
  ]);
});

serverTest(
  "404 and 405: unknown ids, malformed ids, unknown routes, wrong methods",
  async (_server, call) => {
    for (
      const path of [
        `/customers/${MISSING}`,
        "/products/not-a-uuid",
        `/orders/${MISSING}`,
        `/order-items/${C.ada}`,
      ]
    ) {
      const answer = await call<ApiErrorBody>("GET", path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.code, "not_found");
    }
    assert.equal(
      (await call("PATCH", `/orders/${MISSING}`, { notes: "x" })).status,
      404,
    );
    assert.equal((await call("POST", `/orders/${MISSING}/cancel`)).status, 404);
    assert.equal((await call("GET", "/nope")).status, 404);
    const wrong = await call<ApiErrorBody>(
      "PUT",
      `/orders/${O.adaPending}`,
      {},
    );
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get("allow"), "GET, PATCH, DELETE");
  },
);

serverTest(
  "unique order numbers under concurrent creates",
  async (_server, call) => {
    const created = await Promise.all(
      Array.from(
        { length: 20 },
        () => call<Order>("POST", "/orders", { customer_id: C.grace }),
      ),
    );
    const numbers = new Set(created.map((r) => r.body.number));
    assert.equal(numbers.size, 20);
    assert.ok(numbers.has("SO-1004") && numbers.has("SO-1023"));
  },
);

// ---- broadcast --------------------------------------------------------------------------------------------------

serverTest(
  "broadcast: created/updated/deleted to subscribers of the channel only",
  async (server, call) => {
    const orders = await listen(server, ["order"]);
    const customers = await listen(server, ["customer"]);
    try {
      const order = (await call<Order>("POST", "/orders", { customer_id: C.alan })).body;
      const updated = (await call<Order>("PATCH", `/orders/${order.id}`, { notes: "gift" })).body;
      await call("DELETE", `/orders/${order.id}`);
      await orders.waitForFrames(3);
      // created and updated carry the row as the API answered it (`payload.data`), deleted only the id
      assert.deepEqual(orders.frames, [
        {
          channel: "order",
          event: "created",
          payload: { entity_id: order.id, data: order },
        },
        {
          channel: "order",
          event: "updated",
          payload: { entity_id: order.id, data: updated },
        },
        {
          channel: "order",
          event: "deleted",
          payload: { entity_id: order.id },
        },
      ]);
      await settle(server);
      assert.equal(
        customers.frames.length,
        0,
        "customer subscribers hear nothing of orders",
      );

      // a write touching two tables: the item and its order's total
      orders.socket.send(JSON.stringify({ subscribe: ["order_item"] }));
      await server.broadcast.waitFor(
        () => server.broadcast.subscribers("order_item") === 1,
        "order_item",
      );
      const item = (await call<OrderItem>("POST", "/order-items", {
        order_id: O.adaPending,
        product_id: P.monitor,
        quantity: 1,
      })).body;
      await orders.waitForFrames(5);
      const retotaled = (await call<Order>("GET", `/orders/${O.adaPending}`)).body;
      assert.deepEqual(orders.frames.slice(3), [
        {
          channel: "order_item",
          event: "created",
          payload: { entity_id: item.id, data: item },
        },
        {
          channel: "order",
          event: "updated",
          payload: { entity_id: O.adaPending, data: retotaled },
        },
      ]);

      // unsubscribe stops the events
      orders.socket.send(
        JSON.stringify({ unsubscribe: ["order", "order_item"] }),
      );
      await server.broadcast.waitFor(
        () => server.broadcast.subscribers("order") === 0,
        "unsubscribe",
      );
      await call("PATCH", `/orders/${O.adaPending}`, { notes: "late" });
      await settle(server);
      assert.equal(orders.frames.length, 5);
      const published = server.broadcast.published.map((p) => `${p.channel}/${p.event}`);
      assert.deepEqual(published, [
        "order/created",
        "order/updated",
        "order/deleted",
        "order_item/created",
        "order/updated",
        "order/updated",
      ]);
    } finally {
      await orders.close();
      await customers.close();
    }
  },
);

serverTest(
  "broadcast: nothing for failed or no-op writes",
  async (server, call) => {
    const socket = await listen(server, [
      "order",
      "customer",
      "product",
      "order_item",
    ]);
    try {
      await call("POST", "/orders", {}); // 422
      await call("DELETE", `/orders/${O.adaConfirmed}`); // 409
      await call("POST", "/orders", { customer_id: C.ada }, {
        "x-fail": "500",
      }); // injected
      await call("PATCH", `/orders/${O.adaPending}`, { notes: null }); // no change
      await call("POST", "/order-items", {
        order_id: O.adaPending,
        product_id: P.discontinued,
        quantity: 1,
      }); // 409
      await settle(server);
      assert.equal(socket.frames.length, 0);
      assert.equal(server.broadcast.published.length, 0);
      assert.equal(
        (await call<{ total: number }>("GET", "/orders")).body.total,
        3,
      );
    } finally {
      await socket.close();
    }
  },
);

serverTest(
  "broadcast: drop, garbage and refuse switches; malformed client messages are ignored",
  async (server) => {
    const a = await listen(server, ["order"]);
    a.socket.send("not json");
    a.socket.send(JSON.stringify({ subscribe: "order" }));
    a.socket.send(JSON.stringify({ subscribe: [1, 2] }));
    await server.broadcast.waitFor(
      () => server.broadcast.connections[0]?.received.length === 4,
      "4 messages",
    );
    assert.deepEqual([...server.broadcast.connections[0]!.channels], ["order"]);

    assert.equal(server.broadcast.sendGarbage(), 1);
    await a.waitForFrames(GARBAGE_FRAMES.length);

    await server.broadcast.drop();
    const event = await a.closed;
    assert.equal(event.code, 1012);
    assert.equal(server.broadcast.connections.length, 0);

    server.broadcast.refuse(503);
    const refused = new WebSocket(server.wsUrl);
    const outcome = await new Promise<string>((resolve) => {
      refused.onopen = () => resolve("open");
      refused.onerror = () => resolve("error");
    });
    if (refused.readyState !== WebSocket.CLOSED) {
      await new Promise((resolve) => (refused.onclose = resolve));
    }
    assert.equal(outcome, "error");
    server.broadcast.allow();
    const b = await listen(server, ["order"]);
    assert.equal(server.broadcast.accepted, 2);
    await b.close();
  },
);

// ---- fault injection --------------------------------------------------------------------------------------------

serverTest(
  "fault injection: x-fail / ?fail answer without writing; x-delay-ms waits",
  async (server, call) => {
    const failed = await call<ApiErrorBody>("POST", "/orders", {
      customer_id: C.ada,
    }, { "x-fail": "503" });
    assert.equal(failed.status, 503);
    assert.equal(failed.body.code, "injected_failure");
    assert.equal(
      (await call("DELETE", `/orders/${O.adaPending}?fail=500`)).status,
      500,
    );
    assert.equal(
      (await call("GET", `/orders/${O.adaPending}`)).status,
      200,
      "not deleted",
    );
    assert.equal((await call("GET", "/orders?fail=404")).status, 404);
    assert.equal(
      (await call("GET", "/orders", undefined, { "x-fail": "200" })).status,
      422,
      "400-599 only",
    );

    const started = performance.now();
    const slow = await call<Order>("POST", "/orders?delay_ms=5", {
      customer_id: C.ada,
    }, { "x-delay-ms": "150" });
    assert.equal(slow.status, 201);
    assert.ok(performance.now() - started >= 145, "header wins over the query");
    assert.equal(server.count("POST /orders"), 2);
    assert.deepEqual(server.requests.map((r) => r.status).slice(0, 4), [
      503,
      500,
      200,
      404,
    ]);
  },
);

serverTest(
  "fault injection: programmatic rules and holds",
  async (server, call) => {
    const rule = server.fault({
      method: "PATCH",
      path: "/customers/",
      status: 500,
      times: 2,
    });
    assert.equal(
      (await call("PATCH", `/customers/${C.ada}`, { name: "A" })).status,
      500,
    );
    assert.equal(
      (await call("GET", `/customers/${C.ada}`)).status,
      200,
      "other methods pass",
    );
    assert.equal(
      (await call("PATCH", `/customers/${C.ada}`, { name: "A" })).status,
      500,
    );
    assert.equal(
      (await call("PATCH", `/customers/${C.ada}`, { name: "A" })).status,
      200,
      "used up",
    );
    rule.remove();

    const hold = server.hold("POST", /^\/orders$/);
    let answered = false;
    const pending = call<Order>("POST", "/orders", { customer_id: C.ada }).then(
      (r) => {
        answered = true;
        return r;
      },
    );
    await hold.arrived;
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(answered, false);
    assert.equal(server.requests.at(-1)?.status, undefined, "in flight");
    hold.release();
    assert.equal((await pending).status, 201);

    // clearFaults() releases a held request
    server.hold("GET", "/products");
    const held = call("GET", "/products");
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.clearFaults();
    assert.equal((await held).status, 200);
    assert.equal(server.count(/^GET \/products$/), 1);
  },
);

Deno.test("startServer: an empty store with seed: false; a store can be passed in", async () => {
  const empty = await startServer({ seed: false });
  try {
    const list = await (await fetch(`${empty.url}/orders`)).json();
    assert.deepEqual(list, { items: [], total: 0 });
  } finally {
    await empty.close();
  }
  const store = new MemoryStore();
  const server = await startServer({ store, historyLimit: 2 });
  try {
    assert.equal(
      await store.customers.count(),
      3,
      "an empty store gets the demo data",
    );
    assert.ok(server.url.startsWith("http://127.0.0.1:"));
    for (const path of ["/health", "/orders", "/products"]) {
      await (await fetch(server.url + path)).body?.cancel();
    }
    assert.deepEqual(server.requests.map((r) => r.line), [
      "GET /orders",
      "GET /products",
    ], "the last 2 kept");
  } finally {
    await server.close();
  }
});

// ---- store ------------------------------------------------------------------------------------------------------

Deno.test("MemoryStore: transactions are atomic and serialized; rows are copies", async () => {
  const store = new MemoryStore();
  const customer: Customer = {
    id: C.ada,
    name: "Ada",
    email: "ada@example.com",
    phone: null,
    company: null,
    tier: "gold",
    referred_by_id: null,
    created_at: "2025-01-01T00:00:00.000Z",
    updated_at: "2025-01-01T00:00:00.000Z",
  };
  await assert.rejects(
    store.transaction(async (t) => {
      await t.customers.insert(customer);
      throw new Error("boom");
    }),
    /boom/,
  );
  assert.equal(await store.customers.count(), 0, "rolled back");

  const order: string[] = [];
  await Promise.all([
    store.transaction(async (t) => {
      order.push("a1");
      await new Promise((resolve) => setTimeout(resolve, 10));
      await t.customers.insert(customer);
      order.push("a2");
    }),
    store.transaction(async (t) => {
      order.push("b1");
      await t.customers.update(customer.id, { name: "Ada L." });
      order.push("b2");
    }),
  ]);
  assert.deepEqual(order, ["a1", "a2", "b1", "b2"]);
  const row = await store.customers.get(customer.id);
  assert.equal(row?.name, "Ada L.");
  row!.name = "changed outside";
  assert.equal((await store.customers.get(customer.id))?.name, "Ada L.");
  await assert.rejects(store.customers.insert(customer), /Duplicate/);
  assert.equal(await store.customers.update(MISSING, { name: "x" }), undefined);
  assert.equal(await store.customers.delete(MISSING), false);
});
