/**
 * For tests that look for a piece of generated code: the writer breaks long lines (as deno fmt does), so a test
 * compares both texts on one line.
 *
 * @module
 */

/**
 * `text` with its line breaks and indentation taken out, and with the trailing commas and the spaces that only
 * a line break brings (and the `&` or `|` that leads a multi-line type): `f(\n  a,\n  b,\n)` and `f(a, b)` give the
 * same text.
 *
 * @example
 * ```ts
 * import { oneLine } from "./one_line.ts";
 * oneLine("f(\n  a,\n  { b: 1 },\n);") === oneLine("f(a, { b: 1 });"); // => true
 * ```
 */
export function oneLine(text: string): string {
  return text
    .replace(/\n\s*/g, " ")
    .replace(/,\s*([)\]>])/g, "$1")
    .replace(/,\s*}/g, " }")
    .replace(/ ([)\]>])/g, "$1")
    .replace(/([(\[<]) /g, "$1")
    .replace(/= [&|] /g, "= ")
    .trim()
    // a piece that ends a list keeps no comma there
    .replace(/,$/, "");
}
