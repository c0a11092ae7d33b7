/**
 * A fast path for YAML text: `js-yaml` (about 20× faster than `yaml` on the sales spec) for the value of a plain
 * document, with `yaml`'s core-schema rules, so that the value is the one `yaml` would give.
 *
 * It answers only for text where the two libraries agree by construction: no anchors or aliases (so no alias
 * guard is needed and the value is a tree), no explicit tags, no `<<` merge keys, no directives, no complex
 * (collection) keys, no flow-collection end at the start of a line (where `yaml` warns). For anything else, and for
 * any text `js-yaml` refuses, it returns `undefined`, and the caller parses with `yaml`, which gives the errors and
 * warnings with their places. The checks on the text are conservative: a false alarm (such as `, {` in a
 * description) only costs the slow path.
 *
 * @module
 */
// @ts-types="@types/js-yaml"
import jsYaml from "js-yaml";

type JsYamlLoadOptions = NonNullable<Parameters<typeof jsYaml.load>[1]>;
type JsYamlType = InstanceType<typeof jsYaml.Type>;

/** A plain scalar that a core-schema rule resolved: kept with its source, so that as a key it stays its source. */
class PlainScalar {
  constructor(readonly source: string, readonly value: unknown) {}
  /** `js-yaml` turns a key into a string with this (when the class has a `Symbol.toStringTag`). */
  toString(): string {
    return this.source;
  }
  get [Symbol.toStringTag](): string {
    return "PlainScalar";
  }
}

/** A core-schema type of `yaml` 2 (`yaml/dist/schema/core`), as a `js-yaml` implicit type. */
function coreType(tag: string, test: RegExp, resolve: (source: string) => unknown): JsYamlType {
  return new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (data: unknown) => typeof data === "string" && test.test(data),
    construct: (data: string) => new PlainScalar(data, resolve(data)),
  });
}

const OCT = /^0o[0-7]+$/;
const DEC = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// The same tests and resolutions as `yaml`'s core schema. One type per tag: js-yaml keeps only the last type of a
// tag, so the int and float forms share a type each.
const CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    coreType("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
    coreType("bool", /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === "t" || s[0] === "T"),
    coreType(
      "int",
      new RegExp(`${OCT.source}|${DEC.source}|${HEX.source}`),
      (s) => OCT.test(s) ? parseInt(s.substring(2), 8) : DEC.test(s) ? parseInt(s, 10) : parseInt(s.substring(2), 16),
    ),
    coreType(
      "float",
      new RegExp(`${NAN_INF.source}|${EXP.source}|${FLOAT.source}`),
      (s) =>
        NAN_INF.test(s)
          ? (s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity)
          : parseFloat(s),
    ),
  ],
});

/**
 * Whether text goes to the slow path: a directive line, a `<<` (merge key), a flow end (`]`, `}`) first on a line
 * (`yaml` warns there), an explicit tag (`!` starting a word), and a place where a complex key could start: `? `, or
 * a flow collection followed by `:` on its line, first on a line (after `- `) or after `[`, `{`, `,`. Anchors are
 * caught while parsing (see {@link fastYamlValue}). One pass over the lines (a multi-line regular expression with
 * these alternatives took 0.3 ms on the sales spec).
 */
function needsYaml(text: string): boolean {
  if (text.includes("<<") || FLOW_COMPLEX_KEY.test(text)) return true;
  for (let bang = text.indexOf("!"); bang !== -1; bang = text.indexOf("!", bang + 1)) {
    if (bang === 0 || /[\s[{,]/.test(text[bang - 1])) return true;
  }
  for (let start = 0; start < text.length;) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let i = start;
    while (text.charCodeAt(i) === 32) i++;
    if (text[i] === "\t") return true; // a tab in the indentation: let `yaml` judge
    if (i === start && text[i] === "%") return true;
    if (text[i] === "]" || text[i] === "}") return true;
    while (text[i] === "-" && (text[i + 1] === " " || text[i + 1] === "\t")) {
      i++;
      while (text[i] === " " || text[i] === "\t") i++;
    }
    const c = text[i];
    if (c === "?" && (i + 1 >= end || /[ \t\r]/.test(text[i + 1]))) return true;
    if ((c === "[" || c === "{") && FLOW_THEN_COLON.test(text.slice(i, end))) return true;
    start = end + 1;
  }
  return false;
}

/** A complex key inside a flow collection: `?`, or a flow collection followed by `:`, after `[`, `{` or `,`. */
const FLOW_COMPLEX_KEY = /[[{,][ \t]*(?:\?(?:[ \t]|$)|[[{][^\n]*[\]}][ \t]*:)/m;
/** A flow collection that ends on its line and is followed by `:` (a key). */
const FLOW_THEN_COLON = /[\]}][ \t]*:/;

/**
 * The value of YAML text as `yaml` (core schema, string keys) would give it, or `undefined` when the text needs
 * `yaml` itself (see the module's documentation).
 *
 * @example
 * ```ts
 * import { fastYamlValue } from "./yaml_fast.ts";
 * fastYamlValue("a: 1\nb: [x, 0x1F, ~]\n"); // => { a: 1, b: ["x", 31, null] }
 * fastYamlValue("a: &x 1\nb: *x\n"); // => undefined
 * ```
 */
export function fastYamlValue(text: string): unknown {
  if (needsYaml(text)) return undefined;
  let special = false;
  const options: JsYamlLoadOptions = {
    schema: CORE_SCHEMA,
    // Called as each node closes: an anchor (so maybe aliases), or an explicit tag, needs `yaml`.
    listener(event, state) {
      if (event !== "close") return;
      const { anchor, tag } = state as unknown as { anchor: string | null; tag: string | null };
      if (anchor !== null || (tag !== null && tag !== "?" && !isCoreTag(tag))) special = true;
    },
  };
  let value: unknown;
  try {
    value = jsYaml.load(text, options);
  } catch {
    return undefined;
  }
  if (special) return undefined;
  return unwrap(value);
}

function isCoreTag(tag: string): boolean {
  return tag === "tag:yaml.org,2002:null" || tag === "tag:yaml.org,2002:bool" || tag === "tag:yaml.org,2002:int" ||
    tag === "tag:yaml.org,2002:float";
}

/** Thrown by {@link unwrap} for a key `yaml` would read differently (an empty key, a collection key). */
const SLOW = Symbol("slow");

/** Replaces each {@link PlainScalar} by its value, in place (the value is a tree: no anchors); `undefined` if a key needs `yaml`. */
function unwrap(root: unknown): unknown {
  try {
    return unwrapNode(root);
  } catch (e) {
    if (e === SLOW) return undefined;
    throw e;
  }
}

function unwrapNode(node: unknown): unknown {
  if (node instanceof PlainScalar) return node.value;
  if (node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = unwrapNode(node[i]);
    return node;
  }
  const map = node as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    // `null` is what js-yaml makes of an empty key (`yaml` gives ""); `[object Object]`, of a map key.
    if (key === "null" || key === "[object Object]") throw SLOW;
    const value = unwrapNode(map[key]);
    // An own `__proto__` property (as js-yaml and `yaml` make it), not the prototype.
    if (key === "__proto__") {
      Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
    } else map[key] = value;
  }
  return map;
}
