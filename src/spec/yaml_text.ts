/**
 * YAML text → plain JSON-like data, with the places of its nodes.
 *
 * Plain block-style text (most specs) is read by the fast path (`yaml_fast.ts`: `js-yaml` with `yaml`'s core-schema
 * rules, about 10× faster on the sales spec), and its places by reading lines (`yaml_locate.ts`); everything else
 * (anchors and aliases, tags, merge keys, complex keys, directives, any text `js-yaml` refuses) and any place the
 * lines do not answer goes to `npm:yaml`, which gives the errors and warnings with their places and guards against
 * alias bombs. `scripts/yaml_fast_equal.ts` checks that both give the same value and places on real specs.
 *
 * Uses `npm:yaml`. Its Node build (the one Deno and Node load) reads
 * `process.env.LOG_TOKENS` and `process.env.LOG_STREAM` for every token, so under Deno the
 * YAML path needs env access to those two variables: without it the read throws
 * `NotCapable` (or prompts, in a terminal). The CLI runs with `-A`, and `deno task test`
 * with `--allow-env`; a library user under Deno needs `--allow-env=LOG_TOKENS,LOG_STREAM`
 * (or JSON input, which never reaches this module). In browsers, and in any bundle built
 * with browser conditions (the playground's Web Worker, `tests/purity_test.ts`), `yaml`'s
 * browser build is used, which has no `process` access at all. This module does not hide
 * or swap `process.env`: that would mutate a global, which nothing under `src/` may do.
 *
 * @module
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { Document, Node, ParsedNode } from "yaml";
import { type Diagnostic, SpecError, splitPointer } from "./diagnostics.ts";
import type { Position } from "./json_text.ts";
import { MAX_NESTING } from "./depth.ts";
import { yamlTooDeepAt } from "./yaml_depth.ts";
import { fastYamlValue } from "./yaml_fast.ts";
import { blockYamlOffset } from "./yaml_locate.ts";

/** Most alias expansions (weighted by the aliases inside what they expand to) a document may make. */
export const MAX_ALIAS_COUNT = 10_000;

/** What {@link parseYaml} returns. */
export interface ParsedYaml {
  /** The document as plain data (objects, arrays, strings, numbers, booleans, `null`). */
  value: unknown;
  /** Warnings the YAML parser gave (such as an unknown tag); errors throw instead. */
  diagnostics: Diagnostic[];
  /** The place a JSON pointer names (a member's key, an item, or the root), computed on demand. */
  locate(pointer: string): Position | undefined;
}

/**
 * Parses one YAML document (YAML 1.2 core schema, keys read as strings, `<<` merge keys
 * allowed) into plain data.
 *
 * Throws a {@link SpecError} (code `spec/invalid-yaml`, with line and column) on any YAML
 * error: bad syntax, a duplicate key, a key that is not a scalar, more than one document,
 * an unknown or self-containing alias, or more alias expansion than
 * {@link MAX_ALIAS_COUNT} allows (an alias bomb). A `__proto__` key becomes an ordinary
 * own property.
 *
 * @example
 * ```ts
 * import { parseYaml } from "./yaml_text.ts";
 * const yaml = parseYaml("openapi: 3.1.0\npaths:\n  /a: {}\n");
 * yaml.value; // => { openapi: "3.1.0", paths: { "/a": {} } }
 * yaml.locate("/paths/~1a"); // => { line: 3, column: 3 }
 * ```
 */
export function parseYaml(text: string): ParsedYaml {
  try {
    return parseYamlText(text);
  } catch (e) {
    // The parser recurses; the pre-check below keeps it far from the stack's end, and this is the fallback.
    if (e instanceof RangeError) throw tooDeep(undefined);
    throw e;
  }
}

function tooDeep(position: Position | undefined): SpecError {
  return new SpecError({
    code: "spec/too-deep",
    severity: "error",
    message: position
      ? `The YAML nests deeper than ${2 * MAX_NESTING} levels here (the limit is ${MAX_NESTING}): flatten it, ` +
        `or move deep schemas into components`
      : `The YAML nests too deeply to parse (the limit is ${MAX_NESTING} levels): flatten it, or move deep ` +
        `schemas into components`,
    pointer: "",
    ...position,
  });
}

function parseYamlText(text: string): ParsedYaml {
  // Twice the limit: the estimate is rough, and the exact check (with its JSON pointer) runs on the value.
  const deep = yamlTooDeepAt(text, 2 * MAX_NESTING);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    const line = before.split("\n").length;
    throw tooDeep({ line, column: deep - before.lastIndexOf("\n") });
  }
  // Plain text (most specs) takes the fast path. A place is then found by reading lines, and `yaml`'s document is
  // made only for a place that reading cannot find.
  const fast = fastYamlValue(text);
  if (fast !== undefined) {
    let located: ParsedYaml | undefined;
    return {
      value: fast,
      diagnostics: [],
      locate(pointer) {
        const offset = blockYamlOffset(text, pointer);
        if (offset !== undefined) return positionAt(text, offset);
        located ??= parseWithYaml(text);
        return located.locate(pointer);
      },
    };
  }
  return parseWithYaml(text);
}

/**
 * {@link parseYaml} without the fast path or the depth pre-check: `yaml` alone, with every error and warning, its
 * places, and the alias guards. For checking the fast path against it; use {@link parseYaml}.
 *
 * @example
 * ```ts
 * import { parseWithYaml } from "./yaml_text.ts";
 * parseWithYaml("a: 1\n").locate("/a"); // => { line: 1, column: 1 }
 * ```
 */
export function parseWithYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    logLevel: "error",
    stringKeys: true,
    merge: true,
    uniqueKeys: true,
  });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return line === 0 ? { line: 1, column: col + 1 } : { line, column: col };
  };
  const fail = (message: string, offset: number): never => {
    throw new SpecError({
      code: "spec/invalid-yaml",
      severity: "error",
      message: `Invalid YAML: ${sentence(message)}`,
      pointer: "",
      ...at(offset),
    });
  };

  const error = doc.errors[0];
  if (error?.code === "MULTIPLE_DOCS") fail("The text holds more than one YAML document", error.pos[0]);
  if (error !== undefined) fail(error.message, error.pos[0]);
  rejectCyclicAliases(doc, fail);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof RangeError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (message.startsWith("Excessive alias count")) {
      fail(`Too many alias expansions (more than ${MAX_ALIAS_COUNT}): this looks like an alias bomb`, 0);
    }
    fail(message, 0);
  }

  const diagnostics: Diagnostic[] = doc.warnings.map((w) => ({
    code: "spec/yaml-warning",
    severity: "warning",
    message: sentence(w.message),
    pointer: "",
    ...at(w.pos[0]),
  }));

  return {
    value,
    diagnostics,
    locate(pointer) {
      const offset = yamlOffset(doc, pointer);
      return offset === undefined ? undefined : at(offset);
    },
  };
}

/** The 1-based line and column of an offset (as `yaml`'s `LineCounter` gives them). */
function positionAt(text: string, offset: number): Position {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return { line, column: offset - text.lastIndexOf("\n", offset - 1) };
}

/** Capital first letter, no final period, one line. */
function sentence(message: string): string {
  const line = message.split("\n", 1)[0].trim().replace(/\.$/, "");
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** An alias inside the node it refers to would make a cyclic object: reject it. */
function rejectCyclicAliases(doc: Document.Parsed, fail: (message: string, offset: number) => never): void {
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target === undefined) {
        fail(`Unknown alias *${alias.source} (the anchor must come before the alias)`, alias.range?.[0] ?? 0);
      }
      if ((path as readonly unknown[]).includes(target)) {
        fail(`Alias *${alias.source} is inside the node it refers to`, alias.range?.[0] ?? 0);
      }
    },
  });
}

/** The offset of the node a pointer names: for a mapping member, the start of its key. */
function yamlOffset(doc: Document.Parsed, pointer: string): number | undefined {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0];
  for (const segment of splitPointer(pointer)) {
    node = follow(doc, node);
    if (isMap(node)) {
      const pair = findPair(doc, node, segment, 0);
      if (pair === undefined) return undefined;
      const key = pair.key as ParsedNode;
      node = pair.value as Node | null;
      offset = key.range?.[0] ?? node?.range?.[0];
    } else if (isSeq(node)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(segment)) return undefined;
      node = node.items[Number(segment)] as Node | null | undefined;
      if (node === undefined) return undefined;
      offset = node?.range?.[0] ?? offset;
    } else {
      return undefined;
    }
  }
  return offset;
}

function follow(doc: Document.Parsed, node: Node | null | undefined): Node | null | undefined {
  for (let hops = 0; isAlias(node) && hops < 100; hops++) node = node.resolve(doc);
  return node;
}

/** A member of a map by key, looking into `<<` merge sources after the map's own keys. */
function findPair(
  doc: Document.Parsed,
  map: { items: { key: unknown; value: unknown }[] },
  segment: string,
  depth: number,
): { key: unknown; value: unknown } | undefined {
  const merges: unknown[] = [];
  for (const pair of map.items) {
    const key = pair.key;
    if (!isScalar(key)) continue;
    const isMerge = typeof key.value === "symbol" ||
      (key.value === "<<" && (key.type === undefined || key.type === "PLAIN"));
    if (isMerge) merges.push(pair.value);
    else if (String(key.value) === segment) return pair;
  }
  if (depth > 20) return undefined;
  for (const merge of merges) {
    const source = follow(doc, merge as Node);
    const sources = isSeq(source) ? source.items.map((s) => follow(doc, s as Node)) : [source];
    for (const s of sources) {
      if (!isMap(s)) continue;
      const pair = findPair(doc, s, segment, depth + 1);
      if (pair !== undefined) return pair;
    }
  }
  return undefined;
}
