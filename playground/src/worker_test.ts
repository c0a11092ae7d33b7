import assert from "node:assert/strict";
import { generate } from "../../mod.ts";
import { handle } from "./worker.ts";

const SPEC = await Deno.readTextFile(new URL("../examples/projects.yaml", import.meta.url));

Deno.test("worker: generates, then marks what an edit changed against its previous generation", () => {
  const first = handle({ id: 1, spec: SPEC, syncMode: "optimistic", resetBaseline: true });
  assert.ok(first.ok);
  assert.deepEqual(first.files, generate(SPEC).files);
  assert.equal(first.changes.counts.same, Object.keys(first.files).length);

  const edited = SPEC.replace(
    "        done: { type: boolean }\n",
    "        done: { type: boolean }\n        priority: { type: integer }\n",
  );
  assert.notEqual(edited, SPEC);
  const second = handle({ id: 2, spec: edited, syncMode: "optimistic", resetBaseline: false });
  assert.ok(second.ok);
  const expected = generate(edited).files;
  const changed = Object.keys(expected).filter((p) => expected[p] !== first.files[p]).sort();
  assert.ok(changed.length > 0);
  assert.deepEqual(
    Object.keys(second.changes.marks).filter((p) => second.changes.marks[p] === "changed").sort(),
    changed,
  );
});

Deno.test("worker: a broken spec gives its error with a line, and the next good one compares to the last good", () => {
  handle({ id: 1, spec: SPEC, syncMode: "optimistic", resetBaseline: true });
  const broken = handle({
    id: 2,
    spec: "openapi: 3.1.0\ninfo: [unclosed\n",
    syncMode: "optimistic",
    resetBaseline: false,
  });
  assert.equal(broken.ok, false);
  if (!broken.ok) {
    assert.equal(broken.diagnostic.severity, "error");
    assert.equal(typeof broken.diagnostic.line, "number");
  }
  const again = handle({ id: 3, spec: SPEC, syncMode: "optimistic", resetBaseline: false });
  assert.ok(again.ok);
  assert.deepEqual(again.changes.counts, { added: 0, changed: 0, removed: 0, same: Object.keys(again.files).length });
});
