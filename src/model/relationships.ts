/**
 * Relationships: belongsTo from foreign-key fields, hasMany as their inverse, with clash-free names.
 *
 * @module
 */
import { joinPointer } from "../spec/diagnostics.ts";
import { Inflector } from "../names/inflect.ts";
import type { SchemaConverter, SchemaSource } from "./schema.ts";
import type { Entity, GraphEdge, Property, Relationship, RelationshipGraph, Schema } from "./types.ts";

const FK_SUFFIX = /^(.+?)(?:_id|Id|ID|_uuid|Uuid)$/;

/** A foreign key found on one entity. */
interface ForeignKey {
  from: Entity;
  to: Entity;
  field: Property;
  /** The field's name without its id suffix: `customer`, `owner_user`, `parentTask`. */
  stem: string;
  camel: boolean;
  nullable: boolean;
  source: Relationship["source"];
}

/**
 * The stem of a field name that ends like a foreign key (`customer_id`, `parentTaskId`, `owner_uuid`), or
 * undefined (the table is in `relationships_test.ts`).
 *
 * @example
 * ```ts
 * import { foreignKeyStem } from "./relationships.ts";
 * foreignKeyStem("customer_id"); // => "customer"
 * foreignKeyStem("identity"); // => undefined
 * ```
 */
export function foreignKeyStem(name: string): string | undefined {
  return FK_SUFFIX.exec(name)?.[1];
}

/** Finds an entity by any of its names: `customers`, `customer`, `Customer`, `customer-list`. */
function entityFinder(entities: Entity[], inflect: Inflector): (text: string) => Entity | undefined {
  const index = new Map<string, Entity>();
  for (const e of entities) {
    for (const key of [e.name, e.singular, e.pascalName, e.names.camelPlural, e.names.filePlural]) {
      const k = inflect.snakeCase(key);
      if (k && !index.has(k)) index.set(k, e);
    }
  }
  return (text) => {
    const k = inflect.snakeCase(text);
    return index.get(k) ?? index.get(inflect.plural(k)) ?? index.get(inflect.singular(k));
  };
}

/** True when a field can hold a key: a string or integer (or a nullable one). */
function isScalarKey(schema: Schema, schemas: SchemaConverter): boolean {
  const s = schemas.deref(schema);
  return s.kind === "string" || s.kind === "number" || (s.kind === "union" && s.variants.every((v) => {
    const d = schemas.deref(v);
    return d.kind === "string" || d.kind === "number";
  }));
}

/**
 * The entity a field name points at: the whole stem, then ever shorter trailing parts
 * (`owner_user_id` → `owner_users`, then `users`; `parentTaskId` → `tasks`).
 */
function targetByName(
  stem: string,
  find: (t: string) => Entity | undefined,
  inflect: Inflector,
): Entity | undefined {
  const parts = inflect.snakeCase(stem).split("_").filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const e = find(parts.slice(i).join("_"));
    if (e) return e;
  }
  return undefined;
}

/**
 * Detects relationships between `entities` and stores them on each entity (`relationships`), belongsTo
 * first in field order, then hasMany in entity order. Returns the graph.
 */
export function detectRelationships(
  entities: Entity[],
  itemPointers: Map<Entity, string>,
  schemas: SchemaConverter,
  source: SchemaSource,
  inflect: Inflector = new Inflector(),
): RelationshipGraph {
  const find = entityFinder(entities, inflect);
  const keys: ForeignKey[] = [];
  for (const from of entities) {
    for (const field of from.schemas.item.properties) {
      if (field.name === from.primaryKey.name) continue;
      const ref = field.schema.reference ?? schemas.deref(field.schema).reference;
      const m = FK_SUFFIX.exec(field.name); // see foreignKeyStem
      const camel = /[a-z][A-Z]/.test(field.name) && !field.name.includes("_");
      let to: Entity | undefined;
      let origin: Relationship["source"] = "naming";
      if (ref) {
        to = find(ref.entity);
        origin = ref.source;
        if (!to) {
          source.warn(
            "model/unknown-entity",
            `${from.name}.${field.name} refers to entity ${JSON.stringify(ref.entity)}, which the spec does not have`,
            joinPointer(itemPointers.get(from) ?? from.pointer, "properties", field.name),
          );
          continue;
        }
      } else if (m && isScalarKey(field.schema, schemas)) {
        to = targetByName(m[1], find, inflect);
      }
      if (!to) continue;
      const stem = m ? m[1] : `${field.name}${camel ? to.pascalName : `_${to.singular}`}`;
      keys.push({ from, to, field, stem, camel, nullable: isNullable(field, schemas), source: origin });
    }
  }

  // belongsTo names: the stem; hasMany names: the source's plural, disambiguated by stem on a clash
  const taken = new Map<Entity, Set<string>>();
  const fieldsOf = (e: Entity) => {
    let set = taken.get(e);
    if (!set) {
      set = new Set(e.schemas.item.properties.map((p) => p.name));
      taken.set(e, set);
    }
    return set;
  };
  const claim = (e: Entity, name: string, camel: boolean): string => {
    const used = fieldsOf(e);
    let candidate = name;
    if (used.has(candidate)) candidate = camel ? `${name}Ref` : `${name}_ref`;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}${camel ? "" : "_"}${i}`;
    used.add(candidate);
    return candidate;
  };

  const belongs = new Map<ForeignKey, string>();
  for (const k of keys) belongs.set(k, claim(k.from, k.stem, k.camel));

  // count how many keys from one entity point at one target, to name the inverse sides
  const pairCount = new Map<string, number>();
  for (const k of keys) {
    pairCount.set(`${k.from.name}>${k.to.name}`, (pairCount.get(`${k.from.name}>${k.to.name}`) ?? 0) + 1);
  }
  const many = new Map<ForeignKey, string>();
  for (const to of entities) {
    for (const k of keys.filter((k) => k.to === to)) {
      const fromPlural = k.camel ? k.from.names.camelPlural : k.from.name;
      let base = fromPlural;
      const self = k.from === k.to;
      const shared = (pairCount.get(`${k.from.name}>${k.to.name}`) ?? 0) > 1;
      const canonical = inflect.snakeCase(k.stem) === inflect.snakeCase(to.singular);
      if (self && /^parent/i.test(k.stem)) base = "children";
      else if ((shared || self) && !canonical) {
        base = k.camel ? `${k.stem}${k.from.names.pascalPlural}` : `${inflect.snakeCase(k.stem)}_${k.from.name}`;
      }
      many.set(k, claim(to, base, k.camel));
    }
  }

  for (const k of keys) {
    k.from.relationships.push({
      name: belongs.get(k)!,
      kind: "belongsTo",
      target: k.to.name,
      foreignKey: k.field.name,
      nullable: k.nullable,
      source: k.source,
    });
  }
  for (const to of entities) {
    for (const k of keys.filter((k) => k.to === to)) {
      to.relationships.push({
        name: many.get(k)!,
        kind: "hasMany",
        target: k.from.name,
        foreignKey: k.field.name,
        nullable: k.nullable,
        source: k.source,
      });
    }
  }

  const edges: GraphEdge[] = keys.map((k) => ({
    from: k.from.name,
    to: k.to.name,
    kind: "belongsTo",
    name: belongs.get(k)!,
    inverseName: many.get(k)!,
    foreignKey: k.field.name,
    nullable: k.nullable,
  }));
  return {
    nodes: entities.map((e) => ({ id: e.name, label: e.pascalName, syncMode: e.syncMode })),
    edges,
  };
}

function isNullable(field: Property, schemas: SchemaConverter): boolean {
  return !field.required || field.schema.nullable === true || schemas.deref(field.schema).nullable === true;
}
