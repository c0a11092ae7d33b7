/**
 * Issue 9, defects 6 and 7: a full-replacement update (`PUT`) of a row that is not loaded; an include that can never
 * load, and the error of a query that cannot. Runs against an in-memory fake
 * of `tests/fixtures/data_layer_specs.ts#projectsSpec` (through `configureApi({ fetch })`); run by
 * `tests/data_layer_test.ts`.
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
  ApiError,
  configureApi,
  RequestBodyError,
  type UserInclude,
  useProjects,
  useTasks,
  useUpdateProject,
} from "../../.out/data-layer-projects/generated/index.ts";

type Row = Record<string, unknown>;

/** A lenient fake API: PUT keeps what the body has and drops what it lacks, as the server of the issue did. */
function fakeApi(rows: Row[]) {
  const requests: string[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    requests.push(`${method} ${url.pathname}${body ? " " + JSON.stringify(body) : ""}`);
    await Promise.resolve();
    if (url.pathname.endsWith("/tasks")) return json({ message: "tasks are down" }, 503);
    const m = url.pathname.match(/^\/projects\/([^/]+)$/);
    const row = m ? rows.find((r) => r.id === m[1]) : undefined;
    if (!m) return json(rows);
    if (!row) return json({ message: "not found" }, 404);
    if (method === "PUT") {
      for (const key of Object.keys(row)) if (key !== "id") delete row[key];
      Object.assign(row, body);
    }
    return json(row);
  };
  return { fetch, requests, rows };
}

function setup(rows: Row[]) {
  const api = fakeApi(rows);
  configureApi({ baseUrl: "http://api.test", fetch: api.fetch });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={client}>{children}</DbProvider>
    </QueryClientProvider>
  );
  const { result } = renderHook(() => useUpdateProject(), { wrapper });
  return { api, result, done: () => queryClient.clear() };
}

Deno.test("PUT of a row that is not loaded: load it, merge, send the whole row; nothing is lost", async () => {
  const { api, result, done } = setup([{ id: "p1", name: "Old", workspaceId: "w1" }]);
  try {
    const saved = await act(() => result.current.mutateAsync({ id: "p1", data: { name: "New" } }));
    assert.deepEqual(api.requests, ["GET /projects/p1", 'PUT /projects/p1 {"name":"New","workspaceId":"w1"}']);
    assert.deepEqual(saved, { id: "p1", name: "New", workspaceId: "w1" });
    assert.deepEqual(api.rows[0], { id: "p1", name: "New", workspaceId: "w1" });
  } finally {
    cleanup();
    done();
  }
});

Deno.test("PUT whose body cannot be made valid: a RequestBodyError naming the field, and nothing sent", async () => {
  const { api, result, done } = setup([]);
  try {
    let error: unknown;
    await act(async () => {
      await result.current.mutateAsync({ id: "gone", data: { name: "New" } }).catch((e: unknown) => (error = e));
    });
    assert.ok(error instanceof RequestBodyError, String(error));
    assert.match(error.message, /update project gone: .*workspaceId.*nothing was sent/);
    assert.deepEqual(error.issues.map((i) => i.path.join(".")), ["workspaceId"]);
    assert.deepEqual(api.requests.filter((r) => !r.startsWith("GET")), [], "no PUT");
    assert.ok(result.current.error instanceof RequestBodyError);
  } finally {
    cleanup();
    done();
  }
});

Deno.test("an include that can never load is not offered; a query that cannot load says why in its error", async () => {
  const { api, done } = setup([]);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={client}>{children}</DbProvider>
    </QueryClientProvider>
  );
  try {
    // tasks are listed only under a project: a user's tasks can never load
    // @ts-expect-error "tasks" is not an include of users
    const include: UserInclude[] = ["tasks"];
    assert.ok(include);
    // two queries on one collection fail for different reasons: each hook has its own
    const { result } = renderHook(() => ({
      all: useTasks(),
      ofProject: useTasks({ where: { project_id: "p1" } }),
    }), { wrapper });
    await waitFor(() => {
      assert.equal(result.current.all.isError, true);
      assert.equal(result.current.ofProject.isError, true);
    });
    assert.match(
      String(result.current.all.error?.message),
      /Cannot load tasks for this query: the list path needs project_id/,
    );
    assert.ok(result.current.ofProject.error instanceof ApiError, String(result.current.ofProject.error));
    assert.equal(result.current.ofProject.error.status, 503);
    assert.deepEqual(api.requests, ["GET /projects/p1/tasks"]);
  } finally {
    cleanup();
    queryClient.clear();
    done();
  }
});

Deno.test("a 200 with HTML or rows of another shape is an ApiError of the query; the collection keeps its rows", async () => {
  const good = { id: "p1", name: "Kept", workspaceId: "w1" };
  const { done } = setup([good]);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={client}>{children}</DbProvider>
    </QueryClientProvider>
  );
  try {
    const { result } = renderHook(() => useProjects(), { wrapper });
    const rows = () => result.current.data.map(({ id, name, workspaceId }) => ({ id, name, workspaceId }));
    await waitFor(() => assert.deepEqual(rows(), [good]));
    const answers = [
      new Response("<html><body>Sign in</body></html>", { headers: { "content-type": "text/html" } }),
      new Response(JSON.stringify([{ id: 7 }, { name: "no id" }]), { headers: { "content-type": "application/json" } }),
    ];
    for (const reason of ["not-json", "invalid"]) {
      const answer = answers.shift()!;
      configureApi({ fetch: () => Promise.resolve(answer) });
      await act(async () => {
        await result.current.refetch();
      });
      // the failed refetch is the query's error (the hook keeps showing the rows it has)
      const failed = () => queryClient.getQueryCache().getAll().map((q) => q.state.error).find((e) => e !== null);
      await waitFor(() => assert.ok(failed() instanceof ApiError));
      const error = failed() as ApiError;
      queryClient.getQueryCache().getAll().forEach((q) => q.setState({ error: null }));
      assert.deepEqual([error.status, error.reason], [200, reason]);
      assert.deepEqual(rows(), [good], "no row of the bad answer reaches the collection");
    }
  } finally {
    cleanup();
    queryClient.clear();
    done();
  }
});
