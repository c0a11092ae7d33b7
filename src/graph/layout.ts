/**
 * The relationship graph's geometry, shared by the CLI's SVG and the playground's graph view: one node per entity
 * (its name, key, sync mode and operations), one edge per foreign key, laid out with `@dagrejs/dagre`.
 *
 * A belongsTo edge and its inverse hasMany are one line: the "one" end at the parent (the entity the key points
 * at), the "many" end at the child (the entity holding the key), labelled with the foreign key. Self-references
 * are drawn here as loops on the node's right side (dagre's own self loops are unreliable), with room reserved
 * for them so that they overlap nothing.
 *
 * Pure: no DOM, no I/O. Text is measured with a fixed monospace advance, so the same input always gives the same
 * coordinates, whatever order the model lists its entities in (inputs are sorted by name first).
 *
 * @module
 */
import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from "@dagrejs/dagre";
import type { EntityModel, GraphEdge, RelationshipGraph, SyncMode } from "../model/types.ts";

/** A point of the layout, in SVG user units (y grows downwards). */
export interface Point {
  /** Horizontal position. */
  x: number;
  /** Vertical position. */
  y: number;
}

/** One line of text inside a node. */
export interface NodeLine {
  /** The text, already shortened to fit (plain text: renderers escape it). */
  text: string;
  /** What the line shows, so renderers can style it. */
  role: "title" | "key" | "operations";
  /** Baseline of the text, relative to the node's top edge. */
  baseline: number;
}

/** An entity as a laid-out box. */
export interface LayoutNode {
  /** The entity's `name` (unique in the model). */
  id: string;
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  /** Box width. */
  width: number;
  /** Box height. */
  height: number;
  /** How writes reach the screen. */
  syncMode: SyncMode;
  /** The lines of text, top to bottom. */
  lines: NodeLine[];
  /** A one-sentence description for screen readers and tooltips (plain text). */
  description: string;
}

/** A foreign key as a laid-out line. */
export interface LayoutEdge {
  /** Unique in the layout: `<from>.<relation name>`. */
  id: string;
  /** The entity holding the foreign key (the "many" end). */
  from: string;
  /** The entity the key points at (the "one" end). */
  to: string;
  /** The foreign-key field on `from`, shown as the label. */
  foreignKey: string;
  /** The belongsTo relation's name on `from`. */
  name: string;
  /** The inverse hasMany relation's name on `to`. */
  inverseName: string;
  /** The foreign key may be null: the "one" end is drawn as "zero or one". */
  nullable: boolean;
  /** A self-reference (`from === to`), drawn as a loop. */
  selfLoop: boolean;
  /** The route, from the "one" end (on `to`) to the "many" end (on `from`). */
  points: Point[];
  /** SVG path data of the route (a smooth curve through `points`). */
  path: string;
  /** The label's box (centre and size) and text. */
  label: { x: number; y: number; width: number; height: number; text: string };
}

/** The text metrics every renderer must use, so that text fits the boxes computed here. */
export interface GraphMetrics {
  /** Font size of entity names, px. */
  titleSize: number;
  /** Font size of the other lines and of edge labels, px. */
  textSize: number;
  /** Horizontal advance of one monospace character, as a fraction of the font size. */
  advance: number;
}

/** A whole laid-out graph. */
export interface GraphLayout {
  /** Width of the drawing, including the margin. */
  width: number;
  /** Height of the drawing, including the margin. */
  height: number;
  /** The entities, sorted by id. */
  nodes: LayoutNode[];
  /** The foreign keys, sorted by id. */
  edges: LayoutEdge[];
  /** The text metrics the boxes were computed with. */
  metrics: GraphMetrics;
}

/** Options of {@link layoutGraph}. */
export interface LayoutOptions {
  /**
   * Which way parents point to children: `TB` (parents above) or `LR` (parents to the left).
   * @default {"TB"}
   */
  direction?: "TB" | "LR";
  /**
   * Longest entity name shown in full; longer ones are cut with `…` (the description keeps the full name).
   * @default {36}
   */
  maxNameLength?: number;
}

/** The metrics of every layout: 13 px names, 11 px text, and 0.6 em per character (Menlo, Consolas, DejaVu). */
export const GRAPH_METRICS: GraphMetrics = Object.freeze({ titleSize: 13, textSize: 11, advance: 0.6 });

const CRUD = ["list", "get", "create", "update", "delete"] as const;
const PAD_X = 10;
const PAD_TOP = 8;
const LINE_GAP = 16;
const TITLE_GAP = 19;
const LABEL_PAD = 4;
const LOOP_OUT = 40;
const LOOP_STEP = 12;
const MARGIN = 24;

/**
 * Lays out the relationship graph: node boxes sized from their text, edges routed by dagre, self-references as
 * loops. Only the graph's nodes and edges are drawn (pass a {@link filterGraph} result to draw part of it); the
 * model supplies each entity's key, sync mode and operations.
 *
 * @param model the model `generate()` returned
 * @param graph its relationship graph, or a part of it
 * @param options direction and name length
 * @returns the geometry, deterministic for the same input
 *
 * @example
 * ```ts
 * import { generate } from "../generate.ts";
 * import { layoutGraph } from "./layout.ts";
 * const spec = { openapi: "3.1.0", info: { title: "Shop", version: "1" }, paths: {} };
 * const { model, graph } = generate(spec);
 * layoutGraph(model, graph).nodes.length; // => 0 (one node per entity)
 * ```
 */
export function layoutGraph(model: EntityModel, graph: RelationshipGraph, options: LayoutOptions = {}): GraphLayout {
  const direction = options.direction ?? "TB";
  const maxName = Math.max(4, options.maxNameLength ?? 36);
  const entities = new Map(model.entities.map((e) => [e.name, e]));
  const nodeIds = [...new Set(graph.nodes.map((n) => n.id))].sort(compare);
  const present = new Set(nodeIds);
  const edges = graph.edges
    .filter((e) => present.has(e.from) && present.has(e.to))
    .map((e) => ({ ...e, id: `${e.from}.${e.name}` }))
    .sort((a, b) => compare(a.id, b.id));

  const boxes = new Map<string, { lines: NodeLine[]; width: number; height: number; description: string }>();
  for (const id of nodeIds) boxes.set(id, nodeBox(id, entities.get(id), graph, maxName));

  // Room on the right of a node for its self loops and their labels, so that dagre keeps other things out of it.
  const loops = new Map<string, (typeof edges)[number][]>();
  for (const e of edges) if (e.from === e.to) loops.set(e.from, [...(loops.get(e.from) ?? []), e]);
  const reserve = new Map<string, number>();
  for (const [id, list] of loops) {
    const widest = Math.max(...list.map((e) => textWidth(e.foreignKey, GRAPH_METRICS.textSize)));
    reserve.set(id, LOOP_OUT + LOOP_STEP * (list.length - 1) + 6 + widest + 2 * LABEL_PAD);
  }

  // Each connected part is laid out on its own, then the parts are packed in rows (dagre alone would put all the
  // entities without relationships in one long row).
  const parts = components(nodeIds, edges);
  const placedParts = parts.map((ids) => {
    const inPart = new Set(ids);
    return placePart(ids, edges.filter((e) => inPart.has(e.from)), boxes, reserve, direction);
  });
  const offsets = pack(placedParts.map((p) => ({ width: p.width, height: p.height })));

  const centres = new Map<string, Point>();
  const routes = new Map<string, { points: Point[]; label: Point }>();
  placedParts.forEach((part, i) => {
    const dx = offsets.positions[i].x + MARGIN;
    const dy = offsets.positions[i].y + MARGIN;
    for (const [id, c] of part.centres) centres.set(id, { x: c.x + dx, y: c.y + dy });
    for (const [id, r] of part.routes) {
      routes.set(id, {
        points: r.points.map((p) => ({ x: p.x + dx, y: p.y + dy })),
        label: { x: r.label.x + dx, y: r.label.y + dy },
      });
    }
  });

  const nodes: LayoutNode[] = nodeIds.map((id) => {
    const box = boxes.get(id)!;
    const c = centres.get(id)!;
    // The box sits at the left of its reserved width (its loops go to the right).
    const left = c.x - (box.width + (reserve.get(id) ?? 0)) / 2;
    return {
      id,
      x: round(left),
      y: round(c.y - box.height / 2),
      width: box.width,
      height: box.height,
      syncMode: entities.get(id)?.syncMode ?? graph.nodes.find((n) => n.id === id)!.syncMode,
      lines: box.lines,
      description: box.description,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const laid: LayoutEdge[] = [];
  const loopIndex = new Map<string, number>();
  for (const e of edges) {
    const base = {
      id: e.id,
      from: e.from,
      to: e.to,
      foreignKey: e.foreignKey,
      name: e.name,
      inverseName: e.inverseName,
      nullable: e.nullable,
    };
    if (e.from === e.to) {
      const index = loopIndex.get(e.from) ?? 0;
      loopIndex.set(e.from, index + 1);
      laid.push({ ...base, selfLoop: true, ...selfLoop(byId.get(e.from)!, index, e.foreignKey) });
      continue;
    }
    const route = routes.get(e.id)!;
    // dagre clips the ends to the reserved box; clip them to the drawn box instead.
    const points = clipEnds(route.points, byId.get(e.to)!, byId.get(e.from)!, direction).map(roundPoint);
    laid.push({
      ...base,
      selfLoop: false,
      points,
      path: basisPath(points),
      label: {
        x: round(route.label.x),
        y: round(route.label.y),
        width: textWidth(e.foreignKey, GRAPH_METRICS.textSize) + 2 * LABEL_PAD,
        height: GRAPH_METRICS.textSize + 2 * LABEL_PAD,
        text: e.foreignKey,
      },
    });
  }

  return {
    width: round(Math.max(offsets.width, 0) + 2 * MARGIN),
    height: round(Math.max(offsets.height, 0) + 2 * MARGIN),
    nodes,
    edges: laid,
    metrics: GRAPH_METRICS,
  };
}

type SortedEdge = GraphEdge & { id: string };

/** One connected part laid out by dagre, with its top-left corner at 0,0. */
interface PlacedPart {
  width: number;
  height: number;
  centres: Map<string, Point>;
  routes: Map<string, { points: Point[]; label: Point }>;
}

function placePart(
  ids: string[],
  edges: SortedEdge[],
  boxes: Map<string, { width: number; height: number }>,
  reserve: Map<string, number>,
  direction: "TB" | "LR",
): PlacedPart {
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true, directed: true });
  g.setGraph({ rankdir: direction, nodesep: 36, ranksep: 56, edgesep: 16, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) {
    const box = boxes.get(id)!;
    g.setNode(id, { width: box.width + (reserve.get(id) ?? 0), height: box.height });
  }
  for (const e of edges) {
    if (e.from === e.to) continue;
    // Parent → child, so that parents rank first (above, or to the left).
    g.setEdge(e.to, e.from, {
      width: textWidth(e.foreignKey, GRAPH_METRICS.textSize) + 2 * LABEL_PAD,
      height: GRAPH_METRICS.textSize + 2 * LABEL_PAD,
      labelpos: "c",
    }, e.id);
  }
  dagre.layout(g);
  const centres = new Map<string, Point>();
  for (const id of ids) {
    const n = g.node(id);
    centres.set(id, { x: n.x ?? 0, y: n.y ?? 0 });
  }
  const routes = new Map<string, { points: Point[]; label: Point }>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    const routed = g.edge({ v: e.to, w: e.from, name: e.id });
    const points = (routed.points ?? []).map((p) => ({ x: p.x, y: p.y }));
    const middle = points[Math.floor(points.length / 2)] ?? centres.get(e.from)!;
    routes.set(e.id, { points, label: { x: routed.x ?? middle.x, y: routed.y ?? middle.y } });
  }
  const size = g.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, centres, routes };
}

/** Connected parts (foreign keys in either direction): the biggest first, then by first name; each sorted. */
function components(ids: string[], edges: SortedEdge[]): string[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const e of edges) {
    const [a, b] = [find(e.from), find(e.to)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groups = new Map<string, string[]>();
  for (const id of ids) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()].sort((a, b) => b.length - a.length || compare(a[0], b[0]));
}

const PART_GAP_X = 48;
const PART_GAP_Y = 48;

/**
 * Shelf packing: parts left to right in rows no wider than a target (the widest part, or a width that makes the
 * whole about 16:10), each row as tall as its tallest part.
 */
function pack(sizes: { width: number; height: number }[]): {
  positions: Point[];
  width: number;
  height: number;
} {
  if (sizes.length === 0) return { positions: [], width: 0, height: 0 };
  const area = sizes.reduce((sum, s) => sum + (s.width + PART_GAP_X) * (s.height + PART_GAP_Y), 0);
  const target = Math.max(...sizes.map((s) => s.width), Math.sqrt(area * 1.6));
  const positions: Point[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const s of sizes) {
    if (x > 0 && x + s.width > target) {
      y += rowHeight + PART_GAP_Y;
      x = 0;
      rowHeight = 0;
    }
    positions.push({ x, y });
    x += s.width + PART_GAP_X;
    rowHeight = Math.max(rowHeight, s.height);
    width = Math.max(width, x - PART_GAP_X);
  }
  return { positions, width, height: y + rowHeight };
}

/**
 * A string that changes exactly when {@link layoutGraph}'s result would: the entities drawn, what their boxes show
 * (key, sync mode, operations) and the foreign keys between them; not descriptions, schemas or paths. A view can
 * memoize its layout on it, so that regenerating the same structure does not move anything.
 *
 * @param model the model `generate()` returned
 * @param graph its relationship graph, or a part of it
 * @returns an opaque key
 */
export function layoutKey(model: EntityModel, graph: RelationshipGraph): string {
  const entities = new Map(model.entities.map((e) => [e.name, e]));
  const nodes = graph.nodes.map((n) => {
    const e = entities.get(n.id);
    const ops = e ? CRUD.filter((k) => e.operations[k]).join(",") : "";
    return [n.id, e?.syncMode ?? n.syncMode, e?.primaryKey.name, e?.primaryKey.type, ops, e?.customOperations.length];
  }).sort((a, b) => compare(String(a[0]), String(b[0])));
  const edges = graph.edges.map((e) => [e.from, e.name, e.to, e.foreignKey, e.inverseName, e.nullable])
    .sort((a, b) => compare(`${a[0]}.${a[1]}`, `${b[0]}.${b[1]}`));
  return JSON.stringify([nodes, edges]);
}

/** Width of `text` in px at `size`, with the monospace metric of {@link GRAPH_METRICS}. */
export function textWidth(text: string, size: number): number {
  return round([...text].length * size * GRAPH_METRICS.advance);
}

/** The lines, size and description of one entity's box. */
function nodeBox(
  id: string,
  entity: EntityModel["entities"][number] | undefined,
  graph: RelationshipGraph,
  maxName: number,
): { lines: NodeLine[]; width: number; height: number; description: string } {
  const syncMode = entity?.syncMode ?? graph.nodes.find((n) => n.id === id)?.syncMode ?? "optimistic";
  const key = entity ? `${entity.primaryKey.name}: ${entity.primaryKey.type}` : "";
  const crud = entity ? CRUD.filter((k) => entity.operations[k]) : [];
  const custom = entity?.customOperations.length ?? 0;
  const ops = [crud.join(" ") || "no CRUD", custom > 0 ? `+${custom} custom` : ""].filter(Boolean).join("  ");
  const texts: [NodeLine["role"], string][] = [
    ["title", shorten(id, maxName)],
    ["key", [shorten(key, maxName), syncMode].filter(Boolean).join(" · ")],
    ["operations", ops],
  ];
  let baseline = PAD_TOP + GRAPH_METRICS.titleSize;
  const lines: NodeLine[] = texts.map(([role, text], i) => {
    if (i > 0) baseline += i === 1 ? TITLE_GAP : LINE_GAP;
    return { role, text, baseline };
  });
  const width = Math.max(
    96,
    textWidth(texts[0][1], GRAPH_METRICS.titleSize) + 2 * PAD_X,
    ...texts.slice(1).map(([, t]) => textWidth(t, GRAPH_METRICS.textSize) + 2 * PAD_X),
  );
  const description = [
    `Entity ${id}`,
    key && `key ${key}`,
    syncMode,
    crud.length ? `operations ${crud.join(", ")}` : "no CRUD operations",
    custom ? `${custom} custom operation${custom === 1 ? "" : "s"}` : "",
  ].filter(Boolean).join(", ");
  return { lines, width: Math.ceil(width), height: baseline + 9, description };
}

/** A loop on the node's right side, the `index`th of its loops (each further one a little wider). */
function selfLoop(
  node: LayoutNode,
  index: number,
  foreignKey: string,
): Pick<LayoutEdge, "points" | "path" | "label"> {
  const right = node.x + node.width;
  const out = LOOP_OUT + LOOP_STEP * index;
  const spread = Math.min(node.height / 2 - 6, 18 + 4 * index);
  const cy = node.y + node.height / 2;
  const start = { x: right, y: round(cy - spread) };
  const end = { x: right, y: round(cy + spread) };
  const points = [start, { x: right + out, y: start.y }, { x: right + out, y: end.y }, end].map(roundPoint);
  const r = Math.min(8, spread);
  const path = `M${start.x},${start.y}H${right + out - r}Q${right + out},${start.y} ${right + out},${start.y + r}` +
    `V${end.y - r}Q${right + out},${end.y} ${right + out - r},${end.y}H${end.x}`;
  const width = textWidth(foreignKey, GRAPH_METRICS.textSize) + 2 * LABEL_PAD;
  return {
    points,
    path,
    label: {
      x: round(right + out + 3 + width / 2),
      y: round(cy),
      width,
      height: GRAPH_METRICS.textSize + 2 * LABEL_PAD,
      text: foreignKey,
    },
  };
}

/**
 * Moves the route's first point onto `start`'s box and its last onto `end`'s box (dagre clipped them to the reserved
 * box), and adds a short straight stub square to the box at each end, so that the end markers sit straight.
 */
function clipEnds(points: Point[], start: LayoutNode, end: LayoutNode, direction: "TB" | "LR"): Point[] {
  const route = points.length >= 2 ? points.slice() : [center(start), center(end)];
  const first = clip(route[1], start, direction);
  const last = clip(route[route.length - 2], end, direction);
  const inner = route.slice(1, -1);
  return [first, ...stub(first, start, inner[0] ?? last), ...inner, ...stub(last, end, inner.at(-1) ?? first), last]
    .filter((p, i, all) => i === 0 || p.x !== all[i - 1].x || p.y !== all[i - 1].y);
}

const STUB = 14;

/** A point `STUB` px out of `box` square to the side `at` is on, when the route's next point is far enough away. */
function stub(at: Point, box: LayoutNode, next: Point): Point[] {
  const eps = 0.5;
  const normal = Math.abs(at.y - box.y) < eps
    ? { x: 0, y: -1 }
    : Math.abs(at.y - (box.y + box.height)) < eps
    ? { x: 0, y: 1 }
    : Math.abs(at.x - box.x) < eps
    ? { x: -1, y: 0 }
    : { x: 1, y: 0 };
  const ahead = (next.x - at.x) * normal.x + (next.y - at.y) * normal.y;
  return ahead > 2 * STUB ? [{ x: at.x + STUB * normal.x, y: at.y + STUB * normal.y }] : [];
}

function center(n: LayoutNode): Point {
  return { x: n.x + n.width / 2, y: n.y + n.height / 2 };
}

const CORNER = 14;

/**
 * Where the line from the box's centre towards `toward` leaves the box; when `toward` lies beyond the side that
 * faces the next rank (below or above for `TB`, left or right for `LR`), on that side, short of the corners, so that
 * edges between ranks meet boxes square.
 */
function clip(toward: Point, box: LayoutNode, direction: "TB" | "LR"): Point {
  const c = center(box);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return { x: c.x, y: box.y };
  const hw = box.width / 2;
  const hh = box.height / 2;
  if (direction === "TB" && Math.abs(dy) > hh) {
    const x = c.x + (dx * hh) / Math.abs(dy);
    return { x: Math.min(box.x + box.width - CORNER, Math.max(box.x + CORNER, x)), y: c.y + Math.sign(dy) * hh };
  }
  if (direction === "LR" && Math.abs(dx) > hw) {
    const y = c.y + (dy * hw) / Math.abs(dx);
    return { x: c.x + Math.sign(dx) * hw, y: Math.min(box.y + box.height - CORNER, Math.max(box.y + CORNER, y)) };
  }
  const scale = Math.abs(dy) * hw > Math.abs(dx) * hh ? hh / Math.abs(dy) : hw / Math.abs(dx);
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

/** A uniform B-spline through the points (as d3's `curveBasis`): smooth, and straight at both ends. */
export function basisPath(points: Point[]): string {
  if (points.length === 0) return "";
  const f = (n: number) => String(round(n));
  const [p0] = points;
  if (points.length === 1) return `M${f(p0.x)},${f(p0.y)}`;
  if (points.length === 2) return `M${f(p0.x)},${f(p0.y)}L${f(points[1].x)},${f(points[1].y)}`;
  let d = `M${f(p0.x)},${f(p0.y)}L${f((5 * p0.x + points[1].x) / 6)},${f((5 * p0.y + points[1].y) / 6)}`;
  for (let i = 2; i <= points.length; i++) {
    const a = points[i - 2];
    const b = points[i - 1];
    const c = points[Math.min(i, points.length - 1)];
    d += `C${f((2 * a.x + b.x) / 3)},${f((2 * a.y + b.y) / 3)} ${f((a.x + 2 * b.x) / 3)},${f((a.y + 2 * b.y) / 3)} ` +
      `${f((a.x + 4 * b.x + c.x) / 6)},${f((a.y + 4 * b.y + c.y) / 6)}`;
  }
  const last = points[points.length - 1];
  return `${d}L${f(last.x)},${f(last.y)}`;
}

/**
 * The entities within `depth` foreign keys of `entity`, in either direction, itself included, sorted by name.
 *
 * @param graph the relationship graph
 * @param entity an entity's `name`
 * @param depth how many edges away (1: direct neighbours)
 * @returns the names; empty when `entity` is not in the graph
 */
export function neighbourhood(graph: RelationshipGraph, entity: string, depth = 1): string[] {
  if (!graph.nodes.some((n) => n.id === entity)) return [];
  const adjacent = new Map<string, Set<string>>();
  const link = (a: string, b: string) => adjacent.set(a, (adjacent.get(a) ?? new Set()).add(b));
  for (const e of graph.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const seen = new Set([entity]);
  let frontier = [entity];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of adjacent.get(id) ?? []) {
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return [...seen].sort(compare);
}

/**
 * The part of the graph made of the given entities and the edges between them (for big graphs: a search result,
 * or a {@link neighbourhood}).
 *
 * @param graph the relationship graph
 * @param keep entity names to keep, or a test on each node
 * @returns a graph with the kept nodes and the edges whose both ends are kept, in the original order
 */
export function filterGraph(
  graph: RelationshipGraph,
  keep: Iterable<string> | ((node: RelationshipGraph["nodes"][number]) => boolean),
): RelationshipGraph {
  const test = typeof keep === "function" ? keep : ((names) => (n: { id: string }) => names.has(n.id))(new Set(keep));
  const nodes = graph.nodes.filter(test);
  const ids = new Set(nodes.map((n) => n.id));
  const edges: GraphEdge[] = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  return { nodes, edges };
}

/**
 * Entity names that contain `query` (case-insensitive; surrounding spaces ignored), sorted; every name when the
 * query is empty.
 *
 * @param graph the relationship graph
 * @param query what the user typed
 */
export function matchEntities(graph: RelationshipGraph, query: string): string[] {
  const q = query.trim().toLowerCase();
  return graph.nodes.map((n) => n.id).filter((id) => q === "" || id.toLowerCase().includes(q)).sort(compare);
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function roundPoint(p: Point): Point {
  return { x: round(p.x), y: round(p.y) };
}
