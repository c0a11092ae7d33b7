/**
 * A broadcast server for tests: a real WebSocket endpoint on 127.0.0.1 (random port) that records what clients
 * send and lets the test push frames or drop connections.
 *
 * @module
 */

/** A connection as the server sees it. */
export interface ServerConnection {
  socket: WebSocket;
  /** Parsed client messages, in order. */
  received: unknown[];
  /** Channels this connection is subscribed to. */
  channels: Set<string>;
  /** Settles when the server side of the socket has closed. */
  closed: Promise<void>;
}

/** A loopback broadcast server. */
export class TestBroadcastServer {
  readonly connections: ServerConnection[] = [];
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #waiters = new Set<() => void>();

  constructor() {
    this.#server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
      if (request.headers.get("upgrade") !== "websocket") return new Response("not found", { status: 404 });
      const { socket, response } = Deno.upgradeWebSocket(request);
      const { promise: closed, resolve } = Promise.withResolvers<void>();
      const connection: ServerConnection = { socket, received: [], channels: new Set(), closed };
      socket.onopen = () => {
        this.connections.push(connection);
        this.#changed();
      };
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data));
        connection.received.push(message);
        for (const channel of message.subscribe ?? []) connection.channels.add(channel);
        for (const channel of message.unsubscribe ?? []) connection.channels.delete(channel);
        this.#changed();
      };
      socket.onclose = () => {
        resolve();
        this.#changed();
      };
      return response;
    });
  }

  /** The endpoint URL (`ws://127.0.0.1:port/ws/broadcast`). */
  get url(): string {
    return `ws://127.0.0.1:${this.#server.addr.port}/ws/broadcast`;
  }

  /** Connections whose socket is open. */
  get open(): ServerConnection[] {
    return this.connections.filter((c) => c.socket.readyState === WebSocket.OPEN);
  }

  /** Sends a frame (an object is sent as JSON) to each open connection subscribed to `channel`, or to `to`. */
  send(frame: unknown, to?: ServerConnection[]): void {
    const targets = to ?? this.open;
    for (const connection of targets) {
      if (connection.socket.readyState !== WebSocket.OPEN) continue;
      const data = typeof frame === "string" || frame instanceof Uint8Array ? frame : JSON.stringify(frame);
      connection.socket.send(data);
    }
  }

  /** Sends an event to every open connection subscribed to its channel. */
  publish(channel: string, event: string, payload: Record<string, unknown> = {}): void {
    this.send({ channel, event, payload }, this.open.filter((c) => c.channels.has(channel)));
  }

  /** Closes every connection from the server side. */
  async drop(): Promise<void> {
    const open = this.open;
    open.forEach((c) => c.socket.close(1012, "dropped by test"));
    await Promise.all(open.map((c) => c.closed));
  }

  /**
   * Waits until `predicate` holds (checked after each server event).
   *
   * @throws {Error} After `timeoutMs`.
   */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
    return waitUntil(
      (notify) => {
        this.#waiters.add(notify);
        return () => this.#waiters.delete(notify);
      },
      predicate,
      what,
      timeoutMs,
    );
  }

  /** Stops the server after every connection has closed. */
  async close(): Promise<void> {
    await this.drop();
    await Promise.all(this.connections.map((c) => c.closed));
    await this.#server.shutdown();
  }

  #changed(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

/**
 * Waits until `predicate` holds, re-checking whenever `listen`'s notify is called; no timer is left behind.
 *
 * @throws {Error} After `timeoutMs`.
 */
export function waitUntil(
  listen: (notify: () => void) => () => void,
  predicate: () => boolean,
  what: string,
  timeoutMs = 3000,
): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      unlisten();
      if (error) reject(error);
      else resolve();
    };
    const unlisten = listen(() => {
      if (predicate()) done();
    });
    const timer = setTimeout(() => done(new Error(`Timed out waiting for ${what}`)), timeoutMs);
  });
}

/** Resolves after `ms` (a cleared-on-settle timer). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
