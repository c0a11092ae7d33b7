/**
 * The intermediate representation between the spec and the emitters.
 *
 * The model stage turns a resolved OpenAPI document into these types; emitters only read
 * them. Every name an emitter prints (type names, hook names, file names) is decided here,
 * once, by the naming module, so that emitters never derive names from spec text themselves.
 *
 * @module
 */

/** How an entity's writes reach the screen: at once (`optimistic`) or after the server confirms (`confirmed`). */
export type SyncMode = "optimistic" | "confirmed";

/** The kind of an entity's primary key, which flows into keys, paths and hook signatures. */
export type PrimaryKeyType = "uuid" | "string" | "integer";

/** What every schema node may carry besides its kind. */
export interface SchemaMeta {
  /** Free text from the spec; emitters escape it for the place it lands. */
  description?: string;
  /** `null` is allowed besides the node's own values (3.0 `nullable`, 3.1 `type: [X, "null"]`, `anyOf [X, null]`). */
  nullable?: boolean;
  /** Sent by the server only: left out of create and update schemas. */
  readOnly?: boolean;
  /** Sent by the client only: left out of the item schema. */
  writeOnly?: boolean;
  /** The spec's `default`, as JSON. */
  default?: unknown;
  /** The spec marks it deprecated. */
  deprecated?: boolean;
  /** An explicit foreign-key annotation on the field (`x-relationship`, or `x-ui-reference`). */
  reference?: { entity: string; source: "x-relationship" | "x-ui-reference" };
}

/** A string, with its format (`uuid`, `date-time`, `email`, …) and limits. */
export interface StringSchema extends SchemaMeta {
  kind: "string";
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** A number; `integer` for OpenAPI `type: integer`. */
export interface NumberSchema extends SchemaMeta {
  kind: "number";
  integer: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

/** `true` or `false`. */
export interface BooleanSchema extends SchemaMeta {
  kind: "boolean";
}

/** Only `null`. */
export interface NullSchema extends SchemaMeta {
  kind: "null";
}

/** A closed set of literal values (`enum`, or `const` as a one-value enum). */
export interface EnumSchema extends SchemaMeta {
  kind: "enum";
  values: (string | number | boolean | null)[];
}

/** A list of `items`. */
export interface ArraySchema extends SchemaMeta {
  kind: "array";
  items: Schema;
  minItems?: number;
  maxItems?: number;
}

/** One property of an object schema. */
export interface Property {
  /** The name exactly as in the spec (emitters quote it when it is not an identifier). */
  name: string;
  schema: Schema;
  required: boolean;
}

/** An object with known properties and a rule for the others. */
export interface ObjectSchema extends SchemaMeta {
  kind: "object";
  properties: Property[];
  /** `false`: no others (passthrough is not enforced); `true`: any; a schema: others of that shape. */
  additionalProperties: Schema | boolean;
}

/** One of several shapes (`oneOf` / `anyOf` that is not just "X or null"). */
export interface UnionSchema extends SchemaMeta {
  kind: "union";
  variants: Schema[];
}

/** All of several shapes, where `allOf` could not be merged into one object. */
export interface IntersectionSchema extends SchemaMeta {
  kind: "intersection";
  parts: Schema[];
}

/** A named schema of {@link EntityModel.schemas}, referenced by its unique `name`. */
export interface RefSchema extends SchemaMeta {
  kind: "ref";
  name: string;
  /** JSON pointer of the component it refers to (the stable identity; `name` is for printing). */
  pointer: string;
}

/** Anything (no type given, or a construct we do not model). */
export interface UnknownSchema extends SchemaMeta {
  kind: "unknown";
}

/** A schema node: a union keyed on `kind`, so emitters can switch exhaustively. */
export type Schema =
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | NullSchema
  | EnumSchema
  | ArraySchema
  | ObjectSchema
  | UnionSchema
  | IntersectionSchema
  | RefSchema
  | UnknownSchema;

/** A component schema that the model refers to by name (reused, or recursive). */
export interface NamedSchema {
  /** Unique PascalCase identifier-safe name, e.g. `Address` (emitted as `AddressSchema` / type `Address`). */
  name: string;
  /** The component's key in the spec, e.g. `Address-Input`. */
  sourceName: string;
  /** JSON pointer of the component. */
  pointer: string;
  schema: Schema;
  /** Emitted in this entity's schema file (by entity name), or in the shared file when absent. */
  owner?: string;
  /**
   * Set when this component IS one of its owner's own schemas (`item` → `<Pascal>`, `create` →
   * `<Pascal>Create`, `update` → `<Pascal>Update`): emitters print it once, as the entity's schema, under
   * this same name, and refs to it point there.
   */
  entityRole?: "item" | "create" | "update";
}

/** HTTP methods we classify. */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** A path, query or header parameter. */
export interface Parameter {
  /** The name as in the spec (the wire name). */
  name: string;
  /** Identifier-safe camelCase name for emitted code. */
  identifier: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Schema;
  description?: string;
}

/** What an operation does to its entity. */
export type OperationKind = "list" | "get" | "create" | "update" | "delete" | "custom";

/** One HTTP operation of the spec. */
export interface Operation {
  /** The spec's `operationId`, or one made from method and path. */
  id: string;
  /** Identifier-safe camelCase method name in the client (`list`, `get`, `cancel`, `getStages`). */
  name: string;
  kind: OperationKind;
  method: HttpMethod;
  /** The path template as in the spec, e.g. `/api/v1/orders/{order_id}`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  requestBody?: { schema: Schema; required: boolean; contentType: string };
  /** The success response body; absent for 204 and for non-JSON answers. */
  response?: { schema: Schema; status: string; contentType: string };
  /** The response is the owning entity's item (so a hook can merge it into the collection). */
  returnsEntity: boolean;
  /** For `list`: the array property of a wrapper object (`items`, `data`, …), absent for a bare array. */
  listWrapper?: string;
  /** The response wraps the entity item in this property (`{ account: {...}, activities: [...] }`). */
  responseItemProperty?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  syncMode?: SyncMode;
  /** JSON pointer of the operation object. */
  pointer: string;
}

/** A relation between two entities, seen from one side. */
export interface Relationship {
  /** Clash-free property name on the entity, e.g. `customer` or `orders`. */
  name: string;
  kind: "belongsTo" | "hasMany";
  /** The other entity's `name` (plural). */
  target: string;
  /** The foreign-key field: on this entity for belongsTo, on the target for hasMany. */
  foreignKey: string;
  /** The foreign key may be null (an order without a customer). */
  nullable: boolean;
  /** What the relationship was found from. */
  source: "x-relationship" | "x-ui-reference" | "naming";
}

/** The names an emitter prints for one entity, all decided by the naming module. */
export interface EntityNames {
  /** `Order`: types and schema names. */
  pascal: string;
  /** `Orders`: list hook suffix. */
  pascalPlural: string;
  /** `order`: variables. */
  camel: string;
  /** `orders`: collection and api object names. */
  camelPlural: string;
  /** `order-item`: the schema file stem. */
  fileSingular: string;
  /** `order-items`: the collection and entity file stem. */
  filePlural: string;
}

/** A REST resource with CRUD operations and an item schema. */
export interface Entity {
  /** Plural resource name, lower case, e.g. `orders`, `order_items`. Unique in the model. */
  name: string;
  /** Singular, e.g. `order`; also the broadcast channel. */
  singular: string;
  /** `Order`. */
  pascalName: string;
  names: EntityNames;
  primaryKey: { name: string; type: PrimaryKeyType };
  syncMode: SyncMode;
  operations: Partial<Record<Exclude<OperationKind, "custom">, Operation>>;
  customOperations: Operation[];
  schemas: {
    /** The item as the server sends it (always an object schema). */
    item: ObjectSchema;
    /** The body of create, when there is a create operation. */
    create?: Schema;
    /** The body of update, when there is an update operation. */
    update?: Schema;
  };
  /** List query parameters, which become typed filters. */
  filters: Parameter[];
  relationships: Relationship[];
  description?: string;
  /** Where the entity was first seen (a path item). */
  pointer: string;
}

/** The whole resolved model of a spec. */
export interface EntityModel {
  title: string;
  version: string;
  openapi: string;
  entities: Entity[];
  /** Named schemas that entities and operations refer to with `ref` nodes. */
  schemas: NamedSchema[];
  /** Operations that belong to no entity (and are not infrastructure). */
  operations: Operation[];
}

/** An entity as a node of the relationship graph. */
export interface GraphNode {
  id: string;
  label: string;
  syncMode: SyncMode;
}

/** A belongsTo relationship as an edge (hasMany is its inverse, so it is not drawn twice). */
export interface GraphEdge {
  from: string;
  to: string;
  kind: "belongsTo";
  name: string;
  /** The inverse hasMany relation's name on `to`. */
  inverseName: string;
  foreignKey: string;
  nullable: boolean;
}

/** Entities and their relationships. */
export interface RelationshipGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
