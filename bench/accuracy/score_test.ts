import assert from "node:assert/strict";
import { generate } from "../../mod.ts";
import { observe } from "./observe.ts";
import {
  matchEntities,
  meets,
  missedTargets,
  normalizeName,
  type ObservedEntity,
  scoreSpec,
  sumScores,
  type Truth,
} from "./score.ts";

function truth(entities: Truth["entities"], uncertainEntities?: string[]): Truth {
  return {
    api: "t",
    spec: "api/t.json",
    style: [],
    notes: "",
    entities,
    ...(uncertainEntities ? { uncertainEntities } : {}),
  };
}

function seen(name: string, more: Partial<ObservedEntity> = {}): ObservedEntity {
  return { name, key: "id", crud: {}, relationships: [], ...more };
}

Deno.test("normalizeName reads case, separators and number alike", () => {
  const table: [string, string][] = [
    ["orders", "order"],
    ["Order", "order"],
    ["order-items", "order_item"],
    ["OrderItems", "order_item"],
    ["orderItem", "order_item"],
    ["tax rates", "tax_rate"],
    ["categories", "category"],
    ["people", "person"],
    ["TSIGKeys", "tsig_key"],
  ];
  for (const [given, want] of table) assert.equal(normalizeName(given), want, given);
});

Deno.test("entities match by normalised name or alias, each observed entity once", () => {
  const t = truth({
    applications: { aliases: ["apps"], key: "id", crud: {} },
    order_items: { key: "id", crud: {} },
    invoices: { key: "id", crud: {} },
  });
  const observed = [seen("apps"), seen("OrderItem"), seen("bills")];
  const m = matchEntities(t, observed);
  assert.deepEqual([...m].map(([k, o]) => [k, o.name]), [["applications", "apps"], ["order_items", "OrderItem"]]);
});

Deno.test("entity recall, spurious entities and uncertain entities", () => {
  const t = truth(
    {
      orders: { key: "id", crud: { list: "GET /orders" } },
      customers: { key: "id", crud: { list: "GET /customers" } },
    },
    ["screenshots"],
  );
  const s = scoreSpec(t, [seen("orders"), seen("lists"), seen("screenshots")]);
  assert.deepEqual(s.entities, { hit: 1, of: 2 });
  assert.deepEqual(s.spurious, ["lists"]);
  assert.ok(s.details.includes("missing entity customers"));
});

Deno.test("a missing entity whose routes sit on an unmatched observed entity is reported as found under that name", () => {
  const t = truth({ applications: { key: "id", crud: { list: "GET /app/" } } });
  const s = scoreSpec(t, [seen("apps", { crud: { list: "GET /app/" } })]);
  assert.deepEqual(s.entities, { hit: 0, of: 1 });
  assert.ok(s.details.includes(`missing entity applications (its routes are on "apps")`));
});

Deno.test("keys count over matched entities", () => {
  const t = truth({
    voices: { key: "voice_id", crud: {} },
    history_items: { key: "history_item_id", crud: {} },
    missing: { key: "id", crud: {} },
  });
  const s = scoreSpec(t, [seen("voices", { key: "voice_id" }), seen("history_items", { key: "voice_id" })]);
  assert.deepEqual(s.keys, { hit: 1, of: 2 });
  assert.ok(s.details.includes("key of history_items: voice_id, want history_item_id"));
});

Deno.test("CRUD slots: truth slots, accepted alternatives, and extra observed slots", () => {
  const t = truth({
    products: {
      key: "uuid",
      crud: {
        list: ["GET /products", "GET /products/v2"],
        get: "GET /products/{productUuid}",
        update: "PUT /products/v2/{productUuid}",
      },
    },
  });
  const s = scoreSpec(t, [
    seen("products", {
      crud: {
        list: "GET /products/v2", // an accepted alternative: right
        get: "GET /products/{productUuid}", // right
        // update missing: wrong
        delete: "DELETE /products", // not in the truth: wrong
      },
    }),
  ]);
  assert.deepEqual(s.crud, { hit: 2, of: 4 });
  assert.ok(s.details.includes("products.update: none, want PUT /products/v2/{productUuid}"));
  assert.ok(s.details.includes("products.delete: DELETE /products, want none"));
});

Deno.test("relationships: precision, recall, negatives, uncertain fields and target fields", () => {
  const t = truth({
    payments: {
      key: "id",
      crud: {},
      relationships: { customer_id: "customers", plan_code: "plans.code", invoice_id: "invoices" },
      notForeignKeys: ["external_payment_id"],
      uncertain: ["created_by"],
    },
    customers: { key: "id", crud: {} },
    plans: { key: "id", crud: {} },
    invoices: { key: "id", crud: {} },
  });
  const s = scoreSpec(t, [
    seen("payments", {
      relationships: [
        { field: "customer_id", target: "customers" }, // right
        { field: "plan_code", target: "plans" }, // wrong: refers to plans.code, not the key
        { field: "external_payment_id", target: "payments" }, // a negative
        { field: "created_by", target: "customers" }, // uncertain: not scored
      ],
    }),
    seen("customers"),
    seen("plans"),
    seen("invoices"),
  ]);
  assert.deepEqual(s.relPrecision, { hit: 1, of: 3 });
  assert.deepEqual(s.relRecall, { hit: 1, of: 3 });
  assert.deepEqual(s.negativesLinked, ["payments.external_payment_id"]);
  assert.ok(s.details.includes("false relationship: payments.plan_code → plans, want → plans.code"));
  assert.ok(s.details.includes("missed relationship: payments.invoice_id → invoices"));

  const fixed = scoreSpec(t, [
    seen("payments", {
      relationships: [
        { field: "customer_id", target: "customers", targetField: "id" }, // the key, said explicitly: right
        { field: "plan_code", target: "plans", targetField: "code" },
        { field: "invoice_id", target: "invoices" },
      ],
    }),
    seen("customers"),
    seen("plans"),
    seen("invoices"),
  ]);
  assert.deepEqual([fixed.relPrecision, fixed.relRecall], [{ hit: 3, of: 3 }, { hit: 3, of: 3 }]);
  assert.deepEqual(missedTargets(fixed), []);
});

Deno.test("a relationship to an entity under another name, or from a missing entity, is not found", () => {
  const t = truth({
    orders: { key: "id", crud: {}, relationships: { customer_id: "customers" } },
    notes: { key: "id", crud: {}, relationships: { order_id: "orders" } },
    customers: { key: "id", crud: {} },
  });
  const s = scoreSpec(t, [
    seen("orders", { relationships: [{ field: "customer_id", target: "clients" }] }),
    seen("clients"),
  ]);
  assert.deepEqual(s.relPrecision, { hit: 0, of: 1 });
  assert.deepEqual(s.relRecall, { hit: 0, of: 2 });
  assert.ok(s.details.includes("missed relationship: notes.order_id → orders (entity missing)"));
});

Deno.test("sums count every item once; targets with nothing to count are met", () => {
  const t = truth({ a: { key: "id", crud: { list: "GET /a" } }, b: { key: "id", crud: {} } });
  const one = scoreSpec(t, [seen("a", { crud: { list: "GET /a" } })]);
  const two = scoreSpec(t, [seen("a"), seen("b")]);
  const all = sumScores([one, two]);
  assert.deepEqual(all.entities, { hit: 3, of: 4 });
  assert.deepEqual(all.crud, { hit: 1, of: 2 });
  assert.ok(meets(all.relRecall, 0.9)); // no relationships in the truth
  assert.deepEqual(missedTargets(one), ["entities"]);
});

Deno.test("observe reads names, keys, routes and belongsTo relationships from generate()", () => {
  const ok = (schema: unknown) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });
  const customer = { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } };
  const order = { type: "object", properties: { id: { type: "integer" }, customer_id: { type: "integer" } } };
  const { model } = generate({
    openapi: "3.1.0",
    info: { title: "Shop", version: "1" },
    paths: {
      "/customers": { get: { responses: ok({ type: "array", items: customer }) } },
      "/customers/{id}": { get: { responses: ok(customer) } },
      "/orders": { get: { responses: ok({ type: "array", items: order }) } },
    },
  });
  assert.deepEqual(observe(model), [
    { name: "customers", key: "id", crud: { list: "GET /customers", get: "GET /customers/{id}" }, relationships: [] },
    {
      name: "orders",
      key: "id",
      crud: { list: "GET /orders" },
      relationships: [{ field: "customer_id", target: "customers" }],
    },
  ]);
});
