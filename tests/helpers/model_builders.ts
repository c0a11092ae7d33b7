/**
 * Builders for hand-made entity models in tests: schema nodes (`s.object(…)`, `s.ref(…)`), parameters, operations
 * and entities with defaults for the fields a test does not care about.
 *
 * @module
 */
import type {
  Entity,
  ObjectSchema,
  Operation,
  Parameter,
  Property,
  Schema,
  SchemaMeta,
} from "../../src/model/types.ts";

/** Builders for schema nodes. */
export const s = {
  string: (meta: Omit<Extract<Schema, { kind: "string" }>, "kind"> = {}): Schema => ({ kind: "string", ...meta }),
  uuid: (meta: SchemaMeta = {}): Schema => ({ kind: "string", format: "uuid", ...meta }),
  int: (meta: Omit<Extract<Schema, { kind: "number" }>, "kind" | "integer"> = {}): Schema => ({
    kind: "number",
    integer: true,
    ...meta,
  }),
  number: (meta: Omit<Extract<Schema, { kind: "number" }>, "kind" | "integer"> = {}): Schema => ({
    kind: "number",
    integer: false,
    ...meta,
  }),
  boolean: (meta: SchemaMeta = {}): Schema => ({ kind: "boolean", ...meta }),
  enum: (values: (string | number | boolean | null)[], meta: SchemaMeta = {}): Schema => ({
    kind: "enum",
    values,
    ...meta,
  }),
  array: (items: Schema, meta: SchemaMeta & { minItems?: number; maxItems?: number } = {}): Schema => ({
    kind: "array",
    items,
    ...meta,
  }),
  ref: (name: string, meta: SchemaMeta = {}): Schema => ({
    kind: "ref",
    name,
    pointer: `#/components/schemas/${name}`,
    ...meta,
  }),
  union: (variants: Schema[], meta: SchemaMeta = {}): Schema => ({ kind: "union", variants, ...meta }),
  unknown: (): Schema => ({ kind: "unknown" }),
  object: (
    props: Record<string, [Schema, boolean?]>,
    additionalProperties: Schema | boolean = false,
    meta: SchemaMeta = {},
  ): ObjectSchema => ({
    kind: "object",
    properties: Object.entries(props).map(([name, [schema, required]]): Property => ({
      name,
      schema,
      required: required ?? false,
    })),
    additionalProperties,
    ...meta,
  }),
};

/** A parameter. */
export function param(name: string, where: Parameter["in"], schema: Schema, required = where === "path"): Parameter {
  const identifier = name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
  return { name, identifier, in: where, required, schema };
}

/** An operation with defaults for the fields a test does not care about. */
export function op(
  partial: Partial<Operation> & Pick<Operation, "id" | "name" | "kind" | "method" | "path">,
): Operation {
  return {
    pathParams: [],
    queryParams: [],
    headerParams: [],
    returnsEntity: false,
    pointer: `#/paths/${partial.path}`,
    ...partial,
  };
}

/** An entity with names derived from its plural (`order_items` → `OrderItem`). */
export function entity(
  plural: string,
  singular: string,
  pascal: string,
  partial: Partial<Entity> & Pick<Entity, "schemas">,
): Entity {
  const camelPlural = pascal.charAt(0).toLowerCase() + pascal.slice(1) + "s";
  return {
    name: plural,
    singular,
    pascalName: pascal,
    names: {
      pascal,
      pascalPlural: `${pascal}s`,
      camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
      camelPlural: camelPlural.endsWith("ys") ? camelPlural.replace(/ys$/, "ies") : camelPlural,
      fileSingular: singular.replace(/_/g, "-"),
      filePlural: plural.replace(/_/g, "-"),
    },
    primaryKey: { name: "id", type: "uuid" },
    syncMode: "optimistic",
    operations: {},
    customOperations: [],
    filters: [],
    relationships: [],
    pointer: `#/paths/~1${plural}`,
    ...partial,
  };
}
