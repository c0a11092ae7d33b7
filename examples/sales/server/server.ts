/**
 * The HTTP + WebSocket server of the sales example: the REST API of `examples/sales/openapi.yaml`, the broadcast
 * endpoint `/ws/broadcast`, CORS, a request log, and fault injection for demos and tests.
 *
 * Fault injection, per request: header `x-fail: 500` (or query `?fail=500`) answers with that status (an
 * `ApiError` with code `injected_failure`) without doing anything; header `x-delay-ms: 300` (or `?delay_ms=300`)
 * waits before handling. Programmatically: {@link SalesServer.fault} and {@link SalesServer.hold}.
 *
 * @module
 */
import { type Change, HttpError, SalesApi } from "./api.ts";
import { BroadcastHub } from "./broadcast.ts";
import { demoData } from "./seed.ts";
import { MemoryStore, type Store } from "./store.ts";
import { CHANNELS, TABLE_NAMES } from "./types.ts";

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** @default {0} (a free port) */
  port?: number;
  /** @default {"127.0.0.1"} */
  hostname?: string;
  /** The storage. @default {a new MemoryStore} */
  store?: Store;
  /** Fill the store with the demo data of `seed.ts` when it is empty. @default {true} */
  seed?: boolean;
  /** The clock for timestamps. @default {() => new Date()} */
  now?: () => Date;
  /** Called with each request once answered (e.g. to log it). */
  onRequest?: (record: RequestRecord) => void;
  /**
   * How many entries {@link SalesServer.requests} and `broadcast.published` keep (the oldest go first); a
   * long-running server should set one.
   * @default {Infinity}
   */
  historyLimit?: number;
  /**
   * Serves other content (the example's web app) from the same origin: called first for every request but the
   * broadcast upgrades; a response is sent as it is (not logged, no faults), `undefined` goes on to the API.
   */
  serveStatic?: (request: Request) => Response | undefined | Promise<Response | undefined>;
}

/** A request as the server saw it. */
export interface RequestRecord {
  method: string;
  /** The path, e.g. `/orders/…`. */
  path: string;
  /** The query string with its `?`, or "". */
  search: string;
  /** `METHOD /path?query`. */
  line: string;
  /** The status answered; `undefined` while in flight. */
  status: number | undefined;
  /** The `x-client` header, to tell clients apart in tests. */
  client: string | null;
  /** `performance.now()` when it arrived. */
  at: number;
}

/** A programmatic fault: what to do to the next matching request(s). */
export interface FaultRule {
  /** Only this method (upper case). */
  method?: string;
  /** Only paths starting with this string, or matching this pattern. */
  path?: string | RegExp;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Wait this long first. */
  delayMs?: number;
  /** Wait until this promise settles first (after `delayMs`). */
  gate?: Promise<void>;
  /** How many requests it applies to. @default {1} */
  times?: number;
  /** Called when a request matched (before any wait). */
  onMatch?: (record: RequestRecord) => void;
}

/** A running server. */
export interface SalesServer {
  /** `http://host:port` (no trailing slash): the API's base URL. */
  readonly url: string;
  /** `ws://host:port/ws/broadcast`. */
  readonly wsUrl: string;
  readonly hostname: string;
  readonly port: number;
  readonly store: Store;
  /** The broadcast endpoint: published events, connections, and test switches (drop, garbage, refuse). */
  readonly broadcast: BroadcastHub;
  /** Every HTTP request but the broadcast upgrades, in order of arrival. */
  readonly requests: RequestRecord[];
  /** Requests whose `METHOD /path?query` starts with `prefix` (or matches the pattern), optionally of one client. */
  count(prefix: string | RegExp, client?: string): number;
  /** Adds a fault rule; `remove()` takes it back. */
  fault(rule: FaultRule): { remove(): void };
  /**
   * Holds the next request matching `method` and `path` until `release()`.
   *
   * @returns `arrived` settles when the request came in.
   */
  hold(
    method: string,
    path: string | RegExp,
  ): { arrived: Promise<void>; release(): void };
  /** Removes every fault rule and releases every held request. */
  clearFaults(): void;
  /** Releases held requests, closes the broadcast sockets and stops the server. */
  close(): Promise<void>;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

const ALLOW_HEADERS = "content-type, authorization, accept, x-fail, x-delay-ms, x-client";
const MAX_DELAY_MS = 60_000;

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  if (status === 204 || body === undefined) {
    return new Response(null, { status, headers });
  }
  return Response.json(body, { status, headers });
}

function cors(request: Request, response: Response): Response {
  const headers = response.headers;
  const origin = request.headers.get("origin");
  try {
    headers.set("access-control-allow-origin", origin ?? "*");
    headers.append("vary", "Origin");
    headers.set("access-control-expose-headers", "location");
  } catch {
    // immutable headers (a WebSocket upgrade): nothing to add
  }
  return response;
}

/** Reads a fault switch from the header, else the query. `undefined` when absent; throws 422 when malformed. */
function faultSwitch(
  request: Request,
  url: URL,
  header: string,
  param: string,
  min: number,
  max: number,
): number | undefined {
  const text = request.headers.get(header) ?? url.searchParams.get(param);
  if (text === null) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HttpError(
      422,
      "validation_failed",
      `${header} must be an integer from ${min} to ${max}`,
      [
        { field: header, message: `must be an integer from ${min} to ${max}` },
      ],
    );
  }
  return value;
}

/** Inserts the demo data when every table is empty. */
export async function loadDemoData(store: Store): Promise<void> {
  await store.transaction(async (tables) => {
    for (const name of TABLE_NAMES) if (await tables[name].count()) return;
    const data = demoData();
    for (const row of data.customers ?? []) await tables.customers.insert(row);
    for (const row of data.products ?? []) await tables.products.insert(row);
    for (const row of data.orders ?? []) await tables.orders.insert(row);
    for (const row of data.order_items ?? []) {
      await tables.order_items.insert(row);
    }
  });
}

/**
 * Starts the server.
 *
 * @example
 * ```ts
 * const server = await startServer();
 * const orders = await (await fetch(`${server.url}/orders`)).json();
 * await server.close();
 * ```
 */
export async function startServer(
  options: ServerOptions = {},
): Promise<SalesServer> {
  const { port = 0, hostname = "127.0.0.1", seed = true } = options;
  const store = options.store ?? new MemoryStore();
  if (seed) await loadDemoData(store);
  const historyLimit = options.historyLimit ?? Infinity;
  const hub = new BroadcastHub(historyLimit);
  const requests: RequestRecord[] = [];
  const rules: ActiveRule[] = [];
  /** Waits in progress (delays, holds), released on close. */
  const waits = new Set<() => void>();
  const shutdown = new AbortController();

  const publish = (changes: Change[]) => {
    for (const change of changes) {
      // the row itself rides along (`payload.data`): clients write it without asking the API again
      hub.publish(
        CHANNELS[change.table],
        change.event,
        change.row ? { entity_id: change.id, data: change.row } : { entity_id: change.id },
      );
    }
  };
  const api = new SalesApi(store, { now: options.now, onCommit: publish });

  const wait = (ms: number | undefined, gate: Promise<void> | undefined) =>
    new Promise<void>((resolve) => {
      if (shutdown.signal.aborted) return resolve();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        waits.delete(done);
        resolve();
      };
      waits.add(done);
      const afterDelay = () => {
        timer = undefined;
        if (gate) gate.then(done, done);
        else done();
      };
      if (ms) timer = setTimeout(afterDelay, ms);
      else afterDelay();
    });

  const matchRule = (record: RequestRecord): ActiveRule | undefined => {
    const rule = rules.find((r) =>
      r.remaining > 0 &&
      (r.method === undefined || r.method === record.method) &&
      (r.path === undefined ||
        (typeof r.path === "string" ? record.path.startsWith(r.path) : r.path.test(record.path)))
    );
    if (!rule) return undefined;
    if (--rule.remaining === 0) rules.splice(rules.indexOf(rule), 1);
    return rule;
  };

  async function handle(
    request: Request,
    record: RequestRecord,
    url: URL,
  ): Promise<Response> {
    const rule = matchRule(record);
    rule?.onMatch?.(record);
    const fail = faultSwitch(request, url, "x-fail", "fail", 400, 599) ??
      rule?.status;
    const delay = faultSwitch(
      request,
      url,
      "x-delay-ms",
      "delay_ms",
      0,
      MAX_DELAY_MS,
    );
    const totalDelay = (delay ?? 0) + (rule?.delayMs ?? 0);
    if (totalDelay > 0 || rule?.gate) await wait(totalDelay, rule?.gate);
    if (fail !== undefined) {
      return json(fail, {
        code: "injected_failure",
        message: `Injected failure: ${fail}`,
      });
    }
    const match = api.route(request.method, url.pathname);
    if (match.kind === "not_found") {
      return json(404, {
        code: "not_found",
        message: `No route ${url.pathname}`,
      });
    }
    if (match.kind === "method_not_allowed") {
      return json(405, {
        code: "method_not_allowed",
        message: `${request.method} is not allowed here`,
      }, {
        allow: match.allow.join(", "),
      });
    }
    const text = request.body ? await request.text() : "";
    const result = await match.operation({
      params: match.params,
      query: url.searchParams,
      text,
    });
    return json(result.status, result.body, result.headers);
  }

  const server = Deno.serve({
    port,
    hostname,
    signal: shutdown.signal,
    onListen: () => {},
  }, async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/ws/broadcast") return hub.accept(request);
    const page = await options.serveStatic?.(request);
    if (page) return page;
    if (request.method === "OPTIONS") {
      return cors(
        request,
        new Response(null, {
          status: 204,
          headers: {
            "access-control-allow-methods": "GET, POST, PATCH, DELETE, OPTIONS",
            "access-control-allow-headers": request.headers.get("access-control-request-headers") ??
              ALLOW_HEADERS,
            "access-control-max-age": "600",
          },
        }),
      );
    }
    const record: RequestRecord = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      line: `${request.method} ${url.pathname}${url.search}`,
      status: undefined,
      client: request.headers.get("x-client"),
      at: performance.now(),
    };
    requests.push(record);
    if (requests.length > historyLimit) {
      requests.splice(0, requests.length - historyLimit);
    }
    let response: Response;
    try {
      response = await handle(request, record, url);
    } catch (error) {
      if (error instanceof HttpError) {
        response = json(error.status, error.toJSON());
      } else {
        console.error(`${record.line} failed`, error);
        response = json(500, {
          code: "internal_error",
          message: String(error),
        });
      }
    }
    record.status = response.status;
    options.onRequest?.(record);
    return cors(request, response);
  });

  const address = server.addr;
  const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host}:${address.port}`,
    wsUrl: `ws://${host}:${address.port}/ws/broadcast`,
    hostname: address.hostname,
    port: address.port,
    store,
    broadcast: hub,
    requests,
    count(prefix, client) {
      return requests.filter((r) =>
        (typeof prefix === "string" ? r.line.startsWith(prefix) : prefix.test(r.line)) &&
        (client === undefined || r.client === client)
      ).length;
    },
    fault(rule) {
      const active: ActiveRule = { ...rule, remaining: rule.times ?? 1 };
      rules.push(active);
      return {
        remove: () =>
          void (rules.includes(active) &&
            rules.splice(rules.indexOf(active), 1)),
      };
    },
    hold(method, path) {
      const gate = Promise.withResolvers<void>();
      const arrived = Promise.withResolvers<void>();
      rules.push({
        method,
        path,
        gate: gate.promise,
        remaining: 1,
        onMatch: () => arrived.resolve(),
      });
      return { arrived: arrived.promise, release: () => gate.resolve() };
    },
    clearFaults() {
      rules.splice(0);
      for (const release of [...waits]) release();
    },
    close() {
      closing ??= (async () => {
        rules.splice(0);
        for (const release of [...waits]) release();
        await hub.close();
        shutdown.abort();
        await server.finished;
        await store.close();
      })();
      return closing;
    },
  };
}
