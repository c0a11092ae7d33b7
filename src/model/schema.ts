/**
 * OpenAPI 3.0 / 3.1 schema objects → the {@link Schema} IR.
 *
 * Component schemas become named schemas referenced by `ref` nodes (converted once, so
 * recursion and reuse cost nothing); everything else is converted inline. 3.0 `nullable`,
 * 3.1 type arrays and `anyOf [X, null]` all become `nullable`; `allOf` of objects is merged.
 *
 * @module
 */
import { identifier } from "../names/identifiers.ts";
import { joinPointer, splitPointer } from "../spec/diagnostics.ts";
import { planPattern } from "./pattern.ts";
import type { NameScope } from "../names/scope.ts";
import type {
  ArraySchema,
  NamedSchema,
  ObjectSchema,
  Property,
  RefSchema,
  Schema,
  SchemaMeta,
  StringSchema,
} from "./types.ts";

/** What the converter needs from the spec stage. */
export interface SchemaSource {
  /** Follows a `$ref` chain; returns the target and its pointer, or undefined when it cannot be followed. */
  resolve(node: unknown, pointer: string): { value: unknown; pointer: string } | undefined;
  /** Records a warning at a pointer. */
  warn(code: string, message: string, pointer: string): void;
}

type Json = Record<string, unknown>;

const COMPONENTS = "/components/schemas/";
const UNION_KEYS = ["anyOf", "oneOf"] as const;
// JSON Schema keywords that only say where a subschema sits, left out of a derived name
const STRUCTURAL = new Set(["properties", "items", "allOf", "anyOf", "oneOf", "additionalProperties", "not", "$defs"]);

/**
 * The name of the component schema a pointer is, or is inside of: `Pet` for `/components/schemas/Pet`,
 * `Pet address` for `/components/schemas/Pet/properties/address`. A ref into the middle of a component is
 * named too, so it is converted once however often it is used (some specs do this thousands of times).
 */
function componentKey(pointer: string): string | undefined {
  if (!pointer.startsWith(COMPONENTS)) return undefined;
  const [name, ...inner] = splitPointer(pointer.slice(COMPONENTS.length - 1));
  if (name === undefined) return undefined;
  return [name, ...inner.filter((s) => !STRUCTURAL.has(s))].join(" ");
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Converts schema objects, one instance per generate() call.
 *
 * Names of component schemas are settled at the end ({@link SchemaConverter.finishNames}), once the
 * model knows which components are entity schemas; until then `ref` nodes carry the target's pointer.
 *
 * @example
 * ```ts
 * import { SchemaConverter } from "./schema.ts";
 * const source = { resolve: (v: unknown, p: string) => ({ value: v, pointer: p }), warn: () => {} };
 * const c = new SchemaConverter(source);
 * c.convert({ type: ["string", "null"] }, "/x"); // => { kind: "string", nullable: true }
 * ```
 */
export class SchemaConverter {
  #source: SchemaSource;
  #named = new Map<string, NamedSchema>(); // by component pointer, in first-reference order
  #refs = new Map<string, RefSchema[]>(); // ref nodes by target pointer, renamed by finishNames
  // Pointers being converted inline, innermost last, to cut cycles through refs that are no component.
  // A stack, not a set: only such a ref (rare) looks it up, while every node pushes and pops, and a
  // set would hash every pointer. A node below another has a longer pointer, so only a ref can meet
  // a pointer that is already on it.
  #inline: string[] = [];
  #shared = new Map<string, Schema>(); // see convertShared

  /** @param source the resolved document */
  constructor(source: SchemaSource) {
    this.#source = source;
  }

  /** The named schemas converted so far, in the order they were first referenced. */
  namedSchemas(): NamedSchema[] {
    return [...this.#named.values()];
  }

  /** The named schema for a component pointer, if converted. */
  named(pointer: string): NamedSchema | undefined {
    return this.#named.get(pointer);
  }

  /** Follows refs to the schema they name. */
  deref(schema: Schema): Schema {
    let s: Schema = schema;
    for (let i = 0; s.kind === "ref" && i < 64; i++) {
      const target = this.#named.get(s.pointer);
      if (!target) break;
      s = target.schema;
    }
    return s;
  }

  /** The object schema `schema` is or refers to, if any. */
  objectOf(schema: Schema): ObjectSchema | undefined {
    const s = this.deref(schema);
    return s.kind === "object" ? s : undefined;
  }

  /**
   * Names every component: `fixed` ones (entity schemas) first, then the rest in first-reference order,
   * each made unique through `names`; then points every `ref` node at its target's final name.
   */
  finishNames(
    names: NameScope,
    fixed: Map<string, { name: string; owner: string; role: "item" | "create" | "update" }>,
  ): void {
    for (const [pointer, f] of fixed) {
      const named = this.#named.get(pointer);
      if (!named) continue;
      named.name = f.name;
      named.owner = f.owner;
      named.entityRole = f.role;
    }
    for (const [pointer, named] of this.#named) {
      if (!fixed.has(pointer)) named.name = names.claim(identifier(named.sourceName, "pascal"));
      for (const ref of this.#refs.get(pointer) ?? []) ref.name = named.name;
    }
  }

  /** Converts a schema object found at `pointer`. */
  convert(node: unknown, pointer: string): Schema {
    if (isObject(node) && typeof node.$ref === "string") return this.#convertRef(node, pointer);
    if (!isObject(node)) {
      // `true` / `{}` mean anything; `false` means nothing can match, which we cannot type usefully
      return { kind: "unknown" };
    }
    this.#inline.push(pointer);
    try {
      return this.#convertObject(node, pointer);
    } finally {
      this.#inline.pop();
    }
  }

  /**
   * {@link SchemaConverter.convert} once per pointer, for schemas that many operations share (parameters of a
   * path item, component parameters): converting the same place again gives an equal tree, so later callers
   * get the first result. Only for places whose trees nothing compares by identity (the model compares
   * response schemas: those are converted per operation).
   */
  convertShared(node: unknown, pointer: string): Schema {
    let schema = this.#shared.get(pointer);
    if (schema === undefined) {
      schema = this.convert(node, pointer);
      this.#shared.set(pointer, schema);
    }
    return schema;
  }

  #convertRef(node: Json, pointer: string): Schema {
    const target = this.#source.resolve(node, pointer);
    const meta = metaOf(node);
    if (!target) return { kind: "unknown", ...meta };
    // a component converted before needs no key (most refs of a big spec)
    const known = this.#named.get(target.pointer);
    const key = known ? undefined : componentKey(target.pointer);
    if (!known && key === undefined) {
      if (this.#inline.includes(target.pointer)) return { kind: "unknown", ...meta };
      return withMeta(this.convert(target.value, target.pointer), meta);
    }
    const named = known ?? this.#namedFor(target.pointer, key!, target.value);
    const ref: RefSchema = { kind: "ref", name: named.name, pointer: target.pointer, ...meta };
    const list = this.#refs.get(target.pointer);
    if (list) list.push(ref);
    else this.#refs.set(target.pointer, [ref]);
    return ref;
  }

  #namedFor(pointer: string, key: string, value: unknown): NamedSchema {
    const existing = this.#named.get(pointer);
    if (existing) return existing;
    const sourceName = key;
    const named: NamedSchema = {
      name: identifier(sourceName, "pascal"),
      sourceName,
      pointer,
      schema: { kind: "unknown" },
    };
    this.#named.set(pointer, named); // before converting: a recursive ref finds it and stops
    named.schema = isObject(value) ? this.#convertObject(value, pointer) : { kind: "unknown" };
    return named;
  }

  #convertObject(node: Json, pointer: string): Schema {
    // The common paths (one type, an enum) build their node once and add the node's documentation and
    // flags to it (see addMeta): this runs for every schema node of the spec. Keys keep the order the
    // object spreads of earlier versions gave them, since the model is compared as JSON.
    let nullable = node.nullable === true;

    if (Array.isArray(node.allOf) && node.allOf.length > 0) {
      return withMeta(this.#convertAllOf(node, pointer), { ...metaOf(node), ...(nullable ? { nullable } : {}) });
    }

    for (const key of UNION_KEYS) {
      const list = node[key];
      if (!Array.isArray(list) || list.length === 0) continue;
      const variants: Schema[] = [];
      list.forEach((v, i) => {
        const s = this.convert(v, joinPointer(pointer, key, i));
        if (s.kind === "null") nullable = true;
        else variants.push(s);
      });
      const base: Schema = variants.length === 0
        ? { kind: "null" }
        : variants.length === 1
        ? variants[0]
        : { kind: "union", variants: dedupe(variants) };
      // sibling `properties` beside a oneOf: keep the union; its members carry their own shape
      return withMeta(base, { ...metaOf(node), ...(nullable && base.kind !== "null" ? { nullable: true } : {}) });
    }

    if ("const" in node) return addMeta<Schema>({ kind: "enum", values: [jsonScalar(node.const)] }, node, false);

    // the type, or the types when there are several (3.1 type arrays); "null" among them means nullable
    let type: string | undefined;
    let types: string[] | undefined;
    if (typeof node.type === "string") {
      if (node.type === "null") nullable = true;
      else type = node.type;
    } else if (Array.isArray(node.type)) {
      let list = node.type.filter((t): t is string => typeof t === "string");
      if (list.includes("null")) {
        nullable = true;
        list = list.filter((t) => t !== "null");
      }
      if (list.length === 1) type = list[0];
      else if (list.length > 1) types = list;
    }

    if (Array.isArray(node.enum)) {
      const values = node.enum.map(jsonScalar);
      const hasNull = values.includes(null);
      const rest = dedupeValues(values.filter((v) => v !== null));
      if (rest.length === 0) return addMeta<Schema>({ kind: "null" }, node, false);
      return addMeta<Schema>({ kind: "enum", values: rest }, node, hasNull || nullable);
    }

    if (types !== undefined) {
      const variants = types.map((t) => this.#convertTyped({ ...node, type: t }, t, pointer, undefined, false));
      return addMeta<Schema>({ kind: "union", variants }, node, nullable);
    }
    if (type === undefined) {
      if (isObject(node.properties) || node.additionalProperties !== undefined) type = "object";
      else if (node.items !== undefined) type = "array";
      else {return nullable && Object.keys(node).length === 1
          ? { kind: "null" }
          : addMeta<Schema>({ kind: "unknown" }, node, false);}
    }
    return this.#convertTyped(node, type, pointer, node, nullable);
  }

  /** Warns about a pattern the emitted Zod leaves out or compiles without the `u` flag (see pattern.ts). */
  #checkPattern(pattern: string, pointer: string): void {
    const plan = planPattern(pattern);
    if (plan.kind === "unicode") return;
    const at = joinPointer(pointer, "pattern");
    if (plan.kind === "legacy") this.#source.warn("model/pattern-not-unicode", `Pattern ${plan.reason}`, at);
    else this.#source.warn(plan.code, `Pattern left out of validation: ${plan.reason}`, at);
  }

  /** One typed node; `metaFrom` is the node whose documentation and flags it carries (none for a variant of a type array). */
  #convertTyped(node: Json, type: string, pointer: string, metaFrom: Json | undefined, nullable: boolean): Schema {
    const meta = <T extends Schema>(out: T): T => metaFrom === undefined ? out : addMeta(out, metaFrom, nullable);
    switch (type) {
      case "string": {
        const out: StringSchema = { kind: "string" };
        if (typeof node.format === "string") out.format = node.format;
        const minLength = bound(node.minLength);
        if (minLength !== undefined) out.minLength = minLength;
        const maxLength = bound(node.maxLength);
        if (maxLength !== undefined) out.maxLength = maxLength;
        if (typeof node.pattern === "string") {
          out.pattern = node.pattern;
          this.#checkPattern(node.pattern, pointer);
        }
        return meta(out);
      }
      case "integer":
      case "number": {
        // 3.0 boolean exclusiveMinimum/Maximum modify minimum/maximum; 3.1 gives the bound itself
        const out: Schema = meta({ kind: "number", integer: type === "integer" });
        if (typeof node.minimum === "number") {
          if (node.exclusiveMinimum === true) out.exclusiveMinimum = node.minimum;
          else out.minimum = node.minimum;
        }
        if (typeof node.maximum === "number") {
          if (node.exclusiveMaximum === true) out.exclusiveMaximum = node.maximum;
          else out.maximum = node.maximum;
        }
        if (typeof node.exclusiveMinimum === "number") out.exclusiveMinimum = node.exclusiveMinimum;
        if (typeof node.exclusiveMaximum === "number") out.exclusiveMaximum = node.exclusiveMaximum;
        if (typeof node.multipleOf === "number" && node.multipleOf > 0) out.multipleOf = node.multipleOf;
        return out;
      }
      case "boolean":
        return meta({ kind: "boolean" });
      case "null":
        return meta({ kind: "null" });
      case "array": {
        const out: ArraySchema = {
          kind: "array",
          items: node.items === undefined
            ? { kind: "unknown" }
            : this.convert(node.items, joinPointer(pointer, "items")),
        };
        const minItems = bound(node.minItems);
        if (minItems !== undefined) out.minItems = minItems;
        const maxItems = bound(node.maxItems);
        if (maxItems !== undefined) out.maxItems = maxItems;
        return meta(out);
      }
      case "object":
        return meta(this.#convertProperties(node, pointer));
      default:
        this.#source.warn("schema/unknown-type", `Unknown schema type ${JSON.stringify(type)}`, pointer);
        return meta({ kind: "unknown" });
    }
  }

  #convertProperties(node: Json, pointer: string): ObjectSchema {
    const required: unknown[] = Array.isArray(node.required) ? node.required : [];
    // a set only pays for a long list: most objects require a few properties, or none
    const requiredSet = required.length > 16 ? new Set(required) : undefined;
    const properties: Property[] = [];
    const props = node.properties;
    if (isObject(props)) {
      const base = joinPointer(pointer, "properties");
      for (const name of Object.keys(props)) {
        const schema = this.convert(props[name], joinPointer(base, name));
        properties.push({ name, schema, required: requiredSet ? requiredSet.has(name) : required.includes(name) });
      }
    }
    let additionalProperties: Schema | boolean = !isObject(node.properties);
    if (node.additionalProperties === false) additionalProperties = false;
    else if (node.additionalProperties === true) additionalProperties = true;
    else if (isObject(node.additionalProperties)) {
      additionalProperties = Object.keys(node.additionalProperties).length === 0
        ? true
        : this.convert(node.additionalProperties, joinPointer(pointer, "additionalProperties"));
    }
    return { kind: "object", properties, additionalProperties };
  }

  #convertAllOf(node: Json, pointer: string): Schema {
    const parts: Schema[] = (node.allOf as unknown[]).map((p, i) => this.convert(p, joinPointer(pointer, "allOf", i)));
    const { allOf: _, ...rest } = node;
    if (isObject(rest.properties) || rest.type === "object" || isObject(rest.additionalProperties)) {
      parts.push(this.#convertProperties(rest, pointer));
    }
    if (parts.length === 1) return parts[0];
    // merge when every part is an object (following refs); otherwise keep an intersection
    const objects = parts.map((p) => this.objectOf(p));
    if (objects.every((o): o is ObjectSchema => o !== undefined)) {
      const byName = new Map<string, Property>();
      let additional: Schema | boolean = true;
      for (const o of objects) {
        for (const p of o.properties) {
          const prev = byName.get(p.name);
          byName.set(p.name, prev ? { ...p, required: prev.required || p.required } : p);
        }
        if (o.additionalProperties === false) additional = false;
      }
      return { kind: "object", properties: [...byName.values()], additionalProperties: additional };
    }
    return { kind: "intersection", parts };
  }
}

function metaOf(node: Json): SchemaMeta {
  return addMeta({}, node, false);
}

/**
 * Adds the documentation and flags of a spec node to `out` (a node being built, which has none of them
 * yet), then `nullable` when set: in the order of the keys of {@link metaOf}.
 */
function addMeta<T extends SchemaMeta>(out: T, node: Json, nullable: boolean): T {
  // FastAPI `title`s merely repeat the property name, so only `description` becomes documentation
  const text = typeof node.description === "string" ? node.description : undefined;
  if (text) out.description = text;
  if (node.readOnly === true) out.readOnly = true;
  if (node.writeOnly === true) out.writeOnly = true;
  if (node.deprecated === true) out.deprecated = true;
  if ("default" in node && node.default !== undefined) out.default = node.default;
  const rel = node["x-relationship"];
  const ui = node["x-ui-reference"];
  if (isObject(rel) && typeof rel.entity === "string" && rel.type !== "hasMany") {
    out.reference = { entity: rel.entity, source: "x-relationship" };
  } else if (typeof rel === "string") out.reference = { entity: rel, source: "x-relationship" };
  else if (isObject(ui) && typeof ui.entity === "string") {
    out.reference = { entity: ui.entity, source: "x-ui-reference" };
  }
  if (nullable) out.nullable = true;
  return out;
}

function withMeta(schema: Schema, meta: SchemaMeta): Schema {
  const out: Schema = { ...schema };
  const target = out as SchemaMeta;
  if (meta.description !== undefined && target.description === undefined) target.description = meta.description;
  if (meta.nullable && !target.nullable) target.nullable = true;
  if (meta.readOnly) target.readOnly = true;
  if (meta.writeOnly) target.writeOnly = true;
  if (meta.deprecated) target.deprecated = true;
  if (meta.default !== undefined && target.default === undefined) target.default = meta.default;
  if (meta.reference && !target.reference) target.reference = meta.reference;
  return out;
}

/** A length or count bound: a finite number that is not negative. */
function bound(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined;
}

function jsonScalar(v: unknown): string | number | boolean | null {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return JSON.stringify(v) ?? null;
}

function dedupeValues<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function dedupe(variants: Schema[]): Schema[] {
  const seen = new Set<string>();
  return variants.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
