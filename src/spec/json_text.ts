/**
 * Places in JSON text: line/column of an offset, the offset of a JSON pointer, the
 * offset of a syntax error.
 *
 * Nothing here runs while a spec loads: {@link JsonLocator} and {@link LineIndex} do
 * their work when a place is first asked for, so the JSON fast path costs nothing.
 *
 * @module
 */
import { pointerSegment, splitPointer } from "./diagnostics.ts";

/** A 1-based line and column (columns count UTF-16 code units, as editors do). */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/**
 * Turns offsets of a text into lines and columns. Lines end at `\n` (so `\r\n` is one
 * break). The line table is built on the first call.
 *
 * @example
 * ```ts
 * import { LineIndex } from "./json_text.ts";
 * new LineIndex("ab\ncd").position(4);
 * // => { line: 2, column: 2 }
 * ```
 */
export class LineIndex {
  readonly #text: string;
  // Line starts found so far; the table grows only as far as the offsets asked for (diagnostics of a
  // big spec usually sit in its first half, and a full table of the GitHub spec costs ~20 ms).
  readonly #starts: number[] = [0];
  // Where the search for the next line break goes on, or -1 once the whole text was searched.
  #from = 0;

  /**
   * Makes an index of a text; the line table is built by {@link LineIndex.position} calls, as far as they need.
   *
   * @param text the whole text
   */
  constructor(text: string) {
    this.#text = text;
  }

  /** The position of `offset` (clamped to the text). */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.#text.length));
    const starts = this.#starts;
    // every line start at or before `at` must be known: search on until a break past `at`
    while (this.#from !== -1 && this.#from <= at) {
      const i = this.#text.indexOf("\n", this.#from);
      if (i === -1) {
        this.#from = -1;
      } else {
        starts.push(i + 1);
        this.#from = i + 1;
      }
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - starts[low] + 1 };
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** Offset just past the string that opens at `i` (a `"`); escaped quotes do not end it. */
function skipString(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Offset just past the value that starts at `i` (no leading whitespace). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === QUOTE) j = skipString(text, j) - 1;
      else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isWhitespace(d)) break;
    j++;
  }
  return j;
}

/** Where a member or item of a container sits: `at` is its key (or the item), `value` its value. */
interface Slot {
  at: number;
  value: number;
}

/** What is known of one object or array: the children seen so far and where to go on. */
interface Container {
  array: boolean;
  children: Map<string, Slot>;
  count: number;
  /** Offset to scan on from, or -1 once the closing bracket was reached. */
  resume: number;
  /**
   * `resume` is the value of the member found last, not yet skipped: skipping it only when the scan
   * goes on means a pointer into that value does not pass over it twice (once here, once inside it).
   */
  pending: boolean;
}

/**
 * Finds the place a JSON pointer names in JSON text, by scanning the text (strings,
 * escapes and nesting are skipped correctly). It scans only as far as needed and
 * remembers what it passed, so later calls into the same containers are quick.
 *
 * The text must be valid JSON (it already went through `JSON.parse`). A member's place
 * is its key; an array item's place is the item; with a duplicate key, the first one
 * found is used.
 *
 * @example
 * ```ts
 * import { JsonLocator } from "./json_text.ts";
 * new JsonLocator('{"a": {"b/c": [10, 20]}}').offsetOf("/a/b~1c/1");
 * // => 19
 * ```
 */
export class JsonLocator {
  readonly #text: string;
  readonly #containers = new Map<string, Container>();

  /**
   * Makes a locator for a text; nothing is scanned until {@link JsonLocator.offsetOf} is called.
   *
   * @param text valid JSON text
   */
  constructor(text: string) {
    this.#text = text;
  }

  /** The offset of the place `pointer` names, or `undefined` when there is no such place. */
  offsetOf(pointer: string): number | undefined {
    const root = skipWhitespace(this.#text, 0);
    if (root >= this.#text.length) return undefined;
    let at = root;
    let value = root;
    let path = "";
    for (const segment of splitPointer(pointer)) {
      const slot = this.#child(path, value, segment);
      if (slot === undefined) return undefined;
      path += "/" + pointerSegment(segment);
      at = slot.at;
      value = slot.value;
    }
    return at;
  }

  #child(path: string, start: number, segment: string): Slot | undefined {
    const text = this.#text;
    let container = this.#containers.get(path);
    if (container === undefined) {
      const c = text.charCodeAt(start);
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) return undefined;
      container = { array: c === OPEN_BRACKET, children: new Map(), count: 0, resume: start + 1, pending: false };
      this.#containers.set(path, container);
    }
    const known = container.children.get(segment);
    if (known !== undefined || container.resume === -1) return known;

    let i = container.resume;
    if (container.pending) {
      i = skipValue(text, i);
      container.pending = false;
    }
    for (;;) {
      i = skipWhitespace(text, i);
      if (text.charCodeAt(i) === COMMA) i = skipWhitespace(text, i + 1);
      const c = text.charCodeAt(i);
      if (i >= text.length || c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        container.resume = -1;
        return undefined;
      }
      let name: string;
      const at = i;
      if (container.array) {
        name = String(container.count++);
      } else {
        if (c !== QUOTE) { // not valid JSON after all: give up on this container
          container.resume = -1;
          return undefined;
        }
        const end = skipString(text, i);
        const raw = text.slice(i + 1, end - 1);
        name = raw.includes("\\") ? JSON.parse(text.slice(i, end)) : raw;
        i = skipWhitespace(text, end);
        if (text.charCodeAt(i) === COLON) i = skipWhitespace(text, i + 1);
      }
      const slot = { at, value: i };
      container.children.set(name, slot);
      if (name === segment) {
        container.resume = i;
        container.pending = true;
        return slot;
      }
      i = skipValue(text, i);
      container.resume = i;
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Offset past a valid number at `i`, or the negated offset of its error minus one. */
function numberEnd(text: string, i: number): number {
  let j = i;
  if (text.charCodeAt(j) === 0x2d) j++; // -
  if (text.charCodeAt(j) === 0x30) j++; // a leading 0 stands alone
  else if (isDigit(text.charCodeAt(j))) { while (isDigit(text.charCodeAt(j))) j++; }
  else return -j - 1;
  if (text.charCodeAt(j) === 0x2e) { // .
    if (!isDigit(text.charCodeAt(++j))) return -j - 1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  if ((text.charCodeAt(j) | 0x20) === 0x65) { // e or E
    j++;
    if (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d) j++;
    if (!isDigit(text.charCodeAt(j))) return -j - 1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/**
 * Finds the first syntax error in JSON text by a strict scan of the grammar (iterative,
 * so deep nesting cannot overflow the stack). Returns its offset, or `-1` when the text is
 * valid JSON. An error at `text.length` means the input ended too early.
 *
 * @example
 * ```ts
 * import { jsonErrorOffset } from "./json_text.ts";
 * jsonErrorOffset('{"a": }');
 * // => 6
 * ```
 */
export function jsonErrorOffset(text: string): number {
  const stack: boolean[] = []; // true: in an array, false: in an object
  let i = skipWhitespace(text, 0);

  /** Offset past a valid string at `i`, or the negated offset of its error minus one. */
  const string = (i: number): number => {
    for (let j = i + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === QUOTE) return j + 1;
      if (c < 0x20) return -j - 1;
      if (c === BACKSLASH) {
        const e = text[j + 1];
        if (e === "u") {
          for (let k = j + 2; k < j + 6; k++) {
            if (!/[0-9a-fA-F]/.test(text[k] ?? "")) return -k - 1;
          }
          j += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          j++;
        } else return -j - 2;
      }
    }
    return -text.length - 1;
  };

  /** Offset of the value after a member's `"key":` at `i`, or the negated offset of its error minus one. */
  const member = (i: number): number => {
    if (text.charCodeAt(i) !== QUOTE) return -i - 1;
    const end = string(i);
    if (end < 0) return end;
    const colon = skipWhitespace(text, end);
    if (text.charCodeAt(colon) !== COLON) return -colon - 1;
    return skipWhitespace(text, colon + 1);
  };

  for (;;) {
    // A value at i.
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const array = c === OPEN_BRACKET;
      i = skipWhitespace(text, i + 1);
      if (text.charCodeAt(i) === (array ? CLOSE_BRACKET : CLOSE_BRACE)) {
        i++;
      } else {
        stack.push(array);
        if (!array) {
          const next = member(i);
          if (next < 0) return -next - 1;
          i = next;
        }
        continue;
      }
    } else if (c === QUOTE) {
      const end = string(i);
      if (end < 0) return -end - 1;
      i = end;
    } else if (text.startsWith("true", i)) i += 4;
    else if (text.startsWith("false", i)) i += 5;
    else if (text.startsWith("null", i)) i += 4;
    else {
      const end = numberEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
    }
    // After a value: close containers, or go on to the next member or item.
    for (;;) {
      i = skipWhitespace(text, i);
      if (stack.length === 0) return i === text.length ? -1 : i;
      const array = stack[stack.length - 1];
      const c = text.charCodeAt(i);
      if (c === (array ? CLOSE_BRACKET : CLOSE_BRACE)) {
        stack.pop();
        i++;
        continue;
      }
      if (c !== COMMA) return i;
      i = skipWhitespace(text, i + 1);
      if (!array) {
        const next = member(i);
        if (next < 0) return -next - 1;
        i = next;
      }
      break;
    }
  }
}
