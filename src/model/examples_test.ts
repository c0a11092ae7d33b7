import assert from "node:assert/strict";
import { schemaFromExample } from "./examples.ts";

Deno.test("schemaFromExample: the shape of an example, every property optional and nullable", () => {
  const cases: { given: unknown; want: unknown }[] = [
    { given: null, want: undefined },
    { given: 3, want: { type: "integer" } },
    { given: 1.5, want: { type: "number" } },
    { given: [], want: { type: "array" } },
    {
      given: [{ id: "a", n: null, on: true }],
      want: {
        type: "array",
        items: {
          type: ["object", "null"],
          properties: { id: { type: ["string", "null"] }, n: {}, on: { type: ["boolean", "null"] } },
        },
      },
    },
  ];
  for (const { given, want } of cases) assert.deepEqual(schemaFromExample(given), want, JSON.stringify(given));
});
