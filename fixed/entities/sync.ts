/**
 * The entity hooks' side of broadcast sync: a {@link SyncTarget} per collection of a store, and the hook that
 * watches an entity's channel (and its included relations' channels) through the store's one
 * {@link BroadcastSync}.
 *
 * @module
 */
import * as React from "react";
import {
  type Collection,
  type LoadSubsetOptions,
  parseLoadSubsetOptions,
} from "@tanstack/db";
import type { QueryKey } from "@tanstack/query-core";
import type { SyncStore } from "../collections/store.ts";
import type { ResourceSource } from "../collections/shared.ts";
import {
  broadcastSyncFor,
  type RowKey,
  type SyncTarget,
  useBroadcastClient,
} from "../runtime/index.ts";

/**
 * A schema that checks a row (the generated Zod item schema).
 * @internal
 */
export interface RowSchema {
  safeParse(data: unknown): { success: boolean; data?: unknown };
}

/**
 * What broadcast sync needs of an entity or of a relation's target entity.
 * @internal
 */
export interface SyncSpec {
  /** The broadcast channel. */
  channel: string;
  /** The entity's query key (prefix): refetched when one row cannot be fetched. */
  queryKey: QueryKey;
  /** The entity's collection in a store. */
  // deno-lint-ignore no-explicit-any
  collection: (store: SyncStore) => Collection<any, any, any, any, any>;
  /** How the collection loads rows: its get fetches one row. */
  // deno-lint-ignore no-explicit-any
  source?: ResourceSource<any>;
  /** The item schema `payload.data` must pass to be written as it is. */
  schema?: RowSchema;
}

function has(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error &&
    (error as { status: unknown }).status === 404;
}

/** Starts a collection's sync when it is idle; false when it cannot take writes. */
// deno-lint-ignore no-explicit-any
function ready(collection: Collection<any, any, any, any, any>): boolean {
  if (collection.status === "idle" || collection.status === "cleaned-up") {
    collection.startSyncImmediate();
  }
  return collection.status !== "error" && collection.status !== "cleaned-up";
}

type Comparison = ReturnType<typeof parseLoadSubsetOptions>["filters"][number];

function same(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  // a key or date the row holds as text and the filter as a number or Date (or the other way round)
  return actual !== null && actual !== undefined && expected !== null &&
    expected !== undefined && typeof actual !== "object" &&
    String(actual) ===
      String(expected instanceof Date ? expected.toISOString() : expected);
}

/** Whether a row passes one comparison; comparisons we cannot evaluate count as passed. */
function passes(row: object, comparison: Comparison): boolean {
  let actual: unknown = row;
  for (const part of comparison.field) {
    if (
      typeof actual !== "object" || actual === null ||
      !has(actual, String(part))
    ) {
      actual = undefined;
      break;
    }
    actual = (actual as Record<string | number, unknown>)[part];
  }
  const { operator, value } = comparison;
  switch (operator) {
    case "eq":
      return same(actual, value);
    case "in":
      return !Array.isArray(value) || value.some((v) => same(actual, v));
    case "isNull":
    case "isUndefined":
      return actual === null || actual === undefined;
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      if (
        typeof actual !== typeof value ||
        (typeof actual !== "number" && typeof actual !== "string")
      ) return true;
      const a = actual as number | string;
      const v = value as number | string;
      return operator === "gt"
        ? a > v
        : operator === "gte"
        ? a >= v
        : operator === "lt"
        ? a < v
        : a <= v;
    }
    default:
      return true;
  }
}

/** Whether a row could belong to a subset: its `where` holds (or cannot be read, which counts as yes). */
/**
 * Whether a query's subset may hold a row known only by its key: yes unless its filters on the key field exclude the
 * key (`useOrder(otherId)` cannot hold a new order; a `status` filter might).
 */
function mayHoldKey(
  options: LoadSubsetOptions | undefined,
  keyField: string | undefined,
  key: RowKey,
): boolean {
  if (!options?.where || keyField === undefined) return true;
  let filters: Comparison[];
  try {
    filters = parseLoadSubsetOptions(options).filters;
  } catch {
    return true;
  }
  const known = { [keyField]: key };
  return filters.every((comparison) =>
    comparison.field.length !== 1 || comparison.field[0] !== keyField ||
    passes(known, comparison)
  );
}

function mayHold(options: LoadSubsetOptions | undefined, row: object): boolean {
  if (!options?.where) return true;
  let filters: Comparison[];
  try {
    filters = parseLoadSubsetOptions(options).filters;
  } catch {
    return true; // "or", "not", nested expressions
  }
  return filters.every((comparison) => passes(row, comparison));
}

// deno-lint-ignore no-explicit-any
const targets = new WeakMap<Collection<any, any, any, any, any>, SyncTarget>();

/**
 * The sync target of an entity's collection in a store: one per collection, whichever spec asks (the entity's own
 * hooks and the includes of others share it, so an event acts once).
 * @internal
 */
export function syncTarget(store: SyncStore, spec: SyncSpec): SyncTarget {
  const collection = spec.collection(store);
  const cached = targets.get(collection);
  if (cached) return cached;
  /** The key as the collection holds it: events carry ids as JSON gives them, a numeric key may come as text. */
  const keyIn = (key: RowKey): RowKey | undefined => {
    if (collection.has(key)) return key;
    if (
      typeof key === "string" && /^-?\d+(\.\d+)?$/.test(key) &&
      collection.has(Number(key))
    ) return Number(key);
    if (typeof key === "number" && collection.has(String(key))) {
      return String(key);
    }
    return undefined;
  };
  const get = spec.source?.get;
  const target: SyncTarget = {
    channel: spec.channel,
    loaded: (key) => {
      const held = keyIn(key);
      return held === undefined ? undefined : collection.get(held);
    },
    parse: (data) => {
      if (!spec.schema) return undefined;
      const result = spec.schema.safeParse(data);
      return result.success && typeof result.data === "object" &&
          result.data !== null
        ? result.data
        : undefined;
    },
    keyOf: (row) => collection.getKeyFromItem(row),
    fetch: (key, hint) => {
      if (!get) return undefined;
      const path: unknown[] = [];
      for (const field of get.path) {
        const value = hint && has(hint, field)
          ? (hint as Record<string, unknown>)[field]
          : undefined;
        if (value === undefined || value === null) return undefined; // a nested row without its parent id
        path.push(value);
      }
      return get.fetch(path, keyIn(key) ?? key, undefined).then(
        (row) => (typeof row === "object" && row !== null ? row : undefined),
        (error: unknown) => {
          if (isNotFound(error)) return undefined;
          throw error;
        },
      );
    },
    write: (row) => {
      if (ready(collection)) {
        void collection.utils.writeUpsert(row).catch(() => {});
      }
    },
    remove: (key) => {
      const held = keyIn(key);
      if (held !== undefined && ready(collection)) {
        void collection.utils.writeDelete(held).catch(() => {});
      }
    },
    invalidate: () =>
      store.queryClient.invalidateQueries({ queryKey: spec.queryKey }),
    refresh: async (rows, keys = []) => {
      const queries = store.queryClient.getQueryCache().findAll({
        queryKey: spec.queryKey,
        type: "active",
      });
      // query-db-collection gives each subset's query its options as meta.loadSubsetOptions
      const matching = queries.filter((query) => {
        const meta = query.meta as
          | { loadSubsetOptions?: LoadSubsetOptions }
          | undefined;
        return rows.some((row) => mayHold(meta?.loadSubsetOptions, row)) ||
          keys.some((key) =>
            mayHoldKey(meta?.loadSubsetOptions, spec.source?.key, key)
          );
      });
      await Promise.all(
        matching.map((query) =>
          store.queryClient.refetchQueries({
            queryKey: query.queryKey,
            exact: true,
          })
        ),
      );
    },
    // more rows shown than the server's: a local insert waits for its answer (a pending delete offsets it)
    settling: () => collection.size > collection.base.size,
  };
  targets.set(collection, target);
  return target;
}

/**
 * Keeps an entity's rows (and the rows of the included relations) in step with broadcast events while enabled:
 * through the store's one subscription per channel. A no-op without a `BroadcastProvider`.
 * @internal
 */
export function useEntitySync(
  store: SyncStore,
  spec: SyncSpec & { relations: Readonly<Record<string, SyncSpec>> },
  include: readonly string[],
  enabled: boolean,
): void {
  const client = useBroadcastClient();
  const includeKey = JSON.stringify(include); // a new array each render, the same names: the same identity
  React.useEffect(() => {
    if (!client || !enabled) return;
    const sync = broadcastSyncFor(client, store);
    const names: string[] = JSON.parse(includeKey);
    const specs = [
      spec,
      ...names.flatMap((name) =>
        has(spec.relations, name) ? [spec.relations[name]!] : []
      ),
    ];
    const stops = specs.map((s) => sync.watch(syncTarget(store, s)));
    return () => stops.forEach((stop) => stop());
  }, [client, store, spec, enabled, includeKey]);
}
