/**
 * Foreign-key evidence: which entity (and which of its fields) a field refers to.
 *
 * A field is linked only on evidence: an `x-` annotation, a name whose stem names an entity (or the last word of
 * one), a path parameter that names an entity's key (`area_id` where `/units/{area_id}` is the units item route), a
 * `$ref` to a component named like a key (`member_id`), or a description naming the entity (`owner_id`, "the user
 * who owns it"). The field's type must be able to hold the target's key.
 *
 * @module
 */
import { words } from "../names/identifiers.ts";
import type { Inflector } from "../names/inflect.ts";
import type { SchemaConverter } from "./schema.ts";
import type { Entity, Property, Relationship, Schema } from "./types.ts";

/** A field suffix that marks a reference; `_code` refers to a `code` field. */
const FK_SUFFIX = /^(.+?)(_id|Id|ID|_uuid|Uuid|_code|Code)$/;
/** Prefixes that say the id belongs to another system (`external_payment_id`, `provider_payment_id`). */
const FOREIGN_SYSTEM = /^(external|provider|remote|vendor|third_?party|gateway|stripe|paypal)(_|[A-Z])/i;
/** Stems that name a role, not an entity: linked only on evidence beyond the name (`owner_id`, "the user who…"). */
const ROLE_STEMS = new Set(["owner", "creator", "author", "assignee", "created_by", "updated_by", "modified_by"]);

/** A found reference. */
export interface FoundReference {
  to: Entity;
  /** The target's field the value refers to, when it is not the target's key. */
  targetField?: string;
  source: Relationship["source"];
  /** The stem the relationship is named after (`customer` for `customer_id`). */
  stem: string;
}

/** What the matcher knows about all entities. */
export interface ReferenceContext {
  entities: Entity[];
  find: (text: string) => Entity | undefined;
  schemas: SchemaConverter;
  inflect: Inflector;
  /** Item-route parameter name (snake_case) → entities whose item route uses it for their key. */
  keyParams: Map<string, Entity[]>;
  /** Last word of an entity's name (plural, snake) → the entities ending in it. */
  lastWords: Map<string, Entity[]>;
}

/** Builds the {@link ReferenceContext}: entity lookups by name, by item-route parameter and by last word. */
export function referenceContext(
  entities: Entity[],
  find: (text: string) => Entity | undefined,
  schemas: SchemaConverter,
  inflect: Inflector,
): ReferenceContext {
  const keyParams = new Map<string, Entity[]>();
  const lastWords = new Map<string, Entity[]>();
  const add = (map: Map<string, Entity[]>, key: string, e: Entity) => {
    const list = map.get(key) ?? [];
    if (!list.includes(e)) list.push(e);
    map.set(key, list);
  };
  for (const e of entities) {
    for (const op of [e.operations.get, e.operations.update, e.operations.delete]) {
      const params = op?.path.match(/\{[^{}]+\}/g);
      if (params) add(keyParams, inflect.snakeCase(params[params.length - 1].slice(1, -1)), e);
    }
    const parts = e.name.split("_");
    if (parts.length > 1) add(lastWords, parts[parts.length - 1], e);
  }
  return { entities, find, schemas, inflect, keyParams, lastWords };
}

/** The scalar kind of a schema: `string`, `number`, or undefined for anything that cannot hold a key. */
function scalarKind(schema: Schema, schemas: SchemaConverter): "string" | "number" | undefined {
  const s = schemas.deref(schema);
  if (s.kind === "string" || s.kind === "number") return s.kind;
  if (s.kind === "union") {
    const kinds = new Set(s.variants.map((v) => scalarKind(v, schemas)));
    if (kinds.size === 1) return [...kinds][0];
  }
  return undefined;
}

/**
 * True when a field of kind `kind` can hold the target field's values. Strings may carry numbers (many APIs send
 * integer ids as strings), but a number cannot hold a uuid or any other non-numeric string key.
 */
function compatible(field: Schema, target: Schema | undefined, schemas: SchemaConverter): boolean {
  if (schemas.deref(field).kind === "unknown") return true;
  const kind = scalarKind(field, schemas);
  if (!kind) return false;
  if (!target) return true;
  const t = schemas.deref(target);
  if (kind === "number" && t.kind === "string") return false;
  return true;
}

function propertyOf(e: Entity, name: string): Property | undefined {
  return e.schemas.item.properties.find((p) => p.name === name);
}

function keySchema(e: Entity): Schema | undefined {
  return propertyOf(e, e.primaryKey.name)?.schema;
}

/** The single entity of a list, if there is exactly one. */
function only(list: Entity[] | undefined): Entity | undefined {
  return list && list.length === 1 ? list[0] : undefined;
}

/**
 * The entity (and field) a field of `from` refers to, or undefined. Explicit annotations are handled by the caller;
 * this reads names, route parameters, typed `$ref`s and descriptions.
 */
export function referenceByEvidence(from: Entity, field: Property, ctx: ReferenceContext): FoundReference | undefined {
  const { schemas, inflect } = ctx;
  if (field.name === from.primaryKey.name) return undefined;
  // a field of no given type may hold a key when its name says so (`creator_id` from an example's null)
  const untyped = schemas.deref(field.schema).kind === "unknown";
  if (!scalarKind(field.schema, schemas) && !(untyped && FK_SUFFIX.test(field.name))) return undefined;
  const snake = inflect.snakeCase(field.name);

  const accept = (to: Entity, stem: string, targetField?: string): FoundReference | undefined => {
    const target = targetField ? propertyOf(to, targetField)?.schema : keySchema(to);
    if (!compatible(field.schema, target, schemas)) return undefined;
    if (to === from) {
      // an entity's own `<singular>_id` that is not its key is an alias (an id elsewhere), not a self-reference;
      // so is an id at another system
      if (inflect.snakeCase(stem) === inflect.snakeCase(from.singular)) return undefined;
      if (FOREIGN_SYSTEM.test(field.name)) return undefined;
    }
    const found: FoundReference = { to, source: "naming", stem };
    if (targetField && targetField !== to.primaryKey.name) found.targetField = targetField;
    return found;
  };

  // 1. a path parameter that is an entity's key: `area_id` where `/units/{area_id}` is the units item route
  // (only a reference-like name: `{name}`, `{code}` or `{slug}` as a key says nothing about other entities' fields)
  const byParam = FK_SUFFIX.test(field.name) ? only(ctx.keyParams.get(snake)) : undefined;
  if (byParam && byParam !== from) {
    const m = FK_SUFFIX.exec(field.name);
    const r = accept(byParam, m ? m[1] : field.name);
    if (r) return r;
  }

  // 2. a typed reference: a `$ref` to a component named like a key (`member_id`)
  if (field.schema.kind === "ref" && !FK_SUFFIX.test(field.name)) {
    const component = decodeURIComponent(field.schema.pointer.split("/").pop() ?? "");
    const m = FK_SUFFIX.exec(component);
    const to = m && ctx.find(m[1]);
    if (to) return accept(to, field.name);
  }

  const m = FK_SUFFIX.exec(field.name);
  if (!m) {
    // 3. a field named exactly as an entity whose key is a natural one (`eventType` → event_types by `name`); a
    // one-word name (`type`, `status`) is too common to say so
    const to = snake.includes("_") ? ctx.find(snake) : undefined;
    if (to && to !== from && !/^(_?id|uuid)$/.test(to.primaryKey.name) && inflect.singular(snake) === snake) {
      return accept(to, field.name);
    }
    return undefined;
  }
  const stem = m[1];
  const suffix = m[2].toLowerCase().replace(/^_/, "");
  const parts = inflect.snakeCase(stem).split("_").filter(Boolean);

  // 4. the stem, or a trailing part of it, names an entity (`owner_user_id` → users; `block_id` → document_blocks)
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join("_");
    const to = ctx.find(tail) ?? (i === parts.length - 1 ? only(ctx.lastWords.get(inflect.plural(tail))) : undefined);
    if (!to) continue;
    if (i === 0 && ROLE_STEMS.has(tail)) break;
    // the words before the entity's name may name the target's field: `lago_customer_id` → customers.lago_id
    const prefix = parts.slice(0, i);
    const viaPrefix = prefix.length > 0 ? `${prefix.join("_")}_${suffix}` : undefined;
    if (viaPrefix && propertyOf(to, viaPrefix)) return accept(to, stem, viaPrefix);
    if (suffix === "code") {
      if (to.primaryKey.name === "code" || propertyOf(to, "code")) return accept(to, stem, "code");
      continue;
    }
    return accept(to, stem, suffix === "uuid" && propertyOf(to, "uuid") ? "uuid" : undefined);
  }

  // 5. a compound key: the first words name an entity, the rest its field (`event_transaction_id` → events.transaction_id)
  for (let i = 1; i < parts.length; i++) {
    const to = ctx.find(parts.slice(0, i).join("_"));
    const rest = `${parts.slice(i).join("_")}_${suffix}`;
    if (to && propertyOf(to, rest)) return accept(to, stem, rest);
  }

  // 6. a role: `parent_id` is the entity's own parent; `owner_id`, `creator_id` name a person: the one entity its
  // description names ("the user who owns …"), else the spec's users
  if (parts.length === 1 && parts[0] === "parent") return accept(from, stem);
  if (ROLE_STEMS.has(parts.join("_"))) {
    const text = field.schema.description ?? schemas.deref(field.schema).description ?? "";
    const named = new Set<Entity>();
    for (const w of words(text)) {
      const e = w.length > 2 ? ctx.find(w.toLowerCase()) : undefined;
      if (e && e !== from) named.add(e);
    }
    const to = named.size === 1 ? [...named][0] : named.size === 0 ? ctx.find("users") : undefined;
    if (to) return accept(to, stem);
  }
  return undefined;
}
