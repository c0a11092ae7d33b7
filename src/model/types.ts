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
  /** The schema kind. */
  kind: "string";
  /** OpenAPI `format`, e.g. `uuid`, `date-time`, `email`. */
  format?: string;
  /** Shortest allowed length. */
  minLength?: number;
  /** Longest allowed length. */
  maxLength?: number;
  /** A regular expression the value must match (ECMA-262 syntax, as the spec gives it). */
  pattern?: string;
}

/** A number; `integer` for OpenAPI `type: integer`. */
export interface NumberSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "number";
  /** Whole numbers only (`type: integer`). */
  integer: boolean;
  /** Smallest allowed value. */
  minimum?: number;
  /** Largest allowed value. */
  maximum?: number;
  /** Values must be greater than this. */
  exclusiveMinimum?: number;
  /** Values must be less than this. */
  exclusiveMaximum?: number;
  /** Values must be a multiple of this. */
  multipleOf?: number;
}

/** `true` or `false`. */
export interface BooleanSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "boolean";
}

/** Only `null`. */
export interface NullSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "null";
}

/** A closed set of literal values (`enum`, or `const` as a one-value enum). */
export interface EnumSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "enum";
  /** The allowed values, exactly as in the spec. */
  values: (string | number | boolean | null)[];
}

/** A list of `items`. */
export interface ArraySchema extends SchemaMeta {
  /** The schema kind. */
  kind: "array";
  /** The schema of each element. */
  items: Schema;
  /** Fewest allowed elements. */
  minItems?: number;
  /** Most allowed elements. */
  maxItems?: number;
}

/** One property of an object schema. */
export interface Property {
  /** The name exactly as in the spec (emitters quote it when it is not an identifier). */
  name: string;
  /** The property's schema. */
  schema: Schema;
  /** The property must be present. */
  required: boolean;
}

/** An object with known properties and a rule for the others. */
export interface ObjectSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "object";
  /** Known properties, in spec order. */
  properties: Property[];
  /** `false`: no others (passthrough is not enforced); `true`: any; a schema: others of that shape. */
  additionalProperties: Schema | boolean;
}

/** One of several shapes (`oneOf` / `anyOf` that is not just "X or null"). */
export interface UnionSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "union";
  /** The alternatives. */
  variants: Schema[];
}

/** All of several shapes, where `allOf` could not be merged into one object. */
export interface IntersectionSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "intersection";
  /** The shapes that must all hold. */
  parts: Schema[];
}

/** A named schema of {@link EntityModel.schemas}, referenced by its unique `name`. */
export interface RefSchema extends SchemaMeta {
  /** The schema kind. */
  kind: "ref";
  /** The named schema's final name (`Customer`), for printing. */
  name: string;
  /** JSON pointer of the component it refers to (the stable identity; `name` is for printing). */
  pointer: string;
}

/** Anything (no type given, or a construct we do not model). */
export interface UnknownSchema extends SchemaMeta {
  /** The schema kind. */
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
  /** The property's schema. */
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
  /** Where the parameter goes. */
  in: "path" | "query" | "header" | "cookie";
  /** The property must be present. */
  required: boolean;
  /** The property's schema. */
  schema: Schema;
  /** The spec's description. */
  description?: string;
}

/** How one security scheme of the spec sends its credential (`scheme` is its name in `securitySchemes`). */
export type SecurityScheme =
  | { scheme: string; type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { scheme: string; type: "bearer" }
  | { scheme: string; type: "basic" };

/** What an operation does to its entity. */
export type OperationKind = "list" | "get" | "create" | "update" | "delete" | "custom";

/** One HTTP operation of the spec. */
export interface Operation {
  /** The spec's `operationId`, or one made from method and path. */
  id: string;
  /**
   * Identifier-safe camelCase method name in the client (`list`, `get`, `cancel`, `getStages`), unique within its
   * entity: CRUD operations are named by their kind, and custom ones never take a CRUD name.
   */
  name: string;
  /** The CRUD slot, or `custom`. */
  kind: OperationKind;
  /** The HTTP method. */
  method: HttpMethod;
  /** The path template as in the spec, e.g. `/api/v1/orders/{order_id}`. */
  path: string;
  /** Path parameters, in the order the path names them (parent ids first, the item id last). */
  pathParams: Parameter[];
  /** Query parameters. */
  queryParams: Parameter[];
  /** Header parameters. */
  headerParams: Parameter[];
  /** Cookie parameters (absent when there are none). */
  cookieParams?: Parameter[];
  /**
   * The security the operation asks for: alternatives, each a list of schemes sent together; `[]` for none. Absent
   * when the spec declares no `security` at all for it (the client then sends `getAuthToken`'s bearer token).
   */
  security?: SecurityScheme[][];
  /** The request body and its media type. */
  requestBody?: { schema: Schema; required: boolean; contentType: string };
  /** The success response body; absent for 204 and for non-JSON answers. */
  response?: { schema: Schema; status: string; contentType: string };
  /** The response is the owning entity's item (so a hook can merge it into the collection). */
  returnsEntity: boolean;
  /** For `list`: the array property of a wrapper object (`items`, `data`, …), absent for a bare array. */
  listWrapper?: string;
  /**
   * For `list`: where `listWrapper` sits when it is nested, outermost first (`["_embedded"]` for a HAL list
   * `{ _embedded: { legs: [...] } }`); absent when it is a property of the answer itself.
   */
  listWrapperParents?: string[];
  /** The response wraps the entity item in this property (`{ account: {...}, activities: [...] }`). */
  responseItemProperty?: string;
  /** The spec's one-line summary. */
  summary?: string;
  /** The spec's description. */
  description?: string;
  /** The spec marks it deprecated. */
  deprecated?: boolean;
  /** The sync mode the operation or its path item declares, if any. */
  syncMode?: SyncMode;
  /** JSON pointer of the operation object. */
  pointer: string;
}

/** A relation between two entities, seen from one side. */
export interface Relationship {
  /** Clash-free property name on the entity, e.g. `customer` or `orders`. */
  name: string;
  /** belongsTo: this entity holds the foreign key; hasMany: the target does. */
  kind: "belongsTo" | "hasMany";
  /** The other entity's `name` (plural). */
  target: string;
  /** The foreign-key field: on this entity for belongsTo, on the target for hasMany. */
  foreignKey: string;
  /**
   * The field the foreign key refers to, when it is not the referenced entity's primary key
   * (`lago_customer_id` → `customers.lago_id`, `plan_code` → `plans.code`): on the target for belongsTo, on this
   * entity for hasMany. Absent: the primary key.
   */
  targetField?: string;
  /** The foreign key may be null (an order without a customer). */
  nullable: boolean;
  /** What the relationship was found from. */
  source: "x-relationship" | "x-ui-reference" | "naming" | "config";
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
  /** Singular, e.g. `order`; also the broadcast channel unless {@link Entity.channel} is set. */
  singular: string;
  /** The broadcast channel: the config's, else the spec's `x-broadcast-channel`; absent: {@link Entity.singular}. */
  channel?: string;
  /** `Order`. */
  pascalName: string;
  /** The names emitters print. */
  names: EntityNames;
  /** The key field and its kind. */
  primaryKey: { name: string; type: PrimaryKeyType };
  /** How writes reach the screen. */
  syncMode: SyncMode;
  /** The CRUD operations the API has. */
  operations: Partial<Record<Exclude<OperationKind, "custom">, Operation>>;
  /** Other operations on the entity (actions such as `cancel`). */
  customOperations: Operation[];
  /** The entity's own schemas. */
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
  /** belongsTo relations in field order, then hasMany ones. */
  relationships: Relationship[];
  /** The spec's description. */
  description?: string;
  /** Where the entity was first seen (a path item). */
  pointer: string;
  /** Where each decision about the entity came from (shown by `inspect`). */
  decisions?: EntityDecisions;
}

/** Where a decision of the model came from: a guess from the spec's shape, an `x-` extension, or the config file. */
export type DecisionSource = "heuristic" | "extension" | "config";

/** Where each decision about one entity came from. */
export interface EntityDecisions {
  /** The entity's name (`x-entity` is an extension). */
  name: DecisionSource;
  /** The primary key. */
  key: DecisionSource;
  /** The sync mode (`x-sync-mode` is an extension; the default is a heuristic). */
  syncMode: DecisionSource;
  /** The broadcast channel. */
  channel: DecisionSource;
  /** Each filled CRUD slot. */
  operations: Partial<Record<"list" | "get" | "create" | "update" | "delete", DecisionSource>>;
}

/** The whole resolved model of a spec. */
export interface EntityModel {
  /** The spec's `info.title`. */
  title: string;
  /** The spec's `info.version`. */
  version: string;
  /** The OpenAPI version, e.g. `3.1.0`. */
  openapi: string;
  /** The entities, in the order the spec first mentions them. */
  entities: Entity[];
  /** Named schemas that entities and operations refer to with `ref` nodes. */
  schemas: NamedSchema[];
  /** Operations that belong to no entity (and are not infrastructure). */
  operations: Operation[];
}

/** An entity as a node of the relationship graph. */
export interface GraphNode {
  /** The entity's `name`. */
  id: string;
  /** The entity's PascalCase name. */
  label: string;
  /** How writes reach the screen. */
  syncMode: SyncMode;
}

/** A belongsTo relationship as an edge (hasMany is its inverse, so it is not drawn twice). */
export interface GraphEdge {
  /** The entity holding the foreign key. */
  from: string;
  /** The entity the key points at. */
  to: string;
  /** Always belongsTo (hasMany is the inverse). */
  kind: "belongsTo";
  /** The belongsTo relation's name on `from`. */
  name: string;
  /** The inverse hasMany relation's name on `to`. */
  inverseName: string;
  /** The foreign-key field on `from`. */
  foreignKey: string;
  /** The field of `to` the key refers to, when it is not `to`'s primary key. */
  targetField?: string;
  /** The foreign key may be null or absent. */
  nullable: boolean;
}

/** Entities and their relationships. */
export interface RelationshipGraph {
  /** One node per entity. */
  nodes: GraphNode[];
  /** One edge per foreign key. */
  edges: GraphEdge[];
}
