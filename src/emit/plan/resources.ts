/**
 * What the collection, store and entity emitters share about each entity: its names (from
 * `resource_names.ts`), how each CRUD operation's
 * path parameters are filled, what the list operation can filter, sort and page by, and which
 * fields a create or update body has.
 *
 * Path parameters: an item path's last parameter is the row's key; every other parameter (a parent
 * id, `/accounts/{account_id}/contacts/{contact_id}`) is read from the row field of the same name
 * (or of the parameter's camelCase name). An operation with a parameter that maps to no field, or with a
 * required query parameter (but a list's) or body (but a create's or update's), or a nested create whose body is
 * no object (the parent ids cannot come beside it), cannot be driven from rows, so the data layer does not use it
 * (it stays in the client).
 *
 * @module
 */
import type { Entity, EntityModel, Operation, Parameter, Property, Schema } from "../../model/types.ts";
import { NameScope } from "../../names/scope.ts";
import type { EntityDecls, SchemaPlan } from "./schemas.ts";
import { resolveRef } from "./views.ts";
import { identifier, pascalCase } from "../../names/identifiers.ts";
import { bindingName, planResourceNames, type ResourceNames } from "./resource_names.ts";

/** One path parameter of an operation and where its value comes from. */
export interface PathArg {
  param: Parameter;
  /** `key`: the row's key; a field name: that field of the row (a parent id). */
  source: { kind: "key" } | { kind: "field"; field: string };
}

/** An operation the data layer drives, with its path arguments in call order. */
export interface DrivenOperation {
  op: Operation;
  path: PathArg[];
}

/** What the list operation can do with a subset's filters, sort and paging. */
export interface ListPlan extends DrivenOperation {
  /** Row field → query parameter, equality. */
  eq: [string, string][];
  /** Row field → query parameter taking a list. */
  in: [string, string][];
  /** Required query parameters. */
  required: string[];
  sort?: { param: string; direction?: { param: string; asc: string; desc: string }; values?: string[] };
  limit?: string;
  offset?: string;
  /** The page size to ask for when every row is needed: the limit parameter's default, else its maximum. */
  pageSize?: number;
  /** The limit parameter's maximum. */
  maxLimit?: number;
  /**
   * Cursor paging: the query parameter that takes a cursor, and the field of the list's wrapper that holds the next
   * one (`null` or missing after the last page).
   */
  cursor?: { param: string; next: string };
}

/** A create or update operation with its JSON body's fields. */
export interface BodyOperation extends DrivenOperation {
  /** The body's top-level properties, or undefined when it is not an object (sent as it is). */
  fields?: string[];
}

/** A custom operation that answers with the entity, driven by a mutation hook. */
export interface CustomPlan {
  op: Operation;
  /** The client method, e.g. `cancel`. */
  method: string;
  /** The arguments of the client call in order, as variable keys. */
  args: { key: string; kind: "path" | "body" | "params"; optional: boolean }[];
  /** `useCancelOrder`. */
  hook: string;
  /** `cancelOrder`. */
  fn: string;
  /** `CancelOrderVariables`. */
  variables: string;
}

/** Everything the emitters know about one entity. */
export interface Resource {
  entity: Entity;
  decls: EntityDecls;
  names: ResourceNames;
  /** The primary key field. */
  key: string;
  /** Item properties by name. */
  fields: Map<string, Property>;
  list?: ListPlan;
  get?: DrivenOperation;
  create?: BodyOperation;
  /** `full`: a replacement (`PUT`); `required`: the fields its body must have (the spec's `required`). */
  update?: BodyOperation & { full: boolean; required: string[] };
  delete?: DrivenOperation;
  customs: CustomPlan[];
}

/** The resources of a model and the allocator their names came from. */
export interface ResourcePlan {
  resources: Resource[];
  /** Entity name → resource. */
  byName: Map<string, Resource>;
  /** Names exported by the schemas and the client (a re-export of ours with one of these would clash). */
  taken: (name: string) => boolean;
  /** The allocator every name above came from (with the schema, client and fixed names taken). */
  names: NameScope;
}

const CURSOR_PARAMS = [
  "cursor",
  "after",
  "starting_after",
  "page_token",
  "pageToken",
  "next_token",
  "nextToken",
  "continuation_token",
  "continuationToken",
];
const NEXT_CURSOR_FIELDS = [
  "next_cursor",
  "nextCursor",
  "next_page_token",
  "nextPageToken",
  "next_token",
  "nextToken",
  "continuation_token",
  "continuationToken",
  "cursor",
];
const SORT_PARAMS = ["sort", "sort_by", "sortBy", "order_by", "orderBy", "ordering"];
const DIRECTION_PARAMS = ["order", "sort_order", "sortOrder", "sort_dir", "sortDir", "direction", "dir"];

/**
 * Plans the resources of a model on a schema plan (the plan's name allocator is not changed).
 *
 * @example
 * ```ts
 * import { planSchemas } from "./schemas.ts";
 * import { planResources } from "./resources.ts";
 * const model = { title: "", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * planResources(model, planSchemas(model)).resources.length; // => 0
 * ```
 */
export function planResources(model: EntityModel, plan: SchemaPlan): ResourcePlan {
  const naming = planResourceNames(model, plan);
  const resources: Resource[] = [];
  for (const entity of model.entities) {
    const decls = plan.entities.get(entity.name);
    if (!decls) continue;
    const { names: resourceNames, pascal } = naming.name(entity, decls);
    const item = decls.item.schema;
    const fields = new Map(item.kind === "object" ? item.properties.map((p) => [p.name, p]) : []);
    const resource: Resource = {
      entity,
      decls,
      names: resourceNames,
      key: entity.primaryKey.name,
      fields,
      customs: [],
    };
    const ops = entity.operations;
    resource.list = ops.list && listPlan(ops.list, entity, fields, plan.named);
    resource.get = ops.get && driven(ops.get, fields, true);
    if (ops.create && decls.create && isJsonBody(ops.create)) {
      const d = driven(ops.create, fields, false);
      // the parent ids of the path come with the input, beside the body's fields: so the body must be an object
      const parents = d !== undefined && d.path.length > 0;
      if (d && (!parents || isObjectLike(decls.create.schema, plan.named))) {
        resource.create = { ...d, fields: objectFields(decls.create.schema) };
      }
    }
    if (ops.update && decls.update && isJsonBody(ops.update)) {
      const d = driven(ops.update, fields, true);
      if (d) {
        const full = ops.update.method === "put";
        const fields = objectFields(decls.update.schema);
        // the update schema makes every field optional; a full replacement must still send what its body requires
        const raw = resolveRef(ops.update.requestBody!.schema, plan.named);
        const required = full && raw?.kind === "object" && fields
          ? raw.properties.filter((p) => p.required && fields.includes(p.name)).map((p) => p.name)
          : [];
        resource.update = { ...d, fields, full, required };
      }
    }
    resource.delete = ops.delete && driven(ops.delete, fields, true);
    resource.customs = customPlans(entity, pascal, naming.names);
    resources.push(resource);
  }
  return {
    resources,
    byName: new Map(resources.map((r) => [r.entity.name, r])),
    taken: naming.taken,
    names: naming.names,
  };
}

/**
 * Path parameters that occur in the path, in the order they occur (the client's argument order).
 *
 * @example
 * ```ts
 * import { pathParams } from "./resources.ts";
 * const p = (name: string) => ({ name, identifier: name, in: "path" as const, required: true, schema: { kind: "string" as const } });
 * pathParams({ path: "/a/{x}/b/{y}", pathParams: [p("y"), p("x")] }).map((q) => q.name); // => ["x", "y"]
 * ```
 */
export function pathParams(op: Pick<Operation, "path" | "pathParams">): Parameter[] {
  const at = (p: Parameter) => op.path.indexOf(`{${p.name}}`);
  return op.pathParams.filter((p) => at(p) >= 0).sort((a, b) => at(a) - at(b));
}

/** The row field a parent path parameter names, if any. */
function fieldFor(param: Parameter, fields: Map<string, Property>): string | undefined {
  if (fields.has(param.name)) return param.name;
  if (fields.has(param.identifier)) return param.identifier;
  return undefined;
}

/**
 * The path arguments of an operation: for an item operation the last parameter is the key, the
 * others parent fields. Undefined when a parent parameter maps to no field, or when the operation needs
 * what the data layer does not send: a required query parameter (but a list's, which come from the query), or a
 * required body of a read or delete.
 */
function driven(op: Operation, fields: Map<string, Property>, item: boolean): DrivenOperation | undefined {
  if (op.kind !== "list" && op.queryParams.some((p) => p.required)) return undefined;
  if (op.kind !== "create" && op.kind !== "update" && op.requestBody?.required) return undefined;
  const params = pathParams(op);
  const path: PathArg[] = [];
  for (const [i, param] of params.entries()) {
    if (item && i === params.length - 1) {
      path.push({ param, source: { kind: "key" } });
      continue;
    }
    const field = fieldFor(param, fields);
    if (field === undefined) return undefined;
    path.push({ param, source: { kind: "field", field } });
  }
  if (item && params.length === 0) return undefined; // an item operation without the item's id
  return { op, path };
}

function isJsonBody(op: Operation): boolean {
  const rb = op.requestBody;
  if (!rb) return false;
  const ct = rb.contentType.toLowerCase();
  if (ct === "multipart/form-data" || ct === "application/x-www-form-urlencoded") return false;
  return ct === "" || /json/.test(ct);
}

/** True when a value of the schema is always an object (or `null`), which `{ ...value }` can spread. */
function isObjectLike(schema: Schema, named: SchemaPlan["named"], depth = 0): boolean {
  const s = resolveRef(schema, named);
  if (!s || depth > 16) return false;
  if (s.kind === "object" || s.kind === "null") return true;
  if (s.kind === "union") return s.variants.every((v) => isObjectLike(v, named, depth + 1));
  if (s.kind === "intersection") return s.parts.some((p) => isObjectLike(p, named, depth + 1));
  return false;
}

function objectFields(schema: Schema): string[] | undefined {
  return schema.kind === "object" ? schema.properties.map((p) => p.name) : undefined;
}

function listPlan(
  op: Operation,
  entity: Entity,
  fields: Map<string, Property>,
  named: SchemaPlan["named"],
): ListPlan | undefined {
  const base = driven(op, fields, false);
  if (!base) return undefined;
  const plan: ListPlan = { ...base, eq: [], in: [], required: [] };
  const params = entity.filters.length ? entity.filters : op.queryParams;
  const byName = new Map(params.map((p) => [p.name, p]));
  for (const p of params) {
    if (p.required) plan.required.push(p.name);
    const kind = p.schema.kind;
    if (p.name === "limit" && kind === "number") {
      plan.limit = p.name;
      const schema = p.schema as Extract<Schema, { kind: "number" }>;
      const size = typeof schema.default === "number" ? schema.default : schema.maximum;
      if (size !== undefined && Number.isInteger(size) && size > 0) plan.pageSize = size;
      if (schema.maximum !== undefined && Number.isFinite(schema.maximum)) plan.maxLimit = schema.maximum;
      continue;
    }
    if ((p.name === "offset" || p.name === "skip") && kind === "number") {
      plan.offset = p.name;
      continue;
    }
    if (CURSOR_PARAMS.includes(p.name) && kind === "string" && !fields.has(p.name)) {
      const next = nextCursorField(op, named);
      if (next !== undefined) plan.cursor = { param: p.name, next };
      continue;
    }
    if (SORT_PARAMS.includes(p.name) && (kind === "string" || kind === "enum") && !fields.has(p.name)) {
      const values = p.schema.kind === "enum"
        ? p.schema.values.filter((v): v is string => typeof v === "string")
        : undefined;
      plan.sort = { param: p.name, ...(values ? { values } : {}) };
      continue;
    }
    if (kind === "array") {
      const field = fields.has(p.name)
        ? p.name
        : [p.name.replace(/(__in|_in|s)$/, ""), p.name.replace(/(__in|_in)$/, "")].find((f) => f && fields.has(f));
      if (field !== undefined && !plan.in.some(([f]) => f === field)) plan.in.push([field, p.name]);
      continue;
    }
    if (fields.has(p.name) && kind !== "object") plan.eq.push([p.name, p.name]);
  }
  if (plan.sort) {
    for (const name of DIRECTION_PARAMS) {
      const p = byName.get(name);
      if (!p || p.schema.kind !== "enum" || fields.has(name)) continue;
      const values = p.schema.values.filter((v): v is string => typeof v === "string");
      const asc = values.find((v) => v.toLowerCase() === "asc");
      const desc = values.find((v) => v.toLowerCase() === "desc");
      if (asc !== undefined && desc !== undefined) {
        plan.sort.direction = { param: name, asc, desc };
        break;
      }
    }
  }
  return plan;
}

/** The field of a list's wrapper (`{ data, next_cursor }`, not nested) that holds the next page's cursor. */
function nextCursorField(op: Operation, named: SchemaPlan["named"]): string | undefined {
  if (op.listWrapper === undefined || op.listWrapperParents?.length || !op.response?.schema) return undefined;
  const wrapper = resolveRef(op.response.schema, named);
  if (wrapper?.kind !== "object") return undefined;
  const names = new Set(wrapper.properties.map((p) => p.name));
  return NEXT_CURSOR_FIELDS.find((name) => names.has(name) && name !== op.listWrapper);
}

function customPlans(entity: Entity, pascal: string, names: NameScope): CustomPlan[] {
  const out: CustomPlan[] = [];
  for (const op of entity.customOperations) {
    if (!op.returnsEntity) continue;
    const method = op.name;
    const local = new NameScope();
    const keyOf = (base: string) => local.claim(base);
    const args: CustomPlan["args"] = pathParams(op).map((p) => ({
      key: keyOf(bindingName(p.identifier)),
      kind: "path",
      optional: false,
    }));
    if (op.requestBody) args.push({ key: keyOf("body"), kind: "body", optional: op.requestBody.required === false });
    if (op.queryParams.length) {
      args.push({ key: keyOf("params"), kind: "params", optional: !op.queryParams.some((p) => p.required) });
    }
    // `Variables` types start with the verb: one that starts with a digit (an operation `0a`) needs a word before it
    const pascalVerb = pascalCase(op.name);
    const verb = pascalVerb === "" ? "Run" : /^[0-9]/.test(pascalVerb) ? `Run${pascalVerb}` : pascalVerb;
    out.push({
      op,
      method,
      args,
      hook: names.claim(`use${verb}${pascal}`),
      fn: names.claim(`${identifier(op.name)}${pascal}`),
      variables: names.claim(`${verb}${pascal}Variables`),
    });
  }
  return out;
}

/**
 * A literal placeholder for a required item field that a create input does not give: the field's
 * default, else an empty value of its type, so that an optimistic row renders like a real one until
 * the server's row replaces it. `undefined` when there is no sensible placeholder.
 *
 * @example
 * ```ts
 * import { placeholder } from "./resources.ts";
 * placeholder({ kind: "string", format: "date-time" }, new Map()); // => "new Date().toISOString()"
 * placeholder({ kind: "number", integer: true }, new Map()); // => "0"
 * ```
 */
export function placeholder(
  schema: Schema,
  named: SchemaPlan["named"],
  literal: (value: unknown) => string = JSON.stringify,
  depth = 0,
): string | undefined {
  if (schema.default !== undefined) return literal(schema.default);
  if (schema.nullable) return "null";
  if (depth > 8) return undefined;
  switch (schema.kind) {
    case "string":
      if (schema.format === "date-time") return "new Date().toISOString()";
      if (schema.format === "date") return "new Date().toISOString().slice(0, 10)";
      if (schema.format === "uuid") return "crypto.randomUUID()";
      return '""';
    case "number":
      return "0";
    case "boolean":
      return "false";
    case "null":
      return "null";
    case "enum": {
      const first = schema.values[0];
      return first === undefined ? undefined : literal(first);
    }
    case "array":
      return "[]";
    case "object":
      return "{}";
    case "ref": {
      const target = resolveRef(schema, named);
      return target ? placeholder(target, named, literal, depth + 1) : undefined;
    }
    case "union": {
      for (const v of schema.variants) {
        const p = placeholder(v, named, literal, depth + 1);
        if (p !== undefined) return p;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
