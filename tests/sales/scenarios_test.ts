/**
 * The sales example end to end: generates the data layer of `examples/sales/openapi.yaml` with `generate()` into
 * `tests/.out/sales/generated/`, then type-checks and runs the `app/*_test.tsx` that use it (React hooks under
 * happy-dom against the example server on 127.0.0.1) in the consumer environment.
 *
 * Skipped, saying why, while the generated output has no entity hooks (`useOrders`); in CI (`CI=true`) that fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate, type GenerateResult } from "../../src/generate.ts";
import { linkConsumerModules, runDeno } from "../consumer/setup.ts";
import { requirement } from "../helpers/requirement.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const SPEC = path("../../examples/sales/openapi.yaml");
const OUT = path("../.out/sales");
const GENERATED = `${OUT}/generated`;
const APP = path("./app");
/** The app tests on `tests/.out/sales/generated/` (`loader_test.tsx` has its own driver and output). */
const APP_TESTS = [
  "scenarios_test.tsx",
  "broadcast_sync_test.tsx",
  "ssr_test.tsx",
  "mutation_call_test.tsx",
  "faults_test.tsx",
  "loader_test.tsx",
  "paging_test.ts",
  "live_join_test.tsx",
  "page_hooks_test.tsx",
];

let result: GenerateResult | undefined;
let failure: unknown;
try {
  result = generate(await Deno.readTextFile(SPEC), { source: "examples/sales/openapi.yaml" });
} catch (error) {
  failure = error;
}
/** The emitters are far enough along: the entity hooks the scenarios use exist. */
const READY = Object.values(result?.files ?? {}).some((text) => /export function useOrders\b/.test(text));
const hooks = requirement(
  "The generated useOrders hook",
  READY,
  "the output of examples/sales/openapi.yaml has no `export function useOrders` (are the entity emitters done?)",
);

Deno.test("sales: generate() takes the example spec", () => {
  if (failure) throw failure;
  assert.ok(result);
});

function report(run: { stdout: string; stderr: string }): string {
  return `${run.stdout}\n${run.stderr}`;
}

/** Writes the generated files into a clean `tests/.out/sales/generated/` and links node_modules where needed. */
async function writeOutput(): Promise<void> {
  await Deno.remove(GENERATED, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  for (const [file, text] of Object.entries(result!.files)) {
    const target = `${GENERATED}/${file}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, text);
  }
  await linkConsumerModules(OUT); // the generated code's npm imports
  await linkConsumerModules(APP); // the scenarios' npm imports
}

Deno.test({
  name: "sales: the generated data layer and the scenarios type-check strictly",
  ignore: hooks.ignore,
  fn: async () => {
    hooks.assert();
    // the example API filters every foreign key by several values (issue 9); it cannot sort orders, which the
    // loader tests rely on (a sorted page of a list that cannot sort)
    assert.deepEqual(result!.diagnostics.map((d) => d.code), ["data-layer/list-cannot-sort"]);
    await writeOutput();
    const run = await runDeno("check", APP_TESTS, APP);
    assert.equal(run.code, 0, report(run));
  },
});

Deno.test({
  name: "sales: scenarios pass against the example server",
  ignore: hooks.ignore,
  fn: async () => {
    hooks.assert();
    await writeOutput();
    const run = await runDeno("test", ["-A", "--no-check", ...APP_TESTS], APP);
    assert.equal(run.code, 0, report(run));
    const delay = run.stdout.match(/broadcast → B's list: [^\n]*/)?.[0];
    if (delay) console.log(delay);
    for (const line of run.stdout.match(/defect \d requests: [^\n]*/g) ?? []) console.log(line);
  },
});
