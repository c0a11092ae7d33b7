/**
 * The names that no spec-derived name may take, in one place: what the fixed output modules really export (read
 * from their code by `scripts/embed.ts`), the names of the generated modules' own exports, the identifiers and
 * globals generated code relies on, and the locals of the data layer's fixed code. (The reserved words of the
 * language are in `identifiers.ts`.)
 *
 * @module
 */
import { FIXED_EXPORTS } from "../embedded/fixed.ts";

/** The exports of one fixed output module (`client/core.ts`, `runtime/index.ts`, …), names only. */
export function fixedExports(path: string): string[] {
  return (FIXED_EXPORTS[path] ?? []).map((e) => e.name);
}

/** The exports of `collections/store.ts`, which the store emitter writes; the root index re-exports them. */
export const STORE_EXPORTS: readonly { name: string; type: boolean }[] = [
  { name: "getSyncStore", type: false },
  { name: "SyncStore", type: true },
  { name: "StoreCollections", type: true },
];

/**
 * Names the model keeps away from spec names (operation functions and type names), because the client and the
 * root index export them: the client's fixed exports, the store's entry points and the broadcast runtime's
 * provider and client.
 */
export const MODEL_RESERVED: readonly string[] = [
  ...fixedExports("client/core.ts"),
  "getSyncStore",
  "BroadcastProvider",
  "BroadcastClient",
];

/**
 * Names a generated client or schema module declares or relies on besides the spec's own: the zod import, the
 * schemas namespace, the client's fixed exports, the later stages' entry points, and the globals generated code
 * calls. Spec-derived names that equal one of these get a numeric suffix.
 */
export const FIXED_NAMES: readonly string[] = [
  // imports and namespaces
  "z",
  "schemas",
  ...MODEL_RESERVED,
  // declared by the client's fixed code when it was part of client/api.ts: still reserved, so names stay stable
  "apiConfig",
  "queryString",
  "readBody",
  "QueryValue",
  // globals the generated code uses
  "AbortSignal",
  "Array",
  "BodyInit",
  "Error",
  "FormData",
  "JSON",
  "Object",
  "Promise",
  "Record",
  "Reflect",
  "RegExp",
  "RequestInit",
  "Response",
  "String",
  "URLSearchParams",
  "encodeURIComponent",
  "fetch",
  "globalThis",
  "undefined",
];

/**
 * Names that the fixed parts of the output declare or use as locals; entity-derived names never take
 * them. Also the names the model reserves for later stages (`getSyncStore`, …), which are ours.
 */
export const DATA_LAYER_LOCALS: readonly string[] = [
  "React",
  "store",
  "collection",
  "collections",
  "context",
  "queryClient",
  "input",
  "body",
  "patch",
  "row",
  "rows",
  "current",
  "created",
  "updated",
  "answer",
  "key",
  "id",
  "data",
  "variables",
  "options",
  "mode",
  "signal",
  "path",
  "params",
  "transaction",
  "q",
  "m",
  "related",
  "storeCount",
  "defaultStore",
  "ListSource",
  "GetSource",
  // imported by the generated modules next to entity-derived names
  "BasicIndex",
  "createCollection",
  "queryCollectionOptions",
  "WithVirtualProps",
  "QueryClient",
  "EntitySpec",
  "RelationSpec",
  "useEntityItem",
  "useEntityList",
  "useTransactionMutation",
  "runTransaction",
  "upsertRow",
  "removeRow",
  "refresh",
  "schemas",
];

/** Names the model reserves for the stages after the client (see {@link MODEL_RESERVED}): the data layer's to use. */
export const LATER_STAGE_NAMES: ReadonlySet<string> = new Set([
  "getSyncStore",
  "BroadcastProvider",
  "BroadcastClient",
]);
