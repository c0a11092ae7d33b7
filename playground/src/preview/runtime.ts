/**
 * What the Preview tab loads lazily (as `preview/runtime.js`, built by `scripts/playground/preview_build.ts`): the mock
 * backend, esbuild-wasm bundling the generated files in the page, and the documents of the preview frames.
 *
 * @module
 */
import * as esbuild from "esbuild-wasm";
import type { EntityModel } from "../../../src/model/types.ts";
import { MockBackend } from "./mock/backend.ts";
import type { PreviewHost } from "./host.ts";

export { MockBackend } from "./mock/backend.ts";
export type { PreviewHost } from "./host.ts";

/** The import map of the frames, relative to the playground's root (set by the build). */
declare const __PREVIEW_IMPORT_MAP__: { imports: Record<string, string> };

/** The virtual entry the frames import: the generated data layer with the explorer around it. */
const ENTRY = "preview-entry.ts";
const ENTRY_SOURCE = `import * as api from "./index.ts";
import { mountExplorer } from "@sync-patterns/preview-explorer";
export function mount(host, root) {
  return mountExplorer(api, host, root);
}
`;

let initialized: Promise<void> | undefined;

/** Starts esbuild-wasm once (its worker and `esbuild.wasm` from the playground's root). */
function initialize(base: string): Promise<void> {
  initialized ??= esbuild.initialize({
    wasmURL: new URL("esbuild.wasm", base).href,
    worker: true,
  }).catch((error) => {
    initialized = undefined; // the next rebuild tries again
    throw error;
  });
  return initialized;
}

/** A bundle of the generated files: a blob URL to import, or the error text. */
export type BundleResult = { ok: true; url: string; ms: number } | {
  ok: false;
  error: string;
  ms: number;
};

function resolvePath(from: string, relative: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const part of relative.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

/**
 * Bundles `files` (the generator's output) with the explorer entry: relative imports come from `files`, bare ones
 * stay imports that the frames' import map resolves.
 *
 * @param files Relative path → source, as `generate()` returns them.
 * @param base The playground's root URL (where `esbuild.wasm` is).
 */
export async function bundleFiles(
  files: Record<string, string>,
  base: string,
): Promise<BundleResult> {
  const started = performance.now();
  const sources = new Map(Object.entries(files));
  sources.set(ENTRY, ENTRY_SOURCE);
  try {
    await initialize(base);
    const result = await esbuild.build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format: "esm",
      target: "es2022",
      logLevel: "silent",
      plugins: [{
        name: "generated-files",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") {
              return { path: args.path, namespace: "generated" };
            }
            if (!args.path.startsWith(".")) {
              return { path: args.path, external: true };
            }
            const path = resolvePath(args.importer, args.path);
            if (!sources.has(path)) {
              return {
                errors: [{
                  text: `Cannot find ${args.path} (from ${args.importer})`,
                }],
              };
            }
            return { path, namespace: "generated" };
          });
          build.onLoad({ filter: /.*/, namespace: "generated" }, (args) => ({
            contents: sources.get(args.path)!,
            loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
          }));
        },
      }],
    });
    const code = result.outputFiles[0]!.text;
    const url = URL.createObjectURL(
      new Blob([code], { type: "text/javascript" }),
    );
    return { ok: true, url, ms: performance.now() - started };
  } catch (error) {
    const failure = error as {
      errors?: {
        text: string;
        location?: { file: string; line: number } | null;
      }[];
    };
    const text = failure.errors?.length
      ? failure.errors.slice(0, 5).map((e) =>
        e.location ? `${e.location.file.replace(/^generated:/, "")}:${e.location.line}: ${e.text}` : e.text
      ).join("\n")
      : String((error as Error).message ?? error);
    return { ok: false, error: text, ms: performance.now() - started };
  }
}

/** Makes the shared mock backend of a model (both clients use one). */
export function createBackend(model: EntityModel, seed = 1): MockBackend {
  return new MockBackend(model, { seed });
}

/** The theme variables the frames copy from the page, so the explorer looks like the page around it. */
export const THEME_VARIABLES: readonly string[] = [
  "--bg",
  "--bg-elev",
  "--bg-sunk",
  "--fg",
  "--fg-muted",
  "--border",
  "--accent",
  "--accent-fg",
  "--added",
  "--changed",
  "--removed",
  "--warn",
  "--error",
  "--font-ui",
  "--font-mono",
];

/** Mounts a bundle in a frame (replacing what it showed); settles once the module is imported and mounted. */
export type FrameMount = (host: PreviewHost) => Promise<void>;

/** A frame's door in the page: the frame calls `attach` with its mount function once it has loaded. */
export interface FrameSlot {
  attach(mount: FrameMount): void;
}

/**
 * The document of one preview frame: the import map (absolute URLs for this page), the explorer's stylesheet, and a
 * module that hands the page a mount function (through `parent.__syncPreviewFrames[key]`). The frame lives across
 * rebuilds: each rebuild imports the new bundle (a new blob URL, so new module instances of the generated code and
 * a fresh store) and remounts, while React, TanStack and zod stay loaded.
 *
 * @param key The slot's key (from {@link registerFrame}).
 * @param base The playground's root URL.
 */
export function frameDocument(key: string, base: string): string {
  const imports: Record<string, string> = {};
  for (
    const [specifier, path] of Object.entries(__PREVIEW_IMPORT_MAP__.imports)
  ) {
    imports[specifier] = new URL(path, base).href;
  }
  // "<" escaped so that no value can close the script element
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  const css = new URL("preview/explorer.css", base).href;
  // the modules are fetched and compiled while esbuild-wasm starts and bundles, instead of after
  const preloads = Object.values(imports).map((url) => `<link rel="modulepreload" href="${escapeAttribute(url)}">`)
    .join("\n");
  return `<!doctype html>
<html><head><meta charset="utf-8">
<script type="importmap">${json({ imports })}</script>
<link rel="stylesheet" href="${escapeAttribute(css)}">
${preloads}
</head><body>
<script type="module">
const slot = parent.__syncPreviewFrames && parent.__syncPreviewFrames[${json(key)}];
const variables = ${json(THEME_VARIABLES)};
function copyTheme() {
  const style = parent.getComputedStyle(parent.document.documentElement);
  for (const name of variables) {
    const value = style.getPropertyValue(name).trim();
    if (value) document.documentElement.style.setProperty(name, value);
    else document.documentElement.style.removeProperty(name);
  }
}
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => setTimeout(copyTheme, 0));
let current;
let latest = 0;
if (slot) slot.attach(async (host) => {
  const mine = ++latest;
  try {
    const bundle = await import(host.bundleUrl);
    if (mine !== latest) return; // a newer build came in while this one loaded
    copyTheme();
    const element = document.createElement("div");
    const previous = current;
    current = { element, unmount: undefined };
    if (previous && previous.unmount) previous.unmount();
    document.body.replaceChildren(element);
    current.unmount = bundle.mount(host, element);
  } catch (error) {
    host.onError(error);
  }
});
</script></body></html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(
    /</g,
    "&lt;",
  );
}

let frameCount = 0;

/**
 * Registers a frame slot under a fresh key; the frame's document attaches its mount function to it.
 *
 * @returns The key (for {@link frameDocument}), a promise of the mount function, and a function that removes it.
 */
export function registerFrame(
  name: string,
): { key: string; mount: Promise<FrameMount>; release: () => void } {
  const w = globalThis as unknown as {
    __syncPreviewFrames?: Record<string, FrameSlot>;
  };
  w.__syncPreviewFrames ??= {};
  // no crypto.randomUUID: it exists only in secure contexts, and the playground may be served over plain http
  const key = `${name}-${++frameCount}-${Math.random().toString(36).slice(2)}`;
  const mount = new Promise<FrameMount>((resolve) => {
    w.__syncPreviewFrames![key] = { attach: resolve };
  });
  return { key, mount, release: () => void delete w.__syncPreviewFrames![key] };
}
