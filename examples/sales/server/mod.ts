/**
 * The sales example's server: the REST API of `examples/sales/openapi.yaml` with the broadcast endpoint, on a
 * pluggable async {@link Store} (in memory for now).
 *
 * @example
 * ```ts
 * import { startServer } from "./mod.ts";
 * const server = await startServer({ port: 0 }); // 127.0.0.1, a free port, the demo data
 * console.log(server.url, server.wsUrl);
 * await server.close();
 * ```
 *
 * @module
 */
export {
  type FaultRule,
  loadDemoData,
  type RequestRecord,
  type SalesServer,
  type ServerOptions,
  startServer,
} from "./server.ts";
export {
  type CountQuery,
  type ListQuery,
  matches,
  MemoryStore,
  type Store,
  type StoreData,
  type StoreTables,
  type Table,
  type Where,
} from "./store.ts";
export { type BroadcastConnection, BroadcastHub, GARBAGE_FRAMES, type PublishedEvent } from "./broadcast.ts";
export { type Change, HttpError, SalesApi, type SalesApiOptions } from "./api.ts";
export { demoData, SEED_IDS } from "./seed.ts";
export * from "./types.ts";
