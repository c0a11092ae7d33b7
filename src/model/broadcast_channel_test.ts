import assert from "node:assert/strict";
import type { Diagnostic } from "../spec/diagnostics.ts";
import { loadSpec } from "../spec/load.ts";
import { RefResolver } from "../spec/resolve.ts";
import { buildModel } from "./build.ts";
import { generate } from "../generate.ts";

function build(doc: object): { channels: Record<string, string | undefined>; warnings: Diagnostic[] } {
  const loaded = loadSpec(doc);
  const refs = new RefResolver(loaded.document);
  const warnings: Diagnostic[] = [];
  const source = {
    resolve: (node: unknown, pointer: string) => refs.resolve(node, pointer),
    warn: (code: string, message: string, pointer: string) =>
      warnings.push({ code, severity: "warning", message, pointer }),
  };
  const { model } = buildModel(loaded.document, source, { syncMode: "optimistic" });
  return { channels: Object.fromEntries(model.entities.map((e) => [e.name, e.channel])), warnings };
}

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const item = (extra: Record<string, unknown> = {}) => ({
  type: "object",
  required: ["id"],
  properties: { id: { type: "string" }, name: { type: "string" } },
  ...extra,
});

/** list + get of `base`, with extensions on the list operation, the item path item and the schema. */
function spec(given: { op?: unknown; pathItem?: unknown; schema?: unknown }) {
  const ext = (value: unknown) => (value === undefined ? {} : { "x-broadcast-channel": value });
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/orders": { get: { responses: { "200": json({ type: "array", items: ref("Order") }) }, ...ext(given.op) } },
      "/orders/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { responses: { "200": json(ref("Order")) } },
        ...ext(given.pathItem),
      },
      "/tags": { get: { responses: { "200": json({ type: "array", items: ref("Tag") }) } } },
    },
    components: { schemas: { Order: item(ext(given.schema)), Tag: item() } },
  };
}

Deno.test("x-broadcast-channel: given where it is declared, want the entity's channel", () => {
  const cases: [given: Parameters<typeof spec>[0], want: string | undefined][] = [
    [{}, undefined], // the singular, as before
    [{ schema: "sales.order" }, "sales.order"],
    [{ pathItem: "orders-v2" }, "orders-v2"],
    [{ op: "from-op", pathItem: "from-path", schema: "from-schema" }, "from-op"],
    [{ pathItem: "from-path", schema: "from-schema" }, "from-path"],
  ];
  for (const [given, want] of cases) {
    const { channels, warnings } = build(spec(given));
    assert.equal(channels.orders, want, JSON.stringify(given));
    assert.equal(channels.tags, undefined, "other entities keep their singular");
    assert.deepEqual(warnings.filter((w) => w.code === "model/invalid-broadcast-channel"), []);
  }
});

Deno.test("x-broadcast-channel: an invalid value is warned about at its place and skipped", () => {
  for (const bad of ["", "two words", 42, "a\u202eb", "x".repeat(129)]) {
    const { channels, warnings } = build(spec({ op: bad, schema: "fallback" }));
    assert.equal(channels.orders, "fallback", JSON.stringify(bad));
    const warning = warnings.find((w) => w.code === "model/invalid-broadcast-channel");
    assert.equal(warning?.pointer, "/paths/~1orders/get/x-broadcast-channel");
    assert.ok(!/[\u202e]/.test(warning!.message), "no format characters in the message");
  }
});

Deno.test("x-broadcast-channel: the generated hooks listen on it, as a string literal", () => {
  const doc = spec({ schema: 'sales."order"' });
  const { files } = generate(JSON.stringify(doc), { source: "t.json" });
  assert.match(files["entities/orders.ts"]!, /channel: 'sales\."order"',/);
  assert.match(files["entities/tags.ts"]!, /channel: "tag",/);
});
