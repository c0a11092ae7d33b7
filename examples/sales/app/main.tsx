/**
 * The sales example's browser app: the data layer generated from `examples/sales/openapi.yaml` (hooks over TanStack
 * DB collections, the fetch client, the broadcast runtime) behind a small React UI.
 *
 * Set up once: the API client (same origin as the page; fault injection on writes, see `faults.ts`), one
 * QueryClient, TanStack DB's `DbClient` (which holds the collections), and the broadcast connection (`/ws/broadcast` on the page's host), which
 * refetches what other clients changed.
 *
 * @module
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BroadcastProvider, configureApi } from "../src/generated/index.ts";
import { App } from "./App.tsx";
import { faultyFetch } from "./faults.ts";

configureApi({ baseUrl: "", fetch: faultyFetch });

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
const db = new DbClient({ queryClient });

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <DbProvider client={db}>
        <BroadcastProvider>
          <App />
        </BroadcastProvider>
      </DbProvider>
    </QueryClientProvider>
  </StrictMode>,
);
