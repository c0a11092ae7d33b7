/**
 * A broadcast server flooding 10,000 events a second does not freeze the page (issue 12): `flood_browser.ts` runs
 * the scenario in headless Chromium in a `deno run -A` child (playwright-core needs it); this test checks what the
 * page measured. Skipped without Chromium, except in CI (`CI=true`), where that fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import { findChromium, NO_CHROMIUM_MESSAGE } from "../e2e/browser.ts";
import { requirement } from "../helpers/requirement.ts";
import type { FloodSettings } from "./flood_server.ts";
import type { PageResult } from "./flood_page.ts";

const chromium = requirement("Chromium", findChromium() !== undefined, NO_CHROMIUM_MESSAGE);

Deno.test({
  name: "fault (browser): a flood of 10,000 events a second leaves the page responsive, with the server's rows",
  ignore: chromium.ignore,
  async fn() {
    chromium.assert();
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./flood_browser.ts", import.meta.url).pathname],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(child.stdout);
    assert.equal(child.code, 0, `${stdout}\n${new TextDecoder().decode(child.stderr)}`);
    const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
    assert.ok(line, stdout);
    const { settings, sent, last, page } = JSON.parse(line.slice("RESULT ".length)) as {
      settings: FloodSettings;
      sent: number;
      last: Record<string, string>;
      page: PageResult;
    };
    assert.equal(sent, 20_000);
    assert.equal(page.frames, sent, "every event arrived");
    assert.deepEqual(page.rows, last, "the page shows the last row the server sent for each key");
    // coalesced: flushes at least 16 ms apart (a browser runs a task per message), each row once per flush
    assert.ok(page.flushes <= settings.durationMs / 16 + 20, `${page.flushes} flushes`);
    assert.ok(page.writes <= page.flushes * settings.rows, `${page.writes} writes in ${page.flushes} flushes`);
    // generous bounds for a shared, loaded machine: a frozen page is seconds of long tasks
    assert.ok(page.handlerMs < settings.durationMs / 2, `${page.handlerMs.toFixed(0)} ms in handlers`);
    assert.ok(page.longTaskMs < settings.durationMs / 2, `${page.longTaskMs} ms of long tasks`);
    assert.ok(page.maxLagMs < 1500, `event loop lag ${page.maxLagMs.toFixed(0)} ms`);
    console.log(
      `flood in Chromium: ${sent} events in ${settings.durationMs} ms → ${page.flushes} flushes, ${page.writes} ` +
        `row writes; ${page.handlerMs.toFixed(0)} ms in handlers; ${page.longTasks} long tasks ` +
        `(${page.longTaskMs} ms); max event-loop lag ${page.maxLagMs.toFixed(0)} ms`,
    );
  },
});
