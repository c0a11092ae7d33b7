/**
 * Runs a browser scenario script (`tests/**\/*_e2e.ts`) the way the browser tests do: in a `deno run -A` child
 * (playwright-core needs `-A`), with the Chromium that {@link chromiumRequirement} found, and returns the JSON of the
 * line the script prints as `<TAG> {…}`. The child's output is passed through, so a failure shows its steps.
 *
 * @module
 */
import assert from "node:assert/strict";
import { findChromium, NO_CHROMIUM_MESSAGE } from "../e2e/browser.ts";
import { type Requirement, requirement } from "./requirement.ts";

const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");

/** Chromium for the browser tests: skipped without it locally, a failure under `CI=true`. */
export function chromiumRequirement(label: string): Requirement & { path: string | undefined } {
  const path = findChromium();
  return { ...requirement("Chromium", path !== undefined, `[${label}] ${NO_CHROMIUM_MESSAGE}`), path };
}

/**
 * Runs `script` (relative to the repository root) and returns the parsed JSON of its `tag` line.
 *
 * @param script the scenario, e.g. `tests/playground/preview_e2e.ts`
 * @param tag the result line's prefix, e.g. `PREVIEW_RESULT`
 * @param chromium the browser's path (from {@link chromiumRequirement}, after its `assert()`)
 * @param timeoutMs the child is killed after this long
 */
export async function runBrowserScenario<T>(
  script: string,
  tag: string,
  chromium: string,
  timeoutMs: number,
): Promise<T> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", `${ROOT}/deno.json`, `${ROOT}/${script}`],
    cwd: ROOT,
    env: { NO_COLOR: "1", CHROMIUM_PATH: chromium },
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  let stdout = "";
  try {
    const decoder = new TextDecoder();
    for await (const chunk of child.stdout) {
      stdout += decoder.decode(chunk, { stream: true });
      await Deno.stdout.write(chunk);
    }
    const { code } = await child.status;
    assert.equal(code, 0, `${script} failed (its output is above; screenshots in tests/.out/)`);
  } finally {
    clearTimeout(timer);
  }
  const line = stdout.split("\n").find((l) => l.startsWith(`${tag} `));
  assert.ok(line, `${script} printed no ${tag} line`);
  return JSON.parse(line.slice(tag.length + 1)) as T;
}
