/**
 * A broadcast server that floods: run as a Web Worker (its own thread, so its sending costs the client's thread
 * nothing). It posts `{port}` when listening; after a client subscribes to `row`, it sends `rate` `updated` events a
 * second for `durationMs` (to `rows` rows in turn, each with the row as `payload.data`), then posts `{sent, last}`:
 * the count and the last row sent for each key.
 *
 * @module
 */

/** The flood's settings, sent by the test as the worker's first message. */
export interface FloodSettings {
  rate: number;
  durationMs: number;
  rows: number;
}

/** What the worker posts when the flood is over. */
export interface FloodReport {
  sent: number;
  last: Record<string, { id: string; name: string }>;
}

const self = globalThis as unknown as {
  onmessage: ((event: MessageEvent<FloodSettings>) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
};

// as a Web Worker: serve, flood the first subscriber, report (imported elsewhere, only `flood` is used)
if ("WorkerGlobalScope" in globalThis) {
  self.onmessage = ({ data: settings }) => {
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
      const { socket, response } = Deno.upgradeWebSocket(request);
      socket.onmessage = (message) => {
        const { subscribe } = JSON.parse(String(message.data)) as { subscribe?: string[] };
        if (subscribe?.includes("row")) flood(socket, settings).then(finish);
      };
      return response;
    });
    const finish = async (report: FloodReport) => {
      self.postMessage(report);
      await server.shutdown();
      self.close();
    };
    self.postMessage({ port: server.addr.port });
  };
}

/**
 * Sends `updated` events of channel `row` in 10 ms slices, each slice the events due by then (so the rate holds
 * whatever the timer does).
 *
 * @returns The count sent and the last row sent for each key.
 */
export async function flood(socket: WebSocket, { rate, durationMs, rows }: FloodSettings): Promise<FloodReport> {
  const last: FloodReport["last"] = {};
  const started = performance.now();
  let sent = 0;
  const total = Math.round((rate * durationMs) / 1000);
  while (sent < total) {
    const due = Math.min(total, Math.ceil(((performance.now() - started) * rate) / 1000));
    for (; sent < due; sent++) {
      const id = `r${sent % rows}`;
      const row = { id, name: `v${sent}` };
      last[id] = row;
      socket.send(JSON.stringify({ channel: "row", event: "updated", payload: { entity_id: id, data: row } }));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { sent, last };
}
