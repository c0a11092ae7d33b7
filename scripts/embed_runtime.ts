/**
 * Embeds the broadcast runtime (`runtime/*.ts`) into the generator as `src/emit/runtime_sources.ts`, so that
 * generated output carries it (self-contained, no dependency on this package). Run `deno task embed` after
 * changing a runtime file; `src/emit/runtime_test.ts` fails while the embedded text differs from the files.
 *
 * @module
 */
import { GENERATED_MARKER, stringLiteral } from "../src/emit/writer.ts";

/** The runtime files, in the order they are embedded. */
export const RUNTIME_FILES: readonly string[] = ["broadcast.ts", "react.ts", "index.ts"];

const ROOT = new URL("../", import.meta.url);

/** The header each embedded file gets in the output. */
export function runtimeHeader(file: string): string {
  return `// ${GENERATED_MARKER}. Changes are overwritten on the next run.\n` +
    `// The broadcast runtime (${file}), copied from @sync/patterns.\n\n`;
}

/**
 * The names a runtime file exports by declaration (`export function x`, `export type X`, `export { a, b }`).
 *
 * @example
 * ```ts
 * import { exportedNames } from "./embed_runtime.ts";
 * exportedNames("export const a = 1;\nexport interface B {}").map((e) => e.name); // => ["a", "B"]
 * ```
 */
export function exportedNames(text: string): { name: string; type: boolean }[] {
  const names: { name: string; type: boolean }[] = [];
  const declaration =
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
  for (const m of text.matchAll(declaration)) names.push({ name: m[2], type: m[1] === "interface" || m[1] === "type" });
  for (const m of text.matchAll(/^export\s+(type\s+)?\{([^}]*)\}/gm)) {
    for (const part of m[2].split(",")) {
      const item = part.trim();
      const name = item.replace(/^type\s+/, "").split(/\s+as\s+/).pop()?.trim();
      if (name) names.push({ name, type: m[1] !== undefined || item.startsWith("type ") });
    }
  }
  return names;
}

/**
 * The text of `src/emit/runtime_sources.ts` for the given runtime files (name → text).
 *
 * @example
 * ```ts
 * import { renderRuntimeSources } from "./embed_runtime.ts";
 * renderRuntimeSources({ "index.ts": "export const a = 1;\n" }).includes('"index.ts"'); // => true
 * ```
 */
export function renderRuntimeSources(files: Record<string, string>): string {
  const names = new Map<string, boolean>();
  for (const [file, text] of Object.entries(files)) {
    if (file !== "index.ts") { for (const e of exportedNames(text)) names.set(e.name, e.type); }
  }
  const lines = [
    "// DO NOT EDIT: written by scripts/embed_runtime.ts (`deno task embed`) from runtime/*.ts.",
    "/**",
    " * The broadcast runtime's sources, embedded so that the generator stays pure (no file reads) and the",
    " * output self-contained. `runtime_test.ts` checks they equal the files in `runtime/`.",
    " *",
    " * @module",
    " */",
    "",
    "/** Output path under `runtime/` → the file's text, with the generated-file header. */",
    "export const RUNTIME_SOURCES: Readonly<Record<string, string>> = {",
    ...Object.entries(files).flatMap(([file, text]) => [
      `  ${stringLiteral(file)}: [`,
      ...(runtimeHeader(file) + text).split("\n").map((line) => `    ${stringLiteral(line)},`),
      `  ].join("\\n"),`,
    ]),
    "};",
    "",
    "/** The names the runtime modules export (`runtime/index.ts` re-exports them all); `type`: a type only. */",
    "export const RUNTIME_EXPORTS: readonly { name: string; type: boolean }[] = [",
    ...[...names].map(([n, type]) => `  { name: ${stringLiteral(n)}, type: ${type} },`),
    "];",
    "",
  ];
  return lines.join("\n");
}

/** Reads `runtime/*.ts` from the repository. */
export async function readRuntimeFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of RUNTIME_FILES) files[file] = await Deno.readTextFile(new URL(`runtime/${file}`, ROOT));
  return files;
}

/** The path of the embedded sources module. */
export const TARGET: URL = new URL("src/emit/runtime_sources.ts", ROOT);

if (import.meta.main) {
  const text = renderRuntimeSources(await readRuntimeFiles());
  await Deno.writeTextFile(TARGET, text);
  const fmt = await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", decodeURIComponent(TARGET.pathname)] })
    .output();
  if (!fmt.success) throw new Error("deno fmt failed on " + TARGET.pathname);
  console.log(`Wrote ${decodeURIComponent(TARGET.pathname)}`);
}
