/**
 * The playground's graph view in a real headless Chromium: `graph_view_e2e.ts` runs in a `deno run -A` child
 * (playwright-core needs `--allow-all`), bundles the component with esbuild from `playground/node_modules` (installed
 * with `npm ci` when missing), serves it on 127.0.0.1 and drives it. Skipped only when no Chromium is found and
 * `CI` is not `true`; in CI a missing Chromium fails the test.
 *
 * Screenshots: `tests/.out/graph/view-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { findChromium, NO_CHROMIUM_MESSAGE } from "../e2e/browser.ts";
import { requirement } from "../helpers/requirement.ts";
import type { GraphViewResult } from "./graph_view_e2e.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");
const chromium = findChromium();
const browser = requirement("Chromium", chromium !== undefined, `[tests/playground] ${NO_CHROMIUM_MESSAGE}`);

Deno.test({
  name: "graph view in Chromium: a node per entity, click/Enter select, filter, neighbours, zoom and pan",
  ignore: browser.ignore,
  async fn() {
    browser.assert();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", `${ROOT}/deno.json`, `${ROOT}/tests/playground/graph_view_e2e.ts`],
      cwd: ROOT,
      env: { NO_COLOR: "1", CHROMIUM_PATH: chromium! }, // browser.assert() above: it is there
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    const { code, stdout, stderr } = await child.output().finally(() => clearTimeout(timer));
    const out = new TextDecoder().decode(stdout);
    const err = new TextDecoder().decode(stderr);
    assert.equal(code, 0, `the browser scenario failed:\n${out}\n${err}`);
    const line = out.split("\n").find((l) => l.startsWith("GRAPH_VIEW_RESULT "));
    assert.ok(line, `no GRAPH_VIEW_RESULT line:\n${out}\n${err}`);
    const result = JSON.parse(line.slice("GRAPH_VIEW_RESULT ".length)) as GraphViewResult;
    assert.equal(result.pages.sales, 4);
    assert.equal(result.screenshots.length, 2 * Object.keys(result.pages).length);
  },
});
