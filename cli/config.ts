/**
 * Finding and reading the config file (`sync-patterns.config.json`, JSONC) for the CLI; the core gets the object.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { blankJsonc } from "../src/model/config.ts";
import { JsonLocator, LineIndex, type Position } from "../src/spec/json_text.ts";
import { UserError } from "./errors.ts";

/** The file name looked for next to the spec. */
export const CONFIG_FILE = "sync-patterns.config.json";

/**
 * The config file to use: `explicit` when given (it must exist), else `sync-patterns.config.json` next to the spec
 * when there is one, else undefined.
 */
export async function findConfig(specPath: string, explicit?: string): Promise<string | undefined> {
  if (explicit !== undefined) return explicit;
  const beside = join(dirname(specPath), CONFIG_FILE);
  try {
    return (await Deno.stat(beside)).isFile ? beside : undefined;
  } catch {
    return undefined;
  }
}

/** A config file's content, and where a pointer into it is in the file. */
export interface ConfigFile {
  value: unknown;
  /** Line and column of the place a JSON pointer names, if it is in the file. */
  locate: (pointer: string) => Position | undefined;
}

/** Reads and parses a config file; a missing file or bad JSONC is one {@link UserError} line with its position. */
export async function readConfig(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "no such file" : e instanceof Error ? e.message : String(e);
    throw new UserError(`cannot read config '${path}': ${why.split("\n")[0]}`);
  }
  const json = blankJsonc(text);
  try {
    const value = JSON.parse(json);
    let locator: JsonLocator | undefined;
    let lines: LineIndex | undefined;
    const locate = (pointer: string) => {
      const offset = (locator ??= new JsonLocator(json)).offsetOf(pointer);
      return offset === undefined ? undefined : (lines ??= new LineIndex(json)).position(offset);
    };
    return { value, locate };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(message);
    const place = at ? ` at ${lineColumn(text, Number(at[1]))}` : "";
    const why = message.split("\n")[0].replace(/ in JSON at position.*$/, "").replace(/\.$/, "");
    throw new UserError(`config '${path}' is not valid JSON${place}: ${why}`);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = [...text].slice(0, offset).join("").split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
