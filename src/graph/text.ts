/**
 * The relationship graph as text for other tools: a Mermaid `flowchart` (for Markdown on GitHub, GitLab, …) and a
 * Graphviz DOT digraph. Both quote or encode every name from the spec, so a hostile name cannot break the syntax.
 *
 * @module
 */
import type { EntityModel, RelationshipGraph } from "../model/types.ts";

const CRUD = ["list", "get", "create", "update", "delete"] as const;

/**
 * The graph as a Mermaid flowchart: one box per entity (name, key, sync mode), one arrow per foreign key from the
 * entity holding it to the one it points at, labelled with the key (`orders -->|customer_id| customers`; a nullable
 * key is a dotted arrow). Node ids are generated (`e0`, `e1`, … in name order); labels are quoted with every
 * character outside `[A-Za-z0-9 _.,:-]` written as a Mermaid entity code (`#60;`), which no parser reads as syntax.
 *
 * @param model the model `generate()` returned
 * @param graph its relationship graph
 * @returns the Mermaid text, ending with a newline
 *
 * @example
 * ```ts
 * import { generate } from "../generate.ts";
 * import { renderGraphMermaid } from "./text.ts";
 * const spec = { openapi: "3.1.0", info: { title: "Shop", version: "1" }, paths: {} };
 * const { model, graph } = generate(spec);
 * renderGraphMermaid(model, graph).split("\n")[0]; // => "flowchart TB"
 * ```
 */
export function renderGraphMermaid(model: EntityModel, graph: RelationshipGraph): string {
  const { ids, nodes, edges } = sorted(graph);
  const entities = new Map(model.entities.map((e) => [e.name, e]));
  const lines = ["flowchart TB"];
  for (const node of nodes) {
    const e = entities.get(node.id);
    const details = e ? `${e.primaryKey.name}: ${e.primaryKey.type}, ${e.syncMode}` : node.syncMode;
    lines.push(`  ${ids.get(node.id)}["${mermaidText(node.id)}<br/>${mermaidText(details)}"]`);
  }
  for (const edge of edges) {
    const arrow = edge.nullable ? "-.->" : "-->";
    lines.push(`  ${ids.get(edge.from)} ${arrow}|"${mermaidText(edge.foreignKey)}"| ${ids.get(edge.to)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The graph as a Graphviz DOT digraph: one record-like box per entity (name, key and sync mode, operations), one
 * edge per foreign key with a crow's foot at the entity holding the key and a bar (or bar and circle when nullable)
 * at the entity it points at. Ids and labels are double-quoted with `\` and `"` escaped and control characters
 * replaced, so `\N`-style escapes and quotes in names stay literal text.
 *
 * @param model the model `generate()` returned
 * @param graph its relationship graph
 * @returns the DOT text, ending with a newline
 *
 * @example
 * ```ts
 * import { generate } from "../generate.ts";
 * import { renderGraphDot } from "./text.ts";
 * const spec = { openapi: "3.1.0", info: { title: "Shop", version: "1" }, paths: {} };
 * const { model, graph } = generate(spec);
 * renderGraphDot(model, graph).startsWith('digraph "Shop" {'); // => true
 * ```
 */
export function renderGraphDot(model: EntityModel, graph: RelationshipGraph): string {
  const { nodes, edges } = sorted(graph);
  const entities = new Map(model.entities.map((e) => [e.name, e]));
  const lines = [
    `digraph ${dotString(model.title || "entities")} {`,
    `  graph [rankdir=BT, fontname="monospace"];`,
    `  node [shape=box, style="rounded", fontname="monospace", fontsize=11];`,
    `  edge [fontname="monospace", fontsize=10, dir=both, arrowtail=crow];`,
  ];
  for (const node of nodes) {
    const e = entities.get(node.id);
    const details = e ? [`${e.primaryKey.name}: ${e.primaryKey.type} · ${e.syncMode}`, operations(e)] : [node.syncMode];
    lines.push(`  ${dotString(node.id)} [label=${dotString([node.id, ...details].join("\n"))}];`);
  }
  for (const edge of edges) {
    const head = edge.nullable ? "teeodot" : "teetee";
    lines.push(
      `  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edge.foreignKey)}, arrowhead=${head}${
        edge.nullable ? ", style=dashed" : ""
      }];`,
    );
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function operations(e: EntityModel["entities"][number]): string {
  const crud = CRUD.filter((k) => e.operations[k]).join(" ") || "no CRUD";
  return e.customOperations.length ? `${crud} +${e.customOperations.length} custom` : crud;
}

/** Nodes by name, edges by (from, name); ids `e0`, `e1`, … in that order. */
function sorted(graph: RelationshipGraph) {
  const nodes = [...graph.nodes].sort((a, b) => compare(a.id, b.id));
  const ids = new Map(nodes.map((n, i) => [n.id, `e${i}`]));
  const edges = graph.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .sort((a, b) => compare(a.from, b.from) || compare(a.name, b.name));
  return { ids, nodes, edges };
}

/** Text for inside a quoted Mermaid label: safe characters as they are, every other one as `#<code point>;`. */
export function mermaidText(text: string): string {
  let out = "";
  for (const ch of text) out += /[A-Za-z0-9 _.,:-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

/** A DOT double-quoted string: `\` and `"` escaped, newlines as `\n`, other control characters as spaces. */
export function dotString(text: string): string {
  const body = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, "\\n")
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
  return `"${body}"`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
