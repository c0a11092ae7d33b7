/**
 * Output file names are portable: no Windows device name (`con.schema.ts` cannot be created on Windows) and no two
 * paths that differ only in case (they would overwrite each other on macOS and Windows).
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../../mod.ts";
import { isWindowsDeviceName } from "../../src/names/files.ts";
import { linkConsumerModules, runDeno } from "../consumer/setup.ts";
import { parseFailures, stopParser } from "../helpers/parse.ts";
import { writeFiles } from "../helpers/typecheck.ts";
import { crudSpec } from "./crud_spec.ts";

Deno.test("file names: entities named after Windows devices get a suffix, in any case", () => {
  const { files } = generate(crudSpec([
    { path: "con", schema: "Con" },
    { path: "auxes", schema: "AUX" },
    { path: "nuls", schema: "Nul" },
    { path: "com1s", schema: "Com1" },
    { path: "lpt9", schema: "LPT9" },
    { path: "prn", schema: "prn" },
  ]));
  const paths = Object.keys(files);
  const devices = paths.filter((p) => p.split("/").some(isWindowsDeviceName));
  assert.deepEqual(devices, []);
  for (const stem of ["con", "aux", "nul", "com1", "lpt9", "prn"]) {
    assert.ok(paths.includes(`schemas/${stem}_.schema.ts`), `schemas/${stem}_.schema.ts in ${paths.join(", ")}`);
  }
  // the renamed files are still imported under their new names
  assert.match(files["schemas/index.ts"], /"\.\/con_\.schema\.ts"/);
});

Deno.test("file names: names that differ only in case never share a path", () => {
  const { files } = generate(crudSpec([
    { path: "orders", schema: "Order" },
    { path: "Orders", schema: "order" },
    { path: "ORDER_ITEMS", schema: "OrderItem" },
    { path: "orderItems", schema: "ORDERITEM" },
  ]));
  const byFolded = new Map<string, string[]>();
  for (const p of Object.keys(files)) byFolded.set(p.toLowerCase(), [...(byFolded.get(p.toLowerCase()) ?? []), p]);
  assert.deepEqual([...byFolded.values()].filter((ps) => ps.length > 1), []);
});

Deno.test("isWindowsDeviceName: devices with any case and extension, not names that only start like one", () => {
  for (const name of ["con", "CON", "Aux.ts", "nul.schema.ts", "com1", "LPT9.x", "prn"]) {
    assert.ok(isWindowsDeviceName(name), name);
  }
  for (const name of ["console", "con_", "com10", "auxiliary.ts", "null", "lpt"]) {
    assert.ok(!isWindowsDeviceName(name), name);
  }
});

Deno.test("names: a custom operation whose name starts with a digit gets valid type names", async () => {
  const spec = crudSpec([{ path: "orders", schema: "Order" }]);
  const ref = { $ref: "#/components/schemas/Order" };
  (spec.paths as Record<string, unknown>)["/orders/{id}/2fa"] = {
    post: {
      operationId: "2fa",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { description: "ok", content: { "application/json": { schema: ref } } } },
    },
  };
  const { files } = generate(spec);
  try {
    assert.deepEqual(await parseFailures(files), []);
  } finally {
    await stopParser();
  }
  assert.match(files["entities/orders.ts"], /export interface Run2faOrderVariables \{/);
});

Deno.test("names: an operation outside every entity whose name starts with a digit gets a valid schema name", async () => {
  const spec = crudSpec([{ path: "orders", schema: "Order" }]);
  (spec.paths as Record<string, unknown>)["/stats"] = {
    get: {
      operationId: "0a",
      responses: {
        "200": {
          description: "ok",
          content: { "application/json": { schema: { type: "array", items: { type: "string" } } } },
        },
      },
    },
  };
  const { files } = generate(spec);
  try {
    assert.deepEqual(await parseFailures(files), []);
  } finally {
    await stopParser();
  }
  assert.match(files["client/answers.ts"], /export type _0aResponse = Array<string>;/);
  assert.match(files["client/answers.ts"], /export const _0aResponseSchema: z\.ZodType<_0aResponse, _0aResponse> = /);
  assert.match(files["client/api.ts"], /import \{ type _0aResponse, _0aResponseSchema \} from "\.\/answers\.ts";/);
});

Deno.test("file names: very long entity names give short, distinct file names", () => {
  const long = "Prototype".repeat(60);
  const { files } = generate(crudSpec([
    { path: long.toLowerCase(), schema: long },
    { path: `${long.toLowerCase()}x`, schema: `${long}X` },
  ]));
  const names = Object.keys(files).map((p) => p.split("/").pop()!);
  assert.deepEqual(names.filter((n) => new TextEncoder().encode(n).length > 80), []);
  const schemaFiles = Object.keys(files).filter((p) => p.startsWith("schemas/prototype"));
  assert.equal(schemaFiles.length, 2, schemaFiles.join(", "));
});

Deno.test({
  name: "names: a relation named like an Object member (toString) keeps its type under the strict consumer check",
  sanitizeResources: false,
  async fn() {
    const spec = crudSpec([
      { path: "to_strings", schema: "ToString", properties: { toString_id: { type: "string" } } },
      { path: "constructors", schema: "Constructor", properties: { constructor_id: { type: "string" } } },
    ]);
    const out = decodeURIComponent(new URL("../.out/escape_inherited/", import.meta.url).pathname);
    await Deno.remove(out, { recursive: true }).catch(() => {});
    await writeFiles(out, generate(spec).files);
    await linkConsumerModules(out);
    const run = await runDeno("check", ["--quiet", "index.ts", "collections/index.ts"], out);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`.slice(0, 4000));
  },
});
