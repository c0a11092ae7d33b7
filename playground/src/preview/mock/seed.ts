/**
 * Realistic fake rows made from the model's schemas with `@faker-js/faker` (seeded: the same seed gives the same
 * rows): formats, enums, limits, field-name hints, and foreign keys that point at rows seeded before them.
 *
 * @module
 */
import { base, en, Faker } from "@faker-js/faker";
import type { Entity, EntityModel, Schema } from "../../../../src/model/types.ts";
import type { SchemaIndex } from "./schema.ts";

/** A row of the mock database. */
export type Row = Record<string, unknown>;

/** Makes a seeded faker (English). */
export function makeFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}

/** What {@link fakeValue} needs besides the schema. */
export interface FakeContext {
  faker: Faker;
  index: SchemaIndex;
  /** The time rows are made at (date-times are before it). */
  now: Date;
}

const MAX_DEPTH = 4;

/** A value of `schema` for a field called `name` (the name picks a realistic generator when the schema allows). */
export function fakeValue(
  schema: Schema,
  name: string,
  ctx: FakeContext,
  depth = 0,
): unknown {
  const resolved = ctx.index.resolve(schema);
  const { faker } = ctx;
  switch (resolved.kind) {
    case "string":
      return fakeString(resolved, name, ctx);
    case "number":
      return fakeNumber(resolved, name, faker);
    case "boolean":
      return faker.datatype.boolean();
    case "enum": {
      const values = resolved.values.filter((v) => v !== null);
      return values.length ? faker.helpers.arrayElement(values) : null;
    }
    case "null":
      return null;
    case "array": {
      if (depth >= MAX_DEPTH) return [];
      const min = resolved.minItems ?? 0;
      const max = Math.max(min, Math.min(resolved.maxItems ?? 3, min + 3));
      const count = faker.number.int({ min, max });
      return Array.from(
        { length: count },
        () => fakeValue(resolved.items, singular(name), ctx, depth + 1),
      );
    }
    case "object":
    case "intersection": {
      if (depth >= MAX_DEPTH) return {};
      const out: Row = {};
      for (const p of ctx.index.properties(resolved)) {
        if (!p.required && faker.number.float() < 0.3) continue;
        put(out, p.name, fakeValue(p.schema, p.name, ctx, depth + 1));
      }
      return out;
    }
    case "union":
      return resolved.variants.length ? fakeValue(resolved.variants[0]!, name, ctx, depth + 1) : null;
    default:
      return faker.lorem.word();
  }
}

function singular(name: string): string {
  return name.replace(/s$/, "");
}

/** Sets an own property whatever its name ("__proto__" included). */
export function put(row: Row, key: string, value: unknown): void {
  Object.defineProperty(row, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function fakeString(
  schema: Extract<Schema, { kind: "string" }>,
  name: string,
  ctx: FakeContext,
): string {
  const { faker } = ctx;
  const format = (schema.format ?? "").toLowerCase();
  const byFormat: Record<string, () => string> = {
    uuid: () => faker.string.uuid(),
    email: () => faker.internet.email().toLowerCase(),
    "date-time": () => faker.date.recent({ days: 60, refDate: ctx.now }).toISOString(),
    date: () =>
      faker.date.recent({ days: 365, refDate: ctx.now }).toISOString().slice(
        0,
        10,
      ),
    time: () => faker.date.recent({ refDate: ctx.now }).toISOString().slice(11, 19),
    uri: () => faker.internet.url(),
    url: () => faker.internet.url(),
    hostname: () => faker.internet.domainName(),
    ipv4: () => faker.internet.ipv4(),
    ipv6: () => faker.internet.ipv6(),
    byte: () => btoa(faker.string.alphanumeric(12)),
    duration: () => `PT${faker.number.int({ min: 1, max: 23 })}H${faker.number.int({ min: 0, max: 59 })}M`,
    password: () => faker.internet.password({ length: 14 }),
  };
  const made = byFormat[format];
  if (made) return made();
  if (schema.pattern) {
    try {
      const value = faker.helpers.fromRegExp(schema.pattern);
      if (new RegExp(schema.pattern, "u").test(value)) {
        return fitLength(value, schema, faker);
      }
    } catch {
      // a pattern faker cannot expand: fall back to the field name
    }
  }
  return fitLength(stringByName(name, faker), schema, faker);
}

/** A realistic string for a field name (`email`, `phone`, `company`, …), or a few words. */
function stringByName(name: string, faker: Faker): string {
  const n = name.toLowerCase();
  if (n.includes("email")) return faker.internet.email().toLowerCase();
  if (n.includes("phone")) {
    return faker.phone.number({ style: "international" });
  }
  if (n === "first_name" || n === "firstname") return faker.person.firstName();
  if (n === "last_name" || n === "lastname") return faker.person.lastName();
  if (n.includes("company") || n.includes("organization")) {
    return faker.company.name();
  }
  if (n.includes("username") || n === "login" || n === "handle") {
    return faker.internet.username();
  }
  if (n.includes("city")) return faker.location.city();
  if (n.includes("country")) return faker.location.countryCode();
  if (n.includes("street") || n.includes("address")) {
    return faker.location.streetAddress();
  }
  if (n.includes("zip") || n.includes("postal")) {
    return faker.location.zipCode();
  }
  if (n.includes("currency")) return faker.finance.currencyCode();
  if (n === "sku" || n.endsWith("_code") || n === "code") {
    return faker.string.alphanumeric({ length: 8, casing: "upper" });
  }
  if (n === "number" || n.endsWith("_number")) {
    return `#${faker.string.numeric(6)}`;
  }
  if (n.includes("color") || n.includes("colour")) return faker.color.rgb();
  if (n.includes("url") || n.includes("link") || n.includes("website")) {
    return faker.internet.url();
  }
  if (n.includes("slug")) return faker.lorem.slug();
  if (
    n.includes("description") || n.includes("notes") || n.includes("comment") ||
    n.includes("body")
  ) {
    return faker.lorem.sentence();
  }
  if (n.includes("title") || n.includes("subject") || n.includes("summary")) {
    return faker.lorem.sentence({ min: 2, max: 5 }).replace(/\.$/, "");
  }
  if (n.includes("product") || n.includes("item")) {
    return faker.commerce.productName();
  }
  if (
    n === "name" || n.endsWith("_name") || n === "label" || n === "full_name" ||
    n === "display_name"
  ) {
    return faker.person.fullName();
  }
  return faker.lorem.words({ min: 1, max: 3 });
}

function fitLength(
  value: string,
  schema: { minLength?: number; maxLength?: number },
  faker: Faker,
): string {
  let out = value;
  const min = schema.minLength ?? 0;
  while (out.length < min) out += faker.string.alpha(min - out.length);
  if (schema.maxLength !== undefined && out.length > schema.maxLength) {
    out = out.slice(0, schema.maxLength);
  }
  return out;
}

function fakeNumber(
  schema: Extract<Schema, { kind: "number" }>,
  name: string,
  faker: Faker,
): number {
  const n = name.toLowerCase();
  const hint = n.includes("cents") || n.includes("price") || n.includes("amount") ||
      n.includes("total")
    ? [100, 50_000]
    : n.includes("quantity") || n.includes("stock") || n.includes("count") ||
        n.includes("qty")
    ? [0, 50]
    : n.includes("age")
    ? [18, 90]
    : [0, 1000];
  let min = schema.minimum ??
    (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
  let max = schema.maximum ??
    (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
  if (min === undefined) {
    min = max !== undefined ? Math.min(hint[0]!, max) : hint[0]!;
  }
  if (max === undefined) max = Math.max(min, hint[1]!);
  if (max < min) max = min;
  if (schema.integer || schema.multipleOf !== undefined) {
    const step = schema.multipleOf ?? 1;
    const low = Math.ceil(min / step);
    const high = Math.floor(max / step);
    const value = high >= low ? faker.number.int({ min: low, max: high }) * step : min;
    return schema.integer ? Math.round(value) : value;
  }
  return faker.number.float({ min, max, fractionDigits: 2 });
}

/** Entities ordered so that every belongsTo target comes before the entities pointing at it (cycles broken). */
export function seedOrder(model: EntityModel): Entity[] {
  const byName = new Map(model.entities.map((e) => [e.name, e]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Entity[] = [];
  const visit = (entity: Entity) => {
    if (done.has(entity.name) || visiting.has(entity.name)) return;
    visiting.add(entity.name);
    for (const rel of entity.relationships) {
      const target = byName.get(rel.target);
      if (rel.kind === "belongsTo" && target && target !== entity) {
        visit(target);
      }
    }
    visiting.delete(entity.name);
    done.add(entity.name);
    out.push(entity);
  };
  model.entities.forEach(visit);
  return out;
}
