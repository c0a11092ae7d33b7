/**
 * Issue 9, "lists keep the API's pagination metadata" on the sales example: generates `examples/sales/openapi.yaml`
 * into `tests/.out/sales-paging/generated/`, then runs `app/paging_test.ts` (the client's `listPage` against the
 * example server) in the consumer environment.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../../src/generate.ts";
import { linkConsumerModules, runDeno } from "../consumer/setup.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const SPEC = path("../../examples/sales/openapi.yaml");
const OUT = path("../.out/sales-paging");
const APP = path("./app");

Deno.test("sales paging: a wrapped list's page call keeps the wrapper's total, typed and checked", async () => {
  const result = generate(await Deno.readTextFile(SPEC), { source: "examples/sales/openapi.yaml" });
  await Deno.remove(`${OUT}/generated`, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  for (const [file, text] of Object.entries(result.files)) {
    const target = `${OUT}/generated/${file}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, text);
  }
  await linkConsumerModules(OUT);
  await linkConsumerModules(APP);
  const run = await runDeno("test", ["-A", "paging_test.ts"], APP);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
});
