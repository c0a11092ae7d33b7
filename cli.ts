/**
 * The `sync-patterns` command line: `generate` and `inspect`, the file-system side around the pure
 * `generate()`.
 *
 * ```sh
 * deno run -A jsr:@sync/patterns/cli generate openapi.yaml -o src/generated
 * deno run -A jsr:@sync/patterns/cli inspect openapi.yaml --json
 * ```
 *
 * @module
 */
import type { GenerateOptions, GenerateResult } from "./src/generate.ts";
import { generateWith } from "./src/generate_core.ts";
import { isJsonText } from "./src/spec/load.ts";
import { run } from "./cli/run.ts";

/** Where {@link main} prints and what it reads; every field defaults to the real process. */
export interface CliOptions {
  /**
   * Receives each line of normal output (without the newline).
   * @default {writes to standard output}
   */
  stdout?: (line: string) => void;
  /**
   * Receives each line of warnings and errors (without the newline).
   * @default {writes to standard error}
   */
  stderr?: (line: string) => void;
  /**
   * Reads an environment variable (only `SYNC_PATTERNS_DEBUG`); must not throw.
   * @default {Deno.env.get, when env access is granted}
   */
  env?: (name: string) => string | undefined;
}

/**
 * Runs the command line and returns the exit code: 0 done, 1 error (or out of date with `--check`),
 * 2 bad usage. Never throws and never exits the process.
 *
 * @example
 * ```ts ignore
 * import { main } from "jsr:@sync/patterns/cli";
 * const lines: string[] = [];
 * const code = await main(["inspect", "openapi.yaml"], { stdout: (l) => lines.push(l) });
 * ```
 *
 * @param args the arguments after the program name (`Deno.args`)
 * @param options output writers and environment, for tests and embedding
 * @returns the process exit code
 */
export function main(args: string[], options: CliOptions = {}): Promise<number> {
  return run(args, {
    out: options.stdout ?? writer(Deno.stdout),
    err: options.stderr ?? writer(Deno.stderr),
    env: options.env ?? readEnv,
    generate: generateLoadingYamlOnDemand,
  });
}

/**
 * `generate()`, with the YAML library loaded only for YAML text: a JSON spec (GitHub's, Stripe's, Box's) never
 * loads it, which saves about a third of the module loading (25 of 75 ms; see `tests/cli_module_graph_test.ts`).
 */
async function generateLoadingYamlOnDemand(spec: string, options: GenerateOptions): Promise<GenerateResult> {
  if (isJsonText(spec)) return generateWith(spec, options, {});
  const { parseYaml } = await import("./src/spec/yaml_text.ts");
  return generateWith(spec, options, { parseYaml });
}

function writer(stream: { writeSync(p: Uint8Array): number }): (line: string) => void {
  const encoder = new TextEncoder();
  return (line) => {
    const data = encoder.encode(line + "\n");
    let written = 0;
    while (written < data.length) written += stream.writeSync(data.subarray(written));
  };
}

function readEnv(name: string): string | undefined {
  try {
    // Ask first: without --allow-env, Deno.env.get would prompt on a terminal.
    if (Deno.permissions.querySync({ name: "env", variable: name }).state !== "granted") return undefined;
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
