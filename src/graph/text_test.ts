import assert from "node:assert/strict";
import { generate } from "../generate.ts";
import { graphModel } from "../../tests/fixtures/graph_model.ts";
import { dotString, mermaidText, renderGraphDot, renderGraphMermaid } from "./text.ts";

const SALES = new URL("../../examples/sales/openapi.yaml", import.meta.url);
const HOSTILE = `x"]\n  evil-->pwn; %%<b>#35;\\N{}|`;

Deno.test("renderGraphMermaid: the sales example as a flowchart", async () => {
  const { model, graph } = generate(await Deno.readTextFile(SALES));
  assert.equal(
    renderGraphMermaid(model, graph),
    [
      "flowchart TB",
      `  e0["customers<br/>id: uuid, optimistic"]`,
      `  e1["order_items<br/>id: uuid, optimistic"]`,
      `  e2["orders<br/>id: uuid, optimistic"]`,
      `  e3["products<br/>id: uuid, confirmed"]`,
      `  e0 -.->|"referred_by_id"| e0`,
      `  e1 -->|"order_id"| e2`,
      `  e1 -.->|"product_id"| e3`,
      `  e2 -->|"customer_id"| e0`,
      "",
    ].join("\n"),
  );
});

Deno.test("renderGraphMermaid: hostile names stay inside their quotes, as entity codes", () => {
  const { model, graph } = graphModel([
    { name: HOSTILE },
    { name: "b", keys: [{ field: `k"|x`, target: HOSTILE }] },
  ]);
  const text = renderGraphMermaid(model, graph);
  const lines = text.trimEnd().split("\n");
  assert.equal(lines.length, 4, "one line per node and edge, no injected line");
  // Inside labels only [A-Za-z0-9 _.,:-], entity codes and our <br/>.
  for (const label of text.matchAll(/"([^"]*)"/g)) {
    assert.match(label[1].replace("<br/>", ""), /^(?:[A-Za-z0-9 _.,:-]|#\d+;)*$/, label[1]);
  }
  assert.equal(lines[3], `  e0 -->|"k#34;#124;x"| e1`);
  assert.equal(mermaidText(`a"b<c>#`), "a#34;b#60;c#62;#35;");
  assert.equal(mermaidText("😀"), "#128512;");
});

Deno.test("renderGraphDot: the sales example as a digraph with crow's feet", async () => {
  const { model, graph } = generate(await Deno.readTextFile(SALES));
  const dot = renderGraphDot(model, graph);
  assert.match(dot, /^digraph "[^"]*" \{\n/);
  assert.ok(dot.endsWith("}\n"));
  assert.match(
    dot,
    /\n {2}"orders" \[label="orders\\nid: uuid · optimistic\\nlist get create update delete \+1 custom"\];/,
  );
  assert.match(dot, /\n {2}"orders" -> "customers" \[label="customer_id", arrowhead=teetee\];/);
  assert.match(dot, /\n {2}"order_items" -> "products" \[label="product_id", arrowhead=teeodot, style=dashed\];/);
  assert.match(dot, /\n {2}"customers" -> "customers" \[label="referred_by_id", arrowhead=teeodot, style=dashed\];/);
  assert.match(dot, /edge \[[^\]]*dir=both, arrowtail=crow\]/);
});

Deno.test("renderGraphDot: hostile names are quoted, escapes stay literal", () => {
  const { model, graph } = graphModel([{ name: HOSTILE }, { name: "b", keys: [{ field: `k"\\`, target: HOSTILE }] }]);
  const dot = renderGraphDot(model, graph);
  // Every quoted string is closed on its line: strip them and no quote, brace or newline of the input is left.
  for (const line of dot.trimEnd().split("\n")) {
    const bare = line.replace(/"(?:[^"\\]|\\.)*"/g, "S");
    assert.doesNotMatch(bare, /"/, line);
  }
  assert.equal(dot.trimEnd().split("\n").length, 4 + 2 + 1 + 1, "header, two nodes, one edge, closing brace");
  assert.equal(dotString(`a"b\\N\nc\u0007`), `"a\\"b\\\\N\\nc "`);
  assert.match(dot, /"b" -> "x\\"]\\n {2}evil-->pwn; %%<b>#35;\\\\N\{\}\|" \[label="k\\"\\\\"/);
});
