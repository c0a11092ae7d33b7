import * as React from "react";
import {
  and,
  type Collection,
  createTransaction,
  type DbClient,
  eq,
  inArray,
  type InitialQueryBuilder,
  isNull,
  materialize,
  toArray,
} from "@tanstack/db";
import {
  useLiveInfiniteQuery,
  useLiveQuery,
  useLiveSuspenseQuery,
  useOptionalDbClient,
} from "@tanstack/react-db";
import { hashKey, type QueryKey } from "@tanstack/query-core";
import { getSyncStore, type SyncStore } from "../collections/store.ts";
import {
  type ResourceSource,
  type SubsetAnswer,
  subsetKeyOf,
} from "../collections/shared.ts";
import type { CallOptions } from "../client/core.ts";
import { type SyncSpec, useEntitySync } from "./sync.ts";
import { LiveRows } from "./live_rows.ts";

/** "optimistic": changes show at once and roll back on failure; "confirmed": changes show when the server confirms. */
export type SyncMode = "optimistic" | "confirmed";

/**
 * The store of the nearest react-db `<DbProvider client>`: that client's collections of this API.
 *
 * @throws {Error} Outside a `DbProvider`, or when its client has no `queryClient` dependency.
 */
export function useSyncStore(): SyncStore {
  const client = useOptionalDbClient();
  if (!client) {
    throw new Error(
      "No DbClient for the data layer's hooks: wrap the app in <DbProvider client={new DbClient({ queryClient })}> " +
        '(DbClient from "@tanstack/db", DbProvider from "@tanstack/react-db")',
    );
  }
  return getSyncStore(client);
}

/** Equality filters by field: a value, a list of values (any of), or null (is null). */
export type Where<T> = { [K in keyof T]?: T[K] | readonly T[K][] };

/** Sort order by field, applied in the order given. */
export type OrderBy<T> = { [K in keyof T]?: "asc" | "desc" };

/** Options of a list hook. */
export interface ListOptions<T, I extends PropertyKey = never> {
  /** Only rows matching every field (sent to the API where its list operation can filter by it). */
  where?: Where<T>;
  /** Relations to add to each row. */
  include?: readonly I[];
  /** Sort order. */
  orderBy?: OrderBy<T>;
  /** At most this many rows (in key order when there is no orderBy). */
  limit?: number;
  /** Skip this many rows (in key order when there is no orderBy). */
  offset?: number;
  /** False: no query, no data. @default {true} */
  enabled?: boolean;
  /** Refetch on broadcast events of this entity (and of included relations). @default {true} */
  autoRefresh?: boolean;
}

/** Options of a single-row hook. */
export interface ItemOptions<T, I extends PropertyKey = never> {
  /** Relations to add to the row. */
  include?: readonly I[];
  /** Further conditions; for a nested resource, the parent ids its path needs (where: { account_id }). */
  where?: Where<T>;
  /** False: no query, no data. @default {true} */
  enabled?: boolean;
  /** Refetch on broadcast events of this entity (and of included relations). @default {true} */
  autoRefresh?: boolean;
}

/** A query's state, as TanStack Query names it: "pending" until its rows are there (or while disabled). */
export type QueryStatus = "pending" | "error" | "success";

/**
 * What list hooks return. `P` is the list wrapper's fields besides the rows (`{ total: number }` for a list the API
 * answers as `{ items, total }`); `never` for a list without a wrapper.
 */
export interface ListResult<T, P = never> {
  /** The rows; [] while loading, so check isLoading first. */
  data: T[];
  /**
   * The list wrapper's other fields (a total, a next cursor) from the answer that loaded this query's rows (of its
   * last page when the rows took several); undefined while loading, for a list without a wrapper, and when the
   * rows came from several requests (one per parent) or from another query's wider load.
   */
  page: P | undefined;
  /** "pending", "error" or "success" (see {@link QueryStatus}). */
  status: QueryStatus;
  /** True until the first answer for this query arrived. */
  isLoading: boolean;
  /** True while this query's collections load rows (the first load, a refetch, a related row). */
  isFetching: boolean;
  /** True once the rows are there. */
  isReady: boolean;
  /** True when loading failed; see error. */
  isError: boolean;
  /** Why loading failed (an ApiError for an HTTP error), else null. */
  error: Error | null;
  /** Fetches the rows again; after a failed load, starts the query over. The same function in every render. */
  refetch: () => Promise<void>;
}

/**
 * What Suspense list hooks (`useOrdersSuspense`) return: they render only once the rows are there (the nearest
 * `<Suspense>` shows its fallback until then), and a failed load throws to the nearest error boundary.
 */
export interface SuspenseListResult<T, P = never> {
  /** The rows, loaded. */
  data: T[];
  /** The list wrapper's other fields, as {@link ListResult.page}. */
  page: P | undefined;
  /** True while this query's collections load rows again (a refetch, a related row). */
  isFetching: boolean;
  /** Fetches the rows again. The same function in every render. */
  refetch: () => Promise<void>;
}

/** What Suspense single-row hooks (`useOrderSuspense`) return; see {@link SuspenseListResult}. */
export interface SuspenseItemResult<T> {
  /** The row, or undefined when there is none. */
  data: T | undefined;
  /** True while this query's collections load rows again. */
  isFetching: boolean;
  /** Fetches the row again. The same function in every render. */
  refetch: () => Promise<void>;
}

/** What single-row hooks return. */
export interface ItemResult<T> {
  /** The row; undefined while loading, or when there is none. */
  data: T | undefined;
  status: QueryStatus;
  isLoading: boolean;
  isFetching: boolean;
  isReady: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => Promise<void>;
}

// deno-lint-ignore no-explicit-any
type AnyCollection = Collection<any, any, any, any, any>;

/**
 * One relation of an entity, as data.
 * @internal
 */
export interface RelationSpec extends SyncSpec {
  kind: "belongsTo" | "hasMany";
  /** The related collection. */
  collection: (store: SyncStore) => AnyCollection;
  /** belongsTo: the field of this row; hasMany: the field of the related rows. */
  foreignKey: string;
  /** belongsTo: the related rows' key; hasMany: this row's key (or the non-key field the foreign key refers to). */
  key: string;
  /** The related entity's broadcast channel and query key. */
  channel: string;
  queryKey: QueryKey;
}

/**
 * An entity as the hooks need it, as data.
 * @internal
 */
export interface EntitySpec extends SyncSpec {
  name: string;
  channel: string;
  key: string;
  queryKey: QueryKey;
  collection: (store: SyncStore) => AnyCollection;
  relations: Readonly<Record<string, RelationSpec>>;
}

// deno-lint-ignore no-explicit-any
type Ref = any;

/** A field of a row reference in a query (by name, so any field name works). */
function field(row: Ref, name: string): Ref {
  return row[name];
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The defined conditions of a Where object, sorted by field (a stable identity). */
function conditionsOf(where: object | undefined): [string, unknown][] {
  if (!where) return [];
  return Object.entries(where)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The condition of Where entries on a row reference: eq per field, inArray for a list, isNull for null. */
function matchAll(row: Ref, conditions: [string, unknown][]): Ref {
  const parts = conditions.map(([name, value]) =>
    value === null
      ? isNull(field(row, name))
      : Array.isArray(value)
      ? inArray(field(row, name), value)
      : eq(field(row, name), value)
  );
  const [first, second, ...rest] = parts;
  return second ? and(first, second, ...rest) : first;
}

function sortsOf(orderBy: object | undefined): [string, "asc" | "desc"][] {
  return Object.entries(orderBy ?? {}).filter((
    entry,
  ): entry is [string, "asc" | "desc"] =>
    entry[1] === "asc" || entry[1] === "desc"
  );
}

function includesOf(
  spec: EntitySpec,
  include: readonly PropertyKey[] | undefined,
): string[] {
  const out: string[] = [];
  for (const name of include ?? []) {
    if (
      typeof name === "string" && hasOwn(spec.relations, name) &&
      !out.includes(name)
    ) out.push(name);
  }
  return out.sort();
}

/** The subquery of one include: one related row (belongsTo) or all of them (hasMany). */
function relatedQuery(
  q: InitialQueryBuilder,
  store: SyncStore,
  relation: RelationSpec,
  row: Ref,
): Ref {
  const source = { related: relation.collection(store) };
  if (relation.kind === "belongsTo") {
    return materialize(
      q.from(source).where(({ related }: Ref) =>
        eq(field(related, relation.key), field(row, relation.foreignKey))
      )
        .findOne(),
    );
  }
  return toArray(
    q.from(source).where(({ related }: Ref) =>
      eq(field(related, relation.foreignKey), field(row, relation.key))
    ),
  );
}

interface QueryInput {
  single: boolean;
  id: unknown;
  conditions: [string, unknown][];
  include: string[];
  sorts: [string, "asc" | "desc"][];
  limit: number | undefined;
  offset: number | undefined;
}

function buildQuery(
  q: InitialQueryBuilder,
  store: SyncStore,
  spec: EntitySpec,
  input: QueryInput,
): Ref {
  let query: Ref = q.from({ row: spec.collection(store) });
  const conditions: [string, unknown][] = input.single
    ? [[spec.key, input.id], ...input.conditions]
    : input.conditions;
  if (conditions.length > 0) {
    query = query.where(({ row }: Ref) => matchAll(row, conditions));
  }
  for (const [name, direction] of input.sorts) {
    query = query.orderBy(({ row }: Ref) => field(row, name), direction);
  }
  if (input.limit !== undefined) query = query.limit(input.limit);
  if (input.offset !== undefined) query = query.offset(input.offset);
  if (input.include.length > 0) {
    query = query.select(({ row }: Ref) => {
      const out: Record<string, unknown> = { ...row };
      for (const name of input.include) {
        const value = relatedQuery(q, store, spec.relations[name]!, row);
        Object.defineProperty(out, name, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    });
  }
  return input.single ? query.findOne() : query;
}

function startsWith(key: QueryKey, prefix: QueryKey): boolean {
  return prefix.every((part, i) => key[i] === part);
}

/** Why a live query failed, as TanStack DB recorded it for that query. */
function liveErrorOf(collection: unknown): unknown {
  const lifecycle = (collection as AnyCollection | undefined)?._lifecycle;
  return lifecycle?.getSyncError?.() ?? undefined;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

interface LiveOptions {
  where?: object;
  include?: readonly PropertyKey[];
  orderBy?: object;
  limit?: number;
  offset?: number;
  enabled?: boolean;
  autoRefresh?: boolean;
}

/** What a hook's options ask for, normalized (the same for the hook and its preload). */
function queryInputOf(
  spec: EntitySpec,
  single: boolean,
  id: unknown,
  options: LiveOptions,
): { enabled: boolean; input: QueryInput } {
  const { limit, offset } = options;
  const enabled = (options.enabled ?? true) && (!single || id !== undefined);
  const sorts = single ? [] : sortsOf(options.orderBy);
  // TanStack DB refuses limit/offset without an order: a page is then a page of the rows in key order
  if (
    sorts.length === 0 && !single &&
    (limit !== undefined || offset !== undefined)
  ) sorts.push([spec.key, "asc"]);
  const input: QueryInput = {
    single,
    id,
    conditions: conditionsOf(options.where),
    include: includesOf(spec, options.include),
    sorts,
    limit,
    offset,
  };
  return { enabled, input };
}

/**
 * The live query of a hook. Its `queryKey` is its identity in the DbClient: the same on the server and in the
 * browser (no per-process ids), so that a query preloaded and dehydrated on the server is the one the hook finds
 * after `hydrate`.
 */
function liveConfig(
  store: SyncStore,
  spec: EntitySpec,
  input: QueryInput,
  enabled: boolean,
  attempt: number,
) {
  const { single, id, conditions, include, sorts, limit, offset } = input;
  return {
    queryKey: [
      spec.name,
      single,
      id,
      conditions,
      include,
      sorts,
      limit,
      offset,
      enabled,
      attempt,
    ],
    query: (
      q: InitialQueryBuilder,
    ) => (enabled ? buildQuery(q, store, spec, input) : undefined),
  };
}

/**
 * Loads into a DbClient what a list or item hook with these options shows, for server rendering: await it before
 * `renderToString`, then send `client.dehydrate()` to the browser, which calls `client.hydrate(state)` (or renders
 * react-db's `<HydrationBoundary state>`) before its first render. A disabled query loads nothing.
 */
export function preloadEntity(
  client: DbClient,
  spec: EntitySpec,
  single: boolean,
  id: unknown,
  options: LiveOptions,
): Promise<void> {
  const { enabled, input } = queryInputOf(spec, single, id, options);
  if (!enabled) return Promise.resolve();
  const { queryKey, query } = liveConfig(
    getSyncStore(client),
    spec,
    input,
    true,
    0,
  );
  return client.preloadLiveQuery({ queryKey, query: (q) => query(q)! });
}

interface LiveResult {
  data: unknown;
  status: QueryStatus;
  isLoading: boolean;
  isFetching: boolean;
  isReady: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => Promise<void>;
}

/**
 * A live query on an entity's collection with the result semantics of the hooks: isLoading until the first
 * answer, a reactive error, and recovery: a live query whose load failed stays failed in TanStack DB, so after
 * a failure the query is started over (a new live query) on refetch(), and when a query of its collections
 * succeeds or is invalidated (a broadcast event, another hook's refetch).
 */
function useLive(
  spec: EntitySpec,
  single: boolean,
  id: unknown,
  options: LiveOptions,
): LiveResult {
  const store = useSyncStore();
  const { autoRefresh = true } = options;
  const { enabled, input } = queryInputOf(spec, single, id, options);
  const { include } = input;
  const [attempt, setAttempt] = React.useState(0);

  // A ready list follows its live query change by change (see live_rows.ts); until then, and for one row, the
  // hook reads react-db's useLiveQuery, which copies the whole result on every change
  const [live] = React.useState(() => new LiveRows());
  const followed = React.useSyncExternalStore(
    live.subscribe,
    live.getSnapshot,
    live.getServerSnapshot,
  );
  const config = liveConfig(store, spec, input, enabled, attempt);
  const liveKey = single ? "" : JSON.stringify(config.queryKey);
  const following = liveKey !== "" && followed.source !== undefined &&
    followed.key === liveKey;
  const result = useLiveQuery(
    following ? liveConfig(store, spec, input, false, attempt) : config,
  );
  const canFollow = liveKey !== "" && enabled && !following &&
    result.isReady && !result.isError && result.collection !== undefined;
  const source = canFollow ? result.collection : undefined;
  const includeId = include.join("\n");
  const ordered = input.sorts.length > 0;
  // primitives, so that the effect runs when the followed query changes, not on every change of its rows
  const followedKey = followed.source === undefined ? undefined : followed.key;
  React.useEffect(() => {
    if (followedKey !== undefined && followedKey !== liveKey) live.detach();
    if (!source) return;
    const belongsTo = (includeId === "" ? [] : includeId.split("\n")).filter(
      (name) => spec.relations[name]!.kind === "belongsTo",
    );
    live.attach(liveKey, source, {
      ordered,
      holds: (row) =>
        belongsTo.some((name) =>
          lacksInclude(row, spec.relations[name]!, name)
        ),
    });
  }, [live, followedKey, liveKey, source, includeId, ordered, spec]);

  useEntitySync(store, spec, include, enabled && autoRefresh);

  const isError = result.isError;
  const queryKeys = [
    spec.queryKey,
    ...include.map((name) => spec.relations[name]!.queryKey),
  ];
  const keysId = JSON.stringify(queryKeys);
  React.useEffect(() => {
    if (!isError) return;
    const keys: QueryKey[] = JSON.parse(keysId);
    return store.queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated") return;
      if (
        event.action.type !== "success" && event.action.type !== "invalidate"
      ) return;
      if (keys.some((key) => startsWith(event.query.queryKey, key))) {
        setAttempt((n) => n + 1);
      }
    });
  }, [isError, store, keysId]);

  const collections = [
    spec.collection(store),
    ...include.map((name) => spec.relations[name]!.collection(store)),
  ];
  // This hook's own query's error (what its load threw: an ApiError, "Cannot load … for this query: …"), not
  // the last error of a collection that other queries share
  const error = isError
    ? toError(
      liveErrorOf(result.collection) ??
        collections.map((c) => c.utils.lastError).find((e) =>
          e !== undefined
        ) ??
        "Loading " + spec.name + " failed",
    )
    : null;
  const refetchNow = async () => {
    if (!isError) {
      await Promise.all(collections.map((c) => c.utils.refetch()));
      return;
    }
    // The failed subset queries are stale once invalidated: the new live query fetches them again.
    await Promise.all(
      queryKeys.map((queryKey) =>
        store.queryClient.invalidateQueries({ queryKey }).catch(() => {})
      ),
    );
    setAttempt((n) => n + 1);
  };
  // one refetch function for the hook's life (an effect dependency that never changes), calling the latest
  const latestRefetch = React.useRef(refetchNow);
  React.useEffect(() => {
    latestRefetch.current = refetchNow;
  });
  const refetch = React.useCallback(() => latestRefetch.current(), []);

  const fetching = useFetching(store, spec, include);
  const held = useHeldRows(
    store,
    spec,
    include,
    single,
    following ? followed.rows : result.data,
    following ? followed.held : undefined,
  );
  const isLoading = enabled &&
    ((!following && result.isLoading) || held.waiting);
  const failed = isError || held.error !== null;
  return {
    data: held.data,
    status: failed ? "error" : isLoading || !enabled ? "pending" : "success",
    isLoading,
    isFetching: enabled && (isLoading || fetching),
    isReady: (following || result.isReady) && !held.waiting,
    isError: failed,
    error: error ?? held.error,
    refetch,
  };
}

/** True while a collection of the entity or of its includes loads a subset; re-renders when that changes. */
function useFetching(
  store: SyncStore,
  spec: EntitySpec,
  include: string[],
): boolean {
  const includeId = include.join("\n");
  const collections = React.useMemo(
    () => [
      spec.collection(store),
      ...(includeId === "" ? [] : includeId.split("\n")).map((name) =>
        spec.relations[name]!.collection(store)
      ),
    ],
    [store, spec, includeId],
  );
  const subscribe = React.useCallback(
    (onChange: () => void) => {
      const offs = collections.map((c) =>
        c.on("loadingSubset:change", onChange)
      );
      return () => offs.forEach((off) => off());
    },
    [collections],
  );
  return React.useSyncExternalStore(
    subscribe,
    () => collections.some((c) => c.isLoadingSubset),
    () => false,
  );
}

/** The key of a row, and whether a belongsTo include of it is due but not there (its foreign key is set). */
function lacksInclude(
  row: unknown,
  relation: RelationSpec,
  name: string,
): boolean {
  if (typeof row !== "object" || row === null) return false;
  const record = row as Record<string, unknown>;
  const foreignKey = record[relation.foreignKey];
  return foreignKey !== null && foreignKey !== undefined &&
    record[name] === undefined;
}

/**
 * Types and values agree in every render: a row whose belongsTo include (`order.customer`, typed present) has not
 * arrived yet (an optimistic row for a customer not loaded) is held back, and the hook reports loading while
 * TanStack DB loads the related row. When that load ends and the row is still missing, its foreign key dangles:
 * the hook reports an error naming it, and still holds the row back.
 */
function useHeldRows(
  store: SyncStore,
  spec: EntitySpec,
  include: string[],
  single: boolean,
  data: unknown,
  known?: readonly unknown[],
): { data: unknown; waiting: boolean; error: Error | null } {
  const belongsTo = include.filter((name) =>
    spec.relations[name]!.kind === "belongsTo"
  );
  const namesId = belongsTo.join("\n");
  const includeId = include.join("\n");
  // the rows lacking an include: given by the rows followed, else looked for once per new result (not per render)
  const found = React.useMemo(() => {
    const names = (includeId === "" ? [] : includeId.split("\n")).filter((
      name,
    ) => spec.relations[name]!.kind === "belongsTo");
    if (known || names.length === 0) return [];
    const rows: readonly unknown[] = single
      ? (data === undefined ? [] : [data])
      : (Array.isArray(data) ? data : []);
    return rows.filter((row) =>
      names.some((name) => lacksInclude(row, spec.relations[name]!, name))
    );
  }, [known, includeId, single, data, spec]);
  const lacking = known ?? found;
  const signature = lacking.length === 0 ? "" : JSON.stringify(
    lacking.map((row) => (row as Record<string, unknown>)[spec.key]),
  );
  // the signature of the held rows when a load of a related collection last ended
  const [endedFor, setEndedFor] = React.useState("");
  const latest = React.useRef(signature);
  React.useEffect(() => {
    latest.current = signature;
  });
  // a boolean dependency, not `signature` itself: subscribe while rows lack a
  // related row, not once per signature (react-hooks/exhaustive-deps)
  const holding = signature !== "";
  React.useEffect(() => {
    if (!holding) return;
    const offs = (namesId === "" ? [] : namesId.split("\n")).map((name) =>
      spec.relations[name]!.collection(store).on(
        "loadingSubset:change",
        (event) => {
          if (!event.isLoadingSubset) setEndedFor(latest.current);
        },
      )
    );
    return () => offs.forEach((off) => off());
  }, [holding, namesId, spec, store]);

  if (lacking.length === 0) return { data, waiting: false, error: null };
  const heldBack = new Set(lacking);
  const complete = single || !Array.isArray(data)
    ? undefined
    : data.filter((row) => !heldBack.has(row));
  const loading = belongsTo.some((name) =>
    spec.relations[name]!.collection(store).isLoadingSubset
  );
  if (endedFor !== signature || loading) {
    return { data: complete, waiting: true, error: null };
  }
  const row = lacking[0] as Record<string, unknown>;
  const name = belongsTo.find((n) => lacksInclude(row, spec.relations[n]!, n))!;
  const relation = spec.relations[name]!;
  return {
    data: complete,
    waiting: false,
    error: new Error(
      "The " + name + " of " + spec.name + " " + String(row[spec.key]) + " (" +
        relation.foreignKey + " " + String(row[relation.foreignKey]) +
        ") does not exist",
    ),
  };
}

/**
 * The list hook of an entity (each entity's use… hook types it).
 * @internal
 */
export function useEntityList(
  spec: EntitySpec,
  options: ListOptions<object, PropertyKey>,
): ListResult<unknown, object> {
  const live = useLive(spec, false, undefined, options);
  const page = useSubsetPage(spec, options);
  return { ...live, data: Array.isArray(live.data) ? live.data : [], page };
}

/**
 * The page fields of a list hook's own subset: the collection's query function (`loadSubsetPage`) keeps them
 * beside the rows in the subset's TanStack Query, which this reads (and follows) by the subset's key. No request
 * of its own.
 */
function useSubsetPage(
  spec: EntitySpec,
  options: LiveOptions,
): object | undefined {
  const store = useSyncStore();
  const { enabled, input } = queryInputOf(spec, false, undefined, options);
  const source = spec.source;
  const hash = enabled && source?.list?.fetchPage
    ? hashKey(subsetKeyOf(spec.queryKey, source, input))
    : undefined;
  const cache = store.queryClient.getQueryCache();
  const subscribe = React.useCallback(
    (onChange: () => void) =>
      hash === undefined ? () => {} : cache.subscribe((event) => {
        if (event.query.queryHash === hash) onChange();
      }),
    [cache, hash],
  );
  const read = () => {
    if (hash === undefined) return undefined;
    const data = cache.get(hash)?.state.data as
      | SubsetAnswer<unknown>
      | undefined;
    return typeof data === "object" && data !== null && "page" in data
      ? data.page
      : undefined;
  };
  return React.useSyncExternalStore(subscribe, read, read);
}

/**
 * The single-row hook of an entity (each entity's use… hook types it).
 * @internal
 */
export function useEntityItem(
  spec: EntitySpec,
  id: unknown,
  options: ItemOptions<object, PropertyKey>,
): ItemResult<unknown> {
  return useLive(spec, true, id, options);
}

/**
 * A live query on react-db's `useLiveSuspenseQuery`, with the same query and key as the non-Suspense hooks (so
 * `preloadOrders` serves both). Rows whose included belongsTo row has not arrived are left out until it does, so
 * the types hold; a dangling foreign key throws to the error boundary.
 */
function useLiveSuspense(
  spec: EntitySpec,
  single: boolean,
  id: unknown,
  options: LiveOptions,
): { data: unknown; isFetching: boolean; refetch: () => Promise<void> } {
  const store = useSyncStore();
  const { input } = queryInputOf(spec, single, id, {
    ...options,
    enabled: true,
  });
  const { include } = input;
  const config = liveConfig(store, spec, input, true, 0);
  const result = useLiveSuspenseQuery({
    queryKey: config.queryKey,
    query: (q: InitialQueryBuilder) => config.query(q)!,
  });
  useEntitySync(store, spec, include, options.autoRefresh ?? true);
  const held = useHeldRows(store, spec, include, single, result.data);
  if (held.error) throw held.error;
  const fetching = useFetching(store, spec, include);
  const includeId = include.join("\n");
  const refetch = React.useCallback(async () => {
    const names = includeId === "" ? [] : includeId.split("\n");
    await Promise.all(
      [
        spec.collection(store),
        ...names.map((name) => spec.relations[name]!.collection(store)),
      ].map((c) => c.utils.refetch()),
    );
  }, [store, spec, includeId]);
  return { data: held.data, isFetching: fetching || held.waiting, refetch };
}

/** The list hooks' Suspense variant (`useOrdersSuspense`). */
export function useEntityListSuspense(
  spec: EntitySpec,
  options: ListOptions<object, PropertyKey>,
): SuspenseListResult<unknown, object> {
  const live = useLiveSuspense(spec, false, undefined, options);
  const page = useSubsetPage(spec, { ...options, enabled: true });
  return { ...live, data: Array.isArray(live.data) ? live.data : [], page };
}

/** The single-row hooks' Suspense variant (`useOrderSuspense`). */
export function useEntityItemSuspense(
  spec: EntitySpec,
  id: unknown,
  options: ItemOptions<object, PropertyKey>,
): SuspenseItemResult<unknown> {
  return useLiveSuspense(spec, true, id, options);
}

/**
 * Options of an infinite list hook (`useOrdersInfinite`): a list read page by page. `O` is the fields the API can
 * sort by (its sort parameter's values, or every field when it lists none).
 */
export interface InfiniteOptions<
  T,
  I extends PropertyKey = never,
  O extends keyof T = keyof T,
> {
  /** Only rows matching every field (sent to the API where its list operation can filter by it). */
  where?: Where<T>;
  /** Relations to add to each row. */
  include?: readonly I[];
  /**
   * The order of the pages, by fields the API sorts by (default: the key, else the first field the sort parameter
   * takes). Strings compare by code unit, as a server's byte order.
   */
  orderBy?: OrderBy<Pick<T, O>>;
  /** Rows per page. @default {20} */
  pageSize?: number;
  /** Refetch on broadcast events of this entity (and of included relations). @default {true} */
  autoRefresh?: boolean;
}

/** What infinite list hooks return: the rows of the pages loaded so far, live, and how to load the next one. */
export interface InfiniteResult<T> {
  /** The rows of every page loaded so far, in order; [] while loading. */
  data: T[];
  /** The same rows, page by page. */
  pages: T[][];
  /** Loads the next page: one request to the API when it pages by limit and offset in this order. */
  fetchNextPage: () => Promise<void>;
  /** True while there are rows after the last page loaded. */
  hasNextPage: boolean;
  /** True while the next page loads. */
  isFetchingNextPage: boolean;
  /** "pending", "error" or "success" (see {@link QueryStatus}). */
  status: QueryStatus;
  /** True until the first page arrived. */
  isLoading: boolean;
  /** True once the first page is there. */
  isReady: boolean;
  /** True when loading failed; see error. */
  isError: boolean;
  /** Why loading failed, else null. */
  error: Error | null;
}

/**
 * The live query of an infinite list: the list query without a window, ordered by sorts, with strings compared by
 * code unit. TanStack DB then loads a growing window as pages of the API (limit and offset after the rows it has);
 * with locale order it cannot say where a page ends and would load every row.
 */
function infiniteQuery(
  q: InitialQueryBuilder,
  store: SyncStore,
  spec: EntitySpec,
  input: QueryInput,
): Ref {
  let query: Ref = buildQuery(q, store, spec, {
    ...input,
    sorts: [],
    limit: undefined,
    offset: undefined,
  });
  for (const [name, direction] of input.sorts) {
    query = query.orderBy(({ row }: Ref) => field(row, name), {
      direction,
      stringSort: "lexical",
    });
  }
  return query;
}

/** The order of an infinite list without orderBy: the key when the API sorts by it, else its first sort value. */
function defaultSort(spec: EntitySpec): [string, "asc" | "desc"] {
  const values = spec.source?.list?.sort?.values;
  if (!values || values.includes(spec.key) || values.length === 0) {
    return [spec.key, "asc"];
  }
  const first = values[0]!;
  return first.startsWith("-") ? [first.slice(1), "desc"] : [first, "asc"];
}

/**
 * The infinite list hook of an entity (each entity's use…Infinite hook types it), on react-db's
 * `useLiveInfiniteQuery`. Rows whose included belongsTo row has not arrived are held back, as in the list hook.
 * @internal
 */
export function useEntityInfinite(
  spec: EntitySpec,
  options: InfiniteOptions<object, PropertyKey>,
): InfiniteResult<unknown> {
  const store = useSyncStore();
  const { input } = queryInputOf(spec, false, undefined, {
    where: options.where,
    include: options.include,
    orderBy: options.orderBy,
  });
  if (input.sorts.length === 0) input.sorts.push(defaultSort(spec));
  const { include } = input;
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 20));
  const result = useLiveInfiniteQuery(
    (q: InitialQueryBuilder) => infiniteQuery(q, store, spec, input),
    {
      pageSize,
      queryKey: [
        spec.name,
        "infinite",
        input.conditions,
        include,
        input.sorts,
      ],
    },
  );
  useEntitySync(store, spec, include, options.autoRefresh ?? true);
  const held = useHeldRows(store, spec, include, false, result.data);
  const data = Array.isArray(held.data) ? held.data : [];
  const shown = new Set(data);
  const pages = result.pages.map((rows) =>
    rows.filter((row: unknown) => shown.has(row))
  );
  const failure = result.isError
    ? toError(result.error ?? "Loading " + spec.name + " failed")
    : held.error;
  const isLoading = !failure && (result.isLoading || held.waiting);
  return {
    data,
    pages,
    fetchNextPage: result.fetchNextPage,
    hasNextPage: result.hasNextPage,
    isFetchingNextPage: result.isFetchingNextPage,
    status: failure ? "error" : isLoading ? "pending" : "success",
    isLoading,
    isReady: !isLoading && !failure,
    isError: failure !== null,
    error: failure,
  };
}

/** Callbacks of one mutation call or of a mutation hook. */
export interface MutationCallbacks<TVariables, TData> {
  onSuccess?: (data: TData, variables: TVariables) => void;
  onError?: (error: Error, variables: TVariables) => void;
  onSettled?: (
    data: TData | undefined,
    error: Error | null,
    variables: TVariables,
  ) => void;
}

/** Options of mutation hooks. */
export interface MutationOptions<TVariables, TData>
  extends MutationCallbacks<TVariables, TData> {
  /** Overrides the entity's sync mode for this hook. */
  mode?: SyncMode;
}

/**
 * Per-call options of `mutate`: callbacks, and an `AbortSignal` and headers for this call's requests (aborting
 * fails the call and rolls its optimistic change back).
 */
export type MutateOptions<TVariables, TData> =
  & MutationCallbacks<TVariables, TData>
  & CallOptions;

/** What mutation hooks return (the shape of TanStack Query's useMutation). */
export interface MutationResult<TVariables, TData> {
  /** Starts the mutation; failures go to onError and error, never thrown. */
  mutate: (
    variables: TVariables,
    options?: MutateOptions<TVariables, TData>,
  ) => void;
  /** Starts the mutation; the promise rejects on failure (after the rollback). */
  mutateAsync: (variables: TVariables, call?: CallOptions) => Promise<TData>;
  /** True while any call of this hook waits for the server. */
  isPending: boolean;
  /** The error of the last call; null after a success or reset(). */
  error: Error | null;
  /** The result of the last successful call. */
  data: TData | undefined;
  reset: () => void;
}

interface MutationState<TData> {
  pending: number;
  error: Error | null;
  data: TData | undefined;
}

/**
 * A mutation hook over a function that changes collections (synchronously, in a transaction) and settles
 * when the server answered.
 * @internal
 */
export function useTransactionMutation<TVariables, TData>(
  run: (variables: TVariables, call: CallOptions) => Promise<TData>,
  options: MutationCallbacks<TVariables, TData> = {},
): MutationResult<TVariables, TData> {
  const [state, setState] = React.useState<MutationState<TData>>({
    pending: 0,
    error: null,
    data: undefined,
  });
  const latest = React.useRef({ run, options });
  React.useEffect(() => {
    latest.current = { run, options };
  });

  const mutateAsync = React.useCallback(
    async (variables: TVariables, call: CallOptions = {}): Promise<TData> => {
      setState((s) => ({ ...s, pending: s.pending + 1 }));
      const { run, options } = latest.current;
      try {
        const data = await run(variables, {
          signal: call.signal,
          headers: call.headers,
        });
        setState((s) => ({ pending: s.pending - 1, error: null, data }));
        options.onSuccess?.(data, variables);
        options.onSettled?.(data, null, variables);
        return data;
      } catch (cause) {
        const error = toError(cause);
        setState((s) => ({ ...s, pending: s.pending - 1, error }));
        options.onError?.(error, variables);
        options.onSettled?.(undefined, error, variables);
        throw error;
      }
    },
    [],
  );

  const mutate = React.useCallback(
    (
      variables: TVariables,
      callbacks: MutateOptions<TVariables, TData> = {},
    ) => {
      mutateAsync(variables, callbacks).then(
        (data) => {
          callbacks.onSuccess?.(data, variables);
          callbacks.onSettled?.(data, null, variables);
        },
        (error: Error) => {
          callbacks.onError?.(error, variables);
          callbacks.onSettled?.(undefined, error, variables);
        },
      );
    },
    [mutateAsync],
  );

  const reset = React.useCallback(
    () => setState((s) => ({ ...s, error: null, data: undefined })),
    [],
  );

  return {
    mutate,
    mutateAsync,
    isPending: state.pending > 0,
    error: state.error,
    data: state.data,
    reset,
  };
}

/**
 * Applies a change to collections in a transaction (visible at once unless it was made with optimistic: false)
 * and persists it with persist: when persist throws, the change is rolled back and the promise rejects.
 * @internal
 */
export async function runTransaction<T>(
  apply: () => void,
  persist: () => Promise<T>,
): Promise<T> {
  let result: { value: T } | undefined;
  const tx = createTransaction({
    mutationFn: async () => {
      result = { value: await persist() };
    },
  });
  tx.mutate(apply);
  await tx.when("settled");
  return result ? result.value : await persist(); // nothing changed locally: still tell the server
}

/** One problem of a request body, as a schema reports it. */
export interface BodyIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * A request body that does not match its schema (a full-replacement `PUT` whose row could not be loaded, a
 * change that breaks a rule): nothing was sent. `cause` is the schema's own error.
 */
export class RequestBodyError extends Error {
  override readonly name = "RequestBodyError";
  /** What was to be sent, e.g. "update project 7". */
  readonly request: string;
  /** What is wrong, field by field. */
  readonly issues: readonly BodyIssue[];

  constructor(request: string, issues: readonly BodyIssue[], cause?: unknown) {
    super(
      "Cannot " + request + ": the request body is invalid (" +
        issues.map((i) =>
          (i.path.length ? i.path.join(".") + ": " : "") + i.message
        )
          .join("; ") +
        "); nothing was sent",
      { cause },
    );
    this.request = request;
    this.issues = issues;
  }
}

/** A schema as {@link checkedBody} needs it (a Zod schema is one). */
export interface BodySchema<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly BodyIssue[] } };
}

/**
 * The body checked against its schema, and for the fields in required (a full replacement's body, whose update
 * schema makes every field optional), present.
 *
 * @throws {RequestBodyError} When it does not match: then nothing may be sent.
 * @internal
 */
export function checkedBody<T>(
  schema: BodySchema<T>,
  body: object,
  request: string,
  required: readonly string[] = [],
): T {
  const missing = required.filter((name) =>
    !hasOwn(body, name) || (body as Record<string, unknown>)[name] === undefined
  );
  if (missing.length > 0) {
    throw new RequestBodyError(
      request,
      missing.map((name) => ({ path: [name], message: "required" })),
    );
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new RequestBodyError(request, result.error.issues, result.error);
}

/**
 * The row of key from the server (a full-replacement update needs the whole row), written into the collection;
 * undefined when the get operation needs parent ids, or the server has no such row.
 * @internal
 */
export async function loadRow<T extends object>(
  collection: AnyCollection,
  source: ResourceSource<T>,
  key: string | number,
): Promise<T | undefined> {
  const get = source.get;
  if (!get || get.path.length > 0) return undefined;
  try {
    const row = await get.fetch([], key, undefined);
    upsertRow(collection, row);
    return row;
  } catch (error) {
    if (
      typeof error === "object" && error !== null && "status" in error &&
      (error as { status: unknown }).status === 404
    ) return undefined;
    throw error;
  }
}

function ready(collection: AnyCollection): boolean {
  if (collection.status === "idle" || collection.status === "cleaned-up") {
    collection.startSyncImmediate();
  }
  return collection.status !== "error" && collection.status !== "cleaned-up";
}

/**
 * Puts a row the server sent into a collection (best effort: the next load brings it otherwise).
 * @internal
 */
export function upsertRow(collection: AnyCollection, row: object): void {
  try {
    if (ready(collection)) {
      void collection.utils.writeUpsert(row).catch(() => {});
    }
  } catch {
    // not syncing: the row arrives with the next load
  }
}

/**
 * Removes a row the server deleted from a collection (best effort).
 * @internal
 */
export function removeRow(
  collection: AnyCollection,
  key: string | number,
): void {
  try {
    if (ready(collection)) {
      void collection.utils.writeDelete(key).catch(() => {});
    }
  } catch {
    // not syncing
  }
}

/**
 * Refetches a collection's queries after a write whose answer is not the row (best effort).
 * @internal
 */
export function refresh(collection: AnyCollection): void {
  void collection.utils.refetch().catch(() => {});
}
