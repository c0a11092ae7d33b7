import assert from "node:assert/strict";
import { diffRows } from "./diff_rows.ts";

const lines = (n: number, prefix = "line") => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

Deno.test("diffRows: an added line with its numbers, long unchanged runs folded to 3 lines of context", () => {
  const before = lines(20).join("\n") + "\n";
  const after = [...lines(10), "new line", ...lines(20).slice(10)].join("\n") + "\n";
  const rows = diffRows(before, after);
  assert.deepEqual(rows.filter((r) => r.kind === "added"), [{ kind: "added", after: 11, text: "new line" }]);
  assert.deepEqual(rows.map((r) => r.kind), [
    "skip",
    "context",
    "context",
    "context",
    "added",
    "context",
    "context",
    "context",
    "skip",
  ]);
  assert.equal(rows[0].text, "7 unchanged lines");
  assert.deepEqual(rows[1], { kind: "context", before: 8, after: 8, text: "line 8" });
  assert.deepEqual(rows[5], { kind: "context", before: 11, after: 12, text: "line 11" });
});

Deno.test("diffRows: a removed file is all removed lines; an unchanged file has no change rows", () => {
  assert.deepEqual(diffRows("a\nb\n", "").map((r) => [r.kind, r.before, r.text]), [
    ["removed", 1, "a"],
    ["removed", 2, "b"],
  ]);
  assert.ok(diffRows("a\nb\n", "a\nb\n").every((r) => r.kind === "context" || r.kind === "skip"));
});
