/**
 * The fixed output files (the same for every spec): their embedded text under the generated-file header.
 *
 * @module
 */
import { FIXED_EXPORTS, FIXED_SOURCES } from "../embedded/fixed.ts";
import { fileHeader } from "./print/writer.ts";

/**
 * A fixed file of the output (`client/core.ts`, `runtime/broadcast.ts`, …): its text from `fixed/`, under the
 * header with `purpose`.
 *
 * @example
 * ```ts
 * import { fixedFile } from "./fixed.ts";
 * fixedFile("client/core.ts", "The client's fixed code.").includes("export class ApiError extends Error {"); // => true
 * ```
 */
export function fixedFile(path: string, purpose: string): string {
  const text = FIXED_SOURCES[path];
  if (text === undefined) throw new Error(`No fixed file ${path}: run \`deno task embed\``);
  // as it is: the fixed files are formatted with deno fmt already
  return fileHeader(purpose) + text.trimEnd() + "\n";
}

/** The exports of a fixed file that apps see (not marked `@internal`): name and whether it is a type only. */
export function publicExports(path: string): { name: string; type: boolean }[] {
  return (FIXED_EXPORTS[path] ?? []).filter((e) => !e.internal).map(({ name, type }) => ({ name, type }));
}
