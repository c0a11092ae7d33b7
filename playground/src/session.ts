/**
 * The last session (spec, options, example), remembered across reloads in `localStorage`. A spec too big for the
 * storage quota is simply not remembered.
 *
 * @module
 */
import type { SyncMode } from "../../mod.ts";

const KEY = "sync-patterns-playground:session";

/** What is remembered. */
export interface Session {
  spec: string;
  syncMode: SyncMode;
  /** The example the spec came from, if it did. */
  example?: string;
}

/** The remembered session, or `undefined` (none, storage disabled, or unreadable). */
export function loadSession(): Session | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.spec !== "string") return undefined;
    return {
      spec: value.spec,
      syncMode: value.syncMode === "confirmed" ? "confirmed" : "optimistic",
      example: typeof value.example === "string" ? value.example : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Remembers the session.
 *
 * @returns `false` when the storage refused it (quota exceeded or disabled); the previous session is then dropped,
 *   so that a reload does not bring back an older spec.
 */
export function saveSession(session: Session): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(session));
    return true;
  } catch {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // storage disabled altogether
    }
    return false;
  }
}

/** Forgets the remembered session (a spec too big to remember replaced it). */
export function forgetSession(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // storage disabled
  }
}
