/**
 * The explorer's entry, loaded by each preview frame as `@sync-patterns/preview-explorer`: it configures the
 * generated client of that frame and its own QueryClient and TanStack DB `DbClient` (which holds the collections) with
 * the page's mock backend, and renders the explorer.
 *
 * @module
 */
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createRoot } from "react-dom/client";
import type { PreviewHost } from "../host.ts";
import { ErrorBoundary, Explorer } from "./Explorer.tsx";
import type { GeneratedApi } from "./api.ts";
import "./explorer.css";

/**
 * Mounts the explorer for a generated module in `root`.
 *
 * @param api The generated `index.ts`, as a module namespace.
 * @param host What the page gives this frame (client name, model, mock fetch and sockets).
 * @param root The element to render into.
 * @returns A function that unmounts it.
 */
export function mountExplorer(
  api: GeneratedApi,
  host: PreviewHost,
  root: HTMLElement,
): () => void {
  api.configureApi({ baseUrl: host.baseUrl, fetch: host.fetch });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, retryDelay: 300 } },
  });
  const db = new DbClient({ queryClient });
  const Broadcast = api.BroadcastProvider;
  const reactRoot = createRoot(root);
  reactRoot.render(
    <QueryClientProvider client={queryClient}>
      <DbProvider client={db}>
        <Broadcast
          url={host.broadcastUrl}
          // no cross-tab relay: the two frames share an origin, and B must hear A through the socket, like a real client
          options={{
            WebSocket: host.WebSocket,
            BroadcastChannel: null,
            initialDelayMs: 250,
          }}
        >
          <ErrorBoundary>
            <Explorer api={api} host={host} />
          </ErrorBoundary>
        </Broadcast>
      </DbProvider>
    </QueryClientProvider>,
  );
  // the DbClient goes with the frame (cleaning it up here would stop collections that unmounting live queries,
  // released later, still read: TanStack DB error 152)
  return () => reactRoot.unmount();
}
