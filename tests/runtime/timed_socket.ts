/**
 * A WebSocket that times its message handlers: the main-thread cost of a flood of broadcast events, measured the same
 * way in Deno (`faults_test.ts`) and in Chromium (`flood_page.ts`).
 *
 * @module
 */
import type { WebSocketLike } from "../../fixed/runtime/broadcast.ts";

/** What the sockets of one {@link timedSocket} class have counted so far. */
export interface HandlerTime {
  /** Milliseconds spent in message handlers (callers may add other timed work, such as the sync's flushes). */
  ms: number;
  /** Messages received. */
  frames: number;
}

/** A WebSocket class for `BroadcastClient` whose sockets add their handlers' time and messages to `time`. */
export function timedSocket(time: HandlerTime): new (url: string) => WebSocketLike {
  return class TimedSocket implements WebSocketLike {
    readonly #socket: WebSocket;
    onopen: ((event: Event) => void) | null = null;
    onclose: ((event: CloseEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    constructor(url: string) {
      this.#socket = new WebSocket(url);
      this.#socket.onopen = (e) => this.onopen?.(e);
      this.#socket.onclose = (e) => this.onclose?.(e);
      this.#socket.onerror = (e) => this.onerror?.(e);
      this.#socket.onmessage = (e) => {
        const started = performance.now();
        time.frames++;
        this.onmessage?.(e);
        time.ms += performance.now() - started;
      };
    }
    get readyState() {
      return this.#socket.readyState;
    }
    send(data: string) {
      this.#socket.send(data);
    }
    close(code?: number, reason?: string) {
      this.#socket.close(code, reason);
    }
  };
}
