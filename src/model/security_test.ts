import assert from "node:assert/strict";
import { generate } from "../generate.ts";

const ok = { "200": { description: "ok" } };

Deno.test("security: the operation's, else the path item's, else the document's; [] and undeclared send none", () => {
  const { model, diagnostics } = generate({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    security: [{ key: [] }, { nope: [] }],
    paths: {
      "/a": { get: { operationId: "a", responses: ok } },
      "/b": { get: { operationId: "b", security: [], responses: ok } },
      "/c": { security: [{ basic: [] }], get: { operationId: "c", responses: ok } },
      "/d": { get: { operationId: "d", security: [{ bearer: [], cookie: [] }, {}], responses: ok } },
      "/e": { get: { operationId: "e", responses: ok } },
    },
    components: {
      securitySchemes: {
        key: { type: "apiKey", in: "query", name: "k" },
        basic: { type: "http", scheme: "Basic" },
        bearer: { type: "oauth2", flows: {} },
        cookie: { type: "apiKey", in: "cookie", name: "sid" },
        digest: { type: "http", scheme: "digest" },
      },
    },
  });
  const byId = Object.fromEntries(model.operations.map((op) => [op.id, op.security]));
  assert.deepEqual(byId, {
    a: [[{ scheme: "key", type: "apiKey", in: "query", name: "k" }]],
    b: [],
    c: [[{ scheme: "basic", type: "basic" }]],
    d: [[{ scheme: "bearer", type: "bearer" }, { scheme: "cookie", type: "apiKey", in: "cookie", name: "sid" }], []],
    e: [[{ scheme: "key", type: "apiKey", in: "query", name: "k" }]],
  });
  // the document's unusable requirement is reported once, not once per operation that inherits it
  assert.deepEqual(
    diagnostics.filter((d) => d.code === "model/unknown-security-scheme").map((d) => d.pointer),
    ["/security/1"],
  );
});

Deno.test("security: a spec that declares none keeps today's behaviour (no security on the operations)", () => {
  const { model } = generate({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: { "/a": { get: { operationId: "a", responses: ok } } },
  });
  assert.equal(model.operations[0].security, undefined);
});
