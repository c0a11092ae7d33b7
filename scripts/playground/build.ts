/**
 * Builds the playground into `playground/dist/`: static files with relative URLs only, so the folder works from
 * any static host and from a sub-path.
 *
 * - `npm ci` into `playground/node_modules` when it is missing or stale (`scripts/npm_modules.ts`);
 * - esbuild bundles `src/main.tsx` (the page) and `src/worker.ts` (the generator, from `mod.ts`) as ES modules
 *   with code splitting; the core's bare imports (`yaml`, `pluralize`) resolve from `playground/node_modules`;
 *   `cli.ts` (imported by `mod.ts` only under `import.meta.main`) is replaced by an empty module, so no Deno code
 *   lands in the browser;
 * - the parts' own stylesheets (imported by their components, such as `graph/graph.css`) come out as `main.css`;
 *   copies `index.html`, `styles.css` (the shell's theme and layout), `favicon.svg`, `esbuild.wasm` (loaded after
 *   first paint) and the examples (the sales spec straight from `examples/sales/openapi.yaml`).
 *
 * `deno task playground:build` (`deno run -A scripts/playground/build.ts`) builds and prints the sizes.
 *
 * @module
 */
import * as esbuild from "esbuild";
import { ensureNpmModules } from "../npm_modules.ts";
import { buildPreviewAssets } from "./preview_build.ts";

/** The repository root. */
export const rootDir: string = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");
/** `playground/`, absolute. */
export const playgroundDir = `${rootDir}/playground`;
/** Where the build goes. */
export const distDir = `${playgroundDir}/dist`;

/** Example files copied into `dist/examples/` (destination name → source, from the repository root). */
const EXAMPLE_SOURCES: Record<string, string> = {
  "sales.yaml": "examples/sales/openapi.yaml",
  "projects.yaml": "playground/examples/projects.yaml",
  "extensions.yaml": "playground/examples/extensions.yaml",
};

/** Files the page needs for its first paint, and their sizes. */
export interface BuildReport {
  outDir: string;
  /** Every written file (relative to `outDir`) → bytes. */
  files: Record<string, number>;
  /** The files a first load fetches before `esbuild.wasm`: HTML, CSS, page and worker JS with their chunks. */
  firstLoad: string[];
  /** Their total size, raw and gzipped (each file gzipped on its own, as a server sends them). */
  firstLoadBytes: number;
  firstLoadGzipBytes: number;
  /** Input paths of the bundles (for checks: no `cli.ts`, no Deno code). */
  inputs: string[];
  ms: number;
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Replaces `cli.ts` (the Deno command line) with an empty module in the browser bundles. */
const noCli: esbuild.Plugin = {
  name: "no-cli",
  setup(build) {
    build.onResolve({ filter: /(^|\/)cli\.ts$/ }, (args) => {
      if (args.importer.endsWith("/mod.ts")) return { path: "cli.ts", namespace: "no-cli" };
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "no-cli" }, () => ({
      contents: "export const main = undefined; // the CLI does not run in the browser",
      loader: "js",
    }));
  },
};

/**
 * Builds `dist/`.
 *
 * @param options `outDir` (default `playground/dist`), `minify` (default true), `log` for progress lines.
 * @returns What was written and the first-load size.
 * @throws {Error} When npm or esbuild fails.
 */
export async function buildPlayground(
  options: { outDir?: string; minify?: boolean; log?: (line: string) => void } = {},
): Promise<BuildReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const outDir = options.outDir ?? distDir;
  if (await ensureNpmModules(playgroundDir, { command: "ci" })) log("npm ci: installed playground/node_modules");

  await Deno.remove(outDir, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  await Deno.mkdir(`${outDir}/examples`, { recursive: true });

  let result: esbuild.BuildResult<{ metafile: true; write: true }>;
  try {
    result = await esbuild.build({
      absWorkingDir: rootDir,
      entryPoints: { main: "playground/src/main.tsx", worker: "playground/src/worker.ts" },
      outdir: outDir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: ["es2022", "chrome120", "firefox120", "safari17"],
      jsx: "automatic",
      jsxImportSource: "preact",
      minify: options.minify ?? Deno.env.get("PLAYGROUND_NO_MINIFY") !== "1",
      sourcemap: "linked",
      chunkNames: "chunks/[name]-[hash]",
      metafile: true,
      write: true,
      legalComments: "none",
      nodePaths: [`${playgroundDir}/node_modules`],
      plugins: [noCli],
      logLevel: "silent",
    });
  } finally {
    await esbuild.stop();
  }

  const inputs = Object.keys(result.metafile.inputs);
  const deno = inputs.filter((p) => /(^|\/)cli(\.ts$|\/)/.test(p) && !p.startsWith("no-cli:"));
  if (deno.length) throw new Error(`The browser bundle holds command-line code: ${deno.join(", ")}`);

  const copies: [string, string][] = [
    [`${playgroundDir}/index.html`, "index.html"],
    [`${playgroundDir}/styles.css`, "styles.css"],
    [`${playgroundDir}/favicon.svg`, "favicon.svg"],
    [`${playgroundDir}/node_modules/esbuild-wasm/esbuild.wasm`, "esbuild.wasm"],
    ...Object.entries(EXAMPLE_SOURCES).map(([to, from]): [string, string] => [`${rootDir}/${from}`, `examples/${to}`]),
  ];
  for (const [from, to] of copies) await Deno.copyFile(from, `${outDir}/${to}`);
  // the Preview tab's parts (vendor modules, import map, explorer, mock runtime), loaded only when it opens
  const preview = await buildPreviewAssets(outDir);
  log(`preview: vendor modules ${kb(preview.bytes)} (${kb(preview.gzipBytes)} gzipped)`);

  const files: Record<string, number> = {};
  const walk = async (dir: string, prefix: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const rel = prefix + entry.name;
      if (entry.isDirectory) await walk(`${dir}/${entry.name}`, `${rel}/`);
      else files[rel] = (await Deno.stat(`${dir}/${entry.name}`)).size;
    }
  };
  await walk(outDir, "");

  // first load: the HTML, its CSS, both entry bundles and the chunks they import statically, the default example
  const firstLoad = new Set(["index.html", "styles.css", "main.css", "examples/sales.yaml"]);
  const outputs = result.metafile.outputs;
  const byRel = new Map(Object.keys(outputs).map((key) => [relativeTo(outDir, rootDir, key), key]));
  const addStatic = (rel: string) => {
    if (firstLoad.has(rel)) return;
    firstLoad.add(rel);
    const key = byRel.get(rel);
    for (const imp of key ? outputs[key].imports : []) {
      if (imp.kind === "import-statement") addStatic(relativeTo(outDir, rootDir, imp.path));
    }
  };
  addStatic("main.js");
  addStatic("worker.js");
  let firstLoadBytes = 0;
  let firstLoadGzipBytes = 0;
  for (const rel of firstLoad) {
    const bytes = await Deno.readFile(`${outDir}/${rel}`);
    firstLoadBytes += bytes.length;
    firstLoadGzipBytes += await gzipSize(bytes);
  }
  return {
    outDir,
    files,
    firstLoad: [...firstLoad].sort(),
    firstLoadBytes,
    firstLoadGzipBytes,
    inputs,
    ms: performance.now() - started,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** An esbuild output path (relative to the working directory, or absolute) → relative to `outDir`. */
function relativeTo(outDir: string, root: string, path: string): string {
  const absolute = path.startsWith("/") ? path : `${root}/${path}`;
  return absolute.startsWith(`${outDir}/`) ? absolute.slice(outDir.length + 1) : absolute;
}

/** One line per figure, for the console. */
export function describeBuild(report: BuildReport): string[] {
  return [
    `Built ${report.outDir} in ${Math.round(report.ms)} ms (${Object.keys(report.files).length} files)`,
    `First load (before esbuild.wasm): ${kb(report.firstLoadBytes)}, ${kb(report.firstLoadGzipBytes)} gzipped: ${
      report.firstLoad.join(", ")
    }`,
    `esbuild.wasm (loaded after first paint): ${kb(report.files["esbuild.wasm"] ?? 0)}`,
  ];
}

if (import.meta.main) {
  const report = await buildPlayground({ log: console.log });
  for (const line of describeBuild(report)) console.log(line);
}
