/**
 * The generated data layer of `tests/fixtures/data_layer_specs.ts#schoolSpec` against an in-memory fake of its API
 * (through `configureApi({ fetch })`): how subsets become requests (nested paths, id sets, fan-out, sort, paging),
 * includes across a self relation, and writes to nested resources. Run by `tests/data_layer_test.ts`.
 *
 * @module
 */
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import type { ReactNode } from "react";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  configureApi,
  useClass,
  useClasses,
  useClassesInfinite,
  useCreateClass,
  useCreateStudent,
  useStudent,
  useStudents,
  useUpdateStudent,
} from "../../.out/data-layer/generated/index.ts";

type Row = Record<string, unknown>;

/** The fake API: three classes (2 and 3 in 1), students of 1 and 2, every request line. */
function fakeApi() {
  const classes: Row[] = [
    { id: 1, name: "Maths", room: "A", parent_id: null, created_at: "2025-01-01T00:00:00.000Z" },
    { id: 2, name: "Algebra", room: "B", parent_id: 1, created_at: "2025-01-01T00:00:00.000Z" },
    { id: 3, name: "Geometry", room: "C", parent_id: 1, created_at: "2025-01-01T00:00:00.000Z" },
  ];
  const students: Row[] = [
    { id: "00000000-0000-4000-8000-000000000001", class_id: 1, name: "Ada" },
    { id: "00000000-0000-4000-8000-000000000002", class_id: 2, name: "Alan" },
  ];
  const requests: string[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    requests.push(`${method} ${decodeURIComponent(url.pathname + url.search)}`);
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    const q = url.searchParams;
    let m: RegExpMatchArray | null;
    await Promise.resolve();
    if (url.pathname === "/classes" && method === "GET") {
      let rows = classes.filter((c) =>
        (!q.has("id") || q.getAll("id").includes(String(c.id))) &&
        (!q.has("parent_id") || String(c.parent_id) === q.get("parent_id"))
      );
      const sort = q.get("sort");
      if (sort) {
        const dir = sort.startsWith("-") ? -1 : 1;
        const field = sort.replace(/^-/, "");
        rows = [...rows].sort((a, b) => String(a[field]).localeCompare(String(b[field])) * dir);
      }
      const offset = Number(q.get("offset") ?? 0);
      return json(rows.slice(offset, offset + Number(q.get("limit") ?? 2))); // the server's own page size: 2
    }
    if (url.pathname === "/classes" && method === "POST") {
      const row = {
        id: classes.length + 1,
        room: "TBD",
        parent_id: null,
        created_at: new Date().toISOString(),
        ...body,
      };
      classes.push(row);
      return json(row, 201);
    }
    if ((m = url.pathname.match(/^\/classes\/(\d+)$/))) {
      const row = classes.find((c) => String(c.id) === m![1]);
      return row ? json(row) : json({ message: "not found" }, 404);
    }
    if ((m = url.pathname.match(/^\/classes\/(\d+)\/students$/))) {
      const classId = Number(m[1]);
      if (method === "POST") {
        const row = { id: crypto.randomUUID(), class_id: classId, ...body };
        students.push(row);
        return json(row, 201);
      }
      return json(students.filter((s) => s.class_id === classId));
    }
    if ((m = url.pathname.match(/^\/classes\/(\d+)\/students\/([^/]+)$/))) {
      const row = students.find((s) => String(s.class_id) === m![1] && s.id === m![2]);
      if (!row) return json({ message: "not found" }, 404);
      if (method === "PUT") Object.assign(row, body);
      return json(row);
    }
    return json({ message: "no route" }, 404);
  };
  return { classes, students, requests, fetch };
}

function setup() {
  const api = fakeApi();
  configureApi({ baseUrl: "http://school.test", fetch: api.fetch as typeof fetch });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={client}>{children}</DbProvider>
    </QueryClientProvider>
  );
  return {
    api,
    wrapper,
    dispose() {
      cleanup();
      queryClient.clear();
    },
  };
}

const ADA = "00000000-0000-4000-8000-000000000001";

Deno.test("a list without a limit reads every page of a paged list", async () => {
  const a = setup();
  try {
    const { result } = renderHook(() => useClasses(), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(result.current.isReady, true));
    assert.deepEqual(result.current.data.map((c) => c.id).sort(), [1, 2, 3]);
    assert.deepEqual(a.api.requests, ["GET /classes?limit=50&offset=0"]);
  } finally {
    a.dispose();
  }
});

Deno.test("sort and limit go to the API when it can sort by the field", async () => {
  const a = setup();
  try {
    const sorted = renderHook(() => useClasses({ orderBy: { name: "asc" }, limit: 2 }), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(sorted.result.current.isReady, true));
    assert.deepEqual(sorted.result.current.data.map((c) => c.name), ["Algebra", "Geometry"]);
    // one row more: whether the rows that tie with the page's last name go on after it (collections/shared.ts)
    assert.equal(a.api.requests[0], "GET /classes?sort=name&limit=3");
  } finally {
    a.dispose();
  }
});

Deno.test("a set of ids is one request when the list filters by ids", async () => {
  const a = setup();
  try {
    const some = renderHook(() => useClasses({ where: { id: [1, 3] } }), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(some.result.current.data.length, 2));
    assert.deepEqual(a.api.requests, ["GET /classes?id=1&id=3&limit=50&offset=0"]);
  } finally {
    a.dispose();
  }
});

Deno.test("includes across a self relation and into a nested resource", async () => {
  const a = setup();
  try {
    const { result } = renderHook(() => useClass(2, { include: ["parent", "children", "students"] }), {
      wrapper: a.wrapper,
    });
    await waitFor(() => {
      assert.equal(result.current.data?.parent?.name, "Maths");
      assert.equal(result.current.data?.students[0]?.name, "Alan");
    });
    assert.equal(result.current.data?.children.length, 0);
    const lines = a.api.requests.join("\n");
    assert.ok(a.api.requests.includes("GET /classes/2"), lines);
    assert.ok(a.api.requests.includes("GET /classes/1"), lines); // the parent: one id, its get
    assert.ok(a.api.requests.includes("GET /classes?parent_id=2&limit=50&offset=0"), lines); // the children
    assert.ok(a.api.requests.includes("GET /classes/2/students"), lines); // nested: class_id from the include
  } finally {
    a.dispose();
  }
});

Deno.test("a nested resource loads by its parent from where; without it, an error that says so", async () => {
  const a = setup();
  const error = console.error;
  console.error = () => {}; // TanStack DB logs the failed load
  try {
    const orphan = renderHook(() => useStudents(), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(orphan.result.current.isError, true));
    assert.match(
      String(orphan.result.current.error),
      /Cannot load students for this query: the list path needs class_id/,
    );
    assert.deepEqual(a.api.requests, []);

    const of1 = renderHook(() => useStudents({ where: { class_id: 1 } }), { wrapper: a.wrapper });
    await waitFor(() => assert.deepEqual(of1.result.current.data.map((s) => s.name), ["Ada"]));
    const one = renderHook(() => useStudent(ADA, { where: { class_id: 1 } }), { wrapper: a.wrapper });
    await waitFor(() => assert.equal(one.result.current.data?.name, "Ada"));
    assert.deepEqual(a.api.requests, ["GET /classes/1/students", `GET /classes/1/students/${ADA}`]);
  } finally {
    console.error = error;
    a.dispose();
  }
});

Deno.test("writes to a nested resource put the parent id in the path; an integer key is temporary until saved", async () => {
  const a = setup();
  try {
    const { result } = renderHook(() => ({
      students: useStudents({ where: { class_id: 1 } }),
      classes: useClasses(),
      createStudent: useCreateStudent(),
      updateStudent: useUpdateStudent(),
      createClass: useCreateClass(),
    }), { wrapper: a.wrapper });
    await waitFor(() => assert.ok(result.current.students.isReady && result.current.classes.isReady));

    const created = await act(() => result.current.createStudent.mutateAsync({ class_id: 1, name: "Grace" }));
    assert.equal(created.class_id, 1);
    await waitFor(() => assert.ok(result.current.students.data.some((s) => s.id === created.id)));
    await act(() => result.current.updateStudent.mutateAsync({ id: created.id, data: { name: "Grace H." } }));
    assert.ok(a.api.requests.includes("POST /classes/1/students"));
    assert.ok(a.api.requests.includes(`PUT /classes/1/students/${created.id}`));
    assert.equal(a.api.students.find((s) => s.id === created.id)?.name, "Grace H.");

    let saving!: Promise<unknown>;
    act(() => {
      saving = result.current.createClass.mutateAsync({ name: "Physics" });
    });
    const temporary = result.current.classes.data.find((c) => c.name === "Physics");
    assert.ok(temporary && temporary.id < 0 && temporary.$hasPendingWrites === true, JSON.stringify(temporary));
    assert.equal(temporary.room, "TBD", "the spec's default until the server answers");
    await act(async () => void await saving);
    await waitFor(() => assert.ok(result.current.classes.data.some((c) => c.name === "Physics" && c.id === 4)));
    assert.equal(result.current.classes.data.filter((c) => c.name === "Physics").length, 1);
  } finally {
    a.dispose();
  }
});

/** Types only (never called): an infinite list orders by the fields the API sorts by (`sort`: `name`, `-name`). */
export function infiniteOrderIsTyped(): void {
  useClassesInfinite({ orderBy: { name: "desc" } });
  // @ts-expect-error the API cannot sort classes by id
  useClassesInfinite({ orderBy: { id: "asc" } });
}
