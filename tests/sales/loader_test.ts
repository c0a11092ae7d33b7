/**
 * Issue 9's defects 2–5 on the sales example: generates `examples/sales/openapi.yaml` into
 * `tests/.out/sales-loader/generated/`, then runs `app/loader_test.tsx` (hooks under happy-dom against the example
 * server, requests counted by the server) in the consumer environment.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../../src/generate.ts";
import { linkConsumerModules, runDeno } from "../consumer/setup.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const SPEC = path("../../examples/sales/openapi.yaml");
const OUT = path("../.out/sales-loader");
const APP = path("./app");

Deno.test("sales loader: sorted pages, hasMany includes, limit without orderBy, belongsTo includes never undefined", async () => {
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
  const run = await runDeno("test", ["-A", "loader_test.tsx"], APP);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  for (const line of run.stdout.match(/defect \d requests: [^\n]*/g) ?? []) console.log(line);
});
