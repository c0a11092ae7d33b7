import assert from "node:assert/strict";
import { oneLine } from "../../tests/helpers/one_line.ts";
import { generate } from "../generate.ts";
import { clashSpec, schoolSpec } from "../../tests/fixtures/data_layer_specs.ts";
import { emitContext } from "./context.ts";
import { emitStore } from "./store.ts";

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
  ) assert.ok(oneLine(text).includes(oneLine(line)), line);
});

Deno.test("store: getStore() before initializeStore() names the fix, with the title as a string value", () => {
  const text = generate(clashSpec).files["collections/store.ts"];
  assert.ok(
    oneLine(text).includes(
      oneLine('"No store for " + "Clash */ globalThis.pwned = 1; /*" + ": call initializeStore({ queryClient })'),
    ),
  );
});

Deno.test("store: a model without entities still makes a store", () => {
  const text = emitStore(emitContext({ ...empty, title: "" }))["collections/store.ts"];
  assert.ok(oneLine(text).includes(oneLine("const collections: StoreCollections = {")));
  assert.ok(!oneLine(text).includes(oneLine("const context")), "no unused local");
});
