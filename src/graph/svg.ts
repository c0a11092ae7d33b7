/**
 * The relationship graph as a standalone SVG document (what `inspect --graph svg` prints), drawn from a
 * {@link GraphLayout}: the same geometry the playground shows. Light and dark colours follow the viewer's
 * `prefers-color-scheme`; every text from the spec is escaped for XML.
 *
 * @module
 */
import type { GraphLayout, LayoutEdge, LayoutNode } from "./layout.ts";

/** Options of {@link renderGraphSvg}. */
export interface SvgOptions {
  /** The document's title (`<title>`), e.g. the spec's title. @default {"Relationship graph"} */
  title?: string;
}

/** The mono font stack whose advance is 0.6 em, as the layout assumes. */
export const GRAPH_FONT_MONO = `ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace`;

/**
 * The marker definitions both renderers use: `one` (exactly one: two bars), `zero-or-one` (a bar and a circle),
 * `many` (a crow's foot). Markers point their +x axis into the node; the tip is at 0.
 */
export const MARKERS: readonly { id: string; shape: string }[] = [
  { id: "one", shape: "M-4,-6V6M-9,-6V6" },
  { id: "zero-or-one", shape: "M-4,-6V6M-8,0A4,4 0 1,0 -16,0A4,4 0 1,0 -8,0" },
  { id: "many", shape: "M-12,0L0,-6M-12,0L0,0M-12,0L0,6M-14,-6V6" },
];

const STYLE = `
svg.sp-graph {
  --bg: #ffffff; --bg-elev: #f6f8fa; --fg: #1f2328; --fg-muted: #59636e; --border: #c8d1da;
  --accent: #0969da; --warn: #9a6700; --edge: #8c959f;
  --font-mono: ${GRAPH_FONT_MONO};
}
@media (prefers-color-scheme: dark) {
  svg.sp-graph {
    --bg: #0d1117; --bg-elev: #161b22; --fg: #e6edf3; --fg-muted: #9198a1; --border: #3d444d;
    --accent: #4493f8; --warn: #d29922; --edge: #6e7681;
  }
}
.sp-graph .background { fill: var(--bg); }
.sp-graph .node-box { fill: var(--bg-elev); stroke: var(--border); stroke-width: 1; }
.sp-graph .node-mode { fill: var(--accent); }
.sp-graph .node-mode.confirmed { fill: var(--warn); }
.sp-graph text { font-family: var(--font-mono); fill: var(--fg); }
.sp-graph .title { font-size: 13px; font-weight: 600; }
.sp-graph .key, .sp-graph .operations { font-size: 11px; fill: var(--fg-muted); }
.sp-graph .edge-line { fill: none; stroke: var(--edge); stroke-width: 1.25; }
.sp-graph .edge-line.nullable { stroke-dasharray: 5 3; }
.sp-graph .marker { fill: none; stroke: var(--edge); stroke-width: 1.25; }
.sp-graph .marker circle, .sp-graph .marker path { fill: none; }
.sp-graph .edge-label-box { fill: var(--bg); }
.sp-graph .edge-label { font-size: 11px; fill: var(--fg-muted); }
`;

/**
 * Renders a layout as a standalone SVG document (UTF-8 text, no external resources).
 *
 * @param layout what {@link layoutGraph} returned
 * @param options the document's title
 * @returns the SVG text, ending with a newline
 *
 * @example
 * ```ts
 * import { generate } from "../generate.ts";
 * import { layoutGraph } from "./layout.ts";
 * import { renderGraphSvg } from "./svg.ts";
 * const spec = { openapi: "3.1.0", info: { title: "Shop", version: "1" }, paths: {} };
 * const { model, graph } = generate(spec);
 * const svg = renderGraphSvg(layoutGraph(model, graph), { title: model.title });
 * svg.startsWith("<svg"); // => true
 * ```
 */
export function renderGraphSvg(layout: GraphLayout, options: SvgOptions = {}): string {
  const { width, height } = layout;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sp-graph" viewBox="0 0 ${width} ${height}" ` +
    `width="${width}" height="${height}" role="img" aria-labelledby="sp-graph-title">`,
    `<title id="sp-graph-title">${escapeXml(options.title ?? "Relationship graph")}</title>`,
    `<style>${STYLE}</style>`,
    `<defs>`,
    ...MARKERS.map((m) =>
      `<marker id="sp-${m.id}" viewBox="-18 -8 20 16" refX="0" refY="0" markerWidth="20" markerHeight="16" ` +
      `markerUnits="userSpaceOnUse" orient="auto-start-reverse" class="marker"><path d="${m.shape}"/></marker>`
    ),
    `</defs>`,
    `<rect class="background" width="${width}" height="${height}"/>`,
    `<g class="edges">`,
    ...layout.edges.map(edgeSvg),
    `</g>`,
    `<g class="nodes">`,
    ...layout.nodes.map(nodeSvg),
    `</g>`,
    `</svg>`,
  ];
  return `${out.join("\n")}\n`;
}

function edgeSvg(e: LayoutEdge): string {
  const one = e.nullable ? "zero-or-one" : "one";
  const { label } = e;
  return [
    `<g class="edge" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}">`,
    `<title>${
      escapeXml(`${e.from}.${e.foreignKey} → ${e.to} (${e.from}.${e.name}, ${e.to}.${e.inverseName})`)
    }</title>`,
    `<path class="edge-line${e.nullable ? " nullable" : ""}" d="${e.path}" ` +
    `marker-start="url(#sp-${one})" marker-end="url(#sp-many)"/>`,
    `<rect class="edge-label-box" x="${n(label.x - label.width / 2)}" y="${n(label.y - label.height / 2)}" ` +
    `width="${label.width}" height="${label.height}" rx="3"/>`,
    `<text class="edge-label" x="${label.x}" y="${n(label.y + 4)}" text-anchor="middle">${
      escapeXml(label.text)
    }</text>`,
    `</g>`,
  ].join("");
}

function nodeSvg(node: LayoutNode): string {
  const parts = [
    `<g class="node" data-entity="${escapeXml(node.id)}" transform="translate(${node.x},${node.y})">`,
    `<title>${escapeXml(node.description)}</title>`,
    `<rect class="node-box" width="${node.width}" height="${node.height}" rx="6"/>`,
    `<rect class="node-mode ${node.syncMode}" x="0.5" y="6" width="3" height="${n(node.height - 12)}" rx="1.5"/>`,
    ...node.lines.map((l) => `<text class="${l.role}" x="12" y="${l.baseline}">${escapeXml(l.text)}</text>`),
    `</g>`,
  ];
  return parts.join("");
}

/**
 * Escapes text for XML content and attribute values: `&`, `<`, `>`, both quotes, and characters XML 1.0 forbids
 * (control characters become U+FFFD).
 */
export function escapeXml(text: string): string {
  return text
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function n(value: number): number {
  return Math.round(value * 10) / 10;
}
