import assert from "node:assert/strict";
import type { Diagnostic } from "../spec/diagnostics.ts";
import { loadSpec } from "../spec/load.ts";
import { RefResolver } from "../spec/resolve.ts";
import { buildModel } from "./build.ts";
import type { Entity, EntityModel, SyncMode } from "./types.ts";

/** Builds the model of a document the way generate() does, without emitting. */
function modelOf(doc: object, syncMode: SyncMode = "optimistic"): { model: EntityModel; warnings: Diagnostic[] } {
  const loaded = loadSpec(doc);
  const refs = new RefResolver(loaded.document);
  const warnings: Diagnostic[] = [];
  const source = {
    resolve: (node: unknown, pointer: string) => refs.resolve(node, pointer),
    warn: (code: string, message: string, pointer: string) =>
      warnings.push({ code, severity: "warning", message, pointer }),
  };
  return { model: buildModel(loaded.document, source, { syncMode }).model, warnings };
}

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = (name: string, type = "string") => ({ name, in: "path", required: true, schema: { type } });

/** A CRUD resource: list, create, get, update (PATCH), delete, by method and path only. */
function crud(base: string, item: string, param: string, extra: Record<string, unknown> = {}) {
  return {
    [base]: {
      get: { responses: { "200": json({ type: "array", items: ref(item) }) }, ...extra },
      post: {
        requestBody: { content: { "application/json": { schema: ref(item) } } },
        responses: { "201": json(ref(item)) },
      },
    },
    [`${base}/{${param}}`]: {
      parameters: [idParam(param)],
      get: { responses: { "200": json(ref(item)) } },
      patch: { responses: { "200": json(ref(item)) } },
      delete: { responses: { "204": { description: "gone" } } },
    },
  };
}

function doc(paths: Record<string, unknown>, schemas: Record<string, unknown>, openapi = "3.1.0") {
  return { openapi, info: { title: "T", version: "1" }, paths, components: { schemas } };
}

const entity = (m: EntityModel, name: string): Entity => {
  const e = m.entities.find((x) => x.name === name);
  assert.ok(e, `entity ${name} in [${m.entities.map((x) => x.name)}]`);
  return e;
};

const rels = (e: Entity) => e.relationships.map((r) => `${r.kind} ${r.name} -> ${r.target} via ${r.foreignKey}`);

const Order = {
  type: "object",
  required: ["id", "customer_id", "status"],
  properties: {
    id: { type: "string", format: "uuid", readOnly: true },
    customer_id: { type: "string", format: "uuid" },
    sales_rep_id: { anyOf: [{ type: "string", format: "uuid" }, { type: "null" }] },
    status: { type: "string", enum: ["open", "paid"] },
  },
};
const Customer = {
  type: "object",
  required: ["id", "name"],
  properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
};

Deno.test("entities from method and path, with version prefix stripped and CRUD slots", () => {
  const { model } = modelOf(
    doc({ ...crud("/api/v1/orders", "Order", "order_id"), ...crud("/customers", "Customer", "id") }, {
      Order,
      Customer,
    }),
  );
  assert.deepEqual(model.entities.map((e) => e.name), ["orders", "customers"]);
  const orders = entity(model, "orders");
  assert.equal(orders.singular, "order");
  assert.equal(orders.pascalName, "Order");
  assert.deepEqual(Object.keys(orders.operations).sort(), ["create", "delete", "get", "list", "update"]);
  assert.deepEqual(orders.primaryKey, { name: "id", type: "uuid" });
  assert.equal(orders.operations.get?.pathParams[0].name, "order_id");
});

Deno.test("FastAPI and camelCase operation ids; a non-CRUD verb on a CRUD shape keeps the slot", () => {
  const paths = {
    "/api/v1/accounts": {
      get: {
        operationId: "list_accounts_api_v1_accounts_get",
        tags: ["accounts"],
        responses: { "200": json({ type: "array", items: ref("Account") }) },
      },
    },
    "/api/v1/accounts/{account_id}": {
      get: {
        operationId: "get_account_full_context_api_v1_accounts__account_id__get",
        tags: ["accounts"],
        parameters: [idParam("account_id")],
        responses: { "200": json(ref("Account")) },
      },
      delete: {
        operationId: "archive_account_api_v1_accounts__account_id__delete",
        tags: ["accounts"],
        parameters: [idParam("account_id")],
        responses: { "204": { description: "archived" } },
      },
    },
    "/api/v1/accounts/{account_id}/cancel": {
      post: {
        operationId: "cancelAccount",
        tags: ["accounts"],
        parameters: [idParam("account_id")],
        responses: { "200": json(ref("Account")) },
      },
    },
    "/api/v1/accounts/stages": {
      get: {
        operationId: "get_stage_metadata_api_v1_accounts_stages_get",
        tags: ["accounts"],
        responses: { "200": json({ type: "object" }) },
      },
    },
  };
  const { model } = modelOf(doc(paths, { Account: Customer }));
  const accounts = entity(model, "accounts");
  assert.deepEqual(Object.keys(accounts.operations).sort(), ["delete", "get", "list"]);
  assert.deepEqual(accounts.customOperations.map((o) => o.name), ["cancel", "getStageMetadata"]);
  assert.equal(accounts.customOperations[0].returnsEntity, true);
  assert.equal(accounts.customOperations[1].returnsEntity, false);
});

Deno.test("a multi-word tag is its own entity and does not collapse onto another", () => {
  const paths = {
    ...crud("/tasks", "Task", "task_id"),
    "/tasks/{task_id}/comments": {
      get: {
        tags: ["Task Comments"],
        parameters: [idParam("task_id")],
        responses: { "200": json({ type: "array", items: ref("Comment") }) },
      },
    },
  };
  const { model } = modelOf(
    doc(paths, {
      Task: Customer,
      Comment: { ...Customer, properties: { ...Customer.properties, task_id: { type: "string" } } },
    }),
  );
  assert.deepEqual(model.entities.map((e) => e.name), ["tasks", "task_comments"]);
  assert.equal(entity(model, "task_comments").singular, "task_comment");
  assert.deepEqual(rels(entity(model, "task_comments")), ["belongsTo task -> tasks via task_id"]);
});

Deno.test("nested routes make the nested resource an entity; sub-actions stay custom", () => {
  const paths = {
    ...crud("/projects", "Project", "project_id"),
    "/projects/{project_id}/tasks": {
      get: { parameters: [idParam("project_id")], responses: { "200": json({ type: "array", items: ref("Task") }) } },
    },
    "/projects/{project_id}/tasks/{task_id}": {
      get: { parameters: [idParam("project_id"), idParam("task_id")], responses: { "200": json(ref("Task")) } },
    },
    "/projects/{project_id}/archive": {
      post: { parameters: [idParam("project_id")], responses: { "204": { description: "done" } } },
    },
  };
  const Task = { type: "object", properties: { id: { type: "integer" }, projectId: { type: "string" } } };
  const { model } = modelOf(doc(paths, { Project: Customer, Task }));
  const tasks = entity(model, "tasks");
  assert.deepEqual(Object.keys(tasks.operations).sort(), ["get", "list"]);
  assert.deepEqual(tasks.primaryKey, { name: "id", type: "integer" });
  assert.deepEqual(tasks.operations.get?.pathParams.map((p) => p.name), ["project_id", "task_id"]);
  assert.deepEqual(entity(model, "projects").customOperations.map((o) => o.name), ["archive"]);
  // camelCase foreign key
  assert.deepEqual(rels(tasks), ["belongsTo project -> projects via projectId"]);
  assert.deepEqual(rels(entity(model, "projects")), ["hasMany tasks -> tasks via projectId"]);
});

Deno.test("list wrappers, filters, and the item schema from the get response", () => {
  const paths = {
    "/orders": {
      get: {
        parameters: [
          { name: "status", in: "query", schema: { type: "string", enum: ["open", "paid"] } },
          { name: "customer_id", in: "query", schema: { type: "string" } },
        ],
        responses: {
          "200": json({
            type: "object",
            properties: { data: { type: "array", items: ref("Order") }, total: { type: "integer" } },
          }),
        },
      },
    },
    "/orders/{id}": { get: { parameters: [idParam("id")], responses: { "200": json(ref("Order")) } } },
  };
  const { model } = modelOf(doc(paths, { Order, Customer }));
  const orders = entity(model, "orders");
  assert.equal(orders.operations.list?.listWrapper, "data");
  assert.deepEqual(orders.filters.map((f) => f.name), ["status", "customer_id"]);
  assert.deepEqual(orders.schemas.item.properties.map((p) => p.name), ["id", "customer_id", "sales_rep_id", "status"]);
});

Deno.test("envelopes: an item wrapped as { account: ... } is unwrapped, and the response says where", () => {
  const paths = {
    "/accounts": { post: { responses: { "201": json(ref("Account")) } } },
    "/accounts/{account_id}": {
      get: { parameters: [idParam("account_id")], responses: { "200": json(ref("AccountFull")) } },
    },
  };
  const AccountFull = {
    type: "object",
    properties: { account: ref("Account"), activities: { type: "array", items: {} } },
  };
  const { model } = modelOf(doc(paths, { Account: Customer, AccountFull }));
  const accounts = entity(model, "accounts");
  assert.equal(accounts.operations.get?.returnsEntity, true);
  assert.equal(accounts.operations.get?.responseItemProperty, "account");
});

Deno.test("primary key from the item path parameter, and its type", () => {
  const Item = { type: "object", properties: { sku: { type: "string" }, name: { type: "string" } } };
  const paths = {
    "/products/{sku}": { get: { parameters: [idParam("sku")], responses: { "200": json(ref("Item")) } } },
  };
  const { model } = modelOf(doc(paths, { Item }));
  assert.deepEqual(entity(model, "products").primaryKey, { name: "sku", type: "string" });
});

Deno.test("x-sync-mode, its aliases, the legacy x-sync and the default", () => {
  const modes: [unknown, SyncMode][] = [["confirmed", "confirmed"], ["api", "confirmed"], ["realtime", "optimistic"], [
    "offline",
    "optimistic",
  ], ["local_first", "optimistic"]];
  for (const [declared, want] of modes) {
    const paths = crud("/orders", "Order", "id");
    (paths["/orders"] as Record<string, unknown>)["x-sync-mode"] = declared;
    assert.equal(entity(modelOf(doc(paths, { Order })).model, "orders").syncMode, want, String(declared));
  }
  const legacy = crud("/orders", "Order", "id");
  (legacy["/orders"] as Record<string, unknown>)["x-sync"] = { local_first: true };
  assert.equal(entity(modelOf(doc(legacy, { Order }), "confirmed").model, "orders").syncMode, "optimistic");
  assert.equal(
    entity(modelOf(doc(crud("/orders", "Order", "id"), { Order }), "confirmed").model, "orders").syncMode,
    "confirmed",
  );
  const bad = crud("/orders", "Order", "id");
  (bad["/orders"] as Record<string, unknown>)["x-sync-mode"] = "sometimes";
  const { warnings } = modelOf(doc(bad, { Order }));
  assert.ok(warnings.some((w) => w.code === "model/unknown-sync-mode" && w.pointer === "/paths/~1orders/x-sync-mode"));
});

Deno.test("a GET request body is ignored with a warning (fetch cannot send one)", () => {
  const paths = crud("/orders", "Order", "id", {
    requestBody: { content: { "application/x-www-form-urlencoded": { schema: { type: "object" } } } },
  });
  const { model, warnings } = modelOf(doc(paths, { Order }));
  assert.equal(entity(model, "orders").operations.list?.requestBody, undefined);
  assert.ok(entity(model, "orders").operations.create?.requestBody);
  assert.deepEqual(warnings.filter((w) => w.code === "model/ignored-body").map((w) => w.pointer), [
    "/paths/~1orders/get/requestBody",
  ]);
});

Deno.test("relationships: compound names, nullable FKs (3.1 and 3.0), explicit annotations and unknown targets", () => {
  const Account = {
    type: "object",
    properties: {
      id: { type: "string" },
      owner_user_id: { type: "string", format: "uuid" },
      parent_account_id: { type: "string", nullable: true },
      manager: { type: "string", "x-relationship": { entity: "users", type: "belongsTo" } },
      creator: { type: "string", "x-relationship": { entity: "robots" } },
    },
  };
  const User = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } };
  const { model, warnings } = modelOf(
    doc({ ...crud("/accounts", "Account", "id"), ...crud("/users", "User", "id") }, { Account, User }, "3.0.3"),
  );
  const accounts = entity(model, "accounts");
  assert.deepEqual(rels(accounts), [
    "belongsTo owner_user -> users via owner_user_id",
    "belongsTo parent_account -> accounts via parent_account_id",
    "belongsTo manager_user -> users via manager",
    "hasMany children -> accounts via parent_account_id",
  ]);
  assert.equal(
    accounts.relationships.find((r) => r.foreignKey === "parent_account_id" && r.kind === "belongsTo")?.nullable,
    true,
  );
  assert.equal(accounts.relationships.find((r) => r.foreignKey === "owner_user_id")?.nullable, true); // not required
  assert.equal(accounts.relationships.find((r) => r.foreignKey === "manager")?.source, "x-relationship");
  const users = entity(model, "users");
  // two foreign keys from accounts to users: the inverse names do not clash
  assert.deepEqual(users.relationships.filter((r) => r.kind === "hasMany").map((r) => r.name), [
    "owner_user_accounts",
    "manager_user_accounts",
  ]);
  assert.ok(
    warnings.some((w) =>
      w.code === "model/unknown-entity" && w.pointer === "/components/schemas/Account/properties/creator"
    ),
  );
});

Deno.test("relation names never clash with the entity's own fields", () => {
  const Order2 = {
    type: "object",
    properties: { id: { type: "string" }, customer_id: { type: "string" }, customer: { type: "object" } },
  };
  const { model } = modelOf(doc({ ...crud("/orders", "Order", "id"), ...crud("/customers", "Customer", "id") }, {
    Order: Order2,
    Customer,
  }));
  const rel = entity(model, "orders").relationships.find((r) => r.kind === "belongsTo");
  assert.equal(rel?.name, "customer_ref");
});

Deno.test("infrastructure paths and tags are left out; unknown resources become plain operations", () => {
  const paths = {
    "/health": { get: { responses: { "200": json({ type: "object" }) } } },
    "/api/v1/auth/login": { post: { tags: ["auth"], responses: { "200": json({ type: "object" }) } } },
    "/api/v1/stats": {
      get: {
        operationId: "getStats",
        responses: { "200": json({ type: "object", properties: { n: { type: "integer" } } }) },
      },
    },
  };
  const { model, warnings } = modelOf(doc(paths, {}));
  assert.deepEqual(model.entities, []);
  assert.deepEqual(model.operations.map((o) => `${o.name} ${o.path}`), ["getStats /api/v1/stats"]);
  assert.deepEqual(warnings, []); // a read that is no list is an ordinary operation, nothing to warn about
});

Deno.test("the same input gives the same model", () => {
  const d = doc({ ...crud("/orders", "Order", "id"), ...crud("/customers", "Customer", "id") }, { Order, Customer });
  assert.equal(JSON.stringify(modelOf(d).model), JSON.stringify(modelOf(structuredClone(d)).model));
});

Deno.test("x-entity puts an operation on the entity it names, on the operation or on the path item", () => {
  const recalculate = {
    post: { operationId: "recalculateTotals", tags: ["maintenance"], responses: { "204": { description: "done" } } },
  };
  const ship = {
    post: { operationId: "shipAll", tags: ["maintenance"], responses: { "204": { description: "done" } } },
  };
  const base = { ...crud("/orders", "Order", "id"), ...crud("/customers", "Customer", "id") };
  const plain = modelOf(doc({ ...base, "/jobs/recalculate": recalculate, "/jobs/ship": ship }, { Order, Customer }));
  assert.deepEqual(entity(plain.model, "orders").customOperations.map((o) => o.id), []);

  const annotated = modelOf(
    doc({
      ...base,
      "/jobs/recalculate": { post: { ...recalculate.post, "x-entity": "Order" } },
      "/jobs/ship": { "x-entity": "Order", ...ship },
    }, { Order, Customer }),
  );
  const orders = entity(annotated.model, "orders");
  assert.deepEqual(orders.customOperations.map((o) => o.id).sort(), ["recalculateTotals", "shipAll"]);
  assert.ok(!annotated.model.operations.some((o) => o.id === "recalculateTotals"), "not a standalone function");
  assert.deepEqual(entity(annotated.model, "customers").customOperations.map((o) => o.id), []);
});

Deno.test("an entity's own key is never taken as a foreign key (a key named like another entity's id)", () => {
  // profiles are keyed by the user's id: `/profiles/{user_id}`, with a users entity beside them
  const Profile = {
    type: "object",
    required: ["user_id", "bio"],
    properties: { user_id: { type: "string", format: "uuid" }, bio: { type: "string" } },
  };
  const Post = {
    type: "object",
    required: ["id", "user_id"],
    properties: { id: { type: "string", format: "uuid" }, user_id: { type: "string", format: "uuid" } },
  };
  const { model } = modelOf(
    doc({
      ...crud("/profiles", "Profile", "user_id"),
      ...crud("/users", "User", "id"),
      ...crud("/posts", "Post", "id"),
    }, {
      Profile,
      User: Customer,
      Post,
    }),
  );
  const profiles = entity(model, "profiles");
  assert.equal(profiles.primaryKey.name, "user_id");
  // no belongsTo/many-to-one from the key (a reverse has-many from posts is fine: that is posts' field)
  assert.deepEqual(rels(profiles).filter((r) => r.includes("via user_id") && !r.startsWith("hasMany")), []);
  // the same field name on another entity is a foreign key: the rule is about the own key only
  const posts = rels(entity(model, "posts"));
  assert.ok(posts.some((r) => r.startsWith("belongsTo user ") && r.endsWith("via user_id")), posts.join("; "));
});

/** `n` CRUD resources, each with a foreign key to the one before and a custom action. */
function resources(n: number) {
  const letters = (i: number) => [...String(i)].map((d) => "abcdefghij"[Number(d)]).join("");
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const word = `${letters(i)}_record`;
    const item = `Item${i}`;
    Object.assign(paths, crud(`/${word}s`, item, `${word}_id`));
    paths[`/${word}s/{${word}_id}/archive`] = { post: { responses: { "204": { description: "ok" } } } };
    schemas[item] = {
      type: "object",
      required: ["id"],
      properties: {
        id: { type: "string" },
        name: { type: "string", pattern: "^[a-z]+$" },
        ...(i > 0 ? { [`${letters(i - 1)}_record_id`]: { type: "string" } } : {}),
      },
    };
  }
  return doc(paths, schemas);
}

/** A document whose every object counts the reads of its members (`counter.reads`). */
function counted(value: unknown, counter: { reads: number }): unknown {
  if (value === null || typeof value !== "object") return value;
  const inner = Array.isArray(value) ? value.map((v) => counted(v, counter)) : Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, counted(v, counter)]),
  );
  return new Proxy(inner, {
    get(target, key, receiver) {
      counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
}

Deno.test("scaling: the model reads the document and resolves refs in proportion to its size (no pass per entity)", () => {
  const cost = (n: number) => {
    const counter = { reads: 0 };
    const loaded = loadSpec(counted(resources(n), counter) as object);
    const refs = new RefResolver(loaded.document);
    let resolves = 0;
    const source = {
      resolve: (node: unknown, pointer: string) => (resolves++, refs.resolve(node, pointer)),
      warn: () => {},
    };
    counter.reads = 0; // the model's reads, not the load's
    const { model } = buildModel(loaded.document, source, { syncMode: "optimistic" });
    assert.equal(model.entities.length, n);
    assert.equal(model.entities[n - 1].relationships.length, 1); // the guard covers relationship detection too
    return { reads: counter.reads, resolves };
  };
  const small = cost(25);
  const big = cost(100);
  // 4× the entities: 4× the work, with room for per-run constants, never 16×
  assert.ok(big.reads <= 4.4 * small.reads, `document reads ${small.reads} → ${big.reads}`);
  assert.ok(big.resolves <= 4.4 * small.resolves, `refs resolved ${small.resolves} → ${big.resolves}`);
});
