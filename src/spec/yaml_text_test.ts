import assert from "node:assert/strict";
import { parseYaml } from "./yaml_text.ts";

Deno.test("parseYaml reads keys as strings", () => {
  const { value } = parseYaml("200: a\ntrue: b\n1.50: c\nnull: d\n");
  assert.deepEqual(value, { "200": "a", "true": "b", "1.50": "c", "null": "d" });
});

Deno.test("parseYaml locates in flow and block collections", () => {
  const yaml = parseYaml(`a: {b: [x, {c: 1}], "d/e": 2}
f:
  - g: 3
  -
    - h
`);
  const cases: [string, [number, number] | undefined][] = [
    ["/a/b/1/c", [1, 13]],
    ["/a/d~1e", [1, 21]],
    ["/f/0/g", [3, 5]],
    ["/f/1/0", [5, 7]],
    ["/f/2", undefined],
    ["/a/b/x", undefined],
  ];
  for (const [pointer, want] of cases) {
    const at = yaml.locate(pointer);
    assert.deepEqual(at && [at.line, at.column], want, pointer);
  }
});
