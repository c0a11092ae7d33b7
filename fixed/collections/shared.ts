import {
  and,
  type Collection,
  type CollectionConfig,
  type CollectionOptions,
  collectionOptions,
  type DbClient,
  eq,
  inArray,
  IR,
  isNull,
  type LoadSubsetOptions,
  type NonSingleResult,
  parseLoadSubsetOptions,
} from "@tanstack/db";
import type {
  QueryClient,
  QueryFunctionContext,
  QueryKey,
} from "@tanstack/query-core";
import {
  createCursorPager,
  type CursorPager,
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
  /** The limit parameter's maximum: an ordered page asks for one row more only below it. */
  maxLimit?: number;
  /**
   * Cursor paging (through {@link fetchPage}): the query parameter that takes a cursor, and the wrapper field with
   * the next one. Used when the list has no offset parameter.
   */
  cursor?: { param: string; next: string };
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
  /**
   * Calls the operation's page call (a list the API wraps): the rows and the wrapper's other fields (a total, a
   * next cursor), which {@link loadSubsetPage} keeps with the subset's rows.
   */
  fetchPage?: (
    path: readonly unknown[],
    params: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ) => Promise<{ items: T[]; page: object }>;
}

/**
 * What a subset's query holds when its list is wrapped: the rows, and the wrapper's fields besides them (a total,
 * a next cursor) when the subset is one list request; `page` is undefined when it took several (one per parent, a
 * get per id), whose wrappers describe no single list.
 */
export interface SubsetAnswer<T> {
  items: T[];
  page: object | undefined;
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
  scope?: object,
): Promise<T[]> {
  return (await loadAnswer(source, options, signal, false, scope)).items;
}

/**
 * Loads the rows of a subset with the wrapper's other fields (see {@link SubsetAnswer}): the query function of
 * a collection whose list the API wraps, which keeps `page` in the subset's query (its `select` takes the rows).
 * A subset loaded over several pages keeps the last page's fields (its total, and the cursor that ends the list).
 *
 * @throws As {@link loadSubset}.
 */
export function loadSubsetPage<T>(
  source: ResourceSource<T>,
  options: LoadSubsetOptions | undefined,
  signal: AbortSignal | undefined,
  scope?: object,
): Promise<SubsetAnswer<T>> {
  return loadAnswer(source, options, signal, true, scope);
}

/** How long a page's end answers TanStack DB's question for its ties (see {@link pageEnds}). */
const PAGE_END_MS = 2000;

/** The rows of an ordered page that tie with its last row, when the page shows they are all of them. */
interface PageEnd {
  /** The sort field. */
  field: string;
  /** Its value in the page's last row. */
  value: unknown;
  /** The page's other filters, as {@link filtersId} writes them. */
  filters: string;
  /** Every row with that value. */
  rows: unknown[];
  at: number;
}

/**
 * The end of the latest ordered page, per scope (a QueryClient: never across clients) and source. After loading an
 * ordered page, TanStack DB asks for the rows that tie with its last row (the page's filters and `field = last`), to
 * be sure of the order at the page's end. The page answers that when it holds all of them: by key (unique), or by
 * another field when the API sent one row more (see {@link orderedPage}) whose value differs, or fewer rows than
 * asked (the list's end). {@link loadAnswer} then answers from here, once and within {@link PAGE_END_MS}, rather than
 * with a request: an infinite list costs one request a page, not two, and never the whole list for its ties.
 */
const pageEnds = new WeakMap<object, WeakMap<object, PageEnd>>();

/** A stable text of filters (all but those on field). */
function filtersId(
  filters: readonly {
    field: readonly (string | number)[];
    operator: string;
    value?: unknown;
  }[],
  field: string,
): string {
  return JSON.stringify(
    filters.filter((f) => fieldOf(f.field) !== field)
      .map((f) => [f.field, f.operator, f.value])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  );
}

function isClient(scope: object | undefined): scope is QueryClient {
  return typeof scope === "object" && scope !== null &&
    typeof (scope as { getQueryCache?: unknown }).getQueryCache === "function";
}

function parsedOf(
  options: LoadSubsetOptions | undefined,
): ReturnType<typeof parseLoadSubsetOptions> | undefined {
  try {
    return parseLoadSubsetOptions(options);
  } catch {
    return undefined;
  }
}

/** The rows a page end holds for this subset (`field = last` and the page's filters), taken once. */
function takePageEnd<T>(
  source: ResourceSource<T>,
  options: LoadSubsetOptions | undefined,
  scope: object | undefined,
): T[] | undefined {
  if (
    !scope || !options?.where || options.orderBy?.length ||
    options.limit !== undefined || options.cursor
  ) {
    return undefined;
  }
  const end = pageEnds.get(scope)?.get(source);
  if (!end) return undefined;
  const parsed = parsedOf(options);
  const on = parsed?.filters.filter((f) => fieldOf(f.field) === end.field);
  if (
    !parsed || on?.length !== 1 || on[0]!.operator !== "eq" ||
    !Object.is(on[0]!.value, end.value) ||
    filtersId(parsed.filters, end.field) !== end.filters ||
    Date.now() - end.at > PAGE_END_MS
  ) return undefined;
  pageEnds.get(scope)?.delete(source);
  return end.rows as T[];
}

/**
 * A request that loads an ordered page: one sort field (sent to the API as the sort parameter) and a limit. Its
 * sort field, and the limit to send: by another field than the key, one row more, which tells whether the rows
 * that tie with the page's last row go on after it.
 */
function orderedPage<T>(
  source: ResourceSource<T>,
  list: ListSource<T>,
  params: Record<string, unknown>,
  options: LoadSubsetOptions | undefined,
): { field: string; limit: number; peek: boolean } | undefined {
  if (!list.sort || !has(params, list.sort.param) || !list.limit) {
    return undefined;
  }
  const limit = params[list.limit];
  if (typeof limit !== "number") return undefined;
  const sorts = parsedOf(options)?.sorts;
  const field = sorts?.length === 1 ? fieldOf(sorts[0]!.field) : undefined;
  if (field === undefined) return undefined;
  const room = list.maxLimit === undefined || limit + 1 <= list.maxLimit;
  return { field, limit, peek: field !== source.key && room };
}

/**
 * An ordered page's rows (without the peeked row), and its end kept when the page holds every row that ties with
 * its last one (see {@link pageEnds}).
 */
function keepPageEnd<T>(
  source: ResourceSource<T>,
  options: LoadSubsetOptions | undefined,
  scope: object | undefined,
  page: { field: string; limit: number; peek: boolean },
  rows: T[],
): T[] {
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1] as Record<string, unknown> | undefined;
  if (!scope || !last) return shown;
  const value = last[page.field];
  const after = rows[page.limit] as Record<string, unknown> | undefined;
  const complete = page.field === source.key || rows.length < page.limit ||
    (after !== undefined && !Object.is(after[page.field], value));
  if (!complete) return shown;
  let ends = pageEnds.get(scope);
  if (!ends) pageEnds.set(scope, ends = new WeakMap());
  ends.set(source, {
    field: page.field,
    value,
    filters: filtersId(parsedOf(options)?.filters ?? [], page.field),
    rows: shown.filter((row) =>
      Object.is((row as Record<string, unknown>)[page.field], value)
    ),
    at: Date.now(),
  });
  return shown;
}

async function loadAnswer<T>(
  source: ResourceSource<T>,
  options: LoadSubsetOptions | undefined,
  signal: AbortSignal | undefined,
  withPage: boolean,
  scope?: object,
): Promise<SubsetAnswer<T>> {
  const ties = takePageEnd(source, options, scope);
  if (ties !== undefined) return { items: ties, page: undefined };
  const plan = planLoad(source, options);
  switch (plan.kind) {
    case "none":
      throw new Error(
        "Cannot load " + source.name + " for this query: " + plan.reason,
      );
    case "get": {
      const { get } = source;
      if (!get) return { items: [], page: undefined };
      const rows = await mapLimited(
        plan.requests,
        MAX_IN_FLIGHT,
        (r) =>
          get.fetch(r.path, r.key, signal).catch((error: unknown) => {
            if (isNotFound(error)) return undefined;
            throw error;
          }),
      );
      return {
        items: rows.filter((row): row is Awaited<T> =>
          row !== undefined
        ) as T[],
        page: undefined,
      };
    }
    case "list": {
      const { list } = source;
      if (!list) return { items: [], page: undefined };
      const pages = withPage && plan.requests.length === 1;
      // an ordered page the API sorts and cuts (its sort and limit are sent): its end answers the ties
      const ordered = plan.requests.length === 1
        ? orderedPage(source, list, plan.requests[0]!.params, options)
        : undefined;
      if (ordered?.peek) {
        put(plan.requests[0]!.params, list.limit!, ordered.limit + 1);
      }
      // a window of a list that pages by cursor alone: through its pager, from the window's offset
      const cursor = list.offset ? undefined : list.cursor;
      if (ordered && cursor && list.fetchPage && isClient(scope)) {
        const { path, params } = plan.requests[0]!;
        const limit = params[list.limit!] as number;
        const rows = await readByCursor(
          source,
          list,
          path,
          params,
          { offset: options?.offset ?? 0, limit },
          signal,
          scope,
          cursor,
        );
        return {
          items: keepPageEnd(source, options, scope, ordered, rows),
          page: undefined,
        };
      }
      const answers = await mapLimited(
        plan.requests,
        MAX_IN_FLIGHT,
        (r) => fetchAll(source, list, r.path, r.params, signal, pages),
      );
      if (answers.length === 1) {
        const answer = answers[0]!;
        if (!ordered) return answer;
        return {
          ...answer,
          items: keepPageEnd(source, options, scope, ordered, answer.items),
        };
      }
      const byKey = new Map<unknown, T>();
      for (const row of answers.flatMap((a) => a.items)) {
        byKey.set((row as Record<string, unknown>)[source.key], row);
      }
      return { items: [...byKey.values()], page: undefined };
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
  const key: unknown[] = [...base, {
    list: plan.requests.map((r) => [r.path, r.params]),
  }];
  // a window of a list that pages by cursor: no offset parameter tells windows apart, so the key does
  const list = source.list;
  if (list?.cursor && !list.offset && options?.offset) {
    key.push({ offset: options.offset });
  }
  return key;
}

/** At most this many pages for one request of a subset. */
const MAX_PAGES = 1000;

/**
 * One list request, page by page when the list has limit and offset parameters and the request sets no limit
 * of its own: the rows of every page until a short one (or one with no new rows: a server ignoring offset).
 * With withPage and a page call, through it: then `page` is the last answer's wrapper fields.
 */
async function fetchAll<T>(
  source: ResourceSource<T>,
  list: ListSource<T>,
  path: readonly unknown[],
  params: Record<string, unknown>,
  signal: AbortSignal | undefined,
  withPage: boolean,
): Promise<SubsetAnswer<T>> {
  const fetchPage = withPage ? list.fetchPage : undefined;
  const fetchOne = async (query: Record<string, unknown>) =>
    fetchPage
      ? await fetchPage(path, query, signal)
      : { items: await list.fetch(path, query, signal), page: undefined };
  const cursor = list.offset ? undefined : list.cursor;
  if (cursor && list.fetchPage && !(list.limit && has(params, list.limit))) {
    return await fetchByCursor(source, list, path, params, signal, cursor);
  }
  if (!list.limit || !list.offset || has(params, list.limit)) {
    return await fetchOne(params);
  }
  const size = list.pageSize ?? 100;
  const rows: T[] = [];
  const seen = new Set<unknown>();
  let last: object | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchOne({
      ...params,
      [list.limit]: size,
      [list.offset]: page * size,
    });
    last = answer.page;
    let fresh = 0;
    for (const row of answer.items) {
      const key = (row as Record<string, unknown>)[source.key];
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(row);
      fresh++;
    }
    if (answer.items.length < size || fresh === 0) break;
  }
  return { items: rows, page: last };
}

/** The cursor in a wrapper's next field: a non-empty string (a number as text), else null (no next page). */
function nextCursor(page: object | undefined, field: string): string | null {
  const value = page === undefined
    ? undefined
    : (page as Record<string, unknown>)[field];
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Every page of one list request that pages by cursor: from the first, following the wrapper's next cursor until
 * there is none (or it repeats). `page` is the last page's wrapper fields.
 */
async function fetchByCursor<T>(
  source: ResourceSource<T>,
  list: ListSource<T>,
  path: readonly unknown[],
  params: Record<string, unknown>,
  signal: AbortSignal | undefined,
  cursor: { param: string; next: string },
): Promise<SubsetAnswer<T>> {
  const rows: T[] = [];
  const seen = new Set<unknown>();
  const cursors = new Set<string>();
  let at: string | null = null;
  let last: object | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = { ...params };
    if (list.limit && list.pageSize !== undefined) {
      put(query, list.limit, list.pageSize);
    }
    if (at !== null) put(query, cursor.param, at);
    const answer = await list.fetchPage!(path, query, signal);
    last = answer.page;
    for (const row of answer.items) {
      const key = (row as Record<string, unknown>)[source.key];
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(row);
    }
    at = nextCursor(answer.page, cursor.next);
    if (at === null || cursors.has(at)) break;
    cursors.add(at);
  }
  return { items: rows, page: last };
}

/** One pager per QueryClient and ordered, filtered list (see {@link readByCursor}). */
const pagers = new WeakMap<
  object,
  Map<string, { pager: CursorPager<unknown>; served: Set<string> }>
>();

/** How long a cursor pager's pages stay fresh: loading more reuses them; a refetch of a window starts over. */
const PAGER_STALE_MS = 60_000;

/**
 * A window (offset and limit) of an ordered list that pages by cursor, through query-db-collection's
 * `createCursorPager`: its pages (of the first window's size) live in the QueryClient under their own key beside
 * the entity's, and loading the next window fetches only the pages it lacks. A window asked for again (a refetch:
 * a broadcast event, `refetch()`) starts the pages over.
 */
async function readByCursor<T>(
  source: ResourceSource<T>,
  list: ListSource<T>,
  path: readonly unknown[],
  params: Record<string, unknown>,
  window: { offset: number; limit: number },
  signal: AbortSignal | undefined,
  client: QueryClient,
  cursor: { param: string; next: string },
): Promise<T[]> {
  const base = { ...params };
  if (list.limit) delete base[list.limit];
  const id = JSON.stringify([source.name, path, base]);
  let byList = pagers.get(client);
  if (!byList) pagers.set(client, byList = new Map());
  let entry = byList.get(id);
  if (!entry) {
    const size = window.limit;
    const pager = createCursorPager<unknown>({
      queryClient: client,
      queryKey: ["@sync/patterns:pages", source.name, path, base, size],
      staleTime: PAGER_STALE_MS,
      fetchPage: async (at, pageSignal) => {
        const query = { ...base };
        if (list.limit) put(query, list.limit, size);
        if (at !== undefined) put(query, cursor.param, at);
        const answer = await list.fetchPage!(path, query, pageSignal);
        return {
          rows: answer.items,
          nextCursor: nextCursor(answer.page, cursor.next),
        };
      },
    });
    byList.set(id, entry = { pager, served: new Set() });
  }
  const asked = window.offset + "/" + window.limit;
  if (entry.served.has(asked)) {
    entry.pager.reset();
    entry.served.clear();
  }
  entry.served.add(asked);
  return await entry.pager.read(window, signal) as T[];
}

/** What a list hook asks for: its where conditions (by field), sort and window. */
export interface QueryShape {
  /** Field → value (eq), list of values (any of) or null (is null). */
  conditions: readonly (readonly [string, unknown])[];
  sorts: readonly (readonly [string, "asc" | "desc"])[];
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * The {@link subsetKey} of the subset that TanStack DB asks the collection for when a live query of this shape
 * (with no other source's filter) loads: its where as the same expressions, its order, and a window of
 * `offset + limit` rows from the start (TanStack DB loads the rows before the offset too). A hook finds its
 * subset's query, and the page fields kept there, by it.
 *
 * @param base The collection's key prefix.
 * @param source The resource's operations.
 * @param shape The live query's conditions, sort and window.
 */
export function subsetKeyOf<T>(
  base: readonly unknown[],
  source: ResourceSource<T>,
  shape: QueryShape,
): unknown[] {
  const parts = shape.conditions.map(([name, value]) => {
    const ref = new IR.PropRef([name]);
    return value === null
      ? isNull(ref)
      : Array.isArray(value)
      ? inArray(ref, value)
      : eq(ref, value);
  });
  const [first, second, ...rest] = parts;
  const options: LoadSubsetOptions = {};
  if (first) options.where = second ? and(first, second, ...rest) : first;
  if (shape.sorts.length > 0) {
    options.orderBy = shape.sorts.map(([name, direction]) => ({
      expression: new IR.PropRef([name]),
      compareOptions: { direction, nulls: "first" as const },
    }));
  }
  if (shape.limit !== undefined) {
    options.limit = (shape.offset ?? 0) + shape.limit;
  }
  return subsetKey(base, source, options);
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

/**
 * The options of a query collection of rows `T` with keys `TKey`, loaded by its query function (no `schema`); a
 * query answers `TQueryData` (the rows, or a page that `select` takes the rows from).
 */
export type RowCollectionConfig<
  T extends object,
  TKey extends string | number,
  TQueryData = Array<T>,
> =
  & QueryCollectionConfig<
    T,
    (
      context: QueryFunctionContext<QueryKey>,
    ) => TQueryData | Promise<TQueryData>,
    unknown,
    QueryKey,
    TKey,
    never,
    TQueryData
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
  TQueryData = Array<T>,
>(
  config: RowCollectionConfig<T, TKey, TQueryData>,
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
