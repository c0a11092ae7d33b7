/**
 * The flood scenario in a real page (run by `flood_browser_test.ts` as `deno run -A`, as playwright-core needs): the
 * fixed runtime bundled with esbuild into a page that shows the rows, headless Chromium, and a server on 127.0.0.1 that
 * floods it with 10,000 events a second for 2 s. Prints one line `RESULT {json}`: what the page measured and the last
 * row the server sent for each key. Screenshot: `tests/.out/runtime/flood.png`.
 *
 * @module
 */
import * as esbuild from "esbuild";
import { launchChromium } from "../e2e/browser.ts";
import { flood, type FloodReport, type FloodSettings } from "./flood_server.ts";
import type { PageResult } from "./flood_page.ts";

const settings: FloodSettings = { rate: 10_000, durationMs: 2000, rows: 50 };
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

const bundle = await esbuild.build({
  entryPoints: [here("./flood_page.ts")],
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  target: "es2022",
  logLevel: "silent",
});
await esbuild.stop();
const script = bundle.outputFiles[0]!.text;

const { promise: flooded, resolve: floodDone } = Promise.withResolvers<FloodReport>();
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
  const path = new URL(request.url).pathname;
  if (path === "/page.js") return new Response(script, { headers: { "content-type": "text/javascript" } });
  if (path === "/ws/broadcast") {
    const { socket, response } = Deno.upgradeWebSocket(request);
    socket.onmessage = (message) => {
      const { subscribe } = JSON.parse(String(message.data)) as { subscribe?: string[] };
      if (subscribe?.includes("row")) flood(socket, settings).then(floodDone);
    };
    return response;
  }
  return new Response('<!doctype html><title>flood</title><script type="module" src="page.js"></script>', {
    headers: { "content-type": "text/html" },
  });
});

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 1200 } });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const events = Math.round((settings.rate * settings.durationMs) / 1000);
  await page.goto(
    `${base}/?ws=${encodeURIComponent(`ws://127.0.0.1:${server.addr.port}/ws/broadcast`)}&events=${events}`,
  );
  await page.waitForFunction(() => (globalThis as { floodResult?: unknown }).floodResult !== undefined, undefined, {
    timeout: 60_000,
  });
  const result = await page.evaluate(() => (globalThis as unknown as { floodResult: PageResult }).floodResult);
  const report = await flooded;
  await Deno.mkdir(here("../.out/runtime"), { recursive: true });
  await page.screenshot({ path: here("../.out/runtime/flood.png") });
  const last = Object.fromEntries(Object.entries(report.last).map(([id, row]) => [id, row.name]));
  console.log(`RESULT ${JSON.stringify({ settings, sent: report.sent, last, page: result })}`);
} finally {
  await browser.close();
  await server.shutdown();
}
