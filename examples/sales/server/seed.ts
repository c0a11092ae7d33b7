/**
 * Demo data with fixed ids, so tests and examples can name rows.
 *
 * @module
 */
import type { StoreData } from "./store.ts";
import type { Customer, Order, OrderItem, Product } from "./types.ts";

const T0 = "2025-01-06T09:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const id = (prefix: string, n: number) =>
  `00000000-0000-4000-8000-${prefix}${String(n).padStart(12 - prefix.length, "0")}`;

/** Ids of the seeded rows. */
export const SEED_IDS = {
  customers: { ada: id("c", 1), grace: id("c", 2), alan: id("c", 3) },
  products: {
    keyboard: id("b", 1),
    mouse: id("b", 2),
    monitor: id("b", 3),
    discontinued: id("b", 4),
  },
  orders: {
    adaPending: id("a", 1),
    adaConfirmed: id("a", 2),
    graceShipped: id("a", 3),
  },
  orderItems: {
    keyboard: id("e", 1),
    mice: id("e", 2),
    monitor: id("e", 3),
    graceMouse: id("e", 4),
  },
} as const;

const C = SEED_IDS.customers,
  P = SEED_IDS.products,
  O = SEED_IDS.orders,
  I = SEED_IDS.orderItems;

const customers: Customer[] = [
  {
    id: C.ada,
    name: "Ada Lovelace",
    email: "ada@example.com",
    phone: "+44 20 7946 0001",
    company: "Analytical Engines Ltd",
    tier: "gold",
    referred_by_id: null,
    created_at: at(0),
    updated_at: at(0),
  },
  {
    id: C.grace,
    name: "Grace Hopper",
    email: "grace@example.com",
    phone: null,
    company: "US Navy",
    tier: "silver",
    referred_by_id: C.ada,
    created_at: at(1),
    updated_at: at(1),
  },
  {
    id: C.alan,
    name: "Alan Turing",
    email: "alan@example.com",
    phone: null,
    company: null,
    tier: "standard",
    referred_by_id: null,
    created_at: at(2),
    updated_at: at(2),
  },
];

const product = (
  id: string,
  sku: string,
  name: string,
  price_cents: number,
  stock: number,
  active: boolean,
  minute: number,
): Product => ({
  id,
  sku,
  name,
  description: null,
  price_cents,
  currency: "EUR",
  stock,
  active,
  created_at: at(minute),
  updated_at: at(minute),
});

const products: Product[] = [
  product(P.keyboard, "KB-ERGO-01", "Ergonomic keyboard", 12900, 25, true, 3),
  product(P.mouse, "MS-WL-02", "Wireless mouse", 4900, 120, true, 4),
  product(P.monitor, "MN-27-4K", "27-inch 4K monitor", 39900, 8, true, 5),
  product(
    P.discontinued,
    "TB-OLD-01",
    "Trackball (discontinued)",
    2900,
    0,
    false,
    6,
  ),
];

const order = (
  id: string,
  number: string,
  customer_id: string,
  status: Order["status"],
  total_cents: number,
  minute: number,
): Order => ({
  id,
  number,
  customer_id,
  status,
  currency: "EUR",
  total_cents,
  notes: null,
  cancel_reason: null,
  created_at: at(minute),
  updated_at: at(minute),
});

const orders: Order[] = [
  order(O.adaPending, "SO-1001", C.ada, "pending", 12900 + 2 * 4900, 10),
  order(O.adaConfirmed, "SO-1002", C.ada, "confirmed", 39900, 11),
  order(O.graceShipped, "SO-1003", C.grace, "shipped", 4900, 12),
];

const item = (
  id: string,
  order_id: string,
  product: Product,
  quantity: number,
  minute: number,
): OrderItem => ({
  id,
  order_id,
  product_id: product.id,
  product_name: product.name,
  quantity,
  unit_price_cents: product.price_cents,
  line_total_cents: quantity * product.price_cents,
  created_at: at(minute),
  updated_at: at(minute),
});

const [keyboard, mouse, monitor] = products as [
  Product,
  Product,
  Product,
  Product,
];

const orderItems: OrderItem[] = [
  item(I.keyboard, O.adaPending, keyboard, 1, 13),
  item(I.mice, O.adaPending, mouse, 2, 14),
  item(I.monitor, O.adaConfirmed, monitor, 1, 15),
  item(I.graceMouse, O.graceShipped, mouse, 1, 16),
];

/** Three customers, four products (one inactive), three orders with four items; totals consistent. */
export function demoData(): StoreData {
  return {
    customers: structuredClone(customers),
    products: structuredClone(products),
    orders: structuredClone(orders),
    order_items: structuredClone(orderItems),
  };
}
