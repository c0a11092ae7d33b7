/**
 * The rows of the sales API, as `examples/sales/openapi.yaml` describes them (`components/schemas`).
 *
 * @module
 */

/** `CustomerTier`. */
export type CustomerTier = "standard" | "silver" | "gold";
/** `Currency` (ISO 4217). */
export type Currency = "EUR" | "USD" | "GBP";
/** `OrderStatus`. */
export type OrderStatus =
  | "pending"
  | "confirmed"
  | "shipped"
  | "delivered"
  | "cancelled";

/** The values of {@link CustomerTier}. */
export const CUSTOMER_TIERS: readonly CustomerTier[] = [
  "standard",
  "silver",
  "gold",
];
/** The values of {@link Currency}. */
export const CURRENCIES: readonly Currency[] = ["EUR", "USD", "GBP"];
/** The values of {@link OrderStatus}, in the order an order moves through them (`cancelled` aside). */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  "pending",
  "confirmed",
  "shipped",
  "delivered",
  "cancelled",
];

/** `Customer`. */
export interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
  tier: CustomerTier;
  referred_by_id: string | null;
  created_at: string;
  updated_at: string;
}

/** `Product`. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price_cents: number;
  currency: Currency;
  stock: number;
  active: boolean;
  created_at: string;
  updated_at: string;
}

/** `Order`. */
export interface Order {
  id: string;
  number: string;
  customer_id: string;
  status: OrderStatus;
  currency: Currency;
  total_cents: number;
  notes: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** `OrderItem`. */
export interface OrderItem {
  id: string;
  order_id: string;
  product_id: string | null;
  product_name: string;
  quantity: number;
  unit_price_cents: number;
  line_total_cents: number;
  created_at: string;
  updated_at: string;
}

/** Every table, by name. */
export interface Tables {
  customers: Customer;
  products: Product;
  orders: Order;
  order_items: OrderItem;
}

/** A table name. */
export type TableName = keyof Tables;

/** The table names. */
export const TABLE_NAMES: readonly TableName[] = [
  "customers",
  "products",
  "orders",
  "order_items",
];

/** The broadcast channel of each table: the entity's singular name. */
export const CHANNELS: Readonly<Record<TableName, string>> = {
  customers: "customer",
  products: "product",
  orders: "order",
  order_items: "order_item",
};

/** `ApiError`: the body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  /** `not_found`, `conflict`, `validation_failed`, `method_not_allowed`, `injected_failure`. */
  code: string;
  message: string;
  details?: FieldProblem[];
}

/** One entry of `ApiError.details`. */
export interface FieldProblem {
  field: string;
  message: string;
}
