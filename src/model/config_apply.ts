/**
 * Applying the config file to the model stages: operations before grouping (filters, slot mappings, names), entities
 * after grouping (include/exclude, key check, sync mode, channel, decision sources), relationships at detection.
 *
 * @module
 */
import { joinPointer } from "../spec/diagnostics.ts";
import { CRUD_KINDS } from "./crud.ts";
import { type ConfigSlot, type ConfigTracker, matchesPattern } from "./config.ts";
import type { Inflector } from "../names/inflect.ts";
import type { RawOperation } from "./paths.ts";
import type { Entity } from "./types.ts";

const SLOT_SHAPE: Record<ConfigSlot, RawOperation["shape"]> = {
  list: "collection",
  create: "collection",
  get: "item",
  update: "item",
  delete: "item",
};

/** The final name of an entity the config knows by `name` (its own `name` when it renames it). */
export function configuredName(tracker: ConfigTracker, name: string, inflect: Inflector): string {
  const rename = tracker.config.entities?.[name]?.name;
  return rename ? inflect.plural(inflect.snakeCase(rename)) : name;
}

/**
 * Applies the config to the operations read from the spec, before they are grouped: drops excluded paths and tags
 * (or keeps only included ones), maps operations to the CRUD slots the config names, and renames entities.
 * Returns the operations that remain, in the same order.
 */
export function configureOperations(raws: RawOperation[], tracker: ConfigTracker, inflect: Inflector): RawOperation[] {
  const { config } = tracker;
  const listed = (kind: "include" | "exclude", what: "paths" | "tags", raw: RawOperation): boolean => {
    let any = false;
    config[kind]?.[what]?.forEach((pattern, i) => {
      const hit = what === "paths" ? matchesPattern(pattern, raw.path) : raw.tags.includes(pattern);
      if (hit) {
        tracker.hit(joinPointer("", kind, what, i));
        any = true;
      }
    });
    return any;
  };
  const includes = (what: "paths" | "tags") => (config.include?.[what]?.length ?? 0) > 0;
  const kept = raws.filter((raw) => {
    if (includes("paths") && !listed("include", "paths", raw)) return false;
    if (includes("tags") && !listed("include", "tags", raw)) return false;
    // evaluate both, so that each matching pattern is marked
    const byPath = listed("exclude", "paths", raw);
    const byTag = listed("exclude", "tags", raw);
    return !byPath && !byTag;
  });

  for (const [name, e] of Object.entries(config.entities ?? {})) {
    const at = joinPointer("", "entities", name);
    const finalName = configuredName(tracker, name, inflect);
    for (const [slot, wanted] of Object.entries(e.operations ?? {}) as [ConfigSlot, string][]) {
      const raw = kept.find((r) => operationMatches(r, wanted));
      if (!raw) continue;
      tracker.hit(joinPointer(at, "operations", slot));
      tracker.hit(at);
      raw.entity = finalName;
      raw.shape = SLOT_SHAPE[slot];
      raw.actionSegments = [];
      raw.infrastructure = false;
      raw.configSlot = slot;
    }
    for (const raw of kept) {
      if (raw.entity !== name) continue;
      tracker.hit(at);
      raw.entity = finalName;
    }
  }
  return kept;
}

/** True when `wanted` names the operation: its operationId, or `METHOD /path` (method in any case). */
function operationMatches(raw: RawOperation, wanted: string): boolean {
  if (typeof raw.op.operationId === "string" && raw.op.operationId === wanted) return true;
  const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(wanted);
  return !!m && m[1].toLowerCase() === raw.method && m[2] === raw.path;
}

/** Entity name → the key field the config names (by the entity's final name). */
export function configuredKeys(tracker: ConfigTracker, inflect: Inflector): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [name, e] of Object.entries(tracker.config.entities ?? {})) {
    if (e.key) keys.set(configuredName(tracker, name, inflect), e.key);
  }
  return keys;
}

/**
 * Applies the config to the grouped entities: excluded (or not included) entities leave the model (their operations
 * become plain functions: the returned `dropped`), and per entity the key is checked and sync mode and channel set.
 * Fills every entity's decision sources.
 */
export function configureEntities(
  entities: Entity[],
  tracker: ConfigTracker,
  inflect: Inflector,
  explicitName: (e: Entity) => boolean,
  declaredSync: (e: Entity) => boolean,
): { entities: Entity[]; dropped: Entity[] } {
  const { config } = tracker;
  const byFinalName = new Map<string, [string, NonNullable<typeof config.entities>[string]]>();
  for (const [name, e] of Object.entries(config.entities ?? {})) {
    byFinalName.set(configuredName(tracker, name, inflect), [name, e]);
  }
  const inList = (kind: "include" | "exclude", e: Entity): boolean => {
    let any = false;
    config[kind]?.entities?.forEach((n, i) => {
      if (n === e.name || configuredName(tracker, n, inflect) === e.name) {
        tracker.hit(joinPointer("", kind, "entities", i));
        any = true;
      }
    });
    return any;
  };
  const including = (config.include?.entities?.length ?? 0) > 0;
  const kept: Entity[] = [];
  const dropped: Entity[] = [];
  for (const entity of entities) {
    const included = !including || inList("include", entity);
    const excluded = inList("exclude", entity);
    if (!included || excluded) {
      dropped.push(entity);
      continue;
    }
    const entry = byFinalName.get(entity.name);
    const at = entry ? joinPointer("", "entities", entry[0]) : undefined;
    const own = entry?.[1];
    if (at) tracker.hit(at);
    const decisions: NonNullable<Entity["decisions"]> = {
      name: own?.name ? "config" : explicitName(entity) ? "extension" : "heuristic",
      key: "heuristic",
      syncMode: declaredSync(entity) ? "extension" : "heuristic",
      channel: entity.channel !== undefined ? "extension" : "heuristic", // x-broadcast-channel, read by the model
      operations: {},
    };
    if (own?.key && entity.primaryKey.name === own.key && at) {
      tracker.hit(joinPointer(at, "key"));
      decisions.key = "config";
    }
    if (own?.syncMode) {
      entity.syncMode = own.syncMode;
      decisions.syncMode = "config";
    }
    if (own?.channel) {
      entity.channel = own.channel;
      decisions.channel = "config";
    }
    for (const slot of CRUD_KINDS) {
      const op = entity.operations[slot];
      if (!op) continue;
      const configured = own?.operations?.[slot];
      decisions.operations[slot] = configured !== undefined && matchesOperation(op, configured)
        ? "config"
        : "heuristic";
    }
    entity.decisions = decisions;
    kept.push(entity);
  }
  return { entities: kept, dropped };
}

function matchesOperation(op: { id: string; method: string; path: string }, wanted: string): boolean {
  if (op.id === wanted) return true;
  const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(wanted);
  return !!m && m[1].toLowerCase() === op.method && m[2] === op.path;
}

/** The config's relationship overrides, by entity (final name) and field. */
export interface RelationshipOverrides {
  /** `entity.field` → what to link it to. */
  add: Map<string, { target: string; targetField?: string; hit: () => void }>;
  /** `entity.field` → mark matched. */
  remove: Map<string, () => void>;
  /** An entity's name before the config renamed it → its new name, so that `x-relationship`s still find it. */
  renamed: Map<string, string>;
}

/** The relationship overrides of the config, each marking itself matched when used. */
export function relationshipOverrides(tracker: ConfigTracker, inflect: Inflector): RelationshipOverrides {
  const out: RelationshipOverrides = { add: new Map(), remove: new Map(), renamed: new Map() };
  for (const [name, e] of Object.entries(tracker.config.entities ?? {})) {
    const finalName = configuredName(tracker, name, inflect);
    if (finalName !== name) out.renamed.set(name, finalName);
    const at = joinPointer("", "entities", name, "relationships");
    e.relationships?.add?.forEach((r, i) => {
      const entry: { target: string; targetField?: string; hit: () => void } = {
        target: r.target,
        hit: () => tracker.hit(joinPointer(at, "add", i)),
      };
      if (r.targetField) entry.targetField = r.targetField;
      out.add.set(`${finalName}.${r.field}`, entry);
    });
    e.relationships?.remove?.forEach((f, i) =>
      out.remove.set(`${finalName}.${f}`, () => tracker.hit(joinPointer(at, "remove", i)))
    );
  }
  return out;
}
