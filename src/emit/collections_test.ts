import assert from "node:assert/strict";
import { oneLine } from "../../tests/helpers/one_line.ts";
import { generate } from "../generate.ts";
import { corpusSpec } from "../../tests/fixtures/corpus_specs.ts";
import { clashSpec, feedSpec, schoolSpec } from "../../tests/fixtures/data_layer_specs.ts";
import { salesModel } from "../../tests/fixtures/sales_model.ts";
import { emitCollections } from "./collections.ts";
import { emitContext } from "./context.ts";

const school = generate(schoolSpec).files;
const clash = generate(clashSpec).files;

/** The lines of `text` that contain `needle`. */
function linesWith(text: string, needle: string): string[] {
  return text.split("\n").filter((l) => oneLine(l).includes(oneLine(needle))).map((l) => l.trim());
}

Deno.test("collections: one file per entity, the shared loader and an index", () => {
  assert.deepEqual(Object.keys(school).filter((p) => p.startsWith("collections/")).sort(), [
    "collections/classes.ts",
    "collections/index.ts",
    "collections/shared.ts",
    "collections/store.ts",
    "collections/students.ts",
    "collections/terms.ts",
  ]);
  const index = school["collections/index.ts"];
  for (const file of ["classes", "students", "terms", "shared", "store"]) {
    assert.ok(oneLine(index).includes(oneLine(`export * from "./${file}.ts";`)), file);
  }
});

Deno.test("collections: an on-demand query collection keyed by the primary key, indexed", () => {
  const text = school["collections/classes.ts"];
  for (
    const line of [
      'id: "classes",',
      "queryKey: (options) => subsetKey(classKeys.all, classSource, options),",
      'syncMode: "on-demand",',
      "queryFn: (ctx) => loadSubset(classSource, ctx.meta?.loadSubsetOptions, ctx.signal, ctx.client),",
      "getKey: (row: schemas.Class) => row.id as ClassKey,",
      'autoIndex: "eager",',
      "defaultIndexType: BasicIndex,",
      'export type ClassKey = schemas.Class["id"] & (string | number);',
    ]
  ) assert.ok(oneLine(text).includes(oneLine(line)), line);
  // the reserved word `class` is only a guard suffix away: no `class_Keys`
  assert.ok(!/\bclass_[A-Z]/.test(text));
});

Deno.test("collections: the list's filters, id set, sort and paging are mapped from its query parameters", () => {
  const text = school["collections/classes.ts"];
  assert.deepEqual(linesWith(text, "eq: "), ['eq: { parent_id: "parent_id" },']);
  assert.deepEqual(linesWith(text, "in: "), ['in: { id: "id" },']);
  assert.deepEqual(linesWith(text, "sort: "), ['sort: { param: "sort", values: ["name", "-name"] },']);
  assert.deepEqual(linesWith(text, "limit: "), ['limit: "limit",']);
  assert.deepEqual(linesWith(text, "pageSize: "), ["pageSize: 50,"]);
  assert.deepEqual(linesWith(text, "maxLimit: "), ["maxLimit: 50,"]);
});

Deno.test("collections: an integer key gets a negative temporary key; defaults and empty values fill the row", () => {
  const text = school["collections/classes.ts"];
  assert.ok(
    oneLine(text).includes(
      'const row: Record<string, unknown> = { name: "", room: "TBD", parent_id: null, created_at: new Date().toISOString() };',
    ),
  );
  assert.ok(oneLine(text).includes(oneLine('Object.defineProperty(row, "id", { value: -Date.now() - Math.random(),')));
  assert.ok(oneLine(school["collections/students.ts"]).includes(oneLine("value: crypto.randomUUID(),")));
});

Deno.test("collections: a nested resource takes its parent ids from filters and rows", () => {
  const text = school["collections/students.ts"];
  assert.deepEqual(linesWith(text, "path: "), ['path: ["class_id"],', 'path: ["class_id"],']);
  assert.ok(
    oneLine(text).includes(oneLine(
      "fetch: (path, params, signal) => studentsApi.list(path[0] as Parameters<typeof studentsApi.list>[0], " +
        "params as Parameters<typeof studentsApi.list>[1], { signal }),",
    )),
  );
  assert.ok(
    oneLine(text).includes(
      oneLine('parentValue(row, "class_id", "create student") as Parameters<typeof studentsApi.create>[0]'),
    ),
  );
  // PUT replaces the row: a direct collection update sends the whole modified row's update fields
  assert.ok(
    oneLine(text).includes(
      oneLine('sendStudentUpdate(m.key, pickFields<schemas.StudentUpdate>(m.modified, ["name"]), m.modified)'),
    ),
  );
});

Deno.test("collections: no handler for an operation the API does not have", () => {
  const terms = school["collections/terms.ts"];
  for (const missing of ["onInsert", "onUpdate", "onDelete", "sendTermCreate", "optimisticTerm", "parentValue"]) {
    assert.ok(!oneLine(terms).includes(oneLine(missing)), missing);
  }
  const classes = school["collections/classes.ts"];
  for (const present of ["onInsert", "onUpdate", "onDelete"]) {
    assert.ok(oneLine(classes).includes(oneLine(present)), present);
  }
});

Deno.test("collections: relation metadata as a typed constant", () => {
  const text = school["collections/classes.ts"];
  assert.ok(oneLine(text).includes(oneLine("export const classRelations = {")));
  assert.ok(
    oneLine(text).includes(
      oneLine('parent: { kind: "belongsTo", target: "classes", foreignKey: "parent_id", nullable: true },'),
    ),
  );
  assert.ok(
    oneLine(text).includes(
      oneLine('students: { kind: "hasMany", target: "students", foreignKey: "class_id", nullable: false },'),
    ),
  );
  assert.ok(oneLine(text).includes(oneLine("} as const;")));
});

Deno.test("collections: hostile names are quoted keys and string values, never code", () => {
  const text = clash["collections/tasks.ts"];
  assert.ok(oneLine(text).includes(oneLine('\'a"b\': ""')), "a quoted key in the placeholders");
  assert.ok(oneLine(text).includes(oneLine('["__proto__"]: ""')), "__proto__ as a computed key, not the prototype");
  assert.ok(oneLine(text).includes(oneLine("constructor: 0")));
  assert.ok(oneLine(text).includes(oneLine('"parent-task": { kind: "belongsTo"')));
  assert.ok(!oneLine(text).includes(oneLine("*/ globalThis")), "the comment close stays escaped");
  const fixture = emitCollections(emitContext(salesModel));
  const customers = fixture["collections/customers.ts"];
  assert.ok(oneLine(customers).includes(oneLine("'a\"b'")));
  assert.ok(oneLine(customers).includes(oneLine('"__proto__"')));
});

Deno.test("collections: the same model gives the same bytes", () => {
  assert.deepEqual(generate(schoolSpec).files, school);
});

Deno.test("collections: calls line up with the client's arguments on real-world shapes (corpus_specs.ts)", () => {
  const files = generate(corpusSpec).files;
  const text = (name: string) => files[`collections/${name}.ts`];
  // an item GET with query parameters: `undefined` for them, then the options
  assert.ok(
    oneLine(text("charges")).includes(
      oneLine("chargesApi.get(key as Parameters<typeof chargesApi.get>[0], undefined, { signal })"),
    ),
  );
  // a string key in an integer (or array) path parameter goes through unknown; a header parameter alone still
  // takes the `params` place (Box's If-Match)
  assert.ok(
    oneLine(text("filters")).includes(
      oneLine("filtersApi.delete(key as unknown as Parameters<typeof filtersApi.delete>[0], undefined, call)"),
    ),
  );
  // an optional form body on a DELETE (Stripe) and a query parameter: `undefined` for both
  assert.ok(
    oneLine(text("charges")).includes(
      oneLine("chargesApi.delete(key as Parameters<typeof chargesApi.delete>[0], undefined, undefined, call)"),
    ),
  );
  assert.ok(
    oneLine(text("disruptions")).includes(oneLine("key as unknown as Parameters<typeof disruptionsApi.get>[0]")),
  );
  // writes that answer with nothing do not take the collection
  assert.deepEqual(linesWith(text("filters"), "onInsert:"), ["onInsert: async ({ transaction }) => {"]);
  // a required query parameter: the list casts the subset's parameters, item operations are not driven
  assert.ok(oneLine(text("partners")).includes(oneLine("params as unknown as Parameters<typeof partnersApi.list>[0]")));
  assert.ok(
    !oneLine(text("partners")).includes(oneLine("partnersApi.get")) &&
      !oneLine(text("partners")).includes(oneLine("partnersApi.delete")),
  );
  // a create body that is no object cannot carry the parent id of a nested path: the data layer does not create
  assert.ok(
    oneLine(text("messages")).includes(oneLine("messagesApi.list")) &&
      !oneLine(text("messages")).includes(oneLine("sendMessageCreate")),
  );
  // a path that names a parameter twice takes it once
  assert.ok(
    oneLine(files["client/api.ts"]).includes(oneLine("export async function getOp(location: string, op: string,")),
  );
  // a nullable item schema gives a row type without null
  const kernel = files["schemas/kernel.schema.ts"];
  const decl = kernel.slice(kernel.indexOf("export const KernelSchema:"));
  assert.ok(decl.startsWith("export const KernelSchema: z.ZodType<Kernel, Kernel> = z.object({"), decl);
  assert.ok(decl.trimEnd().endsWith("});"), decl);
  assert.ok(!oneLine(kernel.slice(kernel.indexOf("export type Kernel ="))).includes("null;"), kernel);
});

Deno.test("collections: a wrapped list with a cursor parameter and a next-cursor field pages by cursor", () => {
  const feed = generate(feedSpec).files;
  const events = feed["collections/events.ts"]!;
  assert.deepEqual(linesWith(events, "cursor: "), ['cursor: { param: "cursor", next: "next_cursor" },']);
  assert.deepEqual(linesWith(events, "maxLimit: "), ["maxLimit: 100,"]);
  assert.ok(events.includes("fetchPage: (_path, params, signal) =>"), events);
  // posts page by offset: no cursor
  assert.deepEqual(linesWith(feed["collections/posts.ts"]!, "cursor: "), []);
});
