/**
 * The playground's Preview in headless Chromium (issue 11): runs `preview_e2e.ts` in a `deno run -A` child
 * (playwright-core needs `--allow-all`) and checks what it measured. Skipped, with a message saying why, only when
 * no Chromium can be found outside CI; with `CI=true` a missing Chromium is a failure.
 *
 * Screenshots: `tests/.out/playground/preview-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { chromiumRequirement, runBrowserScenario } from "../helpers/browser_scenario.ts";
import type { PreviewResult } from "./preview_e2e.ts";

const browser = chromiumRequirement("tests/playground");

Deno.test({
  name: "preview in Chromium: rows in A and B, create → B, rollback with error, rebuild on a spec change",
  ignore: browser.ignore,
  async fn() {
    browser.assert();
    const result = await runBrowserScenario<PreviewResult>(
      "tests/playground/preview_e2e.ts",
      "PREVIEW_RESULT",
      browser.path!,
      300_000,
    );
    assert.ok(
      result.createInBMs < 500,
      `B shows A's create within 500 ms (${result.createInBMs} ms)`,
    );
    assert.ok(result.vendorBytes > 100_000, "the vendor modules were measured");
    assert.ok(
      result.examples["examples/sales/openapi.yaml"]! > 0,
      "the sales example previews with rows",
    );
  },
});
