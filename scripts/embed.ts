/**
 * Embeds the fixed output code (`fixed/**\/*.ts`, laid out like the output) into the generator as
 * `src/embedded/fixed.ts`: each file's text and the names it exports, read from the code. The generator stays pure
 * (no file reads) and the output self-contained. Run `deno task embed` after changing a fixed file;
 * `src/embedded/fixed_test.ts` fails while the embedded module differs from the files.
 *
 * @module
 */
import { stringLiteral } from "../src/emit/print/writer.ts";

/**
 * Files under `fixed/` that stand in for generated modules so that the fixed files beside them type-check; they
 * are not embedded (the emitters write the real ones).
 */
export const STUBS: readonly string[] = ["collections/store.ts"];

const ROOT = new URL("../", import.meta.url);

/** One name a fixed file exports. */
export interface FixedExport {
  /** The exported name. */
  name: string;
  /** A type only (`interface`, `type`). */
  type: boolean;
  /** Marked `@internal` in its JSDoc: for the other generated modules, not re-exported to apps. */
  internal: boolean;
}

/**
 * The names a file exports: by declaration (`export function x`, `export type X`), in lists (`export { a, b }`),
 * and through `export * from "./y.ts"` of another file in `files` (resolved against `path`).
 *
 * @example
 * ```ts
 * import { exportedNames } from "./embed.ts";
 * exportedNames("a.ts", { "a.ts": "export const a = 1;\n/** @internal *\/\nexport interface B {}" });
 * // => [{ name: "a", type: false, internal: false }, { name: "B", type: true, internal: true }]
 * ```
 */
export function exportedNames(path: string, files: Readonly<Record<string, string>>): FixedExport[] {
  const text = files[path] ?? "";
  const found: { at: number; names: FixedExport[] }[] = [];
  const internalAt = (at: number) => {
    const before = text.slice(0, at).trimEnd();
    if (!before.endsWith("*/")) return false;
    return text.slice(before.lastIndexOf("/**"), before.length).includes("@internal");
  };
  const declaration =
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
  for (const m of text.matchAll(declaration)) {
    const type = m[1] === "interface" || m[1] === "type";
    found.push({ at: m.index, names: [{ name: m[2], type, internal: internalAt(m.index) }] });
  }
  for (const m of text.matchAll(/^export\s+(type\s+)?\{([^}]*)\}/gm)) {
    const names: FixedExport[] = [];
    for (const part of m[2].split(",")) {
      const item = part.trim();
      const name = item.replace(/^type\s+/, "").split(/\s+as\s+/).pop()?.trim();
      if (name) {
        names.push({ name, type: m[1] !== undefined || item.startsWith("type "), internal: internalAt(m.index) });
      }
    }
    found.push({ at: m.index, names });
  }
  for (const m of text.matchAll(/^export \* from "\.\/([^"]+)";/gm)) {
    const target = path.includes("/") ? `${path.slice(0, path.lastIndexOf("/"))}/${m[1]}` : m[1];
    found.push({ at: m.index, names: exportedNames(target, files) });
  }
  return found.sort((a, b) => a.at - b.at).flatMap((f) => f.names);
}

/**
 * The text of `src/embedded/fixed.ts` for the given fixed files (output path → text).
 *
 * @example
 * ```ts
 * import { renderEmbedded } from "./embed.ts";
 * renderEmbedded({ "runtime/index.ts": "export const a = 1;\n" }).includes('"runtime/index.ts"'); // => true
 * ```
 */
export function renderEmbedded(files: Readonly<Record<string, string>>): string {
  const lines = [
    "// DO NOT EDIT: written by scripts/embed.ts (`deno task embed`) from fixed/**/*.ts.",
    "/**",
    " * The fixed output code, embedded so that the generator stays pure (no file reads) and the output",
    " * self-contained. `fixed_test.ts` checks that it equals the files in `fixed/`.",
    " *",
    " * @module",
    " */",
    "",
    "/** One name a fixed file exports; `type`: a type only; `internal`: not re-exported to apps. */",
    "export interface FixedExport {",
    "  name: string;",
    "  type: boolean;",
    "  internal: boolean;",
    "}",
    "",
    "/** Output path → the file's text (without the generated-file header, which the emitter adds). */",
    "export const FIXED_SOURCES: Readonly<Record<string, string>> = {",
    ...Object.entries(files).flatMap(([path, text]) => [
      `  ${stringLiteral(path)}: [`,
      ...text.split("\n").map((line) => `    ${stringLiteral(line)},`),
      `  ].join("\\n"),`,
    ]),
    "};",
    "",
    "/** Output path → the names the file exports, in source order. */",
    "export const FIXED_EXPORTS: Readonly<Record<string, readonly FixedExport[]>> = {",
    ...Object.keys(files).flatMap((path) => [
      `  ${stringLiteral(path)}: [`,
      ...exportedNames(path, files).map((e) =>
        `    { name: ${stringLiteral(e.name)}, type: ${e.type}, internal: ${e.internal} },`
      ),
      "  ],",
    ]),
    "};",
    "",
  ];
  return lines.join("\n");
}

/** Reads the fixed files (output path → text, sorted by path), without the stubs. */
export async function readFixedFiles(): Promise<Record<string, string>> {
  const paths: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(new URL(`fixed/${dir}`, ROOT))) {
      const path = dir + entry.name;
      if (entry.isDirectory && entry.name !== "node_modules") await walk(`${path}/`);
      else if (entry.isFile && path.endsWith(".ts") && !path.endsWith("_test.ts") && !STUBS.includes(path)) {
        paths.push(path);
      }
    }
  };
  await walk("");
  const files: Record<string, string> = {};
  for (const path of paths.sort()) files[path] = await Deno.readTextFile(new URL(`fixed/${path}`, ROOT));
  return files;
}

/** The path of the embedded module. */
export const TARGET: URL = new URL("src/embedded/fixed.ts", ROOT);

if (import.meta.main) {
  await Deno.mkdir(new URL(".", TARGET), { recursive: true });
  await Deno.writeTextFile(TARGET, renderEmbedded(await readFixedFiles()));
  const fmt = await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", decodeURIComponent(TARGET.pathname)] })
    .output();
  if (!fmt.success) throw new Error("deno fmt failed on " + TARGET.pathname);
  console.log(`Wrote ${decodeURIComponent(TARGET.pathname)}`);
}
