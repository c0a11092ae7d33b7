/**
 * Reading operations out of `paths`: what each one is on (resource, shape) before entities exist.
 *
 * @module
 */
import { joinPointer } from "../spec/diagnostics.ts";
import { Inflector } from "../names/inflect.ts";
import { isObject, type SchemaSource } from "./schema.ts";
import type { HttpMethod } from "./types.ts";
import type { CrudKind } from "./crud.ts";

type Json = Record<string, unknown>;

/** One path segment: a literal word or a `{param}`. */
export type Segment = { literal: string } | { param: string };

/** Where an operation sits relative to its resource. */
export type Shape = "collection" | "item" | "action";

/** An operation as read from the document, before it is given to an entity. */
export interface RawOperation {
  method: HttpMethod;
  path: string;
  /** Pointer of the operation object. */
  pointer: string;
  op: Json;
  /** The path item (after `$ref`), for path-level parameters and extensions. */
  pathItem: Json;
  pathItemPointer: string;
  /** Path segments after the version prefix. */
  segments: Segment[];
  tags: string[];
  /** The operationId with FastAPI's path-and-method suffix removed, or undefined. */
  cleanId?: string;
  /** The entity this operation belongs to (plural snake_case), or undefined for none. */
  entity?: string;
  shape: Shape;
  /** For actions: the literal segments after the resource, e.g. `["stages", "allowed"]`. */
  actionSegments: string[];
  /** Health checks, auth, docs: left out of the model. */
  infrastructure: boolean;
  /** The CRUD slot the config maps this operation to, which wins over every guess. */
  configSlot?: CrudKind;
}

/** HTTP methods we read, in a fixed order (output must not depend on key order of the spec). */
export const METHODS: HttpMethod[] = ["get", "post", "put", "patch", "delete"];

// Infrastructure that is no resource of the app.
const INFRASTRUCTURE = new Set([
  "health",
  "healthz",
  "ready",
  "readyz",
  "livez",
  "ping",
  "docs",
  "openapi",
  "redoc",
  "swagger",
  "auth",
  "login",
  "logout",
  "system",
  "internal",
  "metrics",
  "oauth",
  "token",
]);

const VERSION_PREFIX = /^(api|rest|v\d+(\.\d+)*|version\d*)$/i;
// a version segment inside a path (`/categories/v2/{uuid}`): it versions the route, it names no resource
const VERSION_SEGMENT = /^v\d+(\.\d+)*$/i;
// a format suffix on the last segment (Rails: `/script_tags/{id}.json`)
const FORMAT_SUFFIX = /\.(json|xml)$/i;

/**
 * Splits a path template into segments, drops a leading `/api`, `/v1`, `/api/v2`, … prefix and version segments
 * further in (`/categories/v2/{uuid}`), and reads a `.json` format suffix as no part of the name.
 */
export function pathSegments(path: string): Segment[] {
  const parts = path.split("/").filter((p) => p.length > 0);
  const segments: Segment[] = parts.map((raw) => {
    const p = raw.replace(FORMAT_SUFFIX, "");
    const m = /^\{(.+)\}$/.exec(p);
    return m ? { param: m[1] } : { literal: p };
  });
  let start = 0;
  while (start < segments.length - 1) {
    const s = segments[start];
    if (!("literal" in s) || !VERSION_PREFIX.test(s.literal)) break;
    start++;
  }
  const rest = segments.slice(start);
  return rest.filter((s, i) => i === 0 || !("literal" in s) || !VERSION_SEGMENT.test(s.literal));
}

/**
 * Removes FastAPI's generated suffix from an operationId: `{name}{path with \W as _}_{method}`.
 *
 * @example
 * ```ts
 * import { cleanOperationId } from "./paths.ts";
 * cleanOperationId("list_orders_api_v1_orders_get", "/api/v1/orders", "get"); // => "list_orders"
 * ```
 */
export function cleanOperationId(id: string, path: string, method: string): string {
  const suffix = path.replace(/\W/g, "_") + "_" + method;
  if (id.length > suffix.length && id.endsWith(suffix)) return id.slice(0, -suffix.length);
  const fastapi = /^(.+?)_api(_v\d+)?_.*_(get|post|put|patch|delete)$/.exec(id);
  return fastapi ? fastapi[1] : id;
}

/** True when a tag or first path segment names infrastructure (health checks, auth, docs). */
export function isInfrastructure(name: string): boolean {
  return INFRASTRUCTURE.has(name.toLowerCase().replace(/[^a-z]/g, ""));
}

/** The entity name a tag stands for: a one-word tag lower-cased, a multi-word tag in snake_case; plural. */
export function entityNameFromTag(tag: string, inflect: Inflector = new Inflector()): string | undefined {
  const snake = inflect.snakeCase(tag);
  if (!snake) return undefined;
  return inflect.plural(snake);
}

/** True when the literal path word names the entity (`fields` names `account_fields`, `order-items` names `order_items`). */
function segmentNames(literal: string, entity: string, inflect: Inflector): boolean {
  const word = inflect.plural(inflect.snakeCase(literal));
  if (!word) return false;
  return word === entity || entity.endsWith(`_${word}`) || inflect.singular(word) === entity;
}

/**
 * Reads every operation of the document in a stable order (paths as given, methods in {@link METHODS} order)
 * and decides its resource and shape.
 */
export function readOperations(doc: Json, source: SchemaSource, inflect: Inflector = new Inflector()): RawOperation[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const out: RawOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPointer = joinPointer("/paths", path);
    const resolved = source.resolve(rawItem, itemPointer);
    if (!resolved || !isObject(resolved.value)) continue;
    const pathItem = resolved.value;
    const segments = pathSegments(path);
    checkEntityExtension(pathItem, resolved.pointer, source, inflect);
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      const pointer = joinPointer(resolved.pointer, method);
      checkEntityExtension(op, pointer, source, inflect);
      const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [];
      const cleanId = typeof op.operationId === "string" && op.operationId
        ? cleanOperationId(op.operationId, path, method)
        : undefined;
      const raw: RawOperation = {
        method,
        path,
        pointer,
        op,
        pathItem,
        pathItemPointer: resolved.pointer,
        segments,
        tags,
        cleanId,
        shape: "action",
        actionSegments: [],
        infrastructure: false,
      };
      placeOperation(raw, inflect);
      out.push(raw);
    }
  }
  joinCollectionRoutes(out, inflect);
  return out;
}

/** A route's shape as text with parameters blanked: `servers/{}/zones/{}/metadata`. */
function routeKey(segments: Segment[]): string {
  return segments.map((s) => ("param" in s ? "{}" : s.literal)).join("/");
}

/**
 * Gives a collection route to the entity of its item routes when the tag and the path word disagree (tag
 * `zonemetadata` on `/zones/{id}/metadata` and `/zones/{id}/metadata/{kind}`, tag `Application` on `/app/` and
 * `/app/{app_id}/`): the path that lists and creates is the item path without its last parameter.
 */
function joinCollectionRoutes(raws: RawOperation[], inflect: Inflector): void {
  const itemEntity = new Map<string, Set<string>>();
  for (const raw of raws) {
    if (raw.shape !== "item" || raw.entity === undefined || explicitEntity(raw, inflect)) continue;
    const key = routeKey(raw.segments.slice(0, -1));
    const set = itemEntity.get(key) ?? new Set();
    set.add(raw.entity);
    itemEntity.set(key, set);
  }
  for (const raw of raws) {
    if (raw.shape !== "action" || raw.infrastructure || explicitEntity(raw, inflect)) continue;
    if (raw.method !== "get" && raw.method !== "post") continue;
    const last = raw.segments[raw.segments.length - 1];
    if (!last || !("literal" in last)) continue;
    const owners = itemEntity.get(routeKey(raw.segments));
    if (owners?.size !== 1) continue;
    raw.entity = [...owners][0];
    raw.shape = "collection";
    raw.actionSegments = [];
  }
}

function explicitEntity(raw: RawOperation, inflect: Inflector): boolean {
  return declaredEntity(raw.op, inflect) !== undefined || declaredEntity(raw.pathItem, inflect) !== undefined;
}

/**
 * The `x-entity` of an operation or path item when it is usable: a name of letters, digits, spaces, `_` and `-`
 * that starts with a letter and stays an identifier in snake_case. Anything else (`../../x`, "", a number) is
 * undefined, and {@link checkEntityExtension} reports it.
 *
 * @example
 * ```ts
 * import { declaredEntity } from "./paths.ts";
 * declaredEntity({ "x-entity": "Sales Order" }); // => "Sales Order"
 * declaredEntity({ "x-entity": "../../x" }); // => undefined
 * ```
 */
export function declaredEntity(node: Json, inflect: Inflector = new Inflector()): string | undefined {
  const value = node["x-entity"];
  if (typeof value !== "string" || !/^\p{L}[\p{L}\p{N} _-]*$/u.test(value)) return undefined;
  return /^[a-z][a-z0-9_]*$/.test(inflect.snakeCase(value)) ? value : undefined;
}

/** Warns about an `x-entity` that is there but unusable (it is then ignored). */
function checkEntityExtension(node: Json, pointer: string, source: SchemaSource, inflect: Inflector): void {
  if (!("x-entity" in node) || declaredEntity(node, inflect) !== undefined) return;
  source.warn(
    "model/bad-x-entity",
    `x-entity ${
      JSON.stringify(node["x-entity"])?.slice(0, 80) ?? String(node["x-entity"])
    } is not a usable entity name (letters, digits, spaces, _ and -, starting with a letter): it is ignored`,
    joinPointer(pointer, "x-entity"),
  );
}

/** Decides entity and shape of one operation from `x-entity`, its first tag and its path. */
function placeOperation(raw: RawOperation, inflect: Inflector): void {
  const { segments, op, pathItem } = raw;
  const first = segments.find((s): s is { literal: string } => "literal" in s);
  if ((first && isInfrastructure(first.literal)) || (raw.tags.length > 0 && isInfrastructure(raw.tags[0]))) {
    raw.infrastructure = true;
    return;
  }

  const explicit = declaredEntity(op, inflect) ?? declaredEntity(pathItem, inflect);
  const hinted = explicit
    ? inflect.plural(inflect.snakeCase(explicit))
    : raw.tags.length
    ? entityNameFromTag(raw.tags[0], inflect)
    : undefined;

  // the resource word of the path: the last literal followed by at most one parameter
  const n = segments.length;
  const last = segments[n - 1];
  const beforeLast = segments[n - 2];
  let resourceIndex = -1;
  let shape: Shape = "action";
  if (last && "literal" in last) {
    resourceIndex = n - 1;
    shape = "collection";
  } else if (last && "param" in last && beforeLast && "literal" in beforeLast) {
    resourceIndex = n - 2;
    shape = "item";
  } else if (
    last && "param" in last && beforeLast && "param" in beforeLast && n >= 3 && "literal" in segments[n - 3] &&
    raw.method !== "post"
  ) {
    // an item route ending in two parameters (`/unit/employee/{area_id}/{employee_id}`): the first scopes, the last
    // is the key of the word before them
    resourceIndex = n - 3;
    shape = "item";
  }
  // a literal `list` after a resource word (`/product/list/{area_id}`) names no resource: it lists the one before
  const listed = resourceIndex > 0 && /^list$/i.test((segments[resourceIndex] as { literal: string }).literal) &&
    "literal" in segments[resourceIndex - 1];
  if (listed && !explicit) {
    markAction(
      raw,
      inflect.plural(inflect.snakeCase((segments[resourceIndex - 1] as { literal: string }).literal)),
      inflect,
    );
    return;
  }
  const resource = resourceIndex >= 0 ? (segments[resourceIndex] as { literal: string }).literal : undefined;
  const afterParam = resourceIndex > 0 && "param" in segments[resourceIndex - 1];

  if (hinted && explicit) {
    raw.entity = hinted;
    if (!resource || !segmentNames(resource, hinted, inflect)) markAction(raw, hinted, inflect);
    else raw.shape = shape;
    return;
  }
  if (resource && hinted && segmentNames(resource, hinted, inflect)) {
    raw.entity = hinted;
    raw.shape = shape;
    return;
  }
  // a path word that is not the tag: a nested resource (`/accounts/{id}/contacts/{cid}`, `/projects/{id}/tasks`)
  // when it reads as one, else an action on the tagged (or enclosing) resource (`/orders/{id}/cancel`)
  if (resource && !isInfrastructure(resource)) {
    const nestedResource = shape === "item" ||
      (inflect.isPluralWord(resource) && (afterParam || !hinted || resourceIndex === 0));
    if (nestedResource) {
      raw.entity = inflect.plural(inflect.snakeCase(resource));
      raw.shape = shape;
      return;
    }
  }
  const owner = hinted ?? enclosingResource(segments, inflect);
  if (owner) markAction(raw, owner, inflect);
}

/** The resource an action path hangs under: the last literal that is followed by a parameter, else the first. */
function enclosingResource(segments: Segment[], inflect: Inflector): string | undefined {
  for (let i = segments.length - 2; i >= 0; i--) {
    const s = segments[i];
    if ("literal" in s && "param" in segments[i + 1]) return inflect.plural(inflect.snakeCase(s.literal));
  }
  const first = segments.find((s): s is { literal: string } => "literal" in s);
  return first ? inflect.plural(inflect.snakeCase(first.literal)) : undefined;
}

function markAction(raw: RawOperation, entity: string, inflect: Inflector): void {
  raw.entity = entity;
  raw.shape = "action";
  // the words after the entity's own segment (or after its item parameter) name the action
  const segs = raw.segments;
  let start = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if ("literal" in s && segmentNames(s.literal, entity, inflect)) {
      start = i + 1;
      if (segs[start] && "param" in segs[start]) start++;
    }
  }
  raw.actionSegments = segs.slice(start).flatMap((s) => ("literal" in s ? [s.literal] : []));
}
