/**
 * The sync modes and the names they go by: the one table that both `x-sync-mode` in a spec and the CLI's
 * `--sync-mode` read.
 *
 * @module
 */
import type { SyncMode } from "./types.ts";

/**
 * Every accepted name (lower case, `_` between words) → our sync mode: ours, and the upstream values of
 * `x-sync-mode` (`api`, `server` → confirmed; `realtime`, `offline`, `local_first`, `live` → optimistic).
 */
export const SYNC_MODE_NAMES: Readonly<Record<string, SyncMode>> = {
  optimistic: "optimistic",
  confirmed: "confirmed",
  api: "confirmed",
  server: "confirmed",
  realtime: "optimistic",
  offline: "optimistic",
  local_first: "optimistic",
  live: "optimistic",
};

/**
 * The sync mode a name stands for (case, `-` and spaces do not matter), or undefined for anything else.
 *
 * @example
 * ```ts
 * import { parseSyncMode } from "./sync_mode.ts";
 * parseSyncMode("api"); // => "confirmed"
 * parseSyncMode("Local-First"); // => "optimistic"
 * parseSyncMode("fast"); // => undefined
 * ```
 */
export function parseSyncMode(value: unknown): SyncMode | undefined {
  if (typeof value !== "string") return undefined;
  const key = value.toLowerCase().replace(/[-\s]/g, "_");
  return Object.hasOwn(SYNC_MODE_NAMES, key) ? SYNC_MODE_NAMES[key] : undefined;
}
