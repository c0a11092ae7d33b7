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
import { findChromium, NO_CHROMIUM_MESSAGE } from "../e2e/browser.ts";
import { requirement } from "../helpers/requirement.ts";
import type { PreviewResult } from "./preview_e2e.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname)
  .replace(/\/$/, "");
const chromium = findChromium();
const browser = requirement("Chromium", chromium !== undefined, `[tests/playground] ${NO_CHROMIUM_MESSAGE}`);

Deno.test({
  name: "preview in Chromium: rows in A and B, create → B, rollback with error, rebuild on a spec change",
  ignore: browser.ignore,
  async fn() {
    browser.assert();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--config",
        `${ROOT}/deno.json`,
        `${ROOT}/tests/playground/preview_e2e.ts`,
      ],
      cwd: ROOT,
      env: { NO_COLOR: "1", CHROMIUM_PATH: chromium! }, // browser.assert() above: it is there
      stdin: "null",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    let stdout = "";
    try {
      const decoder = new TextDecoder();
      for await (const chunk of child.stdout) {
        stdout += decoder.decode(chunk, { stream: true });
        await Deno.stdout.write(chunk);
      }
      const { code } = await child.status;
      assert.equal(
        code,
        0,
        "the preview scenario failed (see above; screenshots in tests/.out/playground/)",
      );
    } finally {
      clearTimeout(timer);
    }
    const line = stdout.split("\n").find((l) => l.startsWith("PREVIEW_RESULT "));
    assert.ok(line, "the scenario printed no PREVIEW_RESULT line");
    const result = JSON.parse(
      line.slice("PREVIEW_RESULT ".length),
    ) as PreviewResult;
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
