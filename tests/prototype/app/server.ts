/**
 * An in-memory orders/customers API on 127.0.0.1 with the broadcast endpoint, for the prototype's tests.
 *
 * REST: `GET/POST /api/orders`, `GET/PATCH/DELETE /api/orders/{id}`, `GET/POST /api/customers`,
 * `GET/PATCH /api/customers/{id}`; lists filter by `status`, `customer_id`, repeated `id`, sort by `sort=-total`,
 * page by `limit`/`offset`. Every write publishes `{channel, event, payload: {entity_id}}` on `/ws/broadcast`.
 *
 * @module
 */

export interface ServerOrder {
  id: string;
  customer_id: string;
  status: string;
  total: number;
  note: string | null;
  created_at: string;
}

export interface ServerCustomer {
  id: string;
  name: string;
  email: string;
  created_at: string;
}

interface Hold {
  method: string;
  path: string;
  gate: PromiseWithResolvers<void>;
  arrived: PromiseWithResolvers<void>;
}

interface Failure {
  method: string;
  path: string;
  status: number;
}

interface Socket {
  socket: WebSocket;
  channels: Set<string>;
  closed: Promise<void>;
}

/** A published event with the time it was sent (`performance.now()`). */
export interface Published {
  channel: string;
  event: string;
  entity_id: string;
  at: number;
}

export const ALICE = "00000000-0000-4000-8000-00000000000a";
export const BOB = "00000000-0000-4000-8000-00000000000b";

export class ApiServer {
  readonly orders = new Map<string, ServerOrder>();
  readonly customers = new Map<string, ServerCustomer>();
  /** `METHOD /path?query` of each request, in order. */
  readonly requests: string[] = [];
  readonly published: Published[] = [];
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #sockets = new Set<Socket>();
  readonly #holds: Hold[] = [];
  readonly #failures: Failure[] = [];
  readonly #subscribed: Array<() => void> = [];

  constructor() {
    const created = "2026-01-01T00:00:00.000Z";
    this.customers.set(ALICE, { id: ALICE, name: "Alice", email: "alice@example.com", created_at: created });
    this.customers.set(BOB, { id: BOB, name: "Bob", email: "bob@example.com", created_at: created });
    const seed: Array<[string, string, number]> = [[ALICE, "open", 10], [ALICE, "paid", 25], [BOB, "open", 40]];
    seed.forEach(([customer_id, status, total], i) => {
      const id = `00000000-0000-4000-8000-0000000000${String(i + 1).padStart(2, "0")}`;
      this.orders.set(id, { id, customer_id, status, total, note: null, created_at: created });
    });
    this.#server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (r) => this.#handle(r));
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  get broadcastUrl(): string {
    return `ws://127.0.0.1:${this.#server.addr.port}/ws/broadcast`;
  }

  /** Open broadcast sockets. */
  get openSockets(): number {
    return [...this.#sockets].filter((s) => s.socket.readyState === WebSocket.OPEN).length;
  }

  /** Requests that start with `prefix` (`"GET /api/orders"`). */
  count(prefix: string): number {
    return this.requests.filter((r) => r.startsWith(prefix)).length;
  }

  /**
   * Holds the next request matching `method` and `path` (a prefix) until `release()`.
   *
   * @returns `arrived` settles when the request came in.
   */
  hold(method: string, path: string): { arrived: Promise<void>; release: () => void } {
    const hold: Hold = { method, path, gate: Promise.withResolvers(), arrived: Promise.withResolvers() };
    this.#holds.push(hold);
    return { arrived: hold.arrived.promise, release: () => hold.gate.resolve() };
  }

  /** Answers the next request matching `method` and `path` (a prefix) with `status`. */
  failNext(method: string, path: string, status = 500): void {
    this.#failures.push({ method, path, status });
  }

  /** Resolves once `n` sockets are subscribed to `channel`. */
  async waitForSubscribers(channel: string, n: number): Promise<void> {
    while ([...this.#sockets].filter((s) => s.channels.has(channel)).length < n) {
      await new Promise<void>((resolve) => this.#subscribed.push(resolve));
    }
  }

  async close(): Promise<void> {
    for (const hold of this.#holds) hold.gate.resolve();
    const sockets = [...this.#sockets];
    sockets.forEach((s) => s.socket.readyState === WebSocket.OPEN && s.socket.close());
    await Promise.all(sockets.map((s) => s.closed));
    await this.#server.shutdown();
  }

  #publish(channel: string, event: string, entity_id: string): void {
    this.published.push({ channel, event, entity_id, at: performance.now() });
    const message = JSON.stringify({ channel, event, payload: { entity_id } });
    for (const s of this.#sockets) {
      if (s.channels.has(channel) && s.socket.readyState === WebSocket.OPEN) s.socket.send(message);
    }
  }

  #socket(request: Request): Response {
    const { socket, response } = Deno.upgradeWebSocket(request);
    const closed = Promise.withResolvers<void>();
    const entry: Socket = { socket, channels: new Set(), closed: closed.promise };
    this.#sockets.add(entry);
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data));
      for (const channel of message.subscribe ?? []) entry.channels.add(channel);
      for (const channel of message.unsubscribe ?? []) entry.channels.delete(channel);
      this.#subscribed.splice(0).forEach((resolve) => resolve());
    };
    socket.onclose = () => {
      this.#sockets.delete(entry);
      closed.resolve();
    };
    return response;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/ws/broadcast") return this.#socket(request);
    const line = `${request.method} ${url.pathname}${url.search}`;
    this.requests.push(line);
    const hold = this.#holds.find((h) => h.method === request.method && url.pathname.startsWith(h.path));
    if (hold) {
      this.#holds.splice(this.#holds.indexOf(hold), 1);
      hold.arrived.resolve();
      await hold.gate.promise;
    }
    const failure = this.#failures.find((f) => f.method === request.method && url.pathname.startsWith(f.path));
    if (failure) {
      this.#failures.splice(this.#failures.indexOf(failure), 1);
      return Response.json({ detail: "injected failure" }, { status: failure.status });
    }
    const [, api, resource, id] = url.pathname.split("/");
    if (api !== "api" || (resource !== "orders" && resource !== "customers")) return notFound();
    const body = request.body ? await request.json() : undefined;
    return resource === "orders"
      ? this.#orders(request.method, id, url.searchParams, body)
      : this.#customers(request.method, id, url.searchParams, body);
  }

  #orders(method: string, id: string | undefined, query: URLSearchParams, body: Partial<ServerOrder>): Response {
    if (id === undefined) {
      if (method === "GET") return Response.json(list([...this.orders.values()], query));
      if (method === "POST") {
        const order: ServerOrder = {
          status: "open",
          note: null,
          ...body as Pick<ServerOrder, "customer_id" | "total">,
          id: crypto.randomUUID(),
          created_at: new Date().toISOString(),
        };
        this.orders.set(order.id, order);
        this.#publish("order", "created", order.id);
        return Response.json(order, { status: 201 });
      }
      return notFound();
    }
    const order = this.orders.get(id);
    if (!order) return notFound();
    if (method === "GET") return Response.json(order);
    if (method === "PATCH") {
      Object.assign(order, body, { id });
      this.#publish("order", "updated", id);
      return Response.json(order);
    }
    if (method === "DELETE") {
      this.orders.delete(id);
      this.#publish("order", "deleted", id);
      return new Response(null, { status: 204 });
    }
    return notFound();
  }

  #customers(method: string, id: string | undefined, query: URLSearchParams, body: Partial<ServerCustomer>): Response {
    if (id === undefined) {
      if (method === "GET") return Response.json(list([...this.customers.values()], query));
      if (method === "POST") {
        const customer = {
          ...body as Pick<ServerCustomer, "name" | "email">,
          id: crypto.randomUUID(),
          created_at: new Date().toISOString(),
        };
        this.customers.set(customer.id, customer);
        this.#publish("customer", "created", customer.id);
        return Response.json(customer, { status: 201 });
      }
      return notFound();
    }
    const customer = this.customers.get(id);
    if (!customer) return notFound();
    if (method === "GET") return Response.json(customer);
    if (method === "PATCH") {
      Object.assign(customer, body, { id });
      this.#publish("customer", "updated", id);
      return Response.json(customer);
    }
    return notFound();
  }
}

function notFound(): Response {
  return Response.json({ detail: "not found" }, { status: 404 });
}

function list<T extends object>(rows: T[], query: URLSearchParams): T[] {
  const record = (row: T) => row as Record<string, unknown>;
  let result = rows;
  for (const key of new Set(query.keys())) {
    if (key === "sort" || key === "limit" || key === "offset") continue;
    const values = query.getAll(key);
    result = result.filter((row) => values.includes(String(record(row)[key])));
  }
  const sort = query.get("sort");
  if (sort) {
    const keys = sort.split(",").map((s) => (s.startsWith("-") ? [s.slice(1), -1] as const : [s, 1] as const));
    result = [...result].sort((a, b) => {
      for (const [key, direction] of keys) {
        const x = record(a)[key] as string | number, y = record(b)[key] as string | number;
        if (x !== y) return (x < y ? -1 : 1) * direction;
      }
      return 0;
    });
  }
  const offset = Number(query.get("offset") ?? 0);
  const limit = query.has("limit") ? Number(query.get("limit")) : undefined;
  return result.slice(offset, limit === undefined ? undefined : offset + limit);
}
