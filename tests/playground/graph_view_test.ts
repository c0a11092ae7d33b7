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
import { chromiumRequirement, runBrowserScenario } from "../helpers/browser_scenario.ts";
import type { GraphViewResult } from "./graph_view_e2e.ts";

const browser = chromiumRequirement("tests/playground");

Deno.test({
  name: "graph view in Chromium: a node per entity, click/Enter select, filter, neighbours, zoom and pan",
  ignore: browser.ignore,
  async fn() {
    browser.assert();
    const result = await runBrowserScenario<GraphViewResult>(
      "tests/playground/graph_view_e2e.ts",
      "GRAPH_VIEW_RESULT",
      browser.path!,
      180_000,
    );
    assert.equal(result.pages.sales, 4);
    assert.equal(result.screenshots.length, 2 * Object.keys(result.pages).length);
  },
});
