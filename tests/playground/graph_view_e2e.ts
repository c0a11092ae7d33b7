/**
 * The graph view in headless Chromium (run by `graph_view_test.ts` as `deno run -A`, as playwright-core needs):
 * one node per entity for the sales example and for `../shared/specs/upstream/with-entity-references.json` (when
 * that folder exists), clicks and Enter call back with the entity's name, the filter narrows the nodes, focus mode
 * shows the neighbours only (and "Show all" comes back), zoom and pan change the transform, no two boxes overlap, a
 * regeneration with the same structure keeps the view while a new shape refits, and hostile names stay text.
 * Screenshots (light and dark): `tests/.out/graph/`.
 *
 * Prints `GRAPH_VIEW_RESULT <json>` and exits 0, or throws.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { generate } from "../../src/generate.ts";
import { filterGraph, matchEntities, neighbourhood } from "../../src/graph/layout.ts";
import type { EntityModel, RelationshipGraph } from "../../src/model/types.ts";
import { launchChromium } from "../e2e/browser.ts";
import { graphModel } from "../fixtures/graph_model.ts";
import { bundleGraphPage, graphPageHtml, serveGraphPages } from "./graph_page.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");
const OUT = `${ROOT}/tests/.out/graph`;
const REFERENCES = `${ROOT}/../shared/specs/upstream/with-entity-references.json`;
const HOSTILE_NAME = `<img src=x onerror="globalThis.pwned=1">&amp;'"`;
const HOSTILE_KEY = `</text><script>globalThis.pwned=2</script>_id`;

/** What the scenario measured, for the test's log. */
export interface GraphViewResult {
  /** Pages checked, with their entity counts. */
  pages: Record<string, number>;
  /** Screenshot files written. */
  screenshots: string[];
}

type Input = { model: EntityModel; graph: RelationshipGraph };

async function nodeNames(page: Page): Promise<string[]> {
  const names = await page.locator('[data-testid="graph-node"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-entity") ?? "")
  );
  return names.sort();
}

async function transform(page: Page): Promise<{ x: number; y: number; k: number }> {
  const t = await page.getAttribute('[data-testid="graph-viewport"]', "transform");
  const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(t ?? "");
  assert.ok(m, `viewport transform ${t}`);
  return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
}

async function selections(page: Page): Promise<string[]> {
  return await page.evaluate(() => (globalThis as unknown as { selectedEntities: string[] }).selectedEntities);
}

/** Every node's box on screen: none may overlap another, and each must be inside the canvas after fit. */
async function assertBoxesClear(page: Page, label: string): Promise<void> {
  const boxes = await page.locator('[data-testid="graph-node"] .node-box').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    })
  );
  const canvas = (await page.locator('[data-testid="graph"]').boundingBox())!;
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    assert.ok(
      a.x >= canvas.x - 1 && a.y >= canvas.y - 1 && a.x + a.w <= canvas.x + canvas.width + 1 &&
        a.y + a.h <= canvas.y + canvas.height + 1,
      `${label}: node ${i} outside the canvas after fit`,
    );
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      assert.ok(!overlap, `${label}: nodes ${i} and ${j} overlap`);
    }
  }
}

async function salesScenario(page: Page, input: Input): Promise<void> {
  const names = input.model.entities.map((e) => e.name).sort();
  assert.deepEqual(await nodeNames(page), names, "one graph-node per entity");
  assert.equal(await page.locator('[data-testid="graph-edge"]').count(), input.graph.edges.length);
  await assertBoxesClear(page, "sales");

  // Click → callback with the name; the node shows as selected.
  await page.click('[data-testid="graph-node"][data-entity="orders"]');
  assert.deepEqual(await selections(page), ["orders"]);
  assert.equal(await page.getAttribute('[data-entity="orders"]', "aria-pressed"), "true");

  // Keyboard: Enter on a focused node selects it too.
  await page.focus('[data-testid="graph-node"][data-entity="customers"]');
  await page.keyboard.press("Enter");
  assert.deepEqual(await selections(page), ["orders", "customers"]);

  // The filter narrows the nodes (by name, case-insensitive).
  await page.fill('[data-testid="graph-filter"]', "ORDER");
  assert.deepEqual(await nodeNames(page), matchEntities(input.graph, "order"));
  await page.fill('[data-testid="graph-filter"]', "zzz");
  assert.deepEqual(await nodeNames(page), []);
  assert.match((await page.textContent(".sp-graph-empty")) ?? "", /No entity matches “zzz”/);
  await page.click('[data-testid="graph-show-all"]');
  assert.deepEqual(await nodeNames(page), names);

  // Focus mode: the selected entity and its direct neighbours only; "Show all" goes back.
  await page.click('[data-testid="graph-node"][data-entity="products"]');
  await page.click('[data-testid="graph-focus"]');
  const around = neighbourhood(input.graph, "products");
  assert.deepEqual(await nodeNames(page), around);
  assert.ok(around.length < names.length, "focus hides something");
  // Clicking a neighbour moves the focus to it.
  await page.click('[data-testid="graph-node"][data-entity="order_items"]');
  assert.deepEqual(await nodeNames(page), neighbourhood(input.graph, "order_items"));
  await page.click('[data-testid="graph-show-all"]');
  assert.deepEqual(await nodeNames(page), names);
  assert.equal(await page.getAttribute('[data-testid="graph-focus"]', "aria-pressed"), "false");
  // Escape on the canvas is the keyboard's way back.
  await page.click('[data-testid="graph-focus"]');
  assert.deepEqual(await nodeNames(page), neighbourhood(input.graph, "order_items"));
  await page.focus('[data-testid="graph"]');
  await page.keyboard.press("Escape");
  assert.deepEqual(await nodeNames(page), names);

  // Zoom: buttons and keys change the scale; fit restores it; a drag on the canvas pans and selects nothing.
  const fitted = await transform(page);
  await page.click('[data-testid="graph-zoom-in"]');
  const zoomed = await transform(page);
  assert.ok(zoomed.k > fitted.k * 1.2, `zoom in: ${fitted.k} → ${zoomed.k}`);
  await page.focus('[data-testid="graph"]');
  await page.keyboard.press("-");
  await page.keyboard.press("-");
  assert.ok((await transform(page)).k < zoomed.k, "- zooms out");
  await page.click('[data-testid="graph-fit"]');
  assert.deepEqual(await transform(page), fitted);
  const before = await selections(page);
  const box = (await page.locator('[data-testid="graph"]').boundingBox())!;
  await page.mouse.move(box.x + 8, box.y + box.height - 8);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + box.height - 40, { steps: 5 });
  await page.mouse.up();
  const panned = await transform(page);
  assert.ok(Math.abs(panned.x - fitted.x - 52) < 1 && Math.abs(panned.y - fitted.y + 32) < 1, JSON.stringify(panned));
  await page.keyboard.press("ArrowLeft");
  assert.ok((await transform(page)).x > panned.x, "arrow keys pan");
  // A drag that starts on a node pans and does not select it.
  const orders = (await page.locator('[data-entity="orders"]').boundingBox())!;
  await page.mouse.move(orders.x + 20, orders.y + 20);
  await page.mouse.down();
  await page.mouse.move(orders.x + 80, orders.y + 60, { steps: 5 });
  await page.mouse.up();
  assert.deepEqual(await selections(page), before, "a drag is not a click");
  // Wheel zoom around the pointer.
  const k0 = (await transform(page)).k;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  assert.ok((await transform(page)).k > k0, "wheel zooms in");
  await page.click('[data-testid="graph-fit"]');

  // A new generation with the same structure keeps the view (no relayout, no refit); a new shape refits.
  await page.click('[data-testid="graph-zoom-in"]');
  const kept = await transform(page);
  const same = structuredClone(input);
  same.model.title = "Regenerated";
  for (const e of same.model.entities) e.description = "changed description";
  await page.evaluate((i) => (globalThis as unknown as { renderGraph: (i: unknown) => void }).renderGraph(i), same);
  assert.deepEqual(await transform(page), kept, "same structure: the view stays");
  const smaller = structuredClone(input);
  smaller.graph = filterGraph(input.graph, names.filter((n) => n !== "products"));
  await page.evaluate((i) => (globalThis as unknown as { renderGraph: (i: unknown) => void }).renderGraph(i), smaller);
  assert.deepEqual(await nodeNames(page), names.filter((n) => n !== "products"));
  assert.notDeepEqual(await transform(page), kept, "a new shape is fitted");
  await page.evaluate((i) => (globalThis as unknown as { renderGraph: (i: unknown) => void }).renderGraph(i), input);
}

/** Names from a spec are text: markup in them shows as characters and runs nothing. */
async function hostileScenario(page: Page, input: Input): Promise<void> {
  const names = input.model.entities.map((e) => e.name).sort();
  assert.deepEqual(await nodeNames(page), names);
  assert.equal(await page.locator("#app img, #app script").count(), 0, "no element from a name");
  assert.equal(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned), undefined);
  // Long names are cut on the box (36 characters), and given in full to screen readers.
  const titles = await page.locator('[data-testid="graph-node"] text.title').allTextContents();
  assert.deepEqual(titles.sort(), names.map((n) => [...n].length > 36 ? `${[...n].slice(0, 35).join("")}…` : n).sort());
  const labelsOfNodes = await page.locator('[data-testid="graph-node"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute("aria-label") ?? "")
  );
  for (const name of names) assert.ok(labelsOfNodes.some((l) => l.startsWith(`Entity ${name}, `)), name);
  const labels = await page.locator('[data-testid="graph-edge"] text.edge-label').allTextContents();
  assert.deepEqual(labels, [HOSTILE_KEY]);
  await page.click(`[data-testid="graph-node"] >> nth=0`);
  assert.ok(names.includes((await selections(page)).at(-1)!), "the callback gets the name as it is");
}

async function main(): Promise<GraphViewResult> {
  await Deno.mkdir(OUT, { recursive: true });
  const inputs: Record<string, Input> = {};
  const sales = generate(await Deno.readTextFile(`${ROOT}/examples/sales/openapi.yaml`));
  inputs.sales = { model: sales.model, graph: sales.graph };
  let references: string | undefined;
  try {
    references = await Deno.readTextFile(REFERENCES);
  } catch {
    console.error(`note: ${REFERENCES} is missing: its part is skipped`);
  }
  if (references !== undefined) {
    const r = generate(references);
    inputs.references = { model: r.model, graph: r.graph };
  }

  inputs.hostile = graphModel([
    { name: HOSTILE_NAME },
    { name: "notes", keys: [{ field: HOSTILE_KEY, target: HOSTILE_NAME, name: "hostile" }] },
  ]);

  const assets = await bundleGraphPage();
  const pages = Object.fromEntries(
    Object.entries(inputs).map(([name, input]) => [name, graphPageHtml(input, `${name} graph`)]),
  );
  const server = serveGraphPages(assets, pages);
  const browser = await launchChromium();
  const screenshots: string[] = [];
  const counts: Record<string, number> = {};
  try {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 640 }, colorScheme: scheme });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      for (const [name, input] of Object.entries(inputs)) {
        await page.goto(server.url(name));
        await page.waitForSelector('[data-testid="graph-node"]', { timeout: 10_000 });
        const names = input.model.entities.map((e) => e.name).sort();
        assert.deepEqual(await nodeNames(page), names, `${name}: one graph-node per entity`);
        counts[name] = names.length;
        if (scheme === "light") {
          if (name === "sales") await salesScenario(page, input);
          else if (name === "hostile") await hostileScenario(page, input);
          else await assertBoxesClear(page, name);
        }
        const file = `${OUT}/view-${name}-${scheme}.png`;
        await page.screenshot({ path: file });
        screenshots.push(file);
      }
      assert.deepEqual(errors, [], "no errors in the page");
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { pages: counts, screenshots };
}

if (import.meta.main) {
  const result = await main();
  console.log(`GRAPH_VIEW_RESULT ${JSON.stringify(result)}`);
}
