/**
 * Prints a schema node as a TypeScript type, one line: for client parameters and bodies, and for
 * the explicit types of schemas in a reference cycle that Zod's getters cannot carry.
 *
 * The type is the one Zod infers for the expression {@link zodExpression} prints (optional
 * properties as `key?: T | undefined`), so that `z.ZodType<T>` annotations hold.
 *
 * @module
 */
import type { NamedSchema, Property, Schema } from "../../model/types.ts";
import { enumValues, objectMode } from "../plan/schemas.ts";
import { propertyKey, valueLiteral } from "./writer.ts";
import { defaultFits, INHERITED } from "./zod.ts";

/** What the type printer needs from its caller. */
export interface TsContext {
  /** The type name for the named schema `name`. */
  ref(name: string): string;
  /** The extracted enum type for a top-level property, if any. */
  enumFor?(property: Property): string | undefined;
  /**
   * The expression prints `.default(…)` (a create body, {@link ZodContext.defaults}): a property with a default
   * that fits is optional on the `input` side and always there on the `output` side, as Zod infers it.
   */
  defaults?: {
    side: "input" | "output";
    named: ReadonlyMap<string, NamedSchema>;
    /** Set when a property's default decided whether it is optional: else both sides print the same type. */
    used?: boolean;
  };
}

/**
 * A TypeScript type for `schema`.
 *
 * @example
 * ```ts
 * import { tsType } from "./ts_type.ts";
 * const ctx = { ref: (n: string) => n };
 * tsType({ kind: "enum", values: ["a", "b"], nullable: true }, ctx); // => '"a" | "b" | null'
 * tsType({ kind: "array", items: { kind: "ref", name: "Tag", pointer: "#/components/schemas/Tag" } }, ctx); // => "Array<Tag>"
 * ```
 */
export function tsType(schema: Schema, ctx: TsContext): string {
  return print(schema, ctx, 0).text;
}

interface Printed {
  text: string;
  /** A union or intersection at the top, which needs parentheses inside another one. */
  compound: boolean;
}

function print(schema: Schema, ctx: TsContext, depth: number): Printed {
  const base = printBase(schema, ctx, depth);
  const nullable = schema.nullable === true && schema.kind !== "null" && schema.kind !== "unknown" &&
    !(schema.kind === "enum" && schema.values.includes(null));
  if (!nullable || base.text === "null") return base;
  return { text: `${paren(base)} | null`, compound: true };
}

function paren(p: Printed): string {
  return p.compound ? `(${p.text})` : p.text;
}

function printBase(node: Schema, ctx: TsContext, depth: number): Printed {
  switch (node.kind) {
    case "string":
      return { text: "string", compound: false };
    case "number":
      return { text: "number", compound: false };
    case "boolean":
      return { text: "boolean", compound: false };
    case "null":
      return { text: "null", compound: false };
    case "enum": {
      const distinct = enumValues(node);
      const values: readonly (string | number | boolean | null)[] =
        node.values.includes(null) || (node.nullable && distinct.length === 0) ? [...distinct, null] : distinct;
      if (values.length === 0) return { text: "never", compound: false };
      return { text: values.map(valueLiteral).join(" | "), compound: values.length > 1 };
    }
    case "array":
      return { text: `Array<${print(node.items, ctx, depth + 1).text}>`, compound: false };
    case "object": {
      const mode = objectMode(node);
      const index = mode === "record"
        ? typeof node.additionalProperties === "boolean"
          ? "unknown"
          : print(node.additionalProperties, ctx, depth + 1).text
        : mode === "loose"
        ? "unknown"
        : undefined;
      const members = node.properties.map((p) => {
        const enumType = depth === 0 ? ctx.enumFor?.(p) : undefined;
        const type = enumType !== undefined
          ? enumType +
            (p.schema.nullable || (p.schema.kind === "enum" && p.schema.values.includes(null)) ? " | null" : "")
          : print(p.schema, ctx, depth + 1).text;
        const defaulted = ctx.defaults !== undefined && !(INHERITED.has(p.name) && !p.required) &&
          p.schema.default !== undefined && defaultFits(p.schema.default, p.schema, ctx.defaults.named);
        if (defaulted) ctx.defaults!.used = true;
        const required = defaulted ? ctx.defaults!.side === "output" : p.required;
        return required ? `${propertyKey(p.name)}: ${type}` : `${propertyKey(p.name)}?: ${type} | undefined`;
      });
      if (index !== undefined) members.push(`[key: string]: ${index}`);
      return { text: members.length ? `{ ${members.join("; ")} }` : "{ [key: string]: never }", compound: false };
    }
    case "union": {
      if (node.variants.length === 0) return { text: "never", compound: false };
      const parts = node.variants.map((v) => print(v, ctx, depth + 1));
      if (parts.length === 1) return parts[0];
      return { text: parts.map(paren).join(" | "), compound: true };
    }
    case "intersection": {
      if (node.parts.length === 0) return { text: "unknown", compound: false };
      const parts = node.parts.map((v) => print(v, ctx, depth + 1));
      if (parts.length === 1) return parts[0];
      return { text: parts.map(paren).join(" & "), compound: true };
    }
    case "ref":
      return { text: ctx.ref(node.name), compound: false };
    case "unknown":
      return { text: "unknown", compound: false };
    default: {
      const _never: never = node;
      throw new Error(`Unhandled schema kind: ${JSON.stringify(_never)}`);
    }
  }
}
