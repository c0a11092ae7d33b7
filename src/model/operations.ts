/**
 * One raw operation → the {@link Operation} IR: parameters, request body, success response.
 *
 * @module
 */
import { identifier } from "../names/identifiers.ts";
import { joinPointer } from "../spec/diagnostics.ts";
import { Inflector } from "../names/inflect.ts";
import { NameScope } from "../names/scope.ts";
import { schemaFromExample } from "./examples.ts";
import { distinctWords } from "./operation_names.ts";
import type { RawOperation } from "./paths.ts";
import { parseSyncMode } from "./sync_mode.ts";
import { isObject, type SchemaConverter, type SchemaSource } from "./schema.ts";
import type { Operation, OperationKind, Parameter, Schema, SyncMode } from "./types.ts";

type Json = Record<string, unknown>;

/** The parts of an operation's success response we need. */
export interface SuccessResponse {
  status: string;
  /** Absent when the response has no body (204) . */
  contentType?: string;
  /** The converted body schema, for JSON bodies. */
  schema?: Schema;
  /** The schema was read from the response's example (the spec gives none). */
  inferred?: boolean;
}

const SUCCESS_ORDER = ["200", "201", "202", "203", "204", "206", "2XX", "2xx"];

/** True for `application/json` and `application/*+json` (with or without parameters). */
export function isJsonContentType(type: string): boolean {
  return /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i.test(type) || type.trim() === "*/*";
}

/** Picks the JSON entry of a `content` map, else its first entry. */
function pickContent(content: unknown): { type: string; media: Json } | undefined {
  if (!isObject(content)) return undefined;
  const keys = Object.keys(content);
  const json = keys.find((k) => /^application\/json\s*(;|$)/i.test(k)) ?? keys.find(isJsonContentType);
  const type = json ?? keys[0];
  if (type === undefined) return undefined;
  const media = content[type];
  return { type, media: isObject(media) ? media : {} };
}

/** The success response of an operation (200, then 201, … then `default`), converted. */
export function successResponse(
  raw: RawOperation,
  source: SchemaSource,
  schemas: SchemaConverter,
): SuccessResponse | undefined {
  const responses = raw.op.responses;
  if (!isObject(responses)) return undefined;
  const keys = Object.keys(responses);
  const status = SUCCESS_ORDER.find((s) => s in responses) ?? keys.filter((k) => /^2\d\d$/.test(k)).sort()[0] ??
    (keys.includes("default") ? "default" : undefined);
  if (status === undefined) return undefined;
  const pointer = joinPointer(raw.pointer, "responses", status);
  const resolved = source.resolve(responses[status], pointer);
  if (!resolved || !isObject(resolved.value)) return { status };
  const picked = pickContent(resolved.value.content);
  if (!picked) return { status };
  if (!isJsonContentType(picked.type)) return { status, contentType: picked.type };
  const misplaced = misplacedItems(picked.media.schema);
  if (misplaced !== undefined && raw.shape !== "action") {
    // `{type: object, items: X}`: JSON Schema ignores `items` on an object, so the schema says nothing as written;
    // what its author meant shows in the route: one X on an item route, a list of X on a collection route
    const schemaPointer = joinPointer(resolved.pointer, "content", picked.type, "schema");
    const asItem = raw.shape === "item";
    source.warn(
      "model/object-with-items",
      `This answer is typed \`object\` but declares \`items\`, which JSON Schema ignores on objects: read as ${
        asItem ? "its `items` schema (the item of this route)" : "an array of its `items`"
      }`,
      schemaPointer,
    );
    const schema = asItem
      ? schemas.convert(misplaced, joinPointer(schemaPointer, "items"))
      : schemas.convert({ type: "array", items: misplaced }, schemaPointer);
    return { status, contentType: picked.type, schema };
  }
  if (picked.media.schema === undefined || isBareObjectSchema(picked.media.schema)) {
    // issue 10: an answer documented by example only (or as a bare `{type: object}`) gives its shape from the example
    const inferred = schemaFromExample(picked.media.example);
    if (!inferred && picked.media.schema !== undefined) {
      const schemaPointer = joinPointer(resolved.pointer, "content", picked.type, "schema");
      return { status, contentType: picked.type, schema: schemas.convert(picked.media.schema, schemaPointer) };
    }
    if (!inferred) return { status, contentType: picked.type };
    const examplePointer = joinPointer(resolved.pointer, "content", picked.type, "example");
    return { status, contentType: picked.type, schema: schemas.convert(inferred, examplePointer), inferred: true };
  }
  const schemaPointer = joinPointer(resolved.pointer, "content", picked.type, "schema");
  return { status, contentType: picked.type, schema: schemas.convert(picked.media.schema, schemaPointer) };
}

/** `{type: "object"}` and nothing that says more (no properties, composition or reference). */
/** The `items` of a schema typed `object` (or untyped) that declares nothing else an object could use. */
function misplacedItems(schema: unknown): unknown {
  if (!isObject(schema) || !isObject(schema.items) || Array.isArray(schema.items)) return undefined;
  if (schema.type !== undefined && schema.type !== "object") return undefined;
  const objectKeywords = ["properties", "additionalProperties", "patternProperties", "allOf", "anyOf", "oneOf", "$ref"];
  return objectKeywords.some((k) => k in schema) ? undefined : schema.items;
}

function isBareObjectSchema(schema: unknown): boolean {
  return isObject(schema) && schema.type === "object" &&
    Object.keys(schema).every((k) => k === "type" || k === "description" || k === "example" || k === "title");
}

/**
 * The request body of an operation, converted (JSON, form or multipart). A GET body is ignored, with a warning:
 * `fetch` refuses to send one (Stripe's spec declares an empty form body on every GET).
 */
export function requestBody(
  raw: RawOperation,
  source: SchemaSource,
  schemas: SchemaConverter,
): Operation["requestBody"] {
  if (raw.op.requestBody === undefined) return undefined;
  const pointer = joinPointer(raw.pointer, "requestBody");
  if (raw.method === "get") {
    source.warn(
      "model/ignored-body",
      "A GET request cannot have a body (fetch refuses to send one): the requestBody is ignored",
      pointer,
    );
    return undefined;
  }
  const resolved = source.resolve(raw.op.requestBody, pointer);
  if (!resolved || !isObject(resolved.value)) return undefined;
  const picked = pickContent(resolved.value.content);
  if (!picked) return undefined;
  const schema: Schema = picked.media.schema === undefined
    ? { kind: "unknown" }
    : schemas.convert(picked.media.schema, joinPointer(resolved.pointer, "content", picked.type, "schema"));
  return { schema, required: resolved.value.required === true, contentType: picked.type };
}

/** Path-level and operation-level parameters merged (the operation's win), each converted. */
export function parameters(
  raw: RawOperation,
  source: SchemaSource,
  schemas: SchemaConverter,
  inflect: Inflector = new Inflector(),
): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const used = new NameScope();
  const lists: [unknown, string][] = [
    [raw.pathItem.parameters, joinPointer(raw.pathItemPointer, "parameters")],
    [raw.op.parameters, joinPointer(raw.pointer, "parameters")],
  ];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((p, i) => {
      const resolved = source.resolve(p, joinPointer(listPointer, i));
      if (!resolved || !isObject(resolved.value)) return;
      const v = resolved.value;
      const location = v.in;
      if (typeof v.name !== "string" || typeof location !== "string") {
        source.warn("model/bad-parameter", "Parameter without a name or location", resolved.pointer);
        return;
      }
      if (location !== "path" && location !== "query" && location !== "header" && location !== "cookie") return;
      let schema: Schema = { kind: "unknown" };
      // a parameter is often shared (a component, or one of a path item's methods): converted once
      if (v.schema !== undefined) schema = schemas.convertShared(v.schema, joinPointer(resolved.pointer, "schema"));
      else {
        const picked = pickContent(v.content);
        if (picked?.media.schema !== undefined) {
          schema = schemas.convertShared(
            picked.media.schema,
            joinPointer(resolved.pointer, "content", picked.type, "schema"),
          );
        }
      }
      byKey.set(`${location}:${v.name}`, {
        name: v.name,
        identifier: "",
        in: location,
        required: location === "path" || v.required === true,
        schema,
        ...(typeof v.description === "string" ? { description: v.description } : {}),
      });
    });
  }
  // path parameters in the order the path names them (one named twice, as Azure's `System.{location}/…/{location}`,
  // is one parameter); an undeclared one is still a string parameter
  const pathNames = [...new Set(raw.path.match(/\{[^{}]+\}/g)?.map((m) => m.slice(1, -1)) ?? [])];
  const ordered: Parameter[] = pathNames.map((name) =>
    byKey.get(`path:${name}`) ?? { name, identifier: "", in: "path", required: true, schema: { kind: "string" } }
  );
  for (const p of byKey.values()) if (p.in !== "path") ordered.push(p);
  for (const p of ordered) {
    p.identifier = used.claim(inflect.identifier(p.name, "camel"));
  }
  return ordered.filter((p) => p.in !== "path" || pathNames.includes(p.name));
}

/** Reads `x-sync-mode` (and the legacy `x-sync`) of an operation or its path item, with the upstream aliases. */
export function declaredSyncMode(raw: RawOperation, source: SchemaSource): SyncMode | undefined {
  for (const [node, pointer] of [[raw.op, raw.pointer], [raw.pathItem, raw.pathItemPointer]] as const) {
    const mode = node["x-sync-mode"];
    if (mode !== undefined) {
      const parsed = parseSyncMode(mode);
      if (parsed) return parsed;
      source.warn(
        "model/unknown-sync-mode",
        `Unknown x-sync-mode ${JSON.stringify(mode)}: expected optimistic, confirmed or an alias`,
        joinPointer(pointer, "x-sync-mode"),
      );
    }
    const legacy = node["x-sync"];
    if (isObject(legacy)) {
      if (legacy.local_first === true) return "optimistic";
      const parsed = parseSyncMode(legacy.mode);
      if (parsed) return parsed;
    }
  }
  return undefined;
}

/** Builds the Operation IR for one raw operation. */
export function buildOperation(
  raw: RawOperation,
  kind: OperationKind,
  name: string,
  source: SchemaSource,
  schemas: SchemaConverter,
  response: SuccessResponse | undefined,
  inflect: Inflector = new Inflector(),
): Operation {
  const params = parameters(raw, source, schemas, inflect);
  const body = requestBody(raw, source, schemas);
  const op = raw.op;
  const out: Operation = {
    id: typeof op.operationId === "string" && op.operationId ? op.operationId : `${raw.method} ${raw.path}`,
    name,
    kind,
    method: raw.method,
    path: raw.path,
    pathParams: params.filter((p) => p.in === "path"),
    queryParams: params.filter((p) => p.in === "query"),
    headerParams: params.filter((p) => p.in === "header"),
    returnsEntity: false,
    pointer: raw.pointer,
  };
  const cookies = params.filter((p) => p.in === "cookie");
  if (cookies.length > 0) out.cookieParams = cookies;
  if (body) out.requestBody = body;
  if (response?.schema && response.contentType) {
    out.response = { schema: response.schema, status: response.status, contentType: response.contentType };
  }
  if (typeof op.summary === "string" && op.summary) out.summary = op.summary;
  if (typeof op.description === "string" && op.description) out.description = op.description;
  if (op.deprecated === true) out.deprecated = true;
  const mode = declaredSyncMode(raw, source);
  if (mode) out.syncMode = mode;
  return out;
}

/**
 * A method name for an operation that is no CRUD slot: the operationId's words without the entity's own
 * (`transition_account_stage` on accounts → `transitionStage`), else the method and the action words.
 */
export function customOperationName(
  raw: RawOperation,
  entityWords: string[],
  registry: NameScope,
  entity?: string,
  inflect?: Inflector,
): string {
  const fromId = raw.cleanId ? wordsWithout(raw.cleanId, entityWords) : [];
  const fallback = [raw.method === "get" ? "get" : raw.method, ...raw.actionSegments];
  const chosen = fromId.length > 0
    ? fromId
    : (raw.actionSegments.length > 0 && raw.method === "post" ? raw.actionSegments : fallback);
  // issue 10: a taken or reserved first choice gets words that tell it apart (`getByCustomer`, not `get2`)
  const words = entity
    ? distinctWords(raw, chosen, entity, (n) => registry.has(n), inflect ?? new Inflector())
    : chosen;
  const base = identifier(words.join(" "), "camel");
  return registry.claim(base);
}

function wordsWithout(id: string, drop: string[]): string[] {
  // (the case split can only change an id with a capital)
  const ws = (/[A-Z]/.test(id) ? id.replace(/([a-z0-9])([A-Z])/g, "$1 $2") : id)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  const dropSet = new Set(drop);
  const kept = ws.filter((w) => !dropSet.has(w));
  return kept.length > 0 ? kept : [];
}
