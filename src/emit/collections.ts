/**
 * The collections emitter: `collections/<entity>.ts` per entity (a TanStack DB query collection descriptor
 * for `DbClient`, loaded on demand through the client, written through it), `collections/shared.ts` (subset loading)
 * and `collections/index.ts`. The store is `store.ts`'s.
 *
 * Each collection file exports the entity's query keys, key type, relation metadata, its
 * `ResourceSource` (which operations load which subsets), the `send…` functions that call the API for
 * a create, update or delete, and the collection factory. Rows come from the client, which parses
 * every answer with the entity's Zod schema (TanStack DB does not validate what a query function
 * returns); the collection has no `schema` option, so optimistic rows are not validated against the
 * item schema (inputs are parsed with the create/update schemas by the entity functions instead).
 *
 * @module
 */
import type { EmitContext } from "./context.ts";
import type { Operation, Relationship, Schema } from "../model/types.ts";
import { fixedFile } from "./fixed.ts";
import { pageCallOf, takesParams } from "./client.ts";
import type { SchemaPlan } from "./plan/schemas.ts";
import {
  type BodyOperation,
  type DrivenOperation,
  type ListPlan,
  placeholder,
  type Resource,
} from "./plan/resources.ts";
import { resolveRef } from "./plan/views.ts";
import { CodeWriter, objectKey, propertyAccess, stringLiteral, valueLiteral } from "./print/writer.ts";

/**
 * Emits the `collections/` files except the store: relative path → source.
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * import { emitCollections } from "./collections.ts";
 * const model = { title: "Shop", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * Object.keys(emitCollections(emitContext(model))); // => ["collections/shared.ts", "collections/index.ts"]
 * ```
 */
export function emitCollections(ctx: EmitContext): Record<string, string> {
  const { resources, schemas: plan } = ctx;
  const files: Record<string, string> = {};
  files["collections/shared.ts"] = fixedFile(
    "collections/shared.ts",
    "Loading the subsets live queries ask for through the REST API.",
  );
  for (const resource of resources.resources) {
    files[`collections/${resource.names.file}.ts`] = collectionFile(resource, plan);
  }
  const index = new CodeWriter("The TanStack DB collections and the store.");
  for (const r of resources.resources) index.line(`export * from ${stringLiteral(`./${r.names.file}.ts`)};`);
  index.line(`export * from ${stringLiteral("./shared.ts")};`, `export * from ${stringLiteral("./store.ts")};`);
  files["collections/index.ts"] = index.toString();
  return files;
}

/** `Parameters<typeof ordersApi.get>[0]`: the type of one argument of a client call. */
function argType(r: Resource, method: string, index: number): string {
  return `Parameters<typeof ${propertyAccess(r.names.api, method)}>[${index}]`;
}

/**
 * The argument expressions of a path, reading parent fields from `rowExpr` and the key from `keyExpr`. A key whose
 * type cannot overlap the parameter's (a string key in an integer path parameter, any key in an array one: the path
 * gets its text either way) is converted through `unknown`. `key` is the key's type there: the key field's (the
 * `<Item>Key` type), or `string | number` (what a get source is given).
 */
function pathArgs(
  r: Resource,
  method: string,
  op: DrivenOperation,
  source: (arg: DrivenOperation["path"][number], index: number) => string,
  plan: SchemaPlan,
  key: "field" | "string | number",
): string[] {
  const field = r.fields.get(r.key)?.schema;
  const keyKind = key === "field" ? field && scalarKind(field, plan) : "string | number";
  return op.path.map((arg, i) => {
    const param = arg.source.kind === "key" ? scalarKind(arg.param.schema, plan) : undefined;
    const disjoint = keyKind !== undefined && param !== undefined && keyKind !== "other" &&
      (keyKind === "string | number" ? param === "other" : param !== keyKind);
    return `${source(arg, i)} as ${disjoint ? "unknown as " : ""}${argType(r, method, i)}`;
  });
}

/** A string, a number (also through refs and enums), something else, or undefined when it may be either. */
function scalarKind(schema: Schema, plan: SchemaPlan): "string" | "number" | "other" | undefined {
  const s = resolveRef(schema, plan.named);
  switch (s?.kind) {
    case "string":
    case "number":
      return s.kind;
    case "boolean":
    case "null":
    case "array":
    case "object":
      return "other";
    case "enum":
      if (s.values.length > 0 && s.values.every((v) => typeof v === "string")) return "string";
      return s.values.length > 0 && s.values.every((v) => typeof v === "number") ? "number" : undefined;
    default:
      return undefined;
  }
}

/**
 * `undefined` for each argument of the client call between the path and `upTo` that the data layer does not fill
 * (see `client.ts`: path, body, params, options): the body of a read, the query parameters of an item operation.
 */
function skipped(op: Operation, upTo: "params" | "options"): string[] {
  const out = op.requestBody ? ["undefined"] : [];
  if (upTo === "options" && (op.kind === "list" || takesParams(op))) out.push("undefined");
  return out;
}

function collectionFile(r: Resource, plan: SchemaPlan): string {
  const { entity, names } = r;
  const w = new CodeWriter(`The TanStack DB collection of ${entity.name}.`);
  w.import("@tanstack/db", "BasicIndex");
  w.importType("@tanstack/db", "DbClient").importType("@tanstack/query-core", "QueryClient");
  if (r.list || r.get || r.create || r.update || r.delete) w.import("../client/api.ts", names.api);
  w.importNamespace("../schemas/index.ts", "schemas");
  const paged = r.list !== undefined && pageCallOf(entity, r.list.op) !== undefined;
  for (const name of [paged ? "loadSubsetPage" : "loadSubset", "rowCollection", "rowCollectionDescriptor"]) {
    w.import("./shared.ts", name);
  }
  w.import("./shared.ts", "rowCollectionOptions").import("./shared.ts", "subsetKey");
  if (paged) w.importType("./shared.ts", "SubsetAnswer");
  w.importType("./shared.ts", "ResourceSource");

  const describe = (op: DrivenOperation | undefined) => (op ? `\`${op.op.method.toUpperCase()} ${op.op.path}\`` : "");
  const ops = [r.list, r.get].filter((o) => o !== undefined).map(describe).join(" and ");
  w.doc(`Query keys of ${entity.name}: every query of the collection starts with \`all\`.`);
  w.block(`export const ${names.keys} = {`, () => {
    w.line(`all: [${stringLiteral(entity.name)}] as const,`);
  }, "};");
  w.line("");
  w.doc(`The key of ${article(names.item)} (its \`${r.key}\` field).`);
  w.line(`export type ${names.key} = schemas.${names.item}[${stringLiteral(r.key)}] & (string | number);`);
  w.line("");
  relationsConst(w, r);
  w.line("");

  // How subsets load.
  w.doc(`How the ${entity.name} collection loads rows${ops ? `: ${ops}` : " (no operation can)"}.`);
  w.block(`export const ${names.source}: ResourceSource<schemas.${names.item}> = {`, () => {
    w.line(`name: ${stringLiteral(entity.name)},`, `key: ${stringLiteral(r.key)},`);
    if (r.list) listSource(w, r, r.list, plan);
    if (r.get) {
      const get = r.get;
      const usesPath = get.path.some((a) => a.source.kind === "field");
      w.block("get: {", () => {
        w.line(`path: [${fieldList(get)}],`);
        let field = 0;
        const args = pathArgs(
          r,
          "get",
          get,
          (arg) => (arg.source.kind === "key" ? "key" : `path[${field++}]`),
          plan,
          "string | number",
        );
        args.push(...skipped(get.op, "options"), "{ signal }");
        w.line(`fetch: (${usesPath ? "path" : "_path"}, key, signal) => ${call(r, "get", args)},`);
      }, "},");
    }
  }, "};");

  // Writes.
  if (r.create) sendCreate(w, r, r.create, plan);
  if (r.update) sendUpdate(w, r, r.update, plan);
  if (r.delete) sendDelete(w, r, r.delete, plan);

  // The descriptor, materialized once per DbClient.
  w.line("");
  w.doc(
    `The ${entity.name} collection's descriptor: each DbClient materializes its own collection from it, fetching ` +
      "through the client's `queryClient` dependency. Rows load on demand as live queries ask for them.",
  );
  // the type arguments given to rowCollectionOptions: nothing to infer but them, one signature to check; the
  // descriptor and the collection take theirs from its result (see collections/shared.ts)
  const typeArguments = paged
    ? `<schemas.${names.item}, ${names.key}, SubsetAnswer<schemas.${names.item}>>`
    : `<schemas.${names.item}, ${names.key}>`;
  w.line(`export const ${names.options} = rowCollectionDescriptor(`);
  w.indented(() => {
    w.line(`${stringLiteral(entity.name)},`, "(client) =>");
    w.indented(() => {
      w.block(`rowCollectionOptions${typeArguments}({`, () => {
        w.line(
          `id: ${stringLiteral(entity.name)},`,
          `queryKey: (options) => subsetKey(${names.keys}.all, ${names.source}, options),`,
          'queryClient: client.requireDependency<QueryClient>("queryClient"),',
          `syncMode: "on-demand",`,
          paged
            ? `queryFn: (ctx) => loadSubsetPage(${names.source}, ctx.meta?.loadSubsetOptions, ctx.signal, ctx.client),`
            : `queryFn: (ctx) => loadSubset(${names.source}, ctx.meta?.loadSubsetOptions, ctx.signal, ctx.client),`,
          // the query keeps the wrapper's fields beside the rows (the list hooks' `page`); the collection takes the rows
          ...(paged ? ["select: (answer) => answer.items,"] : []),
          `getKey: (row: schemas.${names.item}) => ${propertyAccess("row", r.key)} as ${names.key},`,
          `autoIndex: "eager",`,
          "defaultIndexType: BasicIndex,",
        );
        handlers(w, r);
      }, "}),");
    });
  });
  w.line(");");
  w.line("");
  w.doc(`The ${entity.name} collection of a DbClient (the same one on every call).`);
  w.block(`export function ${names.factory}(client: DbClient) {`, () => {
    w.line(`return rowCollection(client, ${names.options});`);
  });
  w.line("");
  w.doc(`The ${entity.name} collection.`);
  w.line(`export type ${names.collectionType} = ReturnType<typeof ${names.factory}>;`);
  return w.toString();
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function call(r: Resource, method: string, args: string[]): string {
  return `${propertyAccess(r.names.api, method)}(${args.join(", ")})`;
}

function fieldList(op: DrivenOperation): string {
  return op.path.flatMap((a) => (a.source.kind === "field" ? [stringLiteral(a.source.field)] : [])).join(", ");
}

function record(pairs: [string, string][]): string {
  if (pairs.length === 0) return "{}";
  return `{ ${pairs.map(([k, v]) => `${objectKey(k)}: ${stringLiteral(v)}`).join(", ")} }`;
}

function listSource(w: CodeWriter, r: Resource, list: ListPlan, plan: SchemaPlan): void {
  const usesPath = list.path.length > 0;
  w.block("list: {", () => {
    w.line(
      `path: [${fieldList(list)}],`,
      `eq: ${record(list.eq)},`,
      `in: ${record(list.in)},`,
      `required: [${list.required.map(stringLiteral).join(", ")}],`,
    );
    if (list.sort) {
      const s = list.sort;
      const parts = [`param: ${stringLiteral(s.param)}`];
      if (s.direction) {
        const d = s.direction;
        parts.push(
          `direction: { param: ${stringLiteral(d.param)}, asc: ${stringLiteral(d.asc)}, desc: ${
            stringLiteral(d.desc)
          } }`,
        );
      }
      if (s.values) parts.push(`values: [${s.values.map(stringLiteral).join(", ")}]`);
      w.line(`sort: { ${parts.join(", ")} },`);
    }
    if (list.limit) w.line(`limit: ${stringLiteral(list.limit)},`);
    if (list.offset) w.line(`offset: ${stringLiteral(list.offset)},`);
    if (list.pageSize !== undefined) w.line(`pageSize: ${list.pageSize},`);
    if (list.maxLimit !== undefined) w.line(`maxLimit: ${list.maxLimit},`);
    // cursor paging goes through the page call, whose wrapper holds the next cursor
    if (list.cursor && pageCallOf(r.entity, list.op) !== undefined) {
      w.line(`cursor: { param: ${stringLiteral(list.cursor.param)}, next: ${stringLiteral(list.cursor.next)} },`);
    }
    const args = pathArgs(r, "list", list, (_arg, i) => `path[${i}]`, plan, "field");
    args.push(...skipped(list.op, "params"));
    // loadSubset gives the required parameters (`required`), which a `Record<string, unknown>` does not promise
    const cast = list.required.length > 0 ? "unknown as " : "";
    args.push(`params as ${cast}${argType(r, "list", args.length)}`, "{ signal }");
    w.line(`fetch: (${usesPath ? "path" : "_path"}, params, signal) => ${call(r, "list", args)},`);
    // a wrapped list: its page call, whose wrapper fields (a total, a cursor) the subset's query keeps
    const page = pageCallOf(r.entity, list.op);
    if (page !== undefined) {
      w.line(`fetchPage: (${usesPath ? "path" : "_path"}, params, signal) => ${call(r, page, args)},`);
    }
  }, "},");
}

/** Arguments of a write: parent fields from `row` (checked), the key from `key`. */
function writeArgs(r: Resource, method: string, op: DrivenOperation, what: string, plan: SchemaPlan): string[] {
  return pathArgs(
    r,
    method,
    op,
    (arg) =>
      arg.source.kind === "key"
        ? "key"
        : `parentValue(row, ${stringLiteral(arg.source.field)}, ${stringLiteral(what)})`,
    plan,
    "field",
  );
}

function usesRow(op: DrivenOperation): boolean {
  return op.path.some((a) => a.source.kind === "field");
}

/** The answer type of a write: the item when the operation answers with it. */
function answerType(r: Resource, op: BodyOperation): string {
  return op.op.returnsEntity ? `schemas.${r.names.item}` : "void";
}

/** `undefined` for a write's query parameters (they come before the call options), then the call options. */
function callArgs(w: CodeWriter, op: Operation): string[] {
  w.importType("../client/core.ts", "CallOptions");
  return [...(takesParams(op) ? ["undefined"] : []), "call"];
}

function sendCreate(w: CodeWriter, r: Resource, create: BodyOperation, plan: SchemaPlan): void {
  const { names } = r;
  const type = `schemas.${names.create!.type}`;
  if (usesRow(create)) w.import("./shared.ts", "parentValue");
  const args = [...writeArgs(r, "create", create, `create ${r.entity.singular}`, plan), "body"];
  args.push(...callArgs(w, create.op));
  const returns = answerType(r, create);
  w.line("");
  w.doc(
    `\`${create.op.method.toUpperCase()} ${create.op.path}\`: creates ${article(r.entity.singular)}` +
      (usesRow(create) ? "; the path's parent ids come from `row`." : "."),
  );
  w.block(
    `export async function ${names.sendCreate}(body: ${type}, ${usesRow(create) ? "row" : "_row"}: object, ` +
      `call?: CallOptions): Promise<${returns}> {`,
    () => w.line(`${returns === "void" ? "await " : "return await "}${call(r, "create", args)};`),
  );

  // The optimistic row: the input over placeholders of the server's fields, with a temporary key.
  const createFields = new Set(create.fields ?? []);
  const filled: string[] = [];
  for (const [name, prop] of r.fields) {
    if (name === r.key || !prop.required) continue;
    const value = placeholder(prop.schema, plan.named, valueLiteral);
    if (value !== undefined) filled.push(`${objectKey(name)}: ${value}`);
  }
  const tempKey = r.entity.primaryKey.type === "integer" ? "-Date.now() - Math.random()" : "crypto.randomUUID()";
  const keyValue = createFields.has(r.key) ? `${propertyAccess("input", r.key)} ?? ${tempKey}` : tempKey;
  w.line("");
  w.doc(
    `The row shown for a create until the server's row replaces it: the input over the spec's defaults, ` +
      `\`null\` for nullable fields and empty values for the rest, with a temporary \`${r.key}\`.`,
  );
  w.block(`export function ${names.optimistic}(input: ${type}): schemas.${names.item} {`, () => {
    w.line(`const row: Record<string, unknown> = ${filled.length ? `{ ${filled.join(", ")} }` : "{}"};`);
    w.block("for (const [field, value] of Object.entries(input)) {", () => {
      w.line(
        "if (value !== undefined) Object.defineProperty(row, field, { value, enumerable: true, writable: true, configurable: true });",
      );
    });
    w.line(
      `Object.defineProperty(row, ${
        stringLiteral(r.key)
      }, { value: ${keyValue}, enumerable: true, writable: true, configurable: true });`,
    );
    w.line(`return row as schemas.${names.item};`);
  });
}

function sendUpdate(w: CodeWriter, r: Resource, update: BodyOperation & { full: boolean }, plan: SchemaPlan): void {
  const { names } = r;
  const type = `schemas.${names.update!.type}`;
  if (usesRow(update)) w.import("./shared.ts", "parentValue");
  const args = [...writeArgs(r, "update", update, `update ${r.entity.singular}`, plan), "body"];
  args.push(...callArgs(w, update.op));
  const returns = answerType(r, update);
  w.line("");
  w.doc(
    `\`${update.op.method.toUpperCase()} ${update.op.path}\`: ` +
      (update.full ? "replaces" : "changes") + ` ${article(r.entity.singular)}` +
      (usesRow(update) ? "; the path's parent ids come from `row`." : "."),
  );
  w.block(
    `export async function ${names.sendUpdate}(key: ${names.key}, body: ${type}, ` +
      `${usesRow(update) ? "row" : "_row"}: object | undefined, call?: CallOptions): Promise<${returns}> {`,
    () => w.line(`${returns === "void" ? "await " : "return await "}${call(r, "update", args)};`),
  );
}

function sendDelete(w: CodeWriter, r: Resource, del: DrivenOperation, plan: SchemaPlan): void {
  const { names } = r;
  if (usesRow(del)) w.import("./shared.ts", "parentValue");
  const args = writeArgs(r, "delete", del, `delete ${r.entity.singular}`, plan);
  // a collection's delete has no body to send: an optional one (Stripe's form parameters) is left out, and a
  // required one, which the collection cannot know, is left out too (the cast says so at the call)
  if (del.op.requestBody) args.push(del.op.requestBody.required ? "undefined as never" : "undefined");
  args.push(...callArgs(w, del.op));
  w.line("");
  w.doc(
    `\`${del.op.method.toUpperCase()} ${del.op.path}\`: deletes ${article(r.entity.singular)}` +
      (usesRow(del) ? "; the path's parent ids come from `row`." : "."),
  );
  w.block(
    `export async function ${names.sendDelete}(key: ${names.key}, ` +
      `${usesRow(del) ? "row" : "_row"}: object | undefined, call?: CallOptions): Promise<void> {`,
    () => w.line(`await ${call(r, "delete", args)};`),
  );
}

/** The body expression of a write from a mutation's row or changes. */
function bodyFrom(w: CodeWriter, fields: string[] | undefined, type: string, source: string): string {
  if (fields === undefined) return `${source} as unknown as ${type}`;
  w.import("./shared.ts", "pickFields");
  return `pickFields<${type}>(${source}, [${fields.map(stringLiteral).join(", ")}])`;
}

/** onInsert / onUpdate / onDelete for writes made on the collection directly (hooks use their own transactions). */
function handlers(w: CodeWriter, r: Resource): void {
  const { names } = r;
  if (r.create) {
    const body = bodyFrom(w, r.create.fields, `schemas.${names.create!.type}`, "m.modified");
    const returns = r.create.op.returnsEntity;
    w.block(`onInsert: async ({ transaction${returns ? ", collection" : ""} }) => {`, () => {
      w.line(
        `const rows = await Promise.all(transaction.mutations.map((m) => ${names.sendCreate}(${body}, m.modified)));`,
      );
      if (returns) {
        w.line("void collection.utils.writeBatch(() => rows.forEach((row) => collection.utils.writeUpsert(row)));");
      }
      w.line(returns ? "return { refetch: false };" : "return { refetch: rows.length > 0 };");
    }, "},");
  }
  if (r.update) {
    const source = r.update.full ? "m.modified" : "m.changes";
    const body = bodyFrom(w, r.update.fields, `schemas.${names.update!.type}`, source);
    const returns = r.update.op.returnsEntity;
    w.block(`onUpdate: async ({ transaction${returns ? ", collection" : ""} }) => {`, () => {
      w.line(
        "const rows = await Promise.all(",
        `  transaction.mutations.map((m) => ${names.sendUpdate}(m.key, ${body}, m.modified)),`,
        ");",
      );
      if (returns) {
        w.line("void collection.utils.writeBatch(() => rows.forEach((row) => collection.utils.writeUpsert(row)));");
      }
      w.line(returns ? "return { refetch: false };" : "return { refetch: rows.length > 0 };");
    }, "},");
  }
  if (r.delete) {
    w.block("onDelete: async ({ transaction, collection }) => {", () => {
      w.line(`await Promise.all(transaction.mutations.map((m) => ${names.sendDelete}(m.key, m.original)));`);
      w.line("void collection.utils.writeDelete(transaction.mutations.map((m) => m.key)).catch(() => {});");
      w.line("return { refetch: false };");
    }, "},");
  }
}

/** `export const orderRelations = { customer: { kind: "belongsTo", … } } as const;` */
function relationsConst(w: CodeWriter, r: Resource): void {
  const rels = r.entity.relationships;
  w.doc(
    `The relations of ${r.names.item}: what \`include\` can add. belongsTo: \`foreignKey\` is a field of ` +
      `${r.entity.name}; hasMany: a field of the target.`,
  );
  if (rels.length === 0) {
    w.line(`export const ${r.names.relationsConst} = {} as const;`);
    return;
  }
  w.block(`export const ${r.names.relationsConst} = {`, () => {
    for (const rel of rels) w.line(`${objectKey(rel.name)}: ${relationLiteral(rel)},`);
  }, "} as const;");
}

function relationLiteral(rel: Relationship): string {
  return `{ kind: ${stringLiteral(rel.kind)}, target: ${stringLiteral(rel.target)}, foreignKey: ${
    stringLiteral(rel.foreignKey)
  }${
    // issue 10: the referenced field, only when it is not the key (so output for key relations is unchanged)
    rel.targetField ? `, targetField: ${stringLiteral(rel.targetField)}` : ""}, nullable: ${rel.nullable} }`;
}
