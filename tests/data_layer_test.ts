/**
 * Runs `tests/data_layer/app/school_test.tsx` against the generated data layer of
 * `tests/fixtures/data_layer_specs.ts#schoolSpec`, in the consumer environment (real npm packages, happy-dom):
 * generates it into `tests/.out/data-layer/generated/`, links node_modules, type-checks and runs the scenarios.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { linkConsumerModules, runDeno } from "./consumer/setup.ts";
import { feedSpec, projectsSpec, schoolSpec } from "./fixtures/data_layer_specs.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const OUT = path("./.out/data-layer");
const APP = path("./data_layer/app");

Deno.test({
  name: "data layer: the school scenarios pass (nested paths, id sets, paging, self includes, nested writes)",
  sanitizeResources: false,
  async fn() {
    await Deno.remove(`${OUT}/generated`, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
    for (const [file, text] of Object.entries(generate(schoolSpec).files)) {
      const target = `${OUT}/generated/${file}`;
      await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(target, text);
    }
    await linkConsumerModules(OUT); // the generated code's npm imports
    await linkConsumerModules(APP); // the scenarios' npm imports
    const run = await runDeno("test", ["-A", "school_test.tsx"], APP);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  },
});

Deno.test({
  name:
    "data layer: a PUT of a row not loaded loads it first; an invalid body sends nothing; an include that never loads",
  sanitizeResources: false,
  async fn() {
    const out = path("./.out/data-layer-projects");
    await Deno.remove(`${out}/generated`, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
    const result = generate(projectsSpec);
    assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.message}`), [
      'data-layer/include-per-parent Include "tasks" of projects sends one GET /projects/{project_id}/tasks per ' +
      "project (at most 6 at a time): the list filters by one project_id at a time (a multi-value filter would make " +
      "it one request)",
      'data-layer/include-never-loads Include "tasks" of users can never load: GET /projects/{project_id}/tasks ' +
      "needs project_id, which users rows do not give; it is left out of the include type",
    ]);
    for (const [file, text] of Object.entries(result.files)) {
      const target = `${out}/generated/${file}`;
      await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(target, text);
    }
    await linkConsumerModules(out);
    await linkConsumerModules(APP);
    const run = await runDeno("test", ["-A", "projects_test.tsx"], APP);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  },
});

Deno.test({
  name: "data layer: infinite lists load one request per page until hasNextPage is false; list hooks keep the total",
  sanitizeResources: false,
  async fn() {
    const out = path("./.out/data-layer-feed");
    await Deno.remove(`${out}/generated`, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
    const result = generate(feedSpec);
    assert.deepEqual(result.diagnostics, []);
    for (const [file, text] of Object.entries(result.files)) {
      const target = `${out}/generated/${file}`;
      await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(target, text);
    }
    await linkConsumerModules(out);
    await linkConsumerModules(APP);
    const run = await runDeno("test", ["-A", "infinite_test.tsx"], APP);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  },
});
