import assert from "node:assert/strict";
import { describeCounts, markChanges } from "./changes.ts";

Deno.test("markChanges: added, changed, removed and same, with counts", () => {
  const before = { "a.ts": "1", "b.ts": "2", "gone.ts": "3" };
  const after = { "a.ts": "1", "b.ts": "2 changed", "new.ts": "4" };
  const { marks, counts } = markChanges(before, after);
  assert.deepEqual(marks, { "a.ts": "same", "b.ts": "changed", "new.ts": "added", "gone.ts": "removed" });
  assert.deepEqual(counts, { added: 1, changed: 1, removed: 1, same: 1 });
  assert.equal(describeCounts(counts), "1 changed · 1 added · 1 removed");
});

Deno.test("markChanges: without a previous generation every file is same", () => {
  const { marks, counts } = markChanges(undefined, { "a.ts": "1", "b/c.ts": "2" });
  assert.deepEqual(marks, { "a.ts": "same", "b/c.ts": "same" });
  assert.deepEqual(counts, { added: 0, changed: 0, removed: 0, same: 2 });
  assert.equal(describeCounts(counts), "no changes");
});

Deno.test("markChanges: a path named like an Object.prototype key is a normal file", () => {
  const { marks } = markChanges({ "constructor": "x" }, { "toString": "y" });
  assert.deepEqual(marks, { toString: "added", constructor: "removed" });
});
