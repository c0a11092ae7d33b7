import {
  type Collection,
  type CollectionConfig,
  type CollectionOptions,
  collectionOptions,
  type DbClient,
  type LoadSubsetOptions,
  type NonSingleResult,
  parseLoadSubsetOptions,
} from "@tanstack/db";
import type { QueryFunctionContext, QueryKey } from "@tanstack/query-core";
import {
  type QueryCollectionConfig,
  queryCollectionOptions,
  type QueryCollectionUtils,
} from "@tanstack/query-db-collection";

/**
 * How many requests one subset may fan out to when it needs both several parent paths and several values of a
 * filter taking one value at a time (their product); beyond it, that filter is applied locally. One dimension
 * alone fans out without a cap, {@link MAX_IN_FLIGHT} requests at a time.
 */
export const MAX_FANOUT = 20;

/** At most this many values in one list-filter parameter (a long query string fails on some servers). */
export const MAX_VALUES = 50;

/**
 * At most this many requests of one subset in flight at once: an include over many parents, on a list that
 * filters by one parent at a time, loads per parent in batches of this size rather than the whole related table.
 */
export const MAX_IN_FLIGHT = 6;

/** A resource's list operation: how to call it and which row fields its query parameters filter. */
export interface ListSource<T> {
  /** Row fields that hold the path's parameters (parent ids), in path order. */
  path: readonly string[];
  /** Row field → query parameter filtering by equality. */
  eq: Readonly<Record<string, string>>;
  /** Row field → query parameter taking several values (any of). */
  in: Readonly<Record<string, string>>;
  /** Query parameters the operation requires. */
  required: readonly string[];
  /** The sort parameter: tokens "field" / "-field", or a field and a direction parameter. */
  sort?: {
    param: string;
    direction?: { param: string; asc: string; desc: string };
    /** The tokens the parameter accepts, when the spec lists them. */
    values?: readonly string[];
  };
  /** The page size parameter. */
  limit?: string;
  /** The offset parameter. */
  offset?: string;
  /**
   * The page size to ask for when a subset needs every matching row (default 100): with limit and offset
   * parameters, pages are fetched until one comes back short, so a server's default page size cannot cut a
   * list short.
   */
  pageSize?: number;
  /** Calls the operation. */
  fetch: (
    path: readonly unknown[],
    params: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ) => Promise<T[]>;
}

/** A resource's get operation. */
export interface GetSource<T> {
  /** Row fields that hold the path's parent parameters, in path order (the key comes last). */
  path: readonly string[];
  /** Calls the operation. */
  fetch: (
    path: readonly unknown[],
    key: string | number,
    signal: AbortSignal | undefined,
  ) => Promise<T>;
}

/** How a collection reaches its rows. */
export interface ResourceSource<T> {
  /** The entity's name, for messages. */
  name: string;
  /** The key field. */
  key: string;
  list?: ListSource<T>;
  get?: GetSource<T>;
}

/** The requests that load one subset. */
export type LoadPlan =
  | {
    kind: "list";
    requests: { path: unknown[]; params: Record<string, unknown> }[];
  }
  | { kind: "get"; requests: { path: unknown[]; key: string | number }[] }
  | { kind: "none"; reason: string };

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "number" ||
    typeof value === "boolean";
}

function isKey(value: unknown): value is string | number {
  return typeof value === "string" || typeof value === "number";
}

function fieldOf(path: ReadonlyArray<string | number>): string | undefined {
  return path.length === 1 && typeof path[0] === "string" ? path[0] : undefined;
}

function has(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** Sets an own property, whatever its name (a plain assignment to "__proto__" would set the prototype). */
function put(
  record: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** values cut into slices of at most size. */
function slices<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) {
    out.push(values.slice(i, i + size));
  }
  return out;
}

/** Every combination of one value per dimension, in order. */
function combinations(
  dimensions: readonly (readonly unknown[])[],
): unknown[][] {
  let out: unknown[][] = [[]];
  for (const values of dimensions) {
    out = out.flatMap((prefix) => values.map((v) => [...prefix, v]));
  }
  return out;
}

/**
 * Plans the requests for a subset. Filters the API cannot express are left out (the answer is then a
 * superset, which the live query filters locally); sort, limit and offset are sent only when every filter
 * was sent in one request. An id filter (a lookup, an include) uses the list when it filters by a set of
 * ids (in slices of {@link MAX_VALUES}), else one get call per id. A filter of several values on a field the
 * list filters one value at a time fans out to one list call per value (an include over many parents): never
 * the whole related table. {@link loadSubset} runs at most {@link MAX_IN_FLIGHT} of them at a time.
 *
 * @param source The resource's operations.
 * @param options The subset (ctx.meta.loadSubsetOptions of the query function).
 * @returns The requests, or kind "none" with the reason when no operation can load the subset.
 */
export function planLoad<T>(
  source: ResourceSource<T>,
  options: LoadSubsetOptions | undefined,
): LoadPlan {
  let parsed: ReturnType<typeof parseLoadSubsetOptions> | undefined;
  try {
    parsed = parseLoadSubsetOptions(options);
  } catch {
    parsed = undefined; // "or" and nested expressions: load a superset, filter locally
  }
  let exact = parsed !== undefined;
  const eqs = new Map<string, Scalar>();
  const ins = new Map<string, Scalar[]>();
  for (const filter of parsed?.filters ?? []) {
    const field = fieldOf(filter.field);
    if (
      field !== undefined && filter.operator === "eq" &&
      isScalar(filter.value) && !eqs.has(field)
    ) {
      eqs.set(field, filter.value);
    } else if (
      field !== undefined && filter.operator === "in" &&
      Array.isArray(filter.value)
    ) {
      // null matches no equality (a dangling or empty foreign key of an include): leave it out
      const values = (filter.value as unknown[]).filter((v) =>
        v !== null && v !== undefined
      );
      if (values.every(isScalar) && !ins.has(field)) {
        ins.set(field, [...new Set(values)]);
      } else exact = false;
    } else {
      exact = false;
    }
  }
  const valuesOf = (field: string): Scalar[] | undefined => {
    const one = eqs.get(field);
    if (one !== undefined) return [one];
    return ins.get(field);
  };

  const { list, get } = source;
  const keys = valuesOf(source.key)?.filter(isKey);
  if (keys !== undefined && keys.length === 0) {
    return { kind: "list", requests: [] };
  }
  const single = (fields: readonly string[]): unknown[] | undefined => {
    const out: unknown[] = [];
    for (const field of fields) {
      const values = valuesOf(field);
      if (values?.length !== 1) return undefined;
      out.push(values[0]);
    }
    return out;
  };
  const gets = (limit: number): LoadPlan | undefined => {
    if (!get || keys === undefined || keys.length > limit) return undefined;
    const path = single(get.path);
    if (!path) return undefined;
    return { kind: "get", requests: keys.map((key) => ({ path, key })) };
  };

  if (!list) {
    return gets(Infinity) ??
      {
        kind: "none",
        reason: missing(source, get?.path ?? [], "no list operation"),
      };
  }
  // One id: its get. Several: one list call when the list filters by a set of ids, else a few gets.
  const byKeySet = keys !== undefined && keys.length > 1 &&
    has(list.in, source.key);
  if (!byKeySet) {
    // every id by its get, MAX_IN_FLIGHT at a time, rather than the whole list
    const plan = gets(Infinity);
    if (plan) return plan;
  }

  // The list: path dimensions first, then at most one fanned-out filter.
  const dimensions: unknown[][] = [];
  for (const field of list.path) {
    const values = valuesOf(field);
    if (values === undefined) {
      return gets(Infinity) ??
        {
          kind: "none",
          reason: missing(source, list.path, "the list path needs " + field),
        };
    }
    dimensions.push(values);
  }
  const pathFields = new Set(list.path);
  const params: Record<string, unknown> = {};
  // one request per value (a filter of one value at a time) or per slice of values (a long id set)
  let fanout: { param: string; values: unknown[] } | undefined;
  for (const [field, value] of eqs) {
    if (pathFields.has(field)) continue;
    if (has(list.eq, field)) put(params, list.eq[field]!, value);
    else if (has(list.in, field)) put(params, list.in[field]!, [value]);
    else exact = false;
  }
  for (const [field, values] of ins) {
    if (pathFields.has(field)) continue;
    if (has(list.in, field) && values.length <= MAX_VALUES) {
      put(params, list.in[field]!, values);
    } else if (has(list.in, field) && !fanout) {
      fanout = { param: list.in[field]!, values: slices(values, MAX_VALUES) };
    } else if (has(list.eq, field) && !fanout) {
      // one request per value, MAX_IN_FLIGHT at a time: never the whole related table behind an include
      fanout = { param: list.eq[field]!, values };
    } else exact = false;
  }
  const paths = combinations(dimensions);
  if (
    fanout && paths.length > 1 &&
    paths.length * fanout.values.length > MAX_FANOUT &&
    !Array.isArray(fanout.values[0])
  ) {
    fanout = undefined;
    exact = false;
  }
  if (list.required.some((p) => !has(params, p) && p !== fanout?.param)) {
    return gets(Infinity) ??
      { kind: "none", reason: "the list requires " + list.required.join(", ") };
  }
  const requests = paths.flatMap((path) =>
    fanout
      ? fanout.values.map((value) => ({
        path,
        params: { ...params, [fanout!.param]: value },
      }))
      : [{ path, params: { ...params } }]
  );
  if (requests.length === 1 && exact) {
    pageAndSort(requests[0]!.params, list, parsed, options);
  }
  return { kind: "list", requests };
}

function pageAndSort(
  params: Record<string, unknown>,
  list: ListSource<unknown>,
  parsed: ReturnType<typeof parseLoadSubsetOptions> | undefined,
  options: LoadSubsetOptions | undefined,
): void {
  const sorts = parsed?.sorts ?? [];
  if (sorts.length > 0) {
    const sort = list.sort;
    if (!sort) return;
    const fields = sorts.map((s) => fieldOf(s.field));
    if (fields.some((f) => f === undefined)) return;
    if (sort.direction) {
      if (sorts.length !== 1) return;
      const token = fields[0]!;
      if (sort.values && !sort.values.includes(token)) return;
      put(params, sort.param, token);
      put(
        params,
        sort.direction.param,
        sorts[0]!.direction === "desc"
          ? sort.direction.desc
          : sort.direction.asc,
      );
    } else {
      const tokens = sorts.map((s, i) =>
        (s.direction === "desc" ? "-" : "") + fields[i]
      );
      if (sort.values && tokens.some((t) => !sort.values!.includes(t))) return;
      put(params, sort.param, tokens.join(","));
    }
  }
  // A cursor without an offset means "after the rows you have": only the whole list is right then.
  if (options?.cursor && options.offset === undefined) return;
  if (list.limit && parsed?.limit !== undefined) {
    put(params, list.limit, parsed.limit);
  }
  if (list.offset && options?.offset) put(params, list.offset, options.offset);
}

function missing<T>(
  source: ResourceSource<T>,
  path: readonly string[],
  reason: string,
): string {
  return reason +
    (path.length
      ? " (filter by " + path.join(", ") + " to load " + source.name + ")"
      : "");
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error &&
    (error as { status: unknown }).status === 404;
}

/**
 * Loads the rows of a subset (see {@link planLoad}).
 *
 * @throws The API's error when a request fails (a missing row on a get is no error), and an Error naming what
 * is missing when no operation can load the subset (a nested resource queried without its parent id): an empty
 * answer would tell TanStack DB that the subset, and every narrower one, holds no rows.
 */
export async function loadSubset<T>(
  source: ResourceSource<T>,
  options: LoadSubsetOptions | undefined,
  signal: AbortSignal | undefined,
): Promise<T[]> {
  const plan = planLoad(source, options);
  switch (plan.kind) {
    case "none":
      throw new Error(
        "Cannot load " + source.name + " for this query: " + plan.reason,
      );
    case "get": {
      const { get } = source;
      if (!get) return [];
      const rows = await mapLimited(
        plan.requests,
        MAX_IN_FLIGHT,
        (r) =>
          get.fetch(r.path, r.key, signal).catch((error: unknown) => {
            if (isNotFound(error)) return undefined;
            throw error;
          }),
      );
      return rows.filter((row): row is Awaited<T> => row !== undefined) as T[];
    }
    case "list": {
      const { list } = source;
      if (!list) return [];
      const answers = await mapLimited(
        plan.requests,
        MAX_IN_FLIGHT,
        (r) => fetchAll(source, list, r.path, r.params, signal),
      );
      if (answers.length === 1) return answers[0]!;
      const byKey = new Map<unknown, T>();
      for (const row of answers.flat()) {
        byKey.set((row as Record<string, unknown>)[source.key], row);
      }
      return [...byKey.values()];
    }
  }
}

/** fn over every item, at most limit calls at a time; the answers in the items' order. Fails with the first failure. */
async function mapLimited<I, O>(
  items: readonly I[],
  limit: number,
  fn: (item: I) => Promise<O>,
): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return out;
}

/**
 * The TanStack Query key of a subset: base, then what {@link planLoad} would request for it. Subsets that need
 * the same requests share one query, so each page URL is fetched once per load: a sorted page of a list the API
 * cannot sort needs every row, and so does the next page TanStack DB asks for (its cursor is a filter the API
 * cannot express) — one query, not two. The whole unfiltered list is base itself (the collection's prefix).
 *
 * @param base The collection's key prefix.
 * @param source The resource's operations.
 * @param options The subset.
 */
export function subsetKey<T>(
  base: readonly unknown[],
  source: ResourceSource<T>,
  options: LoadSubsetOptions | undefined,
): unknown[] {
  const plan = planLoad(source, options);
  if (plan.kind === "none") return [...base, { none: plan.reason }];
  if (plan.kind === "get") {
    return [...base, { get: plan.requests.map((r) => [r.path, r.key]) }];
  }
  const [first, ...more] = plan.requests;
  if (
    first && more.length === 0 && first.path.length === 0 &&
    Object.keys(first.params).length === 0
  ) return [...base];
  return [...base, { list: plan.requests.map((r) => [r.path, r.params]) }];
}

/** At most this many pages for one request of a subset. */
const MAX_PAGES = 1000;

/**
 * One list request, page by page when the list has limit and offset parameters and the request sets no limit
 * of its own: the rows of every page until a short one (or one with no new rows: a server ignoring offset).
 */
async function fetchAll<T>(
  source: ResourceSource<T>,
  list: ListSource<T>,
  path: readonly unknown[],
  params: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<T[]> {
  if (!list.limit || !list.offset || has(params, list.limit)) {
    return await list.fetch(path, params, signal);
  }
  const size = list.pageSize ?? 100;
  const rows: T[] = [];
  const seen = new Set<unknown>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await list.fetch(path, {
      ...params,
      [list.limit]: size,
      [list.offset]: page * size,
    }, signal);
    let fresh = 0;
    for (const row of answer) {
      const key = (row as Record<string, unknown>)[source.key];
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(row);
      fresh++;
    }
    if (answer.length < size || fresh === 0) break;
  }
  return rows;
}

/** The own properties of source named in fields that are not undefined: the body of a request. */
export function pickFields<T>(source: object, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(source, field)) continue;
    const value = (source as Record<string, unknown>)[field];
    if (value !== undefined) {
      Object.defineProperty(out, field, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out as T;
}

/**
 * The value of a row field that a request path needs (a parent id).
 *
 * @throws {Error} When the row has no such value.
 */
export function parentValue(
  row: object | undefined,
  field: string,
  what: string,
): unknown {
  const value = row !== undefined && has(row, field)
    ? (row as Record<string, unknown>)[field]
    : undefined;
  if (value === undefined || value === null) {
    throw new Error(
      "Cannot " + what + ": the path needs " + field + ", and the row has none",
    );
  }
  return value;
}

/** The options of a query collection of rows `T` with keys `TKey`, loaded by its query function (no `schema`). */
export type RowCollectionConfig<
  T extends object,
  TKey extends string | number,
> =
  & QueryCollectionConfig<
    T,
    (context: QueryFunctionContext<QueryKey>) => Array<T> | Promise<Array<T>>,
    unknown,
    QueryKey,
    TKey
  >
  & { schema?: never };

/** What {@link rowCollectionOptions} gives: TanStack DB collection options with the query collection's utils. */
export type RowCollectionOptions<
  T extends object,
  TKey extends string | number,
> =
  & CollectionConfig<T, TKey, never, QueryCollectionUtils<T, TKey, T, unknown>>
  & { schema?: never; utils: QueryCollectionUtils<T, TKey, T, unknown> };

/**
 * `queryCollectionOptions` with the one signature the collections use (rows typed by the client, no `schema`),
 * called with its type arguments: TypeScript infers nothing and tries no other overload for each collection (the
 * four overloads with inference cost the GitHub output's type check about 40 000 type instantiations).
 *
 * @internal
 */
export const rowCollectionOptions: <
  T extends object,
  TKey extends string | number,
>(
  config: RowCollectionConfig<T, TKey>,
) => RowCollectionOptions<T, TKey> = queryCollectionOptions;

/** The utils of a query collection of rows `T`: refetch, and writes straight into the synced rows. */
export type RowUtils<T extends object, TKey extends string | number> =
  QueryCollectionUtils<T, TKey, T, unknown>;

/** A collection descriptor (see {@link rowCollectionDescriptor}): what `collectionOptions(id, factory)` gives. */
export type RowCollectionDescriptor<
  T extends object,
  TKey extends string | number,
> =
  & CollectionOptions<
    Extract<T, object>,
    Extract<TKey, string | number>,
    never,
    RowUtils<T, TKey>
  >
  & NonSingleResult;

/**
 * `collectionOptions(id, factory)` for a query collection of rows `T`, with one signature: `T` and `TKey` come
 * straight from the factory's {@link RowCollectionOptions}, instead of through `collectionOptions`' conditional
 * types for each collection.
 *
 * @internal
 */
export function rowCollectionDescriptor<
  T extends object,
  TKey extends string | number,
>(
  id: string,
  factory: (client: DbClient) => RowCollectionOptions<T, TKey>,
): RowCollectionDescriptor<T, TKey> {
  return collectionOptions(id, factory);
}

/** The collection a DbClient materializes from a {@link RowCollectionDescriptor}. */
export type RowCollection<T extends object, TKey extends string | number> =
  & Collection<
    Extract<T, object>,
    Extract<TKey, string | number>,
    RowUtils<T, TKey>,
    never,
    Extract<T, object>
  >
  & NonSingleResult;

/**
 * `client.collection(descriptor)` with one signature: TypeScript tries none of its four overloads for each
 * collection (`T` and `TKey` come straight from the descriptor's type).
 *
 * @internal
 */
export function rowCollection<T extends object, TKey extends string | number>(
  client: DbClient,
  descriptor: RowCollectionDescriptor<T, TKey>,
): RowCollection<T, TKey> {
  return client.collection(descriptor);
}
