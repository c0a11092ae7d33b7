import assert from "node:assert/strict";
import { type BenchResult, formatReport, textTable, verdict } from "./report.ts";

const result: BenchResult = {
  meta: {},
  actions: [
    {
      id: "b1",
      label: "updated event",
      targets: [{ kind: "total", max: 1, why: "updated event" }],
      requests: [{ method: "GET", url: "/orders/1", count: 2 }, { method: "GET", url: "/orders?x=1", count: 1 }],
      started: 16,
    },
    { id: "c2", label: "limit without orderBy", targets: [{ kind: "once" }], error: "LIMIT needs ORDER BY" },
    { id: "a1", label: "first load", targets: [{ kind: "once" }], requests: [] },
  ],
  timings: [
    { id: "t1", label: "rename", targetMs: 1, summary: { n: 25, median: 8.5, p95: 12, min: 5, max: 20 } },
    { id: "t2", label: "insert", targetMs: 2, summary: { n: 25, median: 1.2, p95: 3, min: 1, max: 4 } },
    { id: "t3", label: "broadcast", targetMs: 50, error: "timed out" },
  ],
};

Deno.test("report: a verdict per action: met, missed with what was seen, or error", () => {
  assert.deepEqual(verdict(result.actions[0]!), {
    target: "≤ 1 request (updated event)",
    verdict: "missed: 3 requests",
  });
  assert.deepEqual(verdict(result.actions[1]!), { target: "each URL at most once", verdict: "error" });
  assert.deepEqual(verdict(result.actions[2]!), { target: "each URL at most once", verdict: "met" });
});

Deno.test("report: the table marks each row; details list the requests", () => {
  const text = formatReport(result);
  const line = (id: string) => text.split("\n").find((l) => l.startsWith(id + " "))!;
  assert.match(line("b1"), /updated event\s+3 \(16\)\s+≤ 1 request \(updated event\)\s+missed: 3 requests$/);
  assert.match(line("c2"), /limit without orderBy\s+-\s+each URL at most once\s+error: LIMIT needs ORDER BY$/);
  assert.match(line("t1"), /rename\s+25\s+8\.50\s+12\.0\s+median < 1 ms\s+missed$/);
  assert.match(line("t2"), /insert\s+25\s+1\.20\s+3\.00\s+median < 2 ms\s+met$/);
  assert.match(line("t3"), /error: timed out$/);
  assert.ok(!text.includes("/orders/1"));
  const details = formatReport(result, true);
  assert.match(details, / {3}2 {2}GET \/orders\/1\n/);
  assert.match(details, /a1\. first load\n {2}no requests/);
});

Deno.test("report: textTable pads columns to the widest cell", () => {
  assert.equal(textTable([["a", "bb"], ["ccc", "d"]]), "a    bb\n---  --\nccc  d");
});
