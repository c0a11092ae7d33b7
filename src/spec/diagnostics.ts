/**
 * Diagnostics: what the generator tells the user about the spec.
 *
 * Every diagnostic names its place in the document as a JSON pointer, and as
 * `line`/`column` (1-based) when the input was text.
 *
 * @module
 */

/** How serious a diagnostic is: an error stops generation, a warning does not. */
export type Severity = "error" | "warning";

/** One finding about the spec, with its place in the document. */
export interface Diagnostic {
  /** Stable machine-readable code, such as `spec/unresolved-ref` or `model/unknown-entity`. */
  code: string;
  /** `error` stops generation; `warning` is reported and generation goes on. */
  severity: Severity;
  /** One line for a person, starting with a capital letter and with no final period. */
  message: string;
  /** JSON pointer into the spec document (RFC 6901), `""` for the whole document. */
  pointer: string;
  /** 1-based line of the place, when the input was text. */
  line?: number;
  /** 1-based column of the place, when the input was text. */
  column?: number;
}

/**
 * Thrown by {@link generate} and the spec loader when the input cannot be used at all
 * (not JSON or YAML, not OpenAPI 3, a broken `$ref`). Carries the diagnostic that says where.
 */
export class SpecError extends Error {
  /** Where and why. */
  readonly diagnostic: Diagnostic;

  /**
   * Makes the error from its diagnostic; the message is the formatted diagnostic.
   *
   * @param diagnostic the error diagnostic that stops generation
   */
  constructor(diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
    this.name = "SpecError";
    this.diagnostic = diagnostic;
  }
}

/**
 * Formats a diagnostic as one line: `error at #/paths/~1orders (12:5): Message [code]`.
 *
 * @example
 * ```ts
 * import { formatDiagnostic } from "./diagnostics.ts";
 * formatDiagnostic({ code: "x", severity: "warning", message: "Odd", pointer: "/a", line: 2, column: 3 });
 * // => "warning at #/a (2:3): Odd [x]"
 * ```
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const place = `#${d.pointer}${d.line !== undefined ? ` (${d.line}:${d.column ?? 1})` : ""}`;
  return `${d.severity} ${source ? `in ${source} ` : ""}at ${place}: ${d.message} [${d.code}]`;
}

/** Escapes one JSON pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function pointerSegment(segment: string | number): string {
  const text = String(segment);
  // most segments need no escape, and the model joins one per schema node
  if (!text.includes("~") && !text.includes("/")) return text;
  return text.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Joins a base pointer and segments into a pointer. */
export function joinPointer(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const s of segments) out += "/" + pointerSegment(s);
  return out;
}

/** Splits a JSON pointer into unescaped segments. `""` → `[]`. */
export function splitPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}
