/**
 * A fake broadcast endpoint: sockets that speak the protocol of the generated `runtime/broadcast.ts` (clients send
 * `{"subscribe": [...]}` / `{"unsubscribe": [...]}`, the server sends `{"channel", "event", "payload"}` to the
 * sockets subscribed to the channel), delivered asynchronously like a real socket.
 *
 * @module
 */

/** One event the server sends. */
export interface BroadcastMessage {
  channel: string;
  event: string;
  payload: { entity_id?: string | number; [key: string]: unknown };
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/** The socket a client holds; it has the shape of the runtime's `WebSocketLike`. */
export interface MockSocket {
  readonly url: string;
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** The sockets of one mock backend and the channels each subscribed to. */
export class MockSocketServer {
  readonly #channels = new Map<MockSocket, Set<string>>();
  /** Every event published, in order. */
  readonly published: BroadcastMessage[] = [];

  /** The constructor to give the broadcast runtime (`options.WebSocket`). */
  readonly WebSocket: new (url: string) => MockSocket;

  constructor() {
    // arrow functions, so the socket class reaches this server without aliasing `this`
    const open = (socket: MockSocket) => void this.#channels.set(socket, new Set());
    const closed = (socket: MockSocket) => void this.#channels.delete(socket);
    const receive = (socket: MockSocket, data: string) => this.#receive(socket, data);
    this.WebSocket = class implements MockSocket {
      readonly url: string;
      readyState = CONNECTING;
      onopen: ((event: Event) => void) | null = null;
      onclose: ((event: CloseEvent) => void) | null = null;
      onerror: ((event: Event) => void) | null = null;
      onmessage: ((event: MessageEvent) => void) | null = null;

      constructor(url: string) {
        this.url = url;
        open(this);
        setTimeout(() => {
          if (this.readyState !== CONNECTING) return;
          this.readyState = OPEN;
          this.onopen?.({ type: "open" } as Event);
        }, 0);
      }

      send(data: string): void {
        if (this.readyState !== OPEN) {
          throw new Error("The mock socket is not open");
        }
        receive(this, data);
      }

      close(code = 1000, reason = ""): void {
        if (this.readyState === CLOSED) return;
        this.readyState = CLOSED;
        closed(this);
        setTimeout(
          () =>
            this.onclose?.(
              { type: "close", code, reason, wasClean: true } as CloseEvent,
            ),
          0,
        );
      }
    };
  }

  /** Open sockets. */
  get size(): number {
    return this.#channels.size;
  }

  /** The channels a socket subscribed to. */
  channelsOf(socket: MockSocket): ReadonlySet<string> {
    return this.#channels.get(socket) ?? new Set();
  }

  /** Sends an event to the sockets subscribed to its channel. */
  publish(message: BroadcastMessage): void {
    this.published.push(message);
    const data = JSON.stringify(message);
    for (const [socket, channels] of this.#channels) {
      if (!channels.has(message.channel)) continue;
      setTimeout(() => {
        if (socket.readyState === OPEN) {
          socket.onmessage?.({ type: "message", data } as MessageEvent);
        }
      }, 0);
    }
  }

  /** Closes every socket (a dropped connection: the runtime reconnects). */
  dropAll(): void {
    for (const socket of [...this.#channels.keys()]) {
      socket.close(1006, "dropped");
    }
  }

  #receive(socket: MockSocket, data: string): void {
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return; // malformed client messages are ignored, as the example server does
    }
    const channels = this.#channels.get(socket);
    if (!channels || typeof message !== "object" || message === null) return;
    const { subscribe, unsubscribe } = message as {
      subscribe?: unknown;
      unsubscribe?: unknown;
    };
    if (Array.isArray(subscribe)) {
      for (const c of subscribe) if (typeof c === "string") channels.add(c);
    }
    if (Array.isArray(unsubscribe)) {
      for (const c of unsubscribe) {
        if (typeof c === "string") channels.delete(c);
      }
    }
  }
}
