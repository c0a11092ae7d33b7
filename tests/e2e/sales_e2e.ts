/**
 * The sales example in a real browser: the server of `examples/sales/dev.ts` (PGlite on a temporary data
 * directory, the bundled React app) and two headless Chromium pages, A and B, each in its own browser context (no
 * shared storage or BroadcastChannel: two users). Scenarios:
 *
 * 1. A creates orders → B shows each (the delay from A's click to B's DOM is measured and printed);
 * 2. A renames a customer → A's orders list shows the new name at once, while the server still holds the request;
 *    B shows it after the commit;
 * 3. with "Simulate failure" on, a rename and a create show optimistically, then roll back with an error toast;
 * 4. the server restarts on the same data directory → reloaded pages show the persisted data.
 *
 * Run by `sales_e2e_test.ts` as `deno run -A --config deno.json tests/e2e/sales_e2e.ts` (playwright-core needs
 * `-A`); prints one JSON line `E2E_RESULT {...}` with the measured delays. Screenshots go to `tests/.out/e2e/`;
 * `docs/screenshot.png` (the README's) is refreshed with `--update-screenshot`.
 *
 * Environment: `CHROMIUM_PATH`, `SALES_E2E_NO_GENERATE=1` (keep `examples/sales/src/generated` as it is).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { type RunningExample, startExample } from "../../examples/sales/dev.ts";
import { SEED_IDS } from "../../examples/sales/server/mod.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname)
  .replace(/\/$/, "");
const OUT = `${ROOT}/tests/.out/e2e`;
const STEP_TIMEOUT = 15_000;
const CREATES = 5;

/** The little of the DOM the in-page functions use (this file is checked without the DOM library). */
interface PageGlobals {
  __marks?: Record<string, Promise<number>>;
  document: {
    body: unknown;
    images: ArrayLike<{ complete: boolean }>;
    querySelector(selector: string): { click(): void } | null;
    querySelectorAll(
      selector: string,
    ): ArrayLike<{ textContent: string | null }>;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
    disconnect(): void;
  };
}

/** Epoch milliseconds (sub-millisecond) in a page: one clock for every page of the browser. */
const pageNow = (page: Page) => page.evaluate(() => performance.timeOrigin + performance.now());

/**
 * A DOM condition on the elements that match `selector` and contain `text`: at least `min` of them (default 1, or 0
 * with `max`), at most `max`.
 */
interface Condition {
  selector: string;
  text?: string;
  min?: number;
  max?: number;
}

/**
 * Starts watching for `condition` in the page (a MutationObserver); {@link waitMark} returns the epoch time at
 * which it first held. Arm it before the action it waits for.
 */
async function mark(
  page: Page,
  name: string,
  condition: Condition,
): Promise<void> {
  await page.evaluate(({ name, condition }) => {
    const w = globalThis as unknown as PageGlobals;
    w.__marks ??= {};
    const holds = () => {
      let n = 0;
      for (
        const element of Array.from(
          w.document.querySelectorAll(condition.selector),
        )
      ) {
        if (
          condition.text === undefined ||
          (element.textContent ?? "").includes(condition.text)
        ) n++;
      }
      const min = condition.min ?? (condition.max === undefined ? 1 : 0);
      return n >= min && (condition.max === undefined || n <= condition.max);
    };
    w.__marks[name] = new Promise<number>((resolve) => {
      if (holds()) return resolve(performance.timeOrigin + performance.now());
      const observer = new w.MutationObserver(() => {
        if (!holds()) return;
        observer.disconnect();
        resolve(performance.timeOrigin + performance.now());
      });
      observer.observe(w.document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
  }, { name, condition });
}

/** The time the condition of {@link mark} `name` first held; throws after `timeoutMs`. */
async function waitMark(
  page: Page,
  name: string,
  timeoutMs = STEP_TIMEOUT,
): Promise<number> {
  return await page.evaluate(({ name, timeoutMs }) => {
    const w = globalThis as unknown as PageGlobals;
    return Promise.race([
      w.__marks![name]!,
      new Promise<number>((_, reject) =>
        setTimeout(
          () => reject(new Error(`timed out waiting for ${name}`)),
          timeoutMs,
        )
      ),
    ]);
  }, { name, timeoutMs });
}

/** Clicks (through the DOM, so the time is exact) and returns the epoch time just before the click. */
async function clickAt(page: Page, selector: string): Promise<number> {
  await page.locator(selector).first().waitFor({
    state: "visible",
    timeout: STEP_TIMEOUT,
  });
  return await page.evaluate((selector) => {
    const element = (globalThis as unknown as PageGlobals).document
      .querySelector(selector);
    if (!element) throw new Error(`no ${selector}`);
    const at = performance.timeOrigin + performance.now();
    element.click();
    return at;
  }, selector);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => Math.round(value * 10) / 10;

async function openPage(
  browser: Browser,
  url: string,
  name: string,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 760 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on(
    "pageerror",
    (error) => console.error(`[page ${name}] uncaught: ${error.message}`),
  );
  page.on("console", (message) => {
    // The browser logs every failed request; the 500s of "Simulate failure" are expected.
    if (message.text().includes("status of 500")) return;
    if (message.type() === "error" || message.type() === "warning") {
      console.error(
        `[page ${name}] console.${message.type()}: ${message.text()}`,
      );
    }
  });
  await loadApp(page, url);
  return page;
}

/** Loads the app and waits for the orders and a live broadcast connection. */
async function loadApp(page: Page, url: string): Promise<void> {
  await page.goto(url, {
    waitUntil: "domcontentloaded",
    timeout: STEP_TIMEOUT,
  });
  await page.locator('[data-testid="connection"][data-state="connected"]')
    .waitFor({ timeout: STEP_TIMEOUT });
  await page.locator('[data-testid="order-row"]').first().waitFor({
    timeout: STEP_TIMEOUT,
  });
  await page.locator('[data-testid="customer-row"]').first().waitFor({
    timeout: STEP_TIMEOUT,
  });
}

const rows = (page: Page) => page.locator('[data-testid="order-row"]').count();

/** Two screenshots side by side, in one PNG (rendered by the browser itself). */
async function sideBySide(
  browser: Browser,
  left: Uint8Array,
  right: Uint8Array,
  path: string,
): Promise<void> {
  const b64 = (png: Uint8Array) =>
    `data:image/png;base64,${btoa(Array.from(png, (b) => String.fromCharCode(b)).join(""))}`;
  const page = await browser.newPage({
    viewport: { width: 1480, height: 500 },
    deviceScaleFactor: 1,
  });
  try {
    await page.setContent(`<!doctype html><style>
      body { margin: 0; background: #dfe3ec; font: 600 13px system-ui, sans-serif; color: #4b5166; }
      .wrap { display: flex; gap: 16px; padding: 16px; width: max-content; }
      figure { margin: 0; } figcaption { margin: 0 0 6px 4px; }
      img { width: 716px; border-radius: 8px; box-shadow: 0 4px 18px rgba(20, 24, 40, .18); display: block; }
    </style><div class="wrap">
      <figure><figcaption>Window A</figcaption><img src="${b64(left)}"></figure>
      <figure><figcaption>Window B</figcaption><img src="${b64(right)}"></figure>
    </div>`);
    await page.waitForFunction(() =>
      Array.from((globalThis as unknown as PageGlobals).document.images).every((
        image,
      ) => image.complete)
    );
    await page.locator(".wrap").screenshot({ path });
  } finally {
    await page.close();
  }
}

/** What the run measured. */
export interface E2eResult {
  /** A's click on "Create order" → the row in B's DOM, per order (ms). */
  createToOtherPageMs: number[];
  /** A's click → the optimistic row in A's DOM. */
  createOptimisticMs: number[];
  /** A's click → the server's row in A's DOM (no longer "saving…"). */
  createConfirmedMs: number[];
  /** A's rename → the new name in A's orders list (the PATCH held on the server meanwhile). */
  renameLocalMs: number;
  /** Release of the PATCH → the new name in B's orders list. */
  renameOtherPageMs: number;
  /** Failed rename: A's click → rolled back on screen (server waits 800 ms, then answers 500). */
  rollbackMs: number;
  /** Server restart on the same data directory (PGlite reopen). */
  restartMs: number;
}

async function run(): Promise<E2eResult> {
  const dataDir = await Deno.makeTempDir({ prefix: "sales-e2e-db-" });
  await Deno.remove(OUT, { recursive: true }).catch(() => {}); // no screenshot of an earlier run
  await Deno.mkdir(OUT, { recursive: true });
  let example: RunningExample | undefined;
  let browser: Browser | undefined;
  // `animations: "disabled"` ends CSS animations first (a toast fading in would be caught half transparent).
  const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png`, animations: "disabled" });
  try {
    example = await startExample({
      port: 0,
      dataDir,
      generate: Deno.env.get("SALES_E2E_NO_GENERATE") !== "1",
      log: (line) => console.log(`  ${line}`),
    });
    const port = example.server.port;
    console.log(`  server at ${example.url} (PGlite in ${dataDir})`);
    browser = await launchChromium();
    console.log(`  Chromium ${browser.version()}`);
    const a = await openPage(browser, example.url, "A");
    const b = await openPage(browser, example.url, "B");
    assert.equal(await rows(a), 3);
    assert.equal(await rows(b), 3);
    await shot(a, "01-start-a");

    // ---- 1. A creates orders, B shows them -----------------------------------------------------------------------
    const result: E2eResult = {
      createToOtherPageMs: [],
      createOptimisticMs: [],
      createConfirmedMs: [],
      renameLocalMs: 0,
      renameOtherPageMs: 0,
      rollbackMs: 0,
      restartMs: 0,
    };
    await a.locator('[data-testid="new-order-customer"]').selectOption(
      SEED_IDS.customers.alan,
    );
    for (let i = 1; i <= CREATES; i++) {
      const n = 3 + i;
      await a.locator('[data-testid="new-order-notes"]').fill(`E2E order ${i}`);
      await mark(a, `optimistic${i}`, {
        selector: '[data-testid="order-row"]',
        min: n,
      });
      await mark(a, `confirmed${i}`, {
        selector: '[data-testid="order-row"]:not(.pending)',
        min: n,
      });
      await mark(b, `seen${i}`, {
        selector: '[data-testid="order-row"]',
        min: n,
      });
      const clicked = await clickAt(a, '[data-testid="create-order"]');
      const optimistic = await waitMark(a, `optimistic${i}`);
      const confirmed = await waitMark(a, `confirmed${i}`);
      const seen = await waitMark(b, `seen${i}`);
      result.createOptimisticMs.push(ms(optimistic - clicked));
      result.createConfirmedMs.push(ms(confirmed - clicked));
      result.createToOtherPageMs.push(ms(seen - clicked));
    }
    const created = await example.store.orders.list({
      where: { customer_id: SEED_IDS.customers.alan },
    });
    assert.equal(created.length, CREATES, "the orders are in the database");
    assert.equal(await rows(b), 3 + CREATES);
    console.log(
      `  create → other page: ${result.createToOtherPageMs.join(", ")} ms (median ${
        ms(median(result.createToOtherPageMs))
      }); optimistic on A: median ${ms(median(result.createOptimisticMs))} ms; confirmed on A: median ${
        ms(median(result.createConfirmedMs))
      } ms`,
    );
    // A selected its last order (detail with items): add an item to it.
    await a.locator('[data-testid="order-detail"]').waitFor();
    await a.locator(".add-item button").click();
    await a.locator('[data-testid="item-row"]:not(.pending)').first().waitFor();
    await a.locator('[data-testid="order-total"]', { hasNotText: "€0.00" })
      .waitFor();
    await shot(a, "02-created-a");
    await shot(b, "02-created-b");

    // ---- 2. rename: at once on A (request held), after the commit on B --------------------------------------------
    const ada = a.locator(
      `[data-testid="customer-row"][data-customer-id="${SEED_IDS.customers.ada}"]`,
    );
    await ada.locator('[data-testid="rename"]').click();
    await ada.locator('[data-testid="rename-input"]').fill("Ada King");
    const held = example.server.hold(
      "PATCH",
      `/customers/${SEED_IDS.customers.ada}`,
    );
    await mark(a, "renamed", {
      selector: '[data-testid="order-customer"]',
      text: "Ada King",
      min: 2,
    });
    await mark(b, "renamed", {
      selector: '[data-testid="order-customer"]',
      text: "Ada King",
      min: 2,
    });
    const renamedAt = await clickAt(a, '[data-testid="rename-save"]');
    result.renameLocalMs = ms(await waitMark(a, "renamed") - renamedAt);
    await held.arrived;
    assert.equal(
      await a.locator('[data-testid="order-customer"]', {
        hasText: "Ada Lovelace",
      }).count(),
      0,
    );
    assert.equal(
      await b.locator('[data-testid="order-customer"]', { hasText: "Ada King" })
        .count(),
      0,
    );
    await shot(a, "03-rename-optimistic-a");
    const releasedAt = await pageNow(a);
    held.release();
    result.renameOtherPageMs = ms(await waitMark(b, "renamed") - releasedAt);
    assert.equal(
      (await example.store.customers.get(SEED_IDS.customers.ada))?.name,
      "Ada King",
    );
    console.log(
      `  rename → A's orders list: ${result.renameLocalMs} ms (server still holding the PATCH); ` +
        `→ B after the commit: ${result.renameOtherPageMs} ms`,
    );
    await a.locator(`[data-testid="order-row"][data-number="SO-1001"]`).click();
    await a.locator('[data-testid="item-row"]').first().waitFor();
    await b.locator(`[data-testid="order-row"][data-number="SO-1001"]`).click();
    await b.locator('[data-testid="item-row"]').first().waitFor();
    const screenshotA = await a.screenshot({
      path: `${OUT}/04-renamed-a.png`,
      animations: "disabled",
    });
    const screenshotB = await b.screenshot({
      path: `${OUT}/04-renamed-b.png`,
      animations: "disabled",
    });
    await sideBySide(
      browser,
      screenshotA,
      screenshotB,
      `${OUT}/side-by-side.png`,
    );

    // ---- 3. a failing write rolls back, with an error shown --------------------------------------------------------
    await a.locator('[data-testid="fail-writes"]').check();
    const grace = a.locator(
      `[data-testid="customer-row"][data-customer-id="${SEED_IDS.customers.grace}"]`,
    );
    await grace.locator('[data-testid="rename"]').click();
    await grace.locator('[data-testid="rename-input"]').fill("Grace Failing");
    await mark(a, "failing", {
      selector: '[data-testid="order-customer"]',
      text: "Grace Failing",
    });
    await mark(a, "errorShown", {
      selector: '[data-testid="toast-error"]',
      text: "Rolled back",
    });
    const failedAt = await clickAt(a, '[data-testid="rename-save"]');
    await waitMark(a, "failing", 700); // the optimistic name shows first (the server answers after 800 ms)…
    await mark(a, "rolledBack", {
      selector: '[data-testid="order-customer"]',
      text: "Grace Failing",
      max: 0,
    });
    await shot(a, "05-failing-optimistic-a");
    const rolledBack = await waitMark(a, "rolledBack"); // …then goes
    await waitMark(a, "errorShown");
    result.rollbackMs = ms(rolledBack - failedAt);
    assert.ok(
      result.rollbackMs >= 700,
      `rolled back only after the server's answer (${result.rollbackMs} ms)`,
    );
    assert.ok(
      await a.locator('[data-testid="order-customer"]', {
        hasText: "Grace Hopper",
      }).count() >= 1,
    );
    await shot(a, "06-rolled-back-a");
    // A failing create: the optimistic row comes and goes.
    const before = await rows(a);
    await mark(a, "failedCreateShown", {
      selector: '[data-testid="order-row"].pending',
      min: 1,
    });
    await clickAt(a, '[data-testid="create-order"]');
    await waitMark(a, "failedCreateShown", 700);
    assert.equal(await rows(a), before + 1);
    await mark(a, "failedCreateGone", {
      selector: '[data-testid="order-row"]',
      max: before,
    });
    await waitMark(a, "failedCreateGone");
    await a.locator('[data-testid="toast-error"]', {
      hasText: "Could not create the order",
    }).waitFor();
    await a.locator('[data-testid="fail-writes"]').uncheck();
    assert.equal(
      (await example.store.customers.get(SEED_IDS.customers.grace))?.name,
      "Grace Hopper",
    );
    assert.equal(
      await example.store.orders.count(),
      3 + CREATES,
      "no failed write reached the database",
    );
    assert.equal(
      await b.locator('[data-testid="order-customer"]', {
        hasText: "Grace Failing",
      }).count(),
      0,
    );
    console.log(
      `  failed rename rolled back after ${result.rollbackMs} ms (server delay 800 ms + 500), error shown`,
    );

    // ---- 4. restart on the same data directory: the data persisted --------------------------------------------------
    const app = example.app;
    await example.close();
    example = undefined;
    const restarted = performance.now();
    example = await startExample({
      port,
      dataDir,
      app,
      log: (line) => console.log(`  ${line}`),
    });
    result.restartMs = ms(performance.now() - restarted);
    assert.equal(
      example.store.created,
      false,
      "the database was reopened, not created",
    );
    await loadApp(a, example.url);
    await loadApp(b, example.url);
    for (const page of [a, b]) {
      assert.equal(await rows(page), 3 + CREATES);
      assert.ok(
        await page.locator('[data-testid="order-customer"]', {
          hasText: "Ada King",
        }).count() >= 2,
      );
      assert.equal(
        await page.locator('[data-testid="order-customer"]', {
          hasText: "Grace Failing",
        }).count(),
        0,
      );
    }
    await shot(a, "07-after-restart-a");
    console.log(
      `  restart on ${dataDir}: reopened in ${result.restartMs} ms, ${3 + CREATES} orders and the rename persisted`,
    );
    return result;
  } catch (error) {
    // What the pages showed when it failed.
    for (
      const [i, page] of (browser?.contexts().flatMap((c) => c.pages()) ?? [])
        .entries()
    ) {
      await page.screenshot({
        path: `${OUT}/failure-page-${i + 1}.png`,
        timeout: 5_000,
      }).catch(() => {});
    }
    throw error;
  } finally {
    await browser?.close().catch((error) => console.error("closing the browser:", error));
    await example?.close().catch((error) => console.error("closing the server:", error));
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const result = await run();
  if (Deno.args.includes("--update-screenshot")) {
    await Deno.mkdir(`${ROOT}/docs`, { recursive: true });
    await Deno.copyFile(
      `${OUT}/side-by-side.png`,
      `${ROOT}/docs/screenshot.png`,
    );
    console.log("  docs/screenshot.png updated");
  }
  console.log(`E2E_RESULT ${JSON.stringify(result)}`);
  Deno.exit(0); // esbuild's service, PGlite's workers: nothing must keep the process
}
