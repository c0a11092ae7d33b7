/**
 * Builds the sales example's browser app: links the npm packages, regenerates the data layer from `openapi.yaml`
 * into `src/generated/`, and bundles `app/main.tsx` with esbuild, in memory.
 *
 * The npm packages (React, `@tanstack/*`, Zod) are the pinned set of `tests/consumer/package.json`, the one the
 * generated code is tested against; `examples/sales/node_modules` is a link to them. esbuild resolves them like
 * Node does, for the app AND the generated code, so the bundle holds one copy of each package (two copies of
 * `@tanstack/db` break live queries: "Invalid source for live query"); {@link bundleApp} checks that. Why not a
 * `package.json` here: Deno would treat `examples/sales` as an npm package, and then (2.9) scope the bare imports of
 * the server's files to it and format every file with default options whenever a path below it is named.
 *
 * @module
 */
import * as esbuild from "esbuild";
import { main as cli } from "../../cli.ts";
import { linkConsumerModules } from "../../tests/consumer/setup.ts";

/** `examples/sales`, absolute. */
export const exampleDir: string = decodeURIComponent(
  new URL(".", import.meta.url).pathname,
).replace(/\/$/, "");
/** The app's sources: `index.html`, `styles.css`, `main.tsx`. */
export const appDir = `${exampleDir}/app`;
/** Where `deno task generate` writes the data layer. */
export const generatedDir = `${exampleDir}/src/generated`;

/**
 * Makes `examples/sales/node_modules` a link to the pinned npm packages of `tests/consumer` (installed with `npm
 * install` from its committed `package-lock.json` when missing or stale): the exact set the generated code is
 * type-checked and tested against, one copy of each package.
 *
 * @param log Progress lines.
 * @throws {Error} When npm fails (it needs the npm registry, or its cache).
 */
export async function ensureAppModules(log: (line: string) => void = () => {}): Promise<void> {
  log("npm packages: tests/consumer/node_modules (linked as examples/sales/node_modules)");
  await linkConsumerModules(exampleDir);
}

/**
 * Regenerates `src/generated/` from `openapi.yaml`, as `deno task generate` does (files whose bytes do not change
 * are not rewritten).
 *
 * @returns The command line's report.
 * @throws {Error} When generating fails.
 */
export async function generateDataLayer(): Promise<string> {
  const lines: string[] = [];
  const code = await cli([
    "generate",
    `${exampleDir}/openapi.yaml`,
    "-o",
    generatedDir,
  ], {
    stdout: (line) => lines.push(line),
    stderr: (line) => lines.push(line),
  });
  if (code !== 0) {
    throw new Error(
      `Generating the data layer failed (${code}):\n${lines.join("\n")}`,
    );
  }
  return lines.join("\n");
}

/** The bundled app. */
export interface AppBundle {
  /** `app.js`: the app, React and the data layer, minified, ES module. */
  js: Uint8Array;
  /** Its source map (`app.js.map`). */
  map: Uint8Array;
  /** Input paths in the bundle, relative to `examples/sales` (for checks). */
  inputs: string[];
  /** Milliseconds the bundling took. */
  ms: number;
}

/**
 * Bundles `app/main.tsx` (in memory; nothing is written).
 *
 * @throws {Error} On a build error, or when the bundle would hold two copies of `@tanstack/db` or React.
 */
export async function bundleApp(
  options: { minify?: boolean } = {},
): Promise<AppBundle> {
  const started = performance.now();
  try {
    const result = await esbuild.build({
      absWorkingDir: exampleDir,
      entryPoints: ["app/main.tsx"],
      outfile: "dist/app.js",
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: ["es2022", "chrome120", "firefox120", "safari17"],
      jsx: "automatic",
      minify: options.minify ?? true,
      sourcemap: "linked",
      metafile: true,
      legalComments: "none",
      // Generated code outside examples/sales (a symlinked runtime) still resolves from here.
      nodePaths: [`${exampleDir}/node_modules`],
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    for (const pkg of ["@tanstack/db", "react", "react-dom", "zod"]) {
      const roots = new Set(
        inputs.map((path) => path.match(new RegExp(`^(.*node_modules/${pkg})/`))?.[1]).filter((root) => root),
      );
      if (roots.size > 1) {
        throw new Error(
          `The bundle holds ${roots.size} copies of ${pkg}: ${[...roots].join(", ")}`,
        );
      }
    }
    const js = result.outputFiles.find((file) => file.path.endsWith(".js"));
    const map = result.outputFiles.find((file) => file.path.endsWith(".js.map"));
    if (!js || !map) throw new Error("esbuild gave no app.js");
    return {
      js: js.contents,
      map: map.contents,
      inputs,
      ms: performance.now() - started,
    };
  } finally {
    await esbuild.stop();
  }
}

/** What {@link prepareApp} did. */
export interface PreparedApp {
  bundle: AppBundle;
  /** Serves the app: `/`, `/index.html`, `/assets/*`; `undefined` for every other request (the API's). */
  handler: (request: Request) => Promise<Response | undefined>;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  map: "application/json; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
};

/**
 * Installs, generates and bundles, and returns a request handler serving the app.
 *
 * @param log Progress lines.
 */
export async function prepareApp(
  options: { log?: (line: string) => void; generate?: boolean } = {},
): Promise<PreparedApp> {
  const log = options.log ?? (() => {});
  await ensureAppModules(log);
  if (options.generate ?? true) log(await generateDataLayer());
  const bundle = await bundleApp();
  log(
    `bundled app/main.tsx: ${(bundle.js.length / 1024).toFixed(0)} KiB in ${bundle.ms.toFixed(0)} ms`,
  );
  const files = new Map<string, () => Promise<Uint8Array>>([
    ["/assets/app.js", () => Promise.resolve(bundle.js)],
    ["/assets/app.js.map", () => Promise.resolve(bundle.map)],
    ["/assets/styles.css", () => Deno.readFile(`${appDir}/styles.css`)],
    ["/assets/favicon.svg", () => Deno.readFile(`${appDir}/favicon.svg`)],
    ["/", () => Deno.readFile(`${appDir}/index.html`)],
    ["/index.html", () => Deno.readFile(`${appDir}/index.html`)],
  ]);
  const handler = async (request: Request): Promise<Response | undefined> => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    const { pathname } = new URL(request.url);
    const read = files.get(pathname);
    if (!read) return undefined;
    const body = await read();
    const ext = pathname === "/" ? "html" : pathname.slice(pathname.lastIndexOf(".") + 1);
    return new Response(
      request.method === "HEAD" ? null : body as Uint8Array<ArrayBuffer>,
      {
        headers: {
          "content-type": TYPES[ext] ?? "application/octet-stream",
          "cache-control": "no-cache",
        },
      },
    );
  };
  return { bundle, handler };
}
