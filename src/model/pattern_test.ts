import assert from "node:assert/strict";
import { planPattern } from "./pattern.ts";

Deno.test("planPattern(): valid in Unicode mode → u flag; only without it → legacy; invalid → dropped", () => {
  assert.equal(planPattern("^\\p{L}+$").kind, "unicode");
  assert.equal(planPattern("^[a-zA-Z0-9\\-_.]+$").kind, "unicode");
  assert.equal(planPattern("^\\d{3}-\\d{4}$").kind, "unicode");
  assert.equal(planPattern("^[\\w\\_]+$").kind, "legacy");
  assert.equal(planPattern("{abc}").kind, "legacy");
  assert.deepEqual(planPattern("(unclosed"), {
    kind: "dropped",
    code: "model/pattern-dropped",
    reason: "it is not a valid regular expression",
  });
  assert.equal(planPattern("[z-a]").kind, "dropped");
});

Deno.test("planPattern(): catastrophic patterns are dropped as unsafe", () => {
  const evil = [
    "^(a+)+$",
    "(a|a)*",
    "(.*)*",
    "^(a*b*)*$",
    "(x+x+)+y",
    "^(\\d+\\s?)+$",
    "^(([a-z])+.)+[A-Z]([a-z])+$", // OWASP's example
    "(\\w|\\d)+",
    "(?:a|ab)+c",
    "(?=(a+)+b)",
    "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
  ];
  for (const p of evil) {
    const plan = planPattern(p);
    assert.ok(plan.kind === "dropped" && plan.code === "model/pattern-unsafe", `${p}: ${JSON.stringify(plan)}`);
  }
});

Deno.test("planPattern(): unambiguous repetitions stay", () => {
  const fine = [
    "^([a-z]+\\.)+[a-z]{2,}$",
    "^[a-z0-9]+(-[a-z0-9]+)*$",
    "([a-z]|[0-9])+",
    "^[^@]+@[^@]+\\.[^@]+$",
    "(?:a|b)+c",
    "[\\s\\S]*",
    "^(\\+\\d{1,3})?\\d{6,14}$",
    "^#?([a-f0-9]{6}|[a-f0-9]{3})$",
    "^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$",
  ];
  for (const p of fine) assert.equal(planPattern(p).kind, "unicode", p);
});
