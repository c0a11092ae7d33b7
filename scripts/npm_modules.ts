/**
 * Installs a folder's pinned npm packages once: `node_modules` is (re)installed only when it is missing or was
 * installed from another `package.json` / `package-lock.json` (compared by content hash, kept in a stamp file), and a
 * directory lock makes parallel processes install once. Used by the test consumer (`tests/consumer/setup.ts`) and the
 * playground build (`playground/build.ts`).
 *
 * Pure Deno (no npm imports).
 *
 * @module
 */

const STAMP = "node_modules/.sync-patterns-install-stamp";
const LOCK = ".install-lock";

/** Options of {@link ensureNpmModules}. */
export interface NpmModulesOptions {
  /**
   * `ci` installs exactly the lock file (and fails when `package.json` disagrees with it); `install` may update
   * the lock file.
   * @default {"install"}
   */
  command?: "ci" | "install";
}

async function readText(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  }
}

async function manifestHash(dir: string): Promise<string> {
  const text = (await readText(`${dir}/package.json`)) + "\0" + (await readText(`${dir}/package-lock.json`));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function isFresh(dir: string): Promise<boolean> {
  const stamp = await readText(`${dir}/${STAMP}`);
  return stamp !== "" && stamp === await manifestHash(dir);
}

/** Holds a directory lock while `fn` runs, so parallel test processes install once. */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}/${LOCK}`;
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
 * Installs the npm packages of `dir` when its `node_modules` is missing or stale.
 *
 * @param dir An absolute folder holding `package.json` and `package-lock.json`.
 * @param options How to install.
 * @returns `true` when it installed, `false` when `node_modules` was up to date.
 * @throws {Error} When npm fails (it needs the npm registry, or its cache).
 */
export async function ensureNpmModules(dir: string, options: NpmModulesOptions = {}): Promise<boolean> {
  if (await isFresh(dir)) return false;
  return await withLock(dir, async () => {
    if (await isFresh(dir)) return false; // another process installed while we waited
    const { code, stdout, stderr } = await new Deno.Command("npm", {
      args: [options.command ?? "install", "--no-audit", "--no-fund", "--loglevel=error"],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    if (code !== 0) {
      throw new Error(
        `npm ${options.command ?? "install"} in ${dir} failed (${code}):\n${decoder.decode(stdout)}${
          decoder.decode(stderr)
        }`,
      );
    }
    await Deno.writeTextFile(`${dir}/${STAMP}`, await manifestHash(dir));
    return true;
  });
}

if (import.meta.main) {
  // `deno run -A scripts/npm_modules.ts <dir> [ci|install]`
  const [dir, command] = Deno.args;
  if (!dir || (command !== undefined && command !== "ci" && command !== "install")) {
    console.error("Usage: deno run -A scripts/npm_modules.ts <dir> [ci|install]");
    Deno.exit(2);
  }
  const installed = await ensureNpmModules(await Deno.realPath(dir), { command: command as "ci" | "install" });
  if (installed) console.log(`npm ${command ?? "install"}: installed ${dir}/node_modules`);
}
