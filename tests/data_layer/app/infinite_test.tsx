/**
 * Issue 9, infinite lists: `usePostsInfinite` of `tests/fixtures/data_layer_specs.ts#feedSpec` against an in-memory
 * fake of its API (through `configureApi({ fetch })`), counting requests: `fetchNextPage()` loads the next page with
 * one request (limit and offset, sorted by the API), `hasNextPage` turns false after the last page, `where` and
 * `include` work page by page. Also the list hook's `page` (the wrapper's `total`). Run by `tests/data_layer_test.ts`.
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
  useEvents,
  useEventsInfinite,
  usePosts,
  usePostsInfinite,
} from "../../.out/data-layer-feed/generated/index.ts";

type Row = Record<string, unknown>;

/** The fake API: `count` posts (odd ids published), authors 1 and 2, every request line. */
function fakeApi(count: number) {
  const posts: Row[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    title: `Post ${String(count - i).padStart(3, "0")}`, // titles run against ids: sorting by title reverses them
    status: i % 2 === 0 ? "published" : "draft",
    author_id: (i % 2) + 1,
  }));
  const authors: Row[] = [{ id: 1, name: "Ada" }, { id: 2, name: "Alan" }];
  const events: Row[] = Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `Event ${i + 1}` }));
  const requests: string[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(`${init?.method ?? "GET"} ${decodeURIComponent(url.pathname + url.search)}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const q = url.searchParams;
    let m: RegExpMatchArray | null;
    if (url.pathname === "/posts") {
      let rows = posts.filter((p) =>
        (!q.has("status") || p.status === q.get("status")) &&
        (!q.has("author_id") || q.getAll("author_id").includes(String(p.author_id)))
      );
      const sort = q.get("sort");
      if (sort) {
        const [dir, name] = sort.startsWith("-") ? [-1, sort.slice(1)] : [1, sort];
        rows = [...rows].sort((a, b) => {
          const x = a[name] as string | number, y = b[name] as string | number;
          return (x < y ? -1 : x > y ? 1 : 0) * dir;
        });
      }
      const offset = Number(q.get("offset") ?? 0);
      const limit = Number(q.get("limit") ?? 100);
      return json({ data: rows.slice(offset, offset + limit), total: rows.length });
    }
    if ((m = url.pathname.match(/^\/posts\/(\d+)$/))) {
      const row = posts.find((p) => String(p.id) === m![1]);
      return row ? json(row) : json({ message: "not found" }, 404);
    }
    if (url.pathname === "/events") {
      // an opaque cursor: the position of the next row, encoded
      const rows = q.get("sort") === "-id" ? [...events].reverse() : events;
      const start = q.has("cursor") ? Number(atob(q.get("cursor")!)) : 0;
      const end = start + Number(q.get("limit") ?? 2); // the server's own page size: 2
      return json({ data: rows.slice(start, end), next_cursor: end < rows.length ? btoa(String(end)) : null });
    }
    if ((m = url.pathname.match(/^\/events\/(\d+)$/))) {
      const row = events.find((e) => String(e.id) === m![1]);
      return row ? json(row) : json({ message: "not found" }, 404);
    }
    if (url.pathname === "/authors") {
      return json(authors.filter((a) => !q.has("id") || q.getAll("id").includes(String(a.id))));
    }
    if ((m = url.pathname.match(/^\/authors\/(\d+)$/))) {
      const row = authors.find((a) => String(a.id) === m![1]);
      return row ? json(row) : json({ message: "not found" }, 404);
    }
    return json({ message: "no route" }, 404);
  };
  return { posts, events, requests, fetch };
}

const queryClients: QueryClient[] = [];

function setup(count: number) {
  const api = fakeApi(count);
  configureApi({ baseUrl: "http://feed.test", fetch: api.fetch });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClients.push(queryClient);
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={client}>{children}</DbProvider>
    </QueryClientProvider>
  );
  return { api, wrapper, queryClient };
}

function scenario(name: string, fn: () => Promise<void>) {
  Deno.test({
    name,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      try {
        await fn();
      } finally {
        cleanup();
        queryClients.splice(0).forEach((c) => c.clear());
      }
    },
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const lists = (requests: string[]) => requests.filter((r) => r.startsWith("GET /posts?"));

scenario(
  "infinite: each fetchNextPage is one request for the next page; hasNextPage turns false at the end",
  async () => {
    const { api, wrapper } = setup(7);
    const { result } = renderHook(() => usePostsInfinite({ pageSize: 3 }), { wrapper });
    assert.equal(result.current.isLoading, true);
    await waitFor(() => assert.equal(result.current.isLoading, false));
    await act(() => sleep(50)); // room for any further load
    const ids = () => result.current.data.map((p) => p.id);
    assert.deepEqual(ids(), [1, 2, 3]);
    assert.deepEqual(result.current.pages.map((page) => page.length), [3]);
    assert.equal(result.current.hasNextPage, true);
    // the first page with one row more, to know there is a next page (TanStack DB then asks for the rows that
    // tie with that row: by key, the row the page brought, so no request)
    assert.deepEqual(api.requests, ["GET /posts?sort=id&limit=4"]);

    let before = api.requests.length;
    await act(() => result.current.fetchNextPage());
    await waitFor(() => assert.equal(result.current.data.length, 6));
    await act(() => sleep(50));
    assert.deepEqual(ids().slice(3), [4, 5, 6]);
    assert.deepEqual(api.requests.slice(before), ["GET /posts?sort=id&limit=3&offset=4"], "one request a page");
    assert.equal(result.current.hasNextPage, true);

    before = api.requests.length;
    await act(() => result.current.fetchNextPage());
    await waitFor(() => assert.equal(result.current.data.length, 7));
    await act(() => sleep(50));
    assert.deepEqual(api.requests.slice(before), ["GET /posts?sort=id&limit=3&offset=7"], "one request a page");
    assert.deepEqual(result.current.pages.map((page) => page.length), [3, 3, 1]);
    assert.equal(result.current.hasNextPage, false, "the last page");
    assert.equal(result.current.isFetchingNextPage, false);

    // at the end, fetchNextPage asks for nothing
    before = api.requests.length;
    await act(() => result.current.fetchNextPage());
    await act(() => sleep(50));
    assert.deepEqual(api.requests.slice(before), []);
    assert.equal(result.current.data.length, 7);
  },
);

scenario("infinite: by another field than the key, still one request a page, never the whole list", async () => {
  const { api, wrapper } = setup(7);
  const { result } = renderHook(() => usePostsInfinite({ orderBy: { title: "asc" }, pageSize: 3 }), { wrapper });
  await waitFor(() => assert.equal(result.current.isLoading, false));
  await act(() => sleep(50));
  const titles = () => result.current.data.map((p) => p.title);
  assert.deepEqual(titles(), ["Post 001", "Post 002", "Post 003"]);
  // one row more than the window (itself a row more than the page): the row after it has another title, so the
  // page holds every row that ties with its last one, and TanStack DB's question for them costs no request
  assert.deepEqual(api.requests, ["GET /posts?sort=title&limit=5"]);
  for (const [want, next] of [[6, "limit=4&offset=4"], [7, "limit=4&offset=7"]] as const) {
    const before = api.requests.length;
    await act(() => result.current.fetchNextPage());
    await waitFor(() => assert.equal(result.current.data.length, want));
    await act(() => sleep(50));
    assert.deepEqual(api.requests.slice(before), [`GET /posts?sort=title&${next}`], "one request a page");
  }
  assert.deepEqual(titles(), ["Post 001", "Post 002", "Post 003", "Post 004", "Post 005", "Post 006", "Post 007"]);
  assert.equal(result.current.hasNextPage, false);
});

scenario("infinite: where and include page by page; descending order; the default order is the key's", async () => {
  const { api, wrapper } = setup(9);
  const { result } = renderHook(() => ({
    published: usePostsInfinite({
      where: { status: "published" },
      orderBy: { id: "desc" },
      include: ["author"],
      pageSize: 2,
    }),
    byKey: usePostsInfinite({ pageSize: 4 }),
  }), { wrapper });
  await waitFor(() => {
    assert.equal(result.current.published.isLoading, false);
    assert.equal(result.current.byKey.isLoading, false);
  });
  assert.deepEqual(result.current.published.data.map((p) => p.id), [9, 7]);
  // the include is there and typed
  const name: string | undefined = result.current.published.data[0]?.author.name;
  assert.equal(name, "Ada");
  assert.deepEqual(result.current.byKey.data.map((p) => p.id), [1, 2, 3, 4]);
  assert.ok(lists(api.requests).includes("GET /posts?status=published&sort=-id&limit=3"), api.requests.join("\n"));
  assert.ok(lists(api.requests).includes("GET /posts?sort=id&limit=5"), api.requests.join("\n"));

  const before = lists(api.requests).length;
  await act(() => result.current.published.fetchNextPage());
  await waitFor(() => assert.deepEqual(result.current.published.data.map((p) => p.id), [9, 7, 5, 3]));
  await act(() => sleep(50));
  assert.deepEqual(lists(api.requests).slice(before), ["GET /posts?status=published&sort=-id&limit=2&offset=3"]);
  assert.deepEqual(api.requests.filter((r) => r.startsWith("GET /posts/")), [], "no request for a page's last row");
  assert.ok(result.current.published.data.every((p) => p.author.name === (p.author_id === 1 ? "Ada" : "Alan")));
});

scenario("page: the list hook's page is the wrapper's total of its subset", async () => {
  const { api, wrapper } = setup(9);
  const { result } = renderHook(() => usePosts({ where: { status: "draft" } }), { wrapper });
  await waitFor(() => assert.equal(result.current.page?.total, 4));
  assert.equal(result.current.data.length, 4);
  const drafts = lists(api.requests).filter((r) => r.includes("status=draft"));
  assert.deepEqual(drafts, ["GET /posts?status=draft&limit=100&offset=0"]);
});

const cursorOf = (request: string) => {
  const at = new URL(`http://x${request.slice(4)}`).searchParams.get("cursor");
  return at === null ? "start" : atob(at);
};

scenario(
  "infinite by cursor: each fetchNextPage fetches the pages it lacks by their cursors, until the last",
  async () => {
    const { api, wrapper, queryClient } = setup(8);
    const { result } = renderHook(() => useEventsInfinite({ pageSize: 3 }), { wrapper });
    await waitFor(() => assert.equal(result.current.isLoading, false));
    await act(() => sleep(50));
    const ids = () => result.current.data.map((e) => e.id);
    assert.deepEqual(ids(), [1, 2, 3]);
    assert.equal(result.current.hasNextPage, true);
    // one page of the first window's size (3 rows and one to know there is more), from the start
    assert.deepEqual(api.requests, ["GET /events?sort=id&limit=4"]);

    let before = api.requests.length;
    await act(() => result.current.fetchNextPage());
    await waitFor(() => assert.equal(result.current.data.length, 6));
    await act(() => sleep(50));
    assert.deepEqual(ids(), [1, 2, 3, 4, 5, 6]);
    const second = api.requests.slice(before);
    assert.equal(second.length, 1, second.join(", "));
    assert.deepEqual(second.map(cursorOf), ["4"], "the next page, by the cursor the first one gave");

    before = api.requests.length;
    await act(() => result.current.fetchNextPage());
    await waitFor(() => assert.equal(result.current.data.length, 8));
    await act(() => sleep(50));
    // the last rows came with the page before, which said there is no next one
    assert.deepEqual(api.requests.slice(before), []);
    assert.deepEqual(ids(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(result.current.hasNextPage, false, "after the last page");
    before = api.requests.length;
    await act(() => result.current.fetchNextPage());
    await act(() => sleep(50));
    assert.deepEqual(api.requests.slice(before), []);

    // a refetch (what a broadcast event or refetch() does): the pages start over from the first, by their cursors
    api.events[0]!.name = "Renamed";
    before = api.requests.length;
    await act(() => queryClient.invalidateQueries({ queryKey: ["events"] }));
    await waitFor(() => assert.equal(result.current.data[0]?.name, "Renamed"));
    await act(() => sleep(50));
    const pages = api.requests.slice(before).filter((r) => r.startsWith("GET /events?"));
    assert.deepEqual(pages.map(cursorOf), ["start", "4"]);
    assert.deepEqual(ids(), [1, 2, 3, 4, 5, 6, 7, 8]);
  },
);

scenario("a list that pages by cursor alone: the list hook follows the cursors to the last page", async () => {
  const { api, wrapper } = setup(230);
  const { result } = renderHook(() => useEvents(), { wrapper });
  await waitFor(() => assert.equal(result.current.data.length, 230));
  // pages of the limit's maximum (100), by the cursors the pages give, until one gives none
  assert.deepEqual(api.requests.map(cursorOf), ["start", "100", "200"]);
  assert.ok(api.requests.every((r) => r.includes("limit=100")), api.requests.join("\n"));
  assert.equal(result.current.page?.next_cursor, null, "the last page's wrapper: no next cursor");
});
