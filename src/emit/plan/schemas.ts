/**
 * The schema plan: which schema declarations exist, their names, files and order, how `ref` nodes
 * resolve, and which declarations need an explicit type because TypeScript cannot infer them.
 *
 * Both the schema emitter and the client emitter read the same plan, so a name is decided once.
 *
 * @module
 */
import type { Entity, EntityModel, EnumSchema, NamedSchema, Property, Schema } from "../../model/types.ts";
import { FIXED_NAMES } from "../../names/reserved.ts";
import { portableFileStem } from "../../names/files.ts";
import { NameScope } from "../../names/scope.ts";
import { applyView, bodyObject, canonicalJson, type View } from "./views.ts";
import { identifier, isIdentifierName } from "../../names/identifiers.ts";

/** One exported `<Name>Schema` constant with its `<Name>` type. */
export interface Decl {
  /** Unique key within the plan (`named:Address`, `item:orders`, …). */
  key: string;
  /** A named schema, or one of an entity's own schemas. */
  role: "named" | "item" | "create" | "update";
  /** `OrderSchema`. */
  constName: string;
  /** `Order`. */
  typeName: string;
  /** Output path of the file that declares it, e.g. `schemas/order.schema.ts`. */
  file: string;
  /** The schema with its view applied. */
  schema: Schema;
  /** The side of the wire it describes. */
  view: View;
  /** Spec text for its JSDoc. */
  description?: string;
  /** Printed as `@deprecated`. */
  deprecated?: boolean;
  /** Top-level property name → its extracted enum (entity views only). */
  enums: Map<string, EnumDecl>;
  /**
   * In a reference cycle that passes outside an object property, or in a long one: declared with an explicit
   * type (`z.ZodType<T>`), since TypeScript cannot infer a type that depends on itself there (or gives up).
   */
  annotated: boolean;
}

/** An enum property of an entity, emitted as its own schema and type. */
export interface EnumDecl {
  /** `OrderStatusSchema`. */
  constName: string;
  /** `OrderStatus`. */
  typeName: string;
  /** Output path of the entity's schema file. */
  file: string;
  /** The enum without `null` (nullability stays on the property). */
  values: readonly (string | number | boolean)[];
}

/** The declarations of one schema file, in declaration order. */
export interface FilePlan {
  /** Output path, e.g. `schemas/order.schema.ts`. */
  path: string;
  /** Enum schemas, printed first. */
  enums: EnumDecl[];
  /** The other declarations, in the order they are printed. */
  decls: Decl[];
}

/** The declarations of one entity. */
export interface EntityDecls {
  /** The entity of the model. */
  entity: Entity;
  /** Output path of its schema file. */
  file: string;
  /** `OrderSchema`: the item as the server sends it. */
  item: Decl;
  /** `OrderCreateSchema`, when the entity has a create body. */
  create?: Decl;
  /** `OrderUpdateSchema`, when the entity has an update body. */
  update?: Decl;
  /** The client's type of list query parameters, e.g. `OrderListParams`. */
  listParams: string;
  /** The client's object of calls, e.g. `ordersApi`. */
  api: string;
}

/** Everything the emitters need to know about schema names and places. */
export interface SchemaPlan {
  /** The schema files, entity files first, then the shared file. */
  files: FilePlan[];
  /** Named schema name → the declaration a `ref` to it prints. */
  refs: Map<string, Decl>;
  /** Entity name → its declarations. */
  entities: Map<string, EntityDecls>;
  /** The model's named schemas by name. */
  named: Map<string, NamedSchema>;
  /** Name allocator with every schema name taken, for the client to continue. */
  names: NameScope;
}

/** A `ref` node found in a schema, and whether it is read when the module loads. */
export interface RefUse {
  /** The named schema's name. */
  name: string;
  /** Outside every object property, so not behind a getter. */
  eager: boolean;
  /** How many object properties it is inside: the getters TypeScript infers through to reach it. */
  getters: number;
}

/** How an object schema is printed, given its `additionalProperties`. */
export function objectMode(schema: { properties: Property[]; additionalProperties: Schema | boolean }):
  | "object"
  | "loose"
  | "record" {
  if (schema.properties.length === 0 && schema.additionalProperties !== false) return "record";
  return schema.additionalProperties === false ? "object" : "loose";
}

/**
 * The `ref` nodes the zod printer prints for `schema`, in order: an additional-properties schema
 * beside known properties is not printed (see {@link objectMode}), so its refs do not count.
 *
 * @example
 * ```ts
 * import { refUses } from "./schemas.ts";
 * refUses({ kind: "array", items: { kind: "ref", name: "Tag", pointer: "#/components/schemas/Tag" } }); // => [{ name: "Tag", eager: true, getters: 0 }]
 * ```
 */
export function refUses(schema: Schema, getters = 0, out: RefUse[] = []): RefUse[] {
  switch (schema.kind) {
    case "ref":
      out.push({ name: schema.name, eager: getters === 0, getters });
      break;
    case "array":
      refUses(schema.items, getters, out);
      break;
    case "union":
      for (const v of schema.variants) refUses(v, getters, out);
      break;
    case "intersection":
      for (const p of schema.parts) refUses(p, getters, out);
      break;
    case "object": {
      for (const p of schema.properties) refUses(p.schema, getters + 1, out);
      const mode = objectMode(schema);
      if (mode === "record" && typeof schema.additionalProperties !== "boolean") {
        refUses(schema.additionalProperties, getters, out);
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * Plans the schema declarations of a model.
 *
 * Names are taken in this order, each pair `<Name>` / `<Name>Schema` unique across all output:
 * the fixed names of the client, entity views (`Order`, `OrderCreate`, `OrderUpdate`), named schemas
 * (a named schema with an entity view's name and the same content is that view, not a second
 * declaration), then enum properties (`OrderStatus`). Clashes get a numeric suffix.
 *
 * @example
 * ```ts
 * import { planSchemas } from "./schemas.ts";
 * const plan = planSchemas({ title: "", version: "", openapi: "3.1.0", entities: [], operations: [],
 *   schemas: [{ name: "Money", sourceName: "Money", pointer: "", schema: { kind: "number", integer: false } }] });
 * plan.refs.get("Money")?.file; // => "schemas/shared.schema.ts"
 * ```
 */
export function planSchemas(model: EntityModel): SchemaPlan {
  const names = new NameScope(FIXED_NAMES);
  // case-insensitive: `Order` and `order` must not share a file on macOS or Windows
  const files = new NameScope(["index"], { ignoreCase: true });
  const named = new Map(model.schemas.map((s) => [s.name, s]));
  const entities = new Map<string, EntityDecls>();
  const refs = new Map<string, Decl>();
  const decls: Decl[] = [];

  const entityFile = new Map<string, string>();
  for (const entity of model.entities) {
    entityFile.set(
      entity.name,
      `schemas/${files.claim(portableFileStem(entity.names.fileSingular || "entity"))}.schema.ts`,
    );
  }
  const sharedFile = `schemas/${files.claim("shared")}.schema.ts`;

  // 1. Entity views, then the other names an entity owns (its client names, and the names later
  //    emitters give its relations), so that no named schema can take them.
  for (const entity of model.entities) {
    const file = entityFile.get(entity.name)!;
    const make = (role: Decl["role"], base: string, schema: Schema, view: View): Decl => {
      const name = names.claim(base, ["", "Schema"]);
      const decl: Decl = {
        key: `${role}:${entity.name}`,
        role,
        constName: `${name}Schema`,
        typeName: name,
        file,
        schema: applyView(notNull(schema), view),
        view,
        description: role === "item" ? entity.description ?? schema.description : schema.description,
        deprecated: schema.deprecated,
        enums: new Map(),
        annotated: false,
      };
      decls.push(decl);
      return decl;
    };
    const pascal = typeName(entity.names.pascal);
    const body = (schema: Schema) => bodyObject(schema, named) ?? schema;
    const { item, create, update } = entity.schemas;
    entities.set(entity.name, {
      entity,
      file,
      item: make("item", pascal, item, "item"),
      create: create && make("create", `${pascal}Create`, body(create), "create"),
      update: update && make("update", `${pascal}Update`, body(update), "update"),
      listParams: "",
      api: "",
    });
  }
  for (const decls of entities.values()) {
    const pascal = typeName(decls.entity.names.pascal);
    const camel = decls.entity.names.camelPlural;
    decls.listParams = names.claim(`${pascal}ListParams`);
    decls.api = names.claim(`${isIdentifierName(camel) ? camel : identifier(camel)}Api`);
    for (const suffix of ["Relations", "Include"]) names.claim(pascal + suffix);
  }

  // 2. Named schemas: one that is an entity's own schema (`entityRole`) is printed once, as that
  //    entity's declaration, and refs to it point there; the others are declared in their owner's file.
  for (const schema of model.schemas) {
    const owner = schema.owner === undefined ? undefined : entities.get(schema.owner);
    // (a nullable one stays a declaration of its own: its refs allow `null`, the entity's rows do not)
    const role = schema.entityRole && !schema.schema.nullable && owner?.[schema.entityRole];
    if (role) {
      refs.set(schema.name, role);
      continue;
    }
    const name = names.claim(typeName(schema.name), ["", "Schema"]);
    const decl: Decl = {
      key: `named:${schema.name}`,
      role: "named",
      constName: `${name}Schema`,
      typeName: name,
      file: owner?.file ?? sharedFile,
      schema: schema.schema,
      view: "neutral",
      description: schema.schema.description,
      deprecated: schema.schema.deprecated,
      enums: new Map(),
      annotated: false,
    };
    refs.set(schema.name, decl);
    decls.push(decl);
  }

  // 3. Enum properties of entity views, shared between views when name and values agree.
  const enums: EnumDecl[] = [];
  for (const { entity, file, item, create, update } of entities.values()) {
    const seen = new Map<string, EnumDecl>();
    for (const decl of [item, create, update]) {
      if (!decl || decl.schema.kind !== "object") continue;
      for (const prop of decl.schema.properties) {
        if (prop.schema.kind !== "enum") continue;
        const values = enumValues(prop.schema);
        if (values.length === 0) continue;
        const key = `${prop.name}\u0000${canonicalJson(values)}`;
        let found = seen.get(key);
        if (!found) {
          // as the model reserves it: `Order` + identifier(prop, "pascal")
          const name = names.claim(typeName(entity.names.pascal) + identifier(prop.name, "pascal"), ["", "Schema"]);
          found = { constName: `${name}Schema`, typeName: name, file, values };
          seen.set(key, found);
          enums.push(found);
        }
        decl.enums.set(prop.name, found);
      }
    }
  }

  const filePlans: FilePlan[] = [];
  const position = new Map<Decl, number>();
  // the refs of each declaration, walked once for both the order and the cycle check
  const uses = new Map<Decl, RefUse[]>();
  const usesOf = (decl: Decl) => {
    let list = uses.get(decl);
    if (!list) uses.set(decl, list = refUses(decl.schema));
    return list;
  };
  // each file's declarations and enums, in plan order (one pass, not one filter per file)
  const byFile = new Map<string, { named: Decl[]; views: Decl[]; enums: EnumDecl[] }>();
  const fileOf = (path: string) => {
    let entry = byFile.get(path);
    if (!entry) byFile.set(path, entry = { named: [], views: [], enums: [] });
    return entry;
  };
  for (const d of decls) (d.role === "named" ? fileOf(d.file).named : fileOf(d.file).views).push(d);
  for (const e of enums) fileOf(e.file).enums.push(e);
  for (const path of [...entityFile.values(), sharedFile]) {
    // Named schemas first (what entities build on), then each entity's item, create and update.
    const entry = fileOf(path);
    const own = [...entry.named, ...entry.views];
    const fileEnums = entry.enums;
    if (own.length === 0 && fileEnums.length === 0) continue;
    const ordered = declarationOrder(own, refs, usesOf);
    ordered.forEach((d, i) => position.set(d, i));
    filePlans.push({ path, enums: fileEnums, decls: ordered });
  }
  markAnnotated(decls, refs, usesOf, (from, to) => from.file === to.file && position.get(to)! < position.get(from)!);
  return { files: filePlans, refs, entities, named, names };
}

/**
 * A name from the model as a type name: kept when it is an identifier, made one otherwise (the model
 * promises identifier-safe names; this keeps a broken promise from breaking the output).
 *
 * @example
 * ```ts
 * import { typeName } from "./schemas.ts";
 * typeName("OrderItem"); // => "OrderItem"
 * typeName("order-item"); // => "OrderItem"
 * ```
 */
export function typeName(name: string): string {
  return isIdentifierName(name) ? name : identifier(name, "pascal");
}

/** The schema without its own `nullable`: an entity's row, or the body of a write, is never `null`. */
function notNull(schema: Schema): Schema {
  if (!schema.nullable) return schema;
  const { nullable: _, ...rest } = schema;
  return rest as Schema;
}

/** {@link enumValues} per enum node: its Zod expression and its type (twice for a create body) each need them. */
const ENUM_VALUES = new WeakMap<EnumSchema, readonly (string | number | boolean)[]>();

/** The distinct non-null values of an enum, in spec order (the same array for the same node: do not change it). */
export function enumValues(schema: EnumSchema): readonly (string | number | boolean)[] {
  let values = ENUM_VALUES.get(schema);
  if (values === undefined) {
    values = distinctValues(schema);
    ENUM_VALUES.set(schema, values);
  }
  return values;
}

function distinctValues(schema: EnumSchema): (string | number | boolean)[] {
  // Values compare as their JSON text. For a string, a boolean or a finite number the value itself
  // says the same (a Set keeps `1` and `"1"` apart, and `0` and `-0` together, as their JSON does),
  // without writing JSON for every value; anything else (non-finite numbers are JSON `null`) is
  // compared by its JSON, which no such value shares.
  const seen = new Set<unknown>();
  const other = new Set<string>();
  const out: (string | number | boolean)[] = [];
  for (const v of schema.values) {
    if (v === null) continue;
    const plain = typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
    const set = plain ? seen : other;
    const key = plain ? v : canonicalJson(v);
    if (set.has(key)) continue;
    set.add(key);
    out.push(v);
  }
  return out;
}

/** Orders a file's declarations so that a schema read at load time comes before its reader where possible. */
function declarationOrder(own: Decl[], refs: Map<string, Decl>, usesOf: (decl: Decl) => RefUse[]): Decl[] {
  const out: Decl[] = [];
  const state = new Map<Decl, "visiting" | "done">();
  const visit = (decl: Decl) => {
    if (state.has(decl)) return;
    state.set(decl, "visiting");
    for (const use of usesOf(decl)) {
      const target = refs.get(use.name);
      if (use.eager && target && target.file === decl.file && target !== decl) visit(target);
    }
    state.set(decl, "done");
    out.push(decl);
  };
  for (const decl of own) visit(decl);
  return out;
}

/**
 * The most getters TypeScript may have to infer through, from one declaration down its chain of inferred
 * declarations (around a cycle and on below it; a getter in an inline object in a getter counts twice). A longer
 * chain exceeds TypeScript's instantiation depth (TS2589, "excessively deep"): from about 14 getters in a plain ring
 * or chain, in cycles of 11 to 65 schemas in real APIs (Stripe, Azure, Microsoft Graph) and in chains without
 * cycles (AWS QuickSight). An annotated declaration (`z.ZodType<T>`) ends a chain.
 */
const MAX_INFERRED_DEPTH = 8;

/**
 * Marks the declarations of every strongly connected component of the reference graph that contains
 * a lazy eager edge: a `ref` outside every object property whose target is not declared before it in
 * the same file, so it is printed `z.lazy(() => X)`. TypeScript infers a cycle through getters, and
 * through direct references to earlier declarations, but not through `z.lazy` (TS7022/TS7024). Also
 * marks every component whose chain of inferred getters is longer than {@link MAX_INFERRED_DEPTH}.
 */
function markAnnotated(
  decls: Decl[],
  refs: Map<string, Decl>,
  usesOf: (decl: Decl) => RefUse[],
  ready: (from: Decl, to: Decl) => boolean,
): void {
  // `getters`: how deep the edge takes TypeScript's inference (a direct ref counts as one getter)
  const edges = new Map<Decl, { to: Decl; lazy: boolean; getters: number }[]>();
  for (const decl of decls) {
    const out: { to: Decl; lazy: boolean; getters: number }[] = [];
    for (const use of usesOf(decl)) {
      const to = refs.get(use.name);
      if (to) out.push({ to, lazy: use.eager && !ready(decl, to), getters: Math.max(1, use.getters) });
    }
    edges.set(decl, out);
  }
  // Tarjan's algorithm, iterative so that deep chains cannot overflow the stack. It completes a component after
  // every component it refers to, so their depths are known by then.
  const depth = new Map<Decl, number>();
  const index = new Map<Decl, number>();
  const low = new Map<Decl, number>();
  const onStack = new Set<Decl>();
  const stack: Decl[] = [];
  let counter = 0;
  for (const root of decls) {
    if (index.has(root)) continue;
    const work: { decl: Decl; next: number }[] = [{ decl: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const out = edges.get(frame.decl)!;
      if (frame.next < out.length) {
        const { to } = out[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ decl: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.decl, Math.min(low.get(frame.decl)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].decl;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.decl)!));
      }
      if (low.get(frame.decl) === index.get(frame.decl)) {
        const component = new Set<Decl>();
        let member: Decl;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.add(member);
        } while (member !== frame.decl);
        const lazyCycle = [...component].some((d) => edges.get(d)!.some((e) => e.lazy && component.has(e.to)));
        // the getters around the cycle (the deepest edge of each member within it), then the deepest way out
        let inferred = 0;
        let below = 0;
        for (const d of component) {
          let around = 0;
          for (const e of edges.get(d)!) {
            if (component.has(e.to)) around = Math.max(around, e.getters);
            else below = Math.max(below, e.getters + depth.get(e.to)!);
          }
          inferred += around;
        }
        const annotate = lazyCycle || inferred + below > MAX_INFERRED_DEPTH;
        for (const d of component) {
          d.annotated = annotate;
          depth.set(d, annotate ? 0 : inferred + below);
        }
      }
    }
  }
}
