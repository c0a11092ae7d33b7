/**
 * The config file (`sync-patterns.config.json`): what a spec cannot say, for users who cannot edit the spec.
 *
 * Pure: the CLI reads the file and passes its text to {@link parseConfigText} (JSON with comments and trailing
 * commas), or a program passes the object to `generate(spec, { config })`. {@link checkConfig} validates the shape;
 * {@link ConfigTracker} records which overrides matched something, so that every one that matched nothing becomes a
 * diagnostic pointing into the config.
 *
 * @module
 */
import type { Diagnostic } from "../spec/diagnostics.ts";
import { joinPointer } from "../spec/diagnostics.ts";
import { CRUD_KINDS, type CrudKind } from "./crud.ts";
import { SYNC_MODE_NAMES } from "./sync_mode.ts";
import type { SyncMode } from "./types.ts";

/** A CRUD slot an operation can be mapped to. */
export type ConfigSlot = CrudKind;

/** Which entities, paths and tags to keep or leave out. */
export interface ConfigFilter {
  /** Entity names (plural, as `inspect` shows them, or as renamed). */
  entities?: string[];
  /** Path templates as in the spec; `*` matches any run of characters (`/admin/*`). */
  paths?: string[];
  /** Operation tags as in the spec. */
  tags?: string[];
}

/** A relationship the config adds. */
export interface ConfigRelationship {
  /** The foreign-key field of this entity. */
  field: string;
  /** The entity it refers to. */
  target: string;
  /** The target's field it refers to, when that is not the target's key. */
  targetField?: string;
}

/** Overrides for one entity. */
export interface EntityConfig {
  /** The entity's name in the output (plural snake_case, e.g. `customers`). */
  name?: string;
  /** The primary-key field of the item schema. */
  key?: string;
  /** `optimistic` or `confirmed`. */
  syncMode?: SyncMode;
  /** The broadcast channel (default: the singular name). */
  channel?: string;
  /** CRUD slot → operation, by operationId or `METHOD /path`. */
  operations?: Partial<Record<ConfigSlot, string>>;
  /** Relationships to add, and foreign-key fields whose relationship to remove. */
  relationships?: { add?: ConfigRelationship[]; remove?: string[] };
}

/** The config object: the file's content, or what a program passes to `generate(spec, { config })`. */
export interface SyncPatternsConfig {
  /** The JSON Schema, for editors. */
  $schema?: string;
  /** Keep only these (an empty or absent list keeps everything). */
  include?: ConfigFilter;
  /** Leave these out: excluded paths and tags are no operation at all; excluded entities become plain functions. */
  exclude?: ConfigFilter;
  /** Per entity, by the name the generator finds (or, for a new entity, the name to give it). */
  entities?: Record<string, EntityConfig>;
}

const SLOTS: readonly ConfigSlot[] = CRUD_KINDS;
// the config takes our own names only (its JSON Schema lists them), not the aliases `x-sync-mode` accepts
const SYNC_MODES: readonly string[] = [...new Set(Object.values(SYNC_MODE_NAMES))];

/** A `config/…` diagnostic at a pointer into the config. */
export function configDiagnostic(code: string, message: string, pointer: string): Diagnostic {
  return { code: `config/${code}`, severity: "warning", message, pointer };
}

/**
 * Parses JSONC text: JSON plus `//` and `/* *\/` comments and trailing commas. Comments and trailing commas are
 * blanked with spaces, so a syntax error's position is the same as in the file.
 *
 * @example
 * ```ts
 * import { parseConfigText } from "./config.ts";
 * parseConfigText('{ // note\n "entities": { "users": { "key": "uid", }, }, }');
 * // => { entities: { users: { key: "uid" } } }
 * ```
 */
export function parseConfigText(text: string): unknown {
  return JSON.parse(blankJsonc(text));
}

/**
 * JSONC text as JSON text of the same length: comments and trailing commas become spaces (line breaks stay), so
 * offsets, lines and columns are the same as in the file.
 */
export function blankJsonc(text: string): string {
  const chars = [...text.replace(/^\uFEFF/, " ")];
  const out = chars.slice();
  let i = 0;
  let lastSignificant = -1; // index of the last non-space character kept
  while (i < chars.length) {
    const c = chars[i];
    if (c === '"') {
      i++;
      while (i < chars.length && chars[i] !== '"') i += chars[i] === "\\" ? 2 : 1;
      i++;
      lastSignificant = Math.min(i, chars.length) - 1;
      continue;
    }
    if (c === "/" && chars[i + 1] === "/") {
      while (i < chars.length && chars[i] !== "\n") out[i++] = " ";
      continue;
    }
    if (c === "/" && chars[i + 1] === "*") {
      while (i < chars.length && !(chars[i] === "*" && chars[i + 1] === "/")) {
        if (chars[i] !== "\n") out[i] = " ";
        i++;
      }
      if (i < chars.length) out[i] = out[i + 1] = " ";
      i += 2;
      continue;
    }
    if ((c === "}" || c === "]") && lastSignificant >= 0 && out[lastSignificant] === ",") out[lastSignificant] = " ";
    if (!/\s/.test(c)) lastSignificant = i;
    i++;
  }
  return out.join("");
}

/**
 * Checks the shape of a config object. Returns the config with every unusable part left out, and a diagnostic per
 * such part (an unknown key, a wrong type, an unknown sync mode or slot).
 */
export function checkConfig(value: unknown): { config: SyncPatternsConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bad = (pointer: string, message: string) => diagnostics.push(configDiagnostic("invalid", message, pointer));
  const config: SyncPatternsConfig = {};
  if (!isRecord(value)) {
    bad("", "The config must be a JSON object");
    return { config, diagnostics };
  }
  const strings = (v: unknown, at: string): string[] | undefined => {
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v;
    bad(at, "Expected a list of strings");
    return undefined;
  };
  const filter = (v: unknown, at: string): ConfigFilter | undefined => {
    if (!isRecord(v)) return bad(at, "Expected an object with entities, paths or tags"), undefined;
    const f: ConfigFilter = {};
    for (const [k, x] of Object.entries(v)) {
      if (k !== "entities" && k !== "paths" && k !== "tags") {
        bad(joinPointer(at, k), `Unknown key ${JSON.stringify(k)}`);
        continue;
      }
      const list = strings(x, joinPointer(at, k));
      if (list) f[k] = list;
    }
    return f;
  };
  for (const [key, v] of Object.entries(value)) {
    const at = joinPointer("", key);
    if (key === "$schema") {
      if (typeof v === "string") config.$schema = v;
    } else if (key === "include" || key === "exclude") {
      const f = filter(v, at);
      if (f) config[key] = f;
    } else if (key === "entities") {
      if (!isRecord(v)) {
        bad(at, "Expected an object of entity names");
        continue;
      }
      config.entities = {};
      for (const [name, e] of Object.entries(v)) {
        const checked = checkEntity(e, joinPointer(at, name), bad);
        if (checked) config.entities[name] = checked;
      }
    } else bad(at, `Unknown key ${JSON.stringify(key)}`);
  }
  return { config, diagnostics };
}

function checkEntity(
  value: unknown,
  at: string,
  bad: (pointer: string, message: string) => void,
): EntityConfig | undefined {
  if (!isRecord(value)) return bad(at, "Expected an object"), undefined;
  const e: EntityConfig = {};
  for (const [k, v] of Object.entries(value)) {
    const here = joinPointer(at, k);
    if (k === "name" || k === "key" || k === "channel") {
      if (typeof v === "string" && v.trim() !== "") e[k] = v;
      else bad(here, "Expected a non-empty string");
    } else if (k === "syncMode") {
      if (typeof v === "string" && SYNC_MODES.includes(v)) e.syncMode = v as SyncMode;
      else bad(here, `Expected one of ${SYNC_MODES.join(", ")}`);
    } else if (k === "operations") {
      if (!isRecord(v)) {
        bad(here, "Expected an object of CRUD slots");
        continue;
      }
      e.operations = {};
      for (const [slot, op] of Object.entries(v)) {
        if (!SLOTS.includes(slot as ConfigSlot)) bad(joinPointer(here, slot), `Unknown slot; use ${SLOTS.join(", ")}`);
        else if (typeof op !== "string") bad(joinPointer(here, slot), 'Expected an operationId or "METHOD /path"');
        else e.operations[slot as ConfigSlot] = op;
      }
    } else if (k === "relationships") {
      if (!isRecord(v)) {
        bad(here, "Expected an object with add and remove");
        continue;
      }
      e.relationships = {};
      for (const [rk, rv] of Object.entries(v)) {
        if (rk === "remove") {
          if (Array.isArray(rv) && rv.every((x) => typeof x === "string")) e.relationships.remove = rv;
          else bad(joinPointer(here, rk), "Expected a list of field names");
        } else if (rk === "add") {
          if (!Array.isArray(rv)) {
            bad(joinPointer(here, rk), "Expected a list of relationships");
            continue;
          }
          e.relationships.add = [];
          rv.forEach((r, i) => {
            const ok = isRecord(r) && typeof r.field === "string" && typeof r.target === "string" &&
              (r.targetField === undefined || typeof r.targetField === "string");
            if (!ok) bad(joinPointer(here, rk, i), "Expected { field, target, targetField? } with string values");
            else e.relationships!.add!.push(r as unknown as ConfigRelationship);
          });
        } else bad(joinPointer(here, rk), `Unknown key ${JSON.stringify(rk)}`);
      }
    } else bad(here, `Unknown key ${JSON.stringify(k)}`);
  }
  return e;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `*` matches any run of characters; everything else literally. */
export function matchesPattern(pattern: string, text: string): boolean {
  if (!pattern.includes("*")) return pattern === text;
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(text);
}

/**
 * Records which overrides of the config matched something. Each override has a pointer into the config; at the end
 * {@link ConfigTracker.unmatched} turns the ones never marked into diagnostics.
 */
export class ConfigTracker {
  #expected = new Map<string, string>(); // pointer → what it names, in config order
  #matched = new Set<string>();

  /** @param config the checked config */
  constructor(readonly config: SyncPatternsConfig) {
    for (const kind of ["include", "exclude"] as const) {
      for (const what of ["entities", "paths", "tags"] as const) {
        config[kind]?.[what]?.forEach((v, i) => this.#expected.set(joinPointer("", kind, what, i), `${what} ${v}`));
      }
    }
    for (const [name, e] of Object.entries(config.entities ?? {})) {
      const at = joinPointer("", "entities", name);
      this.#expected.set(at, `entity ${name}`);
      for (const [slot, op] of Object.entries(e.operations ?? {})) {
        this.#expected.set(joinPointer(at, "operations", slot), `operation ${op}`);
      }
      if (e.key) this.#expected.set(joinPointer(at, "key"), `key ${e.key}`);
      e.relationships?.add?.forEach((r, i) =>
        this.#expected.set(joinPointer(at, "relationships", "add", i), `relationship ${r.field} → ${r.target}`)
      );
      e.relationships?.remove?.forEach((f, i) =>
        this.#expected.set(joinPointer(at, "relationships", "remove", i), `relationship on ${f}`)
      );
    }
  }

  /** Marks the override at `pointer` as matched. */
  hit(pointer: string): void {
    this.#matched.add(pointer);
  }

  /** One diagnostic per override that matched nothing, in config order. */
  unmatched(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const [pointer, what] of this.#expected) {
      if (this.#matched.has(pointer)) continue;
      out.push(configDiagnostic("unmatched", `The config's ${what} matches nothing in the spec`, pointer));
    }
    return out;
  }
}
