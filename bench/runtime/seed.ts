/**
 * The runtime bench's data: 1,000 customers, 10,000 orders and 30,000 order items (plus 50 products), the same
 * on every run (fixed ids, timestamps and a seeded generator). The first customer has exactly
 * {@link BIG_CUSTOMER_ORDERS} orders: the parents of the "hasMany include over 100 parents" action.
 *
 * @module
 */
import type { Customer, Order, OrderItem, OrderStatus, Product } from "../../examples/sales/server/types.ts";

/** How many rows of each table. */
export const SIZES = { customers: 1_000, products: 50, orders: 10_000, orderItems: 30_000 } as const;

/** How many orders the first customer ({@link benchIds}`.bigCustomer`) has. */
export const BIG_CUSTOMER_ORDERS = 100;

const T0 = Date.parse("2025-01-01T00:00:00.000Z");
const STATUSES: readonly OrderStatus[] = ["pending", "confirmed", "shipped", "delivered", "cancelled"];

/** The hex digit that starts the last group of each kind's ids (ids must be GUIDs). */
const KIND_DIGIT = { c: "c", p: "b", o: "a", i: "e" } as const;

/** A GUID with a kind digit and a number (`…-c00000000001`), stable across runs. */
export function benchId(kind: keyof typeof KIND_DIGIT, n: number): string {
  return `00000000-0000-4000-8000-${KIND_DIGIT[kind]}${String(n).padStart(11, "0")}`;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The tables of the bench, ready for `new MemoryStore(data)`. */
export interface BenchData {
  customers: Customer[];
  products: Product[];
  orders: Order[];
  order_items: OrderItem[];
}

/** Makes the bench's rows (deterministic: the same rows on every call). */
export function benchData(): BenchData {
  const next = random(9);
  const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
  const customers: Customer[] = Array.from({ length: SIZES.customers }, (_, i) => ({
    id: benchId("c", i + 1),
    name: `Customer ${i + 1}`,
    email: `customer${i + 1}@example.com`,
    phone: null,
    company: i % 3 === 0 ? `Company ${i + 1}` : null,
    tier: (["standard", "silver", "gold"] as const)[i % 3]!,
    referred_by_id: null,
    created_at: at(i),
    updated_at: at(i),
  }));
  const products: Product[] = Array.from({ length: SIZES.products }, (_, i) => ({
    id: benchId("p", i + 1),
    sku: `SKU-${1000 + i}`,
    name: `Product ${i + 1}`,
    description: null,
    price_cents: 100 + Math.floor(next() * 10_000),
    currency: "EUR",
    stock: 100,
    active: true,
    created_at: at(i),
    updated_at: at(i),
  }));
  const orders: Order[] = Array.from({ length: SIZES.orders }, (_, i) => {
    // the first BIG_CUSTOMER_ORDERS orders are the first customer's; the rest go round the others
    const customer = i < BIG_CUSTOMER_ORDERS ? 0 : 1 + ((i - BIG_CUSTOMER_ORDERS) % (SIZES.customers - 1));
    return {
      id: benchId("o", i + 1),
      number: `SO-${100_000 + i}`,
      customer_id: customers[customer]!.id,
      status: STATUSES[Math.floor(next() * STATUSES.length)]!,
      currency: "EUR",
      total_cents: 0,
      notes: null,
      cancel_reason: null,
      created_at: at(10_000 + i),
      updated_at: at(10_000 + i),
    };
  });
  const perOrder = SIZES.orderItems / SIZES.orders;
  const order_items: OrderItem[] = Array.from({ length: SIZES.orderItems }, (_, i) => {
    const order = orders[Math.floor(i / perOrder)]!;
    const product = products[Math.floor(next() * products.length)]!;
    const quantity = 1 + Math.floor(next() * 5);
    order.total_cents += quantity * product.price_cents;
    return {
      id: benchId("i", i + 1),
      order_id: order.id,
      product_id: product.id,
      product_name: product.name,
      quantity,
      unit_price_cents: product.price_cents,
      line_total_cents: quantity * product.price_cents,
      created_at: order.created_at,
      updated_at: order.created_at,
    };
  });
  return { customers, products, orders, order_items };
}

/** Ids the bench's actions name. */
export const benchIds = {
  /** The customer with exactly {@link BIG_CUSTOMER_ORDERS} orders. */
  bigCustomer: benchId("c", 1),
} as const;
