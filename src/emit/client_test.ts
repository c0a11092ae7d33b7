import assert from "node:assert/strict";
import { oneLine } from "../../tests/helpers/one_line.ts";
import type { EntityModel, Operation } from "../model/types.ts";
import { entity, op, param, s } from "../../tests/helpers/model_builders.ts";
import { HOSTILE_TEXT, salesModel } from "../../tests/fixtures/sales_model.ts";
import { emitClient } from "./client.ts";
import { emitContext } from "./context.ts";

function model(partial: Partial<EntityModel>): EntityModel {
  return { title: "T", version: "1", openapi: "3.1.0", entities: [], schemas: [], operations: [], ...partial };
}

function api(m: EntityModel): string {
  return emitClient(emitContext(m))["client/api.ts"];
}

/** The lines from the one starting with `start` to the next line that is exactly `end`. */
function section(text: string, start: string, end: string): string {
  const lines = text.split("\n");
  const from = lines.findIndex((l) => l.startsWith(start));
  assert.ok(from >= 0, `no line starts with ${start}`);
  const to = lines.indexOf(end, from);
  return lines.slice(from, to + 1).join("\n");
}

/** Equal apart from line breaks (the writer breaks long lines). */
function assertSameCode(actual: string, expected: string): void {
  assert.equal(oneLine(actual), oneLine(expected));
}

Deno.test("emitClient() writes one object of calls per entity", () => {
  const text = api(model({
    entities: [
      entity("widgets", "widget", "Widget", {
        schemas: { item: s.object({ id: [s.int(), true] }) },
        filters: [{ ...param("page-size", "query", s.int()), description: "At most */ this many." }],
        operations: {
          list: op({
            id: "listWidgets",
            name: "list",
            kind: "list",
            method: "get",
            path: "/widgets",
            listWrapper: "data",
          }),
          get: op({
            id: "getWidget",
            name: "get",
            kind: "get",
            method: "get",
            path: "/widgets/{widget_id}",
            pathParams: [param("widget_id", "path", s.int())],
            returnsEntity: true,
            summary: HOSTILE_TEXT,
          }),
        },
      }),
    ],
  }));
  assertSameCode(
    section(text, " * Query parameters of the list operation of Widget.", "}"),
    [
      " * Query parameters of the list operation of Widget.",
      " */",
      "export interface WidgetListParams {",
      "  /**",
      "   * At most *\\/ this many.",
      "   */",
      '  "page-size"?: number | undefined;',
      "}",
    ].join("\n"),
  );
  assertSameCode(
    section(text, "export const widgetsApi = {", "};"),
    [
      "export const widgetsApi = {",
      "  /**",
      "   * GET /widgets",
      "   */",
      "  async list(params?: WidgetListParams, options?: CallOptions): Promise<schemas.Widget[]> {",
      "    return await request<schemas.Widget[]>({",
      '      operation: "listWidgets",',
      '      method: "GET",',
      '      path: "/widgets",',
      "      query: params,",
      "      answer: schemas.WidgetSchema.array(),",
      '      at: ["data"],',
      "      options,",
      "    });",
      "  },",
      "  /**",
      "   * GET /widgets",
      "   */",
      "  async listPage(",
      "    params?: WidgetListParams,",
      "    options?: CallOptions,",
      "  ): Promise<ListPage<schemas.Widget, Record<string, unknown>>> {",
      "    return await requestPage<schemas.Widget, Record<string, unknown>>({",
      '      operation: "listWidgets",',
      '      method: "GET",',
      '      path: "/widgets",',
      "      query: params,",
      "      answer: schemas.WidgetSchema.array(),",
      '      at: ["data"],',
      "      options,",
      "    });",
      "  },",
      "  /**",
      "   * Ends *\\/ here `code` ${x} line",
      "   * sep \"quoted\" 'single'",
      "   * \\@evil tag",
      "   *",
      "   * GET /widgets/{widget_id}",
      "   */",
      "  async get(widgetId: number, options?: CallOptions): Promise<schemas.Widget> {",
      "    return await request<schemas.Widget>({",
      '      operation: "getWidget",',
      '      method: "GET",',
      '      path: "/widgets/{widget_id}",',
      "      pathParams: { widget_id: widgetId },",
      "      answer: schemas.WidgetSchema,",
      "      options,",
      "    });",
      "  },",
      "};",
    ].join("\n"),
  );
  assert.ok(oneLine(text).includes(oneLine('import * as schemas from "../schemas/index.ts";')));
  assert.ok(!oneLine(text).includes(oneLine('from "zod"')));
  assert.ok(text.includes('from "./core.ts";') && text.includes("request") && !text.includes("field("));
});

Deno.test("emitClient() orders arguments: path params, body, query params, options", () => {
  const cancel: Operation = op({
    id: 'cancel"Order',
    name: "cancel",
    kind: "custom",
    method: "post",
    path: "/orders/{order_id}/lines/{line}/cancel",
    pathParams: [
      param("line", "path", s.int()),
      param("order_id", "path", s.uuid()),
      param("ghost", "path", s.string()),
    ],
    queryParams: [param("why", "query", s.string(), true)],
    requestBody: { schema: s.object({ note: [s.string()] }), required: false, contentType: "application/json" },
    response: { schema: s.object({ ok: [s.boolean(), true] }), status: "200", contentType: "application/json" },
  });
  const files = emitClient(emitContext(model({ operations: [cancel] })));
  const text = files["client/api.ts"];
  // the answer's schema and type are declared in client/answers.ts (its Zod expression is not inferred)
  assert.ok(
    oneLine(text).includes(oneLine('import { type CancelResponse, CancelResponseSchema } from "./answers.ts";')),
  );
  assert.ok(
    files["client/answers.ts"].includes("export type CancelResponse = { ok: boolean };") &&
      files["client/answers.ts"].includes(
        "export const CancelResponseSchema: z.ZodType<CancelResponse, CancelResponse> = z",
      ),
    files["client/answers.ts"],
  );
  assertSameCode(
    section(text, "export async function cancel(", "}"),
    [
      "export async function cancel(orderId: string, line: number, body: { note?: string | undefined } | undefined, " +
      "params: { why: string }, options?: CallOptions): Promise<CancelResponse> {",
      "  return await request<CancelResponse>({",
      "    operation: 'cancel\"Order',",
      '    method: "POST",',
      '    path: "/orders/{order_id}/lines/{line}/cancel",',
      "    pathParams: { order_id: orderId, line },",
      "    query: params,",
      "    body,",
      "    answer: CancelResponseSchema,",
      "    options,",
      "  });",
      "}",
    ].join("\n"),
  );
  assert.ok(files["client/answers.ts"].includes(' * The answer of cancel"Order.\n */\n'));
  assert.ok(!oneLine(text).includes(oneLine('import { z } from "zod";')));
  assert.ok(!oneLine(text).includes(oneLine("import * as schemas")));
  assert.ok(!files["client/answers.ts"].includes("import * as schemas"));
});

Deno.test("emitClient() keeps spec names off the client's own names and globals", () => {
  const text = api(model({
    operations: [
      op({
        id: "a",
        name: "request",
        kind: "custom",
        method: "get",
        path: "/a/{request}/{data}",
        pathParams: [param("request", "path", s.string()), param("data", "path", s.string())],
      }),
      op({ id: "b", name: "fetch", kind: "custom", method: "get", path: "/b" }),
      op({ id: "c", name: "delete", kind: "custom", method: "delete", path: "/c" }),
    ],
  }));
  assert.ok(
    oneLine(text).includes(
      oneLine("export async function request2(request3: string, data2: string, options?: CallOptions)"),
    ),
  );
  assert.ok(oneLine(text).includes(oneLine("export async function fetch_(options?: CallOptions): Promise<unknown> {")));
  assert.ok(
    oneLine(text).includes(oneLine("export async function delete_(options?: CallOptions): Promise<unknown> {")),
  );
  assert.ok(/import \{[^}]*\brequest\b[^}]*\} from "\.\/core\.ts";/.test(text), "request() comes from core.ts");
});

Deno.test("emitClient() sends non-JSON bodies as they are", () => {
  const body = (contentType: string) =>
    op({
      id: contentType,
      name: "send",
      kind: "custom",
      method: "post",
      path: "/x",
      requestBody: { schema: s.unknown(), required: true, contentType },
    });
  const sig = (contentType: string) => {
    const text = api(model({ operations: [body(contentType)] }));
    return oneLine(section(text, "export async function send(", "}"));
  };
  const form = sig("multipart/form-data");
  assert.ok(form.startsWith("export async function send(body: FormData, options?: CallOptions): Promise<unknown> {"));
  assert.ok(form.includes('body, bodyType: "raw",'), form);
  assert.ok(sig("application/x-www-form-urlencoded").startsWith("export async function send(body: URLSearchParams,"));
  assert.ok(oneLine(sig("text/plain")).includes(oneLine('bodyType: "raw",')));
  assert.ok(oneLine(api(model({ operations: [body("text/plain")] }))).includes(oneLine('contentType: "text/plain",')));
  assert.ok(
    api(model({ operations: [body("application/merge-patch+json")] }))
      .includes('contentType: "application/merge-patch+json",'),
  );
});

Deno.test("emitClient() leaves out helpers nothing uses", () => {
  const empty = api(model({}));
  assert.ok(!oneLine(empty).includes(oneLine("import ")), "no operation: nothing from core.ts, no zod, no schemas");
  const files = emitClient(emitContext(model({})));
  assert.ok(oneLine(files["client/core.ts"]).includes(oneLine("export class ApiError extends Error {")));
  assert.ok(
    oneLine(files["client/index.ts"]).includes("ApiError,") &&
      !oneLine(files["client/index.ts"]).includes(oneLine("request")),
  );
});

Deno.test("emitClient() parses answers by what they are", () => {
  const text = api(salesModel);
  assert.ok(
    oneLine(text).includes(
      oneLine("async lines(orderId: string, options?: CallOptions): Promise<schemas.OrderLine[]> {"),
    ),
  );
  assert.ok(oneLine(text).includes(oneLine("answer: schemas.OrderLineSchema.array(),")));
  assert.ok(oneLine(text).includes(oneLine("async delete(orderId: string, options?: CallOptions): Promise<void> {")));
  assert.ok(
    oneLine(text).includes(
      oneLine("async create(body: schemas.OrderCreate, options?: CallOptions): Promise<schemas.Order> {"),
    ),
  );
  assert.ok(
    oneLine(text).includes(
      oneLine("export async function evaluate(body: schemas.Expr, options?: CallOptions): Promise<schemas.Json> {"),
    ),
  );
  assert.ok(oneLine(text).includes(oneLine("   * @param orderId The order to cancel.")));
  assert.ok(oneLine(text).includes(oneLine("   * @deprecated")));
  assert.deepEqual(emitClient(emitContext(salesModel)), emitClient(emitContext(salesModel)));
});

Deno.test("emitClient() unwraps an entity its operation answers inside an envelope", async () => {
  const { generate } = await import("../generate.ts");
  const account = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } };
  const envelope = { type: "object", properties: { account: { $ref: "#/components/schemas/Account" }, notes: {} } };
  const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
  const { files, model: m } = generate({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/accounts": { post: { responses: { "201": json({ $ref: "#/components/schemas/Account" }) } } },
      "/accounts/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { responses: { "200": json({ $ref: "#/components/schemas/Full" }) } },
      },
    },
    components: { schemas: { Account: account, Full: envelope } },
  });
  assert.equal(m.entities[0].operations.get?.responseItemProperty, "account");
  const get = section(files["client/api.ts"], "  async get(", "  },");
  assert.ok(oneLine(get).includes(oneLine("Promise<schemas.Account>")), get);
  assert.ok(oneLine(get).includes(oneLine('answer: schemas.AccountSchema, at: ["account"],')), get);
});

Deno.test("emitClient() gives a wrapped list a page call typed and checked by the wrapper's schema", async () => {
  const { generate } = await import("../generate.ts");
  const account = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } };
  const page = {
    type: "object",
    required: ["data"],
    properties: {
      data: { type: "array", items: { $ref: "#/components/schemas/Account" } },
      next_cursor: { type: "string", nullable: true },
    },
  };
  const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
  const { files, model: m } = generate({
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths: {
      "/accounts": { get: { responses: { "200": json({ $ref: "#/components/schemas/AccountPage" }) } } },
      "/accounts/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { responses: { "200": json({ $ref: "#/components/schemas/Account" }) } },
      },
    },
    components: { schemas: { Account: account, AccountPage: page } },
  });
  assert.equal(m.entities[0].operations.list?.listWrapper, "data");
  const listPage = oneLine(section(files["client/api.ts"], "  async listPage(", "  },"));
  assert.ok(
    listPage.includes(oneLine('Promise<ListPage<schemas.Account, Omit<schemas.AccountPage, "data">>>')),
    listPage,
  );
  assert.ok(listPage.includes(oneLine("wrapper: schemas.AccountPageSchema,")), listPage);
  assert.ok(
    oneLine(files["client/api.ts"].split("export const")[0]!).includes("requestPage") &&
      oneLine(files["client/api.ts"].split("export const")[0]!).includes("ListPage"),
    files["client/api.ts"],
  );
});
