/**
 * The browser half of `vite_app_test.ts`: opens the built Vite app (`dist/`, served from 127.0.0.1) in headless
 * Chromium, answers the README example's API calls (`https://api.example.com/…`) with one customer and one order
 * through Playwright's request routing, and checks that the page renders the order with its included customer, with
 * no page error (two copies of `@tanstack/db` build fine and then fail here: "Invalid source for live query").
 * Prints one JSON line (`VITE_APP_RESULT {...}`) for the test and saves `tests/.out/vite-app.png`.
 *
 * `deno run -A tests/vite_app_browser.ts <dist folder>` (playwright-core needs `-A`).
 *
 * @module
 */
import { launchChromium } from "./e2e/browser.ts";

/** What the test reads from the last line of output. */
export interface ViteAppResult {
  /** The text of the page's `#root` once the order is shown (or when waiting for it gave up). */
  text: string;
  /** Uncaught errors and `console.error` lines of the page. */
  errors: string[];
  /** The API requests the page sent, as `METHOD path?query`. */
  requests: string[];
}

const CUSTOMER = {
  id: "0b6c2a52-8f5e-4c59-9b8e-7c1b1d5a0c11",
  name: "Ada Lovelace",
  email: "ada@example.com",
  phone: null,
  company: null,
  tier: "gold",
  referred_by_id: null,
  created_at: "2026-01-02T10:00:00.000Z",
  updated_at: "2026-01-02T10:00:00.000Z",
};
const ORDER = {
  id: "5d7e4f0a-3b2c-4d1e-8f9a-0b1c2d3e4f50",
  number: "SO-1042",
  customer_id: CUSTOMER.id,
  status: "pending",
  currency: "EUR",
  total_cents: 1200,
  notes: null,
  cancel_reason: null,
  created_at: "2026-01-03T10:00:00.000Z",
  updated_at: "2026-01-03T10:00:00.000Z",
};

const CONTENT_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript",
  css: "text/css",
  svg: "image/svg+xml",
  png: "image/png",
};

async function main(dist: string, screenshot: string): Promise<ViteAppResult> {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const pathname = new URL(request.url).pathname;
    const file = pathname === "/" ? "/index.html" : pathname;
    if (file.split("/").includes("..")) return new Response("bad path", { status: 400 });
    try {
      const body = await Deno.readFile(`${dist}${file}`);
      const type = CONTENT_TYPES[file.slice(file.lastIndexOf(".") + 1)] ?? "application/octet-stream";
      return new Response(body, { headers: { "content-type": type } });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  const browser = await launchChromium();
  const errors: string[] = [];
  const requests: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 600 } });
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !/WebSocket|ERR_NAME_NOT_RESOLVED|ERR_FAILED/.test(message.text())) {
        errors.push(`console.error: ${message.text()}`);
      }
    });
    await page.route("https://api.example.com/**", async (route) => {
      const url = new URL(route.request().url());
      requests.push(`${route.request().method()} ${url.pathname}${url.search}`);
      const json = url.pathname === "/orders"
        ? { items: [ORDER], total: 1 }
        : url.pathname === "/customers"
        ? [CUSTOMER]
        : url.pathname === `/customers/${CUSTOMER.id}`
        ? CUSTOMER
        : undefined;
      if (json === undefined) await route.fulfill({ status: 404, json: { error: "not found" } });
      else await route.fulfill({ status: 200, json });
    });
    const { port } = server.addr;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByText("SO-1042: Ada Lovelace").waitFor({ timeout: 15_000 }).catch(() => {});
    const text = (await page.textContent("#root")) ?? "";
    await page.screenshot({ path: screenshot });
    return { text, errors, requests };
  } finally {
    await browser.close();
    await server.shutdown();
  }
}

if (import.meta.main) {
  const [dist, screenshot] = Deno.args;
  if (!dist || !screenshot) {
    console.error("Usage: deno run -A tests/vite_app_browser.ts <dist folder> <screenshot.png>");
    Deno.exit(2);
  }
  console.log(`VITE_APP_RESULT ${JSON.stringify(await main(dist, screenshot))}`);
}
