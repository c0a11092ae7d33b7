/**
 * The contract between the Preview pane (in the playground page) and the explorer (in each preview frame).
 *
 * @module
 */
import type { EntityModel } from "../../../src/model/types.ts";

/** The runtime's `WebSocketLike`, as much as the explorer hands on. */
export interface HostSocket {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** What a preview frame gets from the page: its name, the model and the shared mock backend's doors. */
export interface PreviewHost {
  /** "A" or "B". */
  client: string;
  /** The blob URL of the bundle (generated data layer + explorer entry). */
  bundleUrl: string;
  model: EntityModel;
  /** The API's base URL the client is configured with (the mock answers any). */
  baseUrl: string;
  /** The broadcast endpoint. */
  broadcastUrl: string;
  /** The generated client's `fetch` option: the mock backend. */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The broadcast runtime's `WebSocket` option: the mock backend's sockets. */
  WebSocket: new (url: string) => HostSocket;
  /** What the explorer keeps across rebuilds (the chosen entity), one object per client. */
  memory: { entity?: string };
  /** Called once the explorer rendered. */
  onReady: () => void;
  /** Called when the bundle fails to load or mount. */
  onError: (error: unknown) => void;
}
