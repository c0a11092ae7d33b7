/**
 * Relationships: belongsTo from foreign-key fields, hasMany as their inverse, with clash-free names.
 *
 * @module
 */
import { joinPointer } from "../spec/diagnostics.ts";
import type { RelationshipOverrides } from "./config_apply.ts";
import { referenceByEvidence, referenceContext } from "./foreign_keys.ts";
import { Inflector } from "../names/inflect.ts";
import type { SchemaConverter, SchemaSource } from "./schema.ts";
import type { Entity, GraphEdge, Property, Relationship, RelationshipGraph, Schema, SchemaMeta } from "./types.ts";

const FK_SUFFIX = /^(.+?)(?:_id|Id|ID|_uuid|Uuid|_code|Code)$/;

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
  /** The target's field the key refers to, when it is not the target's primary key. */
  targetField?: string;
}

/**
 * The stem of a field name that ends like a foreign key (`customer_id`, `parentTaskId`, `owner_uuid`, `plan_code`), or
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
  overrides?: RelationshipOverrides,
): RelationshipGraph {
  const byName = entityFinder(entities, inflect);
  // a name the config replaced still finds the entity (an `x-relationship` in the spec uses the spec's name)
  const find = (text: string): Entity | undefined => {
    const found = byName(text);
    if (found || !overrides?.renamed.size) return found;
    const k = inflect.snakeCase(text);
    const renamed = overrides.renamed.get(k) ?? overrides.renamed.get(inflect.plural(k));
    return renamed === undefined ? undefined : byName(renamed);
  };
  const ctx = referenceContext(entities, find, schemas, inflect);
  const keys: ForeignKey[] = [];
  for (const from of entities) {
    for (const field of [...from.schemas.item.properties, ...listOnlyFields(from, schemas)]) {
      if (field.name === from.primaryKey.name) continue;
      // the config removes or adds a relationship on this field, over any annotation or guess
      const removal = overrides?.remove.get(`${from.name}.${field.name}`);
      if (removal) {
        removal();
        continue;
      }
      const added = overrides?.add.get(`${from.name}.${field.name}`);
      const ref = added ? { entity: added.target, source: "config" as const } : annotation(from, field, schemas);
      const m = FK_SUFFIX.exec(field.name); // see foreignKeyStem
      const camel = /[a-z][A-Z]/.test(field.name) && !field.name.includes("_");
      let to: Entity | undefined;
      let origin: Relationship["source"] = "naming";
      let targetField: string | undefined;
      let stem = m?.[1];
      if (ref) {
        to = find(ref.entity);
        origin = ref.source;
        if (to && added) {
          added.hit();
          if (added.targetField) targetField = added.targetField;
        }
        if (!to) {
          source.warn(
            "model/unknown-entity",
            `${from.name}.${field.name} refers to entity ${JSON.stringify(ref.entity)}, which the spec does not have`,
            joinPointer(itemPointers.get(from) ?? from.pointer, "properties", field.name),
          );
          continue;
        }
      } else {
        const found = referenceByEvidence(from, field, ctx);
        if (!found) continue;
        to = found.to;
        targetField = found.targetField;
        stem = found.stem === field.name ? undefined : found.stem;
      }
      stem ??= `${field.name}${camel ? to.pascalName : `_${to.singular}`}`;
      const key: ForeignKey = { from, to, field, stem, camel, nullable: isNullable(field, schemas), source: origin };
      if (targetField) key.targetField = targetField;
      keys.push(key);
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
  // the keys into each entity, in key order (a filter over all keys per entity is quadratic on big specs)
  const keysTo = new Map<Entity, ForeignKey[]>();
  for (const k of keys) {
    const list = keysTo.get(k.to);
    if (list) list.push(k);
    else keysTo.set(k.to, [k]);
  }
  const many = new Map<ForeignKey, string>();
  for (const to of entities) {
    for (const k of keysTo.get(to) ?? []) {
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
      ...(k.targetField ? { targetField: k.targetField } : {}),
      nullable: k.nullable,
      source: k.source,
    });
  }
  for (const to of entities) {
    for (const k of keysTo.get(to) ?? []) {
      to.relationships.push({
        name: many.get(k)!,
        kind: "hasMany",
        target: k.from.name,
        foreignKey: k.field.name,
        ...(k.targetField ? { targetField: k.targetField } : {}),
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
    ...(k.targetField ? { targetField: k.targetField } : {}),
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

/**
 * An explicit annotation of a field: on the item schema, else on the create or update schema's field of that name
 * (`x-relationship` is often written only where the client sends the key).
 */
function annotation(from: Entity, field: Property, schemas: SchemaConverter): SchemaMeta["reference"] {
  const own = field.schema.reference ?? schemas.deref(field.schema).reference;
  if (own) return own;
  for (const body of [from.schemas.create, from.schemas.update]) {
    const twin = body && schemas.objectOf(body)?.properties.find((p) => p.name === field.name);
    const ref = twin && (twin.schema.reference ?? schemas.deref(twin.schema).reference);
    if (ref) return ref;
  }
  return undefined;
}

/**
 * Fields of the list's rows that the item schema lacks (a get that answers `{id, href}` while the list rows carry
 * `user_id`): the collection is filled from the list, so its rows have them.
 */
function listOnlyFields(e: Entity, schemas: SchemaConverter): Property[] {
  const list = e.operations.list;
  let node: Schema | undefined = list?.response?.schema && schemas.deref(list.response.schema);
  if (!node) return [];
  for (const key of list!.listWrapper === undefined ? [] : [...(list!.listWrapperParents ?? []), list!.listWrapper]) {
    const prop: Property | undefined = node.kind === "object" ? node.properties.find((p) => p.name === key) : undefined;
    node = prop && schemas.deref(prop.schema);
    if (!node) return [];
  }
  const rows = node.kind === "array" ? schemas.objectOf(node.items) : undefined;
  if (!rows || rows === e.schemas.item) return [];
  const own = new Set(e.schemas.item.properties.map((p) => p.name));
  return rows.properties.filter((p) => !own.has(p.name));
}
