/// <reference lib="dom" />
/**
 * The page of the browser flood test (`flood_browser.ts` bundles it): the broadcast client and sync of the fixed
 * runtime keep a table of rows in the DOM up to date while the server floods, and the page measures what that costs
 * its main thread. The result is left in `window.floodResult`.
 *
 * @module
 */
import { BroadcastClient } from "../../fixed/runtime/broadcast.ts";
import { type HandlerTime, timedSocket } from "./timed_socket.ts";
import { BroadcastSync, type SyncTarget } from "../../fixed/runtime/sync.ts";

/** What the page measured. */
export interface PageResult {
  frames: number;
  flushes: number;
  writes: number;
  handlerMs: number;
  maxLagMs: number;
  longTasks: number;
  longTaskMs: number;
  rows: Record<string, string>;
}

const params = new URLSearchParams(location.search);
const expected = Number(params.get("events"));

const time: HandlerTime = { ms: 0, frames: 0 };
const TimedSocket = timedSocket(time);
let longTasks = 0;
let longTaskMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    longTasks++;
    longTaskMs += entry.duration;
  }
}).observe({ type: "longtask", buffered: true });

let maxLagMs = 0;
let lastTick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  maxLagMs = Math.max(maxLagMs, now - lastTick - 5);
  lastTick = now;
}, 5);

// the rows, shown in a table: each write updates its cell's text (never innerHTML)
const table = document.createElement("table");
document.body.append(table);
const cells = new Map<string, HTMLTableCellElement>();
const rows = new Map<string, { id: string; name: string }>();
let writes = 0;
const target: SyncTarget = {
  channel: "row",
  loaded: (key) => rows.get(String(key)),
  parse: (data) => {
    const row = data as { id?: unknown; name?: unknown } | null;
    return row && typeof row.id === "string" && typeof row.name === "string" ? row : undefined;
  },
  keyOf: (row) => (row as { id: string }).id,
  fetch: () => undefined,
  write: (row) => {
    const { id, name } = row as { id: string; name: string };
    writes++;
    rows.set(id, { id, name });
    let cell = cells.get(id);
    if (!cell) {
      const tr = table.insertRow();
      tr.insertCell().textContent = id;
      cell = tr.insertCell();
      cells.set(id, cell);
    }
    cell.textContent = name;
  },
  remove: (key) => void rows.delete(String(key)),
  invalidate: () => Promise.resolve(),
  refresh: () => Promise.resolve(),
};

const client = new BroadcastClient({ url: params.get("ws")!, WebSocket: TimedSocket, BroadcastChannel: null });
const sync = new BroadcastSync(client);
let flushes = 0;
const flush = sync.flush.bind(sync);
sync.flush = () => {
  const started = performance.now();
  flushes++;
  flush();
  time.ms += performance.now() - started;
};
sync.watch(target);

const done = setInterval(async () => {
  if (time.frames < expected) return;
  clearInterval(done);
  await sync.settled();
  clearInterval(ticker);
  const result: PageResult = {
    frames: time.frames,
    flushes,
    writes,
    handlerMs: time.ms,
    maxLagMs,
    longTasks,
    longTaskMs,
    rows: Object.fromEntries([...rows].map(([id, row]) => [id, row.name])),
  };
  (globalThis as { floodResult?: PageResult }).floodResult = result;
}, 20);
