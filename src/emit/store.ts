/**
 * The store emitter: `collections/store.ts`, every collection of the API materialized in one TanStack DB
 * `DbClient`.
 *
 * The app (or each server request) makes its own `new DbClient({ queryClient })` and gives it to the hooks with
 * react-db's `<DbProvider client>`; nothing is module-global, so two requests on a server never share rows.
 * `getSyncStore(client)` is the view the hooks and entity functions use: the client's collections (each
 * materialized once per client from the collection's `collectionOptions` descriptor) and its QueryClient.
 *
 * @module
 */
import type { EmitContext } from "./context.ts";
import { CodeWriter, propertyKey } from "./print/writer.ts";

/**
 * Emits `collections/store.ts`.
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * import { emitStore } from "./store.ts";
 * const model = { title: "Shop", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * emitStore(emitContext(model))["collections/store.ts"].includes("export function getSyncStore("); // => true
 * ```
 */
export function emitStore(ctx: EmitContext): Record<string, string> {
  const { resources } = ctx;
  const w = new CodeWriter("The store: every collection of the API, materialized in one TanStack DB DbClient.");
  w.importType("@tanstack/db", "DbClient");
  w.importType("@tanstack/query-core", "QueryClient");
  for (const r of resources.resources) {
    const from = `./${r.names.file}.ts`;
    w.import(from, r.names.factory).importType(from, r.names.collectionType);
  }

  w.doc("Every collection of the API, keyed by entity.");
  w.block("export interface StoreCollections {", () => {
    for (const r of resources.resources) {
      w.doc(`The ${r.entity.name}.`);
      w.line(`readonly ${propertyKey(r.names.member)}: ${r.names.collectionType};`);
    }
  });
  w.line("");
  w.doc("The collections of a DbClient with the QueryClient they fetch through.");
  w.block("export interface SyncStore {", () => {
    w.doc("Unique among the stores of this process (part of every live query's identity).");
    w.line("readonly id: number;");
    w.doc("The TanStack DB client the collections belong to.");
    w.line("readonly client: DbClient;");
    w.doc("The QueryClient the collections fetch through, and broadcast events invalidate in.");
    w.line("readonly queryClient: QueryClient;");
    w.line("readonly collections: StoreCollections;");
  });
  w.line("");
  w.line("let storeCount = 0;");
  w.line("const stores = new WeakMap<DbClient, SyncStore>();");
  w.line("");
  w.doc(
    "The store of a DbClient: its collections of this API, materialized on first use (the same ones on every " +
      "call). The client needs its QueryClient: `new DbClient({ queryClient })`.",
    [
      "@example",
      "```ts",
      "const client = new DbClient({ queryClient: new QueryClient() });",
      "getSyncStore(client).collections; // every collection of the API",
      "```",
      "@throws {Error} When the client has no `queryClient` dependency.",
    ],
  );
  w.block("export function getSyncStore(client: DbClient): SyncStore {", () => {
    w.line("const known = stores.get(client);");
    w.line("if (known) return known;");
    w.line('const queryClient = client.requireDependency<QueryClient>("queryClient");');
    if (resources.resources.length === 0) w.line("const collections: StoreCollections = {};");
    else {
      w.block("const collections: StoreCollections = {", () => {
        for (const r of resources.resources) w.line(`${propertyKey(r.names.member)}: ${r.names.factory}(client),`);
      }, "};");
    }
    w.line("const store: SyncStore = { id: ++storeCount, client, queryClient, collections };");
    w.line("stores.set(client, store);");
    w.line("return store;");
  });
  return { "collections/store.ts": w.toString() };
}
