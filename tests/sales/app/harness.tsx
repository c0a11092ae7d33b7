/**
 * What the sales app tests share: a fresh app (QueryClient + TanStack DB's DbClient, provided to the hooks) and a
 * scenario on a freshly seeded example server, cleaned up after.
 *
 * @module
 */
import type { ReactNode } from "react";
import { cleanup } from "@testing-library/react";
import { DbClient } from "@tanstack/db";
import { DbProvider } from "@tanstack/react-db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { configureApi } from "../../.out/sales/generated/index.ts";
import { type SalesServer, startServer } from "../../../examples/sales/server/mod.ts";

const queryClients: QueryClient[] = [];

/** A fresh app: its QueryClient, its DbClient, and a wrapper that provides both to the hooks. */
export function app(): {
  queryClient: QueryClient;
  client: DbClient;
  wrapper: (props: { children: ReactNode }) => ReactNode;
} {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClients.push(queryClient);
  const client = new DbClient({ queryClient });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DbProvider client={client}>{children}</DbProvider>
    </QueryClientProvider>
  );
  return { queryClient, client, wrapper };
}

/** A test on a freshly seeded example server; the rendered hooks, the apps' caches and the server end with it. */
export function scenario(name: string, fn: (server: SalesServer) => Promise<void>): void {
  Deno.test(name, async () => {
    const server = await startServer({ seed: true });
    configureApi({ baseUrl: server.url, headers: {} });
    try {
      await fn(server);
    } finally {
      cleanup();
      queryClients.splice(0).forEach((c) => c.clear());
      await server.close();
    }
  });
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms));
