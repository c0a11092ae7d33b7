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
import type { RawOperation } from "./paths.ts";
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

interface Slotted {
  raw: RawOperation;
  kind: OperationKind;
  response: SuccessResponse | undefined;
}

/**
 * The CRUD slot an operation's place and method suggest, if any: `GET` on a collection is the list, `PATCH` on an
 * item an update, … (the table is in `entities_test.ts`).
 */
export function slotOf(raw: Pick<RawOperation, "shape" | "method">): CrudKind | undefined {
  if (raw.shape === "collection") {
    if (raw.method === "get") return "list";
    if (raw.method === "post") return "create";
  } else if (raw.shape === "item") {
    if (raw.method === "get") return "get";
    if (raw.method === "put" || raw.method === "patch") return "update";
    if (raw.method === "delete") return "delete";
  }
  return undefined;
}

/** The CRUD verb the operationId starts with (`listOrders`, `update_order`), if any. */
export function verbOf(raw: Pick<RawOperation, "cleanId">): CrudKind | undefined {
  if (!raw.cleanId) return undefined;
  const first = words(raw.cleanId)[0]?.toLowerCase();
  return first ? CRUD_VERBS[first] : undefined;
}

/** Preference between two operations for one slot: the one whose id says so, then PATCH over PUT. */
function better(a: Slotted, b: Slotted, slot: CrudKind): boolean {
  const va = verbOf(a.raw) === slot ? 1 : 0;
  const vb = verbOf(b.raw) === slot ? 1 : 0;
  if (va !== vb) return va > vb;
  if (slot === "update") return a.raw.method === "patch" && b.raw.method !== "patch";
  return false;
}

/** Groups operations into entities; see NOTES.md "Entity detection". */
export function groupEntities(
  raws: RawOperation[],
  source: SchemaSource,
  schemas: SchemaConverter,
  defaultSyncMode: SyncMode,
  inflect: Inflector = new Inflector(),
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

  const entities: Entity[] = [];
  const fixedNames: GroupResult["fixedNames"] = new Map();
  const typeNames = new NameScope([], { ignoreCase: true });

  for (const [name, ops] of groups) {
    const slots = new Map<CrudKind, Slotted>();
    const customs: Slotted[] = [];
    const responses: (SuccessResponse | undefined)[] = [];
    for (const raw of ops) {
      const response = successResponse(raw, source, schemas);
      responses.push(response);
      const item: Slotted = { raw, kind: "custom", response };
      let slot = slotOf(raw);
      // a GET of an item that answers with a file, or a list that answers with no list, is no CRUD read
      if (slot === "get" && response?.contentType && !response.schema) slot = undefined;
      if (slot === "list" && response && !listShape(response.schema, schemas)) slot = undefined;
      if (slot === undefined) {
        customs.push(item);
        continue;
      }
      const held = slots.get(slot);
      if (!held) {
        item.kind = slot;
        slots.set(slot, item);
      } else if (better(item, held, slot)) {
        held.kind = "custom";
        customs.push(held);
        item.kind = slot;
        slots.set(slot, item);
      } else customs.push(item);
    }

    const one = inflect.singular(name);
    const itemParam = slots.get("get")?.raw ?? slots.get("update")?.raw ?? slots.get("delete")?.raw;
    const idParamName = itemParam ? lastPathParam(itemParam.path) : undefined;
    const found = findItemSchema(slots, schemas, one, idParamName);
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

    // a get that answers with something else than the item (a file download) is a custom operation
    const get = slots.get("get");
    if (get && !answersWithItem(get.response?.schema, found, schemas, one)) {
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
          customOperationName(s.raw, entityWords, opNames),
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

function lastPathParam(path: string): string | undefined {
  const all = path.match(/\{[^}]+\}/g);
  return all ? all[all.length - 1].slice(1, -1) : undefined;
}

/** The array of a list response: a bare array, or the array property of a wrapper. */
function listShape(
  schema: Schema | undefined,
  schemas: SchemaConverter,
): { items: Schema; wrapper?: string } | undefined {
  if (!schema) return undefined;
  const s = schemas.deref(schema);
  if (s.kind === "array") return { items: s.items };
  if (s.kind !== "object") return undefined;
  const arrays = s.properties.filter((p) => schemas.deref(p.schema).kind === "array");
  const chosen = LIST_WRAPPERS.map((w) => arrays.find((p) => p.name === w)).find(Boolean) ??
    (arrays.length === 1 ? arrays[0] : undefined);
  if (!chosen) return undefined;
  const arr = schemas.deref(chosen.schema);
  return arr.kind === "array" ? { items: arr.items, wrapper: chosen.name } : undefined;
}

interface FoundItem {
  item: ObjectSchema;
  /** Component pointer of the item schema, when it is a component. */
  pointer?: string;
  pk: { name: string; schema: Schema };
}

/** Finds the item schema: the get response, else create, else the list's items, else update; unwrapping envelopes. */
function findItemSchema(
  slots: Map<CrudKind, Slotted>,
  schemas: SchemaConverter,
  one: string,
  idParam: string | undefined,
): FoundItem | undefined {
  const candidates: Schema[] = [];
  for (const k of ["get", "create"] as const) {
    const s = slots.get(k)?.response?.schema;
    if (s) candidates.push(s);
  }
  const list = listShape(slots.get("list")?.response?.schema, schemas);
  if (list) candidates.push(list.items);
  const upd = slots.get("update")?.response?.schema;
  if (upd) candidates.push(upd);

  for (const c of candidates) {
    const direct = asItem(c, schemas, one, idParam);
    if (direct) return direct;
  }
  for (const c of candidates) {
    const obj = schemas.objectOf(c);
    const inner = obj && envelopeProperty(obj, schemas, one, idParam);
    if (inner) return asItem(inner.schema, schemas, one, idParam);
  }
  return undefined;
}

function asItem(schema: Schema, schemas: SchemaConverter, one: string, idParam?: string): FoundItem | undefined {
  const obj = schemas.objectOf(schema);
  if (!obj) return undefined;
  const pk = primaryKey(obj, one, idParam);
  if (!pk) return undefined;
  const found: FoundItem = { item: obj, pk: { name: pk.name, schema: pk.schema } };
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

/** The primary key: `id`, else the item path parameter or `<singular>_id` as a property. */
function primaryKey(obj: ObjectSchema, one: string, idParam?: string): Property | undefined {
  const props = obj.properties;
  const id = props.find((p) => p.name === "id");
  if (id && isKeySchema(id.schema)) return id;
  const names = [idParam, `${one}_id`, `${one}Id`, "uuid", "key"].filter((n): n is string => !!n);
  for (const n of names) {
    const p = props.find((q) => q.name === n);
    if (p && isKeySchema(p.schema)) return p;
  }
  return undefined;
}

function isKeySchema(s: Schema): boolean {
  return s.kind === "string" || s.kind === "number" || s.kind === "ref" || s.kind === "unknown";
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
): Property | undefined {
  // the first property of each lower-cased name, as a find over the properties would give
  const byName = new Map<string, Property>();
  for (const q of obj.properties) {
    const key = q.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, q);
  }
  for (const n of [one, ...ENVELOPE_KEYS]) {
    const p = byName.get(n.toLowerCase());
    if (p && asItem(p.schema, schemas, one, idParam)) return p;
  }
  return undefined;
}

function derefObject(schema: Schema, schemas: SchemaConverter): Schema {
  return schemas.deref(schema);
}

function answersWithItem(
  schema: Schema | undefined,
  found: FoundItem,
  schemas: SchemaConverter,
  one: string,
): boolean {
  const obj = schema && schemas.objectOf(schema);
  if (!obj) return false;
  if (obj === found.item) return true;
  const env = envelopeProperty(obj, schemas, one);
  return !!env && schemas.objectOf(env.schema) === found.item;
}

/** Marks whether an operation answers with the entity's item, directly, in an envelope or as a list. */
function markEntityResponse(op: Operation, found: FoundItem, schemas: SchemaConverter, one: string): void {
  const schema = op.response?.schema;
  if (!schema) return;
  if (op.kind === "list") {
    const list = listShape(schema, schemas);
    if (list?.wrapper) op.listWrapper = list.wrapper;
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
