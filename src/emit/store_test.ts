import assert from "node:assert/strict";
import { generate } from "../generate.ts";
import { clashSpec, schoolSpec } from "../../tests/fixtures/data_layer_specs.ts";
import { planSchemas } from "./plan.ts";
import { planResources } from "./resources.ts";
import { PACKAGE_VERSIONS, renderStore, rootExports } from "./store.ts";

const empty = { title: "", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };

Deno.test("store: every collection around one QueryClient, with initializeStore / getStore", () => {
  const text = generate(schoolSpec).files["collections/store.ts"];
  for (
    const line of [
      "readonly classes: ClassesCollection;",
      "classes: createClassesCollection(context),",
      "students: createStudentsCollection(context),",
      "terms: createTermsCollection(context),",
      "export function createSyncStore(options: StoreOptions): SyncStore {",
      "export function initializeStore(options: StoreOptions): SyncStore {",
      "if (defaultStore?.queryClient === options.queryClient) return defaultStore;",
      "export function getStore(): SyncStore {",
      'import type { QueryClient } from "@tanstack/query-core";',
    ]
  ) assert.ok(text.includes(line), line);
});

Deno.test("store: getStore() before initializeStore() names the fix, with the title as a string value", () => {
  const text = generate(clashSpec).files["collections/store.ts"];
  assert.ok(
    text.includes('"No store for " + "Clash */ globalThis.pwned = 1; /*" + ": call initializeStore({ queryClient })'),
  );
});

Deno.test("store: a model without entities still makes a store", () => {
  const text = renderStore(planResources(empty, planSchemas(empty)), "")["collections/store.ts"];
  assert.ok(text.includes("const collections: StoreCollections = {"));
  assert.ok(!text.includes("const context"), "no unused local");
});

Deno.test("store: the root index lists the packages and re-exports entities, store and runtime", () => {
  const lines = rootExports(planResources(empty, planSchemas(empty)));
  for (const [name, version] of PACKAGE_VERSIONS) assert.ok(lines.includes(`//   ${name}@${version}`), name);
  assert.ok(lines.includes('export * from "./entities/index.ts";'));
  assert.ok(lines.includes('} from "./collections/store.ts";'));
  assert.ok(lines.includes("  BroadcastProvider,") && lines.includes("  useBroadcastInvalidation,"));
  assert.ok(lines.includes("  type BroadcastEvent,"));
});

Deno.test("store: a root re-export that a schema's name already takes is left out", () => {
  const model = generate(clashSpec).model;
  const lines = rootExports(planResources(model, planSchemas(model)));
  assert.ok(!lines.includes("  type SyncStore,"));
  assert.ok(!lines.includes("  type BroadcastEvent,"));
  assert.ok(lines.includes("  createSyncStore,"));
});
