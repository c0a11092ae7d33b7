// A stub of the generated collections/store.ts with the part that entities/shared.ts uses, so that the fixed
// files type-check here. Not embedded: the store emitter writes the real module (src/emit/store.ts).
import type { DbClient } from "@tanstack/db";
import type { QueryClient } from "@tanstack/query-core";

/** The store: its id, DbClient and QueryClient (the real one also holds the collections). */
export interface SyncStore {
  readonly id: number;
  readonly client: DbClient;
  readonly queryClient: QueryClient;
}

/** The store of a DbClient. */
export function getSyncStore(_client: DbClient): SyncStore {
  throw new Error("stub");
}
