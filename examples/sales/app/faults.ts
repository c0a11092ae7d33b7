/**
 * Fault injection for demos and the browser test: while "fail writes" is on, every write the data layer sends
 * (POST, PATCH, DELETE) carries `x-fail: 500` and `x-delay-ms`, so the server waits, then refuses it without
 * touching the database, and the optimistic change on screen rolls back. Reads are never touched (a failed first
 * load would leave a list in its error state).
 *
 * Wired in through `configureApi({ fetch: faultyFetch })`.
 *
 * @module
 */
import { useSyncExternalStore } from "react";

/** The switches. */
export interface Faults {
  /** Writes fail with 500 (after {@link Faults.delayMs}). */
  failWrites: boolean;
  /** Writes wait this long on the server first (so the optimistic state can be seen). */
  delayMs: number;
}

let faults: Faults = { failWrites: false, delayMs: 0 };
const listeners = new Set<() => void>();

/** Changes the switches. */
export function setFaults(changes: Partial<Faults>): void {
  faults = { ...faults, ...changes };
  for (const listener of listeners) listener();
}

/** The switches, re-rendering on change. */
export function useFaults(): Faults {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
    () => faults,
  );
}

/** `fetch` with the fault headers on writes. */
export const faultyFetch: typeof fetch = (input, init) => {
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET"))
    .toUpperCase();
  const { failWrites, delayMs } = faults;
  if (method === "GET" || method === "HEAD" || (!failWrites && !delayMs)) {
    return fetch(input, init);
  }
  const headers = new Headers(init?.headers);
  if (failWrites) headers.set("x-fail", "500");
  if (delayMs) headers.set("x-delay-ms", String(delayMs));
  return fetch(input, { ...init, headers });
};
