/**
 * The broadcast client: one WebSocket to the API's broadcast endpoint, shared by every hook of an app.
 *
 * Protocol (after SYNC-012): the client sends `{"subscribe": ["order"]}` / `{"unsubscribe": ["order"]}`; the server
 * sends `{"channel": "order", "event": "created", "payload": {"entity_id": "…"}}`. Events received over the socket
 * are relayed to the other tabs of the browser through a `BroadcastChannel`.
 *
 * Self-contained: no imports, runs in browsers and in Deno.
 *
 * @module
 */

/** Where the client is: `connecting` (first attempt), `connected`, `reconnecting` (after a drop), `disconnected`. */
export type BroadcastState =
  | "connecting"
  | "connected"
  | "reconnecting"
  | "disconnected";

/** What the server sends with an event; `entity_id` names the changed row when there is one. */
export interface BroadcastPayload {
  entity_id?: string | number;
  [key: string]: unknown;
}

/** One event of a channel. */
export interface BroadcastEvent {
  /** The channel: an entity's singular name (`order`). */
  channel: string;
  /** `created`, `updated`, `deleted`, or a custom event name. */
  event: string;
  payload: BroadcastPayload;
}

/** Called with each event of a subscribed channel. */
export type BroadcastListener = (event: BroadcastEvent) => void;

/** Called when the state changes. */
export type BroadcastStateListener = (
  state: BroadcastState,
  previous: BroadcastState,
) => void;

/** The part of the WebSocket API the client uses (so tests can pass a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket constructor (the global `WebSocket` by default). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** The part of the BroadcastChannel API the client uses. */
export interface BroadcastChannelLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

/** A BroadcastChannel constructor (the global `BroadcastChannel` by default). */
export type BroadcastChannelConstructor = new (
  name: string,
) => BroadcastChannelLike;

/** Options of {@link BroadcastClient}. */
export interface BroadcastClientOptions {
  /**
   * The endpoint. `ws:`/`wss:` or `http:`/`https:` (turned into `ws:`/`wss:`); a URL without a path gets
   * `/ws/broadcast`; a relative URL is resolved against `location` in a browser.
   * @default {"/ws/broadcast" on the page's host}
   */
  url?: string | URL;
  /**
   * Open the socket in the constructor. With `false`, call {@link BroadcastClient.connect}.
   * @default {true}
   */
  autoConnect?: boolean;
  /**
   * Delay before the first reconnect attempt, doubled after each failed attempt.
   * @default {1000}
   */
  initialDelayMs?: number;
  /**
   * Upper bound of the reconnect delay.
   * @default {30000}
   */
  maxDelayMs?: number;
  /**
   * Reconnect attempts in a row before giving up (state `disconnected`); `Infinity` never gives up.
   * @default {10}
   */
  maxAttempts?: number;
  /**
   * Random spread of each delay, as a fraction (0.2 → ±20 %), so that many clients do not reconnect in step.
   * @default {0}
   */
  jitter?: number;
  /** The WebSocket constructor. @default {globalThis.WebSocket} */
  WebSocket?: WebSocketConstructor;
  /**
   * The BroadcastChannel constructor for the cross-tab relay; `null` turns the relay off.
   * @default {globalThis.BroadcastChannel, when there is one}
   */
  BroadcastChannel?: BroadcastChannelConstructor | null;
  /**
   * Name of the relay's BroadcastChannel.
   * @default {"sync-patterns:broadcast:" + the resolved URL}
   */
  relayName?: string;
  /**
   * A socket event that arrives this long after the same event came in from another tab (or the other way round)
   * is taken for the same event and not delivered twice.
   * @default {2000}
   */
  relayDedupeMs?: number;
  /** Called when a listener throws. @default {console.error} */
  onListenerError?: (error: unknown, event: BroadcastEvent) => void;
}

/** The default path of the broadcast endpoint. */
export const DEFAULT_BROADCAST_PATH = "/ws/broadcast";

const OPEN = 1;
const RELAY_TYPE = "sync-patterns/broadcast";

type Source = "socket" | "relay";

/**
 * Resolves the endpoint URL: `http(s):` becomes `ws(s):`, an empty path becomes `/ws/broadcast`, a relative URL
 * is resolved against `base` (the page's `location` in a browser).
 *
 * @param url The URL the app gave, if any.
 * @param base The base for relative URLs.
 * @returns The absolute `ws:`/`wss:` URL.
 * @throws {TypeError} When the URL is relative and there is no base, or its scheme is not ws/wss/http/https.
 */
export function resolveBroadcastUrl(
  url?: string | URL,
  base: string | undefined = locationHref(),
): string {
  const resolved = new URL(url ?? DEFAULT_BROADCAST_PATH, base);
  if (resolved.protocol === "http:") resolved.protocol = "ws:";
  else if (resolved.protocol === "https:") resolved.protocol = "wss:";
  else if (resolved.protocol !== "ws:" && resolved.protocol !== "wss:") {
    throw new TypeError(
      `Broadcast URL must be ws:, wss:, http: or https:, got ${resolved.protocol}`,
    );
  }
  if (resolved.pathname === "" || resolved.pathname === "/") {
    resolved.pathname = DEFAULT_BROADCAST_PATH;
  }
  return resolved.href;
}

function locationHref(): string | undefined {
  const location = (globalThis as { location?: { href?: string } }).location;
  return typeof location?.href === "string" ? location.href : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads one server message. Anything that is not `{channel: string, event: string, payload?: object}` gives
 * `undefined`; so do non-text frames and invalid JSON.
 *
 * @param data The frame's data.
 * @returns The event, or `undefined` for a message to ignore.
 */
export function parseBroadcastMessage(
  data: unknown,
): BroadcastEvent | undefined {
  if (typeof data !== "string") return undefined;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return undefined;
  }
  return toEvent(message);
}

function toEvent(message: unknown): BroadcastEvent | undefined {
  if (!isRecord(message)) return undefined;
  const { channel, event, payload } = message;
  if (
    typeof channel !== "string" || channel === "" ||
    typeof event !== "string" || event === ""
  ) return undefined;
  if (payload !== undefined && !isRecord(payload)) return undefined;
  return { channel, event, payload: (payload ?? {}) as BroadcastPayload };
}

/**
 * One WebSocket connection to the broadcast endpoint, shared by all subscribers.
 *
 * Channels are reference-counted: the first {@link subscribe} to a channel sends `{"subscribe": [channel]}`, the
 * last unsubscribe sends `{"unsubscribe": [channel]}`; changes made in one tick go out as one message. After a drop
 * the client reconnects with exponential backoff and subscribes to all channels again.
 *
 * @example
 * ```ts
 * const client = new BroadcastClient({ url: "wss://api.example.com" });
 * const off = client.subscribe("order", (e) => console.log(e.event, e.payload.entity_id));
 * off();
 * await client.close();
 * ```
 */
export class BroadcastClient {
  /** The resolved endpoint. */
  readonly url: string;
  readonly #options:
    & Required<
      Pick<
        BroadcastClientOptions,
        "initialDelayMs" | "maxDelayMs" | "maxAttempts"
      >
    >
    & {
      jitter: number;
      relayDedupeMs: number;
    };
  readonly #WebSocket: WebSocketConstructor | undefined;
  readonly #BroadcastChannel: BroadcastChannelConstructor | undefined;
  readonly #relayName: string;
  readonly #onListenerError: (error: unknown, event: BroadcastEvent) => void;
  readonly #id = Math.random().toString(36).slice(2) + Date.now().toString(36);

  readonly #listeners = new Map<string, Set<BroadcastListener>>();
  readonly #stateListeners = new Set<BroadcastStateListener>();
  /** Channels the server has been told about on the current socket. */
  readonly #serverChannels = new Set<string>();
  /** Recently delivered events by fingerprint, for the socket/relay dedupe. */
  readonly #recent = new Map<string, { source: Source; at: number }>();

  #state: BroadcastState = "disconnected";
  #socket: WebSocketLike | undefined;
  #relay: BroadcastChannelLike | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #active = false;
  #flushQueued = false;
  #closing: Promise<void> | undefined;

  /**
   * @param options See {@link BroadcastClientOptions}.
   * @throws {TypeError} When the URL cannot be resolved.
   */
  constructor(options: BroadcastClientOptions = {}) {
    this.url = resolveBroadcastUrl(options.url);
    this.#options = {
      initialDelayMs: options.initialDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 10,
      jitter: options.jitter ?? 0,
      relayDedupeMs: options.relayDedupeMs ?? 2000,
    };
    this.#WebSocket = options.WebSocket ??
      (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    this.#BroadcastChannel = options.BroadcastChannel === null
      ? undefined
      : options.BroadcastChannel ??
        (globalThis as { BroadcastChannel?: BroadcastChannelConstructor })
          .BroadcastChannel;
    this.#relayName = options.relayName ??
      `sync-patterns:broadcast:${this.url}`;
    this.#onListenerError = options.onListenerError ??
      ((error, event) =>
        console.error(
          `Broadcast listener for ${event.channel}/${event.event} threw`,
          error,
        ));
    if (options.autoConnect ?? true) this.connect();
  }

  /** The current state. */
  get state(): BroadcastState {
    return this.#state;
  }

  /** The channels with at least one listener. */
  get channels(): string[] {
    return [...this.#listeners.keys()];
  }

  /**
   * Opens the socket (and the cross-tab relay). Does nothing while connected or connecting; while waiting to
   * reconnect, tries at once. Call it again after {@link close} to reopen.
   */
  connect(): void {
    if (this.#socket) return; // connected, or an attempt is under way
    const waiting = this.#timer !== undefined;
    this.#clearTimer();
    if (!waiting) this.#attempt = 0;
    this.#active = true;
    this.#openRelay();
    this.#open(waiting ? "reconnecting" : "connecting");
  }

  /**
   * Listens to a channel. The first listener of a channel subscribes to it on the server.
   *
   * @param channel The channel (an entity's singular name).
   * @param listener Called with each event of the channel.
   * @returns A function that removes the listener (calling it twice is harmless).
   */
  subscribe(channel: string, listener: BroadcastListener): () => void {
    let set = this.#listeners.get(channel);
    if (!set) {
      set = new Set();
      this.#listeners.set(channel, set);
      this.#queueFlush();
    }
    // wrap so the same function can be subscribed twice and removed once per subscription
    const entry: BroadcastListener = (event) => listener(event);
    set.add(entry);
    return () => {
      const current = this.#listeners.get(channel);
      if (!current?.delete(entry)) return;
      if (current.size === 0) {
        this.#listeners.delete(channel);
        this.#queueFlush();
      }
    };
  }

  /**
   * Listens to state changes.
   *
   * @param listener Called with the new and the previous state.
   * @returns A function that removes the listener.
   */
  onStateChange(listener: BroadcastStateListener): () => void {
    const entry: BroadcastStateListener = (state, previous) =>
      listener(state, previous);
    this.#stateListeners.add(entry);
    return () => void this.#stateListeners.delete(entry);
  }

  /**
   * Closes the socket and the relay and stops reconnecting; the state becomes `disconnected`. Listeners stay
   * registered, so {@link connect} resumes where it left off.
   *
   * @returns A promise that settles when the socket has closed.
   */
  close(): Promise<void> {
    this.#active = false;
    this.#clearTimer();
    this.#relay?.close();
    this.#relay = undefined;
    const socket = this.#socket;
    this.#socket = undefined;
    this.#serverChannels.clear();
    this.#setState("disconnected");
    if (!socket) return this.#closing ?? Promise.resolve();
    socket.onopen = null;
    socket.onmessage = null;
    socket.onerror = null;
    const closed = new Promise<void>((resolve) => {
      if (socket.readyState === 3) return resolve();
      socket.onclose = () => resolve();
    });
    try {
      socket.close(1000, "client closed");
    } catch {
      socket.onclose = null;
      return Promise.resolve();
    }
    const closing = closed.finally(() => {
      if (this.#closing === closing) this.#closing = undefined;
    });
    this.#closing = closing;
    return closing;
  }

  #open(state: "connecting" | "reconnecting"): void {
    const WebSocketImpl = this.#WebSocket;
    if (!WebSocketImpl) {
      this.#setState("disconnected");
      return;
    }
    this.#setState(state);
    let socket: WebSocketLike;
    try {
      socket = new WebSocketImpl(this.url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      this.#attempt = 0;
      this.#serverChannels.clear();
      this.#setState("connected");
      this.#flush();
    };
    socket.onmessage = (message) => {
      if (this.#socket !== socket) return;
      const event = parseBroadcastMessage(message.data);
      if (!event) return;
      this.#deliver(event, "socket");
      this.#relayOut(event);
    };
    socket.onerror = () => {
      // a close event always follows; reconnecting happens there
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#serverChannels.clear();
      this.#scheduleReconnect();
    };
  }

  #scheduleReconnect(): void {
    if (!this.#active) return;
    if (this.#attempt >= this.#options.maxAttempts) {
      this.#active = false;
      this.#relay?.close();
      this.#relay = undefined;
      this.#setState("disconnected");
      return;
    }
    const { initialDelayMs, maxDelayMs, jitter } = this.#options;
    const base = Math.min(initialDelayMs * 2 ** this.#attempt, maxDelayMs);
    const delay = Math.max(0, base * (1 + jitter * (Math.random() * 2 - 1)));
    this.#attempt++;
    this.#setState("reconnecting");
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#active) this.#open("reconnecting");
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #setState(state: BroadcastState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    for (const listener of [...this.#stateListeners]) {
      try {
        listener(state, previous);
      } catch (error) {
        console.error("Broadcast state listener threw", error);
      }
    }
  }

  /** Sends the difference between the wanted channels and what the server has, once per tick. */
  #queueFlush(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    queueMicrotask(() => {
      this.#flushQueued = false;
      this.#flush();
    });
  }

  #flush(): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN) return;
    const subscribe = [...this.#listeners.keys()].filter((c) =>
      !this.#serverChannels.has(c)
    );
    const unsubscribe = [...this.#serverChannels].filter((c) =>
      !this.#listeners.has(c)
    );
    try {
      if (unsubscribe.length) socket.send(JSON.stringify({ unsubscribe }));
      if (subscribe.length) socket.send(JSON.stringify({ subscribe }));
    } catch {
      return; // the socket is going away; onclose reconnects and resubscribes
    }
    unsubscribe.forEach((c) => this.#serverChannels.delete(c));
    subscribe.forEach((c) => this.#serverChannels.add(c));
  }

  #deliver(event: BroadcastEvent, source: Source): void {
    if (this.#isDuplicate(event, source)) return;
    const listeners = this.#listeners.get(event.channel);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
  }

  /** True when the same event already came in from the other source (socket vs relay) a moment ago. */
  #isDuplicate(event: BroadcastEvent, source: Source): boolean {
    if (!this.#relay) return false;
    const now = Date.now();
    for (const [key, seen] of this.#recent) {
      if (now - seen.at <= this.#options.relayDedupeMs) break; // insertion order = time order
      this.#recent.delete(key);
    }
    const key = JSON.stringify([event.channel, event.event, event.payload]);
    const seen = this.#recent.get(key);
    if (seen && seen.source !== source) {
      this.#recent.delete(key);
      return true;
    }
    this.#recent.delete(key);
    this.#recent.set(key, { source, at: now });
    return false;
  }

  #openRelay(): void {
    if (this.#relay || !this.#BroadcastChannel) return;
    try {
      const relay = new this.#BroadcastChannel(this.#relayName);
      relay.onmessage = (message) => {
        const data: unknown = message.data;
        if (
          !isRecord(data) || data.type !== RELAY_TYPE ||
          data.origin === this.#id
        ) return;
        const event = toEvent(data.event);
        if (event) this.#deliver(event, "relay"); // never re-posted: no echo between tabs
      };
      this.#relay = relay;
    } catch {
      this.#relay = undefined;
    }
  }

  #relayOut(event: BroadcastEvent): void {
    try {
      this.#relay?.postMessage({ type: RELAY_TYPE, origin: this.#id, event });
    } catch {
      // a payload that cannot be cloned stays in this tab
    }
  }
}
