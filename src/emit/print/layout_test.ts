/** Line breaking by the writer's layout: a parenthesized expression or type never gains a trailing comma. */
import assert from "node:assert/strict";
import { fitLine } from "./layout.ts";

const member = (n: number) => `schemas.SkillCardNumber${n}`;
const union = [1, 2, 3, 4].map(member).join(" | ");

Deno.test("fitLine: a broken parenthesized type or expression takes no trailing comma; call arguments do", () => {
  const table: { given: string; want: string[] }[] = [
    {
      // box.com and stripe.com: `(A | B | …) & unknown | undefined` inside a type literal
      given: `  value?: (${union}) & unknown | undefined;`,
      want: ["  value?: (", `    ${union}`, "  ) & unknown | undefined;"],
    },
    {
      given: `  return (${union});`,
      want: ["  return (", `    ${union}`, "  );"],
    },
    {
      given: `  const first = callSomething(${union});`,
      want: ["  const first = callSomething(", `    ${union},`, "  );"],
    },
    {
      given: `  const first = callSomething<Type>(${union});`,
      want: ["  const first = callSomething<Type>(", `    ${union},`, "  );"],
    },
  ];
  for (const { given, want } of table) {
    assert.deepEqual(fitLine(given), want, given);
  }
});

Deno.test("fitLine: an index signature is never broken; the type literal around it is", () => {
  const long = "Array<string | { ifAnyMatch: Array<string> } | { ifNoneMatch: Array<string> }>";
  const lines = fitLine(`  body: { [key: string]: ${long} },`);
  assert.ok(lines.every((line) => !/^\s*key: string,$/.test(line)), lines.join("\n"));
  assert.ok(lines.some((line) => line.trimStart().startsWith("[key: string]: ")), lines.join("\n"));
});

Deno.test("fitLine: a type literal's member breaks its union one member a line; a one-member type literal keeps `;`", () => {
  assert.deepEqual(
    fitLine("  columns?: Array<{ key?: string | undefined; label?: string | undefined }> | undefined;", 50),
    [
      "  columns?:",
      "    | Array<",
      "      {",
      "        key?: string | undefined;",
      "        label?: string | undefined;",
      "      }",
      "    >",
      "    | undefined;",
    ],
  );
  assert.deepEqual(fitLine("export type Metadata = { columns?: Array<string> | undefined };", 40), [
    "export type Metadata = {",
    "  columns?: Array<string> | undefined;",
    "};",
  ]);
  // an object literal with one property keeps its comma
  assert.deepEqual(fitLine("const options = { columns: someVeryLongFunctionName(argument) };", 50), [
    "const options = {",
    "  columns: someVeryLongFunctionName(argument),",
    "};",
  ]);
});
