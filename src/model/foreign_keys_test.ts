import assert from "node:assert/strict";
import type { Diagnostic } from "../spec/diagnostics.ts";
import { loadSpec } from "../spec/load.ts";
import { RefResolver } from "../spec/resolve.ts";
import { buildModel } from "./build.ts";
import type { EntityModel } from "./types.ts";

function modelOf(doc: object): { model: EntityModel; warnings: Diagnostic[] } {
  const loaded = loadSpec(doc);
  const refs = new RefResolver(loaded.document);
  const warnings: Diagnostic[] = [];
  const source = {
    resolve: (node: unknown, pointer: string) => refs.resolve(node, pointer),
    warn: (code: string, message: string, pointer: string) =>
      warnings.push({ code, severity: "warning", message, pointer }),
  };
  return { model: buildModel(loaded.document, source, { syncMode: "optimistic" }).model, warnings };
}

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });

type Fields = Record<string, Record<string, unknown>>;

/** A spec with one list + item GET per resource: `[path word, item param, fields]`. */
function spec(resources: [string, string, Fields][], extra: Record<string, unknown> = {}) {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = { ...extra };
  for (const [word, param, fields] of resources) {
    const name = word.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
    schemas[name] = { type: "object", properties: fields };
    const ref = { $ref: `#/components/schemas/${name}` };
    paths[`/${word}`] = { get: { responses: { "200": json({ type: "array", items: ref }) } } };
    paths[`/${word}/{${param}}`] = {
      parameters: [{ name: param, in: "path", required: true, schema: { type: "string" } }],
      get: { responses: { "200": json(ref) } },
    };
  }
  return { openapi: "3.1.0", info: { title: "T", version: "1" }, paths, components: { schemas } };
}

const str = { type: "string" };
const int = { type: "integer" };
const uuid = { type: "string", format: "uuid" };

/** `entity.field → target[.field]` for every belongsTo of the model. */
function links(doc: object): string[] {
  return modelOf(doc).model.entities.flatMap((e) =>
    e.relationships.filter((r) => r.kind === "belongsTo").map((r) =>
      `${e.name}.${r.foreignKey} → ${r.target}${r.targetField ? `.${r.targetField}` : ""}`
    )
  );
}

Deno.test("foreign keys: each kind of evidence links, and its absence does not", () => {
  const cases: { name: string; given: object; want: string[] }[] = [
    {
      name: "a path parameter naming an entity's key is evidence for another word",
      given: spec([["units", "area_id", { area_id: int }], ["products", "id", { id: int, area_id: int }]]),
      want: ["products.area_id → units"],
    },
    {
      name: "<stem>_code refers to the target's code",
      given: spec([["plans", "code", { code: str }], ["subscriptions", "id", { id: str, plan_code: str }]]),
      want: ["subscriptions.plan_code → plans"],
    },
    {
      name: "a prefix naming a non-key unique field records the target field",
      given: spec([["customers", "external_customer_id", { external_id: str, lago_id: uuid }], [
        "invoices",
        "id",
        { id: str, lago_customer_id: uuid },
      ]]),
      want: ["invoices.lago_customer_id → customers.lago_id"],
    },
    {
      name: "a compound key to a target whose key is not id",
      given: spec([["events", "transaction_id", { transaction_id: str }], ["fees", "id", {
        id: str,
        event_transaction_id: str,
      }]]),
      want: ["fees.event_transaction_id → events"], // events.transaction_id is the key: no target field needed
    },
    {
      name: "the stem as the last word of an entity's name",
      given: spec([["document_blocks", "id", { id: int }], ["documents", "id", { id: int, block_id: int }]]),
      want: ["documents.block_id → document_blocks"],
    },
    {
      name: "an entity's own <singular>_id is an alias, and ids at another system are no self-reference",
      given: spec([["payments", "id", {
        id: str,
        payment_id: str,
        external_payment_id: str,
        provider_payment_id: str,
      }]]),
      want: [],
    },
    {
      name: "parent_id is the entity's own parent",
      given: spec([["companies", "id", { id: str, parent_id: str }]]),
      want: ["companies.parent_id → companies"],
    },
    {
      name: "owner_id links to the entity its description names, else to users",
      given: spec([["users", "id", { id: str }], ["teams", "id", { id: str }], ["notes", "id", {
        id: str,
        owner_id: { type: "string", description: "The team that owns the note" },
        creator_id: str,
      }]]),
      want: ["notes.owner_id → teams", "notes.creator_id → users"],
    },
    {
      name: "owner_id with no people entity stays unlinked",
      given: spec([["notes", "id", { id: str, owner_id: str }]]),
      want: [],
    },
    {
      name: "a number cannot hold a uuid key",
      given: spec([["customers", "id", { id: uuid }], ["orders", "id", { id: int, customer_id: int }]]),
      want: [],
    },
    {
      name: "a string may hold an integer key",
      given: spec([["games", "id", { id: int }], ["reviews", "id", { id: int, game_id: str }]]),
      want: ["reviews.game_id → games"],
    },
    {
      name: "a $ref to a component named like a key is a typed reference",
      given: spec([["members", "member_id", { id: str }], ["events", "id", {
        id: str,
        from: { $ref: "#/components/schemas/member_id" },
      }]], { member_id: { type: "string" } }),
      want: ["events.from → members"],
    },
    {
      name: "a one-word key parameter or entity name says nothing about other entities' fields",
      given: spec([["tags", "name", { name: str }], ["statuses", "code", { code: str }], ["posts", "id", {
        id: str,
        name: str,
        code: str,
        status: str,
      }]]),
      want: [],
    },
    {
      name: "a field named as an entity whose key is a natural one",
      given: spec([["event_types", "event_type_name", { name: str }], ["messages", "id", { id: str, eventType: str }]]),
      want: ["messages.eventType → event_types"],
    },
  ];
  for (const { name, given, want } of cases) assert.deepEqual(links(given), want, name);
});

Deno.test("foreign keys: x-relationship on the create schema's field counts", () => {
  const doc = spec([["people", "id", { id: str }], ["tickets", "id", { id: str, assignee: str }]]);
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  paths["/tickets"].post = {
    requestBody: {
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: { assignee: { type: "string", "x-relationship": { entity: "people", type: "belongsTo" } } },
          },
        },
      },
    },
    responses: { "201": json({ $ref: "#/components/schemas/Tickets" }) },
  };
  assert.deepEqual(links(doc), ["tickets.assignee → people"]);
});

Deno.test("foreign keys: a relation to a non-key field joins on that field in the generated include", async () => {
  const { generate } = await import("../generate.ts");
  const doc = spec([["plans", "id", { id: str, code: str }], ["subscriptions", "id", { id: str, plan_code: str }]]);
  const { files } = generate(doc);
  const subscriptions = Object.entries(files).find(([path]) => path === "entities/subscriptions.ts")?.[1] ?? "";
  const plans = Object.entries(files).find(([path]) => path === "entities/plans.ts")?.[1] ?? "";
  // belongsTo on subscriptions: related plans rows matched by their `code`, not their `id`
  assert.match(subscriptions, /foreignKey: "plan_code",\s*key: "code",/);
  // hasMany on plans: subscriptions rows whose plan_code equals this plan's `code`
  assert.match(plans, /foreignKey: "plan_code",\s*key: "code",/);
});

Deno.test("foreign keys: a field only on the list's rows (the get answers less) is read too", () => {
  const doc = spec([["users", "id", { id: str }]]);
  const paths = doc.paths as Record<string, unknown>;
  const schemas = doc.components.schemas as Record<string, unknown>;
  schemas.Member = { type: "object", properties: { id: str, href: str } };
  paths["/members"] = {
    get: { responses: { "200": json({ type: "array", items: { type: "object", properties: { user_id: str } } }) } },
  };
  paths["/members/{member_id}"] = {
    parameters: [{ name: "member_id", in: "path", required: true, schema: str }],
    get: { responses: { "200": json({ $ref: "#/components/schemas/Member" }) } },
  };
  assert.deepEqual(links(doc), ["members.user_id → users"]);
});
