/**
 * The broadcast runtime (`fixed/runtime/broadcast.ts` + `sync.ts`) under network faults, on loopback servers (issue
 * 12, "The generated runtime under faults"): a flood of events, quick successive updates of one row, and a server
 * that drops the socket every second. Each scenario is bounded in time and asserts counts and final states.
 *
 * @module
 */
import assert from "node:assert/strict";
import { BroadcastClient } from "../../fixed/runtime/broadcast.ts";
import { BroadcastSync, type RowKey, type SyncTarget } from "../../fixed/runtime/sync.ts";
import type { FloodReport, FloodSettings } from "./flood_server.ts";
import { type HandlerTime, timedSocket } from "./timed_socket.ts";
import { sleep, TestBroadcastServer, waitUntil } from "./ws_server.ts";

interface Row {
  id: string;
  name: string;
}

const isRow = (data: unknown): data is Row =>
  typeof data === "object" && data !== null && typeof (data as Row).id === "string" &&
  typeof (data as Row).name === "string";

/**
 * The client's rows in a Map, as a collection would hold them; `fetchRow`/`fetchAll` reach the server (by HTTP in
 * these tests). Counts writes.
 */
function mapTarget(
  channel: string,
  server: { fetchRow?: (key: RowKey) => Promise<Row | undefined>; fetchAll?: () => Promise<Row[]> },
) {
  const rows = new Map<string, Row>();
  let writes = 0;
  const target: SyncTarget = {
    channel,
    loaded: (key) => rows.get(String(key)),
    parse: (data) => (isRow(data) ? data : undefined),
    keyOf: (row) => (row as Row).id,
    fetch: (key) => server.fetchRow?.(key),
    write: (row) => {
      writes++;
      rows.set((row as Row).id, row as Row);
    },
    remove: (key) => void rows.delete(String(key)),
    invalidate: async () => {
      const all = await server.fetchAll?.();
      if (!all) return;
      rows.clear();
      for (const row of all) rows.set(row.id, row);
    },
    refresh: () => target.invalidate(),
  };
  return { target, rows, writes: () => writes };
}

/** A loopback HTTP API over a Map: `GET /rows` and `GET /rows/:id`, each answered after `delayMs`. */
function rowApi(state: Map<string, Row>, delayMs = 0) {
  let gets = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    gets++;
    const id = new URL(request.url).pathname.split("/")[2];
    // the answer is the state when the request arrived: a slow answer can be older than the row by the time it lands
    const body = id === undefined ? [...state.values()] : state.get(decodeURIComponent(id));
    await sleep(delayMs);
    return body === undefined ? new Response("gone", { status: 404 }) : Response.json(structuredClone(body));
  });
  const base = `http://127.0.0.1:${server.addr.port}/rows`;
  return {
    gets: () => gets,
    fetchRow: async (key: RowKey) => {
      const response = await fetch(`${base}/${encodeURIComponent(String(key))}`);
      if (response.status === 404) return void (await response.body?.cancel());
      return (await response.json()) as Row;
    },
    fetchAll: async () => (await (await fetch(base)).json()) as Row[],
    close: () => server.shutdown(),
  };
}

Deno.test("fault: a server flooding 10,000 events a second does not freeze the client (coalesced)", async () => {
  const settings: FloodSettings = { rate: 10_000, durationMs: 2000, rows: 50 };
  const worker = new Worker(new URL("./flood_server.ts", import.meta.url), { type: "module" });
  const inbox: unknown[] = [];
  let notifyInbox = () => {};
  worker.onmessage = (event) => {
    inbox.push(event.data);
    notifyInbox();
  };
  const next = async <T>(what: string): Promise<T> => {
    await waitUntil(
      (n) => {
        notifyInbox = n;
        return () => (notifyInbox = () => {});
      },
      () => inbox.length > 0,
      what,
      15_000,
    );
    return inbox.shift() as T;
  };
  worker.postMessage(settings);
  const { port } = await next<{ port: number }>("the flood server");

  // main-thread time: every socket message handler and every flush of the sync, timed
  const time: HandlerTime = { ms: 0, frames: 0 };
  const TimedSocket = timedSocket(time);
  // event-loop lag: how late a 5 ms interval fires (the page's responsiveness)
  let maxLagMs = 0;
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - lastTick - 5);
    lastTick = now;
  }, 5);

  const client = new BroadcastClient({
    url: `ws://127.0.0.1:${port}/ws/broadcast`,
    WebSocket: TimedSocket,
    BroadcastChannel: null,
  });
  const sync = new BroadcastSync(client);
  let flushes = 0;
  const flush = sync.flush.bind(sync);
  sync.flush = () => {
    const started = performance.now();
    flushes++;
    flush();
    time.ms += performance.now() - started;
  };
  const rows = mapTarget("row", {});
  const stop = sync.watch(rows.target);
  try {
    const report = await next<FloodReport>("the end of the flood");
    await waitUntil(
      (n) => {
        const timer = setInterval(n, 10);
        return () => clearInterval(timer);
      },
      () => time.frames >= report.sent,
      `${report.sent} frames`,
      15_000,
    );
    await sync.settled();
    clearInterval(ticker);

    assert.equal(report.sent, 20_000);
    assert.equal(time.frames, report.sent, "every event arrived");
    // the client ends with the last row the server sent for each key
    assert.deepEqual(Object.fromEntries(rows.rows), report.last);
    // coalesced: events acted on in batches (at most one per 16 ms), a row written once per batch at most
    assert.ok(flushes < report.sent / 20, `${flushes} flushes for ${report.sent} events`);
    assert.ok(rows.writes() <= flushes * settings.rows, `${rows.writes()} writes in ${flushes} flushes`);
    assert.ok(rows.writes() < report.sent / 2, `${rows.writes()} writes for ${report.sent} events`);
    // generous bounds (a shared, loaded machine): a freeze is seconds; the figures are printed
    assert.ok(maxLagMs < 1000, `event loop lag ${maxLagMs.toFixed(0)} ms`);
    assert.ok(time.ms < settings.durationMs / 2, `${time.ms.toFixed(0)} ms in handlers`);
    console.log(
      `flood: ${report.sent} events in ${settings.durationMs} ms → ${flushes} flushes, ${rows.writes()} writes; ` +
        `${time.ms.toFixed(0)} ms in handlers (${(time.ms / settings.durationMs * 100).toFixed(1)} % of the ` +
        `flood), max event-loop lag ${maxLagMs.toFixed(1)} ms`,
    );
  } finally {
    clearInterval(ticker);
    stop();
    sync.dispose();
    await client.close();
    worker.terminate();
  }
});

Deno.test("fault: two quick updates of one row end in the server's final state (a slow stale answer is not kept)", async () => {
  const state = new Map<string, Row>([["r1", { id: "r1", name: "v0" }]]);
  const api = rowApi(state, 80);
  const server = new TestBroadcastServer();
  const client = new BroadcastClient({ url: server.url, BroadcastChannel: null });
  const sync = new BroadcastSync(client);
  const rows = mapTarget("row", api);
  rows.rows.set("r1", { id: "r1", name: "v0" });
  const stop = sync.watch(rows.target);
  try {
    await server.waitFor(() => server.open[0]?.channels.has("row") ?? false, "subscription");
    // update 1: the event names the row; the client's GET is answered slowly, with the row as it was then (v1)
    state.set("r1", { id: "r1", name: "v1" });
    server.publish("row", "updated", { entity_id: "r1" });
    await waitUntil(
      (n) => {
        const timer = setInterval(n, 2);
        return () => clearInterval(timer);
      },
      () => api.gets() === 1,
      "the first GET",
    );
    // update 2 while that answer is on its way
    state.set("r1", { id: "r1", name: "v2" });
    server.publish("row", "updated", { entity_id: "r1" });
    await sleep(20);
    await sync.settled();
    assert.deepEqual(rows.rows.get("r1"), { id: "r1", name: "v2" }, "the second update is not lost");
    assert.equal(api.gets(), 2, "one GET per update, none more");

    // two updates carrying the row: the last one wins, with no request
    server.publish("row", "updated", { entity_id: "r1", data: { id: "r1", name: "v3" } });
    server.publish("row", "updated", { entity_id: "r1", data: { id: "r1", name: "v4" } });
    await sleep(20);
    await sync.settled();
    assert.deepEqual(rows.rows.get("r1"), { id: "r1", name: "v4" });
    assert.equal(api.gets(), 2);
  } finally {
    stop();
    sync.dispose();
    await client.close();
    await server.close();
    await api.close();
  }
});

Deno.test("fault: a server that drops the socket every second keeps the client converging", async () => {
  const state = new Map<string, Row>(Array.from({ length: 20 }, (_, i) => [`r${i}`, { id: `r${i}`, name: "v0" }]));
  const api = rowApi(state, 5);
  const server = new TestBroadcastServer();
  const client = new BroadcastClient({
    url: server.url,
    BroadcastChannel: null,
    initialDelayMs: 50,
    maxDelayMs: 200,
  });
  let reconnects = 0;
  client.onStateChange((now, before) => {
    if (now === "connected" && before === "reconnecting") reconnects++;
  });
  const sync = new BroadcastSync(client);
  const rows = mapTarget("row", api);
  for (const row of state.values()) rows.rows.set(row.id, { ...row });
  const stop = sync.watch(rows.target);
  let version = 0;
  const change = () => {
    const id = `r${version % state.size}`;
    const row = { id, name: `v${++version}` };
    state.set(id, row);
    server.publish("row", "updated", { entity_id: id, data: row }); // lost while the socket is down
  };
  try {
    await server.waitFor(() => server.open[0]?.channels.has("row") ?? false, "subscription");
    for (let second = 0; second < 3; second++) {
      // changes for a second (every 25 ms), then the drop, and changes while the socket is down
      for (let i = 0; i < 40; i++) {
        change();
        await sleep(25);
      }
      await server.drop();
      for (let i = 0; i < 5; i++) change();
      await server.waitFor(() => server.open[0]?.channels.has("row") ?? false, `resubscription ${second + 1}`);
    }
    await waitUntil((n) => client.onStateChange(n), () => client.state === "connected", "connected");
    await sleep(50);
    await sync.settled();
    assert.equal(reconnects, 3);
    assert.equal(version, 135);
    assert.deepEqual(Object.fromEntries(rows.rows), Object.fromEntries(state), "the client's rows are the server's");
  } finally {
    stop();
    sync.dispose();
    await client.close();
    await server.close();
    await api.close();
  }
});
