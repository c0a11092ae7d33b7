/**
 * Where a JSON pointer's place is in block-style YAML text, found by reading lines, without a YAML parser: the fast
 * path's `locate` (`yaml_fast.ts`), so that placing a diagnostic does not parse the spec a second time.
 *
 * It follows block mappings and block sequences only, and answers `undefined` ("ask `yaml`") for anything else on
 * the way: a flow collection, a key with an escape or a continuation line, an item that is itself a sequence, a
 * place it does not find. It is used only for text the fast path read (no anchors, tags, merge keys or complex
 * keys). `scripts/yaml_fast_equal.ts` checks that it agrees with `yaml` on every place of real specs.
 *
 * @module
 */
import { splitPointer } from "./diagnostics.ts";

/** A block collection: where its first entry starts, and the column of its entries. */
interface Block {
  /** Offset of the first entry's first character. */
  start: number;
  /** Column (0-based) of its entries: of the keys, or of the `-` of the items. */
  indent: number;
}

/**
 * The offset of the place a pointer names (a mapping member's key, a sequence item's value), or `undefined` when
 * the text is not plain block YAML along the way (the caller then asks `yaml`).
 *
 * @example
 * ```ts
 * import { blockYamlOffset } from "./yaml_locate.ts";
 * blockYamlOffset("a:\n  b:\n    - x\n", "/a/b/0"); // => 14
 * blockYamlOffset("a: [x]\n", "/a/0"); // => undefined
 * ```
 */
export function blockYamlOffset(text: string, pointer: string): number | undefined {
  const segments = splitPointer(pointer);
  if (segments.length === 0) return undefined;
  const first = nextContent(text, 0);
  if (first === undefined || text.startsWith("---", first.start)) return undefined;
  let block: Block = { start: first.start, indent: first.indent };
  let offset: number | undefined;
  for (let i = 0; i < segments.length; i++) {
    const found = isItem(text, block.start) ? item(text, block, segments[i]) : member(text, block, segments[i]);
    if (found === undefined) return undefined;
    offset = found.offset;
    if (i === segments.length - 1) break;
    const inner = found.value;
    if (inner === undefined) return undefined;
    block = inner;
  }
  return offset;
}

/** A line's first character that is not a space, and its column; `undefined` for a blank or comment-only line. */
function contentOf(text: string, lineStart: number): { start: number; indent: number; end: number } | undefined {
  let end = text.indexOf("\n", lineStart);
  if (end === -1) end = text.length;
  let i = lineStart;
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (i === end || text[i] === "#" || text[i] === "\r") return undefined;
  if (text[i] === "\t") return { start: -1, indent: -1, end }; // a tab: let `yaml` judge
  return { start: i, indent: i - lineStart, end };
}

/** The next line with content at or after `from` (a line start). */
function nextContent(text: string, from: number): { start: number; indent: number; end: number } | undefined {
  for (let lineStart = from; lineStart < text.length;) {
    const line = contentOf(text, lineStart);
    if (line !== undefined) return line.start < 0 ? undefined : line;
    const end = text.indexOf("\n", lineStart);
    if (end === -1) return undefined;
    lineStart = end + 1;
  }
  return undefined;
}

function isItem(text: string, at: number): boolean {
  const next = text[at + 1];
  return text[at] === "-" && (next === " " || next === "\n" || next === "\r" || next === undefined);
}

/** The entries of a block: the offset of each entry's first character (its key, or its `-`). */
function* entries(text: string, block: Block, items: boolean): Generator<number | undefined> {
  yield block.start;
  let lineEnd = text.indexOf("\n", block.start);
  while (lineEnd !== -1) {
    const line = contentOf(text, lineEnd + 1);
    lineEnd = text.indexOf("\n", lineEnd + 1);
    if (line === undefined) continue;
    if (line.start < 0) return yield undefined;
    if (line.indent < block.indent) return;
    if (line.indent > block.indent) continue;
    // At the block's column: an entry, or (for a mapping) the items of a sequence written at its key's column.
    if (isItem(text, line.start) !== items) {
      if (items) return;
      continue;
    }
    yield line.start;
  }
}

/** What an entry's value is, when it is a block collection on the following lines or after `- `. */
interface Found {
  offset: number;
  value: Block | undefined;
}

function member(text: string, block: Block, segment: string): Found | undefined {
  for (const start of entries(text, block, false)) {
    if (start === undefined) return undefined;
    const key = readKey(text, start);
    if (key === undefined) return undefined;
    if (key.name !== segment) continue;
    return { offset: start, value: valueBlock(text, key.after, block.indent) };
  }
  return undefined;
}

function item(text: string, block: Block, segment: string): Found | undefined {
  if (!/^(?:0|[1-9][0-9]*)$/.test(segment)) return undefined;
  let index = Number(segment);
  for (const start of entries(text, block, true)) {
    if (start === undefined) return undefined;
    if (index-- > 0) continue;
    // The item's value: on the dash's line, or on the next line with content.
    let at = start + 1;
    while (text[at] === " ") at++;
    if (text[at] === "\n" || text[at] === "\r" || text[at] === "#" || at >= text.length) {
      const lineEnd = text.indexOf("\n", start);
      const next = lineEnd === -1 ? undefined : nextContent(text, lineEnd + 1);
      if (next === undefined || next.indent <= block.indent) return undefined;
      return { offset: next.start, value: collectionAt(text, next.start, next.indent) };
    }
    return { offset: at, value: collectionAt(text, at, at - lineStartOf(text, at)) };
  }
  return undefined;
}

/** A block mapping starting at `at` (a key followed by `:`); not a nested sequence, flow or scalar. */
function collectionAt(text: string, at: number, indent: number): Block | undefined {
  if (isItem(text, at)) return undefined;
  return readKey(text, at) === undefined ? undefined : { start: at, indent };
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/**
 * The block collection a member's value is, when nothing but a comment follows its `:` and the next line with
 * content is deeper (or, for a sequence, at the key's column).
 */
function valueBlock(text: string, after: number, keyIndent: number): Block | undefined {
  let i = after;
  while (text[i] === " ") i++;
  if (i < text.length && text[i] !== "\n" && text[i] !== "\r" && text[i] !== "#") return undefined;
  const lineEnd = text.indexOf("\n", after);
  if (lineEnd === -1) return undefined;
  const next = nextContent(text, lineEnd + 1);
  if (next === undefined) return undefined;
  if (next.indent > keyIndent || (next.indent === keyIndent && isItem(text, next.start))) {
    if (isItem(text, next.start)) return { start: next.start, indent: next.indent };
    return collectionAt(text, next.start, next.indent);
  }
  return undefined;
}

/** A simple key at `at` (plain, or quoted without escapes or line breaks) and the offset after its `:`. */
function readKey(text: string, at: number): { name: string; after: number } | undefined {
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, at + 1);
    if (close === -1) return undefined;
    const name = text.slice(at + 1, close);
    if (/[\\\n\r]/.test(name) || text[close + 1] === quote) return undefined;
    let i = close + 1;
    while (text[i] === " ") i++;
    return text[i] === ":" ? { name, after: i + 1 } : undefined;
  }
  if (/[-?:,[\]{}#&*!|>'"%@`]/.test(quote) && !(quote === "-" && /[^\s]/.test(text[at + 1] ?? ""))) return undefined;
  let end = text.indexOf("\n", at);
  if (end === -1) end = text.length;
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === ":" && (i + 1 === end || text[i + 1] === " " || text[i + 1] === "\r")) {
      const name = text.slice(at, i).trimEnd();
      return name.includes(" #") ? undefined : { name, after: i + 1 };
    }
    if (c === "#" && text[i - 1] === " ") return undefined;
  }
  return undefined;
}
