/**
 * Reading the model's schemas the way the mock backend needs them: refs resolved, objects flattened.
 *
 * @module
 */
import type { Entity, EntityModel, ObjectSchema, Operation, Property, Schema } from "../../../../src/model/types.ts";

/** Refs of a model resolved by pointer (and by name, for refs made before pointers were recorded). */
export class SchemaIndex {
  readonly #byPointer = new Map<string, Schema>();
  readonly #byName = new Map<string, Schema>();

  constructor(model: EntityModel) {
    for (const named of model.schemas) {
      this.#byPointer.set(named.pointer, named.schema);
      this.#byName.set(named.name, named.schema);
    }
  }

  /** `schema` with refs followed (at most 20 hops, so a ref cycle ends). */
  resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; current.kind === "ref" && hops < 20; hops++) {
      const target = this.#byPointer.get(current.pointer) ??
        this.#byName.get(current.name);
      if (!target) return { kind: "unknown" };
      // a nullable ref keeps its nullability on the target
      current = current.nullable ? { ...target, nullable: true } as Schema : target;
    }
    return current;
  }

  /** The properties of an object-like schema (allOf parts merged), or `[]`. */
  properties(schema: Schema | undefined): Property[] {
    if (!schema) return [];
    const resolved = this.resolve(schema);
    if (resolved.kind === "object") return resolved.properties;
    if (resolved.kind === "intersection") {
      return resolved.parts.flatMap((part) => this.properties(part));
    }
    if (resolved.kind === "union") {
      return this.properties(resolved.variants.find((v) => this.isObject(v)));
    }
    return [];
  }

  /** The schema is an object (after refs). */
  isObject(schema: Schema): boolean {
    const resolved = this.resolve(schema);
    return resolved.kind === "object" || resolved.kind === "intersection";
  }
}

/** The item's properties by name. */
export function itemFields(entity: Entity): Map<string, Property> {
  return new Map(entity.schemas.item.properties.map((p) => [p.name, p]));
}

/** The list parameters the mock understands, found the way the generator's list plan finds them. */
export interface ListParams {
  limit?: string;
  offset?: string;
  sort?: string;
  direction?: string;
  /** Query parameter → field, for parameters that take several values. */
  in: Map<string, string>;
  /** Query parameter → field, for equality filters. */
  eq: Map<string, string>;
  /** A free-text parameter (`search`, `q`, `query`) that is no field. */
  search?: string;
}

const SORT_PARAMS = [
  "sort",
  "sort_by",
  "sortBy",
  "order_by",
  "orderBy",
  "ordering",
];
const DIRECTION_PARAMS = [
  "order",
  "sort_order",
  "sortOrder",
  "sort_dir",
  "sortDir",
  "direction",
  "dir",
];
const SEARCH_PARAMS = ["search", "q", "query", "filter"];

/** How the mock reads the list operation's query parameters. */
export function listParams(
  entity: Entity,
  op: Operation,
  index: SchemaIndex,
): ListParams {
  const fields = itemFields(entity);
  const out: ListParams = { in: new Map(), eq: new Map() };
  for (const param of op.queryParams) {
    const schema = index.resolve(param.schema);
    const name = param.name;
    if (fields.has(name) && schema.kind !== "array") {
      out.eq.set(name, name);
    } else if (name === "limit" && schema.kind === "number") out.limit = name;
    else if (
      (name === "offset" || name === "skip") && schema.kind === "number"
    ) out.offset = name;
    else if (SORT_PARAMS.includes(name)) out.sort = name;
    else if (DIRECTION_PARAMS.includes(name)) out.direction = name;
    else if (SEARCH_PARAMS.includes(name)) out.search = name;
    else if (schema.kind === "array") {
      const field = fields.has(name) ? name : [name.replace(/(__in|_in|s)$/, ""), name.replace(/(__in|_in)$/, "")]
        .find((f) => f && fields.has(f));
      if (field) out.in.set(name, field);
    }
  }
  if (!out.sort) out.direction = undefined;
  return out;
}

/** The object schema of an entity's create body, or undefined when it has none or it is no object. */
export function createProperties(
  entity: Entity,
  index: SchemaIndex,
): Property[] {
  return index.properties(entity.schemas.create);
}

/** The item schema, for callers that want the object itself. */
export function itemSchema(entity: Entity): ObjectSchema {
  return entity.schemas.item;
}
