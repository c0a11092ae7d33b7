/**
 * A DOM for React tests under Deno: import this module FIRST (before react / @testing-library/react).
 *
 * happy-dom replaces globals Deno needs for itself, so after registering it this puts back Deno's timers (TanStack
 * DB calls `.unref()` on its timers, which happy-dom's do not have) and Deno's global event functions (Deno reports
 * unhandled rejections through them), and tells React it runs inside `act`.
 *
 * @module
 */
import { GlobalRegistrator } from "@happy-dom/global-registrator";

const deno = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  dispatchEvent: globalThis.dispatchEvent,
  addEventListener: globalThis.addEventListener,
  removeEventListener: globalThis.removeEventListener,
  Event: globalThis.Event,
  MessageEvent: globalThis.MessageEvent,
  CloseEvent: globalThis.CloseEvent,
  ErrorEvent: globalThis.ErrorEvent,
  WebSocket: globalThis.WebSocket,
  BroadcastChannel: globalThis.BroadcastChannel,
  fetch: globalThis.fetch,
  Request: globalThis.Request,
  Response: globalThis.Response,
  Headers: globalThis.Headers,
  AbortController: globalThis.AbortController,
  AbortSignal: globalThis.AbortSignal,
};

GlobalRegistrator.register({ url: "http://localhost/" });

Object.assign(globalThis, deno, { IS_REACT_ACT_ENVIRONMENT: true });

/** Removes the DOM again (call in a last test or an unload handler when needed). */
export function unregisterDom(): Promise<void> {
  return GlobalRegistrator.unregister();
}
