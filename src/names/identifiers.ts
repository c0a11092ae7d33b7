/**
 * Identifier rules: which texts can stand as names in a generated module, reserved words and the globals a
 * generated module must not shadow, the words of a text, and safe camel/Pascal identifiers from any text.
 *
 * @module
 */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await abstract any as asserts async " +
    "bigint boolean constructor declare get infer is keyof module namespace never readonly require number object " +
    "set string symbol type undefined unique unknown from global of satisfies accessor out " +
    // globals a generated module uses or that would shadow something a reader expects
    "arguments eval fetch Error Promise Object Array String Number Boolean Symbol Date Map Set JSON Math URL " +
    "Record Partial Required Pick Omit Response Request Headers globalThis window document z"
  ).split(" "),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True when `name` can stand as a property name without quotes (`a.b`, `{ b: 1 }`). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * True when `name` can be declared as a binding (`const name`, a parameter) as it is: an identifier
 * name that is not a reserved word or one of the globals {@link identifier} avoids.
 *
 * @example
 * ```ts
 * import { isSafeIdentifier } from "./identifiers.ts";
 * isSafeIdentifier("getStages"); // => true
 * isSafeIdentifier("delete"); // => false
 * ```
 */
export function isSafeIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** Splits text into words at case changes, digits boundaries and non-alphanumerics. */
export function words(text: string): string[] {
  let t = text;
  // Each step is skipped when it cannot change the text (NFKD and the accent strip leave ASCII as it
  // is; the case splits need a capital): most names are plain ASCII, and normalize() is slow.
  if (NON_ASCII.test(t)) t = t.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  if (CAPITAL.test(t)) t = t.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return t.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
}

const NON_ASCII = /[\u0080-\uffff]/; // any code unit past ASCII (surrogates too: no u flag)
const CAPITAL = /[A-Z]/;

/**
 * The words of `text` in PascalCase, without the reserved-word and digit guards of {@link identifier}:
 * for the tail of a composed name (`Order` + `pascalCase("status")`). Empty when `text` has no letters or digits.
 *
 * @example
 * ```ts
 * import { pascalCase } from "./identifiers.ts";
 * pascalCase("payment_status"); // => "PaymentStatus"
 * pascalCase("string"); // => "String"
 * ```
 */
export function pascalCase(text: string): string {
  return words(text).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("");
}

/**
 * A safe identifier from any text in the given case; reserved words and risky globals get a `_` suffix,
 * and an empty or digit-led result gets a prefix.
 *
 * @example
 * ```ts
 * import { identifier } from "./identifiers.ts";
 * identifier("order items", "pascal"); // => "OrderItems"
 * identifier("delete", "camel"); // => "delete_"
 * identifier("2fa", "camel"); // => "_2fa"
 * ```
 */
export function identifier(text: string, style: "camel" | "pascal" = "camel"): string {
  const parts = words(text);
  let out = parts
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (style === "camel" && i === 0) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join("");
  if (out === "") out = "_";
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (RESERVED.has(out)) out = `${out}_`;
  return out;
}
