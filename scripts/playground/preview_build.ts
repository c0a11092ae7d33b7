/**
 * Build step of the playground's Preview: everything the preview frames load, made at build time into `dist/`.
 *
 * - `vendor/*.js`: React, react-dom, `@tanstack/*` and zod as ES modules, bundled in one esbuild run with code
 *   splitting so that every package exists once (one `@tanstack/db`, one React) and the modules import each other
 *   through shared chunks. The versions are the ones generated code is tested against (`tests/consumer`).
 * - `preview/importmap.json`: bare specifier → module, with URLs relative to `dist/` (the runtime makes them
 *   absolute against the page, so the playground works from any sub-path).
 * - `preview/explorer.js` + `.css`: the explorer app the frames mount around the generated data layer.
 * - `preview/runtime.js`: what the Preview tab loads lazily in the page: the mock backend, esbuild-wasm and the frame
 *   builder. `esbuild.wasm` is copied to `dist/esbuild.wasm` (the shell copies the same file).
 *
 * Run on its own: `deno run -A scripts/playground/preview_build.ts playground/dist`.
 *
 * @module
 */
import * as esbuild from "esbuild";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { ensureConsumerModules } from "../../tests/consumer/setup.ts";
import { ensureNpmModules } from "../npm_modules.ts";

/** The playground's folder (`playground/`). */
const HERE = decodeURIComponent(new URL("../../playground", import.meta.url).pathname);
/** The playground's own npm packages (faker, esbuild-wasm). */
export const playgroundModules = `${HERE}/node_modules`;

/** The bare specifiers generated code and the explorer import, each pre-bundled into `vendor/`. */
export const VENDOR_SPECIFIERS: readonly string[] = [
  "react",
  "react/jsx-runtime",
  "react-dom",
  "react-dom/client",
  "@tanstack/db",
  "@tanstack/query-core",
  "@tanstack/query-db-collection",
  "@tanstack/react-db",
  "@tanstack/react-query",
  "zod",
];

/** The specifier under which the frames import the explorer. */
export const EXPLORER_SPECIFIER = "@sync-patterns/preview-explorer";

/** What {@link buildPreviewAssets} wrote. */
export interface PreviewAssets {
  /** Files written, relative to `distDir`. */
  files: string[];
  /** Size of the vendor modules (`vendor/`), raw. */
  bytes: number;
  /** Size of the vendor modules, each gzipped. */
  gzipBytes: number;
}

/** `@tanstack/react-db` → `tanstack-react-db` (a file name). */
function vendorName(specifier: string): string {
  return specifier.replace(/^@/, "").replace(/[/]/g, "-");
}

/**
 * The source of a vendor entry. ESM packages are re-exported as they are; for a CommonJS one (React) esbuild gives
 * only a default export, so the entry names each export (read by requiring the package here).
 */
function vendorEntry(specifier: string, modules: string): string {
  const require = createRequire(`${modules}/`);
  const resolved = require.resolve(specifier);
  const manifest = require(`${packageName(specifier)}/package.json`) as {
    type?: string;
  };
  const commonJs = !resolved.endsWith(".mjs") && manifest.type !== "module";
  if (!commonJs) return `export * from ${JSON.stringify(specifier)};\n`;
  const names = Object.keys(require(specifier) as object).filter((n) =>
    /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default"
  );
  return `import m from ${JSON.stringify(specifier)};\nexport default m;\n` +
    (names.length ? `export const { ${names.join(", ")} } = m;\n` : "");
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/**
 * Pre-bundles the vendor modules, writes the import map, bundles the explorer and the preview runtime, and copies
 * `esbuild.wasm`, all under `distDir`.
 *
 * @param distDir The playground's output folder (`playground/dist`).
 * @returns The files written and the size of the vendor modules.
 * @throws {Error} When npm or esbuild fails.
 */
export async function buildPreviewAssets(
  distDir: string,
): Promise<PreviewAssets> {
  const consumer = await ensureConsumerModules();
  await ensureNpmModules(HERE, { command: "ci" });
  const modules = `${consumer}/node_modules`;
  const dist = distDir.replace(/\/$/, "");
  const entries = await Deno.makeTempDir({ prefix: "preview-vendor-" });
  try {
    await Deno.remove(`${dist}/vendor`, { recursive: true }).catch(() => {});
    await Deno.mkdir(`${dist}/preview`, { recursive: true });
    const entryPoints: Record<string, string> = {};
    for (const specifier of VENDOR_SPECIFIERS) {
      const file = `${entries}/${vendorName(specifier)}.js`;
      await Deno.writeTextFile(file, vendorEntry(specifier, modules));
      entryPoints[vendorName(specifier)] = file;
    }
    const vendor = await esbuild.build({
      entryPoints,
      outdir: `${dist}/vendor`,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      nodePaths: [modules],
      chunkNames: "chunk-[hash]",
      define: { "process.env.NODE_ENV": '"production"' },
      legalComments: "none",
      metafile: true,
      logLevel: "silent",
    });
    const importMap: { imports: Record<string, string> } = { imports: {} };
    for (const specifier of VENDOR_SPECIFIERS) {
      importMap.imports[specifier] = `vendor/${vendorName(specifier)}.js`;
    }
    importMap.imports[EXPLORER_SPECIFIER] = "preview/explorer.js";
    await Deno.writeTextFile(
      `${dist}/preview/importmap.json`,
      JSON.stringify(importMap, null, 2) + "\n",
    );

    const explorer = await esbuild.build({
      entryPoints: { explorer: `${HERE}/src/preview/explorer/main.tsx` },
      outdir: `${dist}/preview`,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      jsx: "automatic",
      jsxImportSource: "react",
      external: [...VENDOR_SPECIFIERS],
      metafile: true,
      logLevel: "silent",
    });
    const runtime = await esbuild.build({
      entryPoints: { runtime: `${HERE}/src/preview/runtime.ts` },
      outdir: `${dist}/preview`,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      nodePaths: [playgroundModules],
      define: { __PREVIEW_IMPORT_MAP__: JSON.stringify(importMap) },
      metafile: true,
      logLevel: "silent",
    });
    await Deno.copyFile(
      `${playgroundModules}/esbuild-wasm/esbuild.wasm`,
      `${dist}/esbuild.wasm`,
    );

    const root = resolve(dist);
    const written = [vendor, explorer, runtime].flatMap((r) => Object.keys(r.metafile!.outputs))
      .map((p) => relative(root, resolve(p)));
    const files = [...written, "preview/importmap.json", "esbuild.wasm"].sort();
    let bytes = 0;
    let gzipBytes = 0;
    for (const file of files.filter((f) => f.startsWith("vendor/"))) {
      const data = await Deno.readFile(`${dist}/${file}`);
      bytes += data.length;
      gzipBytes += gzipSync(data, { level: 9 }).length;
    }
    return { files, bytes, gzipBytes };
  } finally {
    await Deno.remove(entries, { recursive: true }).catch(() => {});
    await esbuild.stop();
  }
}

if (import.meta.main) {
  const dist = Deno.args[0] ?? `${HERE}/dist`;
  const started = performance.now();
  const { files, bytes, gzipBytes } = await buildPreviewAssets(dist);
  console.log(
    `Preview assets: ${files.length} files in ${dist} (${Math.round(performance.now() - started)} ms); ` +
      `vendor modules ${(bytes / 1024).toFixed(0)} KiB, ${(gzipBytes / 1024).toFixed(0)} KiB gzipped`,
  );
}
