/**
 * Given/want tables for the model's heuristics (CRUD slots from place and method, CRUD verbs from operation ids),
 * and the entity grouping on made-up specs.
 */
import assert from "node:assert/strict";
import { loadSpec } from "../spec/load.ts";
import { RefResolver } from "../spec/resolve.ts";
import { generate } from "../generate.ts";
import { buildModel } from "./build.ts";
import type { EntityModel } from "./types.ts";
import { slotOf, verbOf } from "./entities.ts";
import { pathSegments, type RawOperation } from "./paths.ts";

Deno.test("slotOf: the CRUD slot of a method on a collection or an item path", () => {
  const table: [RawOperation["shape"], RawOperation["method"], string | undefined][] = [
    ["collection", "get", "list"],
    ["collection", "post", "create"],
    ["collection", "put", undefined],
    ["collection", "delete", undefined],
    ["item", "get", "get"],
    ["item", "put", "update"],
    ["item", "patch", "update"],
    ["item", "delete", "delete"],
    ["item", "post", undefined],
    ["action", "post", undefined],
  ];
  for (const [shape, method, want] of table) {
    assert.equal(slotOf({ shape, method, actionSegments: [], segments: [] }), want, `${method} ${shape}`);
  }
});

Deno.test("slotOf: an action named by a CRUD verb fills the slot; a config mapping wins over place and method", () => {
  const table: [string, RawOperation["method"], string | undefined][] = [
    ["/voices/add", "post", "create"],
    ["/voices/{id}/edit", "post", "update"],
    ["/notes/{id}/delete", "post", "delete"],
    ["/product/list", "get", "list"],
    ["/voices/{id}/add", "post", undefined],
    ["/voices/edit", "post", undefined],
    ["/voices/{id}/cancel", "post", undefined],
  ];
  for (const [path, method, want] of table) {
    const segments = pathSegments(path);
    const last = segments[segments.length - 1];
    const actionSegments = "literal" in last ? [last.literal] : [];
    assert.equal(slotOf({ shape: "action", method, actionSegments, segments }), want, `${method} ${path}`);
  }
  const archive = { shape: "action" as const, method: "post" as const, actionSegments: ["archive"], segments: [] };
  assert.equal(slotOf(archive), undefined);
  assert.equal(slotOf({ ...archive, configSlot: "delete" }), "delete");
});

Deno.test("verbOf: the CRUD verb an operation id starts with", () => {
  const table: [string | undefined, string | undefined][] = [
    ["listOrders", "list"],
    ["get_order", "get"],
    ["retrieveOrder", "get"],
    ["fetchOrder", "get"],
    ["createOrder", "create"],
    ["addItem", "create"],
    ["update_order", "update"],
    ["patchOrder", "update"],
    ["editOrder", "update"],
    ["deleteOrder", "delete"],
    ["cancelOrder", undefined],
    ["orders", undefined],
    [undefined, undefined],
  ];
  for (const [cleanId, want] of table) assert.equal(verbOf({ cleanId }), want, String(cleanId));
});

function modelOf(doc: object): EntityModel {
  const loaded = loadSpec(doc);
  const refs = new RefResolver(loaded.document);
  const source = { resolve: (node: unknown, pointer: string) => refs.resolve(node, pointer), warn: () => {} };
  return buildModel(loaded.document, source, { syncMode: "optimistic" }).model;
}

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const ok = (schema: unknown) => ({ responses: { "200": json(schema) } });
const list = (schema: unknown) => ({ get: ok(schema) });
const param = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const doc = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) => ({
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  paths,
  components: { schemas },
});
const Invoice = { type: "object", properties: { id: { type: "string" }, total: { type: "number" } } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `entity: slot=METHOD path, …` for every entity. */
function slots(model: EntityModel): string[] {
  return model.entities.map((e) =>
    `${e.name}(${e.primaryKey.name}): ` +
    Object.entries(e.operations).map(([k, o]) => `${k}=${o!.method.toUpperCase()} ${o!.path}`).join(", ")
  );
}

Deno.test("entities: each pattern of a real spec gives the entity and its slots", () => {
  const cases: { name: string; given: object; want: string[] }[] = [
    {
      name: "a HAL list ({ _embedded: { legs: [...] } }) is the list",
      given: doc({
        "/legs": list({
          type: "object",
          properties: { _embedded: { type: "object", properties: { legs: { type: "array", items: ref("Leg") } } } },
        }),
        "/legs/{leg_id}": { parameters: [param("leg_id")], get: ok(ref("Leg")) },
      }, { Leg: { type: "object", properties: { uuid: { type: "string" }, status: { type: "string" } } } }),
      want: ["legs(uuid): list=GET /legs, get=GET /legs/{leg_id}"],
    },
    {
      name: "the flat list wins over a scoped twin, whichever comes first",
      given: doc({
        "/customers/{id}/invoices": { parameters: [param("id")], get: ok({ type: "array", items: ref("Invoice") }) },
        "/invoices": { get: ok({ type: "array", items: ref("Invoice") }) },
        "/invoices/{id}": { parameters: [param("id")], get: ok(ref("Invoice")) },
      }, { Invoice }),
      want: ["invoices(id): list=GET /invoices, get=GET /invoices/{id}"],
    },
    {
      name: "a wrapped item GET whose item has no id field is the get",
      given: doc({
        "/add_ons": {
          get: ok({
            type: "object",
            properties: {
              add_ons: { type: "array", items: { type: "object", properties: { code: { type: "string" } } } },
            },
          }),
        },
        "/add_ons/{code}": {
          parameters: [param("code")],
          get: ok({
            type: "object",
            properties: {
              add_on: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } },
            },
          }),
        },
      }),
      want: ["add_ons(code): list=GET /add_ons, get=GET /add_ons/{code}"],
    },
    {
      name: "an item GET with an untyped answer is still the get",
      given: doc({
        "/pages": { get: ok({ type: "array", items: ref("Page") }) },
        "/pages/{id}": { parameters: [param("id")], get: ok({ type: "object", example: { id: 1 } }) },
      }, { Page: { type: "object", properties: { id: { type: "integer" } } } }),
      want: ["pages(id): list=GET /pages, get=GET /pages/{id}"],
    },
    {
      name: "an item GET with no body at all (a download) is no get",
      given: doc({
        "/files": { get: ok({ type: "array", items: ref("File") }) },
        "/files/{id}": {
          parameters: [param("id")],
          get: { operationId: "download_file", responses: { "200": { description: "ok" } } },
          delete: { responses: { "204": { description: "gone" } } },
        },
      }, { File: { type: "object", properties: { id: { type: "string" } } } }),
      want: ["files(id): list=GET /files, delete=DELETE /files/{id}"],
    },
    {
      name: "answers documented by example only give the item, its key and fields",
      given: doc({
        "/comments": {
          get: {
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { example: [{ id_code: "x1", body: "hi" }] } },
              },
            },
          },
        },
        "/comments/{id}": {
          parameters: [param("id")],
          get: {
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { type: "object" }, example: { id_code: "x1", body: "hi" } } },
              },
            },
          },
        },
      }),
      want: ["comments(id_code): list=GET /comments, get=GET /comments/{id}"],
    },
    {
      name: "an item route ending in two parameters, and a literal list segment",
      given: doc({
        "/product/list/{area_id}": {
          parameters: [param("area_id")],
          get: ok({ type: "array", items: ref("Product") }),
        },
        "/product/{product_id}": { parameters: [param("product_id")], get: ok(ref("Product")) },
        "/unit/employee/{area_id}/{employee_id}": {
          parameters: [param("area_id"), param("employee_id")],
          get: ok(ref("Employee")),
          delete: { responses: { "204": { description: "gone" } } },
        },
      }, {
        Product: { type: "object", properties: { product_id: { type: "string" } } },
        Employee: { type: "object", properties: { employee_id: { type: "string" }, area_id: { type: "string" } } },
      }),
      want: [
        "products(product_id): list=GET /product/list/{area_id}, get=GET /product/{product_id}",
        "employees(employee_id): get=GET /unit/employee/{area_id}/{employee_id}, " +
        "delete=DELETE /unit/employee/{area_id}/{employee_id}",
      ],
    },
    {
      name: "a one-property envelope holds the item; an action answering another entity is no resource",
      given: doc({
        "/newsletter_settings": { get: ok({ type: "array", items: ref("Setting") }) },
        "/newsletter_settings/{id}": {
          parameters: [param("id")],
          get: ok({ type: "object", properties: { newsletter_setting: ref("Setting") } }),
        },
        "/newsletter_settings/{id}/duplicates": { parameters: [param("id")], post: ok(ref("Setting")) },
      }, { Setting: { type: "object", properties: { _id: { type: "string" } } } }),
      want: ["newsletter_settings(_id): list=GET /newsletter_settings, get=GET /newsletter_settings/{id}"],
    },
    {
      name: "same-named sub-resources of other rows under two parents are not merged",
      given: doc({
        "/accounts/{account_id}/notes": {
          parameters: [param("account_id")],
          get: ok({ type: "array", items: ref("AccountNote") }),
        },
        "/contacts/{contact_id}/notes": {
          parameters: [param("contact_id")],
          get: ok({ type: "array", items: ref("ContactNote") }),
        },
      }, {
        AccountNote: { type: "object", properties: { id: { type: "string" }, account_id: { type: "string" } } },
        ContactNote: { type: "object", properties: { id: { type: "string" }, contact_id: { type: "string" } } },
      }),
      want: [
        "notes(id): list=GET /accounts/{account_id}/notes",
        "contact_notes(id): list=GET /contacts/{contact_id}/notes",
      ],
    },
    {
      name: "a Rails .json route and a version segment after the resource",
      given: doc({
        "/script_tags.json": { get: ok({ type: "array", items: ref("ScriptTag") }) },
        "/script_tags/v2/{scriptTagId}.json": { parameters: [param("scriptTagId")], get: ok(ref("ScriptTag")) },
      }, { ScriptTag: { type: "object", properties: { id: { type: "integer" } } } }),
      want: ["script_tags(id): list=GET /script_tags.json, get=GET /script_tags/v2/{scriptTagId}.json"],
    },
    {
      name: "a tag that differs from the path word keeps list and create with the item routes",
      given: doc({
        "/app": {
          get: { tags: ["Application"], ...ok({ type: "array", items: ref("App") }) },
          post: { tags: ["Application"], ...ok(ref("App")) },
        },
        "/app/{app_id}": { parameters: [param("app_id")], get: { tags: ["Application"], ...ok(ref("App")) } },
      }, { App: { type: "object", properties: { id: { type: "string" } } } }),
      want: ["apps(id): list=GET /app, get=GET /app/{app_id}, create=POST /app"],
    },
    {
      name: "a list-only view of another entity's rows and a get-only lookup under a singular word are no entities",
      given: doc({
        "/articles": { get: ok({ type: "array", items: ref("Article") }) },
        "/articles/{id}": { parameters: [param("id")], get: ok(ref("Article")) },
        "/readinglist": { get: ok({ type: "array", items: ref("Article") }) },
        "/import/status/{importUuid}": { parameters: [param("importUuid")], get: ok(ref("Article")) },
      }, { Article: { type: "object", properties: { id: { type: "string" } } } }),
      want: ["articles(id): list=GET /articles, get=GET /articles/{id}"],
    },
    {
      name: "actions named by a CRUD verb fill the slot when no plain route does",
      given: doc({
        "/voices": { get: ok({ type: "array", items: ref("Voice") }) },
        "/voices/add": { post: ok(ref("Voice")) },
        "/voices/{voice_id}": { parameters: [param("voice_id")], get: ok(ref("Voice")) },
        "/voices/{voice_id}/edit": { parameters: [param("voice_id")], post: ok(ref("Voice")) },
        "/voices/{voice_id}/delete": { parameters: [param("voice_id")], post: ok(ref("Voice")) },
      }, { Voice: { type: "object", properties: { voice_id: { type: "string" } } } }),
      want: [
        "voices(voice_id): list=GET /voices, get=GET /voices/{voice_id}, create=POST /voices/add, " +
        "update=POST /voices/{voice_id}/edit, delete=POST /voices/{voice_id}/delete",
      ],
    },
    {
      name: "a same-named scoped list of other rows is its own resource, named after its parent",
      given: doc({
        "/games": { get: ok({ type: "array", items: ref("Game") }) },
        "/games/{id}": { parameters: [param("id")], get: ok(ref("Game")) },
        "/stores": { get: ok({ type: "array", items: ref("Store") }) },
        "/stores/{id}": { parameters: [param("id")], get: ok(ref("Store")) },
        "/games/{game_pk}/stores": {
          parameters: [param("game_pk")],
          get: ok({ type: "object", properties: { results: { type: "array", items: ref("GameStore") } } }),
        },
      }, {
        Game: { type: "object", properties: { id: { type: "integer" } } },
        Store: { type: "object", properties: { id: { type: "integer" } } },
        GameStore: {
          type: "object",
          properties: { id: { type: "integer" }, game_id: { type: "integer" }, store_id: { type: "integer" } },
        },
      }),
      want: [
        "games(id): list=GET /games, get=GET /games/{id}",
        "stores(id): list=GET /stores, get=GET /stores/{id}",
        "game_stores(id): list=GET /games/{game_pk}/stores",
      ],
    },
  ];
  for (const { name, given, want } of cases) assert.deepEqual(slots(modelOf(given)), want, name);
});

Deno.test("entities: a HAL list's generated client reads the array under _embedded", () => {
  const { files } = generate(doc({
    "/legs": list({
      type: "object",
      properties: { _embedded: { type: "object", properties: { legs: { type: "array", items: ref("Leg") } } } },
    }),
    "/legs/{id}": { parameters: [param("id")], get: ok(ref("Leg")) },
  }, { Leg: { type: "object", properties: { id: { type: "string" } } } }));
  const client = Object.entries(files).filter(([p]) => p.startsWith("client/")).map(([, t]) => t).join("\n");
  assert.match(client, /at: \["_embedded", "legs"\]/);
});

Deno.test("entities: custom operations whose first name is taken or reserved get words that tell them apart", () => {
  const model = modelOf(doc({
    "/invoices": { get: ok({ type: "array", items: ref("Invoice") }) },
    "/invoices/{id}": { parameters: [param("id")], get: ok(ref("Invoice")) },
    "/customers/{customer_id}/invoices": {
      parameters: [param("customer_id")],
      get: ok({ type: "array", items: ref("Invoice") }),
    },
    "/legacy/invoices/{id}": { parameters: [param("id")], get: ok(ref("Invoice")) },
    "/invoices/{id}/void": { parameters: [param("id")], post: ok(ref("Invoice")) },
  }, { Invoice }));
  const names = model.entities[0].customOperations.map((o) => `${o.name} ${o.method.toUpperCase()} ${o.path}`);
  assert.deepEqual(names, [
    "getByCustomer GET /customers/{customer_id}/invoices",
    "getLegacy GET /legacy/invoices/{id}",
    "voidInvoice POST /invoices/{id}/void",
  ]);
});

Deno.test("entities: resources that only differ in spelling are merged with a warning", () => {
  const loaded = loadSpec(doc({
    "/user-ids": { get: ok({ type: "array", items: ref("U") }) },
    "/user_ids/{id}": { parameters: [param("id")], get: ok(ref("U")) },
  }, { U: { type: "object", properties: { id: { type: "string" } } } }));
  const refs = new RefResolver(loaded.document);
  const warnings: string[] = [];
  const source = {
    resolve: (node: unknown, pointer: string) => refs.resolve(node, pointer),
    warn: (code: string, message: string, pointer: string) => warnings.push(`${code} ${pointer}: ${message}`),
  };
  const { model } = buildModel(loaded.document, source, { syncMode: "optimistic" });
  assert.deepEqual(model.entities.map((e) => e.name), ["user_ids"]);
  assert.deepEqual(warnings, [
    'model/merged-resources /paths/~1user_ids~1{id}: Paths spelled "user-ids" and "user_ids" both read as resource ' +
    '"user_ids" and were merged into one entity (the config file can map or exclude them)',
  ]);
});
