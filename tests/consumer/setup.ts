/**
 * The consumer environment: the npm packages a generated data layer runs against, installed the way an app
 * installs them, so that `deno check` sees their real types.
 *
 * Why not an import map: with `"react": "npm:react@19"` alone, `react` has no types under `deno check` (everything
 * from it is `any` and errors hide). With `package.json` + `node_modules` and `"nodeModulesDir": "manual"`, Deno
 * resolves bare specifiers like Node (and finds `@types/react`), but only for files that have that `node_modules`
 * above them. So code to check or run (generated output, the example app) lives in a directory that
 * {@link linkConsumerModules} gave a `node_modules` link, and is checked with this folder's `deno.json`.
 *
 * Pure Deno (no npm imports): the project's own tests import it.
 *
 * @module
 */

const DIR = new URL(".", import.meta.url);

/** Absolute path of this folder (`tests/consumer`). */
export const consumerDir: string = decodeURIComponent(DIR.pathname).replace(/\/$/, "");

/** Absolute path of the consumer `deno.json` (pass it as `--config`). */
export const consumerConfig: string = `${consumerDir}/deno.json`;

const STAMP = "node_modules/.sync-patterns-install-stamp";
const LOCK = ".install-lock";

async function readText(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  }
}

async function manifestHash(): Promise<string> {
  const text = (await readText(`${consumerDir}/package.json`)) + "\0" +
    (await readText(`${consumerDir}/package-lock.json`));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function isFresh(): Promise<boolean> {
  const stamp = await readText(`${consumerDir}/${STAMP}`);
  return stamp !== "" && stamp === await manifestHash();
}

/** Holds a directory lock while `fn` runs, so parallel test processes install once. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${consumerDir}/${LOCK}`;
  const deadline = Date.now() + 5 * 60_000;
  while (true) {
    try {
      await Deno.mkdir(lock);
      break;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      if (Date.now() > deadline) throw new Error(`Lock ${lock} held for over 5 minutes: remove it if stale`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    await Deno.remove(lock).catch(() => {});
  }
}

/**
 * Installs the consumer packages with `npm install` when `node_modules` is missing or older than
 * `package.json` / `package-lock.json` (compared by content hash), and returns the folder.
 *
 * @returns The absolute path of `tests/consumer`.
 * @throws {Error} When `npm install` fails.
 */
export async function ensureConsumerModules(): Promise<string> {
  if (await isFresh()) return consumerDir;
  return await withLock(async () => {
    if (await isFresh()) return consumerDir; // another process installed while we waited
    const { code, stdout, stderr } = await new Deno.Command("npm", {
      args: ["install", "--no-audit", "--no-fund", "--loglevel=error"],
      cwd: consumerDir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    if (code !== 0) {
      throw new Error(
        `npm install in ${consumerDir} failed (${code}):\n${decoder.decode(stdout)}${decoder.decode(stderr)}`,
      );
    }
    await Deno.writeTextFile(`${consumerDir}/${STAMP}`, await manifestHash());
    return consumerDir;
  });
}

/**
 * Makes `dir` a place where consumer code resolves its npm imports: links `dir/node_modules` to the consumer
 * `node_modules` (one copy of every package, so one `@tanstack/db` and one React).
 *
 * @param dir An absolute directory path; created if missing.
 */
export async function linkConsumerModules(dir: string): Promise<void> {
  const modules = await ensureConsumerModules();
  await Deno.mkdir(dir, { recursive: true });
  const link = `${dir}/node_modules`;
  const target = `${modules}/node_modules`;
  try {
    if (await Deno.realPath(link) === await Deno.realPath(target)) return;
    await Deno.remove(link);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    await Deno.remove(link).catch(() => {}); // a dangling link
  }
  await Deno.symlink(target, link, { type: "dir" });
}

/** What {@link runDeno} gives back. */
export interface DenoRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `deno <subcommand> --config <consumer deno.json> ...args` in `cwd` (`NO_COLOR` set), for `check` and
 * `test` of consumer code.
 *
 * @param subcommand `check`, `test`, `run`, …
 * @param args The rest of the arguments (files last).
 * @param cwd The working directory (holding a {@link linkConsumerModules} link or below one).
 * @returns Exit code and output.
 */
export async function runDeno(subcommand: string, args: string[], cwd: string): Promise<DenoRun> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [subcommand, "--config", consumerConfig, ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}
