/**
 * The runtime emitter: the broadcast runtime (`runtime/broadcast.ts`, `runtime/react.ts`, `runtime/sync.ts`,
 * `runtime/index.ts`) copied into the output from `fixed/runtime/`, so that generated code depends on npm packages
 * only.
 *
 * @module
 */
import { FIXED_SOURCES } from "../embedded/fixed.ts";
import { fixedFile, publicExports } from "./fixed.ts";

/**
 * Emits the `runtime/` files: relative path → source (identical for every model).
 *
 * @example
 * ```ts
 * import { emitRuntime } from "./runtime.ts";
 * Object.keys(emitRuntime()); // => ["runtime/broadcast.ts", "runtime/index.ts", "runtime/react.ts", "runtime/sync.ts"]
 * ```
 */
export function emitRuntime(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of Object.keys(FIXED_SOURCES).filter((p) => p.startsWith("runtime/"))) {
    files[path] = fixedFile(
      path,
      `The broadcast runtime (${path.slice("runtime/".length)}), copied from @sync/patterns.`,
    );
  }
  return files;
}

/** What `runtime/index.ts` exports: name and whether it is a type only. */
export const runtimeExports: readonly { name: string; type: boolean }[] = publicExports("runtime/index.ts");
