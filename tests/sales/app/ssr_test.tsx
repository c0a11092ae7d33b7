/**
 * Server rendering on TanStack DB's own client (issue 9): a `DbClient` per request, the generated `preloadOrders`
 * (`DbClient.preloadLiveQuery` with the hook's own query and key), `renderToString` that renders the orders (not
 * "Loading"), and `dehydrate()` → `hydrate()` so the browser's first render shows the same rows.
 *
 * Runs under the consumer config from `tests/sales/scenarios_test.ts`, against the example server on 127.0.0.1.
 *
 * @module
 */
// The DOM first: happy-dom, then Deno's timers and event functions back (the hydrate half renders into it).
import "../../consumer/dom.ts";

import assert from "node:assert/strict";
import { type ReactNode, Suspense } from "react";
import { renderToString } from "react-dom/server";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { DbClient, type DehydratedDbState } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { configureApi, preloadOrders, useOrders, useOrdersSuspense } from "../../.out/sales/generated/index.ts";
import { type SalesServer, startServer } from "../../../examples/sales/server/mod.ts";

const LIST = { include: ["customer"], orderBy: { created_at: "asc" } } as const;

function Orders() {
  const { data, isLoading, error } = useOrders(LIST);
  if (error) return <p>Error: {error.message}</p>;
  if (isLoading) return <p>Loading…</p>;
  return (
    <ul>
      {data.map((order) => <li key={order.id}>{order.number} for {order.customer.name}</li>)}
    </ul>
  );
}

/** The same list on React Suspense: no loading state to handle, the rows are there when it renders. */
function SuspenseOrders() {
  const { data } = useOrdersSuspense(LIST);
  return (
    <ul>
      {data.map((order) => <li key={order.id}>{order.number} for {order.customer.name}</li>)}
    </ul>
  );
}

/** The page of one request (server) or of the browser: its own QueryClient and DbClient. */
function page(db: DbClient, children: ReactNode = <Orders />) {
  return (
    <QueryClientProvider client={db.requireDependency<QueryClient>("queryClient")}>
      <DbProvider client={db}>
        {children}
      </DbProvider>
    </QueryClientProvider>
  );
}

const suspended = <Suspense fallback={<p>Loading…</p>}><SuspenseOrders /></Suspense>;

const newClient = () => new DbClient({ queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }) });

async function withServer(fn: (server: SalesServer) => Promise<void>) {
  const server = await startServer({ seed: true });
  configureApi({ baseUrl: server.url, headers: {} });
  try {
    await fn(server);
  } finally {
    cleanup();
    await server.close();
  }
}

/** The texts of the `<li>` of some HTML, in order. */
function items(html: string): string[] {
  return [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<!-- -->/g, ""));
}

Deno.test("ssr: a preloaded request renders its orders with renderToString; another request's client is separate", async () => {
  await withServer(async (server) => {
    const request = newClient();
    await preloadOrders(request, LIST);
    const html = renderToString(page(request));
    assert.ok(!html.includes("Loading"), html);
    assert.deepEqual(items(html), ["SO-1001 for Ada Lovelace", "SO-1002 for Ada Lovelace", "SO-1003 for Grace Hopper"]);
    assert.ok(server.requests.length > 0, "the rows came from the API");

    // a second request with its own DbClient shares nothing with the first: not preloaded, it renders "Loading"
    const other = newClient();
    assert.match(renderToString(page(other)), /Loading/);
    await Promise.all([request.cleanup(), other.cleanup()]);
  });
});

Deno.test("ssr: the browser hydrates the dehydrated state and its first render shows the same rows", async () => {
  await withServer(async () => {
    const request = newClient();
    await preloadOrders(request, LIST);
    const html = renderToString(page(request));
    // what the server sends: JSON in the page
    const state: DehydratedDbState = JSON.parse(JSON.stringify(request.dehydrate()));
    await request.cleanup();
    assert.ok(state.liveQueries?.length, "the preloaded live query is in the state");

    const browser = newClient();
    browser.hydrate(state);
    const container = document.createElement("div");
    container.innerHTML = html;
    document.body.appendChild(container);
    render(page(browser), { container, hydrate: true });
    assert.deepEqual(
      [...container.querySelectorAll("li")].map((li) => li.textContent),
      ["SO-1001 for Ada Lovelace", "SO-1002 for Ada Lovelace", "SO-1003 for Grace Hopper"],
    );
    assert.ok(!container.textContent?.includes("Loading"));
    cleanup();
    await browser.cleanup();
  });
});

Deno.test("suspense: useOrdersSuspense shows the Suspense fallback, then the orders; preloaded, the server renders them", async () => {
  await withServer(async () => {
    const browser = newClient();
    render(page(browser, suspended));
    assert.ok(screen.getByText("Loading…"), "the fallback while the rows load");
    await waitFor(() => assert.equal(document.querySelectorAll("li").length, 3));
    assert.deepEqual(
      [...document.querySelectorAll("li")].map((li) => li.textContent),
      ["SO-1001 for Ada Lovelace", "SO-1002 for Ada Lovelace", "SO-1003 for Grace Hopper"],
    );
    cleanup();
    await browser.cleanup();

    const request = newClient();
    await preloadOrders(request, LIST);
    const html = renderToString(page(request, suspended));
    assert.ok(!html.includes("Loading"), html);
    assert.deepEqual(items(html), ["SO-1001 for Ada Lovelace", "SO-1002 for Ada Lovelace", "SO-1003 for Grace Hopper"]);
    await request.cleanup();
  });
});
