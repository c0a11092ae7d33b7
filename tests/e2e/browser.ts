/**
 * Headless Chromium for the end-to-end tests: finds a Chromium on the machine (Debian's `chromium` package, or
 * `CHROMIUM_PATH`) and launches it with playwright-core, which drives it over its DevTools pipe (no browser download:
 * playwright-core has none).
 *
 * playwright-core reads files Deno only grants with `--allow-all` (`/proc/sys/…` at import), so it is imported
 * lazily by {@link launchChromium}: {@link findChromium} works under the test task's permissions, and the browser
 * scenarios run in a `deno run -A` child process (see `sales_e2e_test.ts`).
 *
 * Smoke check: `deno run -A tests/e2e/browser.ts` loads a page and prints the browser's version.
 *
 * @module
 */
import type { Browser } from "playwright-core";

/** Where Debian, Ubuntu and others put Chromium (or Chrome); tried in order after `CHROMIUM_PATH`. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/lib/chromium/chromium",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
];

/** Flags for a quiet, reproducible headless run on a CI machine (as root: no sandbox). */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function isExecutable(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFile && (info.mode === null || (info.mode & 0o111) !== 0);
  } catch {
    return false;
  }
}

/**
 * The Chromium to use: `CHROMIUM_PATH` when set (it must exist), else the first of {@link CHROMIUM_CANDIDATES}.
 *
 * @returns The executable's path, or `undefined` when there is none.
 */
export function findChromium(): string | undefined {
  let fromEnv: string | undefined;
  try {
    fromEnv = Deno.env.get("CHROMIUM_PATH");
  } catch {
    fromEnv = undefined; // no env permission: look in the usual places
  }
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  return CHROMIUM_CANDIDATES.find(isExecutable);
}

/** Why the browser tests skip, for the test log. */
export const NO_CHROMIUM_MESSAGE =
  "no Chromium found (looked at $CHROMIUM_PATH and /usr/bin/chromium…): the browser end-to-end test is SKIPPED. " +
  "Install it with `apt-get install -y chromium` (.ci/run does) or point CHROMIUM_PATH at a Chromium or Chrome.";

/** Options of {@link launchChromium}. */
export interface LaunchOptions {
  /** The executable. @default {findChromium()} */
  executablePath?: string;
  /** Milliseconds to wait for the browser to start. @default {30000} */
  timeoutMs?: number;
}

/**
 * Launches headless Chromium. Playwright gives it a fresh, temporary profile (`--user-data-dir`) and deletes it on
 * `close()`; pages of different `browser.newContext()`s share no storage, cookies or `BroadcastChannel`.
 *
 * @throws {Error} When no Chromium is found or it does not start in time.
 */
export async function launchChromium(
  options: LaunchOptions = {},
): Promise<Browser> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  const { chromium } = await import("playwright-core");
  return await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: options.timeoutMs ?? 30_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

if (import.meta.main) {
  const path = findChromium();
  if (!path) {
    console.error(NO_CHROMIUM_MESSAGE);
    Deno.exit(2);
  }
  const started = performance.now();
  const browser = await launchChromium({ executablePath: path });
  try {
    const page = await browser.newPage();
    await page.setContent("<title>smoke</title><h1>Chromium works</h1>");
    const text = await page.textContent("h1", { timeout: 5_000 });
    console.log(
      `${path}: Chromium ${browser.version()}, page says "${text}" (${Math.round(performance.now() - started)} ms)`,
    );
  } finally {
    await browser.close();
  }
}
