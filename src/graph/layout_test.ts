import assert from "node:assert/strict";
import { generate } from "../generate.ts";
import { bigGraphModel, graphModel } from "../../tests/fixtures/graph_model.ts";
import type { GraphLayout, LayoutNode } from "./layout.ts";
import {
  basisPath,
  filterGraph,
  GRAPH_METRICS,
  layoutGraph,
  layoutKey,
  matchEntities,
  neighbourhood,
  textWidth,
} from "./layout.ts";

const SALES = new URL("../../examples/sales/openapi.yaml", import.meta.url);

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function labelBox(l: { x: number; y: number; width: number; height: number }) {
  return { x: l.x - l.width / 2, y: l.y - l.height / 2, width: l.width, height: l.height };
}

function onBoxEdge(p: { x: number; y: number }, n: LayoutNode): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.2;
  const insideX = p.x >= n.x - 0.2 && p.x <= n.x + n.width + 0.2;
  const insideY = p.y >= n.y - 0.2 && p.y <= n.y + n.height + 0.2;
  return (insideX && (near(p.y, n.y) || near(p.y, n.y + n.height))) ||
    (insideY && (near(p.x, n.x) || near(p.x, n.x + n.width)));
}

function assertNoOverlaps(layout: GraphLayout): void {
  const boxes = [
    ...layout.nodes.map((n) => ({ what: `node ${n.id}`, box: n })),
    ...layout.edges.map((e) => ({ what: `label ${e.id}`, box: labelBox(e.label) })),
  ];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      assert.ok(!overlaps(boxes[i].box, boxes[j].box), `${boxes[i].what} overlaps ${boxes[j].what}`);
    }
  }
}

Deno.test("layoutGraph: a node per entity with its name, key, sync mode and operations", () => {
  const { model, graph } = graphModel([
    { name: "customers" },
    { name: "orders", keys: [{ field: "customer_id", target: "customers" }], custom: 2, syncMode: "confirmed" },
    { name: "tags", crud: ["list"] },
  ]);
  const layout = layoutGraph(model, graph);
  assert.deepEqual(layout.nodes.map((n) => n.id), ["customers", "orders", "tags"]);
  const orders = layout.nodes.find((n) => n.id === "orders")!;
  assert.deepEqual(orders.lines.map((l) => [l.role, l.text]), [
    ["title", "orders"],
    ["key", "id: uuid · confirmed"],
    ["operations", "list get create update delete  +2 custom"],
  ]);
  assert.equal(orders.syncMode, "confirmed");
  assert.match(
    orders.description,
    /^Entity orders, key id: uuid, confirmed, operations list, get, .*2 custom operations$/,
  );
  const tags = layout.nodes.find((n) => n.id === "tags")!;
  assert.equal(tags.lines[2].text, "list");
  // Boxes fit their longest line with the monospace metric (plus padding).
  for (const n of layout.nodes) {
    const needed = Math.max(
      textWidth(n.lines[0].text, GRAPH_METRICS.titleSize),
      ...n.lines.slice(1).map((l) => textWidth(l.text, GRAPH_METRICS.textSize)),
    );
    assert.ok(n.width >= needed + 20, `${n.id}: ${n.width} < ${needed} + padding`);
  }
  assertNoOverlaps(layout);
});

Deno.test("layoutGraph: one edge per foreign key, labelled with it, from the parent's box to the child's", () => {
  const { model, graph } = graphModel([
    { name: "customers" },
    { name: "orders", keys: [{ field: "customer_id", target: "customers", nullable: true }] },
  ]);
  const layout = layoutGraph(model, graph);
  assert.equal(layout.edges.length, 1);
  const [edge] = layout.edges;
  assert.deepEqual(
    { id: edge.id, from: edge.from, to: edge.to, label: edge.label.text, nullable: edge.nullable, loop: edge.selfLoop },
    { id: "orders.customer", from: "orders", to: "customers", label: "customer_id", nullable: true, loop: false },
  );
  const customers = layout.nodes.find((n) => n.id === "customers")!;
  const orders = layout.nodes.find((n) => n.id === "orders")!;
  // TB: the parent ranks above the child; the route starts on the parent's box and ends on the child's.
  assert.ok(customers.y + customers.height < orders.y, "customers above orders");
  assert.ok(onBoxEdge(edge.points[0], customers), `start ${JSON.stringify(edge.points[0])} on customers`);
  assert.ok(onBoxEdge(edge.points.at(-1)!, orders), `end ${JSON.stringify(edge.points.at(-1))} on orders`);
  assert.match(edge.path, /^M[\d.]+,[\d.]+/);
  assert.ok(edge.label.width >= textWidth("customer_id", GRAPH_METRICS.textSize));
  // LR puts the parent to the left.
  const lr = layoutGraph(model, graph, { direction: "LR" });
  const [c2, o2] = ["customers", "orders"].map((id) => lr.nodes.find((n) => n.id === id)!);
  assert.ok(c2.x + c2.width < o2.x, "customers left of orders");
});

Deno.test("layoutGraph: two foreign keys to one target are two edges with separate labels", () => {
  const { model, graph } = graphModel([
    { name: "users" },
    {
      name: "transfers",
      keys: [{ field: "sender_id", target: "users" }, { field: "receiver_id", target: "users", nullable: true }],
    },
  ]);
  const layout = layoutGraph(model, graph);
  assert.deepEqual(layout.edges.map((e) => [e.id, e.label.text]), [
    ["transfers.receiver", "receiver_id"],
    ["transfers.sender", "sender_id"],
  ]);
  const [a, b] = layout.edges;
  assert.notEqual(a.path, b.path);
  assert.ok(!overlaps(labelBox(a.label), labelBox(b.label)), "the two labels overlap");
  assertNoOverlaps(layout);
});

Deno.test("layoutGraph: a self-reference is a loop on the node's right side, clear of other nodes", () => {
  const { model, graph } = graphModel([
    { name: "categories", keys: [{ field: "parent_id", target: "categories", nullable: true }] },
    {
      name: "employees",
      keys: [{ field: "manager_id", target: "employees" }, { field: "mentor_id", target: "employees" }],
    },
    { name: "products", keys: [{ field: "category_id", target: "categories" }] },
  ]);
  const layout = layoutGraph(model, graph);
  const loops = layout.edges.filter((e) => e.selfLoop);
  assert.deepEqual(loops.map((e) => e.id), ["categories.parent", "employees.manager", "employees.mentor"]);
  for (const loop of loops) {
    const node = layout.nodes.find((n) => n.id === loop.from)!;
    const right = node.x + node.width;
    assert.equal(loop.points[0].x, right);
    assert.equal(loop.points.at(-1)!.x, right);
    assert.ok(loop.points[0].y < loop.points.at(-1)!.y, "leaves above, comes back below");
    assert.ok(loop.points.every((p) => p.x >= right), "stays right of the node");
    assert.ok(loop.label.x - loop.label.width / 2 > right, "label right of the node");
    assert.match(loop.path, /^M/);
  }
  const [manager, mentor] = loops.filter((e) => e.from === "employees");
  assert.ok(Math.max(...mentor.points.map((p) => p.x)) > Math.max(...manager.points.map((p) => p.x)), "nested loops");
  // Loops and their labels stay inside the drawing and clear of every other node.
  for (const loop of loops) {
    const extent = { x: loop.points[0].x, y: loop.points[0].y, width: loop.points[1].x - loop.points[0].x, height: 1 };
    for (const n of layout.nodes.filter((n) => n.id !== loop.from)) {
      assert.ok(!overlaps(extent, n), `${loop.id} crosses ${n.id}`);
      assert.ok(!overlaps(labelBox(loop.label), n), `${loop.id}'s label covers ${n.id}`);
    }
    assert.ok(loop.label.x + loop.label.width / 2 <= layout.width, "inside the drawing");
  }
});

Deno.test("layoutGraph: the same coordinates whatever order the model lists entities and keys in", () => {
  const sketches = [
    { name: "customers" },
    { name: "orders", keys: [{ field: "customer_id", target: "customers" }] },
    { name: "products" },
    {
      name: "order_items",
      keys: [{ field: "order_id", target: "orders" }, { field: "product_id", target: "products", nullable: true }],
    },
  ];
  const first = graphModel(sketches);
  const reversed = graphModel([...sketches].reverse());
  reversed.graph.edges.reverse();
  const a = layoutGraph(first.model, first.graph);
  assert.deepEqual(layoutGraph(first.model, first.graph), a, "same input, same layout");
  assert.deepEqual(layoutGraph(reversed.model, reversed.graph), a, "input order does not matter");
});

Deno.test("layoutGraph: the sales example, laid out from generate()", async () => {
  const { model, graph } = generate(await Deno.readTextFile(SALES));
  const layout = layoutGraph(model, graph);
  assert.deepEqual(layout.nodes.map((n) => n.id), ["customers", "order_items", "orders", "products"]);
  assert.deepEqual(layout.edges.map((e) => `${e.id}:${e.label.text}:${e.selfLoop}`), [
    "customers.referred_by:referred_by_id:true",
    "order_items.order:order_id:false",
    "order_items.product:product_id:false",
    "orders.customer:customer_id:false",
  ]);
  assertNoOverlaps(layout);
  for (const n of layout.nodes) {
    assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= layout.width && n.y + n.height <= layout.height, n.id);
  }
});

Deno.test("layoutGraph: an empty model is an empty drawing with a margin", () => {
  const layout = layoutGraph({ title: "", version: "", openapi: "3.1.0", entities: [], schemas: [], operations: [] }, {
    nodes: [],
    edges: [],
  });
  assert.deepEqual({ nodes: layout.nodes, edges: layout.edges }, { nodes: [], edges: [] });
  assert.ok(layout.width > 0 && layout.height > 0);
});

Deno.test("layoutGraph: long names are shortened on the box, in full in the description", () => {
  const long = "a_very_long_entity_name_that_goes_on_and_on_and_on";
  const { model, graph } = graphModel([{ name: long }]);
  const [node] = layoutGraph(model, graph, { maxNameLength: 20 }).nodes;
  assert.equal(node.lines[0].text, `${long.slice(0, 19)}…`);
  assert.match(node.description, new RegExp(`^Entity ${long},`));
});

Deno.test("layoutGraph: 150 entities complete, every node placed inside the drawing", () => {
  const { model, graph } = bigGraphModel(150);
  const layout = layoutGraph(model, graph);
  assert.equal(layout.nodes.length, 150);
  assert.equal(layout.edges.length, graph.edges.length);
  for (const n of layout.nodes) assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= layout.width + 0.1, n.id);
  for (let i = 0; i < layout.nodes.length; i++) {
    for (let j = i + 1; j < layout.nodes.length; j++) {
      assert.ok(!overlaps(layout.nodes[i], layout.nodes[j]), `${layout.nodes[i].id} / ${layout.nodes[j].id}`);
    }
  }
});

Deno.test("neighbourhood: the entity and those within depth edges, either direction", () => {
  const { graph } = graphModel([
    { name: "a" },
    { name: "b", keys: [{ field: "a_id", target: "a" }] },
    { name: "c", keys: [{ field: "b_id", target: "b" }] },
    { name: "d", keys: [{ field: "c_id", target: "c" }, { field: "d_id", target: "d" }] },
    { name: "lonely" },
  ]);
  assert.deepEqual(neighbourhood(graph, "b"), ["a", "b", "c"]);
  assert.deepEqual(neighbourhood(graph, "a", 2), ["a", "b", "c"]);
  assert.deepEqual(neighbourhood(graph, "d", 0), ["d"]);
  assert.deepEqual(neighbourhood(graph, "d", 1), ["c", "d"]);
  assert.deepEqual(neighbourhood(graph, "lonely", 3), ["lonely"]);
  assert.deepEqual(neighbourhood(graph, "missing"), []);
});

Deno.test("filterGraph and matchEntities: a part of a big graph", () => {
  const { graph } = graphModel([
    { name: "customers" },
    { name: "orders", keys: [{ field: "customer_id", target: "customers" }] },
    { name: "order_items", keys: [{ field: "order_id", target: "orders" }] },
  ]);
  assert.deepEqual(matchEntities(graph, " ORDER"), ["order_items", "orders"]);
  assert.deepEqual(matchEntities(graph, ""), ["customers", "order_items", "orders"]);
  assert.deepEqual(matchEntities(graph, "zzz"), []);
  const part = filterGraph(graph, ["orders", "order_items"]);
  assert.deepEqual(part.nodes.map((n) => n.id), ["orders", "order_items"]);
  assert.deepEqual(part.edges.map((e) => e.foreignKey), ["order_id"]);
  const byTest = filterGraph(graph, (n) => n.id.startsWith("c"));
  assert.deepEqual({ nodes: byTest.nodes.map((n) => n.id), edges: byTest.edges }, { nodes: ["customers"], edges: [] });
});

Deno.test("basisPath: straight for two points, a smooth curve through more, ends exact", () => {
  assert.equal(basisPath([]), "");
  assert.equal(basisPath([{ x: 0, y: 0 }, { x: 10, y: 20 }]), "M0,0L10,20");
  const d = basisPath([{ x: 0, y: 0 }, { x: 60, y: 0 }, { x: 60, y: 60 }]);
  assert.match(d, /^M0,0L10,0C/);
  assert.match(d, /L60,60$/);
});

Deno.test("@dagrejs/dagre is pinned to the same version for the core (deno.json) and the playground", async () => {
  const read = async (path: string) => JSON.parse(await Deno.readTextFile(new URL(`../../${path}`, import.meta.url)));
  const core = (await read("deno.json")).imports["@dagrejs/dagre"] as string;
  const playground = (await read("playground/package.json")).dependencies["@dagrejs/dagre"] as string;
  assert.match(playground, /^\d+\.\d+\.\d+$/, "the playground pins an exact version");
  assert.equal(core, `npm:@dagrejs/dagre@${playground}`);
});

Deno.test("layoutGraph: separate parts and lone entities are packed in rows, not in one long row", () => {
  const { model, graph } = graphModel([
    ...Array.from({ length: 30 }, (_, i) => ({ name: `lone_${String(i).padStart(2, "0")}` })),
    { name: "customers" },
    { name: "orders", keys: [{ field: "customer_id", target: "customers" }] },
  ]);
  const layout = layoutGraph(model, graph);
  assert.ok(layout.width < 3 * layout.height, `${layout.width} × ${layout.height}`);
  // The connected part comes first (top left), the lone entities after it, by name.
  const customers = layout.nodes.find((n) => n.id === "customers")!;
  assert.ok(layout.nodes.every((n) => n.y >= customers.y));
  const lone = layout.nodes.filter((n) => n.id.startsWith("lone_"));
  const rows = [...new Set(lone.map((n) => n.y))];
  assert.ok(rows.length >= 3, `${rows.length} rows`);
  assertNoOverlaps(layout);
});

Deno.test("layoutKey: changes with what the layout shows, not with anything else", () => {
  const sketches = [
    { name: "customers" },
    { name: "orders", keys: [{ field: "customer_id", target: "customers" }] },
  ];
  const { model, graph } = graphModel(sketches);
  const key = layoutKey(model, graph);
  const other = graphModel([...sketches].reverse());
  other.model.entities[0].description = "changed text";
  other.model.title = "Another title";
  assert.equal(layoutKey(other.model, other.graph), key, "order, descriptions and titles do not count");
  const withKey = graphModel([...sketches, { name: "notes", keys: [{ field: "order_id", target: "orders" }] }]);
  assert.notEqual(layoutKey(withKey.model, withKey.graph), key, "a new entity and key");
  const nullable = graphModel([sketches[0], {
    name: "orders",
    keys: [{ field: "customer_id", target: "customers", nullable: true }],
  }]);
  assert.notEqual(layoutKey(nullable.model, nullable.graph), key, "a key that became nullable");
  const fewerOps = graphModel([sketches[0], { ...sketches[1], crud: ["list"] }]);
  assert.notEqual(layoutKey(fewerOps.model, fewerOps.graph), key, "operations shown on the box");
});
