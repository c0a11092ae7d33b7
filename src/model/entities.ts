/**
 * Grouping operations into entities: CRUD slots, item schema, primary key, filters, sync mode.
 *
 * @module
 */
import { words } from "../names/identifiers.ts";
import { broadcastChannel } from "./broadcast_channel.ts";
import { CRUD_KINDS, type CrudKind } from "./crud.ts";
import { entityNames } from "./entity_names.ts";
import { Inflector } from "../names/inflect.ts";
import { NameScope } from "../names/scope.ts";
import { buildOperation, customOperationName, declaredSyncMode, successResponse } from "./operations.ts";
import type { SuccessResponse } from "./operations.ts";
import { matchKey } from "./keys.ts";
import { entityNameFromTag, type RawOperation } from "./paths.ts";
import type { SchemaConverter, SchemaSource } from "./schema.ts";
import type {
  Entity,
  ObjectSchema,
  Operation,
  OperationKind,
  PrimaryKeyType,
  Property,
  Schema,
  SyncMode,
} from "./types.ts";

const CRUD_VERBS: Record<string, CrudKind> = {
  list: "list",
  get: "get",
  read: "get",
  retrieve: "get",
  fetch: "get",
  create: "create",
  add: "create",
  update: "update",
  patch: "update",
  edit: "update",
  modify: "update",
  delete: "delete",
  remove: "delete",
  destroy: "delete",
};

const LIST_WRAPPERS = ["items", "data", "results", "records"];
const ENVELOPE_KEYS = ["data", "item", "result", "record"];

/** What the model builder gets back: entities, and operations that belong to none. */
export interface GroupResult {
  entities: Entity[];
  /**
   * Operations of no entity, in order, with their success response when it was already converted
   * (`response` is absent when it was not: it is converted then, so that schemas keep their order).
   */
  standalone: { raw: RawOperation; response?: SuccessResponse | undefined }[];
  /** Component pointers of entity schemas → their fixed names and roles. */
  fixedNames: Map<string, { name: string; owner: string; role: "item" | "create" | "update" }>;
}

/** What the config decides for grouping. */
export interface GroupOptions {
  /** Entity name → the key field the config names. */
  keys?: Map<string, string>;
}

interface Slotted {
  raw: RawOperation;
  kind: OperationKind;
  response: SuccessResponse | undefined;
}

/**
 * The CRUD slot an operation's place and method suggest, if any: `GET` on a collection is the list, `PATCH` on an
 * item an update, … (the table is in `entities_test.ts`). A slot the config maps the operation to wins.
 */
export function slotOf(
  raw: Pick<RawOperation, "shape" | "method" | "configSlot" | "actionSegments" | "segments">,
): CrudKind | undefined {
  if (raw.configSlot) return raw.configSlot;
  if (raw.shape === "collection") {
    if (raw.method === "get") return "list";
    if (raw.method === "post") return "create";
  } else if (raw.shape === "item") {
    if (raw.method === "get") return "get";
    if (raw.method === "put" || raw.method === "patch") return "update";
    if (raw.method === "delete") return "delete";
  } else if (raw.actionSegments.length === 1) {
    // an action named by a CRUD verb: `POST /voices/add`, `POST /voices/{id}/edit`, `POST /notes/{id}/delete`
    const verb = CRUD_VERBS[raw.actionSegments[0].toLowerCase()];
    const onItem = "param" in (raw.segments[raw.segments.length - 2] ?? {});
    // `GET /product/list/{area_id}`: the list, when no plain route takes the slot
    if (verb === "list" && raw.method === "get" && !onItem) return "list";
    if (verb === "create" && raw.method === "post" && !onItem) return "create";
    if (verb === "update" && raw.method !== "get" && raw.method !== "delete" && onItem) return "update";
    if (verb === "delete" && (raw.method === "post" || raw.method === "delete") && onItem) return "delete";
  }
  return undefined;
}

/** The CRUD verb the operationId starts with (`listOrders`, `update_order`), if any. */
export function verbOf(raw: Pick<RawOperation, "cleanId">): CrudKind | undefined {
  if (!raw.cleanId) return undefined;
  const first = words(raw.cleanId)[0]?.toLowerCase();
  return first ? CRUD_VERBS[first] : undefined;
}

/**
 * Order of two candidates for one slot (negative: `a` first): the one whose id says so, then the flatter route (the
 * top-level `GET /invoices` over the scoped twin `GET /customers/{id}/invoices`), then PATCH over PUT, then by path
 * text. A total order, so the choice does not depend on the order of paths in the document.
 */
function compareCandidates(a: Slotted, b: Slotted, slot: CrudKind): number {
  const ca = a.raw.configSlot === slot ? 1 : 0;
  const cb = b.raw.configSlot === slot ? 1 : 0;
  if (ca !== cb) return cb - ca;
  const va = verbOf(a.raw) === slot ? 1 : 0;
  const vb = verbOf(b.raw) === slot ? 1 : 0;
  if (va !== vb) return vb - va;
  const depth = (x: Slotted) => x.raw.segments.filter((s) => "param" in s).length;
  if (depth(a) !== depth(b)) return depth(a) - depth(b);
  if (a.raw.segments.length !== b.raw.segments.length) return a.raw.segments.length - b.raw.segments.length;
  if (slot === "update" && a.raw.method !== b.raw.method) {
    return a.raw.method === "patch" ? -1 : b.raw.method === "patch" ? 1 : 0;
  }
  return a.raw.path < b.raw.path ? -1 : a.raw.path > b.raw.path ? 1 : 0;
}

/** Groups operations into entities; see NOTES.md "Entity detection". */
export function groupEntities(
  raws: RawOperation[],
  source: SchemaSource,
  schemas: SchemaConverter,
  defaultSyncMode: SyncMode,
  inflect: Inflector = new Inflector(),
  options: GroupOptions = {},
): GroupResult {
  const groups = new Map<string, RawOperation[]>();
  const standalone: GroupResult["standalone"] = [];
  for (const raw of raws) {
    if (raw.entity === undefined) {
      if (raw.segments.length > 0 && !raw.infrastructure) standalone.push({ raw });
      continue;
    }
    const list = groups.get(raw.entity);
    if (list) list.push(raw);
    else groups.set(raw.entity, [raw]);
  }

  // each operation's success response, converted once: the split below and the slots both read it
  const converted = new Map<RawOperation, SuccessResponse | undefined>();
  const responseOf = (raw: RawOperation): SuccessResponse | undefined => {
    if (converted.has(raw)) return converted.get(raw);
    const response = successResponse(raw, source, schemas);
    converted.set(raw, response);
    return response;
  };
  splitSameNamedSubresources(groups, responseOf, schemas, inflect);
  for (const [name, ops] of groups) warnMergedSpellings(name, ops, source);
  const entities: Entity[] = [];
  const fixedNames: GroupResult["fixedNames"] = new Map();
  const typeNames = new NameScope([], { ignoreCase: true });
  const built: Built[] = [];

  for (const [name, ops] of groups) {
    const slots = new Map<CrudKind, Slotted>();
    const candidates = new Map<CrudKind, Slotted[]>();
    const customs: Slotted[] = [];
    const responses: (SuccessResponse | undefined)[] = [];
    for (const raw of ops) {
      const response = responseOf(raw);
      responses.push(response);
      const item: Slotted = { raw, kind: "custom", response };
      let slot = slotOf(raw);
      // a GET of an item that answers with a file, or a list that answers with no list, is no CRUD read
      const guessed = !raw.configSlot;
      if (guessed && slot === "get" && response?.contentType && !response.schema) slot = undefined;
      if (guessed && slot === "list" && response && !listShape(response.schema, schemas)) slot = undefined;
      if (slot === undefined) {
        customs.push(item);
        continue;
      }
      const list = candidates.get(slot);
      if (list) list.push(item);
      else candidates.set(slot, [item]);
    }
    // each slot takes its best candidate by a total order, whatever the order of the document's paths
    for (const slot of CRUD_KINDS) {
      const list = candidates.get(slot);
      if (!list) continue;
      const [best, ...rest] = list.sort((a, b) => compareCandidates(a, b, slot));
      best.kind = slot;
      slots.set(slot, best);
      customs.push(...rest);
    }

    const one = inflect.singular(name);
    const itemParam = slots.get("get")?.raw ?? slots.get("update")?.raw ?? slots.get("delete")?.raw;
    const idParamName = itemParam ? lastPathParam(itemParam.path) : undefined;
    const forcedKey = options.keys?.get(name);
    const found = (forcedKey !== undefined ? findItemSchema(slots, schemas, one, idParamName, forcedKey) : undefined) ??
      findItemSchema(slots, schemas, one, idParamName);
    if (slots.size === 0 || !found) {
      if (slots.size > 0) {
        const at = [...slots.values()][0].raw;
        source.warn(
          "model/no-item-schema",
          `Resource ${
            JSON.stringify(name)
          } has CRUD operations but no item schema with a primary key: its operations are emitted as plain functions`,
          at.pointer,
        );
      }
      ops.forEach((raw, i) => standalone.push({ raw, response: responses[i] }));
      continue;
    }

    if (found.rivals.length > 0) {
      source.warn(
        "model/ambiguous-key",
        `Resource ${JSON.stringify(name)}: the key could be ${
          [found.pk.name, ...found.rivals].map((n) => JSON.stringify(n)).join(" or ")
        }; ${JSON.stringify(found.pk.name)} was chosen (the config file can set the key)`,
        (slots.get("get") ?? [...slots.values()][0]).raw.pointer,
      );
    }

    // a get that answers with something else than the item (a file download) is a custom operation
    const get = slots.get("get");
    if (get && !get.raw.configSlot && !answersWithItem(get.response?.schema, found, schemas, one)) {
      get.kind = "custom";
      customs.push(get);
      slots.delete("get");
    }

    const names = entityNames(name);
    const pascal = typeNames.claim(names.pascal);
    if (pascal !== names.pascal) {
      names.pascal = pascal;
      names.fileSingular = `${names.fileSingular}-${pascal.slice(-1)}`;
    }
    const syncMode = entitySyncMode(ops, slots, source) ?? defaultSyncMode;
    const entityWords = [...new Set([...words(name), ...words(one)].map((w) => w.toLowerCase()))];
    const opNames = new NameScope([], { ignoreCase: true });
    for (const k of CRUD_KINDS) opNames.reserve(k);

    const operations: Entity["operations"] = {};
    for (const [slot, s] of slots) {
      const op = buildOperation(s.raw, slot, slot, source, schemas, s.response, inflect);
      markEntityResponse(op, found, schemas, one);
      operations[slot] = op;
    }
    const customOperations: Operation[] = customs
      .sort((a, b) => ops.indexOf(a.raw) - ops.indexOf(b.raw))
      .map((s) => {
        const op = buildOperation(
          s.raw,
          "custom",
          customOperationName(s.raw, entityWords, opNames, name, inflect),
          source,
          schemas,
          s.response,
          inflect,
        );
        markEntityResponse(op, found, schemas, one);
        return op;
      });

    const create = operations.create?.requestBody?.schema;
    const update = operations.update?.requestBody?.schema;
    const entity: Entity = {
      name,
      singular: one,
      pascalName: names.pascal,
      names,
      primaryKey: { name: found.pk.name, type: pkType(found.pk.schema, schemas) },
      syncMode,
      operations,
      customOperations,
      schemas: { item: found.item },
      filters: operations.list?.queryParams ?? [],
      relationships: [],
      pointer: ops[0].pathItemPointer,
    };
    const channel = broadcastChannel(
      [...CRUD_KINDS.flatMap((k) => slots.get(k)?.raw ?? []), ...customs.map((c) => c.raw)],
      found.pointer,
      source,
    );
    if (channel !== undefined) entity.channel = channel;
    if (create) entity.schemas.create = derefObject(create, schemas);
    if (update) entity.schemas.update = derefObject(update, schemas);
    const rowPointer = listRowPointer(slots.get("list")?.response?.schema, schemas);
    built.push({ entity, ops, responses, found, create, update, rowPointer });
  }

  // A list-only resource whose rows are another entity's (`/readinglist` of articles, `/games/{id}/additions` of
  // games) is a view of that entity, and a get-only lookup under a singular word (`/import/status/{uuid}`,
  // `/utils/convert-legacy-id/{id}`) is no resource: both stay plain functions.
  // A resource with neither list nor get whose answer is another entity's item (`POST /deals/{id}/activities`
  // answering the deal) is an action on that entity, not a resource.
  const shownBy = new Map<string, Set<Built>>(); // component pointer → entities whose reads answer with it
  for (const b of built) {
    if (isListOnly(b.entity)) continue;
    for (const p of [b.found.pointer, b.rowPointer]) if (p) shownBy.set(p, (shownBy.get(p) ?? new Set()).add(b));
  }
  const shownByOther = (b: Built, p: string | undefined) => !!p && [...(shownBy.get(p) ?? [])].some((o) => o !== b);
  for (const b of built) {
    const view = isListOnly(b.entity) && shownByOther(b, b.rowPointer);
    const borrowed = !b.entity.operations.list && !b.entity.operations.get && shownByOther(b, b.found.pointer);
    if (view || borrowed || isLookup(b.entity, b.ops, inflect)) {
      b.ops.forEach((raw, i) => standalone.push({ raw, response: b.responses[i] }));
      continue;
    }
    const { entity, found, create, update } = b;
    const { name, names } = entity;
    if (found.pointer) fixedNames.set(found.pointer, { name: names.pascal, owner: name, role: "item" });
    for (const [role, body] of [["create", create], ["update", update]] as const) {
      if (body?.kind === "ref" && !fixedNames.has(body.pointer)) {
        fixedNames.set(body.pointer, {
          name: `${names.pascal}${role === "create" ? "Create" : "Update"}`,
          owner: name,
          role,
        });
      }
    }
    entities.push(entity);
  }
  return { entities, standalone, fixedNames };
}

/** An entity as built, before views and lookups are told apart. */
interface Built {
  entity: Entity;
  ops: RawOperation[];
  responses: (SuccessResponse | undefined)[];
  found: FoundItem;
  create: Schema | undefined;
  update: Schema | undefined;
  /** Component pointer of the list's rows, when they are a component. */
  rowPointer: string | undefined;
}

function isListOnly(e: Entity): boolean {
  const slots = Object.keys(e.operations);
  return slots.length === 1 && slots[0] === "list";
}

/** A get-only resource under a singular path word that no tag names: a lookup route, not a resource. */
function isLookup(e: Entity, ops: RawOperation[], inflect: Inflector): boolean {
  const slots = Object.keys(e.operations);
  if (slots.length !== 1 || slots[0] !== "get") return false;
  const get = e.operations.get!;
  const segments = ops.find((r) => r.path === get.path && r.method === get.method)?.segments ?? [];
  const word = segments[segments.length - 2];
  if (!word || !("literal" in word) || inflect.isPluralWord(inflect.snakeCase(word.literal))) return false;
  return !ops.some((r) => r.tags.length > 0 && entityNameFromTag(r.tags[0], inflect) === e.name);
}

function listRowPointer(schema: Schema | undefined, schemas: SchemaConverter): string | undefined {
  const rows = listShape(schema, schemas)?.items;
  return rows?.kind === "ref" ? finalRefPointer(rows, schemas) : undefined;
}

function lastPathParam(path: string): string | undefined {
  const all = path.match(/\{[^{}]+\}/g);
  return all ? all[all.length - 1].slice(1, -1) : undefined;
}

/**
 * The array of a list response: a bare array, the array property of a wrapper, or the array of a HAL
 * `_embedded` object (`{ _embedded: { legs: [...] } }`, with `parents: ["_embedded"]`).
 */
function listShape(
  schema: Schema | undefined,
  schemas: SchemaConverter,
): { items: Schema; wrapper?: string; parents?: string[] } | undefined {
  if (!schema) return undefined;
  const s = schemas.deref(schema);
  if (s.kind === "array") return { items: s.items };
  if (s.kind !== "object") return undefined;
  const arrays = s.properties.filter((p) => schemas.deref(p.schema).kind === "array");
  const chosen = LIST_WRAPPERS.map((w) => arrays.find((p) => p.name === w)).find(Boolean) ??
    (arrays.length === 1 ? arrays[0] : undefined);
  if (!chosen) {
    const embedded = s.properties.find((p) => p.name === "_embedded");
    const inner = embedded && schemas.objectOf(embedded.schema);
    const list = inner && listShape(inner, schemas);
    return list?.wrapper ? { ...list, parents: ["_embedded", ...(list.parents ?? [])] } : undefined;
  }
  const arr = schemas.deref(chosen.schema);
  return arr.kind === "array" ? { items: arr.items, wrapper: chosen.name } : undefined;
}

interface FoundItem {
  item: ObjectSchema;
  /** Component pointer of the item schema, when it is a component. */
  pointer?: string;
  pk: { name: string; schema: Schema };
  /** Other fields that matched the route parameter as well as the key did (see {@link matchKey}). */
  rivals: string[];
}

/** Finds the item schema: the get response, else create, else the list's items, else update; unwrapping envelopes. */
function findItemSchema(
  slots: Map<CrudKind, Slotted>,
  schemas: SchemaConverter,
  one: string,
  idParam: string | undefined,
  forcedKey?: string,
): FoundItem | undefined {
  const typed: Schema[] = [];
  const inferred: Schema[] = []; // read from examples: only when the spec types none
  const add = (k: CrudKind, s: Schema | undefined) => {
    if (s) (slots.get(k)?.response?.inferred ? inferred : typed).push(s);
  };
  for (const k of ["get", "create"] as const) add(k, slots.get(k)?.response?.schema);
  add("list", listShape(slots.get("list")?.response?.schema, schemas)?.items);
  add("update", slots.get("update")?.response?.schema);
  const candidates = [...typed, ...inferred];

  for (const c of candidates) {
    const direct = asItem(c, schemas, one, idParam, forcedKey);
    if (direct) return direct;
  }
  for (const c of candidates) {
    const obj = schemas.objectOf(c);
    const inner = obj && envelopeProperty(obj, schemas, one, idParam, forcedKey);
    if (inner) return asItem(inner.schema, schemas, one, idParam, forcedKey);
  }
  return undefined;
}

function asItem(
  schema: Schema,
  schemas: SchemaConverter,
  one: string,
  idParam?: string,
  forcedKey?: string,
): FoundItem | undefined {
  const obj = schemas.objectOf(schema);
  if (!obj) return undefined;
  const match = matchKey(obj, one, idParam, forcedKey);
  if (!match) return undefined;
  const pk = match.key;
  const found: FoundItem = { item: obj, pk: { name: pk.name, schema: pk.schema }, rivals: match.rivals };
  if (schema.kind === "ref") found.pointer = finalRefPointer(schema, schemas);
  return found;
}

function finalRefPointer(schema: Schema, schemas: SchemaConverter): string | undefined {
  let s: Schema = schema;
  let pointer: string | undefined;
  for (let i = 0; s.kind === "ref" && i < 64; i++) {
    pointer = s.pointer;
    const next = schemas.named(s.pointer);
    if (!next) break;
    s = next.schema;
  }
  return pointer;
}

function pkType(schema: Schema, schemas: SchemaConverter): PrimaryKeyType {
  const s = schemas.deref(schema);
  if (s.kind === "number") return "integer";
  if (s.kind === "string" && s.format === "uuid") return "uuid";
  return "string";
}

/** A property of a response object that holds the item (`{ account: {...} }`, `{ data: {...} }`). */
function envelopeProperty(
  obj: ObjectSchema,
  schemas: SchemaConverter,
  one: string,
  idParam?: string,
  forcedKey?: string,
): Property | undefined {
  // the first property of each lower-cased name, as a find over the properties would give
  const byName = new Map<string, Property>();
  for (const q of obj.properties) {
    const key = q.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, q);
  }
  for (const n of [one, ...ENVELOPE_KEYS]) {
    const p = byName.get(n.toLowerCase());
    if (p && asItem(p.schema, schemas, one, idParam, forcedKey)) return p;
  }
  // an object with one property that holds an item (`{ newsletter_setting: {...} }`, whatever its name)
  const only = obj.properties.length === 1 ? obj.properties[0] : undefined;
  if (only && schemas.objectOf(only.schema) && asItem(only.schema, schemas, one, idParam, forcedKey)) return only;
  return undefined;
}

function derefObject(schema: Schema, schemas: SchemaConverter): Schema {
  return schemas.deref(schema);
}

/**
 * True when the get's answer may be the item: an untyped answer (`{}`, or `{type: object}` with only an example)
 * says nothing else, and an object that holds the key field, directly or in an envelope (`{ add_on: {…} }`), is the
 * item as this route shows it. No body at all, or another object, is something else.
 */
function answersWithItem(
  schema: Schema | undefined,
  found: FoundItem,
  schemas: SchemaConverter,
  one: string,
): boolean {
  if (!schema) return false; // no body at all: a download or an action (`download_file` on `GET /files/{id}`)
  if (schema.kind === "unknown") return true;
  const obj = schemas.objectOf(schema);
  if (!obj) return false;
  if (obj === found.item || obj.properties.length === 0) return true;
  const holdsKey = (o: ObjectSchema) => o.properties.some((p) => p.name === found.pk.name);
  if (holdsKey(obj)) return true;
  const env = envelopeProperty(obj, schemas, one, found.pk.name);
  const inner = env && schemas.objectOf(env.schema);
  return !!inner && (inner === found.item || holdsKey(inner));
}

/** Marks whether an operation answers with the entity's item, directly, in an envelope or as a list. */
function markEntityResponse(op: Operation, found: FoundItem, schemas: SchemaConverter, one: string): void {
  const schema = op.response?.schema;
  if (!schema) {
    if (op.kind === "get") op.returnsEntity = true; // only the config maps a get without a body
    return;
  }
  if (op.kind === "list") {
    const list = listShape(schema, schemas);
    if (list?.wrapper) op.listWrapper = list.wrapper;
    if (list?.parents) op.listWrapperParents = list.parents;
    return;
  }
  const obj = schemas.objectOf(schema);
  if (obj === found.item) {
    op.returnsEntity = true;
    return;
  }
  const env = obj && envelopeProperty(obj, schemas, one);
  if (env && schemas.objectOf(env.schema) === found.item) {
    op.returnsEntity = true;
    op.responseItemProperty = env.name;
    return;
  }
  if (op.kind === "get") {
    // the get answers with the item as its route shows it (see answersWithItem): an untyped answer, an object with
    // the key, or one in an envelope; the collection's fetch needs it typed as the item
    op.returnsEntity = true;
    const holdsKey = obj?.properties.some((p) => p.name === found.pk.name);
    const inner = obj && !holdsKey ? envelopeProperty(obj, schemas, one, found.pk.name) : undefined;
    if (inner) op.responseItemProperty = inner.name;
  }
}

/** The sync mode the entity's operations declare: collection path first, then item path, then any. */
function entitySyncMode(
  ops: RawOperation[],
  slots: Map<CrudKind, Slotted>,
  source: SchemaSource,
): SyncMode | undefined {
  const ordered = [
    ...(["list", "create", "get", "update", "delete"] as const).map((k) => slots.get(k)?.raw).filter(
      (r): r is RawOperation => !!r,
    ),
    ...ops,
  ];
  for (const raw of ordered) {
    const mode = declaredSyncMode(raw, source);
    if (mode) return mode;
  }
  return undefined;
}

/**
 * A scoped list that shares the entity's path word but lists other rows (`GET /games/{game_pk}/stores` answers
 * `{id, game_id, store_id}` rows, while `GET /stores` answers stores) is a resource of its own, named after its
 * parent: `game_stores`. Its routes (same scoped path) leave the group for a new one. Rows of a component that the
 * entity's own routes answer with, or rows with no key, stay (they are the scoped twin of the flat list).
 */
function splitSameNamedSubresources(
  groups: Map<string, RawOperation[]>,
  responseOf: (raw: RawOperation) => SuccessResponse | undefined,
  schemas: SchemaConverter,
  inflect: Inflector,
): void {
  const depth = (raw: RawOperation) => raw.segments.filter((s) => "param" in s).length;
  const answerPointer = (raw: RawOperation): string | undefined => {
    const schema = responseOf(raw)?.schema;
    if (!schema) return undefined;
    return listRowPointer(schema, schemas) ?? (schema.kind === "ref" ? finalRefPointer(schema, schemas) : undefined);
  };
  for (const [name, ops] of [...groups]) {
    const reads = ops.filter((r) => r.shape !== "action" && r.method === "get");
    const flat = reads.filter((r) => depth(r) <= (r.shape === "item" ? 1 : 0));
    // the rows the resource itself answers with: its flat routes', else (scoped lists under several parents, no
    // item route) those of the first scoped list in path order
    const firstScoped = reads.filter((r) => r.shape === "collection").sort((a, b) => (a.path < b.path ? -1 : 1))[0];
    const anchors = flat.some((r) => r.shape === "collection")
      ? flat
      : !reads.some((r) => r.shape === "item") && firstScoped
      ? [firstScoped]
      : [];
    const own = new Set(anchors.map(answerPointer).filter((p): p is string => !!p));
    if (own.size === 0) continue;
    const one = inflect.singular(name);
    for (const raw of ops) {
      if (raw.entity !== name || raw.shape !== "collection" || raw.method !== "get" || depth(raw) === 0) continue;
      const rows = answerPointer(raw);
      const named = rows && schemas.named(rows);
      if (!rows || own.has(rows) || !named || !schemas.objectOf(named.schema)) continue;
      if (!matchKey(schemas.objectOf(named.schema)!, one)) continue;
      const parentIndex = raw.segments.length - 3;
      const parent = raw.segments[parentIndex];
      if (!parent || !("literal" in parent)) continue;
      const newName = `${inflect.singular(inflect.snakeCase(parent.literal))}_${name}`;
      if (groups.has(newName)) continue;
      const prefix = raw.path;
      const moved = groups.get(name)!.filter((r) => r.path === prefix || r.path.startsWith(`${prefix}/`));
      for (const r of moved) r.entity = newName;
      groups.set(name, groups.get(name)!.filter((r) => !moved.includes(r)));
      groups.set(newName, moved);
    }
  }
}

/**
 * Warns when one entity gathers routes whose resource word is spelled differently in the spec (`/user-ids` and
 * `/user_ids`): they read as one resource after normalisation, which may not be what the spec means.
 */
function warnMergedSpellings(name: string, ops: RawOperation[], source: SchemaSource): void {
  const spellings = new Map<string, RawOperation>(); // spelling → first route with it
  for (const raw of ops) {
    if (raw.shape === "action") continue;
    const at = raw.segments.length - (raw.shape === "item" ? 2 : 1);
    const word = raw.segments[at];
    if (word && "literal" in word && !spellings.has(word.literal)) spellings.set(word.literal, raw);
  }
  const byLetters = new Map<string, string[]>();
  for (const spelling of spellings.keys()) {
    const letters = spelling.toLowerCase().replace(/[^a-z0-9]/g, "");
    byLetters.set(letters, [...(byLetters.get(letters) ?? []), spelling]);
  }
  for (const same of byLetters.values()) {
    if (same.length < 2) continue;
    const sorted = [...same].sort();
    source.warn(
      "model/merged-resources",
      `Paths spelled ${sorted.map((w) => JSON.stringify(w)).join(" and ")} both read as resource ${
        JSON.stringify(name)
      } and were merged into one entity (the config file can map or exclude them)`,
      spellings.get(sorted[1])!.pathItemPointer,
    );
  }
}
