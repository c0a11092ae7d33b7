/**
 * The peers of `deno task bench --peers`: which tools, how each is configured and started, and how a run's exit code
 * and output become a result ("ok", "failed", "out of memory", "timed out", with the first line of the error). The
 * pure parts; `bench/speed/run_peers.ts` installs and runs them.
 *
 * @module
 */

/** One peer generator. */
export interface Peer {
  /** The name in the table. */
  name: string;
  /** What it is configured to make. */
  makes: string;
  /** The npm package whose `bin` starts it. */
  packageName: string;
  /** The bin's name in that package's `bin` map. */
  bin: string;
  /** The config template in `bench/peers/` (with `__SPEC__` and `__OUT__`). */
  config: string;
  /** The arguments after the bin, given the written config file's path. */
  args: (configPath: string) => string[];
}

/** The peers, in the order of the table's columns. */
export const PEERS: readonly Peer[] = [
  {
    name: "openapi-typescript",
    makes: "types only",
    packageName: "openapi-typescript",
    bin: "openapi-typescript",
    config: "openapi-typescript.redocly.yaml",
    args: (config) => ["--redocly", config],
  },
  {
    name: "hey-api",
    makes: "types, SDK, TanStack Query",
    packageName: "@hey-api/openapi-ts",
    bin: "openapi-ts",
    config: "hey-api.config.mjs",
    args: (config) => ["-f", config],
  },
  {
    name: "orval",
    makes: "types, React Query hooks",
    packageName: "orval",
    bin: "orval",
    config: "orval.config.mjs",
    args: (config) => ["--config", config],
  },
  {
    name: "kubb",
    makes: "types, client, React Query hooks",
    packageName: "@kubb/cli",
    bin: "kubb",
    config: "kubb.config.mjs",
    args: (config) => ["generate", "--config", config],
  },
];

/**
 * A config template with the spec path and output folder filled in. The values are escaped as for a double-quoted
 * JSON/JavaScript/YAML string, the form every template puts them in.
 */
export function fillConfig(template: string, spec: string, out: string): string {
  const quoted = (value: string) => JSON.stringify(value).slice(1, -1);
  return template.replaceAll("__SPEC__", quoted(spec)).replaceAll("__OUT__", quoted(out));
}

/** Splits `22.18.0` / `v20.20.2` into numbers. */
function version(text: string): number[] {
  return text.replace(/^v/, "").split(".").map((part) => Number.parseInt(part, 10) || 0);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Whether `nodeVersion` satisfies a package's `engines.node` range. Understands alternatives (`||`) of
 * space-separated `>=`, `>`, `<`, `<=`, `^` and bare versions; anything else is taken as not satisfied, so the
 * peer runs on Deno instead of on a Node it may not support. No range: satisfied.
 */
export function satisfiesNode(range: string | undefined, nodeVersion: string): boolean {
  if (!range || range.trim() === "" || range.trim() === "*") return true;
  const v = version(nodeVersion);
  return range.split("||").some((alternative) =>
    alternative.trim().split(/\s+/).every((term) => {
      const m = /^(>=|<=|>|<|\^|=)?v?(\d+(?:\.\d+){0,2})(?:\.x)?$/.exec(term);
      if (!m) return false;
      const bound = version(m[2]);
      const c = compare(v, bound);
      switch (m[1]) {
        case ">=":
          return c >= 0;
        case ">":
          return c > 0;
        case "<=":
          return c <= 0;
        case "<":
          return c < 0;
        case "^":
          return c >= 0 && v[0] === bound[0];
        default:
          return m[2].split(".").every((part, i) => Number(part) === v[i]);
      }
    })
  );
}

/** How one timed run of a peer ended. */
export interface PeerRun {
  /** Exit code (of the process, or of `timeout`: 124 or 137 when the time bound stopped it). */
  code: number;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Files in the output folder afterwards. */
  outputFiles: number;
}

/** What a run amounts to. */
export interface PeerOutcome {
  status: "ok" | "failed" | "out of memory" | "timed out";
  /** The first line of the error, for anything but "ok". */
  note?: string;
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * The line of a tool's output that says what went wrong: the first that looks like an error (error, failed,
 * cannot, not a function, 🛑, ✗, …), else the last non-empty line; colours stripped, at most 140 characters.
 */
export function firstErrorLine(output: string): string {
  const lines = output.replace(ANSI, "").split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const line = lines.find((l) => /error|fail|cannot|can't|not a function|not defined|unable|invalid|🛑|✗|✖/i.test(l)) ??
    lines.at(-1) ?? "no output";
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

/** Classifies a run: timed out, out of memory (V8's heap limit or the kernel's OOM kill), failed, or ok. */
export function peerOutcome(run: PeerRun): PeerOutcome {
  const output = `${run.stderr}\n${run.stdout}`;
  if (run.timedOut) return { status: "timed out" };
  // 137: killed by SIGKILL, which (the time bound ruled out) is the kernel's OOM killer
  if (/heap out of memory|Allocation failed|out of memory|ENOMEM/i.test(output) || run.code === 137) {
    return { status: "out of memory", note: firstErrorLine(output.replace(/^.*(?=FATAL ERROR)/ms, "")) };
  }
  if (run.code !== 0) return { status: "failed", note: firstErrorLine(output) };
  if (run.outputFiles === 0) return { status: "failed", note: `exit 0 but no file written: ${firstErrorLine(output)}` };
  return { status: "ok" };
}

/** Our speed-up over a peer: their time ÷ ours, as `6.5×`. */
export function speedup(oursMs: number, theirsMs: number): string {
  const x = theirsMs / oursMs;
  return `${x.toFixed(x < 10 ? 1 : 0)}×`;
}

/** A short, stable name for an install of `package.json` text: the first 12 hex digits of its SHA-256. */
export async function installHash(packageJson: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(packageJson));
  return Array.from(new Uint8Array(digest).slice(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A peer's cell of the peers table: `3.18 s · 441 MB · 6.5×` when it ran, else its status and footnote number. */
export function peerCell(
  timing: { status: PeerOutcome["status"]; ms?: number; rssMiB?: number },
  oursMs: number | undefined,
  footnote: number,
): string {
  if (timing.status !== "ok" || timing.ms === undefined) return `${timing.status} [${footnote}]`;
  const seconds = `${(timing.ms / 1000).toFixed(2)} s`;
  const rss = timing.rssMiB === undefined ? "" : ` · ${Math.round(timing.rssMiB)} MB`;
  return `${seconds}${rss} · ${oursMs === undefined ? "–" : speedup(oursMs, timing.ms)}`;
}
