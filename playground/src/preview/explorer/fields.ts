/**
 * How the explorer reads the model: which fields to show, filter and edit, and how form text becomes values.
 *
 * @module
 */
import { identifier, isSafeIdentifier, pascalCase } from "../../../../src/names/identifiers.ts";
import type { Entity, EntityModel, Property, Relationship, Schema } from "../../../../src/model/types.ts";

/** Refs resolved against the model's named schemas. */
export function resolve(model: EntityModel, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; current.kind === "ref" && hops < 20; hops++) {
    const ref = current;
    const target = model.schemas.find((s) => s.pointer === ref.pointer) ??
      model.schemas.find((s) => s.name === ref.name);
    if (!target) return { kind: "unknown" };
    current = ref.nullable ? { ...target.schema, nullable: true } as Schema : target.schema;
  }
  return current;
}

/** The properties of an object-like schema (refs followed, allOf parts merged). */
export function properties(
  model: EntityModel,
  schema: Schema | undefined,
): Property[] {
  if (!schema) return [];
  const resolved = resolve(model, schema);
  if (resolved.kind === "object") return resolved.properties;
  if (resolved.kind === "intersection") {
    return resolved.parts.flatMap((part) => properties(model, part));
  }
  return [];
}

/** The kind of input a field gets. */
export type InputKind =
  | "text"
  | "number"
  | "boolean"
  | "enum"
  | "json"
  | "reference";

/** One field of a form or filter. */
export interface FieldSpec {
  name: string;
  kind: InputKind;
  required: boolean;
  nullable: boolean;
  integer: boolean;
  /** For `enum`. */
  values: (string | number | boolean)[];
  /** For `reference`: the belongsTo relation whose foreign key this is. */
  relation?: Relationship;
  description?: string;
  format?: string;
  /** The spec's default, as form text. */
  defaultText?: string;
}

function defaultOf(property: Property): unknown {
  return property.schema.default;
}

/** The input a schema gets. */
export function fieldSpec(
  model: EntityModel,
  entity: Entity,
  property: Property,
): FieldSpec {
  const schema = resolve(model, property.schema);
  const relation = entity.relationships.find((r) => r.kind === "belongsTo" && r.foreignKey === property.name);
  const base = {
    name: property.name,
    required: property.required,
    nullable: schema.nullable === true,
    integer: schema.kind === "number" && schema.integer,
    values: [] as (string | number | boolean)[],
    ...(property.schema.description ?? schema.description
      ? { description: property.schema.description ?? schema.description }
      : {}),
    ...(schema.kind === "string" && schema.format ? { format: schema.format } : {}),
    ...(defaultOf(property) !== undefined ? { defaultText: inputText(defaultOf(property)) } : {}),
  };
  // a select of the target's rows, when the target can be listed
  if (
    relation &&
    model.entities.some((e) => e.name === relation.target && e.operations.list)
  ) {
    return { ...base, kind: "reference", relation };
  }
  switch (schema.kind) {
    case "number":
      return { ...base, kind: "number" };
    case "boolean":
      return { ...base, kind: "boolean" };
    case "enum":
      return {
        ...base,
        kind: "enum",
        values: schema.values.filter((v): v is string | number | boolean => v !== null),
      };
    case "string":
      return { ...base, kind: "text" };
    case "array":
    case "object":
    case "intersection":
    case "union":
      return { ...base, kind: "json" };
    default:
      return { ...base, kind: "text" };
  }
}

/** The fields of the create form. */
export function createFields(model: EntityModel, entity: Entity): FieldSpec[] {
  return properties(model, entity.schemas.create).map((p) => fieldSpec(model, entity, p));
}

/** The fields inline edit can change. */
export function updateFields(model: EntityModel, entity: Entity): FieldSpec[] {
  return properties(model, entity.schemas.update).map((p) => fieldSpec(model, entity, p));
}

const TIMESTAMPS = /^(created|updated|modified|deleted)(_at|At)$/;

/** The columns of the table: the item's simple fields but the key and timestamps, at most `max`. */
export function tableColumns(
  model: EntityModel,
  entity: Entity,
  max = 5,
): FieldSpec[] {
  const editable = new Set(
    properties(model, entity.schemas.update).map((p) => p.name),
  );
  const simple = entity.schemas.item.properties
    .filter((p) => p.name !== entity.primaryKey.name && !TIMESTAMPS.test(p.name))
    .map((p) => fieldSpec(model, entity, p))
    .filter((f) => f.kind !== "json");
  // what can be edited first, so inline edit has something to change
  simple.sort((a, b) => Number(editable.has(b.name)) - Number(editable.has(a.name)));
  return simple.slice(0, max).sort((a, b) => order(entity, a.name) - order(entity, b.name));
}

function order(entity: Entity, name: string): number {
  return entity.schemas.item.properties.findIndex((p) => p.name === name);
}

/**
 * The `where` filters: the list's path parameters that are fields (a nested list, `/accounts/{account_id}/contacts`:
 * required, the list cannot load without them), then its query filters that are fields of the item.
 */
export function filterFields(model: EntityModel, entity: Entity): FieldSpec[] {
  const item = new Map(entity.schemas.item.properties.map((p) => [p.name, p]));
  const out: FieldSpec[] = [];
  for (const param of entity.operations.list?.pathParams ?? []) {
    const name = item.has(param.name) ? param.name : item.has(param.identifier) ? param.identifier : undefined;
    if (name && !out.some((f) => f.name === name)) {
      out.push({
        ...fieldSpec(model, entity, item.get(name)!),
        required: true,
      });
    }
  }
  for (const f of entity.filters) {
    // a multi-value filter of a field (`?customer_id=…&customer_id=…`) is offered as a one-value filter; the key's
    // id set (`?id=…&id=…`) is how includes load rows, not a filter a person picks
    const idSet = f.name === entity.primaryKey.name && resolve(model, f.schema).kind === "array";
    if (!item.has(f.name) || idSet || out.some((o) => o.name === f.name)) continue;
    out.push({
      ...fieldSpec(model, entity, item.get(f.name)!),
      required: false,
    });
  }
  return out;
}

/** A readable label of a row: its name-like field, else its key. */
export function rowLabel(
  row: Record<string, unknown> | undefined,
  key: string,
): string {
  if (!row) return "—";
  for (
    const field of [
      "name",
      "title",
      "label",
      "number",
      "display_name",
      "full_name",
      "email",
      "sku",
      "code",
    ]
  ) {
    const value = row[field];
    if (typeof value === "string" && value !== "") return value;
  }
  return shortKey(row[key]);
}

/** A key short enough for a cell (uuids cut to their first 8 characters). */
export function shortKey(value: unknown): string {
  const text = String(value ?? "");
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(text) ? text.slice(0, 8) : text;
}

/** A cell's text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The value of a form input's text for a field (undefined: leave the field out). */
export function parseInput(field: FieldSpec, text: string): unknown {
  // empty: left out, or null for a required nullable field (a missing required one is Zod's to report)
  if (text === "") return field.required && field.nullable ? null : undefined;
  switch (field.kind) {
    case "number":
      return Number(text);
    case "boolean":
      return text === "true";
    case "enum":
      return field.values.find((v) => String(v) === text) ?? text;
    case "json":
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

/** The form text of a value. */
export function inputText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Field → message, from a Zod error (`issues`) or an API 422 body (`detail: [{loc, msg}]`). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = (error as { issues?: { path?: PropertyKey[]; message?: string }[] })
    ?.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      const field = String(issue.path?.[0] ?? "");
      const message = issue.message ?? "Invalid";
      out[field] ??= /received undefined$/.test(message) ? "Required" : message;
    }
    return out;
  }
  const detail = (error as { body?: { detail?: unknown } })?.body?.detail;
  if (Array.isArray(detail)) {
    for (const d of detail as { loc?: unknown[]; msg?: string }[]) {
      const field = String(d.loc?.at(-1) ?? "");
      out[field] ??= d.msg ?? "Invalid";
    }
  }
  return out;
}

/** One line for an error (ApiError: its message and the server's detail). */
export function errorText(error: unknown): string {
  if (!error) return "";
  const e = error as {
    message?: string;
    body?: { detail?: unknown };
    issues?: unknown[];
  };
  if (Array.isArray(e.issues)) {
    return `Invalid input (${e.issues.length} problem${e.issues.length === 1 ? "" : "s"})`;
  }
  const detail = e.body?.detail;
  const extra = typeof detail === "string" ? `: ${detail}` : "";
  return `${e.message ?? String(error)}${extra}`;
}

/** A custom operation the explorer offers on a row (`POST /orders/{order_id}/cancel` → "cancel"). */
export interface RowAction {
  /** The operation's name (`cancel`). */
  label: string;
  /** The generated hook (`useCancelOrder`). */
  hook: string;
  /** The variables' path keys: the last is the row's key, the others fields of the row (parent ids). */
  path: { key: string; field: string }[];
  /** The body to send: none, or `{}` when the body is required but has no required fields. */
  body?: Record<string, never>;
}

/**
 * The custom operations that can run on a row with no more input than the row: they answer with the entity, take
 * the row's key (and parent ids) in the path, no required query parameter, and no body that needs fields. Names
 * as the generator gives them (`use<Verb><Entity>`, variables keyed by the path parameters' binding names).
 */
export function rowActions(model: EntityModel, entity: Entity): RowAction[] {
  const fields = new Map(entity.schemas.item.properties.map((p) => [p.name, p]));
  const out: RowAction[] = [];
  for (const op of entity.customOperations) {
    if (!op.returnsEntity || op.queryParams.some((p) => p.required)) continue;
    const at = (name: string) => op.path.indexOf(`{${name}}`);
    const params = op.pathParams.filter((p) => at(p.name) >= 0).sort((a, b) => at(a.name) - at(b.name));
    if (params.length === 0) continue;
    const used = new Set<string>();
    const keyOf = (base: string) => {
      let candidate = base;
      for (let n = 2; used.has(candidate); n++) candidate = `${base}${n}`;
      used.add(candidate);
      return candidate;
    };
    const path = params.map((p, i) => ({
      key: keyOf(isSafeIdentifier(p.identifier) ? p.identifier : identifier(p.identifier)),
      field: i === params.length - 1
        ? entity.primaryKey.name
        : fields.has(p.name)
        ? p.name
        : fields.has(p.identifier)
        ? p.identifier
        : "",
    }));
    if (path.some((p) => p.field === "")) continue;
    const action: RowAction = {
      label: op.name,
      hook: `use${pascalCase(op.name) || "Run"}${entity.names.pascal}`,
      path,
    };
    if (op.requestBody?.required) {
      if (properties(model, op.requestBody.schema).some((p) => p.required)) continue;
      action.body = {};
    }
    out.push(action);
  }
  return out;
}
