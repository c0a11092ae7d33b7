/**
 * The sales example end to end: its React app type-checks against the generated data layer, and it works in a
 * real headless Chromium against the real server (PGlite on disk). The browser part runs `sales_e2e.ts` in a child
 * process with `-A` (playwright-core reads files Deno grants only to `--allow-all`). When no Chromium can be found
 * (see `browser.ts`; `.ci/run` installs Debian's) it is skipped with a message saying why, except in CI
 * (`CI=true`), where it fails (`tests/helpers/requirement.ts`).
 *
 * Screenshots: `tests/.out/e2e/`. Set `SALES_E2E_NO_GENERATE=1` to keep `examples/sales/src/generated` as it is.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ensureAppModules, exampleDir, generateDataLayer } from "../../examples/sales/build.ts";
import { findChromium, NO_CHROMIUM_MESSAGE } from "./browser.ts";
import { requirement } from "../helpers/requirement.ts";
import type { E2eResult } from "./sales_e2e.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname)
  .replace(/\/$/, "");
const generate = Deno.env.get("SALES_E2E_NO_GENERATE") !== "1";

/** Runs a command with a time limit, its output streamed to ours (and returned). */
async function run(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
) {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, timeoutMs);
  const collect = async (
    stream: ReadableStream<Uint8Array>,
    to: typeof Deno.stdout,
  ) => {
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of stream) {
      text += decoder.decode(chunk, { stream: true });
      await to.write(chunk);
    }
    return text;
  };
  try {
    const [stdout, stderr, status] = await Promise.all([
      collect(child.stdout, Deno.stdout),
      collect(child.stderr, Deno.stderr),
      child.status,
    ]);
    return { code: status.code, stdout, stderr, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("sales example: the React app type-checks against the generated data layer", async () => {
  await ensureAppModules((line) => console.log(line));
  if (generate) console.log(await generateDataLayer());
  // The consumer config: strict, React JSX, bare imports from examples/sales/node_modules.
  const { code, stdout, stderr, timedOut } = await run(
    [
      "check",
      "--config",
      `${ROOT}/tests/consumer/deno.json`,
      `${exampleDir}/app/main.tsx`,
    ],
    {},
    180_000,
  );
  assert.ok(!timedOut, "deno check timed out");
  assert.equal(
    code,
    0,
    `deno check of examples/sales/app failed:\n${stdout}${stderr}`,
  );
});

const chromium = findChromium();
const browser = requirement("Chromium", chromium !== undefined, `[tests/e2e] ${NO_CHROMIUM_MESSAGE}`);

Deno.test({
  name: "sales example in Chromium: create → other page, instant rename, rollback with error, data persisted",
  ignore: browser.ignore,
  async fn() {
    browser.assert();
    const { code, stdout, timedOut } = await run(
      [
        "run",
        "-A",
        "--config",
        `${ROOT}/deno.json`,
        `${ROOT}/tests/e2e/sales_e2e.ts`,
      ],
      {
        CHROMIUM_PATH: chromium!,
        ...(generate ? {} : { SALES_E2E_NO_GENERATE: "1" }),
      },
      240_000,
    );
    assert.ok(!timedOut, "the browser scenario timed out after 240 s");
    assert.equal(
      code,
      0,
      "the browser scenario failed (see its output above; screenshots in tests/.out/e2e/)",
    );
    const line = stdout.split("\n").find((l) => l.startsWith("E2E_RESULT "));
    assert.ok(line, "the scenario printed no E2E_RESULT line");
    const result = JSON.parse(line.slice("E2E_RESULT ".length)) as E2eResult;
    assert.equal(result.createToOtherPageMs.length, 5);
    assert.ok(
      result.renameLocalMs < 500,
      `the rename showed at once (${result.renameLocalMs} ms)`,
    );
  },
});
