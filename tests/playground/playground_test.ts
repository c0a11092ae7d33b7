/**
 * The playground in headless Chromium: runs `playground_e2e.ts` in a `deno run -A` child (playwright-core needs
 * `-A`) and checks its measurements. Skipped only when no Chromium is found outside CI; with `CI=true` a missing
 * Chromium fails the test.
 *
 * @module
 */
import assert from "node:assert/strict";
import { findChromium, NO_CHROMIUM_MESSAGE } from "../e2e/browser.ts";
import { requirement } from "../helpers/requirement.ts";
import type { PlaygroundResult } from "./playground_e2e.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");
const chromium = findChromium();
const browser = requirement("Chromium", chromium !== undefined, `[tests/playground] ${NO_CHROMIUM_MESSAGE}`);

Deno.test({
  name: "playground in Chromium: examples, edit → change marks and diff, broken YAML, share, ?url=, keystroke time",
  ignore: browser.ignore,
  async fn() {
    browser.assert();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", `${ROOT}/deno.json`, `${ROOT}/tests/playground/playground_e2e.ts`],
      cwd: ROOT,
      env: { NO_COLOR: "1", CHROMIUM_PATH: chromium! }, // browser.assert() above: it is there
      stdin: "null",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    const output = await child.output().finally(() => clearTimeout(timer));
    const stdout = new TextDecoder().decode(output.stdout);
    console.log(stdout);
    assert.equal(output.code, 0, "the browser scenario failed (output above; screenshots in tests/.out/playground/)");
    const line = stdout.split("\n").find((l) => l.startsWith("PLAYGROUND_RESULT "));
    assert.ok(line, "the scenario printed no PLAYGROUND_RESULT line");
    const result = JSON.parse(line.slice("PLAYGROUND_RESULT ".length)) as PlaygroundResult;
    const { median, p95 } = result.keystrokeMs;
    // the target is 16 ms per keystroke; p95 has room for a loaded 2-core CI machine
    assert.ok(median < 16, `median main-thread time per keystroke ${median.toFixed(1)} ms (target < 16 ms)`);
    assert.ok(p95 < 50, `p95 main-thread time per keystroke ${p95.toFixed(1)} ms (< 50 ms)`);
    assert.ok(result.firstLoadGzipBytes < 1024 * 1024, `first load ${result.firstLoadGzipBytes} bytes gzipped`);
  },
});
