/**
 * The broadcast endpoint (`/ws/broadcast`, protocol of SYNC-012): clients send `{"subscribe": ["order"]}` and
 * `{"unsubscribe": [...]}`; the server sends `{"channel": "order", "event": "created", "payload": {"entity_id": "…"}}`
 * to the sockets subscribed to the channel. Malformed client messages are ignored.
 *
 * Test controls: {@link BroadcastHub.drop} closes every socket, {@link BroadcastHub.sendGarbage} sends malformed
 * frames, {@link BroadcastHub.refuse} turns upgrades away.
 *
 * @module
 */

/** An event the server published. */
export interface PublishedEvent {
  channel: string;
  event: string;
  payload: { entity_id?: string; [key: string]: unknown };
  /** `performance.now()` right before the frames went out. */
  at: number;
  /** How many sockets it was sent to. */
  sentTo: number;
}

/** One connected client as the server sees it. */
export interface BroadcastConnection {
  readonly id: number;
  readonly socket: WebSocket;
  /** The channels it subscribed to. */
  readonly channels: Set<string>;
  /** Parsed messages it sent (malformed ones as `undefined`). */
  readonly received: unknown[];
  /** Settles once the socket has closed. */
  readonly closed: Promise<void>;
}

/** Frames {@link BroadcastHub.sendGarbage} sends: none is a valid event. */
export const GARBAGE_FRAMES: readonly (string | Uint8Array<ArrayBuffer>)[] = [
  "not json",
  "{",
  "null",
  "42",
  '"order"',
  "[]",
  "{}",
  '{"channel":"order"}',
  '{"channel":"order","event":42,"payload":{}}',
  '{"channel":"","event":"created","payload":{}}',
  '{"channel":"order","event":"created","payload":"x"}',
  new Uint8Array([0, 159, 146, 150]),
];

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** The set of broadcast connections of one server. */
export class BroadcastHub {
  /** Events published so far, in order. */
  readonly published: PublishedEvent[] = [];
  /** When set, upgrades are answered with this status (503 by default in {@link refuse}) instead of a socket. */
  refusing: number | undefined;
  /** How many sockets were accepted so far. */
  accepted = 0;
  readonly #connections = new Set<BroadcastConnection>();
  readonly #waiters = new Set<() => void>();
  readonly #historyLimit: number;
  #nextId = 1;

  /** @param historyLimit How many events {@link published} keeps (the oldest go first). */
  constructor(historyLimit = Infinity) {
    this.#historyLimit = historyLimit;
  }

  /** Open connections. */
  get connections(): BroadcastConnection[] {
    return [...this.#connections].filter((c) => c.socket.readyState === WebSocket.OPEN);
  }

  /** How many open connections are subscribed to `channel`. */
  subscribers(channel: string): number {
    return this.connections.filter((c) => c.channels.has(channel)).length;
  }

  /** Upgrades a request to a broadcast socket (or refuses it, see {@link refuse}). */
  accept(request: Request): Response {
    if (this.refusing !== undefined) {
      return Response.json({
        code: "unavailable",
        message: "Broadcast refused (test switch)",
      }, {
        status: this.refusing,
      });
    }
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return Response.json({
        code: "upgrade_required",
        message: "Connect with a WebSocket",
      }, { status: 426 });
    }
    const { socket, response } = Deno.upgradeWebSocket(request);
    const closed = Promise.withResolvers<void>();
    const connection: BroadcastConnection = {
      id: this.#nextId++,
      socket,
      channels: new Set(),
      received: [],
      closed: closed.promise,
    };
    this.#connections.add(connection);
    socket.onopen = () => {
      this.accepted++;
      this.#changed();
    };
    socket.onmessage = (event) => {
      let message: unknown;
      try {
        message = typeof event.data === "string" ? JSON.parse(event.data) : undefined;
      } catch {
        message = undefined;
      }
      connection.received.push(message);
      if (typeof message === "object" && message !== null) {
        const { subscribe, unsubscribe } = message as Record<string, unknown>;
        if (isStringArray(subscribe)) {
          subscribe.forEach((c) => connection.channels.add(c));
        }
        if (isStringArray(unsubscribe)) {
          unsubscribe.forEach((c) => connection.channels.delete(c));
        }
      }
      this.#changed();
    };
    socket.onerror = () => {};
    socket.onclose = () => {
      this.#connections.delete(connection);
      closed.resolve();
      this.#changed();
    };
    return response;
  }

  /** Sends an event to the sockets subscribed to its channel and records it. */
  publish(
    channel: string,
    event: string,
    payload: PublishedEvent["payload"],
  ): PublishedEvent {
    const frame = JSON.stringify({ channel, event, payload });
    const targets = this.connections.filter((c) => c.channels.has(channel));
    const published: PublishedEvent = {
      channel,
      event,
      payload,
      at: performance.now(),
      sentTo: targets.length,
    };
    for (const { socket } of targets) {
      try {
        socket.send(frame);
      } catch {
        // closing under us: its onclose cleans up
      }
    }
    this.published.push(published);
    if (this.published.length > this.#historyLimit) {
      this.published.splice(0, this.published.length - this.#historyLimit);
    }
    this.#changed();
    return published;
  }

  /** Sends a raw frame to every open socket (or to those subscribed to `channel`). Returns how many got it. */
  sendRaw(frame: string | Uint8Array<ArrayBuffer>, channel?: string): number {
    const targets = this.connections.filter((c) => channel === undefined || c.channels.has(channel));
    for (const { socket } of targets) socket.send(frame);
    return targets.length;
  }

  /** Sends every frame of {@link GARBAGE_FRAMES} to every open socket. Returns how many sockets got them. */
  sendGarbage(): number {
    const targets = this.connections;
    for (const frame of GARBAGE_FRAMES) this.sendRaw(frame);
    return targets.length;
  }

  /**
   * Closes every socket from the server side (a server restart as clients see it) and waits until they are closed.
   *
   * @param code The close code. @default {1012} (service restart)
   */
  async drop(code = 1012): Promise<void> {
    const all = [...this.#connections];
    for (const { socket } of all) {
      const close = () => {
        try {
          socket.close(code, "dropped by the server");
        } catch {
          // already closing
        }
      };
      if (socket.readyState === WebSocket.CONNECTING) {
        socket.addEventListener("open", close, { once: true });
      } else close();
    }
    await Promise.all(all.map((c) => c.closed));
  }

  /** Turns upgrades away with `status` until {@link allow} is called (drops nothing by itself). */
  refuse(status = 503): void {
    this.refusing = status;
  }

  /** Accepts upgrades again. */
  allow(): void {
    this.refusing = undefined;
  }

  /**
   * Resolves once `predicate` holds, checked after every socket change and publish.
   *
   * @throws {Error} After `timeoutMs`.
   */
  async waitFor(
    predicate: () => boolean,
    what: string,
    timeoutMs = 5000,
  ): Promise<void> {
    if (predicate()) return;
    const done = Promise.withResolvers<void>();
    const check = () => predicate() && done.resolve();
    this.#waiters.add(check);
    const timer = setTimeout(
      () =>
        done.reject(
          new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`),
        ),
      timeoutMs,
    );
    try {
      await done.promise;
    } finally {
      clearTimeout(timer);
      this.#waiters.delete(check);
    }
  }

  /** Resolves once `n` open sockets are subscribed to `channel`. */
  waitForSubscribers(channel: string, n = 1, timeoutMs = 5000): Promise<void> {
    return this.waitFor(
      () => this.subscribers(channel) >= n,
      `${n} subscriber(s) of ${channel}`,
      timeoutMs,
    );
  }

  /** Closes every socket (normal closure) and waits for them. */
  close(): Promise<void> {
    return this.drop(1001);
  }

  #changed(): void {
    for (const check of [...this.#waiters]) check();
  }
}
