import assert from "node:assert/strict";
import { median, percentile, summarize } from "./stats.ts";

Deno.test("stats: median of odd and even counts, in any order", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

Deno.test("stats: p95 by nearest rank", () => {
  const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1
  assert.equal(percentile(values, 95), 19);
  assert.equal(percentile(values, 100), 20);
  assert.equal(percentile(values, 0), 1);
  assert.equal(percentile([7], 95), 7);
});

Deno.test("stats: summarize gives n, median, p95, min, max; no samples is an error", () => {
  assert.deepEqual(summarize([3, 1, 2, 10]), { n: 4, median: 2.5, p95: 10, min: 1, max: 10 });
  assert.throws(() => summarize([]), RangeError);
  assert.throws(() => percentile([1], 101), RangeError);
});
