import assert from "node:assert/strict";
import {
  BroadcastClient,
  type BroadcastClientOptions,
  type BroadcastEvent,
  type BroadcastState,
  parseBroadcastMessage,
  resolveBroadcastUrl,
} from "../../fixed/runtime/broadcast.ts";
import { sleep, TestBroadcastServer, waitUntil } from "./ws_server.ts";

/** Fast reconnects and no relay unless a test asks for it. */
function client(url: string, options: Partial<BroadcastClientOptions> = {}): BroadcastClient {
  return new BroadcastClient({ url, initialDelayMs: 10, maxDelayMs: 40, BroadcastChannel: null, ...options });
}

function waitForState(c: BroadcastClient, state: BroadcastState, timeoutMs = 3000): Promise<void> {
  return waitUntil((notify) => c.onStateChange(notify), () => c.state === state, `state ${state}`, timeoutMs);
}

/** Records the events a listener gets and lets a test wait for a count. */
function recorder() {
  const events: BroadcastEvent[] = [];
  const notifies = new Set<() => void>();
  return {
    events,
    listener: (event: BroadcastEvent) => {
      events.push(event);
      notifies.forEach((n) => n());
    },
    waitFor: (count: number) =>
      waitUntil((n) => {
        notifies.add(n);
        return () => notifies.delete(n);
      }, () =>
        events.length >= count, `${count} events`),
  };
}

Deno.test("resolveBroadcastUrl: scheme and default path", () => {
  const cases: [string | undefined, string | undefined, string][] = [
    ["ws://api.test", undefined, "ws://api.test/ws/broadcast"],
    ["https://api.test", undefined, "wss://api.test/ws/broadcast"],
    ["http://api.test:8000/", undefined, "ws://api.test:8000/ws/broadcast"],
    ["wss://api.test/custom/path", undefined, "wss://api.test/custom/path"],
    [undefined, "https://app.test/orders/1", "wss://app.test/ws/broadcast"],
    ["/events", "http://app.test/x", "ws://app.test/events"],
  ];
  for (const [url, base, want] of cases) assert.equal(resolveBroadcastUrl(url, base), want, String(url));
  assert.throws(() => resolveBroadcastUrl("ftp://x.test"), TypeError);
  assert.throws(() => resolveBroadcastUrl(undefined, undefined), TypeError);
});

Deno.test("parseBroadcastMessage: only {channel, event, payload?} text frames", () => {
  const ignored: unknown[] = [
    "not json",
    "",
    "null",
    "[]",
    '"order"',
    "{}",
    '{"channel": 5, "event": "created"}',
    '{"channel": "order"}',
    '{"channel": "", "event": "created"}',
    '{"channel": "order", "event": "created", "payload": "x"}',
    '{"channel": "order", "event": "created", "payload": [1]}',
    '{"subscribed": ["order"]}',
    new Uint8Array([123, 125]),
    new ArrayBuffer(2),
    undefined,
  ];
  for (const data of ignored) assert.equal(parseBroadcastMessage(data), undefined, String(data));
  assert.deepEqual(parseBroadcastMessage('{"channel":"order","event":"created","payload":{"entity_id":"7"}}'), {
    channel: "order",
    event: "created",
    payload: { entity_id: "7" },
  });
  assert.deepEqual(parseBroadcastMessage('{"channel":"order","event":"shipped"}'), {
    channel: "order",
    event: "shipped",
    payload: {},
  });
});

Deno.test("subscribe/unsubscribe messages are ref-counted and batched per tick", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url);
  try {
    assert.equal(c.state, "connecting");
    const off1 = c.subscribe("order", () => {});
    const off2 = c.subscribe("order", () => {});
    const off3 = c.subscribe("customer", () => {});
    await waitForState(c, "connected");
    await server.waitFor(() => server.connections[0]?.received.length === 1, "subscribe");
    const conn = server.connections[0];
    assert.deepEqual(conn.received, [{ subscribe: ["order", "customer"] }]);

    off1();
    off1(); // twice is harmless
    await sleep(20);
    assert.equal(conn.received.length, 1, "one listener of order is left");

    off2();
    off3();
    await server.waitFor(() => conn.received.length === 2, "unsubscribe");
    assert.deepEqual(conn.received[1], { unsubscribe: ["order", "customer"] });

    // subscribe + unsubscribe in one tick sends nothing
    c.subscribe("invoice", () => {})();
    await sleep(20);
    assert.equal(conn.received.length, 2);
    assert.deepEqual(c.channels, []);
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("events are delivered to the channel's listeners only", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url);
  try {
    const orders = recorder();
    const customers = recorder();
    c.subscribe("order", orders.listener);
    c.subscribe("customer", customers.listener);
    await server.waitFor(() => server.connections[0]?.channels.size === 2, "subscriptions");
    server.send({ channel: "order", event: "created", payload: { entity_id: "o1" } });
    server.send({ channel: "order", event: "shipped", payload: { entity_id: "o1", carrier: "dhl" } });
    server.send({ channel: "invoice", event: "created", payload: {} }); // no listener
    await orders.waitFor(2);
    assert.deepEqual(orders.events, [
      { channel: "order", event: "created", payload: { entity_id: "o1" } },
      { channel: "order", event: "shipped", payload: { entity_id: "o1", carrier: "dhl" } },
    ]);
    assert.equal(customers.events.length, 0);
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("a throwing listener does not stop the others", async () => {
  const server = new TestBroadcastServer();
  const errors: unknown[] = [];
  const c = client(server.url, { onListenerError: (e) => errors.push(e) });
  try {
    const ok = recorder();
    c.subscribe("order", () => {
      throw new Error("boom");
    });
    c.subscribe("order", ok.listener);
    await server.waitFor(() => server.connections[0]?.channels.has("order") ?? false, "subscription");
    server.publish("order", "updated", { entity_id: 1 });
    await ok.waitFor(1);
    assert.equal(errors.length, 1);
    assert.equal(c.state, "connected");
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("garbage frames are ignored, never thrown", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url);
  try {
    const orders = recorder();
    c.subscribe("order", orders.listener);
    await server.waitFor(() => server.connections[0]?.channels.has("order") ?? false, "subscription");
    for (
      const frame of [
        "not json {",
        "null",
        "42",
        "[]",
        "{}",
        '{"channel":"order"}',
        '{"channel":7,"event":"created"}',
        '{"channel":"order","event":"created","payload":"nope"}',
        new Uint8Array([1, 2, 3]),
      ]
    ) server.send(frame);
    server.publish("order", "deleted", { entity_id: "o9" });
    await orders.waitFor(1);
    await sleep(20);
    assert.deepEqual(orders.events, [{ channel: "order", event: "deleted", payload: { entity_id: "o9" } }]);
    assert.equal(c.state, "connected");
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("a dropped socket reconnects and resubscribes", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url);
  const states: BroadcastState[] = [c.state];
  c.onStateChange((s) => states.push(s));
  try {
    const orders = recorder();
    c.subscribe("order", orders.listener);
    c.subscribe("customer", () => {});
    await server.waitFor(() => server.connections[0]?.channels.size === 2, "first subscriptions");

    await server.drop();
    await waitForState(c, "reconnecting");
    await waitForState(c, "connected");
    await server.waitFor(() => server.connections[1]?.channels.size === 2, "resubscription");
    assert.deepEqual(server.connections[1].received, [{ subscribe: ["order", "customer"] }]);

    server.publish("order", "updated", { entity_id: "o1" });
    await orders.waitFor(1);
    assert.deepEqual(states, ["connecting", "connected", "reconnecting", "connected"]);

    // and again (that the attempt counter starts over is checked with maxAttempts 1 in the next test)
    await server.drop();
    await waitForState(c, "reconnecting");
    await waitForState(c, "connected");
    assert.equal(server.open.length, 1);
  } finally {
    await c.close();
    await server.close();
  }
});

/**
 * Records the delay of every timer the code under test starts, while `fn` runs (the timers still run). The reconnect
 * delays are then exact numbers, not wall-clock measurements.
 */
async function recordingTimers<T>(fn: (delays: number[]) => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  const delays: number[] = [];
  globalThis.setTimeout = ((handler: () => void, delay?: number) => {
    delays.push(delay ?? 0);
    return original(handler, delay);
  }) as typeof setTimeout;
  try {
    return await fn(delays);
  } finally {
    globalThis.setTimeout = original;
  }
}

Deno.test("the attempt counter is reset by a successful connect: maxAttempts 1 survives many drops", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url, { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 1000 });
  const states: BroadcastState[] = [c.state];
  c.onStateChange((s) => states.push(s));
  try {
    c.subscribe("order", () => {});
    await server.waitFor(() => server.connections[0]?.channels.has("order") ?? false, "first subscription");
    for (let drop = 1; drop <= 4; drop++) {
      const reconnectDelays = await recordingTimers(async (delays) => {
        await server.drop();
        await waitForState(c, "connected");
        return delays.filter((d) => d < 3000); // the reconnect timer (3000: the timeouts of the test's waits)
      });
      // each drop starts over at the first delay: a counter left at 1 would give up (maxAttempts 1)
      assert.deepEqual(reconnectDelays, [5], `drop ${drop}`);
      await server.waitFor(() => server.connections[drop]?.channels.has("order") ?? false, `resubscription ${drop}`);
    }
    assert.equal(server.connections.length, 5);
    assert.deepEqual(states, ["connecting", "connected", ...Array(4).fill(["reconnecting", "connected"]).flat()]);
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("backoff doubles, is capped, and gives up after maxAttempts", async () => {
  // a port with nothing listening
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  await recordingTimers(async (delays) => {
    const c = client(`ws://127.0.0.1:${port}`, { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 6 });
    const states: BroadcastState[] = [c.state];
    c.onStateChange((s) => states.push(s));
    try {
      await waitForState(c, "disconnected", 5000);
      assert.deepEqual(states, ["connecting", "reconnecting", "disconnected"]);
      // the client's timers are its reconnect delays (waitForState's timeout is 5000): doubled, then capped
      assert.deepEqual(delays.filter((d) => d !== 5000), [5, 10, 20, 20, 20, 20]);
    } finally {
      await c.close();
    }
  });
});

Deno.test("close() stops reconnecting; connect() reopens", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url, { initialDelayMs: 30 });
  try {
    c.subscribe("order", () => {});
    await server.waitFor(() => server.connections[0]?.channels.has("order") ?? false, "subscription");
    await server.drop();
    await waitForState(c, "reconnecting");
    await c.close(); // while the reconnect timer is pending
    assert.equal(c.state, "disconnected");
    await sleep(80);
    assert.equal(server.connections.length, 1, "no reconnect after close");

    c.connect();
    assert.equal(c.state, "connecting");
    await server.waitFor(() => server.connections[1]?.channels.has("order") ?? false, "resubscription");
    assert.equal(c.state, "connected");
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("close() while connecting settles and leaves nothing running", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url);
  assert.equal(c.state, "connecting");
  await c.close();
  assert.equal(c.state, "disconnected");
  await server.close();
});

Deno.test("autoConnect: false waits for connect()", async () => {
  const server = new TestBroadcastServer();
  const c = client(server.url, { autoConnect: false });
  try {
    assert.equal(c.state, "disconnected");
    c.subscribe("order", () => {});
    await sleep(20);
    assert.equal(server.connections.length, 0);
    c.connect();
    await server.waitFor(() => server.connections[0]?.channels.has("order") ?? false, "subscription");
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("cross-tab relay: socket events reach the other tab once, without echo", async () => {
  const server = new TestBroadcastServer();
  const relayName = `test-relay-${crypto.randomUUID()}`;
  const tabA = client(server.url, { BroadcastChannel: globalThis.BroadcastChannel, relayName });
  const tabB = client(server.url, { BroadcastChannel: globalThis.BroadcastChannel, relayName });
  try {
    const a = recorder();
    const b = recorder();
    tabA.subscribe("order", a.listener);
    tabB.subscribe("order", b.listener);
    await server.waitFor(() => server.open.filter((c) => c.channels.has("order")).length === 2, "two tabs");
    const [connA, connB] = server.connections;

    // only tab A's socket gets the event: tab B gets it through the relay
    server.send({ channel: "order", event: "created", payload: { entity_id: "r1" } }, [connA]);
    await b.waitFor(1);
    assert.deepEqual(b.events[0], { channel: "order", event: "created", payload: { entity_id: "r1" } });

    // both sockets get the event: each tab delivers it once (socket copy and relay copy are deduplicated)
    server.send({ channel: "order", event: "updated", payload: { entity_id: "r2" } }, [connA, connB]);
    await a.waitFor(2);
    await b.waitFor(2);
    await sleep(50);
    assert.deepEqual(a.events.map((e) => e.payload.entity_id), ["r1", "r2"]);
    assert.deepEqual(b.events.map((e) => e.payload.entity_id), ["r1", "r2"]);

    // the same event twice over one socket is two events
    server.send({ channel: "order", event: "updated", payload: { entity_id: "r3" } }, [connA]);
    server.send({ channel: "order", event: "updated", payload: { entity_id: "r3" } }, [connA]);
    await b.waitFor(4);
    await sleep(50);
    assert.equal(a.events.length, 4);
    assert.equal(b.events.length, 4);
  } finally {
    await tabA.close();
    await tabB.close();
    await server.close();
  }
});

Deno.test("cross-tab relay: a tab whose socket is down still gets events", async () => {
  const server = new TestBroadcastServer();
  const relayName = `test-relay-${crypto.randomUUID()}`;
  const tabA = client(server.url, { BroadcastChannel: globalThis.BroadcastChannel, relayName });
  // tab B's endpoint refuses connections: it keeps reconnecting, with its relay open
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const deadUrl = `ws://127.0.0.1:${(probe.addr as Deno.NetAddr).port}`;
  probe.close();
  const tabB = client(deadUrl, {
    BroadcastChannel: globalThis.BroadcastChannel,
    relayName,
    initialDelayMs: 1000,
    maxAttempts: 1,
  });
  try {
    const b = recorder();
    tabB.subscribe("order", b.listener);
    tabA.subscribe("order", () => {});
    await server.waitFor(() => server.open[0]?.channels.has("order") ?? false, "tab A");
    await waitForState(tabB, "reconnecting");
    server.publish("order", "deleted", { entity_id: "x" });
    await b.waitFor(1);
    assert.equal(b.events[0].event, "deleted");
  } finally {
    await tabA.close();
    await tabB.close();
    await server.close();
  }
});

Deno.test("an injected WebSocket constructor is used", async () => {
  const sent: string[] = [];
  let instance: FakeSocket | undefined;
  class FakeSocket {
    readyState = 0;
    onopen: ((e: Event) => void) | null = null;
    onclose: ((e: CloseEvent) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    onmessage: ((e: MessageEvent) => void) | null = null;
    constructor(readonly url: string) {
      instance = this;
    }
    send(data: string) {
      sent.push(data);
    }
    close() {
      this.readyState = 3;
      this.onclose?.(new CloseEvent("close"));
    }
  }
  const c = client("ws://fake.test", { WebSocket: FakeSocket });
  const orders = recorder();
  c.subscribe("order", orders.listener);
  assert.equal(instance?.url, "ws://fake.test/ws/broadcast");
  instance!.readyState = 1;
  instance!.onopen?.(new Event("open"));
  assert.equal(c.state, "connected");
  assert.deepEqual(sent, ['{"subscribe":["order"]}']);
  instance!.onmessage?.(new MessageEvent("message", { data: '{"channel":"order","event":"created"}' }));
  assert.equal(orders.events.length, 1);
  await c.close();
  assert.equal(c.state, "disconnected");
});
