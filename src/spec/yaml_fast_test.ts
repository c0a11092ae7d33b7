import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { fastYamlValue } from "./yaml_fast.ts";
import { blockYamlOffset } from "./yaml_locate.ts";
import { parseWithYaml, parseYaml } from "./yaml_text.ts";

/** Snippets where js-yaml's defaults and `yaml`'s core schema read scalars differently. */
const SCALARS = [
  "a: 1_000",
  "a: 0b101",
  "a: -0x1F",
  "a: 0x1F",
  "a: 0o17",
  "a: 017",
  "a: +5",
  "a: -0",
  "a: 1e3",
  "a: 1.50",
  "a: .5",
  "a: -.inf",
  "a: .NaN",
  "a: .nan",
  "a: 1:20",
  "a: yes",
  "a: on",
  "a: ~",
  "a: Null",
  "a: NULL",
  "a: TRUE",
  "a: True",
  "a: 2001-12-14",
  "a: 12e",
  "a: 0x",
  "a: '1'",
  'a: "0x1F"',
  "a:",
  "a: 9007199254740993",
  "1: a\n1.0: b",
  "0x10: a",
  "~: a",
  "true: a",
  "'null': a",
  "__proto__: {polluted: 1}",
  "a: |\n  line\n  # not a comment\nb: >-\n  folded\n  text\n",
  'a: "multi\n  line"\nb: plain\n  continued\n',
  "- a\n- [b, {c: d}]\n- {e: [f]}\n",
  "paths:\n  /x:\n    get: {}\ntags:\n- name: a\n",
];

/** Snippets the fast path must leave to `yaml`: its errors, warnings and guards. */
const SLOW = [
  "a: &x 1\nb: *x\n",
  "a: *x\n",
  "a: !!str 1\n",
  "a: !custom 1\n",
  "base: {x: 1}\nc:\n  <<: {y: 2}\n",
  "%YAML 1.2\n---\na: 1\n",
  "? a\n: b\n",
  "[a, b]: c\n",
  "{a: 1}: c\n",
  "x: {[a]: b}\n",
  "a: 1\na: 2\n",
  ": empty\n",
  "a: [1,\n2\n]\n",
  "a: 1\n---\nb: 2\n",
  "a: b: c\n",
  "a:\n\t- b\n",
  "null: a\n",
];

Deno.test("the fast path gives yaml's value wherever it answers, and refuses what needs yaml", () => {
  const refused = [];
  for (const text of SCALARS) {
    const fast = fastYamlValue(text);
    const slow = parseWithYaml(text);
    assert.deepEqual(slow.diagnostics, [], text);
    if (fast === undefined) {
      refused.push(text);
      continue;
    }
    assert.ok(isDeepStrictEqual(fast, slow.value), `${text}: ${JSON.stringify(fast)} vs ${JSON.stringify(slow.value)}`);
    assert.equal(JSON.stringify(fast), JSON.stringify(slow.value), text); // key order too
  }
  // Only a `null` key is left to yaml (js-yaml makes an empty key `null`, yaml "").
  assert.deepEqual(refused, ["'null': a"]);
  for (const text of SLOW) assert.equal(fastYamlValue(text), undefined, text);
});

Deno.test("the fast path takes plain block YAML: numbers and keys as yaml reads them", () => {
  const value = fastYamlValue("1.50: a\n0x10: b\nc: [0x10, 0o17, 1_000, -0, .inf, 1e3, yes, ~]\n");
  assert.ok(
    isDeepStrictEqual(value, { "1.50": "a", "0x10": "b", c: [16, 15, "1_000", -0, Infinity, 1000, "yes", null] }),
  );
  const proto = fastYamlValue("__proto__:\n  polluted: 1\n") as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(proto, "__proto__")?.value, { polluted: 1 });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("parseYaml keeps yaml's errors, guards and warnings for text the fast path refuses", () => {
  assert.throws(() => parseYaml("a: 1\na: 2\n"), /Map keys must be unique/);
  assert.throws(() => parseYaml("a: &a [*a]\n"), /inside the node it refers to/);
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 8; i++) {
    bomb.push(`${"abcdefgh"[i]}: &${"abcdefgh"[i]} [${`*${"abcdefgh"[i - 1]}, `.repeat(9)}*${"abcdefgh"[i - 1]}]`);
  }
  assert.throws(() => parseYaml(bomb.join("\n") + "\n"), /alias bomb/);
  assert.deepEqual(parseYaml("a: !custom 1\n").diagnostics.map((d) => [d.code, d.line]), [["spec/yaml-warning", 1]]);
});

const BLOCK = `# a comment
openapi: 3.1.0
"quoted key": 1
'single': 2
plain key with spaces  : 3
tags:
- name: a
  description: |
    name: not a key
- name: b
paths:
  /orders/{id}:
    get:
      parameters:
        -
          name: id
          in: path
        - name: q   # a comment
          schema: {type: string}
      responses:
        "200":
          description: ok
  # between
  /x:
    summary: >
      folded
      text
    post:
      tags: [a, b]
`;

Deno.test("positions read from the lines are yaml's, for every place they answer", () => {
  const slow = parseWithYaml(BLOCK);
  const fast = parseYaml(BLOCK);
  let read = 0;
  const visit = (value: unknown, prefix: string): void => {
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      const pointer = `${prefix}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (blockYamlOffset(BLOCK, pointer) !== undefined) read++;
      assert.deepEqual(fast.locate(pointer), slow.locate(pointer), pointer);
      visit(child, pointer);
    }
  };
  visit(slow.value, "");
  assert.ok(read >= 20, `only ${read} places read from the lines`);
  assert.deepEqual(fast.locate("/paths/~1orders~1{id}/get/parameters/1/name"), { line: 18, column: 11 });
  assert.equal(blockYamlOffset(BLOCK, "/paths/~1x/post/tags/1"), undefined, "inside a flow sequence: yaml answers");
  assert.deepEqual(fast.locate("/paths/~1x/post/tags/1"), slow.locate("/paths/~1x/post/tags/1"));
  assert.equal(fast.locate("/nowhere"), undefined);
});
