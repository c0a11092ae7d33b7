/**
 * Prints a schema node as a Zod 4 expression, as lines (the first unindented, the rest indented
 * relative to it), so that callers can place it anywhere.
 *
 * Recursion: an object property whose schema contains a `ref` is a getter
 * (`get parent() { return CategorySchema.nullable(); }`), which Zod reads lazily and TypeScript
 * infers lazily; a `ref` outside every property goes through {@link ZodContext.ref} with `eager`,
 * which prints `z.lazy(() => XSchema)` where the target may not be initialized yet.
 *
 * @module
 */
import type { NamedSchema, Property, Schema } from "../../model/types.ts";
import { planPattern } from "../../model/pattern.ts";
import { enumValues, objectMode } from "../plan/schemas.ts";
import { jsdoc, objectKey, stringLiteral, valueLiteral } from "./writer.ts";

/** What the printer needs from its caller. */
export interface ZodContext {
  /** An expression for the named schema `name`; `eager` when it is read as the module loads. */
  ref(name: string, eager: boolean): string;
  /**
   * Check the spec's value constraints: formats of free text (email, url, …), lengths, patterns,
   * ranges and item counts. On for what the client sends, off for what the server sends.
   */
  strict: boolean;
  /** Print `.default(…)` for property defaults that fit their schema (create bodies only). */
  defaults: boolean;
  /** Print properties that contain a `ref` as getters (off where every ref is already initialized). */
  getters: boolean;
  /** The extracted enum constant for a top-level property, if any. */
  enumFor?(property: Property): string | undefined;
  /** Named schemas, to check defaults through `ref` nodes. */
  named: ReadonlyMap<string, NamedSchema>;
}

/** Members of Object.prototype that a plain JSON object inherits (`__proto__` aside, which Zod skips). */
export const INHERITED: ReadonlySet<string> = new Set([
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

const INDENT = "  ";
const DEPRECATED: readonly string[] = ["@deprecated"];
const MAX_LINE = 100;

/** String formats that say what a value is; checked in every view (lenient where servers are sloppy). */
const TYPE_FORMATS: Record<string, string> = {
  uuid: "z.guid()",
  "date-time": "z.iso.datetime({ offset: true, local: true })",
  date: "z.iso.date()",
};

/** String formats of free text; checked only where {@link ZodContext.strict} is on. */
const STRICT_FORMATS: Record<string, string> = {
  email: "z.email()",
  uri: "z.url()",
  url: "z.url()",
  ipv4: "z.ipv4()",
  ipv6: "z.ipv6()",
  time: "z.iso.time()",
  duration: "z.iso.duration()",
  byte: "z.base64()",
};

/**
 * A Zod 4 expression for `schema`, as lines.
 *
 * @example
 * ```ts
 * import { zodExpression } from "./zod.ts";
 * const ctx = { ref: (n: string) => `${n}Schema`, strict: false, defaults: false, getters: true, named: new Map() };
 * zodExpression({ kind: "array", items: { kind: "string", format: "uuid" } }, ctx); // => ["z.array(z.guid())"]
 * ```
 */
export function zodExpression(schema: Schema, ctx: ZodContext): string[] {
  return print(schema, ctx, true, 0);
}

/** True when `schema` (not looking through refs) prints a `ref`. */
function containsRef(schema: Schema): boolean {
  switch (schema.kind) {
    case "ref":
      return true;
    case "array":
      return containsRef(schema.items);
    case "union":
      return schema.variants.some(containsRef);
    case "intersection":
      return schema.parts.some(containsRef);
    case "object":
      return schema.properties.some((p) => containsRef(p.schema)) ||
        (objectMode(schema) === "record" && typeof schema.additionalProperties !== "boolean" &&
          containsRef(schema.additionalProperties));
    default:
      return false;
  }
}

function print(schema: Schema, ctx: ZodContext, eager: boolean, depth: number): string[] {
  const base = printBase(schema, ctx, eager, depth);
  return isNullable(schema) ? append(base, ".nullable()") : base;
}

/** `null` is allowed besides the node's values, and the node's own expression does not already say so. */
function isNullable(schema: Schema): boolean {
  if (schema.kind === "null" || schema.kind === "unknown") return false;
  if (schema.kind === "enum") {
    // (any value but null: enumValues() would be non-empty, without building it for every print of the node)
    return (schema.nullable === true || schema.values.includes(null)) && schema.values.some((v) => v !== null);
  }
  return schema.nullable === true;
}

function printBase(node: Schema, ctx: ZodContext, eager: boolean, depth: number): string[] {
  switch (node.kind) {
    case "string":
      return [stringExpr(node, ctx)];
    case "number": {
      let out = node.integer ? "z.number().int()" : "z.number()";
      if (ctx.strict) {
        out += bound("min", node.minimum) + bound("max", node.maximum) + bound("gt", node.exclusiveMinimum) +
          bound("lt", node.exclusiveMaximum) +
          (node.multipleOf !== undefined && node.multipleOf > 0 ? bound("multipleOf", node.multipleOf) : "");
      }
      return [out];
    }
    case "boolean":
      return ["z.boolean()"];
    case "null":
      return ["z.null()"];
    case "enum": {
      const values = enumValues(node);
      if (values.length === 0) return [node.values.includes(null) || node.nullable ? "z.null()" : "z.never()"];
      return [enumExpression(values)];
    }
    case "array": {
      const inner = print(node.items, ctx, eager, depth + 1);
      let out = wrap("z.array(", inner, ")");
      if (ctx.strict) out = append(out, bound("min", node.minItems) + bound("max", node.maxItems));
      return out;
    }
    case "object":
      return objectExpr(node, ctx, eager, depth);
    case "union": {
      if (node.variants.length === 0) return ["z.never()"];
      if (node.variants.length === 1) return print(node.variants[0], ctx, eager, depth + 1);
      return list("z.union([", node.variants.map((v) => print(v, ctx, eager, depth + 1)), "])");
    }
    case "intersection": {
      if (node.parts.length === 0) return ["z.unknown()"];
      let out = print(node.parts[0], ctx, eager, depth + 1);
      for (const part of node.parts.slice(1)) {
        out = list("z.intersection(", [out, print(part, ctx, eager, depth + 1)], ")");
      }
      return out;
    }
    case "ref":
      return [ctx.ref(node.name, eager)];
    case "unknown":
      return ["z.unknown()"];
    default: {
      const _never: never = node;
      throw new Error(`Unhandled schema kind: ${JSON.stringify(_never)}`);
    }
  }
}

/**
 * `z.enum([...])` for strings, `z.literal(v)` for one value, a union of literals otherwise.
 *
 * @example
 * ```ts
 * import { enumExpression } from "./zod.ts";
 * enumExpression(["a", "b"]); // => 'z.enum(["a", "b"])'
 * enumExpression([1, "a"]); // => 'z.union([z.literal(1), z.literal("a")])'
 * ```
 */
export function enumExpression(values: readonly (string | number | boolean)[]): string {
  if (values.length === 1) return `z.literal(${valueLiteral(values[0])})`;
  if (values.every((v) => typeof v === "string")) return `z.enum([${values.map(valueLiteral).join(", ")}])`;
  return `z.union([${values.map((v) => `z.literal(${valueLiteral(v)})`).join(", ")}])`;
}

function bound(method: string, value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "" : `.${method}(${valueLiteral(value)})`;
}

function stringExpr(node: Extract<Schema, { kind: "string" }>, ctx: ZodContext): string {
  const format = node.format ?? "";
  let out = Object.hasOwn(TYPE_FORMATS, format)
    ? TYPE_FORMATS[format]
    : ctx.strict && Object.hasOwn(STRICT_FORMATS, format)
    ? STRICT_FORMATS[format]
    : "z.string()";
  if (!ctx.strict) return out;
  out += bound("min", node.minLength) + bound("max", node.maxLength);
  if (node.pattern !== undefined) out += patternCheck(node.pattern);
  return out;
}

/**
 * The `.regex(…)` call for a schema's `pattern`: compiled with the `u` flag (JSON Schema's Unicode semantics) when
 * it is valid under it, without it otherwise, and left out when it does not compile or could backtrack
 * catastrophically (the model warns about each of those). The pattern is a string literal from the writer, so no
 * slash, line terminator or bidi control in it can end or reorder the code around it.
 *
 * @example
 * ```ts
 * import { patternCheck } from "./zod.ts";
 * patternCheck("^\\p{L}+$"); // => '.regex(new RegExp("^\\\\p{L}+$", "u"))'
 * patternCheck("^(a+)+$"); // => ""
 * ```
 */
export function patternCheck(pattern: string): string {
  const plan = planPattern(pattern);
  if (plan.kind === "dropped") return "";
  return `.regex(new RegExp(${stringLiteral(pattern)}${plan.kind === "unicode" ? ', "u"' : ""}))`;
}

function objectExpr(
  node: Extract<Schema, { kind: "object" }>,
  ctx: ZodContext,
  eager: boolean,
  depth: number,
): string[] {
  const mode = objectMode(node);
  if (mode === "record") {
    const value = typeof node.additionalProperties === "boolean"
      ? ["z.unknown()"]
      : print(node.additionalProperties, ctx, eager, depth + 1);
    if (value.length === 1) return wrap("z.record(z.string(), ", value, ")");
    // deno fmt hugs a last argument only when it is an object literal or a function: one argument per line
    const lines = ["z.record(", INDENT + "z.string(),", ...value.map((l) => (l === "" ? l : INDENT + l))];
    lines[lines.length - 1] += ",";
    lines.push(")");
    return lines;
  }
  const open = mode === "loose" ? "z.looseObject({" : "z.object({";
  if (node.properties.length === 0) return [`${open}})`];
  const out = [open];
  for (const prop of node.properties) {
    for (const line of property(prop, ctx, depth)) out.push(INDENT + line);
  }
  out.push("})");
  return out;
}

function property(prop: Property, ctx: ZodContext, depth: number): string[] {
  const schema = prop.schema;
  const enumConst = depth === 0 ? ctx.enumFor?.(prop) : undefined;
  let expr: string[];
  if (enumConst !== undefined) {
    expr = [isNullable(schema) ? `${enumConst}.nullable()` : enumConst];
  } else {
    expr = print(schema, ctx, false, depth + 1);
  }
  const inherited = INHERITED.has(prop.name) && !prop.required;
  if (inherited) {
    // Zod 4 tests presence with `key in input` and reads `input[key]`, so an absent `constructor`
    // arrives as Object.prototype.constructor: map exactly that value to undefined.
    const guard =
      `z.custom<undefined>((value) => value === Reflect.get(Object.prototype, ${stringLiteral(prop.name)}))` +
      ".transform(() => undefined)";
    expr = list("z.union([", [expr, [guard]], "])");
  }
  if (
    ctx.defaults && !inherited && schema.default !== undefined && defaultFits(schema.default, schema, ctx.named)
  ) {
    // Zod hands out a shallow copy of a value default, so a flat array or object is fresh as a value, which
    // TypeScript also types against the schema (in `() => [...]` it widens `["a"]` to `string[]`: TS2769 on an
    // array of enum values); a nested one is made fresh by a function
    const literal = valueLiteral(schema.default);
    const nested = schema.default !== null && typeof schema.default === "object" &&
      Object.values(schema.default).some((v) => v !== null && typeof v === "object");
    expr = append(expr, nested ? `.default(() => (${literal}))` : `.default(${literal})`);
  } else if (!prop.required) {
    expr = append(expr, ".optional()");
  }
  const out = jsdoc(schema.description, "", schema.deprecated ? DEPRECATED : []);
  const key = objectKey(prop.name);
  if (ctx.getters && containsRef(schema)) {
    out.push(`get ${key}() {`);
    for (const line of wrap(`${INDENT}return `, indentRest(expr), ";")) out.push(line);
    out.push("},");
    return out;
  }
  for (const line of wrap(`${key}: `, expr, ",")) out.push(line);
  return out;
}

/**
 * True when a spec default can stand in `.default(…)` of the schema's Zod type: a sloppy default
 * (a string for a number, an unknown key, a missing required key) is left out rather than break the
 * type check of the output.
 *
 * @example
 * ```ts
 * import { defaultFits } from "./zod.ts";
 * defaultFits("a", { kind: "enum", values: ["a", "b"] }, new Map()); // => true
 * defaultFits("", { kind: "number", integer: true }, new Map()); // => false
 * ```
 */
export function defaultFits(
  value: unknown,
  schema: Schema,
  named: ReadonlyMap<string, NamedSchema>,
  depth = 0,
): boolean {
  if (depth > 32) return false;
  if (value === null) {
    if (schema.nullable || schema.kind === "null" || schema.kind === "unknown") return true;
    if (schema.kind === "enum") return schema.values.includes(null);
  }
  switch (schema.kind) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value) && (!schema.integer || Number.isInteger(value));
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return false;
    case "enum":
      return value !== null && schema.values.includes(value as string);
    case "array":
      return Array.isArray(value) && value.every((v) => defaultFits(v, schema.items, named, depth + 1));
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      if (Object.hasOwn(record, "__proto__")) return false;
      const mode = objectMode(schema);
      const known = new Map(schema.properties.map((p) => [p.name, p]));
      for (const p of schema.properties) {
        if (p.required && !Object.hasOwn(record, p.name)) return false;
      }
      return Object.entries(record).every(([k, v]) => {
        const p = known.get(k);
        if (p) return defaultFits(v, p.schema, named, depth + 1);
        if (mode === "object") return false;
        if (mode === "record" && typeof schema.additionalProperties !== "boolean") {
          return defaultFits(v, schema.additionalProperties, named, depth + 1);
        }
        return true;
      });
    }
    case "union":
      return schema.variants.some((v) => defaultFits(value, v, named, depth + 1));
    case "intersection":
      return false;
    case "ref": {
      const target = named.get(schema.name);
      return target !== undefined && defaultFits(value, target.schema, named, depth + 1);
    }
    case "unknown":
      return true;
    default: {
      const _never: never = schema;
      return _never;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Line helpers: an expression is lines whose first line is unindented and whose other lines are
// indented relative to it. Every printer returns a new array that its caller owns, so the helpers
// change the array they are given instead of copying it at each level of nesting.

function append(lines: string[], suffix: string): string[] {
  if (suffix !== "") lines[lines.length - 1] += suffix;
  return lines;
}

function wrap(prefix: string, body: string[], suffix: string): string[] {
  body[0] = prefix + body[0];
  body[body.length - 1] += suffix;
  return body;
}

function indentRest(lines: string[]): string[] {
  for (let i = 1; i < lines.length; i++) if (lines[i] !== "") lines[i] = INDENT + lines[i];
  return lines;
}

function list(open: string, items: string[][], close: string): string[] {
  if (items.every((i) => i.length === 1)) {
    const one = open + items.map((i) => i[0]).join(", ") + close;
    if (one.length <= MAX_LINE) return [one];
  }
  const out = [open];
  for (const item of items) {
    const lines = append(item, ",");
    for (const l of lines) out.push(INDENT + l);
  }
  out.push(close);
  return out;
}
