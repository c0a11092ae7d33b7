import assert from "node:assert/strict";
import { generate } from "../generate.ts";
import { checkConfig, matchesPattern, parseConfigText, type SyncPatternsConfig } from "./config.ts";

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const ok = (schema: unknown) => ({ responses: { "200": json(schema) } });
const param = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** customers (keyed by `{external_customer_id}`, two key candidates), invoices, an admin path and a lookup. */
const spec = {
  openapi: "3.1.0",
  info: { title: "Billing", version: "1" },
  paths: {
    "/customers": { get: { tags: ["customers"], ...ok({ type: "array", items: ref("Customer") }) } },
    "/customers/{external_customer_id}": {
      parameters: [param("external_customer_id")],
      get: { tags: ["customers"], ...ok(ref("Customer")) },
    },
    "/invoices": {
      get: { tags: ["invoices"], operationId: "findInvoices", ...ok({ type: "array", items: ref("Invoice") }) },
    },
    "/invoices/{id}": { parameters: [param("id")], get: { tags: ["invoices"], ...ok(ref("Invoice")) } },
    "/invoice-search": {
      post: { tags: ["invoices"], operationId: "searchInvoices", ...ok({ type: "array", items: ref("Invoice") }) },
    },
    "/admin/stats": { get: { tags: ["admin"], ...ok({ type: "object" }) } },
  },
  components: {
    schemas: {
      Customer: {
        type: "object",
        properties: { external_id: { type: "string" }, lago_id: { type: "string" }, email: { type: "string" } },
      },
      Invoice: {
        type: "object",
        properties: { id: { type: "string" }, customer_ref: { type: "string" }, lago_customer_id: { type: "string" } },
      },
    },
  },
};

function summary(config?: SyncPatternsConfig) {
  const { model, diagnostics } = generate(spec, config ? { config } : {});
  return {
    entities: model.entities.map((e) =>
      `${e.name}(${e.primaryKey.name}, ${e.syncMode}, ${e.channel ?? e.singular}): ` +
      Object.entries(e.operations).map(([k, o]) => `${k}=${o!.method.toUpperCase()} ${o!.path}`).join(", ")
    ),
    links: model.entities.flatMap((e) =>
      e.relationships.filter((r) => r.kind === "belongsTo").map((r) =>
        `${e.name}.${r.foreignKey} → ${r.target}${r.targetField ? `.${r.targetField}` : ""} (${r.source})`
      )
    ),
    operations: model.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`),
    config: diagnostics.filter((d) => d.code.startsWith("config/")).map((d) => `${d.code} ${d.pointer}`),
    decisions: Object.fromEntries(model.entities.map((e) => [e.name, e.decisions])),
  };
}

Deno.test("config: without one, the heuristics decide", () => {
  const s = summary();
  assert.deepEqual(s.entities, [
    "customers(external_id, optimistic, customer): list=GET /customers, get=GET /customers/{external_customer_id}",
    "invoices(id, optimistic, invoice): list=GET /invoices, get=GET /invoices/{id}",
  ]);
  assert.deepEqual(s.links, ["invoices.lago_customer_id → customers.lago_id (naming)"]);
  assert.deepEqual(s.operations, ["GET /admin/stats"]);
});

Deno.test("config: each option changes the model, and says so in the decisions", () => {
  const s = summary({
    exclude: { tags: ["admin"] },
    entities: {
      customers: { name: "clients", key: "lago_id", syncMode: "confirmed", channel: "crm.client" },
      invoices: {
        operations: { create: "POST /invoice-search" },
        relationships: {
          add: [{ field: "customer_ref", target: "clients", targetField: "email" }],
          remove: ["lago_customer_id"],
        },
      },
    },
  });
  assert.deepEqual(s.entities, [
    "clients(lago_id, confirmed, crm.client): list=GET /customers, get=GET /customers/{external_customer_id}",
    "invoices(id, optimistic, invoice): list=GET /invoices, get=GET /invoices/{id}, create=POST /invoice-search",
  ]);
  assert.deepEqual(s.links, ["invoices.customer_ref → clients.email (config)"]);
  assert.deepEqual(s.operations, []);
  assert.deepEqual(s.config, []);
  assert.deepEqual(s.decisions.clients, {
    name: "config",
    key: "config",
    syncMode: "config",
    channel: "config",
    operations: { list: "heuristic", get: "heuristic" },
  });
  assert.equal(s.decisions.invoices?.operations.create, "config");
});

Deno.test("config: include keeps only what it names; an excluded entity becomes plain functions", () => {
  assert.deepEqual(summary({ include: { paths: ["/invoices*"] } }).entities, [
    "invoices(id, optimistic, invoice): list=GET /invoices, get=GET /invoices/{id}",
  ]);
  const s = summary({ exclude: { entities: ["customers"] } });
  assert.deepEqual(s.entities.map((e) => e.split("(")[0]), ["invoices"]);
  assert.deepEqual(s.operations, ["GET /admin/stats", "GET /customers", "GET /customers/{external_customer_id}"]);
  assert.deepEqual(s.links, []);
});

Deno.test("config: every override that matches nothing is a diagnostic pointing into the config", () => {
  const s = summary({
    exclude: { paths: ["/nowhere"], tags: ["admin"] },
    entities: {
      customers: { key: "no_such_field", operations: { create: "createCustomer" } },
      ghosts: { syncMode: "confirmed" },
      invoices: { relationships: { add: [{ field: "customer_ref", target: "nobody" }], remove: ["nothing"] } },
    },
  });
  assert.deepEqual(s.config, [
    "config/unmatched /exclude/paths/0",
    "config/unmatched /entities/customers/operations/create",
    "config/unmatched /entities/customers/key",
    "config/unmatched /entities/ghosts",
    "config/unmatched /entities/invoices/relationships/add/0",
    "config/unmatched /entities/invoices/relationships/remove/0",
  ]);
  // the key the config names is not on the item: the heuristic key stays
  assert.match(s.entities[0], /^customers\(external_id,/);
});

Deno.test("config: a malformed config is reported part by part, and the rest still applies", () => {
  const { config, diagnostics } = checkConfig({
    entities: { customers: { syncMode: "eventually", channel: "c", operations: { read: "x" } } },
    excludes: {},
  });
  assert.deepEqual(config, { entities: { customers: { channel: "c", operations: {} } } });
  assert.deepEqual(diagnostics.map((d) => d.pointer), [
    "/entities/customers/syncMode",
    "/entities/customers/operations/read",
    "/excludes",
  ]);
  assert.deepEqual(checkConfig([]).diagnostics.map((d) => d.message), ["The config must be a JSON object"]);
});

Deno.test("parseConfigText reads JSONC: comments and trailing commas, strings left alone", () => {
  const text = `{
    // line comment
    "$schema": "./schema/config.schema.json", /* block
    comment */
    "exclude": { "paths": ["/admin/*", "http://x//y", "/*not a comment*/",], },
  }`;
  assert.deepEqual(parseConfigText(text), {
    $schema: "./schema/config.schema.json",
    exclude: { paths: ["/admin/*", "http://x//y", "/*not a comment*/"] },
  });
  assert.throws(() => parseConfigText(`{ "a": 1 "b": 2 }`), SyntaxError);
});

Deno.test("matchesPattern: * matches any run of characters", () => {
  const cases: [string, string, boolean][] = [
    ["/admin/*", "/admin/users/{id}", true],
    ["/admin/*", "/administrators", false],
    ["/users", "/users", true],
    ["/users", "/users/{id}", false],
    ["/v1/(x)", "/v1/(x)", true],
  ];
  for (const [pattern, path, want] of cases) assert.equal(matchesPattern(pattern, path), want, `${pattern} ${path}`);
});

Deno.test("the published JSON Schema and checkConfig know the same keys", async () => {
  const schema = JSON.parse(await Deno.readTextFile(new URL("../../schema/config.schema.json", import.meta.url)));
  const keysOf = (node: { properties?: Record<string, unknown> }) => Object.keys(node.properties ?? {}).sort();
  assert.deepEqual(keysOf(schema), ["$schema", "entities", "exclude", "include"]);
  const entity = schema.$defs.entity;
  // a config that uses every key the schema lists is accepted without a diagnostic
  const everything = {
    $schema: "x",
    include: Object.fromEntries(keysOf(schema.$defs.filter).map((k) => [k, ["a"]])),
    exclude: Object.fromEntries(keysOf(schema.$defs.filter).map((k) => [k, ["b"]])),
    entities: {
      users: {
        name: "people",
        key: "uid",
        syncMode: entity.properties.syncMode.enum[1],
        channel: "c",
        operations: Object.fromEntries(keysOf(entity.properties.operations).map((k) => [k, `GET /${k}`])),
        relationships: { add: [{ field: "team_id", target: "teams", targetField: "code" }], remove: ["x_id"] },
      },
    },
  };
  assert.deepEqual(keysOf(entity), ["channel", "key", "name", "operations", "relationships", "syncMode"]);
  assert.deepEqual(checkConfig(everything).diagnostics, []);
  assert.deepEqual(checkConfig(everything).config, everything);
});

Deno.test("config: operations can make an entity the heuristics do not see", () => {
  const doc = {
    openapi: "3.1.0",
    info: { title: "RPC", version: "1" },
    paths: {
      "/rpc/listWidgets": {
        post: {
          operationId: "listWidgets",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "array", items: { $ref: "#/components/schemas/Widget" } },
                },
              },
            },
          },
        },
      },
    },
    components: { schemas: { Widget: { type: "object", properties: { sku: { type: "string" } } } } },
  };
  const plain = generate(doc).model;
  assert.deepEqual(plain.entities, []);
  const { model, diagnostics } = generate(doc, {
    config: { entities: { widgets: { key: "sku", operations: { list: "listWidgets" } } } },
  });
  assert.deepEqual(
    model.entities.map((e) =>
      `${e.name}(${e.primaryKey.name}) list=${e.operations.list?.method} ${e.operations.list?.path}`
    ),
    ["widgets(sku) list=post /rpc/listWidgets"],
  );
  assert.deepEqual(diagnostics.filter((d) => d.code.startsWith("config/")), []);
});
