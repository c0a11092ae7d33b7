import assert from "node:assert/strict";
import { generate } from "../../generate.ts";
import { emitContext } from "../context.ts";
import { includeLoad, loadCosts } from "./load_costs.ts";
import { projectsSpec, schoolSpec } from "../../../tests/fixtures/data_layer_specs.ts";

function plan(spec: object) {
  return emitContext(generate(spec).model).resources;
}

function loadOf(spec: object, entity: string, relation: string) {
  const resources = plan(spec);
  const rel = resources.byName.get(entity)!.entity.relationships.find((r) => r.name === relation)!;
  return includeLoad(rel, resources.byName.get(rel.target));
}

Deno.test("includeLoad: by id sets, per parent, or never", () => {
  assert.equal(loadOf(schoolSpec, "classes", "parent"), "set", "a belongsTo loads by the related keys");
  assert.equal(loadOf(schoolSpec, "classes", "students"), "per-parent", "students are listed under their class");
  assert.equal(loadOf(projectsSpec, "projects", "tasks"), "per-parent");
  assert.equal(loadOf(projectsSpec, "users", "tasks"), "never", "tasks are listed only under a project");
});

Deno.test("loadCosts: one finding per costly include and per list that cannot sort, at the list operation", () => {
  const costs = loadCosts(plan(projectsSpec));
  assert.deepEqual(costs.map((c) => [c.code, c.pointer]), [
    ["data-layer/include-per-parent", "/paths/~1projects~1{project_id}~1tasks/get"],
    ["data-layer/include-never-loads", "/paths/~1projects~1{project_id}~1tasks/get"],
  ]);
  // classes sort by name: no list-cannot-sort
  assert.ok(!loadCosts(plan(schoolSpec)).some((c) => c.code === "data-layer/list-cannot-sort"));
});
