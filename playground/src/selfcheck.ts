/**
 * The output's self-check in the browser, with esbuild-wasm (in its own worker): every generated file is
 * transpiled (loader `ts`), and the whole output is bundled from memory with the npm packages external, minified,
 * and gzipped (`CompressionStream("gzip")`) to measure what it adds to an app.
 *
 * Loaded with `import()` after the first paint; `esbuild.wasm` is fetched on first use.
 *
 * @module
 */
import * as esbuild from "esbuild-wasm";
import type { OutputProblem } from "./ui/DiagnosticsList.tsx";

/** What the self-check found. */
export interface SelfCheckResult {
  /** Files transpiled. */
  files: number;
  /** Files esbuild could not parse. */
  problems: OutputProblem[];
  /** Bytes of the minified bundle of `index.ts` (npm packages external), and gzipped; absent when it failed. */
  minified?: number;
  gzipped?: number;
  /** Why bundling failed. */
  bundleError?: string;
  ms: number;
}

let ready: Promise<void> | undefined;

/** Starts esbuild-wasm once (fetches `esbuild.wasm` beside the page). */
export function initEsbuild(wasmURL: string): Promise<void> {
  ready ??= esbuild.initialize({ wasmURL, worker: true });
  return ready;
}

/** The file a relative import names, tried as written and with `.ts` / `/index.ts`. */
function resolveIn(files: Record<string, string>, importer: string, specifier: string): string | undefined {
  const base = importer.includes("/") ? importer.slice(0, importer.lastIndexOf("/") + 1) : "";
  const parts: string[] = [];
  for (const segment of (base + specifier).split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") parts.pop();
    else parts.push(segment);
  }
  const path = parts.join("/");
  for (const candidate of [path, path.replace(/\.js$/, ".ts"), `${path}.ts`, `${path}/index.ts`]) {
    if (Object.hasOwn(files, candidate)) return candidate;
  }
  return undefined;
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/**
 * Transpiles every file and bundles the output.
 *
 * @param files The generated file map.
 * @param wasmURL Where `esbuild.wasm` is.
 */
export async function selfCheck(files: Record<string, string>, wasmURL: string): Promise<SelfCheckResult> {
  await initEsbuild(wasmURL);
  const started = performance.now();
  const paths = Object.keys(files).filter((p) => p.endsWith(".ts") || p.endsWith(".tsx"));
  const problems: OutputProblem[] = [];
  await Promise.all(paths.map(async (path) => {
    try {
      await esbuild.transform(files[path], { loader: path.endsWith(".tsx") ? "tsx" : "ts", sourcefile: path });
    } catch (error) {
      const failure = error as { errors?: esbuild.Message[]; message?: string };
      const first = failure.errors?.[0];
      problems.push({
        path,
        message: first
          ? `${first.text}${first.location ? ` (${first.location.line}:${first.location.column + 1})` : ""}`
          : String(failure.message ?? error),
      });
    }
  }));
  problems.sort((a, b) => a.path < b.path ? -1 : 1);

  const result: SelfCheckResult = { files: paths.length, problems, ms: 0 };
  const entry = Object.hasOwn(files, "index.ts") ? "index.ts" : paths[0];
  if (entry && problems.length === 0) {
    try {
      const built = await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: "esm",
        minify: true,
        outfile: "out.js",
        logLevel: "silent",
        plugins: [{
          name: "file-map",
          setup(build) {
            build.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind === "entry-point") return { path: args.path, namespace: "files" };
              if (!args.path.startsWith(".")) return { path: args.path, external: true };
              const path = resolveIn(files, args.importer, args.path);
              return path ? { path, namespace: "files" } : { errors: [{ text: `Cannot resolve ${args.path}` }] };
            });
            build.onLoad({ filter: /.*/, namespace: "files" }, (args) => ({
              contents: files[args.path],
              loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
            }));
          },
        }],
      });
      const js = built.outputFiles?.[0]?.contents;
      if (js) {
        result.minified = js.byteLength;
        result.gzipped = await gzipSize(js);
      }
    } catch (error) {
      const failure = error as { errors?: esbuild.Message[]; message?: string };
      result.bundleError = failure.errors?.[0]?.text ?? String(failure.message ?? error);
    }
  }
  result.ms = performance.now() - started;
  return result;
}
