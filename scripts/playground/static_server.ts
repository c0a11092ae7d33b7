/**
 * A tiny static file server for `dist/` (the `playground` task and the browser tests), optionally under a
 * sub-path, to prove the build uses relative URLs only.
 *
 * @module
 */

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  map: "application/json; charset=utf-8",
  json: "application/json; charset=utf-8",
  yaml: "text/yaml; charset=utf-8",
  yml: "text/yaml; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  wasm: "application/wasm",
};

/** A running server. */
export interface StaticServer {
  /** The served folder's URL (with the prefix and a final `/`). */
  url: string;
  finished: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Serves `root` at `http://127.0.0.1:<port><prefix>`.
 *
 * @param root Absolute folder.
 * @param options `port` (0: a free one), `prefix` (default `/`, must start and end with `/`), `extra` for other
 *   routes (a test's fixtures), tried first.
 */
export function serveStatic(
  root: string,
  options: { port?: number; prefix?: string; extra?: (request: Request) => Response | undefined } = {},
): StaticServer {
  const prefix = options.prefix ?? "/";
  const server = Deno.serve({ hostname: "127.0.0.1", port: options.port ?? 0, onListen: () => {} }, async (request) => {
    const extra = options.extra?.(request);
    if (extra) return extra;
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(prefix)) return new Response("Not found", { status: 404 });
    let rel = decodeURIComponent(pathname.slice(prefix.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    if (rel.split("/").some((segment) => segment === ".." || segment.startsWith("."))) {
      return new Response("Not found", { status: 404 });
    }
    try {
      const body = await Deno.readFile(`${root}/${rel}`);
      const ext = rel.slice(rel.lastIndexOf(".") + 1);
      return new Response(body, {
        headers: { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-cache" },
      });
    } catch {
      return new Response("Not found", { status: 404 });
    }
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}${prefix}`,
    finished: server.finished,
    shutdown: () => server.shutdown(),
  };
}
