/**
 * A one-component page for the graph view (`playground/src/graph/GraphView.tsx`) until the playground shell exists:
 * the component bundled with esbuild from `playground/node_modules`, a model from `generate()` injected as JSON, the
 * playground's theme variables (light and dark), served on 127.0.0.1. Used by `graph_view_e2e.ts` (the browser test)
 * and `scripts/graph_screenshots.ts`.
 *
 * The page records what the component reports in `window.selectedEntities`; `window.renderGraph({ model, graph })`
 * renders the component again with new props (as the shell does after each generation).
 *
 * @module
 */
import * as esbuild from "esbuild";
import type { EntityModel, RelationshipGraph } from "../../src/model/types.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");
const PLAYGROUND = `${ROOT}/playground`;

/** Installs `playground/node_modules` with `npm ci` (from the committed lock file) when it is missing. */
export async function ensurePlaygroundModules(log: (line: string) => void = () => {}): Promise<void> {
  try {
    await Deno.stat(`${PLAYGROUND}/node_modules/preact/package.json`);
    await Deno.stat(`${PLAYGROUND}/node_modules/@dagrejs/dagre/package.json`);
    return;
  } catch {
    log("installing playground/node_modules with npm ci …");
  }
  const out = await new Deno.Command("npm", {
    args: ["ci", "--no-audit", "--no-fund", "--loglevel=error"],
    cwd: PLAYGROUND,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`npm ci in playground/ failed: ${new TextDecoder().decode(out.stderr)}`);
}

/** The page's script and the component's stylesheet. */
export interface GraphPageAssets {
  /** The bundle (ES module). */
  js: string;
  /** `playground/src/graph/graph.css`. */
  css: string;
}

/** Bundles the component with a tiny entry that renders it from the injected JSON. */
export async function bundleGraphPage(): Promise<GraphPageAssets> {
  await ensurePlaygroundModules((l) => console.error(l));
  const entry = `
import { h, render } from "preact";
import { GraphView } from "./playground/src/graph/GraphView.tsx";
window.selectedEntities = [];
window.renderGraph = (input) => render(
  h(GraphView, { model: input.model, graph: input.graph, onSelectEntity: (name) => window.selectedEntities.push(name) }),
  document.getElementById("app"),
);
window.renderGraph(JSON.parse(document.getElementById("input").textContent));
`;
  try {
    const result = await esbuild.build({
      stdin: { contents: entry, resolveDir: ROOT, loader: "js", sourcefile: "graph_page_entry.js" },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      jsx: "automatic",
      jsxImportSource: "preact",
      nodePaths: [`${PLAYGROUND}/node_modules`],
      outdir: "graph-page", // not written: a folder lets esbuild emit the view's own stylesheet beside the script
      write: false,
      logLevel: "silent",
    });
    const output = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? "";
    return { js: output(".js"), css: output(".css") };
  } finally {
    await esbuild.stop();
  }
}

/** The playground's theme as the shell defines it (a stand-in until the shell's stylesheet exists). */
const THEME = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --bg-elev: #f6f8fa; --bg-sunk: #fbfcfd; --fg: #1f2328; --fg-muted: #59636e; --border: #d0d7de;
  --accent: #0969da; --accent-fg: #ffffff; --added: #1a7f37; --changed: #9a6700; --removed: #cf222e;
  --warn: #9a6700; --error: #cf222e;
  --font-ui: system-ui, -apple-system, "Segoe UI", sans-serif;
  --font-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --bg-elev: #161b22; --bg-sunk: #010409; --fg: #e6edf3; --fg-muted: #9198a1; --border: #3d444d;
    --accent: #4493f8; --accent-fg: #ffffff; --added: #3fb950; --changed: #d29922; --removed: #f85149;
    --warn: #d29922; --error: #f85149;
  }
}
html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg); }
#app { width: 100vw; height: 100vh; }
`;

/** The page's HTML: the JSON goes in a `<script type="application/json">`, with every `<` escaped. */
export function graphPageHtml(input: { model: EntityModel; graph: RelationshipGraph }, title: string): string {
  const json = JSON.stringify({ model: input.model, graph: input.graph }).replace(/</g, "\\u003c");
  const safeTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${safeTitle}</title>
<style>${THEME}</style>
<link rel="stylesheet" href="./graph.css">
</head>
<body>
<div id="app"></div>
<script type="application/json" id="input">${json}</script>
<script type="module" src="./app.js"></script>
</body>
</html>
`;
}

/** A running page server. */
export interface GraphPageServer {
  /** The page's URL for a page name (`sales` → `http://127.0.0.1:<port>/sales/`). */
  url: (page: string) => string;
  /** Stops the server. */
  close: () => Promise<void>;
}

/** Serves `/<page>/` (the HTML), `/<page>/app.js` and `/<page>/graph.css` for each page on 127.0.0.1. */
export function serveGraphPages(assets: GraphPageAssets, pages: Record<string, string>): GraphPageServer {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const path = new URL(request.url).pathname;
    const [, page, file] = /^\/([^/]+)\/(.*)$/.exec(path) ?? [];
    if (page === undefined || !Object.hasOwn(pages, page)) return new Response("not found", { status: 404 });
    if (file === "") return new Response(pages[page], { headers: { "content-type": "text/html; charset=utf-8" } });
    if (file === "app.js") return new Response(assets.js, { headers: { "content-type": "text/javascript" } });
    if (file === "graph.css") return new Response(assets.css, { headers: { "content-type": "text/css" } });
    return new Response("not found", { status: 404 });
  });
  const { port } = server.addr as Deno.NetAddr;
  return { url: (page) => `http://127.0.0.1:${port}/${page}/`, close: () => server.shutdown() };
}
