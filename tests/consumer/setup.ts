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
import { ensureNpmModules } from "../../scripts/npm_modules.ts";

const DIR = new URL(".", import.meta.url);

/** Absolute path of this folder (`tests/consumer`). */
export const consumerDir: string = decodeURIComponent(DIR.pathname).replace(/\/$/, "");

/** Absolute path of the consumer `deno.json` (pass it as `--config`). */
export const consumerConfig: string = `${consumerDir}/deno.json`;

/**
 * Installs the consumer packages with `npm install` when `node_modules` is missing or older than
 * `package.json` / `package-lock.json` (compared by content hash), and returns the folder.
 *
 * @returns The absolute path of `tests/consumer`.
 * @throws {Error} When `npm install` fails.
 */
export async function ensureConsumerModules(): Promise<string> {
  await ensureNpmModules(consumerDir);
  return consumerDir;
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
