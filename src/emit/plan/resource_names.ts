/**
 * The names the collection, store and entity emitters print for each entity, allocated once and clash-free across
 * everything the output exports: the schemas' and client's names, the fixed modules' real exports and the locals
 * the fixed code uses are taken first.
 *
 * @module
 */
import type { Entity, EntityModel } from "../../model/types.ts";
import { identifier, isIdentifierName, isSafeIdentifier } from "../../names/identifiers.ts";
import { DATA_LAYER_LOCALS, fixedExports, LATER_STAGE_NAMES, STORE_EXPORTS } from "../../names/reserved.ts";
import { portableFileStem } from "../../names/files.ts";
import { NameScope } from "../../names/scope.ts";
import { type EntityDecls, type SchemaPlan, typeName } from "./schemas.ts";

/** The names printed for one entity. */
export interface ResourceNames {
  /** `Order`: the item type (from the schema plan). */
  item: string;
  /** `OrderSchema`. */
  itemSchema: string;
  create?: { type: string; schema: string };
  update?: { type: string; schema: string };
  /** `ordersApi`. */
  api: string;
  /** `orderKeys`. */
  keys: string;
  /** `OrderKey`. */
  key: string;
  /** `orderRelations` (the metadata constant). */
  relationsConst: string;
  /** `OrderRelations` (the include type). */
  relations: string;
  /** `OrderInclude`. */
  include: string;
  /** `OrderWith`. */
  with: string;
  /** `OrderRow`. */
  row: string;
  /** `orderSource`. */
  source: string;
  /** `orderSpec` (module-private). */
  spec: string;
  /** `ordersCollectionOptions`: the collection's `collectionOptions` descriptor. */
  options: string;
  /** `createOrdersCollection`: the collection of a DbClient. */
  factory: string;
  /** `OrdersCollection`. */
  collectionType: string;
  /** Member of `store.collections`, e.g. `orders`. */
  member: string;
  /** `optimisticOrder`. */
  optimistic: string;
  /** `sendOrderCreate`, … */
  sendCreate: string;
  sendUpdate: string;
  sendDelete: string;
  /** `useOrders`, `useOrder`, … */
  useList: string;
  useItem: string;
  /** `useOrdersSuspense`: the list hook on React Suspense. */
  useListSuspense: string;
  /** `useOrderSuspense`. */
  useItemSuspense: string;
  /** `useOrdersInfinite`: the list read page by page (only for a list the API can page and sort). */
  useListInfinite: string;
  /** `preloadOrders`: loads what `useOrders` shows into a DbClient (server rendering). */
  preloadList: string;
  /** `preloadOrder`. */
  preloadItem: string;
  useCreate: string;
  useUpdate: string;
  useDelete: string;
  /** `createOrder`, `updateOrder`, `deleteOrder`. */
  createFn: string;
  updateFn: string;
  deleteFn: string;
  /** `UseOrdersOptions`, `UseOrderOptions`. */
  listOptions: string;
  itemOptions: string;
  /** `OrderUpdateVariables`. */
  updateVariables: string;
  /** File stem of `collections/<stem>.ts` and `entities/<stem>.ts`. */
  file: string;
}

/** The names of every resource of a model, handed out entity by entity (see {@link planResourceNames}). */
export interface ResourceNaming {
  /** The scope every name came from (with the schema, client and fixed names taken). */
  names: NameScope;
  /** Names exported by the schemas and the client (a re-export of ours with one of these would clash). */
  taken: (name: string) => boolean;
  /** Claims the names of one entity; `pascal` is the stem of its composed names (`Order`). */
  name(entity: Entity, decls: EntityDecls): { names: ResourceNames; pascal: string };
}

/**
 * The name scope of the resources of a model, on a schema plan (the plan's scope is not changed).
 *
 * @example
 * ```ts
 * import { planSchemas } from "./schemas.ts";
 * import { planResourceNames } from "./resource_names.ts";
 * const model = { title: "", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * planResourceNames(model, planSchemas(model)).names.has("useSyncStore"); // => true
 * ```
 */
export function planResourceNames(model: EntityModel, plan: SchemaPlan): ResourceNaming {
  // The client's standalone functions take their names on a fork of the plan's allocator, in model order.
  const client = plan.names.fork();
  const standalone = new Set(model.operations.map((op) => client.claim(bindingName(op.name))));
  const names = client.fork();
  const schemaNames = new Set<string>();
  for (const file of plan.files) {
    for (const d of file.decls) schemaNames.add(d.typeName).add(d.constName);
    for (const e of file.enums) schemaNames.add(e.typeName).add(e.constName);
  }
  for (
    const n of [
      ...fixedExports("runtime/index.ts"),
      ...fixedExports("entities/shared.ts"),
      ...STORE_EXPORTS.map((e) => e.name),
      ...fixedExports("collections/shared.ts"),
      ...DATA_LAYER_LOCALS,
    ]
  ) {
    if (!names.has(n)) names.claim(n);
  }
  const taken = (name: string) => (plan.names.has(name) && !LATER_STAGE_NAMES.has(name)) || standalone.has(name);

  const files = new NameScope(["index", "shared", "store"], { ignoreCase: true, separator: "-" });
  const fileName = (stem: string) => files.claim(portableFileStem(stem));
  const members = new NameScope();
  const member = (base: string) => members.claim(base);

  return {
    names,
    taken,
    name(entity, decls) {
      // Stems of composed names: a reserved word's guard suffix (`class_`) is not needed before another word.
      const pascal = stem(typeName(entity.names.pascal));
      const pascalPlural = stem(typeName(entity.names.pascalPlural));
      const camel = stem(camelName(entity.names.camel));
      const camelPlural = camelName(entity.names.camelPlural);
      // The schema plan reserves `<Pascal>Relations` and `<Pascal>Include` for us (unless a schema got there first).
      const planned = typeName(entity.names.pascal);
      const reserved = (suffix: string) =>
        planned === pascal && !schemaNames.has(pascal + suffix) ? pascal + suffix : names.claim(pascal + suffix);
      const resourceNames: ResourceNames = {
        item: decls.item.typeName,
        itemSchema: decls.item.constName,
        create: decls.create && { type: decls.create.typeName, schema: decls.create.constName },
        update: decls.update && { type: decls.update.typeName, schema: decls.update.constName },
        api: decls.api,
        keys: names.claim(`${camel}Keys`),
        key: names.claim(`${pascal}Key`),
        relationsConst: names.claim(`${camel}Relations`),
        relations: reserved("Relations"),
        include: reserved("Include"),
        with: names.claim(`${pascal}With`),
        row: names.claim(`${pascal}Row`),
        source: names.claim(`${camel}Source`),
        spec: names.claim(`${camel}Spec`),
        options: names.claim(`${camelPlural}CollectionOptions`),
        factory: names.claim(`create${pascalPlural}Collection`),
        collectionType: names.claim(`${pascalPlural}Collection`),
        member: member(camelPlural),
        optimistic: names.claim(`optimistic${pascal}`),
        sendCreate: names.claim(`send${pascal}Create`),
        sendUpdate: names.claim(`send${pascal}Update`),
        sendDelete: names.claim(`send${pascal}Delete`),
        useList: names.claim(`use${pascalPlural}`),
        useItem: names.claim(`use${pascal}`),
        useListSuspense: names.claim(`use${pascalPlural}Suspense`),
        useItemSuspense: names.claim(`use${pascal}Suspense`),
        useListInfinite: names.claim(`use${pascalPlural}Infinite`),
        preloadList: names.claim(`preload${pascalPlural}`),
        preloadItem: names.claim(`preload${pascal}`),
        useCreate: names.claim(`useCreate${pascal}`),
        useUpdate: names.claim(`useUpdate${pascal}`),
        useDelete: names.claim(`useDelete${pascal}`),
        createFn: names.claim(`create${pascal}`),
        updateFn: names.claim(`update${pascal}`),
        deleteFn: names.claim(`delete${pascal}`),
        listOptions: names.claim(`Use${pascalPlural}Options`),
        itemOptions: names.claim(`Use${pascal}Options`),
        updateVariables: names.claim(`${pascal}UpdateVariables`),
        file: fileName(entity.names.filePlural || "entity"),
      };
      return { names: resourceNames, pascal };
    },
  };
}

/** A name from the model that is declared as a binding: kept when it is safe, made safe otherwise. */
export function bindingName(name: string): string {
  return isSafeIdentifier(name) ? name : identifier(name, "camel");
}

function stem(name: string): string {
  return name.length > 1 && name.endsWith("_") && !name.endsWith("__") ? name.slice(0, -1) : name;
}

function camelName(name: string): string {
  return isIdentifierName(name) ? name : identifier(name);
}
