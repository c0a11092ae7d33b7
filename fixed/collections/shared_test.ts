// Unit tests of the loader that every generated collection uses: subset planning, paging and fan-out.
// They run in the consumer environment (tests/fixed_test.ts), next to the real @tanstack/db.
import assert from "node:assert/strict";
import { IR, type LoadSubsetOptions } from "@tanstack/db";
import {
  type ListSource,
  loadSubset,
  loadSubsetPage,
  MAX_FANOUT,
  MAX_IN_FLIGHT,
  MAX_VALUES,
  planLoad,
  type ResourceSource,
  subsetKey,
  subsetKeyOf,
} from "./shared.ts";

interface Row {
  id: number;
  class_id: number;
  name: string;
}

const ref = (field: string) => new IR.PropRef([field]);
const eq = (field: string, value: unknown) =>
  new IR.Func("eq", [ref(field), new IR.Value(value)]);
const inArray = (field: string, values: unknown[]) =>
  new IR.Func("in", [ref(field), new IR.Value(values)]);
const and = (...args: IR.BasicExpression[]) => new IR.Func("and", args);
const where = (
  expression: IR.BasicExpression<boolean>,
  rest: Omit<LoadSubsetOptions, "where"> = {},
): LoadSubsetOptions => ({ where: expression, ...rest });

const noFetch = () => Promise.reject(new Error("not called"));

/** Students: listed under a class (`/classes/{class_id}/students`). */
function nested(list: Partial<ListSource<Row>> = {}): ResourceSource<Row> {
  return {
    name: "students",
    key: "id",
    list: {
      path: ["class_id"],
      eq: { name: "name" },
      in: {},
      required: [],
      fetch: noFetch,
      ...list,
    },
    get: { path: ["class_id"], fetch: noFetch },
  };
}

/** Classes: a flat list filtering by a set of ids, with sort, limit and offset. */
function flat(list: Partial<ListSource<Row>> = {}): ResourceSource<Row> {
  return {
    name: "classes",
    key: "id",
    list: {
      path: [],
      eq: {},
      in: { id: "ids" },
      required: [],
      sort: { param: "sort" },
      limit: "limit",
      offset: "offset",
      fetch: noFetch,
      ...list,
    },
    get: { path: [], fetch: noFetch },
  };
}

Deno.test("planLoad: a nested list needs its parent id, and sends the filters", () => {
  assert.deepEqual(planLoad(nested(), undefined), {
    kind: "none",
    reason:
      "the list path needs class_id (filter by class_id to load students)",
  });
  assert.deepEqual(
    planLoad(nested(), where(and(eq("class_id", 7), eq("name", "Ada")))),
    { kind: "list", requests: [{ path: [7], params: { name: "Ada" } }] },
  );
});

Deno.test("planLoad: one id is a get; several ids a list by set, in slices", () => {
  assert.deepEqual(planLoad(flat(), where(eq("id", 3))), {
    kind: "get",
    requests: [{ path: [], key: 3 }],
  });
  assert.deepEqual(planLoad(flat(), where(inArray("id", [1, 2, 2]))), {
    kind: "list",
    requests: [{ path: [], params: { ids: [1, 2] } }],
  });
  const many = Array.from({ length: MAX_VALUES + 1 }, (_, i) => i);
  const plan = planLoad(flat(), where(inArray("id", many)));
  assert.equal(plan.kind, "list");
  assert.deepEqual(
    plan.kind === "list" ? plan.requests.map((r) => r.params.ids) : [],
    [many.slice(0, MAX_VALUES), many.slice(MAX_VALUES)],
  );
});

Deno.test("planLoad: without a list filter by id, one get per id, never the whole list", () => {
  const source = flat({ in: {} });
  const few = planLoad(source, where(inArray("id", [1, 2])));
  assert.equal(few.kind, "get");
  const ids = Array.from({ length: MAX_FANOUT + 1 }, (_, i) => i);
  assert.deepEqual(planLoad(source, where(inArray("id", ids))), {
    kind: "get",
    requests: ids.map((key) => ({ path: [], key })),
  });
});

Deno.test("planLoad: an include over many parents, filtered one parent at a time, fans out per parent", () => {
  const parents = Array.from({ length: 125 }, (_, i) => i);
  const source = flat({ eq: { class_id: "class_id" } });
  const plan = planLoad(source, where(inArray("class_id", parents)));
  assert.deepEqual(plan, {
    kind: "list",
    requests: parents.map((class_id) => ({ path: [], params: { class_id } })),
  });
});

Deno.test("planLoad: a nested include over many parents lists under each parent", () => {
  const parents = Array.from({ length: MAX_FANOUT + 5 }, (_, i) => i);
  const plan = planLoad(nested(), where(inArray("class_id", parents)));
  assert.deepEqual(plan, {
    kind: "list",
    requests: parents.map((class_id) => ({ path: [class_id], params: {} })),
  });
});

Deno.test("loadSubset: at most MAX_IN_FLIGHT requests at a time", async () => {
  let inFlight = 0;
  let most = 0;
  const source = flat({
    eq: { class_id: "class_id" },
    limit: undefined,
    fetch: async (_path, params) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return [{ id: params.class_id as number, class_id: 0, name: "" }];
    },
  });
  const parents = Array.from({ length: 40 }, (_, i) => i);
  const rows = await loadSubset(
    source,
    where(inArray("class_id", parents)),
    undefined,
  );
  assert.equal(rows.length, 40);
  assert.equal(most, MAX_IN_FLIGHT);
});

Deno.test("subsetKey: a sorted page the API cannot sort and TanStack DB's next page share one key", () => {
  const source = flat({ sort: undefined });
  const orderBy: IR.OrderBy = [{
    expression: ref("name"),
    compareOptions: { direction: "desc", nulls: "last" },
  }];
  const base = ["classes"] as const;
  const page = subsetKey(base, source, { orderBy, limit: 10 });
  const next = subsetKey(base, source, {
    orderBy,
    limit: 10,
    where: new IR.Func("lt", [ref("name"), new IR.Value("m")]),
  });
  assert.deepEqual(
    page,
    ["classes"],
    "the whole list: the collection's prefix",
  );
  assert.deepEqual(next, page);
  const sortable = subsetKey(base, flat(), { orderBy, limit: 10 });
  assert.deepEqual(sortable, ["classes", {
    list: [[[], { sort: "-name", limit: 10 }]],
  }]);
});

Deno.test("planLoad: a filter of one value at a time fans out per value", () => {
  const source = flat({ eq: { name: "name" } });
  const plan = planLoad(source, where(inArray("name", ["a", "b", "c"])));
  assert.deepEqual(plan, {
    kind: "list",
    requests: ["a", "b", "c"].map((name) => ({ path: [], params: { name } })),
  });
});

Deno.test("planLoad: sort, limit and offset only when the request is exact", () => {
  const orderBy: IR.OrderBy = [{
    expression: ref("name"),
    compareOptions: { direction: "desc", nulls: "last" },
  }];
  const options = { orderBy, limit: 10, offset: 20 };
  assert.deepEqual(planLoad(flat(), options), {
    kind: "list",
    requests: [{
      path: [],
      params: { sort: "-name", limit: 10, offset: 20 },
    }],
  });
  // a filter the API cannot send: the superset, unsorted and whole
  assert.deepEqual(planLoad(flat(), where(eq("name", "x"), options)), {
    kind: "list",
    requests: [{ path: [], params: {} }],
  });
});

Deno.test("loadSubset: pages until a short page, then merges fanned-out answers", async () => {
  const calls: Record<string, unknown>[] = [];
  const rows = Array.from(
    { length: 5 },
    (_, i): Row => ({ id: i, class_id: 1, name: "n" + i }),
  );
  const source = flat({
    pageSize: 2,
    fetch: (_path, params) => {
      calls.push(params);
      const offset = params.offset as number;
      return Promise.resolve(rows.slice(offset, offset + 2));
    },
  });
  const all = await loadSubset(source, undefined, undefined);
  assert.deepEqual(all.map((r) => r.id), [0, 1, 2, 3, 4]);
  assert.deepEqual(calls.map((p) => p.offset), [0, 2, 4]);

  const byName = flat({
    eq: { name: "name" },
    limit: undefined,
    fetch: (_path, params) =>
      Promise.resolve(rows.filter((r) => r.name === params.name)),
  });
  const merged = await loadSubset(
    byName,
    where(inArray("name", ["n1", "n3"])),
    undefined,
  );
  assert.deepEqual(merged.map((r) => r.id), [1, 3]);
});

Deno.test("loadSubset: a subset no operation can load is an error, not an empty answer", async () => {
  await assert.rejects(
    () => loadSubset(nested(), undefined, undefined),
    /Cannot load students for this query: the list path needs class_id/,
  );
});

/** A wrapped list of `count` rows, `{ items, total, next }`, answering limit/offset windows; records its calls. */
function wrapped(count: number, calls: Record<string, unknown>[]) {
  const rows: Row[] = Array.from(
    { length: count },
    (_, i) => ({ id: i, class_id: i % 2, name: "r" + i }),
  );
  const answer = (params: Record<string, unknown>) => {
    calls.push(params);
    const matching = rows.filter((r) =>
      params.class_id === undefined || r.class_id === params.class_id
    );
    if (typeof params.sort === "string") {
      const desc = params.sort.startsWith("-");
      const name = (desc ? params.sort.slice(1) : params.sort) as keyof Row;
      matching.sort((a, b) =>
        (a[name] < b[name] ? -1 : a[name] > b[name] ? 1 : 0) * (desc ? -1 : 1)
      );
    }
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? matching.length);
    const items = matching.slice(offset, offset + limit);
    return {
      items,
      page: {
        total: matching.length,
        next: offset + limit < matching.length
          ? "after " + (offset + limit)
          : null,
      },
    };
  };
  return flat({
    eq: { class_id: "class_id" },
    pageSize: 10,
    fetch: (_path, params) => Promise.resolve(answer(params).items),
    fetchPage: (_path, params) => Promise.resolve(answer(params)),
  });
}

Deno.test("loadSubsetPage: one request keeps its wrapper fields; over several pages, the last page's", async () => {
  const calls: Record<string, unknown>[] = [];
  const source = wrapped(25, calls);
  const one = await loadSubsetPage(
    source,
    where(eq("class_id", 1), {
      orderBy: [{
        expression: new IR.PropRef(["id"]),
        compareOptions: { direction: "asc", nulls: "first" },
      }],
      limit: 4,
    }),
    undefined,
  );
  assert.deepEqual([...calls], [{ class_id: 1, sort: "id", limit: 4 }]);
  assert.deepEqual(one.items.map((r) => r.id), [1, 3, 5, 7]);
  assert.deepEqual(one.page, { total: 12, next: "after 4" });

  calls.length = 0;
  const all = await loadSubsetPage(source, undefined, undefined);
  assert.deepEqual(calls.map((c) => c.offset), [0, 10, 20]);
  assert.equal(all.items.length, 25);
  assert.deepEqual(all.page, { total: 25, next: null });
  // the plain loader: the rows only, through the plain list call
  assert.deepEqual(
    (await loadSubset(source, undefined, undefined)).map((r) => r.id),
    all.items.map((r) => r.id),
  );
});

Deno.test("loadSubsetPage: a subset of several requests (one per parent) has no page", async () => {
  const calls: Record<string, unknown>[] = [];
  const answer = await loadSubsetPage(
    wrapped(6, calls),
    where(inArray("class_id", [0, 1])),
    undefined,
  );
  assert.equal(calls.length, 2);
  assert.equal(answer.items.length, 6);
  assert.equal(answer.page, undefined);
});

Deno.test("subsetKeyOf: the key of the subset TanStack DB asks for, from a live query's where, sort and window", () => {
  const base = ["classes"];
  const source = wrapped(0, []);
  const byId = [{
    expression: new IR.PropRef(["id"]),
    compareOptions: { direction: "desc" as const, nulls: "first" as const },
  }];
  assert.deepEqual(
    subsetKeyOf(base, source, {
      conditions: [["class_id", 1], ["id", [1, 2]]],
      sorts: [["id", "desc"]],
      limit: 5,
      offset: 10,
    }),
    subsetKey(
      base,
      source,
      where(and(eq("class_id", 1), inArray("id", [1, 2])), {
        orderBy: byId,
        limit: 15,
      }),
    ),
  );
  assert.deepEqual(
    subsetKeyOf(base, source, { conditions: [], sorts: [] }),
    base,
  );
  assert.notDeepEqual(
    subsetKeyOf(base, source, { conditions: [["class_id", 1]], sorts: [] }),
    subsetKeyOf(base, source, { conditions: [["class_id", 0]], sorts: [] }),
  );
});

Deno.test("loadSubsetPage: the ties of a key-sorted page's last row come from the page, once, in its scope only", async () => {
  const calls: Record<string, unknown>[] = [];
  const gets: unknown[] = [];
  const source = wrapped(9, calls);
  source.get = {
    path: [],
    fetch: (_path, key) => {
      gets.push(key);
      return Promise.resolve({ id: Number(key), class_id: 1, name: "fetched" });
    },
  };
  const byId = [{
    expression: new IR.PropRef(["id"]),
    compareOptions: { direction: "asc" as const, nulls: "first" as const },
  }];
  const scope = {};
  const page = await loadSubsetPage(
    source,
    where(eq("class_id", 1), { orderBy: byId, limit: 3 }),
    undefined,
    scope,
  );
  assert.deepEqual(page.items.map((r) => r.id), [1, 3, 5]);
  assert.equal(calls.length, 1);
  // what TanStack DB asks next: the rows tying with the last one (the page's filters and id = 5)
  const tie = where(and(eq("class_id", 1), eq("id", 5)));
  assert.deepEqual(
    (await loadSubset(source, tie, undefined, {})).map((r) => r.name),
    ["fetched"],
    "another scope (QueryClient) fetches",
  );
  assert.deepEqual(
    (await loadSubset(source, tie, undefined, scope)).map((r) => r.name),
    ["r5"],
    "the page's row, no request",
  );
  assert.deepEqual(gets, [5]);
  await loadSubset(source, tie, undefined, scope);
  assert.deepEqual(gets, [5, 5], "once only: a refetch asks the server");
  // other filters than the page's: a request
  await loadSubsetPage(
    source,
    where(eq("class_id", 1), { orderBy: byId, limit: 3 }),
    undefined,
    scope,
  );
  await loadSubset(
    source,
    where(and(eq("class_id", 0), eq("id", 5))),
    undefined,
    scope,
  );
  assert.deepEqual(gets, [5, 5, 5]);
});

Deno.test("loadSubsetPage: by another field, one row more tells whether the page holds every tie of its last row", async () => {
  const calls: Record<string, unknown>[] = [];
  const source = wrapped(9, calls);
  const byClass = [{
    expression: new IR.PropRef(["class_id"]),
    compareOptions: { direction: "asc" as const, nulls: "first" as const },
  }];
  const scope = {};
  // class 0: ids 0, 2, 4, 6, 8; class 1: ids 1, 3, 5, 7
  const short = await loadSubsetPage(
    source,
    { orderBy: byClass, limit: 3 },
    undefined,
    scope,
  );
  assert.deepEqual(calls.at(-1), { sort: "class_id", limit: 4 });
  assert.deepEqual(
    short.items.map((r) => r.id),
    [0, 2, 4],
    "the row more is not part of the page",
  );
  await loadSubset(source, where(eq("class_id", 0)), undefined, scope);
  assert.equal(
    calls.length,
    2,
    "the ties go on after the page: the server is asked",
  );

  const full = await loadSubsetPage(
    source,
    { orderBy: byClass, limit: 5 },
    undefined,
    scope,
  );
  assert.deepEqual(full.items.map((r) => r.id), [0, 2, 4, 6, 8]);
  const ties = await loadSubset(
    source,
    where(eq("class_id", 0)),
    undefined,
    scope,
  );
  assert.deepEqual(ties.map((r) => r.id), [0, 2, 4, 6, 8]);
  assert.equal(
    calls.length,
    3,
    "the row after the page has another value: no request for the ties",
  );

  // not beyond the limit parameter's maximum: then the ties are the server's to answer
  source.list!.maxLimit = 5;
  await loadSubsetPage(
    source,
    { orderBy: byClass, limit: 5 },
    undefined,
    scope,
  );
  assert.deepEqual(calls.at(-1), { sort: "class_id", limit: 5 });
  await loadSubset(source, where(eq("class_id", 0)), undefined, scope);
  assert.equal(calls.length, 5);
});

Deno.test("subsetKey: windows of a list that pages by cursor alone differ by their offset", () => {
  const source = flat({
    offset: undefined,
    cursor: { param: "after", next: "next" },
  });
  const byId = [{
    expression: new IR.PropRef(["id"]),
    compareOptions: { direction: "asc" as const, nulls: "first" as const },
  }];
  const at = (offset: number) =>
    subsetKey(["classes"], source, { orderBy: byId, limit: 3, offset });
  assert.notDeepEqual(at(3), at(6));
  assert.deepEqual(
    at(0),
    subsetKey(["classes"], source, { orderBy: byId, limit: 3 }),
  );
});
