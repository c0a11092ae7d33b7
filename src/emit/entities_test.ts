import assert from "node:assert/strict";
import { oneLine } from "../../tests/helpers/one_line.ts";
import { generate } from "../generate.ts";
import type { EntityModel } from "../model/types.ts";
import { clashSpec, schoolSpec } from "../../tests/fixtures/data_layer_specs.ts";
import { entity, op, param, s } from "../../tests/helpers/model_builders.ts";
import { emitContext } from "./context.ts";
import { emitEntities } from "./entities.ts";

const school = generate(schoolSpec).files;
const clash = generate(clashSpec).files;

function exported(text: string): string[] {
  return [...text.matchAll(/^export (?:async )?(?:function|type|interface|const) ([A-Za-z_$][\w$]*)/gm)].map((m) =>
    m[1]
  );
}

Deno.test("entities: the hooks and functions of an entity with every operation", () => {
  assert.deepEqual(exported(school["entities/classes.ts"]), [
    "ClassRelations",
    "ClassInclude",
    "ClassWith",
    "ClassRow",
    "UseClassesOptions",
    "UseClassOptions",
    "useClasses",
    "useClass",
    "useClassesSuspense",
    "useClassesInfinite",
    "useClassSuspense",
    "preloadClasses",
    "preloadClass",
    "createClass",
    "useCreateClass",
    "ClassUpdateVariables",
    "updateClass",
    "useUpdateClass",
    "deleteClass",
    "useDeleteClass",
  ]);
  assert.ok(
    oneLine(school["entities/classes.ts"]).includes(oneLine("export { type ClassKey, classKeys, classRelations };")),
  );
});

Deno.test("entities: no create, update or delete hook where the API has no such operation", () => {
  const terms = school["entities/terms.ts"];
  assert.deepEqual(exported(terms), [
    "TermRelations",
    "TermInclude",
    "TermWith",
    "TermRow",
    "UseTermsOptions",
    "UseTermOptions",
    "useTerms",
    "useTerm",
    "useTermsSuspense",
    "useTermSuspense",
    "preloadTerms",
    "preloadTerm",
  ]);
  assert.ok(oneLine(terms).includes(oneLine("export type TermRelations = Record<never, never>;")));
  assert.ok(!oneLine(terms).includes(oneLine("useTransactionMutation")), "no unused import");
});

Deno.test("entities: include types, with a nullable belongsTo possibly undefined and hasMany arrays", () => {
  const text = school["entities/classes.ts"];
  assert.ok(oneLine(text).includes(oneLine("parent: schemas.Class | undefined;")));
  assert.ok(oneLine(text).includes(oneLine("children: schemas.Class[];")));
  assert.ok(oneLine(text).includes(oneLine("students: schemas.Student[];")));
  assert.ok(
    oneLine(text).includes(
      oneLine("export type ClassWith<I extends ClassInclude = never> = schemas.Class & Pick<ClassRelations, I>;"),
    ),
  );
  assert.ok(oneLine(school["entities/students.ts"]).includes(oneLine("class: schemas.Class;")), "a required belongsTo");
});

Deno.test("entities: a self relation is one collection and one broadcast channel, described as data", () => {
  const text = school["entities/classes.ts"];
  const block = text.slice(
    text.indexOf("const classSpec: EntitySpec = {"),
    text.indexOf("};", text.indexOf("classSpec")),
  );
  assert.equal(block.match(/collection: \(store\) => store\.collections\.classes,/g)?.length, 3, block);
  assert.ok(oneLine(block).includes(oneLine('channel: "class",')));
  assert.ok(
    oneLine(block).includes(oneLine('key: "id",')) && oneLine(block).includes(oneLine('foreignKey: "parent_id",')),
  );
});

Deno.test("entities: a nested resource's create takes its parent id; its item hook says where it comes from", () => {
  const text = school["entities/students.ts"];
  assert.ok(oneLine(text).includes(oneLine('input: schemas.StudentCreate & Pick<schemas.Student, "class_id">,')));
  assert.ok(oneLine(text).includes(oneLine("const row = optimisticStudent({ ...input, ...body });")));
  assert.ok(oneLine(text).includes(oneLine("Its path needs `class_id`: pass it in `where`.")));
  // PUT: the whole row with the changes, checked (its body requires name); a row not loaded is loaded first
  assert.ok(oneLine(text).includes(oneLine("const row = await loadRow(collection, studentSource, id);")));
  assert.ok(
    oneLine(text).includes(oneLine(
      'checkedBody(schemas.StudentUpdateSchema, pickFields<schemas.StudentUpdate>({ ...current, ...data }, ["name"]), request, ["name"]);',
    )),
  );
});

Deno.test("entities: writes follow the entity's sync mode and run in transactions", () => {
  const text = school["entities/classes.ts"];
  assert.ok(oneLine(text).includes(oneLine('mode: SyncMode = "optimistic",')));
  assert.ok(oneLine(text).includes(oneLine('() => collection.insert(row, { optimistic: mode === "optimistic" }),')));
  assert.ok(oneLine(text).includes(oneLine('() => collection.delete(id, { optimistic: mode === "optimistic" }),')));
  const confirmed = generate(schoolSpec, { syncMode: "confirmed" }).files["entities/classes.ts"];
  assert.ok(oneLine(confirmed).includes(oneLine('mode: SyncMode = "confirmed",')));
});

Deno.test("entities: a custom operation that answers with the entity gets a function and a hook", () => {
  const item = s.object({ id: [s.uuid(), true], state: [s.string(), true] });
  const model: EntityModel = {
    title: "",
    version: "",
    openapi: "3.1.0",
    schemas: [],
    operations: [],
    entities: [
      entity("jobs", "job", "Job", {
        schemas: { item },
        operations: {
          get: op({
            id: "getJob",
            name: "get",
            kind: "get",
            method: "get",
            path: "/jobs/{job_id}",
            pathParams: [param("job_id", "path", s.uuid())],
            returnsEntity: true,
          }),
        },
        customOperations: [
          op({
            id: "retryJob",
            name: "retry",
            kind: "custom",
            method: "post",
            path: "/jobs/{job_id}/retry",
            pathParams: [param("job_id", "path", s.uuid())],
            queryParams: [param("force", "query", s.boolean())],
            returnsEntity: true,
            responseItemProperty: "job",
          }),
          op({ id: "jobStats", name: "stats", kind: "custom", method: "get", path: "/jobs/stats" }),
        ],
      }),
    ],
  };
  const text = emitEntities(emitContext(model))["entities/jobs.ts"];
  assert.ok(oneLine(text).includes(oneLine("export interface RetryJobVariables {")));
  assert.ok(oneLine(text).includes(oneLine("jobId: Parameters<typeof jobsApi.retry>[0];")));
  assert.ok(oneLine(text).includes(oneLine("params?: Parameters<typeof jobsApi.retry>[1];")));
  assert.ok(
    oneLine(text).includes(oneLine("const answer = await jobsApi.retry(variables.jobId, variables.params, call);")),
  );
  assert.ok(
    oneLine(text).includes(oneLine("const row = answer;")),
    "the client unwraps the envelope, the hook takes the entity",
  );
  assert.ok(oneLine(text).includes(oneLine("export function useRetryJob(")));
  assert.ok(!oneLine(text).includes(oneLine("Stats")), "no hook for an operation that does not answer with the entity");
});

Deno.test("entities: names that clash with schemas move; hostile relation names are keys", () => {
  const text = clash["entities/tasks.ts"];
  assert.ok(oneLine(text).includes(oneLine("export type TaskRow2<")), "TaskRow is a schema's name");
  assert.ok(oneLine(text).includes(oneLine('"parent-task": schemas.Task | undefined;')));
  assert.ok(oneLine(text).includes(oneLine('"parent-task": {')));
  assert.ok(oneLine(text).includes(oneLine('const { data, isLoading } = useTasks({ include: ["parent-task"] });')));
  const index = clash["entities/index.ts"];
  assert.ok(oneLine(index).includes(oneLine("  useSyncStore,")));
  const root = clash["index.ts"];
  assert.ok(!/^\s+type SyncStore,$/m.test(root), "the schema SyncStore wins at the root");
  assert.ok(!/^\s+type BroadcastEvent,$/m.test(root));
  assert.ok(root.includes("export { getSyncStore, type StoreCollections }"));
  // the entity `class` (a reserved word)
  assert.ok(oneLine(clash["entities/classes.ts"]).includes(oneLine("export function useClass<")));
});

Deno.test("a wrapped list's hook result has the wrapper's fields as `page`; its collection keeps them per subset", () => {
  const account = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } };
  const wrapper = {
    type: "object",
    required: ["data"],
    properties: {
      data: { type: "array", items: { $ref: "#/components/schemas/Account" } },
      next_cursor: { type: "string", nullable: true },
    },
  };
  const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
  const itemPath = (schema: unknown) => ({
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
    get: { responses: { "200": json(schema) } },
  });
  const { files } = generate({
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths: {
      "/accounts": { get: { responses: { "200": json({ $ref: "#/components/schemas/AccountPage" }) } } },
      "/accounts/{id}": itemPath({ $ref: "#/components/schemas/Account" }),
      "/users": {
        get: { responses: { "200": json({ type: "array", items: { $ref: "#/components/schemas/User" } }) } },
      },
      "/users/{id}": itemPath({ $ref: "#/components/schemas/User" }),
    },
    components: { schemas: { Account: account, AccountPage: wrapper, User: account } },
  });
  const hooks = oneLine(files["entities/accounts.ts"]!);
  assert.ok(
    hooks.includes(
      oneLine('options: UseAccountsOptions<I> = {}): ListResult<AccountRow<I>, Omit<schemas.AccountPage, "data">> {'),
    ),
    hooks,
  );
  const collection = oneLine(files["collections/accounts.ts"]!);
  assert.ok(collection.includes(oneLine("fetchPage: (_path, params, signal) => accountsApi.listPage(")), collection);
  assert.ok(
    collection.includes(
      oneLine("queryFn: (ctx) => loadSubsetPage(accountSource, ctx.meta?.loadSubsetOptions, ctx.signal, ctx.client),"),
    ),
    collection,
  );
  assert.ok(collection.includes("select: (answer) => answer.items,"), collection);
  // a bare array: no page fields, the plain loader
  assert.ok(oneLine(files["entities/users.ts"]!).includes("ListResult<UserRow<I>> {"), files["entities/users.ts"]);
  const users = files["collections/users.ts"]!;
  assert.ok(!users.includes("fetchPage") && !users.includes("select:") && users.includes("loadSubset("), users);
});

Deno.test("an infinite list hook only for a list the API pages and sorts, ordered by the fields it sorts by", () => {
  const classes = oneLine(school["entities/classes.ts"]!);
  assert.ok(
    classes.includes(
      oneLine(
        'export function useClassesInfinite<I extends ClassInclude = never>( options: InfiniteOptions<schemas.Class, I, "name"> = {}, ): InfiniteResult<ClassRow<I>> {',
      ),
    ),
    classes,
  );
  // terms: a list without limit, offset or sort
  assert.ok(!school["entities/terms.ts"]!.includes("Infinite"), school["entities/terms.ts"]);
});
