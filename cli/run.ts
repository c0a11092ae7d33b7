/**
 * The commands behind {@link main} in `cli.ts`: argument parsing, the generate/inspect flows,
 * and turning failures into one-line messages with exit codes.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import type { GenerateOptions, GenerateResult } from "../src/generate.ts";
import { type Diagnostic, formatDiagnostic, SpecError } from "../src/spec/diagnostics.ts";
import {
  type Command,
  DEFAULT_OUTPUT,
  type GenerateArgs,
  helpText,
  type InspectArgs,
  parseCommandLine,
  PROGRAM,
} from "./args.ts";
import { UsageError, UserError } from "./errors.ts";
import { applyPlan, displayPath, planWrite, recoverInterruptedRun, type WritePlan, type WriterFs } from "./fs.ts";
import { lockOutput } from "./lock.ts";
import { readSpecFile } from "./read_spec.ts";
import { formatInspect } from "./inspect.ts";
import { renderGraphFile } from "./graph.ts";
import type { SyncPatternsConfig } from "../src/model/config.ts";
import { CONFIG_FILE, findConfig, readConfig } from "./config.ts";
import { watch, type WatchRun } from "./watch.ts";
import { withPosition } from "../src/spec/load.ts";
import { VERSION } from "./version.ts";

/** What a run prints to and reads from; injectable for tests. */
export interface Io {
  /** Receives each line of normal output (without the newline). */
  out: (line: string) => void;
  /** Receives each line of warnings and errors (without the newline). */
  err: (line: string) => void;
  /** Reads an environment variable; must not throw. */
  env: (name: string) => string | undefined;
  /** The generator (the real one, or a fake in tests); may load parts of itself first (the YAML parser). */
  generate: (spec: string, options: GenerateOptions) => GenerateResult | Promise<GenerateResult>;
  /** The file-system calls the writer makes (tests inject failures or pauses); the real ones by default. */
  writerFs?: WriterFs;
  /** Stops `generate --watch` (tests); without it, Ctrl-C does. */
  watchSignal?: AbortSignal;
}

/**
 * Runs a command line and returns the exit code: 0 done, 1 error (or out of date with `--check`),
 * 2 bad usage. Never throws.
 */
export async function run(args: string[], io: Io): Promise<number> {
  try {
    const command: Command = parseCommandLine(args);
    switch (command.kind) {
      case "help":
        io.out(helpText(command.topic));
        return 0;
      case "version":
        io.out(`@sync/patterns ${VERSION}`);
        return 0;
      case "generate":
        return await runGenerate(command.args, io);
      case "inspect":
        return await runInspect(command.args, io);
    }
  } catch (e) {
    return reportError(e, io);
  }
}

async function runGenerate(a: GenerateArgs, io: Io): Promise<number> {
  if (a.watch) return await watchGenerate(a, io);
  const started = performance.now();
  const { result, configPath } = await load(a.spec, a.syncMode, a.maxInputBytes, io, a.config);
  for (const d of result.diagnostics) io.err(formatDiagnostic(d, placeOf(d, a.spec, configPath)));
  const out = displayPath(a.output);
  if (a.check || a.dryRun) {
    const plan = await asEnvironmentError(out, () => planWrite(a.output, result.files, { clean: a.clean }), "read");
    return report(a, result, plan, started, io);
  }
  // Runs into one directory take turns: the plan is made, and carried out, while holding the lock.
  const lock = await asEnvironmentError(out, () =>
    lockOutput(resolve(a.output), {
      onWait: (pid) => {
        if (!a.quiet) io.err(`note: waiting for another run${pid ? ` (pid ${pid})` : ""} that is writing to ${out}`);
      },
    }));
  try {
    const restored = await asEnvironmentError(out, () => recoverInterruptedRun(lock.dir, io.writerFs));
    if (restored.length > 0 && !a.quiet) {
      io.err(`note: put back ${restored.join(", ")} in ${out}, left aside by an interrupted run`);
    }
    const plan = await asEnvironmentError(out, () => planWrite(a.output, result.files, { clean: a.clean }));
    return await report(a, result, plan, started, io);
  } finally {
    await lock.release();
  }
}

/** Prints (and, unless `--check` or `--dry-run`, carries out) a plan; returns the exit code. */
async function report(
  a: GenerateArgs,
  result: GenerateResult,
  plan: WritePlan,
  started: number,
  io: Io,
): Promise<number> {
  const out = displayPath(a.output);
  const at = (p: string) => (out === "." ? p : `${out}/${p}`);
  const entities = plural(result.model.entities.length, "entity", "entities");
  const ms = () => `${Math.round(performance.now() - started)} ms`;
  const rerun = () => `${PROGRAM} generate ${a.spec}${a.output === DEFAULT_OUTPUT ? "" : ` -o ${a.output}`}`;

  if (a.check) {
    const problems: [string, string][] = [
      ...plan.writes.map((w): [string, string] => [w.kind === "create" ? "missing" : "differs", w.path]),
      ...plan.conflicts.map((c): [string, string] => ["differs", `${c.path} (${c.reason})`]),
      ...plan.stale.map((p): [string, string] => ["stale", p]),
    ].sort(([, x], [, y]) => (x < y ? -1 : x > y ? 1 : 0));
    if (problems.length > 0) {
      io.err(
        `error: ${plural(problems.length, "generated file")} in ${out} ${
          problems.length === 1 ? "is" : "are"
        } out of date; run '${rerun()}${plan.stale.length ? " --clean" : ""}' to update`,
      );
      for (const [what, p] of problems) io.err(`  ${what.padEnd(8)}${p}`);
      return 1;
    }
    if (!a.quiet) io.out(`Up to date: ${entities}, ${plural(plan.unchanged.length, "file")} in ${out} (${ms()})`);
    return 0;
  }

  if (plan.conflicts.length > 0) {
    io.err(
      `error: refusing to write to ${out}: ${plural(plan.conflicts.length, "file")} there would be overwritten ` +
        `but ${plan.conflicts.length === 1 ? "was" : "were"} not generated by @sync/patterns; nothing was written ` +
        `(move ${plan.conflicts.length === 1 ? "it" : "them"} away or choose another --output)`,
    );
    for (const c of plan.conflicts) io.err(`  ${at(c.path)}: ${c.reason}`);
    return 1;
  }

  if (a.dryRun) {
    for (const w of plan.writes) io.out(`would ${w.kind} ${at(w.path)}`);
    for (const p of plan.remove) io.out(`would remove ${at(p)}`);
    staleNote(plan.stale.length, a, out, io);
    if (!a.quiet) {
      io.out(
        `Dry run: ${entities}, ${plural(plan.writes.length, "file")} would be written ` +
          `(${plan.unchanged.length} unchanged, ${plan.remove.length} removed) in ${ms()}`,
      );
    }
    return 0;
  }

  const done = await asEnvironmentError(out, () => applyPlan(plan, io.writerFs));
  staleNote(plan.stale.length, a, out, io);
  if (!a.quiet) {
    io.out(
      `Generated ${entities} into ${out}: ${plural(done.written, "file")} written ` +
        `(${plan.unchanged.length} unchanged, ${done.removed} removed) in ${ms()}`,
    );
  }
  return 0;
}

function staleNote(stale: number, a: GenerateArgs, out: string, io: Io): void {
  if (stale === 0 || a.clean || a.quiet) return;
  io.err(
    `note: ${plural(stale, "file")} in ${out} ${stale === 1 ? "was" : "were"} generated earlier and ` +
      `${stale === 1 ? "is" : "are"} no longer generated; run with --clean to remove ${stale === 1 ? "it" : "them"}`,
  );
}

/** `generate --watch`: one run now and one per change of the spec or the config, until interrupted. */
async function watchGenerate(a: GenerateArgs, io: Io): Promise<number> {
  const configPath = await findConfig(a.spec, a.config);
  const files = [a.spec, configPath ?? join(dirname(a.spec), CONFIG_FILE)];
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  const signal = io.watchSignal ?? stop.signal;
  try {
    Deno.addSignalListener("SIGINT", onSignal);
  } catch {
    // no signals here (a test, Windows without a console): the caller's signal stops watching
  }
  io.out(`Watching ${files.join(" and ")} (Ctrl-C to stop)`);
  try {
    await watch({
      files,
      signal,
      print: io.out,
      runOnce: async () => {
        const run: WatchRun = { code: 0, out: [], err: [] };
        const quiet: Io = { ...io, out: (l) => run.out.push(l), err: (l) => run.err.push(l) };
        try {
          run.code = await runGenerate({ ...a, watch: false }, quiet);
        } catch (e) {
          run.code = reportError(e, quiet);
        }
        return run;
      },
    });
  } finally {
    try {
      Deno.removeSignalListener("SIGINT", onSignal);
    } catch {
      // as above
    }
  }
  return 0;
}

/** Config diagnostics are placed in the config file, the others in the spec. */
function placeOf(d: Diagnostic, spec: string, configPath: string | undefined): string {
  return d.code.startsWith("config/") && configPath ? configPath : spec;
}

async function runInspect(a: InspectArgs, io: Io): Promise<number> {
  const { result, configPath } = await load(a.spec, a.syncMode, a.maxInputBytes, io, a.config);
  if (a.graph) {
    for (const d of result.diagnostics) io.err(formatDiagnostic(d, placeOf(d, a.spec, configPath)));
    const text = await renderGraphFile(a.graph, result.model, result.graph);
    if (a.output === undefined) {
      io.out(text.replace(/\n$/, ""));
      return 0;
    }
    return await writeGraphFile(a.output, text, io);
  }
  if (a.json) {
    io.out(JSON.stringify({ model: result.model, graph: result.graph, diagnostics: result.diagnostics }, null, 2));
  } else {
    for (const line of formatInspect(result.model, result.diagnostics, a.spec, configPath)) io.out(line);
  }
  return 0;
}

/** Writes one graph file through the same safe write as `generate` (atomic; never over a file that is not ours). */
async function writeGraphFile(output: string, text: string, io: Io): Promise<number> {
  const name = basename(output);
  if (name === "" || name === "." || name === "..") {
    throw new UsageError(`--output '${output}' is not a file name (see '${PROGRAM} inspect --help')`, "inspect");
  }
  const dir = dirname(output);
  const plan = await asEnvironmentError(
    displayPath(dir),
    () => planWrite(dir, { [name]: text }, { scanStale: false }),
    "read",
  );
  if (plan.conflicts.length > 0) {
    io.err(`error: refusing to write ${displayPath(output)}: it ${plan.conflicts[0].reason}; nothing was written`);
    return 1;
  }
  await asEnvironmentError(displayPath(dir), () => applyPlan(plan, io.writerFs));
  return 0;
}

/**
 * Reads the spec file and the config (given, or found next to the spec) and runs the generator; user-fixable
 * failures become {@link UserError}s.
 */
async function load(
  path: string,
  syncMode: GenerateArgs["syncMode"],
  maxInputBytes: number,
  io: Io,
  configOption?: string,
): Promise<{ result: GenerateResult; configPath: string | undefined }> {
  const configPath = await findConfig(path, configOption);
  const configFile = configPath === undefined ? undefined : await readConfig(configPath);
  const text = await readSpecFile(path, maxInputBytes);
  try {
    const options: GenerateOptions = { source: path, ...(syncMode ? { syncMode } : {}) };
    if (configFile !== undefined) options.config = configFile.value as SyncPatternsConfig;
    const result = await io.generate(text, options);
    if (configFile) {
      // config diagnostics point into the config: give them its line and column
      result.diagnostics = result.diagnostics.map((d) =>
        d.code.startsWith("config/") && d.line === undefined ? withPosition(configFile, d) : d
      );
    }
    return { result, configPath };
  } catch (e) {
    if (e instanceof SpecError) throw new SpecFailure(e.diagnostic, path);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      // The loader's depth limits (spec/too-deep) should make this unreachable; if a spec still gets
      // through, it is a spec that nests too deeply, not a crash to report.
      throw new UserError(
        `the spec '${path}' nests too deeply to process (the generator ran out of stack); flatten it or ` +
          `split deep schemas into components`,
      );
    }
    throw e;
  }
}

/**
 * Runs a file-system step of writing to `out`; an operating-system failure (a read-only or full disk, a
 * name too long, permission denied) becomes a one-line {@link UserError}: the environment, not our bug.
 */
async function asEnvironmentError<T>(out: string, step: () => Promise<T>, doing = "write to"): Promise<T> {
  try {
    return await step();
  } catch (e) {
    const why = describeEnvironmentError(e);
    if (why === undefined) throw e;
    throw new UserError(`cannot ${doing} ${out}: ${why}`);
  }
}

/** What an operating-system error means for a person, or undefined for anything else. */
export function describeEnvironmentError(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const code = (e as { code?: unknown }).code;
  const place = /: (\w+) '([^']*)'(?: -> '[^']*')?$/.exec(e.message.split("\n")[0]);
  const at = place ? ` (${place[1]} '${place[2]}')` : "";
  if (e instanceof Deno.errors.NotCapable) return firstLine(e.message);
  const known: Record<string, string> = {
    ENOSPC: "no space left on the device",
    EDQUOT: "the disk quota is exceeded",
    EROFS: "the file system is read-only",
    EACCES: "permission denied",
    EPERM: "operation not permitted (a read-only or immutable folder?)",
    ENAMETOOLONG: "a file name or path is too long",
    EMFILE: "too many open files",
    ENFILE: "too many open files in the system",
    EIO: "an input/output error from the device",
    ELOOP: "too many levels of symbolic links",
    ENOTDIR: "a part of the path is a file, not a folder",
    EXDEV: "a rename across file systems",
    EBUSY: "a file or folder is busy",
  };
  if (typeof code === "string" && Object.hasOwn(known, code)) return `${known[code]}${at} [${code}]`;
  if (isDenoIoError(e)) return firstLine(e.message);
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return `${firstLine(e.message)} [${code}]`;
  return undefined;
}

class SpecFailure extends Error {
  constructor(readonly diagnostic: Diagnostic, readonly source: string) {
    super(diagnostic.message);
  }
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof SpecFailure) {
    io.err(formatDiagnostic({ ...e.diagnostic, severity: "error" }, e.source));
    return 1;
  }
  if (e instanceof UserError) {
    io.err(`error: ${e.message}`);
    return e.exitCode;
  }
  const environment = describeEnvironmentError(e);
  if (environment !== undefined) {
    // Deno's own messages are clear ("Requires write access to …, run again with the --allow-write flag")
    io.err(`error: ${environment}`);
    return 1;
  }
  const message = e instanceof Error ? firstLine(e.message) : firstLine(String(e));
  io.err(
    `error: internal error: ${message}. This is a bug in @sync/patterns; please report it with the spec ` +
      `that triggers it (set SYNC_PATTERNS_DEBUG=1 to print the stack trace)`,
  );
  if (io.env("SYNC_PATTERNS_DEBUG") && e instanceof Error && e.stack) {
    for (const line of e.stack.split("\n")) io.err(line);
  }
  return 1;
}

/** An operating-system error (disk full, permission denied, …): the user's environment, not our bug. */
function isDenoIoError(e: unknown): boolean {
  return e instanceof Error && Object.values(Deno.errors).some((cls) => e instanceof cls);
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0].replace(/\.$/, "");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
