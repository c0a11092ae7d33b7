import assert from "node:assert/strict";
import { joinPointer } from "./diagnostics.ts";
import { jsonErrorOffset, JsonLocator, LineIndex } from "./json_text.ts";

Deno.test("LineIndex gives 1-based lines and columns", () => {
  const index = new LineIndex("ab\ncd\r\nef\n");
  const cases: [number, number, number][] = [
    [0, 1, 1],
    [1, 1, 2],
    [3, 2, 1],
    [5, 2, 3], // the \r
    [7, 3, 1],
    [10, 4, 1], // end of text
    [99, 4, 1], // clamped
  ];
  for (const [offset, line, column] of cases) {
    assert.deepEqual(index.position(offset), { line, column }, `offset ${offset}`);
  }
});

Deno.test("JsonLocator finds keys, items and the root", () => {
  const text = `{
  "a \\" }": "x \\\\",
  "s": "{[\\"/k\\"]}",
  "/k~": {"n": [1, -2.5e3, true, null, {"deep": []}, "last"]},
  "\\u002Fesc": 7,
  "empty": {}
}`;
  const locator = new JsonLocator(text);
  const cases: [string, string | undefined][] = [
    ["", "{"],
    ['/a " }', '"a \\" }"'],
    ["/s", '"s"'],
    ["/~1k~0", '"/k~"'],
    ["/~1k~0/n", '"n"'],
    ["/~1k~0/n/0", "1"],
    ["/~1k~0/n/1", "-2.5e3"],
    ["/~1k~0/n/3", "null"],
    ["/~1k~0/n/4/deep", '"deep"'],
    ["/~1k~0/n/5", '"last"'],
    ["/~1esc", '"\\u002Fesc"'],
    ["/empty", '"empty"'],
    ["/~1k~0/n/6", undefined],
    ["/~1k~0/n/01", undefined],
    ["/empty/x", undefined],
    ["/s/0", undefined],
    ["/missing", undefined],
  ];
  for (const [pointer, want] of cases) {
    const offset = locator.offsetOf(pointer);
    if (want === undefined) assert.equal(offset, undefined, pointer);
    else assert.equal(text.slice(offset, (offset ?? 0) + want.length), want, pointer);
  }
  // Asking again (now from what was remembered) gives the same answers.
  for (const [pointer, want] of cases) {
    const offset = locator.offsetOf(pointer);
    if (want !== undefined) assert.equal(text.slice(offset, (offset ?? 0) + want.length), want, pointer);
  }
});

Deno.test("JsonLocator agrees with JSON.stringify on generated documents", () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keys = ["a", "/b", "~c", 'q"', "\\", "{", "]", "", "ü ☃", "0"];
  const make = (depth: number): unknown => {
    const r = random();
    if (depth > 3 || r < 0.3) return [1, 's"}', true, null, -0.5, "x\\"][Math.floor(random() * 6)];
    if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 5); i > 0; i--) o[keys[Math.floor(random() * keys.length)]] = make(depth + 1);
    return o;
  };
  for (let round = 0; round < 30; round++) {
    const doc = { root: make(0) };
    const text = JSON.stringify(doc, null, round % 2 ? 2 : undefined);
    const locator = new JsonLocator(text);
    const walk = (value: unknown, pointer: string) => {
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          const p = joinPointer(pointer, i);
          const offset = locator.offsetOf(p)!;
          assert.ok(text.startsWith(JSON.stringify(item)?.[0] ?? "", offset), p);
          walk(item, p);
        });
      } else if (typeof value === "object" && value !== null) {
        for (const [k, item] of Object.entries(value)) {
          const p = joinPointer(pointer, k);
          assert.ok(text.startsWith(JSON.stringify(k), locator.offsetOf(p)), p);
          walk(item, p);
        }
      }
    };
    walk(doc, "");
  }
});

Deno.test("jsonErrorOffset matches V8's reported positions", () => {
  const cases = [
    '{"a": }',
    '{\n  "a": 1,\n}',
    '{"a": 1',
    "",
    "[1, 2",
    '{"a": "b\n"}',
    '{"a": tru}',
    '{"a":1} x',
    '{"a": 01}',
    '{"a": "\\x"}',
    '{"a": "\\u12G4"}',
    "[1,]",
    "[-]",
    "[1.]",
    "[1e+]",
    "[-01]",
    "[-a]",
    "[1.5x]",
    '{"a" 1}',
    "{,}",
    "[".repeat(100_000),
  ];
  for (const text of cases) {
    let v8: number;
    try {
      JSON.parse(text);
      throw new Error(`valid: ${text}`);
    } catch (e) {
      const m = /at position (\d+)/.exec((e as Error).message);
      v8 = m ? Number(m[1]) : -2;
    }
    const ours = jsonErrorOffset(text);
    assert.ok(ours >= 0 && ours <= text.length, text.slice(0, 20));
    if (v8 !== -2) assert.equal(ours, v8, text.slice(0, 20));
  }
  for (const text of ['{"a": [1, 2.5e-3, true, false, null, "\\u00e9\\n"]}', " 1 ", '"x"', "[[], {}]"]) {
    assert.equal(jsonErrorOffset(text), -1, text);
  }
});

Deno.test("jsonErrorOffset places errors V8 reports without a position", () => {
  const cases: [string, number][] = [
    ['{"a": }', 6],
    ['{"a": tru}', 6],
    ["", 0],
    ["  ", 2],
    ["[1, 2", 5],
  ];
  for (const [text, want] of cases) assert.equal(jsonErrorOffset(text), want, text);
});
