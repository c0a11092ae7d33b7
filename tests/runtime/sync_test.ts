/**
 * The broadcast sync of the fixed runtime (`fixed/runtime/sync.ts`) without React or TanStack DB: a fake source
 * delivers events, a fake target records what each event costs.
 *
 * @module
 */
import assert from "node:assert/strict";
import { BroadcastSync, broadcastSyncFor, type RowKey, type SyncTarget } from "../../fixed/runtime/sync.ts";
import type { BroadcastEvent, BroadcastPayload, BroadcastState } from "../../fixed/runtime/broadcast.ts";
import { sleep } from "./ws_server.ts";

/** A broadcast client stand-in: counts subscriptions, delivers events synchronously. */
class FakeSource {
  readonly listeners = new Map<string, Set<(event: BroadcastEvent) => void>>();
  subscribes = 0;
  unsubscribes = 0;
  subscribe(channel: string, listener: (event: BroadcastEvent) => void): () => void {
    this.subscribes++;
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener);
    return () => {
      this.unsubscribes++;
      set.delete(listener);
    };
  }
  emit(channel: string, event: string, payload: BroadcastPayload = {}): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ channel, event, payload });
  }
}

interface Row {
  id: string;
  name: string;
  parent_id?: string;
}

/** A target over a Map, recording fetches, writes, removes and invalidations. */
function fakeTarget(channel: string, rows: Row[], options: { get?: boolean; path?: string } = {}) {
  const held = new Map(rows.map((r) => [r.id, r]));
  const server = new Map(rows.map((r) => [r.id, { ...r }]));
  const log: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  const target: SyncTarget = {
    channel,
    loaded: (key: RowKey) => held.get(String(key)),
    parse: (data) => {
      const d = data as Partial<Row> | null;
      return d && typeof d.id === "string" && typeof d.name === "string" ? d : undefined;
    },
    keyOf: (row) => (row as Row).id,
    fetch: (key, hint) => {
      if (options.get === false) return undefined;
      if (options.path && !(hint && options.path in hint)) return undefined;
      log.push(`fetch ${key}`);
      return gate.then(() => server.get(String(key)));
    },
    write: (row) => {
      log.push(`write ${(row as Row).id}`);
      held.set((row as Row).id, row as Row);
    },
    remove: (key) => {
      log.push(`remove ${key}`);
      held.delete(String(key));
    },
    invalidate: () => {
      log.push("invalidate");
      return Promise.resolve();
    },
    refresh: (rows, keys = []) => {
      log.push(`refresh ${[...rows.map((r) => (r as Row).id), ...keys.map((k) => `key:${k}`)].join(",")}`);
      return Promise.resolve();
    },
  };
  return {
    target,
    log,
    held,
    server,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => release();
    },
  };
}

Deno.test("sync: one subscription per channel, however many watchers; the last stop unsubscribes", () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const orders = fakeTarget("order", []);
  const customers = fakeTarget("customer", []);
  const stops = [sync.watch(orders.target), sync.watch(orders.target), sync.watch(customers.target)];
  assert.equal(source.subscribes, 2);
  assert.deepEqual(sync.channels.sort(), ["customer", "order"]);
  stops[0]!();
  stops[0]!(); // twice is harmless
  assert.equal(source.unsubscribes, 0);
  stops[1]!();
  assert.equal(source.unsubscribes, 1);
  assert.deepEqual(sync.channels, ["customer"]);
  stops[2]!();
  assert.equal(source.unsubscribes, 2);
});

Deno.test("sync: the same sync for a client and a store", () => {
  const source = new FakeSource();
  const store = {};
  assert.equal(broadcastSyncFor(source, store), broadcastSyncFor(source, store));
  assert.notEqual(broadcastSyncFor(source, store), broadcastSyncFor(source, {}));
});

Deno.test("sync: `updated` of a loaded row fetches it once; of a row not loaded, nothing", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", [{ id: "a", name: "A" }]);
  t.server.set("a", { id: "a", name: "A2" });
  sync.watch(t.target);
  source.emit("order", "updated", { entity_id: "a" });
  source.emit("order", "updated", { entity_id: "zz" });
  await sync.settled();
  assert.deepEqual(t.log, ["fetch a", "write a"]);
  assert.equal(t.held.get("a")?.name, "A2");
});

Deno.test("sync: 100 events for one row in one tick: one fetch", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", [{ id: "a", name: "A" }]);
  sync.watch(t.target);
  for (let i = 0; i < 100; i++) source.emit("order", "updated", { entity_id: "a" });
  await sync.settled();
  assert.deepEqual(t.log, ["fetch a", "write a"]);
});

Deno.test("sync: an event during a fetch of its row: fetched once more after it, not once per event", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", [{ id: "a", name: "A" }]);
  sync.watch(t.target);
  const release = t.hold();
  source.emit("order", "updated", { entity_id: "a" });
  sync.flush();
  for (let i = 0; i < 10; i++) {
    source.emit("order", "updated", { entity_id: "a" });
    sync.flush();
  }
  t.server.set("a", { id: "a", name: "latest" });
  release();
  await sync.settled();
  assert.deepEqual(t.log, ["fetch a", "write a", "fetch a", "write a"]);
  assert.equal(t.held.get("a")?.name, "latest");
});

Deno.test("sync: `deleted` removes a loaded row locally; a row not loaded costs nothing", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", [{ id: "a", name: "A" }]);
  sync.watch(t.target);
  source.emit("order", "updated", { entity_id: "a" });
  source.emit("order", "deleted", { entity_id: "a" }); // the last event of a row wins
  source.emit("order", "deleted", { entity_id: "b" });
  await sync.settled();
  assert.deepEqual(t.log, ["remove a"]);
});

Deno.test("sync: a valid payload.data is written (a new row's queries refetched once); an invalid one is fetched", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", [{ id: "a", name: "A" }, { id: "b", name: "B" }]);
  sync.watch(t.target);
  source.emit("order", "updated", { entity_id: "a", data: { id: "a", name: "from payload" } });
  source.emit("order", "created", { entity_id: "n", data: { id: "n", name: "new" } });
  source.emit("order", "updated", { entity_id: "b", data: { id: "b" } }); // no name: invalid
  source.emit("order", "updated", { entity_id: "b", data: { id: "x", name: "other row" } });
  await sync.settled();
  assert.deepEqual(t.log, ["write a", "write n", "fetch b", "refresh n", "write b"]);
  assert.equal(t.held.get("a")?.name, "from payload");
});

Deno.test("sync: `created` events: one refresh of the queries their rows match, or (no usable row) their keys", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const orders = fakeTarget("order", []);
  const tags = fakeTarget("tag", []);
  sync.watch(orders.target);
  sync.watch(tags.target);
  source.emit("order", "created", { entity_id: "n", data: { id: "n", name: "N" } });
  source.emit("order", "created", { entity_id: "m", data: { id: "m", name: "M" } });
  source.emit("tag", "created", { entity_id: "t1" });
  source.emit("tag", "created", { entity_id: "t2", data: { id: "t2" } }); // invalid: no name
  await sync.settled();
  assert.deepEqual(orders.log, ["write n", "write m", "refresh n,m"]);
  assert.deepEqual(tags.log, ["refresh key:t1,key:t2"]);
});

Deno.test("sync: events without entity_id: one invalidation per batch, and no row fetches beside it", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", [{ id: "a", name: "A" }]);
  sync.watch(t.target);
  source.emit("order", "updated");
  source.emit("order", "updated", { entity_id: "a" });
  source.emit("order", "refreshed", { reason: "import" });
  source.emit("order", "deleted", { entity_id: "a" });
  await sync.settled();
  assert.deepEqual(t.log, ["remove a", "invalidate"]);
});

Deno.test("sync: a nested row fetches with the parent id of the loaded row, else invalidates", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("item", [{ id: "a", name: "A", parent_id: "p" }, { id: "c", name: "C" }], {
    path: "parent_id",
  });
  sync.watch(t.target);
  source.emit("item", "updated", { entity_id: "a" });
  await sync.settled();
  assert.deepEqual(t.log, ["fetch a", "write a"]);
  t.log.length = 0;
  source.emit("item", "updated", { entity_id: "c" });
  await sync.settled();
  assert.deepEqual(t.log, ["invalidate"]);
});

Deno.test("sync: a row gone on the server (fetch gives nothing) is removed; other channels are not touched", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const orders = fakeTarget("order", [{ id: "a", name: "A" }]);
  const customers = fakeTarget("customer", [{ id: "a", name: "Customer A" }]);
  orders.server.delete("a");
  sync.watch(orders.target);
  sync.watch(customers.target);
  source.emit("order", "updated", { entity_id: "a" });
  await sync.settled();
  assert.deepEqual(orders.log, ["fetch a", "remove a"]);
  assert.deepEqual(customers.log, []);
});

Deno.test("sync: a failed fetch is reported and leaves the row", async () => {
  const source = new FakeSource();
  const errors: string[] = [];
  const sync = new BroadcastSync(source, { onError: (error, channel) => errors.push(`${channel}: ${error}`) });
  const t = fakeTarget("order", [{ id: "a", name: "A" }]);
  t.target.fetch = () => Promise.reject(new Error("503"));
  sync.watch(t.target);
  source.emit("order", "updated", { entity_id: "a" });
  await sync.settled();
  assert.deepEqual(errors, ["order: Error: 503"]);
  assert.equal(t.held.get("a")?.name, "A");
});

Deno.test("sync: events of an unwatched channel and events after dispose are ignored", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", [{ id: "a", name: "A" }]);
  sync.receive({ channel: "order", event: "updated", payload: { entity_id: "a" } });
  sync.watch(t.target);
  sync.dispose();
  source.emit("order", "updated", { entity_id: "a" });
  await sync.settled();
  assert.deepEqual(t.log, []);
  assert.equal(source.unsubscribes, 1);
});

Deno.test("sync: a `created` event waits while a local insert settles, and is dropped when its row came meanwhile", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source);
  const t = fakeTarget("order", []);
  let settling = true;
  t.target.settling = () => settling;
  sync.watch(t.target);
  source.emit("order", "created", { entity_id: "mine", data: { id: "mine", name: "own insert" } });
  source.emit("order", "created", { entity_id: "theirs", data: { id: "theirs", name: "another client's" } });
  sync.flush();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(t.log, [], "nothing written while the insert waits for its answer");
  t.target.write({ id: "mine", name: "own insert" }); // the insert's answer
  settling = false;
  await sync.settled();
  assert.deepEqual(
    t.log,
    ["write mine", "write theirs", "refresh mine,theirs"],
    "the own row once, the other's after the wait, and the queries they belong to",
  );
});

/** A source with a connection state the test sets. */
class StatefulSource extends FakeSource {
  state: BroadcastState = "connecting";
  readonly stateListeners = new Set<(state: BroadcastState, previous: BroadcastState) => void>();
  onStateChange(listener: (state: BroadcastState, previous: BroadcastState) => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }
  set(state: BroadcastState): void {
    const previous = this.state;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state, previous);
  }
}

Deno.test("sync: a reconnect refetches each watched entity once; the first connect does not", async () => {
  const source = new StatefulSource();
  const sync = new BroadcastSync(source);
  const orders = fakeTarget("order", [{ id: "a", name: "A" }]);
  const customers = fakeTarget("customer", []);
  const stops = [sync.watch(orders.target), sync.watch(customers.target)];
  source.set("connected");
  await sync.settled();
  assert.deepEqual([...orders.log, ...customers.log], [], "the first connect costs nothing");

  source.set("reconnecting");
  source.set("connected");
  source.emit("order", "updated", { entity_id: "a" }); // coalesced with the refetch: no fetch of its own
  await sync.settled();
  assert.deepEqual(orders.log, ["invalidate"]);
  assert.deepEqual(customers.log, ["invalidate"]);

  // an idle sync does not listen (and holds nothing of the client)
  stops.forEach((stop) => stop());
  assert.equal(source.stateListeners.size, 0);
  // watched after the socket connected: the next `connected` is a reconnect
  const again = fakeTarget("order", []);
  sync.watch(again.target);
  source.set("reconnecting");
  source.set("connected");
  await sync.settled();
  assert.deepEqual(again.log, ["invalidate"]);
});

Deno.test("sync: under a flood, flushes are at least minFlushIntervalMs apart; a lone event is acted on at once", async () => {
  const source = new FakeSource();
  const sync = new BroadcastSync(source, { minFlushIntervalMs: 40 });
  const t = fakeTarget("order", []);
  sync.watch(t.target);
  const flushedAt: number[] = [];
  const flush = sync.flush.bind(sync);
  sync.flush = () => {
    flushedAt.push(performance.now());
    flush();
  };
  const started = performance.now();
  for (let i = 0; i < 30; i++) {
    source.emit("order", "updated", { entity_id: "r", data: { id: "r", name: `v${i}` } });
    await sleep(5);
  }
  await sync.settled();
  // 30 events over ≥ 150 ms: at most one flush per 40 ms (+1 for the first, at once)
  const elapsed = performance.now() - started;
  assert.ok(flushedAt.length <= Math.ceil(elapsed / 40) + 1, `${flushedAt.length} flushes in ${elapsed} ms`);
  assert.ok(flushedAt.length < 30 / 2, `${flushedAt.length} flushes for 30 events`);
  for (let i = 1; i < flushedAt.length - 1; i++) assert.ok(flushedAt[i]! - flushedAt[i - 1]! >= 39, `gap ${i}`);
  assert.equal(t.held.get("r")?.name, "v29", "the last event wins");
  assert.equal(t.log.filter((l) => l === "write r").length, flushedAt.length);
});
