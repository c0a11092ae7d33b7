/**
 * The whole output type-checks the way an app consumes it: `generate()` for `examples/sales/openapi.yaml`, every
 * spec in `../shared/specs/upstream/` (skipped with a message when absent; a failure in CI), the data-layer fixtures (nested resources, integer
 * keys, self relations, names that clash or try to break out), shapes of real-world specs that once failed the check
 * (`fixtures/corpus_specs.ts`) and small edge models, each written into
 * `tests/.out/check-<name>/generated/` next to a link to the consumer `node_modules` (react 19, the pinned
 * `@tanstack/*` packages, zod 4), then `deno check` with the strict consumer config. Next to the sales output,
 * `types_test.ts` (from `tests/fixtures/sales_types_test.ts.in`) proves that `include` narrows the row type.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { emitAll } from "../src/emit/emit.ts";
import type { EntityModel } from "../src/model/types.ts";
import { linkConsumerModules, runDeno } from "./consumer/setup.ts";
import { corpusSpec } from "./fixtures/corpus_specs.ts";
import { clashSpec, schoolSpec } from "./fixtures/data_layer_specs.ts";
import { hostileSpec } from "./fixtures/hostile.ts";
import { modelShapesSpec } from "./fixtures/model_specs.ts";
import { entity, op, param, s } from "./helpers/model_builders.ts";
import { salesModel } from "./fixtures/sales_model.ts";
import { IN_CI } from "./helpers/requirement.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const OUT = path("./.out");
const UPSTREAM = path("../../shared/specs/upstream");
const SALES_TYPES = path("./fixtures/sales_types_test.ts.in");

/** 16 named schemas in a ring through getters, and a chain of 20, too long for TypeScript to infer (TS2589). */
const RING = Array.from({ length: 16 }, (_, i) => ({
  name: `Ring${i}`,
  sourceName: `Ring${i}`,
  pointer: `#/components/schemas/Ring${i}`,
  schema: s.object({ id: [s.string(), true], next: [s.ref(`Ring${(i + 1) % 16}`)], all: [s.array(s.ref(`Ring${i}`))] }),
}));
const CHAIN = Array.from({ length: 20 }, (_, i) => ({
  name: `Chain${i}`,
  sourceName: `Chain${i}`,
  pointer: `#/components/schemas/Chain${i}`,
  schema: s.object(i < 19 ? { one: [s.ref(`Chain${i + 1}`)], all: [s.array(s.ref(`Chain${i + 1}`))] } : {}),
}));
/** A chain of 8 with a getter in an inline object at each step (Azure nests its `properties` so). */
const NEST = Array.from({ length: 8 }, (_, i) => ({
  name: `Nest${i}`,
  sourceName: `Nest${i}`,
  pointer: `#/components/schemas/Nest${i}`,
  schema: s.object(i < 7 ? { inline: [s.object({ a: [s.string()], next: [s.ref(`Nest${i + 1}`)] })] } : {}),
}));

/** Edge models: no entity, an entity without operations, a delete-only entity, long reference cycles and chains. */
const SMALL: Record<string, EntityModel> = {
  empty: { title: "", version: "", openapi: "3.1.0", entities: [], schemas: [], operations: [] },
  "no-operations": {
    title: "E",
    version: "1",
    openapi: "3.1.0",
    entities: [entity("things", "thing", "Thing", { schemas: { item: s.object({ id: [s.int(), true] }) } })],
    schemas: [],
    operations: [],
  },
  "delete-only": {
    title: "D",
    version: "1",
    openapi: "3.1.0",
    entities: [
      entity("things", "thing", "Thing", {
        schemas: { item: s.object({ id: [s.uuid(), true] }) },
        operations: {
          delete: op({
            id: "deleteThing",
            name: "delete",
            kind: "delete",
            method: "delete",
            path: "/things/{id}",
            pathParams: [param("id", "path", s.uuid())],
          }),
        },
      }),
    ],
    schemas: [],
    operations: [],
  },
  "long-references": {
    title: "R",
    version: "1",
    openapi: "3.1.0",
    entities: [
      entity("things", "thing", "Thing", {
        schemas: {
          item: s.object({
            id: [s.int(), true],
            ring: [s.ref("Ring0")],
            chain: [s.ref("Chain0")],
            nest: [s.ref("Nest0")],
          }),
        },
      }),
    ],
    schemas: [...RING, ...CHAIN, ...NEST],
    operations: [],
  },
};

async function cases(): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  const sales = generate(await Deno.readTextFile(path("../examples/sales/openapi.yaml")));
  // the example API filters every foreign key by several values (issue 9); it cannot sort orders, which the
  // loader tests rely on (a sorted page of a list that cannot sort)
  assert.deepEqual(sales.diagnostics.map((d) => d.code), ["data-layer/list-cannot-sort"]);
  out.sales = sales.files;
  out.school = generate(schoolSpec).files;
  out.clash = generate(clashSpec).files;
  out.hostile = generate(hostileSpec).files;
  out.corpus = generate(corpusSpec).files;
  out["model-shapes"] = generate(modelShapesSpec).files; // a join on a non-key field, a HAL list
  out["fixture-model"] = emitAll(salesModel);
  for (const [name, model] of Object.entries(SMALL)) out[name] = emitAll(model);
  try {
    for await (const entry of Deno.readDir(UPSTREAM)) {
      if (!entry.isFile || !/\.(json|ya?ml)$/.test(entry.name)) continue;
      const stem = entry.name.replace(/\.(json|ya?ml)$/, "");
      out[`upstream-${stem}`] = generate(await Deno.readTextFile(`${UPSTREAM}/${entry.name}`)).files;
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    if (IN_CI) throw new Error(`${UPSTREAM} is missing (CI=true: its specs must be type-checked, not skipped)`);
    console.warn(`\n[skipped] ${UPSTREAM} is missing: its specs are not type-checked\n`);
  }
  return out;
}

/** Writes one output into a clean `tests/.out/check-<name>/generated/`, with the node_modules link beside it. */
async function write(name: string, files: Record<string, string>): Promise<string> {
  const dir = `${OUT}/check-${name}`;
  await Deno.remove(`${dir}/generated`, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  for (const [file, text] of Object.entries(files)) {
    const target = `${dir}/generated/${file}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, text);
  }
  await linkConsumerModules(dir);
  return dir;
}

function report(run: { stdout: string; stderr: string }): string {
  return `${run.stdout}\n${run.stderr}`;
}

Deno.test({
  name: "typecheck: every generated output (and the sales include types) passes the strict consumer deno check",
  sanitizeResources: false,
  async fn() {
    const all = await cases();
    const entries: string[] = [];
    for (const [name, files] of Object.entries(all)) {
      await write(name, files);
      // collections/index.ts is the one module the root index does not reach
      entries.push(`check-${name}/generated/index.ts`, `check-${name}/generated/collections/index.ts`);
    }
    await Deno.copyFile(SALES_TYPES, `${OUT}/check-sales/types_test.ts`);
    entries.push("check-sales/types_test.ts");
    assert.ok(Object.keys(all).length >= 8);
    const run = await runDeno("check", ["--quiet", ...entries], OUT);
    assert.equal(run.code, 0, report(run));
  },
});

Deno.test({
  name: "typecheck: the include types reject what they should (a removed @ts-expect-error fails the check)",
  sanitizeResources: false,
  async fn() {
    const dir = `${OUT}/check-sales`;
    await write("sales", generate(await Deno.readTextFile(path("../examples/sales/openapi.yaml"))).files);
    const text = await Deno.readTextFile(SALES_TYPES);
    const broken = text.replace(
      "  // @ts-expect-error without include there is no customer\n  order.customer.name;\n",
      "  order.customer.name;\n",
    );
    assert.notEqual(broken, text);
    await Deno.writeTextFile(`${dir}/broken_types_test.ts`, broken);
    try {
      const run = await runDeno("check", ["--quiet", "broken_types_test.ts"], dir);
      assert.notEqual(run.code, 0);
      assert.match(report(run), /Property 'customer' does not exist/);
    } finally {
      await Deno.remove(`${dir}/broken_types_test.ts`);
    }
  },
});

Deno.test({
  name: "typecheck: importing the hostile outputs runs none of their spec text",
  sanitizeResources: false,
  async fn() {
    for (const [name, spec] of [["hostile", hostileSpec], ["clash", clashSpec]] as const) {
      const dir = await write(name, generate(spec).files);
      await Deno.writeTextFile(
        `${dir}/main.ts`,
        [
          'import * as api from "./generated/index.ts";',
          'import * as collections from "./generated/collections/index.ts";',
          "const g = globalThis as { pwned?: unknown };",
          'if (g.pwned !== undefined) throw new Error("pwned: " + String(g.pwned));',
          "console.log(Object.keys(api).length > 0 && Object.keys(collections).length > 0 ? 'ok' : 'empty');",
          "",
        ].join("\n"),
      );
      const run = await runDeno("run", ["--quiet", "--allow-env", "main.ts"], dir);
      assert.equal(run.code, 0, report(run));
      assert.equal(run.stdout.trim(), "ok", report(run));
    }
  },
});
