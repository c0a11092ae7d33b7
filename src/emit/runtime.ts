/**
 * The runtime emitter: the broadcast runtime (`runtime/broadcast.ts`, `runtime/react.ts`,
 * `runtime/index.ts`) copied into the output, so that generated code depends on npm packages only.
 * The texts are embedded by `scripts/embed_runtime.ts` from this repository's `runtime/`.
 *
 * @module
 */
import { RUNTIME_EXPORTS, RUNTIME_SOURCES } from "./runtime_sources.ts";

/**
 * Emits the `runtime/` files: relative path → source (identical for every model).
 *
 * @example
 * ```ts
 * import { renderRuntime } from "./runtime.ts";
 * Object.keys(renderRuntime()); // => ["runtime/broadcast.ts", "runtime/react.ts", "runtime/index.ts"]
 * ```
 */
export function renderRuntime(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, text] of Object.entries(RUNTIME_SOURCES)) files[`runtime/${file}`] = text;
  return files;
}

/** What `runtime/index.ts` exports: name and whether it is a type only. */
export const runtimeExports: readonly { name: string; type: boolean }[] = RUNTIME_EXPORTS;
