import assert from "node:assert/strict";
import { generate } from "../../generate.ts";
import { clashSpec, schoolSpec } from "../../../tests/fixtures/data_layer_specs.ts";
import { s } from "../../../tests/helpers/model_builders.ts";
import { salesModel } from "../../../tests/fixtures/sales_model.ts";
import { planSchemas } from "./schemas.ts";
import { pathParams, placeholder, planResources } from "./resources.ts";
import { valueLiteral } from "../print/writer.ts";

function plan(spec: Record<string, unknown>) {
  const model = generate(spec).model;
  return planResources(model, planSchemas(model));
}

Deno.test("placeholder(): the default, null when nullable, else an empty value of the type", () => {
  const named = new Map();
  const cases: [Parameters<typeof placeholder>[0], string | undefined][] = [
    [s.string({ default: 'a"b' }), "'a\"b'"],
    [s.string({ nullable: true }), "null"],
    [s.string(), '""'],
    [s.uuid(), "crypto.randomUUID()"],
    [s.string({ format: "date-time" }), "new Date().toISOString()"],
    [s.string({ format: "date" }), "new Date().toISOString().slice(0, 10)"],
    [s.int(), "0"],
    [s.boolean(), "false"],
    [s.enum(["*/", "b"]), '"*/"'],
    [s.array(s.string()), "[]"],
    [s.object({}), "{}"],
    [s.unknown(), undefined],
    [s.ref("Nowhere"), undefined],
  ];
  for (const [schema, want] of cases) {
    assert.equal(placeholder(schema, named, valueLiteral), want, JSON.stringify(schema));
  }
});

Deno.test("pathParams(): in the order of the path", () => {
  const p = (name: string) => ({ name, identifier: name, in: "path" as const, required: true, schema: s.string() });
  assert.deepEqual(pathParams({ path: "/a/{x}/b/{y}", pathParams: [p("y"), p("z"), p("x")] }).map((q) => q.name), [
    "x",
    "y",
  ]);
});

Deno.test("planResources(): operations, parents, list capabilities", () => {
  const { resources, byName } = plan(schoolSpec);
  assert.deepEqual(resources.map((r) => r.names.file), ["classes", "students", "terms"]);
  const classes = byName.get("classes")!;
  assert.deepEqual(classes.list?.eq, [["parent_id", "parent_id"]]);
  assert.deepEqual(classes.list?.in, [["id", "id"]]);
  assert.deepEqual(classes.list?.sort, { param: "sort", values: ["name", "-name"] });
  assert.deepEqual([classes.list?.limit, classes.list?.offset, classes.list?.pageSize], ["limit", "offset", 50]);
  const students = byName.get("students")!;
  assert.deepEqual(students.get?.path.map((a) => a.source), [{ kind: "field", field: "class_id" }, { kind: "key" }]);
  assert.equal(students.update?.full, true);
  const terms = byName.get("terms")!;
  assert.deepEqual([!!terms.create, !!terms.update, !!terms.delete], [false, false, false]);
});

Deno.test("planResources(): names clash-free against the schemas, the client and the fixed exports", () => {
  const clash = plan(clashSpec);
  const tasks = clash.byName.get("tasks")!;
  assert.equal(tasks.names.row, "TaskRow2");
  assert.equal(tasks.names.relations, "TaskRelations");
  assert.ok(clash.taken("SyncStore") && clash.taken("BroadcastEvent"));
  assert.ok(!clash.taken("getSyncStore"), "reserved by the model for us");
  const classes = clash.byName.get("classes")!;
  assert.equal(classes.names.keys, "classKeys");
  assert.equal(classes.names.useItem, "useClass");
  // every name we allocate is unique and none is a schema's or the client's
  const fixture = planResources(salesModel, planSchemas(salesModel));
  const allocated = fixture.resources.flatMap((r) => {
    const { item: _i, itemSchema: _s, create: _c, update: _u, api: _a, member: _m, file: _f, ...own } = r.names;
    return [...Object.values(own), ...r.customs.flatMap((c) => [c.hook, c.fn, c.variables])];
  });
  assert.equal(new Set(allocated).size, allocated.length);
  for (const name of allocated) {
    assert.ok(!fixture.taken(name) || name.endsWith("Relations") || name.endsWith("Include"), name);
  }
});
