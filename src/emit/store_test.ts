import assert from "node:assert/strict";
import { oneLine } from "../../tests/helpers/one_line.ts";
import { generate } from "../generate.ts";
import { schoolSpec } from "../../tests/fixtures/data_layer_specs.ts";
import { emitContext } from "./context.ts";
import { emitStore } from "./store.ts";

const empty = { title: "", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };

Deno.test("store: every collection materialized in a DbClient, no module-global store", () => {
  const text = generate(schoolSpec).files["collections/store.ts"];
  for (
    const line of [
      "readonly classes: ClassesCollection;",
      "classes: createClassesCollection(client),",
      "students: createStudentsCollection(client),",
      "terms: createTermsCollection(client),",
      "export function getSyncStore(client: DbClient): SyncStore {",
      'const queryClient = client.requireDependency<QueryClient>("queryClient");',
      "const stores = new WeakMap<DbClient, SyncStore>();",
      'import type { DbClient } from "@tanstack/db";',
    ]
  ) assert.ok(oneLine(text).includes(oneLine(line)), line);
  for (const gone of ["initializeStore", "getStore(", "createSyncStore", "let defaultStore"]) {
    assert.ok(!text.includes(gone), gone);
  }
});

Deno.test("store: each collection is a collectionOptions descriptor fetching through the client's QueryClient", () => {
  const text = generate(schoolSpec).files["collections/students.ts"];
  assert.ok(
    oneLine(text).includes(
      oneLine('export const studentsCollectionOptions = rowCollectionDescriptor( "students", (client) =>'),
    ),
  );
  assert.ok(oneLine(text).includes(oneLine('queryClient: client.requireDependency<QueryClient>("queryClient"),')));
  assert.ok(
    oneLine(text).includes(
      oneLine("return rowCollection(client, studentsCollectionOptions);"),
    ),
  );
  assert.ok(!text.includes("createCollection("), "the DbClient makes the collection");
});

Deno.test("store: a model without entities still makes a store", () => {
  const text = emitStore(emitContext({ ...empty, title: "" }))["collections/store.ts"];
  assert.ok(oneLine(text).includes(oneLine("const collections: StoreCollections = {};")));
});
