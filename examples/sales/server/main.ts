/**
 * Runs the sales example's server:
 *
 * ```sh
 * deno run -A examples/sales/server/main.ts [--port 8000] [--hostname 127.0.0.1] [--empty] [--quiet]
 * ```
 *
 * `--empty` starts without the demo data; `--quiet` does not log requests. Stop it with Ctrl-C.
 *
 * @module
 */
import { startServer } from "./server.ts";

function option(name: string): string | undefined {
  const i = Deno.args.indexOf(`--${name}`);
  if (i >= 0) return Deno.args[i + 1];
  return Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(
    name.length + 3,
  );
}

if (import.meta.main) {
  const port = Number(option("port") ?? 8000);
  const hostname = option("hostname") ?? "127.0.0.1";
  const quiet = Deno.args.includes("--quiet");
  const server = await startServer({
    port,
    hostname,
    seed: !Deno.args.includes("--empty"),
    historyLimit: 1000,
    onRequest: quiet ? undefined : (r) => console.log(`${r.status} ${r.line}`),
  });
  console.log(`Sales API on ${server.url} (broadcast: ${server.wsUrl})`);
  const stop = async () => {
    await server.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
}
