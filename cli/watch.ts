/**
 * `generate --watch`: regenerates when the spec or the config changes, debounced, one line per run, and goes on
 * after a failed run.
 *
 * @module
 */
import { dirname, resolve } from "node:path";

/** What one run reports: its exit code and the lines it printed to stdout and stderr. */
export interface WatchRun {
  code: number;
  out: string[];
  err: string[];
}

/** Options of {@link watch}. */
export interface WatchOptions {
  /** The files whose change starts a run (the spec, the config). */
  files: string[];
  /** Runs the generator once, collecting its output. */
  runOnce: () => Promise<WatchRun>;
  /** Receives the one line each run prints. */
  print: (line: string) => void;
  /** Wait this long after the last change before running (default 150 ms). */
  debounceMs?: number;
  /** Stops watching. */
  signal?: AbortSignal;
  /** The clock for the line's time stamp (tests fix it). */
  now?: () => Date;
}

/** The one line a run prints: its time, then the summary, or the first error, and the number of warnings. */
export function runLine(run: WatchRun, at: Date): string {
  const time = at.toISOString().slice(11, 19);
  const warnings = run.err.filter((l) => l.startsWith("warning")).length;
  const warned = warnings ? ` (${warnings} warning${warnings === 1 ? "" : "s"})` : "";
  if (run.code !== 0) {
    const error = run.err.find((l) => l.startsWith("error")) ?? run.err[0] ?? `exit code ${run.code}`;
    return `[${time}] ${error}`;
  }
  return `[${time}] ${run.out[run.out.length - 1] ?? "done"}${warned}`;
}

/**
 * Runs once, then again after each change of a watched file (changes within `debounceMs` make one run), until
 * `signal` aborts. Watches the files' directories, so that a file replaced by an editor's rename or created later
 * (a new config) is seen too.
 */
export async function watch(options: WatchOptions): Promise<void> {
  const { runOnce, print, signal } = options;
  const now = options.now ?? (() => new Date());
  const wanted = new Set(options.files.map((f) => resolve(f)));
  const dirs = [...new Set([...wanted].map((f) => dirname(f)))];
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    let run: WatchRun;
    try {
      run = await runOnce();
    } catch (e) {
      run = { code: 1, out: [], err: [`error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`] };
    }
    print(runLine(run, now()));
  };
  running = once();
  await running;

  const watcher = Deno.watchFs(dirs, { recursive: false });
  signal?.addEventListener("abort", () => watcher.close(), { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for await (const event of watcher) {
      if (!event.paths.some((p) => wanted.has(resolve(p)))) continue;
      if (event.kind === "access") continue;
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(once);
      }, options.debounceMs ?? 150);
    }
  } finally {
    clearTimeout(timer);
    await running;
  }
}
