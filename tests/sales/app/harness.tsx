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
import { type SalesServer, SEED_IDS, startServer } from "../../../examples/sales/server/mod.ts";

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

/** Adds `count` pending orders of Alan, one minute apart, and `itemsEach` items to each. */
export async function addOrders(server: SalesServer, count: number, itemsEach = 0): Promise<string[]> {
  const ids: string[] = [];
  await server.store.transaction(async (tables) => {
    for (let i = 0; i < count; i++) {
      const time = new Date(Date.UTC(2025, 1, 1, 0, i)).toISOString();
      const id = crypto.randomUUID();
      ids.push(id);
      await tables.orders.insert({
        id,
        number: `SO-${3000 + i}`,
        customer_id: SEED_IDS.customers.alan,
        status: "pending",
        currency: "EUR",
        total_cents: 0,
        notes: null,
        cancel_reason: null,
        created_at: time,
        updated_at: time,
      });
      for (let j = 0; j < itemsEach; j++) {
        await tables.order_items.insert({
          id: crypto.randomUUID(),
          order_id: id,
          product_id: null,
          product_name: `P${j}`,
          quantity: 1,
          unit_price_cents: 100,
          line_total_cents: 100,
          created_at: time,
          updated_at: time,
        });
      }
    }
  });
  return ids;
}
