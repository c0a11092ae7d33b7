/// <reference lib="dom" />
/**
 * The playground's Preview in a real browser: a harness page mounts `PreviewPane` (bundled with esbuild as the
 * shell bundles it, plus `buildPreviewAssets`), served from 127.0.0.1 under a sub-path, and is fed `generate()`
 * output computed here. Scenarios (issue 11):
 *
 * 1. the sales example previews: rows in client A and in client B;
 * 2. an order created in A shows in A at once and in B within 500 ms (through the mock's broadcast);
 * 3. "fail the next write" + an edit in A: the change shows, rolls back, and the error is shown;
 * 4. the spec gains a field: the preview rebuilds and the field is in the create form (rebuild time measured);
 *
 * and: a bundling error keeps the last good preview, a spec without entities gets a message, and every example the
 * shell ships previews with rows. Prints `PREVIEW_RESULT {...}`; screenshots in `tests/.out/playground/`.
 *
 * Run by `preview_test.ts` as `deno run -A tests/playground/preview_e2e.ts` (playwright-core needs `-A`).
 *
 * @module
 */
import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import type { Frame, Page } from "playwright-core";
import { generate } from "../../mod.ts";
import { buildPreviewAssets } from "../../scripts/playground/preview_build.ts";
import { NESTED_SPEC, WRAPPED_SPEC } from "../../playground/src/preview/test_specs.ts";
import { launchChromium } from "../e2e/browser.ts";
import { hostileSpec } from "../fixtures/hostile.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname)
  .replace(/\/$/, "");
const OUT = `${ROOT}/tests/.out/playground`;
const SUB_PATH = "/tools/sync-patterns/playground/";
const STEP = 20_000;

/** What the scenario measured. */
export interface PreviewResult {
  /** Page open → rows in both clients (cold: esbuild-wasm start included). */
  firstPreviewMs: number;
  /** Create clicked in A → the row in A, and in B. */
  createInAMs: number;
  createInBMs: number;
  /** New files pushed → both frames rendered again, as the pane reports it and as seen from outside. */
  rebuildReportedMs: number;
  rebuildSeenMs: number;
  /** The pane's rebuild times over several pushes (warm). */
  rebuildSamplesMs: number[];
  /** esbuild-wasm's part of each. */
  bundleSamplesMs: number[];
  vendorBytes: number;
  vendorGzipBytes: number;
  examples: Record<string, number>;
}

const HARNESS = `
import { render } from "preact";
import { PreviewPane } from "./PreviewPane.tsx";
let state = { files: {}, model: undefined, active: false };
function draw() {
  render(
    state.model
      ? <PreviewPane files={state.files} model={state.model} active={state.active} />
      : <p>Waiting for files</p>,
    document.getElementById("app"),
  );
}
globalThis.__preview = {
  set(files, model) { state = { ...state, files, model }; draw(); },
  setActive(active) { state = { ...state, active }; draw(); },
};
draw();
`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview harness</title>
<link rel="stylesheet" href="harness.css">
<style>
:root { --bg: #ffffff; --bg-elev: #f7f7f9; --bg-sunk: #f0f1f4; --fg: #1c1d21; --fg-muted: #6a6c75; --border: #e2e3e8;
  --accent: #3b5bdb; --accent-fg: #ffffff; --added: #2f9e44; --changed: #e8a317; --removed: #e03131; --warn: #e8a317;
  --error: #d6336c; --font-ui: system-ui, sans-serif; --font-mono: ui-monospace, monospace; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16171b; --bg-elev: #1e1f24; --bg-sunk: #121316; --fg: #e4e5e9; --fg-muted: #9597a1;
    --border: #2d2e35; --accent: #7b93f5; --accent-fg: #0c0d10; --error: #ff6b8a; }
}
html, body, #app { margin: 0; height: 100%; background: var(--bg); }
</style></head>
<body><div id="app"></div><script type="module" src="harness.js"></script></body></html>`;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

async function buildHarness(dist: string) {
  await Deno.mkdir(dist, { recursive: true });
  const assets = await buildPreviewAssets(dist);
  await esbuild.build({
    stdin: {
      contents: HARNESS,
      resolveDir: `${ROOT}/playground/src/preview`,
      loader: "tsx",
      sourcefile: "harness.tsx",
    },
    outfile: `${dist}/harness.js`,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    nodePaths: [`${ROOT}/playground/node_modules`],
    logLevel: "error",
  });
  await esbuild.stop();
  await Deno.writeTextFile(`${dist}/index.html`, PAGE);
  return assets;
}

function serve(dist: string) {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      if (!path.startsWith(SUB_PATH)) {
        return new Response(
          "not under the sub-path",
          { status: 404 },
        );
      }
      const file = path.slice(SUB_PATH.length) || "index.html";
      if (file.includes("..")) return new Response("no", { status: 400 });
      try {
        const body = await Deno.readFile(`${dist}/${file}`);
        const type = TYPES[file.slice(file.lastIndexOf("."))] ??
          "application/octet-stream";
        return new Response(body, { headers: { "content-type": type } });
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
}

async function frameOf(page: Page, side: "a" | "b"): Promise<Frame> {
  const handle = await page.waitForSelector(
    `iframe[data-testid="preview-client-${side}"]`,
    { timeout: STEP },
  );
  const frame = await handle.contentFrame();
  assert.ok(frame, `client ${side} has a frame`);
  return frame;
}

async function rowCount(frame: Frame): Promise<number> {
  return await frame.locator('[data-testid="preview-row"]').count();
}

async function waitRows(frame: Frame, min = 1): Promise<void> {
  await frame.waitForFunction(
    (min) => document.querySelectorAll('[data-testid="preview-row"]').length >= min,
    min,
    { timeout: STEP },
  );
}

/** Arms an observer in a frame that records when its row count first exceeds `count`. */
async function armRowMark(frame: Frame, count: number): Promise<void> {
  await frame.evaluate((count) => {
    const w = globalThis as unknown as { __mark?: Promise<number> };
    w.__mark = new Promise((resolve) => {
      const check = () => {
        if (
          document.querySelectorAll('[data-testid="preview-row"]').length >
            count
        ) {
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
          return true;
        }
        return false;
      };
      const observer = new MutationObserver(check);
      if (!check()) {
        observer.observe(document.body, { childList: true, subtree: true });
      }
    });
  }, count);
}

async function readMark(frame: Frame): Promise<number> {
  return await frame.evaluate(() => (globalThis as unknown as { __mark: Promise<number> }).__mark);
}

async function push(page: Page, spec: string): Promise<void> {
  const { files, model } = generate(spec);
  await page.evaluate(([files, model]) => {
    (globalThis as unknown as {
      __preview: { set(f: unknown, m: unknown): void };
    }).__preview.set(files, model);
  }, [files, model] as const);
}

async function rebuildReported(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="preview-rebuild-time"]')
    .textContent();
  const ms = /(?:Started|Rebuilt) in (\d+) ms/.exec(text ?? "");
  assert.ok(ms, `the pane shows its rebuild time (got "${text}")`);
  return Number(ms[1]);
}

/** esbuild-wasm's part of the last rebuild, as the pane reports it (its status's title). */
async function bundleReported(page: Page): Promise<number> {
  const title = await page.locator('[data-testid="preview-rebuild-time"]').getAttribute("title");
  const ms = /esbuild: (\d+) ms/.exec(title ?? "");
  assert.ok(ms, `the pane shows esbuild's time (got "${title}")`);
  return Number(ms[1]);
}

/** Pushes files and waits until both clients rendered them; returns [pane-reported ms, ms seen from here]. */
async function pushAndWait(
  page: Page,
  spec: string,
): Promise<[number, number]> {
  const before = await page.evaluate(() =>
    Number(
      document.querySelector('[data-testid="preview"]')?.getAttribute(
        "data-generation",
      ) ?? 0,
    )
  );
  const started = performance.now();
  await push(page, spec);
  await page.waitForFunction(
    (before) => {
      const pane = document.querySelector('[data-testid="preview"]');
      return Number(pane?.getAttribute("data-generation") ?? 0) > before;
    },
    before,
    { timeout: STEP },
  );
  const seen = performance.now() - started;
  return [await rebuildReported(page), seen];
}

/** Selects each entity in a client and reads its status, row count and error. */
async function entityReport(
  frame: Frame,
): Promise<{ entity: string; status: string; rows: number; error: string }[]> {
  const select = frame.locator('[data-testid="preview-entity-select"]');
  const names = await select.locator("option").evaluateAll((options) =>
    options.map((o) => (o as HTMLOptionElement).value)
  );
  const out = [];
  for (const entity of names) {
    await select.selectOption(entity);
    await frame.waitForFunction(
      () =>
        /^(ready|error)/.test(
          document.querySelector('[data-testid="preview-status"]')
            ?.textContent ?? "",
        ),
      undefined,
      { timeout: STEP },
    );
    const status = (await frame.locator('[data-testid="preview-status"]').textContent() ??
      "").split(" ")[0]!;
    const error = status === "ready" ? "" : (await frame.locator(".x-error").first().textContent()) ?? "";
    out.push({ entity, status, rows: await rowCount(frame), error });
  }
  return out;
}

async function main() {
  await Deno.mkdir(OUT, { recursive: true });
  const dist = await Deno.makeTempDir({ prefix: "preview-dist-" });
  const server = serve(dist);
  const browser = await launchChromium();
  try {
    const assets = await buildHarness(dist);
    const sales = await Deno.readTextFile(
      `${ROOT}/examples/sales/openapi.yaml`,
    );
    const url = `http://127.0.0.1:${server.addr.port}${SUB_PATH}`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 820 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url);

    // the tab is not open yet: nothing of the preview's runtime or esbuild-wasm is loaded
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await push(page, sales);
    await page.getByText("Loading the preview…").waitFor({ timeout: STEP });
    await page.waitForTimeout(300);
    assert.deepEqual(requested.filter((p) => /runtime\.js|esbuild\.wasm|vendor\//.test(p)), [], "nothing loaded");

    // 1. rows in A and in B, once the tab is open
    const opened = performance.now();
    await page.evaluate(() => {
      (globalThis as unknown as { __preview: { setActive(on: boolean): void } }).__preview.setActive(true);
    });
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="preview"]')?.getAttribute("data-generation") ?? 0) > 0,
      undefined,
      { timeout: STEP },
    );
    assert.ok(requested.some((p) => p.endsWith("/esbuild.wasm")), "esbuild-wasm loads when the tab opens");
    let a = await frameOf(page, "a");
    let b = await frameOf(page, "b");
    await Promise.all([waitRows(a), waitRows(b)]);
    const firstPreviewMs = performance.now() - opened;
    assert.ok((await rowCount(a)) > 0 && (await rowCount(b)) > 0);
    await page.screenshot({ path: `${OUT}/preview-1-rows.png` });

    // 2. create an order in A: at once in A, within 500 ms in B
    for (const frame of [a, b]) {
      await frame.locator('[data-testid="preview-entity-select"]').selectOption(
        "orders",
      );
      await frame.waitForFunction(
        () => {
          const select = document.querySelector(
            '[data-testid="preview-entity-select"]',
          ) as HTMLSelectElement | null;
          return select?.value === "orders" &&
            document.querySelectorAll('[data-testid="preview-row"]').length > 0;
        },
        undefined,
        { timeout: STEP },
      );
    }
    const ordersBefore = await rowCount(a);
    assert.equal(await rowCount(b), ordersBefore);
    await a.locator('[data-testid="preview-create"]').click();
    // Zod errors at their fields: submit without the required customer
    await a.locator('[data-testid="preview-submit"]').click();
    await a.locator(
      '[data-field="customer_id"] [data-testid="preview-field-error"]',
    ).waitFor({ timeout: STEP });
    await page.screenshot({ path: `${OUT}/preview-2-zod-error.png` });
    const form = a.locator('[data-testid="preview-create-form"]');
    await form.locator('select[data-field="customer_id"]').selectOption({
      index: 1,
    });
    await form.locator('input[data-field="notes"]').fill("Created in A");
    await armRowMark(a, ordersBefore);
    await armRowMark(b, ordersBefore);
    const clickedAt = await a.evaluate(() => {
      const at = performance.timeOrigin + performance.now();
      (document.querySelector(
        '[data-testid="preview-submit"]',
      ) as HTMLButtonElement).click();
      return at;
    });
    const [inA, inB] = await Promise.all([readMark(a), readMark(b)]);
    const createInAMs = inA - clickedAt;
    const createInBMs = inB - clickedAt;
    assert.ok(
      createInAMs < 300,
      `the new order shows in A at once (${createInAMs.toFixed(0)} ms)`,
    );
    assert.ok(
      createInBMs < 500,
      `the new order shows in B within 500 ms (${createInBMs.toFixed(0)} ms)`,
    );
    await b.getByText("Created in A").waitFor({ timeout: STEP });
    await page.screenshot({ path: `${OUT}/preview-3-created.png` });

    // 3. fail the next write, edit a row in A: it changes, rolls back, the error shows
    await page.locator('[data-testid="preview-latency"]').evaluate(
      (input: HTMLInputElement) => {
        input.value = "700";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      },
    );
    await page.locator('[data-testid="preview-fail-next"]').selectOption("500");
    const row = a.locator('[data-testid="preview-row"]').first();
    const key = await row.getAttribute("data-key");
    const target = a.locator(`[data-testid="preview-row"][data-key="${key}"]`);
    const oldNotes = (await target.locator('[data-field="notes"]').textContent()) ?? "";
    await target.locator('[data-testid="preview-edit"]').click();
    await target.locator('input[data-field="notes"]').fill("Will roll back");
    await target.locator('[data-testid="preview-save"]').click();
    await target.locator('[data-field="notes"]', { hasText: "Will roll back" })
      .waitFor({ timeout: 600 });
    await target.locator('[data-testid="preview-pending"]').waitFor({
      timeout: 600,
    });
    await page.screenshot({ path: `${OUT}/preview-4-optimistic.png` });
    await a.locator('[data-testid="preview-error"]').waitFor({ timeout: STEP });
    await a.waitForFunction(
      ([key, old]) =>
        document.querySelector(
          `[data-testid="preview-row"][data-key="${key}"] [data-field="notes"]`,
        )?.textContent ===
          old,
      [key, oldNotes] as const,
      { timeout: STEP },
    );
    const errorText = await a.locator('[data-testid="preview-error"]').first()
      .textContent();
    assert.match(errorText ?? "", /500/);
    assert.equal(
      await page.locator('[data-testid="preview-fail-next"]').inputValue(),
      "",
      "fail-next disarms",
    );
    await page.screenshot({ path: `${OUT}/preview-5-rolled-back.png` });
    await page.locator('[data-testid="preview-latency"]').evaluate(
      (input: HTMLInputElement) => {
        input.value = "0";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      },
    );

    // includes and where filters in B; a delete in A leaves B too
    await b.locator('[data-testid="preview-include"][data-relation="customer"]').check();
    await b.locator('[data-include="customer"]').first().waitFor({ timeout: STEP });
    await b.waitForFunction(
      () => {
        const cells = Array.from(document.querySelectorAll('[data-include="customer"]'));
        return cells.length > 0 && cells.every((c) => c.textContent !== "" && c.textContent !== "—");
      },
      undefined,
      { timeout: STEP },
    );
    await b.locator('select[data-testid="preview-filter"][data-field="status"]').selectOption("pending");
    await b.waitForFunction(
      () => {
        const cells = Array.from(document.querySelectorAll('[data-testid="preview-row"] [data-field="status"]'));
        return cells.length > 0 && cells.every((c) => c.textContent === "pending");
      },
      undefined,
      { timeout: STEP },
    );
    await page.screenshot({ path: `${OUT}/preview-5b-include-and-filter.png` });
    const created = a.locator('[data-testid="preview-row"]', { hasText: "Created in A" });
    const createdKey = await created.getAttribute("data-key");
    await created.locator('[data-testid="preview-delete"]').click();
    await a.waitForFunction(
      (key) => !document.querySelector(`[data-testid="preview-row"][data-key="${key}"]`),
      createdKey,
      {
        timeout: 1000,
      },
    );
    await b.locator('select[data-testid="preview-filter"][data-field="status"]').selectOption("");
    await b.waitForFunction(
      (key) => !document.querySelector(`[data-testid="preview-row"][data-key="${key}"]`),
      createdKey,
      {
        timeout: 2000,
      },
    );

    // a custom action (POST /orders/{order_id}/cancel) from a row of A: the row changes in A and in B
    const open = await a.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="preview-row"]')).find((row) =>
        row.querySelector('[data-field="status"]')?.textContent === "pending"
      )?.getAttribute("data-key")
    );
    assert.ok(open, "a pending order to cancel");
    await a.locator(`[data-testid="preview-row"][data-key="${open}"] [data-testid="preview-action"]`).selectOption({
      label: "cancel",
    });
    for (const frame of [a, b]) {
      await frame.locator(`[data-testid="preview-row"][data-key="${open}"] [data-field="status"]`, {
        hasText: "cancelled",
      }).waitFor({ timeout: STEP });
    }

    // 4. the spec gains a field: rebuild, and the field is in the create form
    const withField = sales.replace(
      "      required: [customer_id]\n      properties:\n        customer_id:",
      "      required: [customer_id]\n      properties:\n        gift_message:\n          type: string\n" +
        "          maxLength: 200\n        customer_id:",
    );
    assert.notEqual(withField, sales, "the edited spec has the new field");
    const [rebuildReportedMs, rebuildSeenMs] = await pushAndWait(
      page,
      withField,
    );
    a = await frameOf(page, "a");
    b = await frameOf(page, "b");
    await waitRows(a);
    await a.locator('[data-testid="preview-entity-select"]').selectOption(
      "orders",
    );
    await a.locator('[data-testid="preview-create"]').click();
    await a.locator(
      '[data-testid="preview-create-form"] input[data-field="gift_message"]',
    ).waitFor({ timeout: STEP });
    await page.screenshot({ path: `${OUT}/preview-6-new-field.png` });

    // a hidden tab does not rebuild; it catches up when shown again
    const shown = await page.locator('[data-testid="preview"]').getAttribute("data-generation");
    await page.evaluate(() => {
      (globalThis as unknown as { __preview: { setActive(on: boolean): void } }).__preview.setActive(false);
    });
    await push(page, sales);
    await page.waitForTimeout(400);
    assert.equal(await page.locator('[data-testid="preview"]').getAttribute("data-generation"), shown, "no rebuild");
    await page.evaluate(() => {
      (globalThis as unknown as { __preview: { setActive(on: boolean): void } }).__preview.setActive(true);
    });
    await page.waitForFunction(
      (shown) => document.querySelector('[data-testid="preview"]')?.getAttribute("data-generation") !== shown,
      shown,
      { timeout: STEP },
    );

    // warm rebuilds (the pane's own measure), alternating two specs so every push changes the files
    const rebuildSamplesMs: number[] = [];
    const bundleSamplesMs: number[] = [];
    for (let i = 0; i < 6; i++) {
      rebuildSamplesMs.push((await pushAndWait(page, i % 2 ? withField : sales))[0]);
      bundleSamplesMs.push(await bundleReported(page));
    }

    // a bundling error keeps the last good preview
    const good = generate(sales);
    await page.evaluate(([files, model]) => {
      const broken = {
        ...(files as Record<string, string>),
        "index.ts": "export const = ;",
      };
      (globalThis as unknown as {
        __preview: { set(f: unknown, m: unknown): void };
      }).__preview.set(broken, model);
    }, [good.files, good.model] as const);
    await page.locator('[data-testid="preview-build-error"]').waitFor({
      timeout: STEP,
    });
    assert.match(
      await page.locator('[data-testid="preview-build-error"]').textContent() ?? "",
      /^index\.ts:1: /,
      "the error names the file and line",
    );
    a = await frameOf(page, "a");
    assert.ok((await rowCount(a)) > 0, "the last good preview stays");
    await page.screenshot({ path: `${OUT}/preview-7-build-error.png` });

    // every example the shell ships previews with rows
    const examples: Record<string, number> = {};
    const specs = [`${ROOT}/examples/sales/openapi.yaml`];
    try {
      for await (const entry of Deno.readDir(`${ROOT}/playground/examples`)) {
        if (/\.(ya?ml|json)$/.test(entry.name)) {
          specs.push(`${ROOT}/playground/examples/${entry.name}`);
        }
      }
    } catch {
      // the shell adds playground/examples later
    }
    const shared = `${ROOT}/../shared/specs/upstream`;
    try {
      for await (const entry of Deno.readDir(shared)) {
        if (entry.name.endsWith(".json")) specs.push(`${shared}/${entry.name}`);
      }
    } catch {
      // the real-spec folder exists only on some machines
    }
    const problems: string[] = [];
    const fixtures: Record<string, string> = {
      "fixture:wrapped": JSON.stringify(WRAPPED_SPEC),
      "fixture:nested": JSON.stringify(NESTED_SPEC),
      "fixture:hostile": JSON.stringify(hostileSpec),
    };
    for (const path of [...specs.sort(), ...Object.keys(fixtures)]) {
      const spec = fixtures[path] ?? await Deno.readTextFile(path);
      const { model } = generate(spec);
      if (!model.entities.some((e) => e.operations.list)) continue;
      await pushAndWait(page, spec);
      a = await frameOf(page, "a");
      b = await frameOf(page, "b");
      const name = path.split(/[/:]/).at(-1)!.replace(/\.\w+$/, "");
      const report = await entityReport(a);
      examples[path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : name] = report.reduce((n, e) => n + e.rows, 0);
      for (const e of report) {
        if (e.status !== "ready") {
          problems.push(`${name} ${e.entity}: ${e.status} ${e.error}`);
        }
        // a nested list shows the rows of the parent it picked (seeding gives every parent a child)
        if (e.rows === 0) problems.push(`${name} ${e.entity}: no rows`);
      }
      await waitRows(b);
      for (const frame of [page.mainFrame(), a, b]) {
        const pwned = await frame.evaluate(() => (globalThis as { pwned?: unknown }).pwned);
        assert.equal(pwned, undefined, `${name}: no spec text ran as code`);
      }
      await page.screenshot({ path: `${OUT}/preview-example-${name}.png` });
    }
    assert.deepEqual(
      problems,
      [],
      "every entity of every example lists without an error",
    );

    // a spec without entities gets a message
    await push(
      page,
      JSON.stringify({
        openapi: "3.1.0",
        info: { title: "Empty", version: "1" },
        paths: {},
      }),
    );
    await page.getByText("Nothing to preview").waitFor({ timeout: STEP });
    await page.screenshot({ path: `${OUT}/preview-8-no-entities.png` });

    // the dark theme
    await page.emulateMedia({ colorScheme: "dark" });
    await pushAndWait(page, sales);
    a = await frameOf(page, "a");
    await waitRows(a);
    await page.screenshot({ path: `${OUT}/preview-9-dark.png` });

    // a narrow pane (the Preview tab beside the editor on a 1024 px screen) stacks the clients
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 560, height: 900 });
    const [boxA, boxB] = await Promise.all(
      ["a", "b"].map((side) => page.locator(`iframe[data-testid="preview-client-${side}"]`).boundingBox()),
    );
    assert.ok(boxA && boxB && boxB.y > boxA.y + boxA.height - 1, "B sits below A in a narrow pane");
    await page.screenshot({ path: `${OUT}/preview-10-narrow.png` });

    assert.deepEqual(errors, [], "no uncaught errors in the page");
    const result: PreviewResult = {
      firstPreviewMs: Math.round(firstPreviewMs),
      createInAMs: Math.round(createInAMs),
      createInBMs: Math.round(createInBMs),
      rebuildReportedMs,
      rebuildSeenMs: Math.round(rebuildSeenMs),
      rebuildSamplesMs,
      bundleSamplesMs,
      vendorBytes: assets.bytes,
      vendorGzipBytes: assets.gzipBytes,
      examples,
    };
    console.log(`PREVIEW_RESULT ${JSON.stringify(result)}`);
  } finally {
    await browser.close();
    await server.shutdown();
    await Deno.remove(dist, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) await main();
