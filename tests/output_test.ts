/**
 * The generated output of every spec the tests use (`helpers/test_specs.ts`, and the hand-built sales model) is
 * formatted: `deno fmt --check` with default options (width 80, double quotes, semicolons) passes over all of it,
 * though the generator never runs a formatter.
 *
 * Issue 8 (a refactor) was also proved here by comparing each output's tokens with those of the output before the
 * redesign (commit ad69391), through pinned hashes; that check passed when the redesign landed (ed69317) and was
 * retired when issues 9 and 10 changed the output on purpose: from then on its hashes could only be re-pinned to
 * whatever the output had become, which proves nothing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { emitAll } from "../src/emit/emit.ts";
import { salesModel } from "./fixtures/sales_model.ts";
import { denoFmt } from "./helpers/format.ts";
import { testSpecs } from "./helpers/test_specs.ts";

function outputs(): Record<string, Record<string, string>> {
  const all: Record<string, Record<string, string>> = {};
  for (const [name, spec] of Object.entries(testSpecs())) all[name] = generate(spec).files;
  all["salesModel (emitAll)"] = emitAll(salesModel);
  return all;
}

Deno.test({
  name: "output: every generated file passes `deno fmt --check` with default options",
  permissions: { read: true, write: true, run: true, env: true },
  async fn() {
    const all: Record<string, string> = {};
    for (const [name, files] of Object.entries(outputs())) {
      for (const [path, text] of Object.entries(files)) all[`${name.replace(/[^\w.-]+/g, "_")}/${path}`] = text;
    }
    const { unformatted, report } = await denoFmt(all);
    assert.deepEqual(unformatted, [], report.slice(0, 4000));
  },
});
