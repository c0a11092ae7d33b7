/**
 * Parses generated TypeScript with esbuild (`transform`, loader `ts`): the fast syntax check that every generated
 * file is a valid module, used by the escaping tests and the fuzz harness.
 *
 * @module
 */
import * as esbuild from "esbuild";

/** One file that did not parse: its path and esbuild's first message. */
export interface ParseFailure {
  path: string;
  message: string;
}

/** Parses every file of `files`; returns the ones that failed (none when all parse). */
export async function parseFailures(files: Record<string, string>): Promise<ParseFailure[]> {
  const failures: ParseFailure[] = [];
  for (const [path, code] of Object.entries(files)) {
    try {
      await esbuild.transform(code, { loader: "ts", sourcefile: path, logLevel: "silent" });
    } catch (e) {
      const errors = (e as { errors?: { text: string; location?: { line: number } }[] }).errors;
      const first = errors?.[0];
      failures.push({ path, message: first ? `${first.location?.line ?? "?"}: ${first.text}` : String(e) });
    }
  }
  return failures;
}

/** The code of a file after esbuild dropped its comments, types and layout (string literals and templates kept). */
export async function transformed(code: string): Promise<string> {
  return (await esbuild.transform(code, { loader: "ts", minifyWhitespace: true, logLevel: "silent" })).code;
}

/** Stops esbuild's service, so that a test leaks no child process. */
export function stopParser(): Promise<void> {
  return esbuild.stop();
}
