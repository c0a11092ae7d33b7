/**
 * The store emitter: `collections/store.ts`, every collection of the API made around the app's one
 * QueryClient.
 *
 * `initializeStore({ queryClient })` makes the app's store (hooks use it unless a `SyncStoreProvider`
 * gives another, e.g. in tests or for a second QueryClient); `getStore()` returns it and throws a clear
 * error before it exists. `createSyncStore` makes an independent store.
 *
 * @module
 */
import type { EmitContext } from "./context.ts";
import { CodeWriter, propertyKey, stringLiteral } from "./print/writer.ts";

/**
 * Emits `collections/store.ts`.
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * import { emitStore } from "./store.ts";
 * const model = { title: "Shop", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * emitStore(emitContext(model))["collections/store.ts"].includes("export function initializeStore("); // => true
 * ```
 */
export function emitStore(ctx: EmitContext): Record<string, string> {
  const { resources, model: { title } } = ctx;
  const w = new CodeWriter("The store: every collection of the API, made for one QueryClient.");
  w.importType("@tanstack/query-core", "QueryClient");
  for (const r of resources.resources) {
    const from = `./${r.names.file}.ts`;
    w.import(from, r.names.factory).importType(from, r.names.collectionType);
  }
  const what = stringLiteral(title || "the API");

  w.doc("Every collection of the API, keyed by entity.");
  w.block("export interface StoreCollections {", () => {
    for (const r of resources.resources) {
      w.doc(`The ${r.entity.name}.`);
      w.line(`readonly ${propertyKey(r.names.member)}: ${r.names.collectionType};`);
    }
  });
  w.line("");
  w.doc("The collections of the API with the QueryClient they fetch through.");
  w.block("export interface SyncStore {", () => {
    w.doc("Unique among the stores of this page (part of every live query's identity).");
    w.line("readonly id: number;");
    w.doc("The QueryClient the collections fetch through, and broadcast events invalidate in.");
    w.line("readonly queryClient: QueryClient;");
    w.line("readonly collections: StoreCollections;");
    w.doc("Stops syncing and frees every collection.");
    w.line("cleanup(): Promise<void>;");
  });
  w.line("");
  w.doc("Options of {@link createSyncStore} and {@link initializeStore}.");
  w.block("export interface StoreOptions {", () => {
    w.doc("The app's QueryClient (the one of its `QueryClientProvider`).");
    w.line("queryClient: QueryClient;");
  });
  w.line("");
  w.line("let storeCount = 0;");
  w.line("");
  w.doc("Makes a store. Most apps call {@link initializeStore} once instead.");
  w.block("export function createSyncStore(options: StoreOptions): SyncStore {", () => {
    w.line("const { queryClient } = options;");
    if (resources.resources.length) w.line("const context = { queryClient };");
    if (resources.resources.length === 0) w.line("const collections: StoreCollections = {};");
    else {
      w.block("const collections: StoreCollections = {", () => {
        for (const r of resources.resources) w.line(`${propertyKey(r.names.member)}: ${r.names.factory}(context),`);
      }, "};");
    }
    w.block("return {", () => {
      w.line("id: ++storeCount,", "queryClient,", "collections,");
      w.block("cleanup: async () => {", () => {
        w.line("await Promise.all(Object.values(collections).map((collection) => collection.cleanup()));");
      }, "},");
    }, "};");
  });
  w.line("");
  w.line("let defaultStore: SyncStore | undefined;");
  w.line("");
  w.doc(
    "Makes the app's store, which the hooks use when no `SyncStoreProvider` gives another. Call it once, before " +
      "the first render; a second call with the same QueryClient returns the same store.",
    ["@example", "```ts", "const queryClient = new QueryClient();", "initializeStore({ queryClient });", "```"],
  );
  w.block("export function initializeStore(options: StoreOptions): SyncStore {", () => {
    w.line("if (defaultStore?.queryClient === options.queryClient) return defaultStore;");
    w.line("defaultStore = createSyncStore(options);");
    w.line("return defaultStore;");
  });
  w.line("");
  w.doc("The store of {@link initializeStore}.", ["@throws {Error} Before `initializeStore` was called."]);
  w.block("export function getStore(): SyncStore {", () => {
    w.block("if (!defaultStore) {", () => {
      w.line("throw new Error(");
      w.line(
        `  "No store for " + ${what} + ": call initializeStore({ queryClient }) before the first render, " +`,
        `    "or give the hooks a store with <SyncStoreProvider store={createSyncStore({ queryClient })}>",`,
      );
      w.line(");");
    });
    w.line("return defaultStore;");
  });
  return { "collections/store.ts": w.toString() };
}
