/**
 * The entities emitter: `entities/<entity>.ts` per entity (typed hooks over the entity's collection),
 * `entities/shared.ts` (what they delegate to), `entities/sync.ts` (broadcast events → rows) and `entities/index.ts`.
 *
 * Per entity: `use<Plural>(options)` and `use<Entity>(id, options)` (live queries; `include` narrows the
 * row type), `useCreate…` / `useUpdate…` / `useDelete…` where the API has the operation (optimistic or
 * confirmed by the entity's sync mode, rolled back on failure), a hook per custom operation that answers
 * with the entity, and the same writes as plain functions taking a TanStack DB `DbClient`.
 *
 * @module
 */
import { includeLoad } from "./plan/load_costs.ts";
import { pageCallOf, pageFieldsType } from "./client.ts";
import type { SchemaPlan } from "./plan/schemas.ts";
import type { EmitContext } from "./context.ts";
import type { Entity, Relationship } from "../model/types.ts";
import { fixedFile, publicExports } from "./fixed.ts";
import type { CustomPlan, Resource, ResourcePlan } from "./plan/resources.ts";
import { CodeWriter, objectKey, propertyAccess, propertyKey, specifierList, stringLiteral } from "./print/writer.ts";

/**
 * Emits the `entities/` files: relative path → source.
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * import { emitEntities } from "./entities.ts";
 * const model = { title: "Shop", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * Object.keys(emitEntities(emitContext(model))); // => ["entities/shared.ts", "entities/live_rows.ts", "entities/sync.ts", "entities/index.ts"]
 * ```
 */
export function emitEntities(ctx: EmitContext): Record<string, string> {
  const resources = ctx.resources;
  const files: Record<string, string> = {};
  files["entities/shared.ts"] = fixedFile(
    "entities/shared.ts",
    "What the entity hooks share: the DbClient's store, live queries, mutations.",
  );
  files["entities/live_rows.ts"] = fixedFile(
    "entities/live_rows.ts",
    "How a list hook follows its live query change by change, so a change costs what it touches.",
  );
  files["entities/sync.ts"] = fixedFile(
    "entities/sync.ts",
    "How the entity hooks keep their rows in step with broadcast events, at the fewest requests.",
  );
  for (const r of resources.resources) files[`entities/${r.names.file}.ts`] = entityFile(r, resources, ctx.schemas);

  const index = new CodeWriter("The entity hooks.");
  for (const r of resources.resources) index.line(`export * from ${stringLiteral(`./${r.names.file}.ts`)};`);
  const shown = publicExports("entities/shared.ts").filter((e) => !resources.taken(e.name));
  if (shown.length) {
    index.line(`export { ${specifierList(shown).join(", ")} } from ${stringLiteral("./shared.ts")};`);
  }
  files["entities/index.ts"] = index.toString();
  return files;
}

/** The relations of an entity whose target is in the output and can load as an include (see load_costs.ts). */
function relationsOf(r: Resource, resources: ResourcePlan): { rel: Relationship; target: Resource }[] {
  return r.entity.relationships.flatMap((rel) => {
    const target = resources.byName.get(rel.target);
    return target && includeLoad(rel, target) !== "never" ? [{ rel, target }] : [];
  });
}

function entityFile(r: Resource, resources: ResourcePlan, plan: SchemaPlan): string {
  const { entity, names } = r;
  const w = new CodeWriter(`Hooks of ${names.item}: live queries over the ${entity.name} collection, and writes.`);
  const collections = `../collections/${names.file}.ts`;
  const shared = "./shared.ts";
  w.importType("@tanstack/db", "WithVirtualProps");
  w.import(collections, names.keys).importType(collections, names.key).import(collections, names.relationsConst);
  w.importNamespace("../schemas/index.ts", "schemas");
  w.importType(shared, "EntitySpec").importType(shared, "ItemOptions").importType(shared, "ItemResult");
  w.importType(shared, "ListOptions").importType(shared, "ListResult");
  w.import(shared, "useEntityItem").import(shared, "useEntityList");

  const reexported = [
    { name: names.keys, type: false },
    { name: names.key, type: true },
    { name: names.relationsConst, type: false },
  ];
  w.line(`export { ${specifierList(reexported).join(", ")} };`, "");

  // Relation types.
  const relations = relationsOf(r, resources);
  w.doc(`What \`include\` can add to ${article(names.item)}.`);
  if (relations.length === 0) {
    w.line(`export type ${names.relations} = Record<never, never>;`);
  } else {
    w.block(`export interface ${names.relations} {`, () => {
      for (const { rel, target } of relations) {
        const type = rel.kind === "hasMany"
          ? `schemas.${target.names.item}[]`
          : rel.nullable
          ? `schemas.${target.names.item} | undefined`
          : `schemas.${target.names.item}`;
        w.doc(
          rel.kind === "belongsTo"
            ? `belongsTo ${rel.target} by \`${rel.foreignKey}\`` +
              (rel.nullable ? " (may be null, so the related row may be missing)." : ".")
            : `hasMany ${rel.target} by their \`${rel.foreignKey}\`.`,
        );
        w.line(`${propertyKey(rel.name)}: ${type};`);
      }
    });
  }
  w.line("");
  w.doc(`A relation name of ${names.item}.`);
  w.line(`export type ${names.include} = keyof ${names.relations};`, "");
  w.doc(`${article(names.item, true)} with the relations \`I\`.`);
  w.line(
    `export type ${names.with}<I extends ${names.include} = never> = schemas.${names.item} & Pick<${names.relations}, I>;`,
  );
  w.line("");
  w.doc(
    `${article(names.item, true)} as the hooks return it: with the relations \`I\` and TanStack DB's row state ` +
      "(`$hasPendingWrites` is true while a local change waits for the server).",
  );
  w.line(
    `export type ${names.row}<I extends ${names.include} = never> = WithVirtualProps<${names.with}<I>, ${names.key}>;`,
    "",
  );
  w.doc(`Options of {@link ${names.useList}}.`);
  w.line(
    `export type ${names.listOptions}<I extends ${names.include} = never> = ListOptions<schemas.${names.item}, I>;`,
    "",
  );
  w.doc(`Options of {@link ${names.useItem}}.`);
  w.line(
    `export type ${names.itemOptions}<I extends ${names.include} = never> = ItemOptions<schemas.${names.item}, I>;`,
    "",
  );

  // The spec: the entity and its relations as data.
  w.block(`const ${names.spec}: EntitySpec = {`, () => {
    w.line(
      `name: ${stringLiteral(entity.name)},`,
      `channel: ${stringLiteral(channelOf(entity))},`,
      `key: ${stringLiteral(r.key)},`,
      `queryKey: ${names.keys}.all,`,
      `collection: (store) => ${propertyAccess("store.collections", names.member)},`,
      `source: ${names.source},`,
      `schema: schemas.${names.itemSchema},`,
    );
    w.import(collections, names.source);
    if (relations.length === 0) {
      w.line("relations: {},");
      return;
    }
    w.block("relations: {", () => {
      for (const { rel, target } of relations) {
        const keys = target === r ? names.keys : target.names.keys;
        if (target !== r) w.import(`../collections/${target.names.file}.ts`, keys);
        w.block(`${objectKey(rel.name)}: {`, () => {
          w.line(
            `kind: ${stringLiteral(rel.kind)},`,
            `collection: (store) => ${propertyAccess("store.collections", target.names.member)},`,
            `foreignKey: ${stringLiteral(rel.foreignKey)},`,
            // a relation to a non-key field (`plan_code` → `plans.code`) joins on that field
            `key: ${stringLiteral(rel.targetField ?? (rel.kind === "belongsTo" ? target.key : r.key))},`,
            `channel: ${stringLiteral(channelOf(target.entity))},`,
            `queryKey: ${keys}.all,`,
            `source: ${target.names.source},`,
            `schema: schemas.${target.names.itemSchema},`,
          );
          if (target !== r) w.import(`../collections/${target.names.file}.ts`, target.names.source);
          // TypeScript types a member named like one of Object's (`toString`) from Object's, not from the record's
          // index signature: the literal then loses its context (`kind` widens to string), unless it says its type
        }, inheritedName(rel.name) ? "} satisfies RelationSpec," : "},");
        if (inheritedName(rel.name)) w.importType("./shared.ts", "RelationSpec");
      }
    }, "},");
  }, "};");

  // Queries.
  const example = relations[0];
  w.line("");
  w.doc(
    `The ${entity.name} matching \`where\`, live: local changes show at once, other clients' changes after a ` +
      "broadcast event. `data` is `[]` while loading: check `isLoading` first.",
    example
      ? [
        "@example",
        "```ts",
        `const { data, isLoading } = ${names.useList}({ include: [${stringLiteral(example.rel.name)}] });`,
        "```",
      ]
      : [],
  );
  // a wrapped list's hook gives the wrapper's other fields (a total, a cursor) as `page`
  const page = r.list && pageCallOf(entity, r.list.op) !== undefined ? `, ${pageFieldsType(plan, r.list.op).type}` : "";
  w.block(
    `export function ${names.useList}<I extends ${names.include} = never>(` +
      `options: ${names.listOptions}<I> = {}): ListResult<${names.row}<I>${page}> {`,
    () => w.line(`return useEntityList(${names.spec}, options) as ListResult<${names.row}<I>${page}>;`),
  );
  w.line("");
  w.doc(
    `One ${entity.singular} by \`${r.key}\`, live; \`data\` is undefined while loading or when there is none.` +
      (r.get && r.get.path.length > 1
        ? ` Its path needs ${
          r.get.path.flatMap((a) => (a.source.kind === "field" ? [`\`${a.source.field}\``] : [])).join(", ")
        }: pass it in \`where\`.`
        : ""),
  );
  w.block(
    `export function ${names.useItem}<I extends ${names.include} = never>(\n` +
      `  id: ${names.key} | undefined,\n  options: ${names.itemOptions}<I> = {},\n): ItemResult<${names.row}<I>> {`,
    () => w.line(`return useEntityItem(${names.spec}, id, options) as ItemResult<${names.row}<I>>;`),
  );

  // Suspense: the same queries on react-db's useLiveSuspenseQuery.
  w.import(shared, "useEntityListSuspense").import(shared, "useEntityItemSuspense");
  w.importType(shared, "SuspenseListResult").importType(shared, "SuspenseItemResult");
  w.line("");
  w.doc(
    `{@link ${names.useList}} for React Suspense: renders once the rows are there (the nearest \`<Suspense>\` ` +
      "shows its fallback until then); a failed load throws to the nearest error boundary.",
  );
  w.block(
    `export function ${names.useListSuspense}<I extends ${names.include} = never>(\n` +
      `  options: Omit<${names.listOptions}<I>, "enabled"> = {},\n): SuspenseListResult<${names.row}<I>${page}> {`,
    () =>
      w.line(
        `return useEntityListSuspense(${names.spec}, options) as SuspenseListResult<${names.row}<I>${page}>;`,
      ),
  );
  // Pages: a list the API pages (limit and offset) in an order it is asked for (a sort parameter).
  const list = r.list;
  const sortable = list?.sort && sortableFields(r, list.sort.values);
  const pages = list?.offset !== undefined || (list?.cursor !== undefined && pageCallOf(entity, list.op) !== undefined);
  if (list?.limit && pages && sortable && sortable.length > 0) {
    const values = list.sort?.values;
    const byFields = values ? `, ${sortable.map(stringLiteral).join(" | ")}` : "";
    // as the hook's defaultSort: the key when the API sorts by it, else the sort parameter's first value
    const byDefault = !values || values.length === 0 || values.includes(r.key) ? r.key : values[0]!;
    w.import(shared, "useEntityInfinite").importType(shared, "InfiniteOptions").importType(shared, "InfiniteResult");
    w.line("");
    w.doc(
      `The ${entity.name} matching \`where\`, page by page in \`orderBy\`'s order (default: \`${byDefault}\`), live: ` +
        "`fetchNextPage()` loads the next `pageSize` rows with one request (limit and offset, sorted by the API), " +
        "`hasNextPage` turns false after the last.",
    );
    w.block(
      `export function ${names.useListInfinite}<I extends ${names.include} = never>(\n` +
        `  options: InfiniteOptions<schemas.${names.item}, I${byFields}> = {},\n): InfiniteResult<${names.row}<I>> {`,
      () => w.line(`return useEntityInfinite(${names.spec}, options) as InfiniteResult<${names.row}<I>>;`),
    );
  }
  w.line("");
  w.doc(`{@link ${names.useItem}} for React Suspense (see {@link ${names.useListSuspense}}).`);
  w.block(
    `export function ${names.useItemSuspense}<I extends ${names.include} = never>(\n` +
      `  id: ${names.key},\n  options: Omit<${names.itemOptions}<I>, "enabled"> = {},\n` +
      `): SuspenseItemResult<${names.row}<I>> {`,
    () =>
      w.line(
        `return useEntityItemSuspense(${names.spec}, id, options) as SuspenseItemResult<${names.row}<I>>;`,
      ),
  );

  // Server rendering: the same queries, loaded into a DbClient before the render.
  w.importType("@tanstack/db", "DbClient").import(shared, "preloadEntity");
  w.line("");
  w.doc(
    `Loads what \`${names.useList}(options)\` shows into a DbClient, for server rendering: await it before ` +
      "rendering, then send `client.dehydrate()` to the browser, which calls `client.hydrate(state)` before its " +
      "first render.",
  );
  w.block(
    `export function ${names.preloadList}<I extends ${names.include} = never>(\n` +
      `  client: DbClient,\n  options: ${names.listOptions}<I> = {},\n): Promise<void> {`,
    () => w.line(`return preloadEntity(client, ${names.spec}, false, undefined, options);`),
  );
  w.line("");
  w.doc(`Loads what \`${names.useItem}(id, options)\` shows into a DbClient, for server rendering.`);
  w.block(
    `export function ${names.preloadItem}<I extends ${names.include} = never>(\n` +
      `  client: DbClient,\n  id: ${names.key},\n  options: ${names.itemOptions}<I> = {},\n): Promise<void> {`,
    () => w.line(`return preloadEntity(client, ${names.spec}, true, id, options);`),
  );

  // Writes.
  if (r.create || r.update || r.delete || r.customs.length) {
    w.importType("@tanstack/db", "DbClient").import("../collections/store.ts", "getSyncStore");
    w.import(shared, "useSyncStore").import(shared, "useTransactionMutation");
    w.importType(shared, "MutationOptions").importType(shared, "MutationResult");
  }
  if (r.create || r.update || r.delete) {
    w.import(shared, "runTransaction").importType(shared, "SyncMode");
    w.importType("../client/core.ts", "CallOptions");
  }
  if (r.create) createFunctions(w, r);
  if (r.update) updateFunctions(w, r);
  if (r.delete) deleteFunctions(w, r);
  for (const custom of r.customs) customFunctions(w, r, custom);
  return w.toString();
}

/** The entity's broadcast channel: `x-broadcast-channel` from the spec, else its singular name. */
function channelOf(entity: Entity): string {
  return entity.channel ?? entity.singular;
}

function article(word: string, capital = false): string {
  const a = /^[AEIOU]/i.test(word) ? "an" : "a";
  return `${capital ? a.charAt(0).toUpperCase() + a.slice(1) : a} ${word}`;
}

function modeDoc(r: Resource): string {
  return r.entity.syncMode === "optimistic"
    ? "optimistic by default: the change shows at once and is rolled back when the request fails"
    : "confirmed by default: the change shows when the server confirms it";
}

/** The answer of a write: the row when the operation answers with it, else nothing (the collection refetches). */
function answers(op: { op: { returnsEntity: boolean } }): boolean {
  return op.op.returnsEntity;
}

function createFunctions(w: CodeWriter, r: Resource): void {
  const { names, entity } = r;
  const create = r.create!;
  const collections = `../collections/${names.file}.ts`;
  w.import(collections, names.sendCreate).import(collections, names.optimistic);
  const fields = new Set(create.fields ?? []);
  const parents = create.path.flatMap((a) => (a.source.kind === "field" && !fields.has(a.source.field) ? [a] : []));
  const input = parents.length
    ? `schemas.${names.create!.type} & Pick<schemas.${names.item}, ${
      parents.map((a) => stringLiteral((a.source as { field: string }).field)).join(" | ")
    }>`
    : `schemas.${names.create!.type}`;
  const returns = answers(create) ? `schemas.${names.item}` : "void";
  if (!answers(create)) w.import("./shared.ts", "refresh");
  else w.import("./shared.ts", "upsertRow");
  w.line("");
  w.doc(
    `Creates ${article(entity.singular)}, ${modeDoc(r)}. The row has a temporary \`${r.key}\` until the ` +
      "server's row replaces it.",
    [
      "@param client The TanStack DB client (`useDbClient()` in a component).",
      "@param call An `AbortSignal` and headers for this call's requests.",
      "@returns The server's row.",
    ],
  );
  w.block(
    `export function ${names.createFn}(\n  client: DbClient,\n  input: ${input},\n` +
      `  mode: SyncMode = ${stringLiteral(entity.syncMode)},\n  call?: CallOptions,\n): Promise<${returns}> {`,
    () => {
      w.line(`const collection = ${propertyAccess("getSyncStore(client).collections", names.member)};`);
      w.line(`const body = schemas.${names.create!.schema}.parse(input);`);
      w.line(`const row = ${names.optimistic}(${parents.length ? "{ ...input, ...body }" : "body"});`);
      w.block("return runTransaction(", () => {
        w.line(`() => collection.insert(row, { optimistic: mode === "optimistic" }),`);
        w.block("async () => {", () => {
          if (answers(create)) {
            w.line(`const created = await ${names.sendCreate}(body, row, call);`);
            w.line("upsertRow(collection, created);", "return created;");
          } else {
            w.line(`await ${names.sendCreate}(body, row, call);`, "refresh(collection);");
          }
        }, "},");
      }, ");");
    },
  );
  w.line("");
  w.doc(`Creates ${entity.name} (${modeDoc(r)}).`, [
    "@example",
    "```ts",
    `const create = ${names.useCreate}();`,
    "create.mutate(input, { onSuccess: (row) => console.log(row), onError: (error) => console.error(error) });",
    "```",
  ]);
  w.block(
    `export function ${names.useCreate}(\n  options: MutationOptions<${input}, ${returns}> = {},\n` +
      `): MutationResult<${input}, ${returns}> {`,
    () => {
      w.line("const { client } = useSyncStore();");
      w.line(
        `return useTransactionMutation((input, call) => ${names.createFn}(client, input, options.mode, call), options);`,
      );
    },
  );
}

function updateFunctions(w: CodeWriter, r: Resource): void {
  const { names, entity } = r;
  const update = r.update!;
  const collections = `../collections/${names.file}.ts`;
  w.import(collections, names.sendUpdate);
  const returns = answers(update) ? `schemas.${names.item}` : "void";
  w.import("./shared.ts", answers(update) ? "upsertRow" : "refresh").import("./shared.ts", "checkedBody");
  // A full replacement (PUT) takes some fields and sends the whole row with them: the row must be there first.
  const full = update.full && update.fields !== undefined;
  const schema = `schemas.${names.update!.schema}`;
  const dataType = full ? `Partial<schemas.${names.update!.type}>` : `schemas.${names.update!.type}`;
  const merged = (row: string) =>
    `pickFields<schemas.${names.update!.type}>({ ...${row}, ...data }, [${
      (update.fields ?? []).map(stringLiteral).join(", ")
    }])`;
  const required = update.required.length ? `, [${update.required.map(stringLiteral).join(", ")}]` : "";
  if (full) {
    w.import("../collections/shared.ts", "pickFields").import("./shared.ts", "loadRow");
    w.import(collections, names.source);
  }
  w.line("");
  w.doc(`What {@link ${names.useUpdate}} takes: the ${entity.singular}'s key and the changes.`);
  w.line(`export type ${names.updateVariables} = { id: ${names.key}; data: ${dataType} };`, "");
  w.doc(
    `Changes ${article(entity.singular)}, ${modeDoc(r)}` +
      (full
        ? ` (\`${update.op.method.toUpperCase()}\` sends the whole row with the changes: a row not loaded is ` +
          "loaded first)."
        : ".") +
      " The body is checked against its schema first: a `RequestBodyError` when it does not match, and nothing is sent.",
    [
      "@param client The TanStack DB client (`useDbClient()` in a component).",
      "@param call An `AbortSignal` and headers for this call's requests.",
      "@returns The server's row.",
    ],
  );
  w.block(
    `export async function ${names.updateFn}(\n  client: DbClient,\n  id: ${names.key},\n  data: ${dataType},\n` +
      `  mode: SyncMode = ${stringLiteral(entity.syncMode)},\n  call?: CallOptions,\n): Promise<${returns}> {`,
    () => {
      w.line(`const collection = ${propertyAccess("getSyncStore(client).collections", names.member)};`);
      w.line(`const request = ${stringLiteral(`update ${entity.singular} `)} + String(id);`);
      w.line("const current = collection.get(id);");
      const after = answers(update) ? ["upsertRow(collection, updated);", "return updated;"] : ["refresh(collection);"];
      const send = (row: string) =>
        answers(update)
          ? `const updated = await ${names.sendUpdate}(id, body, ${row}, call);`
          : `await ${names.sendUpdate}(id, body, ${row}, call);`;
      if (full) {
        w.block("if (current === undefined) {", () => {
          w.line(
            `// not loaded here: ${update.op.method.toUpperCase()} replaces the whole row, so load it, then merge and check`,
            `const row = await loadRow(collection, ${names.source}, id);`,
            `const body = checkedBody(${schema}, ${merged("(row ?? {})")}, request${required});`,
            send("row"),
            ...after,
          );
        });
        w.line(`const body = checkedBody(${schema}, ${merged("current")}, request${required});`);
      } else {
        w.line(`const body = checkedBody(${schema}, data, request);`);
        w.block("if (current === undefined) {", () => {
          w.line("// not loaded here: no local change to show, just the request", send("current"), ...after);
        });
      }
      w.block("return await runTransaction(", () => {
        w.line(
          `() => collection.update(id, { optimistic: mode === "optimistic" }, (draft) => void Object.assign(draft, body)),`,
        );
        w.block("async () => {", () => w.line(send("current"), ...after), "},");
      }, ");");
    },
  );
  w.line("");
  w.doc(`Changes ${entity.name} (${modeDoc(r)}).`, [
    "@example",
    "```ts",
    `const update = ${names.useUpdate}();`,
    "update.mutate({ id, data: changes });",
    "```",
  ]);
  w.block(
    `export function ${names.useUpdate}(\n  options: MutationOptions<${names.updateVariables}, ${returns}> = {},\n` +
      `): MutationResult<${names.updateVariables}, ${returns}> {`,
    () => {
      w.line("const { client } = useSyncStore();");
      w.line(
        `return useTransactionMutation(({ id, data }, call) => ${names.updateFn}(client, id, data, options.mode, call), options);`,
      );
    },
  );
}

function deleteFunctions(w: CodeWriter, r: Resource): void {
  const { names, entity } = r;
  const collections = `../collections/${names.file}.ts`;
  w.import(collections, names.sendDelete).import("./shared.ts", "removeRow");
  w.line("");
  w.doc(`Deletes ${article(entity.singular)}, ${modeDoc(r)}.`, [
    "@param client The TanStack DB client (`useDbClient()` in a component).",
    "@param call An `AbortSignal` and headers for this call's requests.",
  ]);
  w.block(
    `export function ${names.deleteFn}(\n  client: DbClient,\n  id: ${names.key},\n` +
      `  mode: SyncMode = ${stringLiteral(entity.syncMode)},\n  call?: CallOptions,\n): Promise<void> {`,
    () => {
      w.line(`const collection = ${propertyAccess("getSyncStore(client).collections", names.member)};`);
      w.line("const current = collection.get(id);");
      w.block("if (current === undefined) {", () => {
        w.line(`return ${names.sendDelete}(id, undefined, call).then(() => removeRow(collection, id));`);
      });
      w.block("return runTransaction(", () => {
        w.line(`() => collection.delete(id, { optimistic: mode === "optimistic" }),`);
        w.block("async () => {", () => {
          w.line(`await ${names.sendDelete}(id, current, call);`, "removeRow(collection, id);");
        }, "},");
      }, ");");
    },
  );
  w.line("");
  w.doc(`Deletes ${entity.name} by key (${modeDoc(r)}).`);
  w.block(
    `export function ${names.useDelete}(\n  options: MutationOptions<${names.key}, void> = {},\n` +
      `): MutationResult<${names.key}, void> {`,
    () => {
      w.line("const { client } = useSyncStore();");
      w.line(
        `return useTransactionMutation((id, call) => ${names.deleteFn}(client, id, options.mode, call), options);`,
      );
    },
  );
}

function customFunctions(w: CodeWriter, r: Resource, custom: CustomPlan): void {
  const { names } = r;
  const { op } = custom;
  w.import("../client/api.ts", names.api).import("./shared.ts", "upsertRow");
  const method = propertyAccess(names.api, custom.method);
  w.line("");
  w.doc(`The arguments of \`${op.method.toUpperCase()} ${op.path}\` (${op.id}).`);
  if (custom.args.length === 0) {
    w.line(`export type ${custom.variables} = Record<never, never>;`);
  } else {
    w.block(`export interface ${custom.variables} {`, () => {
      custom.args.forEach((arg, i) => {
        w.line(`${propertyKey(arg.key)}${arg.optional ? "?" : ""}: Parameters<typeof ${method}>[${i}];`);
      });
    });
  }
  const args = [...custom.args.map((arg) => propertyAccess("variables", arg.key)), "call"];
  w.importType("../client/core.ts", "CallOptions");
  const text = [op.summary, op.description].filter((t): t is string => !!t && t.trim() !== "").join("\n\n");
  w.line("");
  w.doc(
    (text ? `${text}\n\n` : "") +
      `\`${op.method.toUpperCase()} ${op.path}\`; the ${r.entity.singular} it answers with replaces the one in ` +
      "the collection.",
    op.deprecated ? ["@deprecated"] : [],
  );
  w.block(
    `export async function ${custom.fn}(\n  client: DbClient,\n  variables: ${custom.variables},\n  call?: CallOptions,\n` +
      `): Promise<schemas.${names.item}> {`,
    () => {
      if (custom.args.length === 0) w.line("void variables;");
      w.line(`const answer = await ${method}(${args.join(", ")});`);
      // the client answers with the entity itself, unwrapped from any envelope
      w.line("const row = answer;");
      w.line(`upsertRow(${propertyAccess("getSyncStore(client).collections", names.member)}, row);`, "return row;");
    },
  );
  w.line("");
  w.doc(`Runs {@link ${custom.fn}} as a mutation hook.`, op.deprecated ? ["@deprecated"] : []);
  w.block(
    `export function ${custom.hook}(\n  options: MutationOptions<${custom.variables}, schemas.${names.item}> = {},\n` +
      `): MutationResult<${custom.variables}, schemas.${names.item}> {`,
    () => {
      w.line("const { client } = useSyncStore();");
      w.line(`return useTransactionMutation((variables, call) => ${custom.fn}(client, variables, call), options);`);
    },
  );
}

/** True for names of members every object inherits (`toString`, `constructor`, …). */
function inheritedName(name: string): boolean {
  return Object.hasOwn(Object.prototype, name);
}

/**
 * The item fields an infinite list can be ordered by: those whose name (or `-` name) the list's sort parameter
 * takes, or every field when it lists no values.
 */
function sortableFields(r: Resource, values: readonly string[] | undefined): string[] {
  const fields = r.entity.schemas.item.properties.map((p) => p.name);
  if (!values) return fields;
  return fields.filter((f) => values.includes(f) || values.includes(`-${f}`));
}
