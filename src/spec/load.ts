/**
 * Loading a spec: JSON or YAML text (or an object) → a checked OpenAPI 3 document that
 * can tell where each of its places is in the text.
 *
 * JSON text goes straight to `JSON.parse` (the GitHub spec is 13 MB); places in the text
 * are found only when {@link LoadedSpec.locate} is called.
 *
 * @module
 */
import { type Diagnostic, SpecError } from "./diagnostics.ts";
import { jsonErrorOffset, JsonLocator, LineIndex, type Position } from "./json_text.ts";
import type { ParsedYaml } from "./yaml_text.ts";
import { checkDepth } from "./depth.ts";

export type { Position } from "./json_text.ts";

/** A loaded, checked OpenAPI 3 document. */
export interface LoadedSpec {
  /**
   * The document as plain data. `paths` is always an object (`{}` when the spec has none).
   * Never mutate it: it may be the caller's object, and YAML aliases share objects.
   */
  document: Record<string, unknown>;
  /** The `openapi` version, such as `"3.1.0"`. */
  openapi: string;
  /** Warnings found while loading (no paths, a YAML warning, …). */
  diagnostics: Diagnostic[];
  /**
   * The 1-based line and column of the place a JSON pointer names (a member's key, an
   * array item, or the root), or `undefined` when there is no such place or the input was
   * an object. Computed on demand.
   */
  locate(pointer: string): Position | undefined;
}

/** Options of {@link loadSpec}. */
export interface LoadOptions {
  /**
   * The YAML parser (`parseYaml` of `./yaml_text.ts`), needed only for YAML text. It is passed in, not imported
   * here, so that a caller with JSON text (the CLI on a JSON spec) never loads the YAML library.
   * @default {none: YAML text is refused with an Error (a caller bug, not a spec error)}
   */
  parseYaml?: (text: string) => ParsedYaml;
}

/**
 * True when spec text is JSON for {@link loadSpec}: its first character after whitespace and a byte order mark
 * is `{` or `[`. Anything else is read as YAML.
 *
 * @example
 * ```ts
 * import { isJsonText } from "./load.ts";
 * isJsonText('\n  {"openapi": "3.1.0"}'); // => true
 * isJsonText("openapi: 3.1.0\n"); // => false
 * ```
 */
export function isJsonText(text: string): boolean {
  const first = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart()[0];
  return first === "{" || first === "[";
}

/**
 * Loads a spec from JSON or YAML text, or from an already parsed object, and checks that
 * it is an OpenAPI 3 document.
 *
 * Text that starts with `{` or `[` (after whitespace and a byte order mark) is JSON;
 * anything else is YAML. Throws a {@link SpecError} with line and column when the text
 * does not parse, and when the document is not an object, is Swagger 2.0, or is not
 * OpenAPI 3. YAML text needs {@link LoadOptions.parseYaml}.
 *
 * @example
 * ```ts
 * import { loadSpec } from "./load.ts";
 * const spec = loadSpec('{\n  "openapi": "3.1.0",\n  "paths": {}\n}');
 * spec.openapi; // => "3.1.0"
 * spec.locate("/paths"); // => { line: 3, column: 3 }
 * ```
 */
export function loadSpec(input: string | object, options: LoadOptions = {}): LoadedSpec {
  let value: unknown;
  let locate: (pointer: string) => Position | undefined;
  const diagnostics: Diagnostic[] = [];
  if (typeof input === "string") {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const encoding = wrongEncoding(text);
    if (encoding) {
      throw new SpecError({
        code: "spec/encoding",
        severity: "error",
        message: `The text ${encoding}: decode the file by its byte order mark, or save it as UTF-8`,
        pointer: "",
      });
    }
    const first = text.trimStart()[0];
    if (first === undefined) {
      throw new SpecError({ code: "spec/empty", severity: "error", message: "The spec is empty", pointer: "" });
    }
    if (isJsonText(text)) {
      value = parseJson(text);
      let locator: JsonLocator | undefined;
      let lines: LineIndex | undefined;
      locate = (pointer) => {
        const offset = (locator ??= new JsonLocator(text)).offsetOf(pointer);
        return offset === undefined ? undefined : (lines ??= new LineIndex(text)).position(offset);
      };
    } else {
      if (options.parseYaml === undefined) throw new Error("loadSpec: YAML text needs options.parseYaml");
      const yaml = options.parseYaml(text);
      value = yaml.value;
      locate = yaml.locate;
      diagnostics.push(...yaml.diagnostics);
    }
  } else {
    value = input;
    locate = () => undefined;
  }
  const placed = (d: Diagnostic): Diagnostic => ({ ...d, ...locate(d.pointer) });
  checkDepth(value, placed); // before anything recurses into the document

  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    throw new SpecError(placed({
      code: "spec/not-openapi",
      severity: "error",
      message: `Not an OpenAPI 3 document: expected an object, got ${got}`,
      pointer: "",
    }));
  }
  let document = value as Record<string, unknown>;

  if (Object.hasOwn(document, "swagger") && !Object.hasOwn(document, "openapi")) {
    throw new SpecError(placed({
      code: "spec/swagger-2",
      severity: "error",
      message: `Swagger ${
        String(document.swagger)
      } is not supported: convert it to OpenAPI 3 first (for example with swagger2openapi)`,
      pointer: "/swagger",
    }));
  }

  const version = Object.hasOwn(document, "openapi") ? document.openapi : undefined;
  let openapi: string;
  if (typeof version === "string" && /^3\.\d+(?:\.\d+)?(?:-[\w.]+)?$/.test(version)) {
    openapi = version;
  } else if (typeof version === "number" && version >= 3 && version < 4) {
    openapi = Number.isInteger(version) ? `${version}.0` : String(version);
    diagnostics.push(placed({
      code: "spec/openapi-not-string",
      severity: "warning",
      message: `The openapi field is the number ${version}: write it as a string such as "3.1.0"`,
      pointer: "/openapi",
    }));
  } else {
    throw new SpecError(placed({
      code: "spec/not-openapi",
      severity: "error",
      message: version === undefined
        ? "Not an OpenAPI 3 document: it has no openapi field"
        : `Not an OpenAPI 3 document: openapi is ${JSON.stringify(version)}, expected 3.x`,
      pointer: version === undefined ? "" : "/openapi",
    }));
  }

  const minor = Number(/^3\.(\d+)/.exec(openapi)?.[1] ?? 0);
  if (minor > 1) {
    diagnostics.push(placed({
      code: "spec/openapi-newer",
      severity: "warning",
      message: `OpenAPI ${openapi} is read as 3.1: what is new in 3.${minor} (such as the query method, ` +
        `itemSchema, additionalOperations) is ignored`,
      pointer: "/openapi",
    }));
  }

  const paths = Object.hasOwn(document, "paths") ? document.paths : undefined;
  if (paths === null || typeof paths !== "object" || Array.isArray(paths)) {
    diagnostics.push(placed({
      code: "spec/no-paths",
      severity: "warning",
      message: paths === undefined
        ? "The spec has no paths: there is nothing to generate"
        : "The paths field is not an object: it is ignored",
      pointer: paths === undefined ? "" : "/paths",
    }));
    document = { ...document, paths: {} };
  }

  return { document, openapi, diagnostics, locate };
}

/**
 * Adds the line and column of a diagnostic's pointer, from the nearest place that exists
 * (a pointer into something the text does not have falls back to its parent). Returns the
 * diagnostic unchanged when it already has a line or nothing can be located.
 *
 * @example
 * ```ts
 * import { loadSpec, withPosition } from "./load.ts";
 * const spec = loadSpec('{"openapi": "3.1.0", "paths": {}}');
 * withPosition(spec, { code: "x", severity: "warning", message: "Odd", pointer: "/paths/~1nope" });
 * // => { code: "x", severity: "warning", message: "Odd", pointer: "/paths/~1nope", line: 1, column: 22 }
 * ```
 */
export function withPosition(spec: Pick<LoadedSpec, "locate">, diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.line !== undefined) return diagnostic;
  let pointer = diagnostic.pointer;
  for (;;) {
    const position = spec.locate(pointer);
    if (position !== undefined) return { ...diagnostic, ...position };
    if (pointer === "") return diagnostic;
    pointer = pointer.slice(0, pointer.lastIndexOf("/"));
  }
}

/**
 * Why text cannot be a spec as decoded, when it was decoded with the wrong encoding: UTF-16 or UTF-32 read
 * byte by byte has NUL characters between the letters; UTF-16 read with the wrong byte order starts with a
 * swapped byte order mark (U+FFFE).
 */
function wrongEncoding(text: string): string | undefined {
  if (text.charCodeAt(0) === 0xfffe) return "starts with U+FFFE: it is UTF-16 decoded with the wrong byte order";
  const head = text.slice(0, 1024);
  if (head.includes("\0")) {
    return "has NUL characters between its letters: it is UTF-16 or UTF-32 decoded as 8-bit text";
  }
  return undefined;
}

/** `JSON.parse`, with a syntax error turned into a one-line {@link SpecError} with line and column. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const position = /at position (\d+)/.exec(e.message);
    let offset = position ? Number(position[1]) : jsonErrorOffset(text);
    if (offset < 0) offset = text.length;
    const message = e.message
      .replace(/ in JSON at position \d+.*$/s, "")
      .replace(/, ".*" is not valid JSON$/s, "")
      .split("\n", 1)[0];
    throw new SpecError({
      code: "spec/invalid-json",
      severity: "error",
      message: `Invalid JSON: ${message}`,
      pointer: "",
      ...new LineIndex(text).position(offset),
    });
  }
}
