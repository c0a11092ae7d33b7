/**
 * Command-line parsing: argv → a typed command, or a {@link UsageError} with one clear line.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { parseSyncMode as parseModelSyncMode } from "../src/model/sync_mode.ts";
import type { SyncMode } from "../src/model/types.ts";
import { UsageError } from "./errors.ts";
import { DEFAULT_MAX_INPUT_MB } from "./read_spec.ts";

/** The name the CLI calls itself in help and messages. */
export const PROGRAM = "sync-patterns";

/** The output directory when `--output` is not given. */
export const DEFAULT_OUTPUT = "src/generated";

/** The commands, in the order help lists them. */
export const COMMANDS = ["generate", "inspect"] as const;

/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/** Options of `generate`. */
export interface GenerateArgs {
  /** Path of the OpenAPI document (JSON or YAML). */
  spec: string;
  /** Directory the files are written to. */
  output: string;
  /** Default sync mode for entities whose spec says nothing. */
  syncMode?: SyncMode;
  /** List what would change; touch nothing. */
  dryRun: boolean;
  /** Compare with the disk; exit 1 when out of date; touch nothing. */
  check: boolean;
  /** Remove generated files that are no longer generated. */
  clean: boolean;
  /** Print only warnings and errors. */
  quiet: boolean;
  /** The largest spec to read, in bytes. */
  maxInputBytes: number;
  /** The config file given with `--config` (else `sync-patterns.config.json` next to the spec is used). */
  config?: string;
  /** Regenerate whenever the spec or the config changes. */
  watch?: boolean;
}

/** The formats of `inspect --graph`. */
export const GRAPH_FORMATS = ["mermaid", "dot", "svg"] as const;

/** One of {@link GRAPH_FORMATS}. */
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** Options of `inspect`. */
export interface InspectArgs {
  /** Path of the OpenAPI document (JSON or YAML). */
  spec: string;
  /** Print `{ model, graph, diagnostics }` as JSON instead of tables. */
  json: boolean;
  /** Print the relationship graph in this format instead of tables. */
  graph?: GraphFormat;
  /** Write the graph to this file instead of standard output (only with `graph`). */
  output?: string;
  /** Default sync mode for entities whose spec says nothing. */
  syncMode?: SyncMode;
  /** The largest spec to read, in bytes. */
  maxInputBytes: number;
  /** The config file given with `--config`. */
  config?: string;
}

/** A parsed command line. */
export type Command =
  | { kind: "help"; topic?: CommandName }
  | { kind: "version" }
  | { kind: "generate"; args: GenerateArgs }
  | { kind: "inspect"; args: InspectArgs };

/**
 * The sync mode a `--sync-mode` value names: `optimistic`, `confirmed`, or an upstream alias, read from the
 * model's one table (`SYNC_MODE_NAMES` in `src/model/sync_mode.ts`), so the CLI accepts what `x-sync-mode` accepts.
 *
 * @throws {UsageError} for any other value
 */
export function parseSyncMode(value: string, command?: CommandName): SyncMode {
  const mode = parseModelSyncMode(value);
  if (!mode) {
    throw new UsageError(
      `invalid --sync-mode '${value}' (expected optimistic or confirmed)${seeHelp(command)}`,
      command,
    );
  }
  return mode;
}

/**
 * Parses the whole argument list.
 *
 * @example
 * ```ts
 * import { parseCommandLine } from "./args.ts";
 * parseCommandLine(["generate", "api.yaml", "-o", "out"]);
 * // => { kind: "generate", args: { spec: "api.yaml", output: "out", dryRun: false, ... } }
 * ```
 * @throws {UsageError} when the command line is wrong
 */
export function parseCommandLine(argv: string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`missing command (expected ${COMMANDS.join(" or ")})${seeHelp()}`);
  if (first === "-h" || first === "--help") return { kind: "help" };
  if (first === "-V" || first === "--version") return { kind: "version" };
  if (first === "help") {
    if (rest.length === 0) return { kind: "help" };
    const topic = rest[0];
    if (!isCommand(topic)) throw new UsageError(`unknown command '${topic}'${seeHelp()}`);
    return { kind: "help", topic };
  }
  if (first.startsWith("-")) throw new UsageError(`unknown option ${optionName(first)}${seeHelp()}`);
  if (!isCommand(first)) {
    throw new UsageError(`unknown command '${first}' (expected ${COMMANDS.join(" or ")})${seeHelp()}`);
  }
  if (wantsHelp(rest)) return { kind: "help", topic: first };
  return first === "generate" ? { kind: "generate", args: parseGenerate(rest) } : {
    kind: "inspect",
    args: parseInspect(rest),
  };
}

function parseGenerate(args: string[]): GenerateArgs {
  const { values, spec } = parse("generate", args, {
    output: { type: "string", short: "o" },
    "sync-mode": { type: "string" },
    "dry-run": { type: "boolean" },
    check: { type: "boolean" },
    clean: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    "max-input-size": { type: "string" },
    config: { type: "string" },
    watch: { type: "boolean" },
  });
  const output = values.output as string | undefined;
  if (output === "") throw new UsageError(`--output must not be empty${seeHelp("generate")}`, "generate");
  if (values.check && values["dry-run"]) {
    throw new UsageError(`--check and --dry-run cannot be used together${seeHelp("generate")}`, "generate");
  }
  if (values.watch && (values.check || values["dry-run"])) {
    throw new UsageError(`--watch cannot be used with --check or --dry-run${seeHelp("generate")}`, "generate");
  }
  const config = configOption(values.config, "generate");
  const syncMode = values["sync-mode"] as string | undefined;
  return {
    spec,
    ...(config !== undefined ? { config } : {}),
    ...(values.watch === true ? { watch: true } : {}),
    output: output ?? DEFAULT_OUTPUT,
    syncMode: syncMode === undefined ? undefined : parseSyncMode(syncMode, "generate"),
    dryRun: values["dry-run"] === true,
    check: values.check === true,
    clean: values.clean === true,
    quiet: values.quiet === true,
    maxInputBytes: parseMaxInputSize(values["max-input-size"] as string | undefined, "generate"),
  };
}

function parseInspect(args: string[]): InspectArgs {
  const { values, spec } = parse("inspect", args, {
    json: { type: "boolean" },
    graph: { type: "string" },
    output: { type: "string", short: "o" },
    "sync-mode": { type: "string" },
    "max-input-size": { type: "string" },
    config: { type: "string" },
  });
  const config = configOption(values.config, "inspect");
  const syncMode = values["sync-mode"] as string | undefined;
  const graph = values.graph as string | undefined;
  const output = values.output as string | undefined;
  if (graph !== undefined && !(GRAPH_FORMATS as readonly string[]).includes(graph)) {
    throw new UsageError(
      `invalid --graph '${graph}' (expected ${GRAPH_FORMATS.join(", ")})${seeHelp("inspect")}`,
      "inspect",
    );
  }
  if (graph !== undefined && values.json) {
    throw new UsageError(`--graph and --json cannot be used together${seeHelp("inspect")}`, "inspect");
  }
  if (output !== undefined && graph === undefined) {
    throw new UsageError(`--output needs --graph (it writes the graph to a file)${seeHelp("inspect")}`, "inspect");
  }
  if (output === "") throw new UsageError(`--output must not be empty${seeHelp("inspect")}`, "inspect");
  return {
    spec,
    ...(config !== undefined ? { config } : {}),
    json: values.json === true,
    ...(graph === undefined ? {} : { graph: graph as GraphFormat }),
    ...(output === undefined ? {} : { output }),
    syncMode: syncMode === undefined ? undefined : parseSyncMode(syncMode, "inspect"),
    maxInputBytes: parseMaxInputSize(values["max-input-size"] as string | undefined, "inspect"),
  };
}

/**
 * The input size limit a `--max-input-size <MB>` value names, in bytes (a positive number of MB,
 * fractions allowed; {@link DEFAULT_MAX_INPUT_MB} when not given).
 *
 * @example
 * ```ts
 * import { parseMaxInputSize } from "./args.ts";
 * parseMaxInputSize("0.5"); // => 524288
 * ```
 * @throws {UsageError} for anything else
 */
export function parseMaxInputSize(value: string | undefined, command?: CommandName): number {
  if (value === undefined) return DEFAULT_MAX_INPUT_MB * 1024 * 1024;
  const mb = /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(mb > 0) || !Number.isFinite(mb) || mb * 1024 * 1024 > Number.MAX_SAFE_INTEGER) {
    throw new UsageError(
      `invalid --max-input-size '${value}' (expected a size in MB, such as 512)${seeHelp(command)}`,
      command,
    );
  }
  return Math.floor(mb * 1024 * 1024);
}

/** The `--config` value, refused when empty. */
function configOption(value: unknown, command: CommandName): string | undefined {
  if (value === undefined) return undefined;
  if (value === "") throw new UsageError(`--config must not be empty${seeHelp(command)}`, command);
  return value as string;
}

type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

function parse(
  command: CommandName,
  args: string[],
  options: OptionSpec,
): { values: Record<string, string | boolean | undefined>; spec: string } {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw translate(e, command, options);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError(`missing <spec> argument${seeHelp(command)}`, command);
  if (positionals.length > 1) {
    throw new UsageError(`unexpected argument '${positionals[1]}'${seeHelp(command)}`, command);
  }
  return { values: values as Record<string, string | boolean | undefined>, spec: positionals[0] };
}

/** Turns node:util's long messages into our one-liners. */
function translate(e: unknown, command: CommandName, options: OptionSpec): Error {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return new UsageError(`unknown option ${optionName(quoted)} for '${command}'${seeHelp(command)}`, command);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // "Option '-o, --output <value>' argument missing", "Option '--quiet' does not take an argument",
    // "Option '-o' argument is ambiguous." (the next word starts with a dash)
    const name = longName(quoted, options);
    if (/does not take an argument/.test(message)) {
      return new UsageError(`option ${name} does not take a value${seeHelp(command)}`, command);
    }
    return new UsageError(`option ${name} needs a value${seeHelp(command)}`, command);
  }
  if (code?.startsWith("ERR_PARSE_ARGS")) {
    return new UsageError(`${message.split("\n")[0]}${seeHelp(command)}`, command);
  }
  return e instanceof Error ? e : new Error(message);
}

/** `-o, --output <value>` or `-o` → `--output`. */
function longName(quoted: string, options: OptionSpec): string {
  const long = /--[\w-]+/.exec(quoted)?.[0];
  if (long) return long;
  const short = quoted.replace(/^-/, "");
  const entry = Object.entries(options).find(([, o]) => o.short === short);
  return entry ? `--${entry[0]}` : quoted;
}

function optionName(raw: string): string {
  return raw.split("=")[0];
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

function wantsHelp(args: string[]): boolean {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "-h" || a === "--help") return true;
  }
  return false;
}

function seeHelp(command?: CommandName): string {
  return ` (see '${PROGRAM}${command ? ` ${command}` : ""} --help')`;
}

/** The help text of the program, or of one command. */
export function helpText(topic?: CommandName): string {
  switch (topic) {
    case "generate":
      return `Generate the typed data layer for an OpenAPI spec.

Usage: ${PROGRAM} generate <spec> [options]

Arguments:
  <spec>                 OpenAPI 3.x document, JSON or YAML

Options:
  -o, --output <dir>     Directory to write to (default: ${DEFAULT_OUTPUT})
      --sync-mode <mode> Sync mode of entities whose spec has no x-sync-mode:
                         optimistic (default) or confirmed
      --dry-run          List what would be written or removed; touch nothing
      --check            Exit 1 and list the files that are missing, differ or are
                         stale when the output is not up to date; touch nothing (CI)
      --clean            Also remove files in <dir> that we generated earlier and
                         no longer generate, and directories left empty
      --config <file>    Config file (JSONC; default: sync-patterns.config.json next to
                         the spec, when there is one)
      --watch            Regenerate whenever the spec or the config changes (one line
                         per run; a failed run does not stop watching; Ctrl-C stops)
  -q, --quiet            Print only warnings and errors
      --max-input-size <MB>
                         Refuse a spec larger than this (default: ${DEFAULT_MAX_INPUT_MB})
  -h, --help             Show this help

Files whose first line lacks the "DO NOT EDIT: generated by @sync/patterns" header are
never overwritten or removed: the run stops before writing anything, as it does when a
folder or file it would write is a symbolic link. Runs into one directory take turns (a
lock); each changed folder is rebuilt aside and swapped in whole, and files whose
content is unchanged are not touched.

Exit codes: 0 done (or up to date), 1 error (or out of date with --check), 2 bad usage.`;
    case "inspect":
      return `Show the entities, relationships and diagnostics found in an OpenAPI spec.

Usage: ${PROGRAM} inspect <spec> [options]

Arguments:
  <spec>                 OpenAPI 3.x document, JSON or YAML

Options:
      --json             Print { model, graph, diagnostics } as JSON
      --graph <format>   Print the relationship graph instead: mermaid (a flowchart
                         for Markdown), dot (Graphviz) or svg (laid out, light/dark)
  -o, --output <file>    With --graph: write it to <file> instead of stdout (a file
                         without the "DO NOT EDIT" header line is never overwritten)
      --sync-mode <mode> Sync mode of entities whose spec has no x-sync-mode:
                         optimistic (default) or confirmed
      --max-input-size <MB>
                         Refuse a spec larger than this (default: ${DEFAULT_MAX_INPUT_MB})
      --config <file>    Config file (JSONC; default: sync-patterns.config.json next to
                         the spec, when there is one)
  -h, --help             Show this help

Exit codes: 0 done, 1 error, 2 bad usage.`;
    default:
      return `@sync/patterns: OpenAPI spec → typed, live, optimistic client data layer on TanStack DB.

Usage: ${PROGRAM} <command> [options]
   or: deno run -A jsr:@sync/patterns <command> [options]

Commands:
  generate <spec>   Generate the data layer into a directory
  inspect <spec>    Show the entities, relationships and diagnostics of a spec
  help [command]    Show help for a command

Options:
  -h, --help        Show help (also after a command: ${PROGRAM} generate --help)
  -V, --version     Show the version

Set SYNC_PATTERNS_DEBUG=1 to see stack traces of internal errors.`;
  }
}
