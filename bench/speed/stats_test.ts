import assert from "node:assert/strict";
import {
  checkOutcome,
  count,
  factor,
  linearity,
  linearityCell,
  lineCount,
  median,
  mib,
  ms,
  RATIO_TARGETS,
  size,
  splitTimeOutput,
  verdict,
} from "./stats.ts";

Deno.test("verdict: ok at or under a limit, MISSED with value ÷ limit above it; strict limits exclude the limit", () => {
  assert.equal(verdict(2, RATIO_TARGETS.github), "ok");
  assert.equal(verdict(2.9, RATIO_TARGETS.box), "ok");
  assert.equal(verdict(4.7, RATIO_TARGETS.github), "MISSED 2.35×");
  assert.equal(verdict(14, RATIO_TARGETS.stripe), "MISSED 4.67×");
  assert.equal(verdict(250, { limit: 250 }), "ok");
  assert.equal(verdict(250, { limit: 250, strict: true }), "MISSED 1.00×");
  assert.equal(verdict(490, { limit: 250, strict: true }), "MISSED 1.96×");
  assert.equal(verdict(0.8, { limit: 5, strict: true }), "ok");
});

Deno.test("factor: fewer decimals for larger factors; nothing for a division by zero", () => {
  assert.equal(factor(1.234), "1.23×");
  assert.equal(factor(12.34), "12.3×");
  assert.equal(factor(156.7), "157×");
  assert.equal(factor(1 / 0), "–");
});

Deno.test("linearity: cost per byte relative to the base; proportional growth is 1, the issue's 60 MB run about 4", () => {
  const base = { bytes: 1e6, ms: 100, rssMiB: 20 };
  const proportional = linearity({ bytes: 4e6, ms: 400, rssMiB: 80 }, base);
  assert.equal(proportional.time, 1);
  assert.equal(proportional.rss, 1);
  const superLinear = linearity({ bytes: 16e6, ms: 3200, rssMiB: 640 }, base);
  assert.equal(superLinear.time, 2);
  assert.equal(superLinear.rss, 2);
  // the issue: 13 MB in 0.49 s, 60 MB in 10.3 s → 4.6× the size, 21× the time
  assert.equal(linearity({ bytes: 60e6, ms: 10_300 }, { bytes: 13e6, ms: 490 }).time.toFixed(2), "4.55");
  assert.equal(linearity({ bytes: 4e6, ms: 400 }, base).rss, undefined);
  assert.equal(linearity({ bytes: 4e6, ms: 400, rssMiB: 8 }, { ...base, rssMiB: 0 }).rss, undefined);
});

Deno.test("linearityCell: within 1.5× is ok, above it MISSED by the excess; nothing to compare is a dash", () => {
  assert.equal(linearityCell(1), "1.00× ok");
  assert.equal(linearityCell(1.5), "1.50× ok");
  assert.equal(linearityCell(3), "3.00× MISSED 2.00×");
  assert.equal(linearityCell(undefined), "–");
  assert.equal(linearityCell(NaN), "–");
});

Deno.test("formats: milliseconds, decimal sizes, MiB, thousands", () => {
  assert.equal(ms(3.456), "3.46 ms");
  assert.equal(ms(159.04), "159.0 ms");
  assert.equal(ms(10_300), "10.30 s");
  assert.equal(size(880_720), "881 KB");
  assert.equal(size(13_212_345), "13.2 MB");
  assert.equal(mib(159.6), "160 MB");
  assert.equal(mib(undefined), "–");
  assert.equal(count(43_373), "43,373");
  assert.equal(count(1_234_567), "1,234,567");
  assert.equal(count(12), "12");
});

Deno.test("lineCount: newlines, and a last line without one", () => {
  assert.equal(lineCount(""), 0);
  assert.equal(lineCount("a"), 1);
  assert.equal(lineCount("a\n"), 1);
  assert.equal(lineCount("a\nb"), 2);
  assert.equal(lineCount("a\n\nb\n"), 3);
});

Deno.test("median: the middle one, the mean of the two middle ones, NaN for none; the input is not sorted in place", () => {
  const values = [5, 1, 3];
  assert.equal(median(values), 3);
  assert.deepEqual(values, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

Deno.test("splitTimeOutput: the peak RSS from GNU time's last line, the rest as the command's stderr", () => {
  assert.deepEqual(splitTimeOutput("warning: x\n163840\n"), { rssMiB: 160, stderr: "warning: x" });
  assert.deepEqual(splitTimeOutput("boom\nCommand exited with non-zero status 1\n2048\n"), {
    rssMiB: 2,
    stderr: "boom\nCommand exited with non-zero status 1",
  });
  assert.deepEqual(splitTimeOutput("no number here\n"), { stderr: "no number here\n" });
});

Deno.test("checkOutcome: counted TypeScript errors, or a failure's first line and the generated file it names", () => {
  assert.deepEqual(checkOutcome("", 0), { errors: 0 });
  assert.deepEqual(
    checkOutcome(
      "TS2345 [ERROR]: Argument …\n    at file:///c/box/generated/collections/files.ts:76:71\n\nFound 3 errors.\n",
      1,
    ),
    { errors: 3 },
  );
  assert.deepEqual(checkOutcome("TS2345 [ERROR]: Argument …\n", 1), { errors: 1 });
  assert.deepEqual(
    checkOutcome(
      "error: SyntaxError: Expected ']', got ','\n      |\n37239 |       key: string,\n" +
        "    at file:///c/github/generated/client/api.ts:37239:18\n",
      1,
    ),
    { errors: 0, note: "error: SyntaxError: Expected ']', got ',' at client/api.ts:37239:18" },
  );
});
