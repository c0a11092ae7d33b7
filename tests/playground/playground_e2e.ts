/**
 * The playground in real headless Chromium (run by `playground_test.ts` in a `deno run -A` child: playwright-core
 * needs `-A`). Builds `dist/` into a temporary folder, serves it under a sub-path (`/sub/playground/`, proving
 * relative URLs), and checks what a user does: examples, an edit and its change marks and diff, broken YAML,
 * share links, `?url=`, the graph, and the main-thread time per keystroke. The expected files and entities come
 * from `generate()` in this process, never hard-coded.
 *
 * Prints one line `PLAYGROUND_RESULT {...}` with the measurements. Screenshots: `tests/.out/playground/`;
 * `--update-screenshot` also refreshes `docs/playground.png` (the README's).
 *
 * @module
 */
/// <reference lib="dom" />
// (the callbacks given to the page run in the browser: the DOM types describe them)
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { generate, SpecError } from "../../mod.ts";
import { launchChromium } from "../e2e/browser.ts";
import { buildPlayground } from "../../scripts/playground/build.ts";
import { serveStatic } from "../../scripts/playground/static_server.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");
const OUT = `${ROOT}/tests/.out/playground`;
const PREFIX = "/sub/playground/";

const EXAMPLE_FILES: Record<string, string> = {
  sales: `${ROOT}/examples/sales/openapi.yaml`,
  projects: `${ROOT}/playground/examples/projects.yaml`,
  extensions: `${ROOT}/playground/examples/extensions.yaml`,
};

/** What the scenario measured. */
export interface PlaygroundResult {
  /**
   * Main-thread time per keystroke on the sales example, ms: the renderer main thread's `TaskDuration` (CDP
   * `Performance.getMetrics` in CPU time: every task, script, style, layout and paint) from the key to the next
   * frame, less DevTools' own commands and `harnessMs`, what the same measurement costs with no key.
   */
  keystrokeMs: { median: number; p95: number; max: number; samples: number; harnessMs: number };
  /** Long tasks (> 50 ms) seen while typing. */
  longTasksWhileTyping: number;
  /** parse + generate + change marks in the worker, as the page shows it, for the sales spec, first load (ms). */
  workerGenerateMs: number;
  /** The same after an edit (the worker is warm). */
  workerEditMs: number;
  /** With the Preview open: from typing an edit to the preview's next generation (both clients rebuilt), ms. */
  keystrokeToPreviewMs: number;
  firstLoadGzipBytes: number;
  /** From the page's self-check: gzipped bundle of the sales output (bytes, as shown). */
  selfCheckText: string;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function newPage(browser: Browser, options: { dark?: boolean; width?: number; height?: number } = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.dark ? "dark" : "light",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { context, page, errors };
}

async function waitForOutput(page: Page) {
  await page.waitForSelector('[data-testid="file-tree-item"]', { timeout: 20_000 });
  await page.waitForFunction(
    () => document.querySelector('[data-testid="generate-time"]')?.textContent?.startsWith("generated in"),
    undefined,
    { timeout: 20_000 },
  );
}

async function showTab(page: Page, tab: "graph" | "entities" | "diagnostics" | "preview") {
  await page.click(`[role="tab"][data-tab="${tab}"]`);
}

async function entityNames(page: Page): Promise<string[]> {
  await showTab(page, "entities");
  return await page.$$eval(
    '[data-testid="entities-table"] tr[data-entity]',
    (rows) => rows.map((r) => r.getAttribute("data-entity") ?? ""),
  );
}

/** Goes to a line with CodeMirror's own "go to line" (Mod-Alt-g), cursor at its start. */
async function goToLine(page: Page, line: number) {
  await page.click('[data-testid="spec-editor"]');
  await page.keyboard.press("Control+Alt+g");
  const input = page.locator(".cm-panel input[name=line]").first();
  await input.fill(String(line));
  await input.press("Enter");
}

/** Pastes text into the editor the way a browser does (a `paste` event with clipboard data). */
async function paste(page: Page, text: string) {
  await page.click('[data-testid="spec-editor"]');
  await page.keyboard.press("Control+a");
  await page.$eval('[data-testid="spec-editor"]', (element, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function sessionSpec(page: Page): Promise<{ spec: string; syncMode: string } | null> {
  return await page.evaluate(() => {
    const raw = localStorage.getItem("sync-patterns-playground:session");
    return raw ? JSON.parse(raw) : null;
  });
}

async function changeMarks(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries(
    await page.$$eval(
      '[data-testid="file-tree-item"]',
      (items) => items.map((i) => [i.getAttribute("data-path") ?? "", i.getAttribute("data-change") ?? ""]),
    ),
  );
}

/** Adds a property to the Customer schema of the sales spec, as the test types it: returns line and new text. */
function customerEdit(spec: string, schemaName = "Customer"): { line: number; insert: string; edited: string } {
  const lines = spec.split("\n");
  const schema = lines.indexOf(`    ${schemaName}:`);
  const properties = lines.findIndex((l, i) => i > schema && l === "      properties:");
  assert.ok(schema > 0 && properties > schema, `the sales spec has components.schemas.${schemaName}.properties`);
  const insert = "        nickname: { type: string, maxLength: 40 }\n";
  const at = properties + 1; // 0-based index of the first property line = 1-based number of `properties:`
  const edited = [...lines.slice(0, at), insert.slice(0, -1), ...lines.slice(at)].join("\n");
  return { line: at + 1, insert, edited };
}

async function scenario(browser: Browser, baseUrl: string, firstLoadGzipBytes: number): Promise<PlaygroundResult> {
  const salesSpec = await Deno.readTextFile(EXAMPLE_FILES.sales);
  const sales = generate(salesSpec);
  const contexts: BrowserContext[] = [];
  try {
    // ---- first load: the default example, the graph, the self-check --------------------------------------
    const { context, page, errors } = await newPage(browser);
    contexts.push(context);
    await page.goto(baseUrl);
    await waitForOutput(page);
    const nodes = await page.$$eval(
      '[data-testid="graph-node"]',
      (els) => els.map((e) => e.getAttribute("data-entity")),
    );
    assert.deepEqual(nodes.sort(), sales.model.entities.map((e) => e.name).sort(), "one graph node per entity");
    const items = await changeMarks(page);
    assert.deepEqual(Object.keys(items).sort(), Object.keys(sales.files).sort(), "the tree shows every generated file");
    const workerText = await page.textContent('[data-testid="generate-time"]');
    const workerGenerateMs = Number(/(\d+) ms/.exec(workerText ?? "")?.[1]);

    // a graph node opens its entity's files
    const orderItems = sales.model.entities.find((e) => e.name === "order_items")!;
    await page.click('[data-testid="graph-node"][data-entity="order_items"]');
    await page.waitForSelector(`[data-testid="code-view"][data-path="entities/${orderItems.names.filePlural}.ts"]`);

    await page.waitForSelector('[data-testid="self-check"][data-state="done"]', { timeout: 30_000 });
    const selfCheckText = (await page.textContent('[data-testid="self-check"]')) ?? "";
    assert.match(selfCheckText, new RegExp(`${Object.keys(sales.files).length} files parse`), selfCheckText);
    assert.match(selfCheckText, /kB gzip/);

    // ---- the Preview tab: the generated layer runs on the mock API, a row per seeded order in both clients -----
    await showTab(page, "preview");
    for (const side of ["a", "b"]) {
      const frame = await (await page.waitForSelector(`iframe[data-testid="preview-client-${side}"]`, {
        timeout: 30_000,
      })).contentFrame();
      assert.ok(frame, `preview client ${side} has a frame`);
      await frame.waitForFunction(
        () => document.querySelectorAll('[data-testid="preview-row"]').length > 0,
        undefined,
        {
          timeout: 30_000,
        },
      );
    }
    await page.screenshot({ path: `${OUT}/shell-preview.png` });

    // an edit with the Preview open: the preview rebuilds, and a field new in CustomerCreate reaches the create form
    const previewBefore = Number(await page.getAttribute('[data-testid="preview"]', "data-generation"));
    const previewEdit = customerEdit(salesSpec, "CustomerCreate");
    await goToLine(page, previewEdit.line);
    const typedAt = await page.evaluate(() => performance.now());
    await page.keyboard.insertText(previewEdit.insert);
    await page.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="preview"]')?.getAttribute("data-generation")) > before,
      previewBefore,
      { timeout: 30_000 },
    );
    const keystrokeToPreviewMs = Math.round((await page.evaluate(() => performance.now())) - typedAt);
    const clientA = await (await page.waitForSelector('iframe[data-testid="preview-client-a"]')).contentFrame();
    assert.ok(clientA, "preview client a has a frame");
    await clientA.waitForFunction(() => document.querySelectorAll('[data-testid="preview-row"]').length > 0);
    await clientA.click('[data-testid="preview-create"]');
    await clientA.waitForSelector('[data-testid="preview-create-form"] [data-field="nickname"]', { timeout: 10_000 });
    await showTab(page, "graph");

    // ---- each example ------------------------------------------------------------------------------------
    for (const [id, file] of Object.entries(EXAMPLE_FILES)) {
      const expected = generate(await Deno.readTextFile(file));
      await page.selectOption('[data-testid="example-select"]', id);
      await page.waitForFunction(
        (names) =>
          [...document.querySelectorAll('[data-testid="graph-node"], tr[data-entity]')].map((e) =>
            e.getAttribute("data-entity")
          ).sort().join() === names,
        expected.model.entities.map((e) => e.name).sort().join(),
        { timeout: 10_000 },
      );
      assert.deepEqual((await entityNames(page)).sort(), expected.model.entities.map((e) => e.name).sort(), id);
      await showTab(page, "diagnostics");
      assert.equal(await page.locator('[data-testid="diagnostic"]').count(), expected.diagnostics.length, id);
      await showTab(page, "graph");
      await page.screenshot({ path: `${OUT}/example-${id}.png` });
    }

    // ---- an edit: exactly the affected files are marked changed, the diff shows the new line -------------
    await page.selectOption('[data-testid="example-select"]', "sales");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"]').length === 4);
    await waitForOutput(page);
    const edit = customerEdit(salesSpec);
    const after = generate(edit.edited).files;
    const changed = Object.keys(after).filter((p) => sales.files[p] !== undefined && sales.files[p] !== after[p]);
    assert.ok(changed.length > 0, "the edit changes some files");
    await goToLine(page, edit.line);
    await page.keyboard.insertText(edit.insert);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="change-counts"]')?.textContent?.includes("changed"),
      undefined,
      { timeout: 10_000 },
    );
    await waitForOutput(page);
    const workerEditMs = Number(/(\d+) ms/.exec((await page.textContent('[data-testid="generate-time"]')) ?? "")?.[1]);
    const marks = await changeMarks(page);
    assert.deepEqual(
      Object.keys(marks).filter((p) => marks[p] === "changed").sort(),
      changed.sort(),
      "the changed files are the ones generate() changes",
    );
    assert.deepEqual(Object.keys(marks).filter((p) => marks[p] === "added" || marks[p] === "removed"), []);
    const schemaFile = changed.find((p) => p.startsWith("schemas/")) ?? changed[0];
    await page.click(`[data-testid="file-tree-item"][data-path="${schemaFile}"]`);
    await page.click('[data-testid="show-diff"]');
    const addedRows = await page.$$eval(
      '[data-testid="diff-view"] tr[data-kind="added"] td.text',
      (cells) => cells.map((c) => c.textContent ?? ""),
    );
    assert.ok(addedRows.some((t) => t.includes("nickname")), `the diff adds nickname: ${addedRows.join(" | ")}`);
    const sessionAfterEdit = await sessionSpec(page);
    assert.equal(sessionAfterEdit?.spec, edit.edited, "the editor holds exactly the typed edit");
    await page.screenshot({ path: `${OUT}/edit-diff.png` });

    await page.waitForSelector('[data-testid="self-check"][data-state="done"]', { timeout: 30_000 });
    // ---- screenshots: light and dark, 1280×800 and 1024×768, of this state (an edit and its diff) ------------
    for (const dark of [false, true]) {
      for (const [width, height] of [[1280, 800], [1024, 768]]) {
        await page.emulateMedia({ colorScheme: dark ? "dark" : "light" });
        await page.setViewportSize({ width, height });
        await showTab(page, width === 1280 ? "entities" : "graph");
        await page.screenshot({ path: `${OUT}/${dark ? "dark" : "light"}-${width}x${height}.png` });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `no horizontal scroll at ${width}px (${overflow}px too wide)`);
        const download = await page.locator('[data-testid="download-zip"]').boundingBox();
        assert.ok(download && download.x + download.width <= width, `the header fits in ${width}px`);
        if (!dark && width === 1280 && Deno.args.includes("--update-screenshot")) {
          await page.screenshot({ path: `${ROOT}/docs/playground.png` });
        }
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });

    // ---- main-thread time per keystroke (sales example) --------------------------------------------------
    // CPU time of the renderer's main thread ("threadTicks"), so a loaded machine slows it less than wall time;
    // the DevTools commands of the measuring itself are taken off
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    const taskSeconds = async () => {
      const { metrics } = await cdp.send("Performance.getMetrics");
      const value = (name: string) => metrics.find((m: { name: string }) => m.name === name)?.value ?? 0;
      return value("TaskDuration") - value("DevToolsCommandDuration");
    };
    await page.evaluate(() => {
      const w = globalThis as unknown as { __longTasks: number };
      w.__longTasks = 0;
      new PerformanceObserver((list) => (w.__longTasks += list.getEntries().length)).observe({ type: "longtask" });
    });
    await goToLine(page, edit.line);
    await page.keyboard.press("End");
    const nextFrame = () =>
      page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    // what the measuring itself costs (a round trip and a frame with no key), taken off each sample
    const harness: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = await taskSeconds();
      await nextFrame();
      harness.push((await taskSeconds() - before) * 1000);
    }
    const harnessMs = quantile(harness, 0.5);
    const samples: number[] = [];
    const typed = " # a comment typed one key at a time";
    // one untimed round first: the editor's keystroke path is then compiled, as it is for anyone typing a while
    for (const key of typed) {
      await page.keyboard.type(key);
      await nextFrame();
    }
    for (const key of typed) {
      const before = await taskSeconds();
      await page.keyboard.type(key);
      await nextFrame();
      samples.push(Math.max(0, (await taskSeconds() - before) * 1000 - harnessMs));
    }
    const longTasksWhileTyping = await page.evaluate(() =>
      (globalThis as unknown as { __longTasks: number }).__longTasks
    );
    const keystrokeMs = {
      median: quantile(samples, 0.5),
      p95: quantile(samples, 0.95),
      max: Math.max(...samples),
      samples: samples.length,
      harnessMs,
    };

    // ---- broken YAML: the error at its line, the last good output stays ---------------------------------
    const broken = salesSpec.replace("  title: Sales API\n", "  title: [Sales API\n");
    let errorLine = 0;
    try {
      generate(broken);
      assert.fail("the broken spec must not generate");
    } catch (error) {
      assert.ok(error instanceof SpecError, String(error));
      errorLine = error.diagnostic.line ?? 0;
    }
    assert.ok(errorLine > 0);
    const filesBefore = Object.keys(await changeMarks(page)).length;
    await paste(page, broken);
    await showTab(page, "diagnostics");
    const diagnostic = page.locator('[data-testid="diagnostic"][data-severity="error"]');
    await diagnostic.waitFor({ timeout: 10_000 });
    assert.equal(await diagnostic.getAttribute("data-line"), String(errorLine));
    assert.equal(Object.keys(await changeMarks(page)).length, filesBefore, "the last good output stays");
    await diagnostic.click();
    // the mark is in the editor at the place (once the place is in view: CodeMirror renders only what is visible)
    await page.waitForSelector(".cm-lintRange-error, .cm-lintPoint-error", { state: "attached" });
    const activeLine = await page.textContent(".cm-activeLine");
    assert.equal(activeLine, broken.split("\n")[errorLine - 1], "clicking the diagnostic jumps to its line");
    await page.screenshot({ path: `${OUT}/broken-yaml.png` });
    assert.deepEqual(errors, [], "no page errors");

    // ---- share link: reload in a fresh browser profile, same spec and options ----------------------------
    await page.selectOption('[data-testid="example-select"]', "projects");
    await waitForOutput(page);
    await page.selectOption('[data-testid="sync-mode"]', "confirmed");
    await page.waitForFunction(() => document.querySelector("tr[data-entity] .sync-confirmed") !== null || true);
    await page.click('[data-testid="share"]');
    await page.waitForFunction(() => location.hash.startsWith("#s="));
    const shareUrl = page.url();
    const projectsSpec = await Deno.readTextFile(EXAMPLE_FILES.projects);
    const shared = await newPage(browser);
    contexts.push(shared.context);
    await shared.page.goto(shareUrl);
    await waitForOutput(shared.page);
    assert.equal(await shared.page.inputValue('[data-testid="sync-mode"]'), "confirmed");
    await shared.page.waitForFunction(() => localStorage.getItem("sync-patterns-playground:session") !== null);
    assert.deepEqual(await sessionSpec(shared.page), { spec: projectsSpec, syncMode: "confirmed" });
    // and the plain reload restores the last session
    await shared.page.goto(baseUrl);
    await waitForOutput(shared.page);
    assert.equal(await shared.page.inputValue('[data-testid="sync-mode"]'), "confirmed");
    assert.deepEqual(
      (await entityNames(shared.page)).sort(),
      generate(projectsSpec).model.entities.map((e) => e.name).sort(),
    );
    assert.deepEqual(shared.errors, []);

    // ---- ?url= and a 404 ---------------------------------------------------------------------------------
    const fromUrl = await newPage(browser);
    contexts.push(fromUrl.context);
    await fromUrl.page.goto(`${baseUrl}?url=${encodeURIComponent("/fixtures/extensions.yaml")}`);
    await waitForOutput(fromUrl.page);
    const extensions = generate(await Deno.readTextFile(EXAMPLE_FILES.extensions));
    assert.deepEqual((await entityNames(fromUrl.page)).sort(), extensions.model.entities.map((e) => e.name).sort());
    await fromUrl.page.goto(`${baseUrl}?url=${encodeURIComponent("/fixtures/missing.yaml")}`);
    const notice = fromUrl.page.locator('[data-testid="notice"]');
    await notice.waitFor({ timeout: 10_000 });
    assert.match((await notice.textContent()) ?? "", /Could not load \/fixtures\/missing\.yaml: HTTP 404/);
    await fromUrl.page.screenshot({ path: `${OUT}/url-404.png` });

    // ---- open a file, download the output as a zip -----------------------------------------------------------
    const projectsFiles = generate(projectsSpec).files;
    await fromUrl.page.setInputFiles('input[type="file"]', {
      name: "projects.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from(projectsSpec),
    });
    await fromUrl.page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="file-tree-item"]').length === count,
      Object.keys(projectsFiles).length,
    );
    const [download] = await Promise.all([
      fromUrl.page.waitForEvent("download"),
      fromUrl.page.click('[data-testid="download-zip"]'),
    ]);
    assert.equal(download.suggestedFilename(), "projects-api-generated.zip");
    const zip = await Deno.readFile((await download.path())!);
    assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], "a zip file");
    const zipText = new TextDecoder("latin1").decode(zip);
    for (const path of Object.keys(projectsFiles)) assert.ok(zipText.includes(path), `the zip holds ${path}`);

    // ---- a JSON spec pasted in --------------------------------------------------------------------------------
    const json = JSON.stringify(parseYaml(await Deno.readTextFile(EXAMPLE_FILES.extensions)), null, 2);
    await paste(fromUrl.page, json);
    await showTab(fromUrl.page, "entities");
    await fromUrl.page.waitForFunction(
      (names) =>
        [...document.querySelectorAll("tr[data-entity]")].map((e) => e.getAttribute("data-entity")).join() === names,
      extensions.model.entities.map((e) => e.name).join(),
    );
    // the browser logs the 404 of ?url= itself; nothing else may fail
    assert.deepEqual(fromUrl.errors.filter((e) => !e.includes("status of 404")), []);

    return {
      keystrokeMs,
      longTasksWhileTyping,
      workerGenerateMs,
      workerEditMs,
      keystrokeToPreviewMs,
      firstLoadGzipBytes,
      selfCheckText,
    };
  } catch (error) {
    // what the pages looked like when it failed
    let n = 0;
    for (const c of contexts) {
      for (const p of c.pages()) await p.screenshot({ path: `${OUT}/failure-${++n}.png` }).catch(() => {});
    }
    throw error;
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
  }
}

if (import.meta.main) {
  await Deno.mkdir(OUT, { recursive: true });
  const outDir = await Deno.makeTempDir({ prefix: "playground-dist-" });
  const started = performance.now();
  const build = await buildPlayground({ outDir });
  console.log(`built dist in ${Math.round(performance.now() - started)} ms`);
  const server = serveStatic(outDir, {
    prefix: PREFIX,
    extra(request) {
      const { pathname } = new URL(request.url);
      if (pathname === "/fixtures/extensions.yaml") {
        return new Response(Deno.readTextFileSync(EXAMPLE_FILES.extensions), {
          headers: { "content-type": "text/yaml" },
        });
      }
      if (pathname.startsWith("/fixtures/")) return new Response("Not found", { status: 404 });
      return undefined;
    },
  });
  const browser = await launchChromium();
  try {
    const result = await scenario(browser, server.url, build.firstLoadGzipBytes);
    console.log(`PLAYGROUND_RESULT ${JSON.stringify(result)}`);
  } finally {
    await browser.close();
    await server.shutdown();
    await Deno.remove(outDir, { recursive: true });
  }
}
