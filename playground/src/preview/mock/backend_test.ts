import assert from "node:assert/strict";
import { generate } from "../../../../mod.ts";
import type { EntityModel } from "../../../../src/model/types.ts";
import { MockBackend, type MockResponse, type Row } from "./backend.ts";
import { NESTED_SPEC, WRAPPED_SPEC } from "../test_specs.ts";

const SALES = await Deno.readTextFile(
  new URL("../../../../examples/sales/openapi.yaml", import.meta.url),
);
const salesModel: EntityModel = generate(SALES).model;
const NOW = new Date("2026-01-15T12:00:00Z");

function backend(model = salesModel, seed = 7): MockBackend {
  return new MockBackend(model, {
    seed,
    now: () => NOW,
    sleep: () => Promise.resolve(),
  });
}

async function call(
  b: MockBackend,
  method: string,
  url: string,
  body?: unknown,
): Promise<MockResponse> {
  return await b.handle({
    method,
    url: `http://api.test${url}`,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const ids = (rows: unknown) => (rows as Row[]).map((r) => r.id);

Deno.test("seeding is deterministic for a seed and differs between seeds", () => {
  assert.deepEqual(backend().rows("customers"), backend().rows("customers"));
  assert.notDeepEqual(
    backend(salesModel, 7).rows("customers"),
    backend(salesModel, 8).rows("customers"),
  );
});

Deno.test("seeded rows follow formats, enums and limits", () => {
  const b = backend();
  const customers = b.rows("customers");
  assert.equal(customers.length, 8);
  for (const c of customers) {
    assert.match(
      String(c.id),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.match(String(c.email), /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    assert.ok(
      ["standard", "silver", "gold"].includes(String(c.tier)),
      `tier ${c.tier}`,
    );
    assert.ok(!Number.isNaN(Date.parse(String(c.created_at))));
  }
  for (const p of b.rows("products")) {
    assert.ok(
      Number.isInteger(p.price_cents) && (p.price_cents as number) >= 0,
      `price ${p.price_cents}`,
    );
  }
});

Deno.test("foreign keys point at existing rows; nullable ones are sometimes null", () => {
  const b = backend();
  const customers = new Set(ids(b.rows("customers")));
  const orders = b.rows("orders");
  assert.ok(orders.length > 8, "entities under a parent get more rows");
  for (const o of orders) {
    assert.ok(
      customers.has(o.customer_id),
      `order → customer ${o.customer_id}`,
    );
  }
  for (const c of customers) {
    assert.ok(
      orders.some((o) => o.customer_id === c),
      "every customer has an order",
    );
  }
  const orderIds = new Set(ids(orders));
  const products = new Set(ids(b.rows("products")));
  for (const item of b.rows("order_items")) {
    assert.ok(orderIds.has(item.order_id));
    assert.ok(item.product_id === null || products.has(item.product_id));
  }
  const referrals = b.rows("customers").map((c) => c.referred_by_id);
  assert.ok(
    referrals.some((r) => r === null),
    "a nullable self reference is sometimes null",
  );
  for (const r of referrals) assert.ok(r === null || customers.has(r));
});

Deno.test("list: bare arrays, filters by equality and by a set of ids", async () => {
  const b = backend();
  const all = await call(b, "GET", "/customers");
  assert.equal(all.status, 200);
  assert.ok(Array.isArray(all.body));
  assert.equal((all.body as Row[]).length, 8);
  const tier = (all.body as Row[])[0]!.tier;
  const byTier = await call(b, "GET", `/customers?tier=${tier}`);
  assert.ok((byTier.body as Row[]).length > 0);
  assert.ok((byTier.body as Row[]).every((c) => c.tier === tier));
  const two = ids(all.body).slice(0, 2);
  const byIds = await call(b, "GET", `/customers?id=${two[0]}&id=${two[1]}`);
  assert.deepEqual(ids(byIds.body).sort(), [...two].sort());
  const name = String((all.body as Row[])[3]!.name);
  const search = await call(
    b,
    "GET",
    `/customers?search=${encodeURIComponent(name.toUpperCase())}`,
  );
  assert.ok(ids(search.body).includes((all.body as Row[])[3]!.id));
});

Deno.test("list: a wrapper object with paging", async () => {
  const b = backend();
  const total = b.rows("orders").length;
  const first = await call(b, "GET", "/orders?limit=5&offset=0");
  const body = first.body as { items: Row[]; total?: number };
  assert.equal(body.items.length, 5);
  const rest = await call(b, "GET", `/orders?limit=100&offset=5`);
  assert.equal((rest.body as { items: Row[] }).items.length, total - 5);
  assert.deepEqual([
    ...ids(body.items),
    ...ids((rest.body as { items: Row[] }).items),
  ], ids(b.rows("orders")));
  const status = body.items[0]!.status;
  const filtered = await call(b, "GET", `/orders?status=${status}`);
  assert.ok(
    (filtered.body as { items: Row[] }).items.every((o) => o.status === status),
  );
});

Deno.test("list: sorting with a sort parameter when the spec declares one", async () => {
  const spec = SALES.replace(
    "        - name: limit\n",
    "        - { name: sort, in: query, schema: { type: string } }\n        - name: limit\n",
  );
  assert.notEqual(spec, SALES, "the test spec gained a sort parameter");
  const b = backend(generate(spec).model);
  const desc = await call(b, "GET", "/orders?sort=-total_cents");
  const totals = (desc.body as { items: Row[] }).items.map((o) => o.total_cents as number);
  assert.deepEqual(totals, [...totals].sort((x, y) => y - x));
  assert.ok(totals.length > 1);
});

Deno.test("get, update and delete answer with the row, 404 for a missing one", async () => {
  const b = backend();
  const customer = b.rows("customers")[0]!;
  const got = await call(b, "GET", `/customers/${customer.id}`);
  assert.deepEqual(got, { status: 200, body: customer });
  assert.equal((await call(b, "GET", "/customers/nope")).status, 404);
  const updated = await call(b, "PATCH", `/customers/${customer.id}`, {
    name: "Ada Lovelace",
  });
  assert.equal(updated.status, 200);
  assert.equal((updated.body as Row).name, "Ada Lovelace");
  assert.equal(b.rows("customers")[0]!.name, "Ada Lovelace");
  assert.equal(
    (await call(b, "PATCH", "/customers/nope", { name: "x" })).status,
    404,
  );
  const order = b.rows("orders")[0]!;
  const deleted = await call(b, "DELETE", `/orders/${order.id}`);
  assert.equal(deleted.status, 204);
  assert.equal(deleted.body, undefined);
  assert.ok(!ids(b.rows("orders")).includes(order.id));
  assert.ok(
    b.rows("order_items").every((i) => i.order_id !== order.id),
    "its items went with it",
  );
  assert.equal((await call(b, "DELETE", `/orders/${order.id}`)).status, 404);
});

Deno.test("create: 201 with the server's row; 422 with a body for missing fields or unknown references", async () => {
  const b = backend();
  const customer = b.rows("customers")[2]!;
  const created = await call(b, "POST", "/orders", {
    customer_id: customer.id,
    notes: "rush",
  });
  assert.equal(created.status, 201);
  const row = created.body as Row;
  assert.equal(row.customer_id, customer.id);
  assert.equal(row.notes, "rush");
  assert.equal(row.status, "pending", "the spec's default for what the input leaves out");
  assert.equal(row.created_at, NOW.toISOString());
  assert.equal(typeof row.id, "string");
  assert.equal(b.rows("orders").at(-1)!.id, row.id);
  const missing = await call(b, "POST", "/orders", { notes: "no customer" });
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.body, {
    detail: [{ loc: ["body", "customer_id"], msg: "Field required" }],
  });
  const dangling = await call(b, "POST", "/orders", {
    customer_id: crypto.randomUUID(),
  });
  assert.equal(dangling.status, 422);
});

Deno.test("writes broadcast created/updated/deleted to subscribed sockets only", async () => {
  const b = backend();
  const subscribed = new b.sockets.WebSocket("ws://api.test/ws/broadcast");
  const other = new b.sockets.WebSocket("ws://api.test/ws/broadcast");
  const received: unknown[] = [];
  const otherReceived: unknown[] = [];
  subscribed.onmessage = (event) => received.push(JSON.parse(event.data));
  other.onmessage = (event) => otherReceived.push(JSON.parse(event.data));
  await Promise.all(
    [subscribed, other].map((s) => new Promise<void>((resolve) => (s.onopen = () => resolve()))),
  );
  assert.equal(subscribed.readyState, 1);
  subscribed.send(JSON.stringify({ subscribe: ["order", "customer"] }));
  other.send(JSON.stringify({ subscribe: ["product"] }));
  subscribed.send("not json");
  const customer = b.rows("customers")[0]!;
  const created = (await call(b, "POST", "/orders", { customer_id: customer.id }))
    .body as Row;
  const updated = (await call(b, "PATCH", `/orders/${created.id}`, { notes: "x" })).body as Row;
  await call(b, "DELETE", `/orders/${created.id}`);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(received, [
    { channel: "order", event: "created", payload: { entity_id: created.id, data: created } },
    { channel: "order", event: "updated", payload: { entity_id: created.id, data: updated } },
    { channel: "order", event: "deleted", payload: { entity_id: created.id } },
  ]);
  assert.deepEqual(otherReceived, []);
  subscribed.send(JSON.stringify({ unsubscribe: ["order"] }));
  await call(b, "POST", "/orders", { customer_id: customer.id });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(received.length, 3);
  subscribed.close();
  other.close();
  assert.equal(b.sockets.size, 0);
});

Deno.test("fail the next write: one write fails with the status, reads pass, the control clears", async () => {
  const b = backend();
  let changes = 0;
  b.subscribe(() => changes++);
  b.failNext = 503;
  const customer = b.rows("customers")[0]!;
  assert.equal((await call(b, "GET", "/customers")).status, 200);
  const failed = await call(b, "PATCH", `/customers/${customer.id}`, {
    name: "Nope",
  });
  assert.equal(failed.status, 503);
  assert.equal(b.failNext, undefined);
  assert.equal(
    b.rows("customers")[0]!.name,
    customer.name,
    "the failed write changed nothing",
  );
  assert.equal(b.sockets.published.length, 0);
  assert.equal(
    (await call(b, "PATCH", `/customers/${customer.id}`, { name: "Yes" }))
      .status,
    200,
  );
  assert.ok(changes >= 3);
  assert.deepEqual(b.log.map((l) => [l.method, l.status, l.simulated]), [
    ["GET", 200, false],
    ["PATCH", 503, true],
    ["PATCH", 200, false],
  ]);
});

Deno.test("latency: each answer waits the set time, clamped to 0–2000 ms", async () => {
  const waits: number[] = [];
  const b = new MockBackend(salesModel, {
    seed: 1,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  });
  await b.handle({ method: "GET", url: "/customers" });
  b.latencyMs = 750;
  await b.handle({ method: "GET", url: "/customers" });
  b.latencyMs = 9000;
  assert.equal(b.latencyMs, 2000);
  b.latencyMs = -5;
  assert.equal(b.latencyMs, 0);
  assert.deepEqual(waits, [750]);
  const real = new MockBackend(salesModel, { seed: 1 });
  real.latencyMs = 60;
  const started = performance.now();
  await real.handle({ method: "GET", url: "/customers" });
  assert.ok(performance.now() - started >= 55);
});

Deno.test("fetch answers with Responses the generated client reads; unknown paths are 404", async () => {
  const b = backend();
  const response = await b.fetch("http://api.test/customers?limit=2", {
    method: "GET",
  });
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.equal((await response.json()).length, 8);
  const missing = await b.fetch("http://api.test/nowhere");
  assert.equal(missing.status, 404);
  assert.equal(
    (await b.fetch("http://api.test/customers", { method: "PUT", body: "{}" }))
      .status,
    405,
  );
});

Deno.test("an item wrapped in a response property and integer keys", async () => {
  const model = generate(WRAPPED_SPEC).model;
  const b = backend(model);
  const list = (await call(b, "GET", "/notes")).body as { data: Row[] };
  assert.equal(list.data.length, 8);
  assert.deepEqual(ids(list.data), [1, 2, 3, 4, 5, 6, 7, 8]);
  for (const note of list.data) {
    assert.ok(String(note.title).length <= 12);
    assert.ok(
      note.score === undefined ||
        ((note.score as number) >= 3 && (note.score as number) <= 5),
    );
  }
  const got = (await call(b, "GET", "/notes/2")).body as { note: Row };
  assert.equal(got.note.id, 2);
  const created = (await call(b, "POST", "/notes", { title: "New" }))
    .body as Row;
  assert.equal(created.id, 9);
});

Deno.test("a nested list filters by its parent; a create under a parent takes the parent's id", async () => {
  const b = backend(generate(NESTED_SPEC).model);
  const accounts = b.rows("accounts");
  const contacts = b.rows("contacts");
  assert.ok(contacts.every((c) => accounts.some((a) => a.id === c.account_id)));
  const parent = contacts[0]!.account_id as string;
  const listed = (await call(b, "GET", `/accounts/${parent}/contacts`))
    .body as Row[];
  assert.ok(listed.length > 0);
  assert.ok(listed.every((c) => c.account_id === parent));
  assert.equal(
    listed.length,
    contacts.filter((c) => c.account_id === parent).length,
  );
  const created = (await call(b, "POST", `/accounts/${parent}/contacts`, { name: "Grace" }))
    .body as Row;
  assert.equal(created.account_id, parent);
  const got = await call(
    b,
    "GET",
    `/accounts/${parent}/contacts/${created.id}`,
  );
  assert.equal((got.body as Row).name, "Grace");
});

Deno.test("string formats become values their validators accept", () => {
  const props: Record<string, Record<string, unknown>> = {};
  for (const format of ["uuid", "email", "date-time", "date", "time", "uri", "ipv4", "ipv6", "byte", "duration"]) {
    props[`f_${format.replace("-", "_")}`] = { type: "string", format };
  }
  const spec = {
    openapi: "3.1.0",
    info: { title: "Formats", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } } },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: "object",
          required: ["id", ...Object.keys(props)],
          properties: { id: { type: "string", format: "uuid" }, ...props },
        },
      },
    },
  };
  const rows = backend(generate(spec).model).rows("things");
  assert.equal(rows.length, 8);
  for (const row of rows) {
    assert.match(String(row.f_uuid), /^[0-9a-f-]{36}$/);
    assert.match(String(row.f_email), /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    assert.ok(!Number.isNaN(Date.parse(String(row.f_date_time))));
    assert.match(String(row.f_date), /^\d{4}-\d{2}-\d{2}$/);
    assert.match(String(row.f_time), /^\d{2}:\d{2}:\d{2}$/);
    assert.ok(URL.canParse(String(row.f_uri)));
    assert.match(String(row.f_ipv4), /^(\d{1,3}\.){3}\d{1,3}$/);
    assert.ok(String(row.f_ipv6).includes(":"));
    assert.ok(atob(String(row.f_byte)).length > 0);
    assert.match(String(row.f_duration), /^PT\d+H\d+M$/);
  }
});

Deno.test("a custom action on a row answers with the row, changed the way its name says, and broadcasts", async () => {
  const b = backend();
  const order = b.rows("orders").find((o) => o.status !== "cancelled")!;
  const answer = await call(b, "POST", `/orders/${order.id}/cancel`, { reason: "changed my mind" });
  assert.equal(answer.status, 200);
  assert.equal((answer.body as Row).status, "cancelled");
  assert.equal(b.rows("orders").find((o) => o.id === order.id)!.status, "cancelled");
  assert.deepEqual(b.sockets.published.at(-1), {
    channel: "order",
    event: "updated",
    payload: { entity_id: order.id, data: answer.body },
  });
});
