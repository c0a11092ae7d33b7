/**
 * A whole process, timed: wall milliseconds around it, its peak RSS from `/usr/bin/time -f %M` (when there is GNU
 * time), and a time bound through coreutils `timeout` (which stops the process it started, so nothing is left
 * running when the bound is hit).
 *
 * @module
 */
import { splitTimeOutput } from "./stats.ts";

/** What {@link timedProcess} gives back. */
export interface TimedRun {
  /** Wall milliseconds, measured around the whole process. */
  ms: number;
  /** The exit code (124: stopped by the time bound). */
  code: number;
  timedOut: boolean;
  /** Peak RSS of the process (the largest of it and its children), MiB; `undefined` without GNU time. */
  rssMiB?: number;
  stdout: string;
  stderr: string;
}

let gnuTime: boolean | undefined;

/** Whether `/usr/bin/time` is GNU time (it takes `-f`). */
async function hasGnuTime(): Promise<boolean> {
  if (gnuTime !== undefined) return gnuTime;
  try {
    const out = await new Deno.Command("/usr/bin/time", { args: ["-f", "%M", "true"], stderr: "piped" }).output();
    gnuTime = out.success && /^\d+\s*$/.test(new TextDecoder().decode(out.stderr));
  } catch {
    gnuTime = false;
  }
  return gnuTime;
}

/**
 * Runs `cmd args` to the end, or until `timeoutSeconds` (then it is killed and `timedOut` is set).
 *
 * @param options.env Extra environment variables (on top of this process's).
 */
export async function timedProcess(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutSeconds?: number } = {},
): Promise<TimedRun> {
  // TERM at the bound, KILL 5 s later if it is still there; `timeout` exits 124 (137 after the KILL)
  const bounded = options.timeoutSeconds ? ["timeout", "-k", "5", String(options.timeoutSeconds), cmd] : [cmd];
  const measured = await hasGnuTime() ? ["/usr/bin/time", "-f", "%M", ...bounded] : bounded;
  const start = performance.now();
  const out = await new Deno.Command(measured[0], {
    args: [...measured.slice(1), ...args],
    cwd: options.cwd,
    env: options.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ms = performance.now() - start;
  const decoder = new TextDecoder();
  const { rssMiB, stderr } = gnuTime ? splitTimeOutput(decoder.decode(out.stderr)) : {
    rssMiB: undefined,
    stderr: decoder.decode(out.stderr),
  };
  // GNU time reports a failing command in a line of its own; it is not the command's output
  const own = stderr.replace(/^Command (exited with non-zero status \d+|terminated by signal \d+)$/m, "").trimEnd();
  const timedOut = options.timeoutSeconds !== undefined &&
    (out.code === 124 || (out.code === 137 && ms >= options.timeoutSeconds * 1000));
  return { ms, code: out.code, timedOut, rssMiB, stdout: decoder.decode(out.stdout), stderr: own };
}
