/**
 * The operations of `examples/sales/openapi.yaml` over a {@link Store}: routing, validation, the business rules the
 * spec states, and the changes each committed write makes (for the broadcast).
 *
 * @module
 */
import type { Store, StoreTables, Table } from "./store.ts";
import type {
  ApiErrorBody,
  Customer,
  FieldProblem,
  Order,
  OrderItem,
  OrderStatus,
  Product,
  TableName,
  Tables,
} from "./types.ts";
import {
  CUSTOMER_CREATE,
  CUSTOMER_UPDATE,
  isUuid,
  LIST_CUSTOMERS,
  LIST_ORDER_ITEMS,
  LIST_ORDERS,
  LIST_PRODUCTS,
  ORDER_CANCEL,
  ORDER_CREATE,
  ORDER_ITEM_CREATE,
  ORDER_ITEM_UPDATE,
  ORDER_UPDATE,
  PRODUCT_CREATE,
  PRODUCT_UPDATE,
  type Rules,
  validateBody,
  validateQuery,
} from "./validate.ts";

/** An answer with an `ApiError` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = "HttpError";
  }

  /** The `ApiError` body. */
  toJSON(): ApiErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : {
      code: this.code,
      message: this.message,
    };
  }
}

const notFound = (what: string) => new HttpError(404, "not_found", `No such ${what}`);
const conflict = (message: string) => new HttpError(409, "conflict", message);
const invalid = (details: FieldProblem[]) =>
  new HttpError(
    422,
    "validation_failed",
    details.length === 1 ? `${details[0]!.field || "body"}: ${details[0]!.message}` : "The request is invalid",
    details,
  );

/** One change of a committed write: what the broadcast announces. */
export interface Change {
  table: TableName;
  event: "created" | "updated" | "deleted";
  id: string;
  /** The row after a create or update, as the API answers with it (the broadcast sends it as `payload.data`). */
  row?: object;
}

/** What an operation answers. */
export interface Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What an operation gets. */
export interface OperationContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The body's text ("" when there is none). */
  text: string;
}

type Operation = (context: OperationContext) => Promise<Result>;

interface Route {
  pattern: RegExp;
  /** Names of the pattern's groups, in order. */
  names: string[];
  operations: Partial<Record<string, Operation>>;
}

/** What {@link SalesApi.route} finds. */
export type RouteMatch =
  | { kind: "operation"; operation: Operation; params: Record<string, string> }
  | { kind: "method_not_allowed"; allow: string[] }
  | { kind: "not_found" };

/** Options of {@link SalesApi}. */
export interface SalesApiOptions {
  /** The server's clock (timestamps). @default {() => new Date()} */
  now?: () => Date;
  /** Called with the changes of each committed write, in order. */
  onCommit?: (changes: Change[]) => void;
}

const STATUS_RANK: Record<OrderStatus, number> = {
  pending: 0,
  confirmed: 1,
  shipped: 2,
  delivered: 3,
  cancelled: -1,
};

function parseJson(text: string, required: boolean): unknown {
  if (text.trim() === "") {
    if (required) {
      throw invalid([{ field: "", message: "a JSON body is required" }]);
    }
    return {};
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalid([{ field: "", message: "the body is not valid JSON" }]);
  }
}

function body(
  text: string,
  rules: Rules,
  create: boolean,
  required = true,
): Record<string, unknown> {
  const { value, problems } = validateBody(
    parseJson(text, required),
    rules,
    create,
  );
  if (problems.length) throw invalid(problems);
  return value;
}

function query(params: URLSearchParams, rules: Rules): Record<string, unknown> {
  const { value, problems } = validateQuery(params, rules);
  if (problems.length) throw invalid(problems);
  return value;
}

/** The fields of `changes` whose value differs from `row`. */
function diff<T extends object>(
  row: T,
  changes: Record<string, unknown>,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if ((row as Record<string, unknown>)[key] !== value) out[key] = value;
  }
  return out as Partial<T>;
}

/** The sales API over a store. */
export class SalesApi {
  readonly #store: Store;
  readonly #now: () => Date;
  readonly #onCommit: (changes: Change[]) => void;
  readonly #routes: Route[];
  #lastTime = 0;
  #lastOrderNumber = 0;

  constructor(store: Store, options: SalesApiOptions = {}) {
    this.#store = store;
    this.#now = options.now ?? (() => new Date());
    this.#onCommit = options.onCommit ?? (() => {});
    this.#routes = this.#buildRoutes();
  }

  /** Finds the operation for a method and path. */
  route(method: string, path: string): RouteMatch {
    for (const route of this.#routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const operation = route.operations[method];
      if (!operation) {
        return {
          kind: "method_not_allowed",
          allow: Object.keys(route.operations),
        };
      }
      const params: Record<string, string> = {};
      route.names.forEach((
        name,
        i,
      ) => (params[name] = decodeURIComponent(match[i + 1]!)));
      return { kind: "operation", operation, params };
    }
    return { kind: "not_found" };
  }

  /** A timestamp, strictly later than the previous one (so "newest first" never ties). */
  #timestamp(): string {
    const time = Math.max(this.#now().getTime(), this.#lastTime + 1);
    this.#lastTime = time;
    return new Date(time).toISOString();
  }

  /** Runs a write as one transaction; announces its changes once it committed. */
  async #write<R>(
    fn: (tables: StoreTables, changes: Change[]) => Promise<R>,
  ): Promise<R> {
    const changes: Change[] = [];
    const result = await this.#store.transaction((tables) => fn(tables, changes));
    if (changes.length) this.#onCommit(changes);
    return result;
  }

  async #find<K extends TableName>(
    tables: StoreTables,
    table: K,
    id: string,
    what: string,
  ): Promise<Tables[K]> {
    const row = isUuid(id) ? await (tables[table].get(id) as Promise<Tables[K] | undefined>) : undefined;
    if (!row) throw notFound(what);
    return row;
  }

  async #updateRow<K extends TableName>(
    tables: StoreTables,
    changes: Change[],
    table: K,
    id: string,
    fields: Partial<Tables[K]>,
  ): Promise<Tables[K]> {
    const rows = tables[table] as unknown as Table<Tables[K]>;
    const updated = await rows.update(id, {
      ...fields,
      updated_at: this.#timestamp(),
    });
    if (!updated) throw notFound(table);
    changes.push({ table, event: "updated", id, row: updated });
    return updated;
  }

  /** Sets an order's total to the sum of its items' line totals. */
  async #retotal(
    tables: StoreTables,
    changes: Change[],
    orderId: string,
  ): Promise<void> {
    const items = await tables.order_items.list({
      where: { order_id: orderId },
    });
    const total = items.reduce((sum, item) => sum + item.line_total_cents, 0);
    const order = await tables.orders.get(orderId);
    if (order && order.total_cents !== total) {
      await this.#updateRow(tables, changes, "orders", orderId, {
        total_cents: total,
      });
    }
  }

  async #nextOrderNumber(tables: StoreTables): Promise<string> {
    for (const order of await tables.orders.list()) {
      const n = Number(/^SO-(\d+)$/.exec(order.number)?.[1] ?? 0);
      if (n > this.#lastOrderNumber) this.#lastOrderNumber = n;
    }
    this.#lastOrderNumber = Math.max(this.#lastOrderNumber + 1, 1001);
    return `SO-${this.#lastOrderNumber}`;
  }

  #buildRoutes(): Route[] {
    const route = (path: string, operations: Route["operations"]): Route => {
      const names: string[] = [];
      const source = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      return { pattern: new RegExp(`^${source}$`), names, operations };
    };
    return [
      route("/health", {
        GET: () => Promise.resolve({ status: 200, body: { status: "ok" } }),
      }),
      route("/customers", {
        GET: (c) => this.listCustomers(c),
        POST: (c) => this.createCustomer(c),
      }),
      route("/customers/{customer_id}", {
        GET: (c) => this.getCustomer(c),
        PATCH: (c) => this.updateCustomer(c),
        DELETE: (c) => this.deleteCustomer(c),
      }),
      route("/products", {
        GET: (c) => this.listProducts(c),
        POST: (c) => this.createProduct(c),
      }),
      route("/products/{product_id}", {
        GET: (c) => this.getProduct(c),
        PATCH: (c) => this.updateProduct(c),
        DELETE: (c) => this.deleteProduct(c),
      }),
      route("/orders", {
        GET: (c) => this.listOrders(c),
        POST: (c) => this.createOrder(c),
      }),
      route("/orders/{order_id}", {
        GET: (c) => this.getOrder(c),
        PATCH: (c) => this.updateOrder(c),
        DELETE: (c) => this.deleteOrder(c),
      }),
      route("/orders/{order_id}/cancel", { POST: (c) => this.cancelOrder(c) }),
      route("/order-items", {
        GET: (c) => this.listOrderItems(c),
        POST: (c) => this.createOrderItem(c),
      }),
      route("/order-items/{order_item_id}", {
        GET: (c) => this.getOrderItem(c),
        PATCH: (c) => this.updateOrderItem(c),
        DELETE: (c) => this.deleteOrderItem(c),
      }),
    ];
  }

  // ---- customers --------------------------------------------------------------------------------------------

  /** `GET /customers`: newest first; `search`, `tier`, `id` (repeatable). */
  async listCustomers({ query: params }: OperationContext): Promise<Result> {
    const q = query(params, LIST_CUSTOMERS);
    const rows = await this.#store.customers.list({
      where: {
        tier: q.tier as Customer["tier"] | undefined,
        id: q.id as string[] | undefined,
        referred_by_id: q.referred_by_id as string[] | undefined,
      },
      search: q.search === undefined ? undefined : { fields: ["name", "email", "company"], text: String(q.search) },
      orderBy: [["created_at", "desc"]],
    });
    return { status: 200, body: rows };
  }

  async #checkCustomerFields(
    tables: StoreTables,
    fields: Record<string, unknown>,
    self?: string,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (typeof fields.email === "string") {
      const same = await tables.customers.list({
        where: { email: fields.email },
      });
      if (same.some((c) => c.id !== self)) {
        problems.push({ field: "email", message: "is already used" });
      }
    }
    const referrer = fields.referred_by_id;
    if (typeof referrer === "string") {
      if (referrer === self) {
        problems.push({
          field: "referred_by_id",
          message: "must not be the customer itself",
        });
      } else if (!await tables.customers.get(referrer)) {
        problems.push({ field: "referred_by_id", message: "no such customer" });
      }
    }
    if (problems.length) throw invalid(problems);
  }

  /** `POST /customers`. */
  async createCustomer({ text }: OperationContext): Promise<Result> {
    const input = body(text, CUSTOMER_CREATE, true);
    const created = await this.#write(async (tables, changes) => {
      await this.#checkCustomerFields(tables, input);
      const time = this.#timestamp();
      const row = {
        ...input,
        id: crypto.randomUUID(),
        created_at: time,
        updated_at: time,
      } as Customer;
      await tables.customers.insert(row);
      changes.push({ table: "customers", event: "created", id: row.id, row });
      return row;
    });
    return {
      status: 201,
      body: created,
      headers: { location: `/customers/${created.id}` },
    };
  }

  /** `GET /customers/{customer_id}`. */
  async getCustomer({ params }: OperationContext): Promise<Result> {
    return {
      status: 200,
      body: await this.#find(
        this.#store,
        "customers",
        params.customer_id!,
        "customer",
      ),
    };
  }

  /** `PATCH /customers/{customer_id}`. */
  async updateCustomer({ params, text }: OperationContext): Promise<Result> {
    const input = body(text, CUSTOMER_UPDATE, false);
    const id = params.customer_id!;
    const row = await this.#write(async (tables, changes) => {
      const current = await this.#find(tables, "customers", id, "customer");
      const fields = diff(current, input);
      await this.#checkCustomerFields(tables, fields, id);
      if (Object.keys(fields).length === 0) return current;
      return await this.#updateRow(tables, changes, "customers", id, fields);
    });
    return { status: 200, body: row };
  }

  /**
   * `DELETE /customers/{customer_id}`: 409 while the customer has orders that are not cancelled. Its cancelled
   * orders (and their items) go with it; customers it referred lose their `referred_by_id`.
   */
  async deleteCustomer({ params }: OperationContext): Promise<Result> {
    const id = params.customer_id!;
    await this.#write(async (tables, changes) => {
      await this.#find(tables, "customers", id, "customer");
      const orders = await tables.orders.list({ where: { customer_id: id } });
      const open = orders.filter((o) => o.status !== "cancelled");
      if (open.length) {
        throw conflict(
          `The customer has ${open.length} order(s) that are not cancelled: ${open[0]!.number}`,
        );
      }
      for (const order of orders) {
        await this.#deleteOrderRows(tables, changes, order.id);
      }
      for (
        const referred of await tables.customers.list({
          where: { referred_by_id: id },
        })
      ) {
        await this.#updateRow(tables, changes, "customers", referred.id, {
          referred_by_id: null,
        });
      }
      await tables.customers.delete(id);
      changes.push({ table: "customers", event: "deleted", id });
    });
    return { status: 204 };
  }

  // ---- products ---------------------------------------------------------------------------------------------

  /** `GET /products`: by name; `active`, `search`, `id` (repeatable). */
  async listProducts({ query: params }: OperationContext): Promise<Result> {
    const q = query(params, LIST_PRODUCTS);
    const rows = await this.#store.products.list({
      where: {
        active: q.active as boolean | undefined,
        id: q.id as string[] | undefined,
      },
      search: q.search === undefined ? undefined : { fields: ["name", "sku"], text: String(q.search) },
      orderBy: [["name", "asc"]],
    });
    return { status: 200, body: rows };
  }

  /** `POST /products`: 409 when the SKU is taken. */
  async createProduct({ text }: OperationContext): Promise<Result> {
    const input = body(text, PRODUCT_CREATE, true);
    const created = await this.#write(async (tables, changes) => {
      if (
        await tables.products.count({ where: { sku: input.sku as string } })
      ) {
        throw conflict(`SKU ${input.sku} is taken`);
      }
      const time = this.#timestamp();
      const row = {
        ...input,
        id: crypto.randomUUID(),
        created_at: time,
        updated_at: time,
      } as Product;
      await tables.products.insert(row);
      changes.push({ table: "products", event: "created", id: row.id, row });
      return row;
    });
    return {
      status: 201,
      body: created,
      headers: { location: `/products/${created.id}` },
    };
  }

  /** `GET /products/{product_id}`. */
  async getProduct({ params }: OperationContext): Promise<Result> {
    return {
      status: 200,
      body: await this.#find(
        this.#store,
        "products",
        params.product_id!,
        "product",
      ),
    };
  }

  /** `PATCH /products/{product_id}`. */
  async updateProduct({ params, text }: OperationContext): Promise<Result> {
    const input = body(text, PRODUCT_UPDATE, false);
    const id = params.product_id!;
    const row = await this.#write(async (tables, changes) => {
      const current = await this.#find(tables, "products", id, "product");
      const fields = diff(current, input);
      if (Object.keys(fields).length === 0) return current;
      return await this.#updateRow(tables, changes, "products", id, fields);
    });
    return { status: 200, body: row };
  }

  /** `DELETE /products/{product_id}`: order items keep name and price, their `product_id` becomes null. */
  async deleteProduct({ params }: OperationContext): Promise<Result> {
    const id = params.product_id!;
    await this.#write(async (tables, changes) => {
      await this.#find(tables, "products", id, "product");
      for (
        const item of await tables.order_items.list({
          where: { product_id: id },
        })
      ) {
        await this.#updateRow(tables, changes, "order_items", item.id, {
          product_id: null,
        });
      }
      await tables.products.delete(id);
      changes.push({ table: "products", event: "deleted", id });
    });
    return { status: 204 };
  }

  // ---- orders -----------------------------------------------------------------------------------------------

  /** `GET /orders`: newest first, paged, `{ items, total }`; `status`, `customer_id`, `id` (repeatable). */
  async listOrders({ query: params }: OperationContext): Promise<Result> {
    const q = query(params, LIST_ORDERS);
    const where = {
      status: q.status as OrderStatus | undefined,
      customer_id: q.customer_id as string[] | undefined,
      id: q.id as string[] | undefined,
    };
    const items = await this.#store.orders.list({
      where,
      orderBy: [["created_at", "desc"]],
      limit: q.limit as number,
      offset: q.offset as number,
    });
    return {
      status: 200,
      body: { items, total: await this.#store.orders.count({ where }) },
    };
  }

  /** `POST /orders`: an empty `pending` order with the next number. */
  async createOrder({ text }: OperationContext): Promise<Result> {
    const input = body(text, ORDER_CREATE, true);
    const created = await this.#write(async (tables, changes) => {
      if (!await tables.customers.get(input.customer_id as string)) {
        throw invalid([{ field: "customer_id", message: "no such customer" }]);
      }
      const time = this.#timestamp();
      const row: Order = {
        id: crypto.randomUUID(),
        number: await this.#nextOrderNumber(tables),
        customer_id: input.customer_id as string,
        status: "pending",
        currency: input.currency as Order["currency"],
        total_cents: 0,
        notes: input.notes as string | null,
        cancel_reason: null,
        created_at: time,
        updated_at: time,
      };
      await tables.orders.insert(row);
      changes.push({ table: "orders", event: "created", id: row.id, row });
      return row;
    });
    return {
      status: 201,
      body: created,
      headers: { location: `/orders/${created.id}` },
    };
  }

  /** `GET /orders/{order_id}`. */
  async getOrder({ params }: OperationContext): Promise<Result> {
    return {
      status: 200,
      body: await this.#find(this.#store, "orders", params.order_id!, "order"),
    };
  }

  /** `PATCH /orders/{order_id}`: the status moves forward only; cancelling is the cancel operation's. */
  async updateOrder({ params, text }: OperationContext): Promise<Result> {
    const input = body(text, ORDER_UPDATE, false);
    const id = params.order_id!;
    const row = await this.#write(async (tables, changes) => {
      const current = await this.#find(tables, "orders", id, "order");
      const fields = diff(current, input);
      if (fields.status !== undefined) {
        if (fields.status === "cancelled") {
          throw conflict(
            "Use POST /orders/{order_id}/cancel to cancel an order",
          );
        }
        if (current.status === "cancelled") {
          throw conflict(`Order ${current.number} is cancelled`);
        }
        if (STATUS_RANK[fields.status] < STATUS_RANK[current.status]) {
          throw conflict(
            `The status moves forward only: ${current.status} → ${fields.status}`,
          );
        }
      }
      if (Object.keys(fields).length === 0) return current;
      return await this.#updateRow(tables, changes, "orders", id, fields);
    });
    return { status: 200, body: row };
  }

  async #deleteOrderRows(
    tables: StoreTables,
    changes: Change[],
    id: string,
  ): Promise<void> {
    for (
      const item of await tables.order_items.list({ where: { order_id: id } })
    ) {
      await tables.order_items.delete(item.id);
      changes.push({ table: "order_items", event: "deleted", id: item.id });
    }
    await tables.orders.delete(id);
    changes.push({ table: "orders", event: "deleted", id });
  }

  /** `DELETE /orders/{order_id}`: with its items; only `pending` and `cancelled` orders. */
  async deleteOrder({ params }: OperationContext): Promise<Result> {
    const id = params.order_id!;
    await this.#write(async (tables, changes) => {
      const order = await this.#find(tables, "orders", id, "order");
      if (order.status !== "pending" && order.status !== "cancelled") {
        throw conflict(
          `Order ${order.number} is ${order.status}: only pending and cancelled orders can be deleted`,
        );
      }
      await this.#deleteOrderRows(tables, changes, id);
    });
    return { status: 204 };
  }

  /** `POST /orders/{order_id}/cancel`: orders that have not shipped; the body (`reason`) is optional. */
  async cancelOrder({ params, text }: OperationContext): Promise<Result> {
    const input = body(text, ORDER_CANCEL, false, false);
    const id = params.order_id!;
    const row = await this.#write(async (tables, changes) => {
      const order = await this.#find(tables, "orders", id, "order");
      if (order.status !== "pending" && order.status !== "confirmed") {
        throw conflict(
          `Order ${order.number} is ${order.status} and cannot be cancelled`,
        );
      }
      return await this.#updateRow(tables, changes, "orders", id, {
        status: "cancelled",
        cancel_reason: (input.reason as string | undefined) ?? null,
      });
    });
    return { status: 200, body: row };
  }

  // ---- order items ------------------------------------------------------------------------------------------

  /** `GET /order-items`: oldest first; `order_id`, `product_id`, `id` (each repeatable). */
  async listOrderItems({ query: params }: OperationContext): Promise<Result> {
    const q = query(params, LIST_ORDER_ITEMS);
    const rows = await this.#store.order_items.list({
      where: {
        order_id: q.order_id as string[] | undefined,
        product_id: q.product_id as string[] | undefined,
        id: q.id as string[] | undefined,
      },
      orderBy: [["created_at", "asc"]],
    });
    return { status: 200, body: rows };
  }

  async #pendingOrder(tables: StoreTables, id: string): Promise<Order> {
    const order = await this.#find(tables, "orders", id, "order");
    if (order.status !== "pending") {
      throw conflict(
        `Order ${order.number} is ${order.status}: its items are fixed`,
      );
    }
    return order;
  }

  /**
   * `POST /order-items`: copies the product's name and price, updates the order's total. Only `pending` orders,
   * active products in the order's currency, one line per product (409 otherwise).
   */
  async createOrderItem({ text }: OperationContext): Promise<Result> {
    const input = body(text, ORDER_ITEM_CREATE, true);
    const created = await this.#write(async (tables, changes) => {
      const order = await tables.orders.get(input.order_id as string);
      const product = await tables.products.get(input.product_id as string);
      const problems: FieldProblem[] = [];
      if (!order) {
        problems.push({ field: "order_id", message: "no such order" });
      }
      if (!product) {
        problems.push({ field: "product_id", message: "no such product" });
      }
      if (!order || !product) throw invalid(problems);
      await this.#pendingOrder(tables, order.id);
      if (!product.active) {
        throw conflict(`Product ${product.sku} cannot be ordered`);
      }
      if (product.currency !== order.currency) {
        throw conflict(
          `Product ${product.sku} is priced in ${product.currency}, order ${order.number} in ${order.currency}`,
        );
      }
      if (
        await tables.order_items.count({
          where: { order_id: order.id, product_id: product.id },
        })
      ) {
        throw conflict(
          `Order ${order.number} has a line for ${product.sku} already: change its quantity`,
        );
      }
      const quantity = input.quantity as number;
      const time = this.#timestamp();
      const row: OrderItem = {
        id: crypto.randomUUID(),
        order_id: order.id,
        product_id: product.id,
        product_name: product.name,
        quantity,
        unit_price_cents: product.price_cents,
        line_total_cents: quantity * product.price_cents,
        created_at: time,
        updated_at: time,
      };
      await tables.order_items.insert(row);
      changes.push({ table: "order_items", event: "created", id: row.id, row });
      await this.#retotal(tables, changes, order.id);
      return row;
    });
    return {
      status: 201,
      body: created,
      headers: { location: `/order-items/${created.id}` },
    };
  }

  /** `GET /order-items/{order_item_id}`. */
  async getOrderItem({ params }: OperationContext): Promise<Result> {
    return {
      status: 200,
      body: await this.#find(
        this.#store,
        "order_items",
        params.order_item_id!,
        "order item",
      ),
    };
  }

  /** `PATCH /order-items/{order_item_id}`: the quantity, while the order is `pending`. */
  async updateOrderItem({ params, text }: OperationContext): Promise<Result> {
    const input = body(text, ORDER_ITEM_UPDATE, false);
    const id = params.order_item_id!;
    const row = await this.#write(async (tables, changes) => {
      const item = await this.#find(tables, "order_items", id, "order item");
      const fields = diff(item, input);
      if (Object.keys(fields).length === 0) return item;
      await this.#pendingOrder(tables, item.order_id);
      const quantity = fields.quantity ?? item.quantity;
      const updated = await this.#updateRow(
        tables,
        changes,
        "order_items",
        id,
        {
          quantity,
          line_total_cents: quantity * item.unit_price_cents,
        },
      );
      await this.#retotal(tables, changes, item.order_id);
      return updated;
    });
    return { status: 200, body: row };
  }

  /** `DELETE /order-items/{order_item_id}`: while the order is `pending`; updates the order's total. */
  async deleteOrderItem({ params }: OperationContext): Promise<Result> {
    const id = params.order_item_id!;
    await this.#write(async (tables, changes) => {
      const item = await this.#find(tables, "order_items", id, "order item");
      await this.#pendingOrder(tables, item.order_id);
      await tables.order_items.delete(id);
      changes.push({ table: "order_items", event: "deleted", id });
      await this.#retotal(tables, changes, item.order_id);
    });
    return { status: 204 };
  }
}
