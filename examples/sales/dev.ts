/**
 * `deno task example`: the sales example end to end. Installs the app's npm packages, generates the data layer from
 * `openapi.yaml`, bundles the React app, opens the database (PGlite: an embedded PostgreSQL) and serves the app,
 * the REST API and `/ws/broadcast` from one origin.
 *
 * ```sh
 * deno task example                       # http://127.0.0.1:8000, database in memory
 * deno task example --data .data/sales    # database on disk: survives restarts
 * deno task example --port 0 --quiet      # a free port, no request log
 * ```
 *
 * Options: `--port N` (default 8000; a free one when taken), `--hostname H` (default 127.0.0.1), `--data DIR`,
 * `--quiet`, `--no-generate` (keep `src/generated/` as it is). The npm packages are those of `tests/consumer` (see
 * `build.ts`); the first run installs them with npm. Fault injection for demos: the app's "Simulate
 * failure" switch, or any write with the header `x-fail: 500` / `x-delay-ms: 800` (or `?fail=500`).
 *
 * @module
 */
import { prepareApp, type PreparedApp } from "./build.ts";
import { PgliteStore } from "./server/pglite_store.ts";
import { type RequestRecord, type SalesServer, startServer } from "./server/server.ts";

/** Options of {@link startExample}. */
export interface ExampleOptions {
  /** @default {8000} */
  port?: number;
  /** @default {"127.0.0.1"} */
  hostname?: string;
  /** Keep the database in this directory; in memory when absent. */
  dataDir?: string;
  /** Regenerate `src/generated/` first. @default {true} */
  generate?: boolean;
  /** A bundle made before (a restart): no install, generate or bundle then. */
  app?: PreparedApp;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Each answered API request. */
  onRequest?: (record: RequestRecord) => void;
}

/** A running example. */
export interface RunningExample {
  /** The app's URL (also the API's base URL). */
  url: string;
  server: SalesServer;
  store: PgliteStore;
  /** The bundled app (pass it to a restart). */
  app: PreparedApp;
  /** Stops the server and closes the database. */
  close(): Promise<void>;
}

/**
 * Builds and starts the example.
 *
 * @throws {Error} When installing, generating or bundling fails, or the database cannot open.
 */
export async function startExample(
  options: ExampleOptions = {},
): Promise<RunningExample> {
  const log = options.log ?? (() => {});
  // PGlite takes seconds to start: open it while the app builds.
  let openMs = 0;
  const opening = (async () => {
    const started = performance.now();
    const store = await PgliteStore.open({ dataDir: options.dataDir });
    openMs = performance.now() - started;
    return store;
  })();
  let app: PreparedApp;
  try {
    app = options.app ?? await prepareApp({ log, generate: options.generate });
  } catch (error) {
    await opening.then((store) => store.close(), () => {});
    throw error;
  }
  const store = await opening;
  log(
    `database: PGlite ${options.dataDir ? `in ${options.dataDir}` : "in memory"}` +
      `${store.created ? " (new, with the demo data)" : " (existing)"}, opened in ${openMs.toFixed(0)} ms`,
  );
  const serverOptions = {
    hostname: options.hostname ?? "127.0.0.1",
    store,
    seed: false, // the store seeds a new database itself, once
    serveStatic: app.handler,
    onRequest: options.onRequest,
    historyLimit: 1000,
  };
  let server: SalesServer;
  try {
    server = await startServer({
      ...serverOptions,
      port: options.port ?? 8000,
    });
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse)) {
      await store.close();
      throw error;
    }
    log(`port ${options.port ?? 8000} is taken: using a free one`);
    server = await startServer({ ...serverOptions, port: 0 });
  }
  return {
    url: `${server.url}/`,
    server,
    store,
    app,
    close: () => server.close(),
  };
}

function option(name: string): string | undefined {
  const i = Deno.args.indexOf(`--${name}`);
  if (i >= 0) return Deno.args[i + 1];
  return Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(
    name.length + 3,
  );
}

if (import.meta.main) {
  const quiet = Deno.args.includes("--quiet");
  const example = await startExample({
    port: Number(option("port") ?? 8000),
    hostname: option("hostname"),
    dataDir: option("data"),
    generate: !Deno.args.includes("--no-generate"),
    log: (line) => console.log(`  ${line}`),
    onRequest: quiet ? undefined : (r) => console.log(`  ${r.status} ${r.line}`),
  });
  console.log(
    `\nSales example running at ${example.url}  (API on the same origin, broadcast ${example.server.wsUrl})`,
  );
  console.log("Open it in two windows side by side; Ctrl-C stops it.\n");
  const stop = async () => {
    await example.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
}
