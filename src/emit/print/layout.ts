/**
 * Line breaking for generated code: a line longer than the width is broken the way `deno fmt` (dprint, and
 * Prettier in the same places) writes it, so that the output needs no formatter. Emitters write one logical line
 * per statement or member; {@link fitLine} breaks what does not fit:
 *
 * - an `if (…) statement;` gets braces, with the statement on its own line;
 * - an arrow function whose expression body does not fit continues on the next line, one level deeper;
 * - otherwise the last bracket group (call arguments, array, object, type literal) whose opening line fits is
 *   written one item per line with a trailing comma (`;` in a type literal);
 * - otherwise an assignment continues after its `=`.
 *
 * Each resulting line is broken again the same way. What cannot be broken (a long string) stays long, as deno fmt
 * leaves it. Comments are never touched.
 *
 * @module
 */

/**
 * What stands right before the `(` of a call's arguments (`f(`, `f<T>(`, `a[0](`, `f()(`, `f?.(`); a `(` after a
 * space or an operator (`return (`, `| (`, `=> (`) opens a parenthesized expression or type.
 */
const CALLEE_END = /(?:[\w$)\]]|[^=\s]>|\?\.)$/;

/** What stands before the type parameters of a declaration (`function f<`, `type T<`). */
const TYPE_PARAMETERS = /\b(?:function|type|interface|class)\s+[\w$]+$/;

/** The key of a type literal's member (`name: `, `"x-y"?: `), which only a type literal's lines start with. */
const MEMBER_KEY = /^(?:[\w$]+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\??: /;

/** The line width of deno fmt's and Prettier's defaults. */
export const LINE_WIDTH = 80;

interface Group {
  open: number;
  close: number;
  kind: string;
  /** Offsets of the `,` directly inside the group (not in a nested one), recorded by {@link scan}. */
  commas?: number[];
  /** Offsets of the `;` directly inside the group, recorded by {@link scan}. */
  semicolons?: number[];
}

interface Scan {
  /** Bracket groups that open and close on the line, outside any other group. */
  groups: Group[];
  /** Offsets of `=>` outside any group. */
  arrows: number[];
  /** Offset of the first assignment ` = ` outside any group, or -1. */
  assign: number;
  /** Offsets of ` + ` outside any group. */
  plus: number[];
  /** Offsets of `|` and of `&` outside any group (for {@link splitAt}: a long type is split without a new walk). */
  bars: number[];
  amps: number[];
  /** Opening minus closing brackets, as {@link depthChange} counts them. */
  depth: number;
}

/** True when the `<` at `i` opens type arguments or parameters (`Record<`, `f<T>(`), not a comparison. */
function opensAngle(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1);
  // a letter, digit, `_`, `$`, `.` or `]` right before it
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 ||
    c === 46 || c === 93;
}

/** Character classes for {@link walk}: 1 a quote, 2 an opening bracket, 3 a closing one, 4 `<`, 5 `>`. */
const CLASS = new Uint8Array(128);
for (const c of "\"'`") CLASS[c.charCodeAt(0)] = 1;
for (const c of "([{") CLASS[c.charCodeAt(0)] = 2;
for (const c of ")]}") CLASS[c.charCodeAt(0)] = 3;
CLASS[60] = 4;
CLASS[62] = 5;

/** {@link CLASS} plus what {@link scan} looks for: 6 `=`, 7 `+`, 8 `,`, 9 `|`, 10 `&`, 11 `;`. */
const SCAN_CLASS = Uint8Array.from(CLASS);
SCAN_CLASS[61] = 6;
SCAN_CLASS[43] = 7;
SCAN_CLASS[44] = 8;
SCAN_CLASS[124] = 9;
SCAN_CLASS[38] = 10;
SCAN_CLASS[59] = 11;

/**
 * Walks `text` outside string literals, keeping the bracket depth (type arguments `<…>` included), and returns the
 * offsets of every `only` character at depth 0; `groups` gets each top-level bracket group. (Runs on every long
 * line of a big spec's output: a class table, char codes, no callback.)
 */
function walk(text: string, only: string, groups?: Group[]): number[] {
  const hits: number[] = [];
  const opens: number[] = [];
  const target = only.charCodeAt(0);
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? CLASS[c] : 0;
    if (kind === 0) {
      if (c === target && opens.length === 0) hits.push(i);
    } else if (kind === 1) {
      let j = i + 1;
      while (j < length && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
    } else if (kind === 2 || (kind === 4 && opensAngle(text, i))) {
      opens.push(i);
    } else if (
      kind === 3 ||
      (kind === 5 && text.charCodeAt(i - 1) !== 61 && opens.length > 0 &&
        text.charCodeAt(opens[opens.length - 1]) === 60)
    ) {
      const open = opens.pop();
      if (open !== undefined && opens.length === 0) groups?.push({ open, close: i, kind: text[open] });
    } else if (c === target && opens.length === 0) hits.push(i);
  }
  return hits;
}

/**
 * Where the top-level brackets (with the commas directly inside each), arrows, assignment and `+` of `text` are
 * (strings skipped): one pass over the line, the one most long lines need.
 */
function scan(text: string): Scan {
  const groups: Group[] = [];
  const arrows: number[] = [];
  const plus: number[] = [];
  const bars: number[] = [];
  const amps: number[] = [];
  let assign = -1;
  let depth = 0;
  const opens: number[] = [];
  let commas: number[] = [];
  let semicolons: number[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) continue;
    const kind = SCAN_CLASS[c];
    if (kind === 0) continue; // most characters: one test
    if (kind >= 6) {
      if (opens.length === 0) {
        if (kind === 6) {
          if (text.charCodeAt(i + 1) === 62) arrows.push(i);
          else if (assign < 0 && text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32) assign = i;
        } else if (kind === 7) {
          if (text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32) plus.push(i - 1);
        } else if (kind === 9) bars.push(i);
        else if (kind === 10) amps.push(i);
      } else if (opens.length === 1) {
        if (kind === 8) commas.push(i);
        else if (kind === 11) semicolons.push(i);
      }
    } else if (kind === 1) {
      let j = i + 1;
      while (j < length && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
    } else if (kind === 2 || (kind === 4 && opensAngle(text, i))) {
      if (kind === 2) depth++;
      if (opens.length === 0) {
        commas = [];
        semicolons = [];
      }
      opens.push(i);
    } else if (
      kind === 3 ||
      (kind === 5 && text.charCodeAt(i - 1) !== 61 && opens.length > 0 &&
        text.charCodeAt(opens[opens.length - 1]) === 60)
    ) {
      if (kind === 3) depth--;
      const open = opens.pop();
      if (open !== undefined && opens.length === 0) {
        groups.push({ open, close: i, kind: text[open], commas, semicolons });
      }
    }
  }
  return { groups, arrows, assign, plus, bars, amps, depth };
}

/** The items of a group split at the commas {@link scan} recorded, trimmed, without empty ones. */
function groupItems(text: string, group: Group): string[] {
  const items: string[] = [];
  let start = group.open + 1;
  for (const at of group.commas ?? []) {
    const item = text.slice(start, at).trim();
    if (item !== "") items.push(item);
    start = at + 1;
  }
  const last = text.slice(start, group.close).trim();
  if (last !== "") items.push(last);
  return items;
}

/** Splits `text` at its top-level occurrences of `separator` (outside brackets and strings), trimmed. */
function splitTop(text: string, separator: string): string[] {
  const items: string[] = [];
  let start = 0;
  // a separator that starts with a space is found by its second character
  const lead = separator.startsWith(" ") ? 1 : 0;
  for (const i of walk(text, separator[lead])) {
    const at = i - lead;
    if (at >= start && text.startsWith(separator, at)) {
      items.push(text.slice(start, at).trim());
      start = at + separator.length;
    }
  }
  items.push(text.slice(start).trim());
  return items;
}

/**
 * {@link splitTop} of `text.slice(from, to)`, from the offsets in `text` of the separator's character that
 * {@link scan} recorded at the depth of that slice: the same items, without walking the slice again.
 */
function splitAt(text: string, hits: readonly number[], separator: string, from: number, to: number): string[] {
  const items: string[] = [];
  let start = from;
  const lead = separator.startsWith(" ") ? 1 : 0;
  for (const i of hits) {
    if (i < from || i >= to) continue;
    const at = i - lead;
    if (at >= start && at + separator.length <= to && text.startsWith(separator, at)) {
      items.push(text.slice(start, at).trim());
      start = at + separator.length;
    }
  }
  items.push(text.slice(start, to).trim());
  return items;
}

/** Splits the inside of a group at its top-level separators (`,`, or `;` in a type literal). */
function splitItems(inner: string, separator: string): string[] {
  return splitTop(inner, separator).filter((item) => item !== "");
}

/** A line that only a type can be: a type alias, a member of a broken union, a member of a type literal. */
function typeContext(body: string): boolean {
  return body.startsWith("type ") || body.startsWith("export type ") || body.startsWith("| ") ||
    (body.endsWith(";") && MEMBER_KEY.test(body));
}

/** True for a group that can hold one item per line: arguments, parameters, arrays, objects, type literals. */
function breakable(text: string, group: Group): boolean {
  if (group.close === group.open + 1) return false;
  const before = text[group.open - 1] ?? " ";
  // `a[0]`, `T[]`: an index or array type, not an array literal
  if (group.kind === "[" && /[\w$)\]>]/.test(before)) return false;
  // `[key: string]:` (an index signature) or `["name"]:` (a computed key): one token, never broken
  if (group.kind === "[" && text[group.close + 1] === ":") return false;
  // the parameters of an arrow function stay on the arrow's line
  if (group.kind === "(" && text.startsWith(" =>", group.close + 1)) return false;
  return true;
}

/**
 * `line` as one or more lines of at most `width` columns where it can be broken (see the module doc).
 *
 * @example
 * ```ts
 * import { fitLine } from "./layout.ts";
 * fitLine("  return call(first, second);", 20);
 * // => ["  return call(", "    first,", "    second,", "  );"]
 * ```
 */
export function fitLine(line: string, width: number = LINE_WIDTH): string[] {
  const out: string[] = [];
  fitInto(line, width, out);
  return out;
}

/** {@link fitLine} appending to `out` (no array per line: this runs on every long line of a big output). */
function fitInto(line: string, width: number, out: string[], scanned?: Scan): void {
  if (line.length <= width || isComment(line)) {
    out.push(line);
    return;
  }
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  const body = n === 0 ? line : line.slice(n);
  const indent = line.slice(0, n);
  const deeper = indent + "  ";
  const { groups, arrows, assign, plus, bars, amps } = scanned ?? scan(body);

  // `type X = A & B` or `= A | B`: one member per line, each led by its operator
  if ((body.startsWith("type ") || body.startsWith("export type ") || body.startsWith("> = ")) && assign >= 0) {
    const head = indent + body.slice(0, assign + 1);
    const rhsEnd = body.endsWith(";") ? body.length - 1 : body.length;
    for (const op of [" | ", " & "]) {
      const members = splitAt(body, op === " | " ? bars : amps, op, assign + 2, rhsEnd);
      if (members.length > 1 && head.length <= width) {
        out.push(head);
        members.forEach((m, i) => {
          fitInto(`${deeper}${op.trim()} ${m}${i === members.length - 1 ? ";" : ""}`, width, out);
        });
        return;
      }
    }
    // `= Name<A, B>;` whose `Name<` fits: its type arguments one per line, without a trailing comma
    const last = groups.at(-1);
    if (last?.kind === "<" && last.open > assign && body.slice(last.close + 1) === ";") {
      const typeHead = indent + body.slice(0, last.open + 1);
      if (typeHead.length <= width) {
        const items = splitItems(body.slice(last.open + 1, last.close), ",");
        out.push(typeHead);
        items.forEach((item, i) => fitInto(`${deeper}${item}${i === items.length - 1 ? "" : ","}`, width, out));
        out.push(`${indent}>;`);
        return;
      }
    }
  }

  // `key?: A | B;`, a member of a broken type literal: one union member per line, each led by `|` (as deno fmt
  // does, but for a union that starts with a parenthesized type, which it breaks inside the parentheses)
  if (body.endsWith(";")) {
    const key = MEMBER_KEY.exec(body);
    if (key && body[key[0].length] !== "(") {
      const members = splitAt(body, bars, " | ", key[0].length, body.length - 1);
      if (members.length > 1 && indent.length + key[0].length <= width) {
        out.push(indent + key[0].trimEnd());
        members.forEach((m, i) => fitInto(`${deeper}| ${m}${i === members.length - 1 ? ";" : ""}`, width, out));
        return;
      }
    }
  }

  // `a + b + c` (a long message): as many operands per line as fit, then the rest one level deeper
  const operands: string[] = [];
  if (plus.length > 0) {
    let start = 0;
    for (const at of plus) {
      operands.push(body.slice(start, at).trim());
      start = at + 3;
    }
    operands.push(body.slice(start).trim());
  }
  if (operands.length > 1 && groups.every((g) => g.kind !== "{")) {
    const lines: string[] = [];
    let current = indent + operands[0];
    for (let i = 1; i < operands.length; i++) {
      const next = `${current} + ${operands[i]}`;
      if (next.length + (i < operands.length - 1 ? 2 : 0) <= width) current = next;
      else {
        lines.push(`${current} +`);
        current = deeper + operands[i];
      }
    }
    if (lines.length > 0) {
      for (const l of lines) out.push(l);
      out.push(current);
      return;
    }
  }

  // `if (condition) statement;` → a block
  const ifGroup = groups[0];
  if (body.startsWith("if (") && ifGroup?.open === 3) {
    const rest = body.slice(ifGroup.close + 1).trim();
    if (rest !== "" && !rest.startsWith("{")) {
      out.push(`${indent}${body.slice(0, ifGroup.close + 1)} {`);
      fitInto(deeper + rest, width, out);
      out.push(`${indent}}`);
      return;
    }
  }

  // `(x) => expression` that does not fit: the expression on the next line
  const arrow = arrows[0];
  if (arrow !== undefined) {
    const rest = body.slice(arrow + 2).trim();
    if (rest !== "" && !rest.startsWith("{")) {
      const head = indent + body.slice(0, arrow + 2);
      if (head.length <= width) {
        out.push(head);
        fitInto(deeper + rest, width, out);
        return;
      }
    }
  }

  // the last group whose opening line fits: one item per line (type arguments only when nothing else breaks)
  // (two passes over `groups`: brackets first, then type arguments)
  for (let g = 2 * groups.length - 1; g >= 0; g--) {
    const group = groups[g % groups.length];
    if ((g >= groups.length) === (group.kind === "<") || !breakable(body, group)) continue;
    const head = indent + body.slice(0, group.open + 1);
    if (head.length > width) continue;
    let separator = ",";
    let items = groupItems(body, group);
    if (group.kind === "{" && items.length <= 1) {
      const members = splitAt(body, group.semicolons ?? [], ";", group.open + 1, group.close).filter((m) => m !== "");
      // one member: `;` too where only a type can stand (a type alias, a union's member, a type literal's member)
      if (members.length > 1 || (members.length === 1 && typeContext(body))) [separator, items] = [";", members];
    }
    out.push(head);
    // type arguments take no trailing comma; type parameters (of a declaration) do; nor does a parenthesized
    // expression or type (`(A | B) | null`), where a comma is a syntax error: a `(` with one item that follows no
    // callee (calls and arrow parameters may end with a comma, but need not)
    const typeArguments = group.kind === "<" && !TYPE_PARAMETERS.test(body.slice(0, group.open));
    const grouping = group.kind === "(" && items.length === 1 && !CALLEE_END.test(body.slice(0, group.open));
    for (let i = 0; i < items.length; i++) {
      const last = i === items.length - 1;
      fitInto(deeper + items[i] + ((typeArguments || grouping) && last ? "" : separator), width, out);
    }
    fitInto(indent + body.slice(group.close), width, out);
    return;
  }

  // `name = value` where the value cannot be broken: the value on the next line
  if (assign >= 0) {
    const head = indent + body.slice(0, assign + 1);
    if (head.length <= width) {
      out.push(head);
      fitInto(deeper + body.slice(assign + 2), width, out);
      return;
    }
  }
  // `key: value,` of an object literal, likewise
  const property = /^(?:[\w$]+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'): /.exec(body);
  if (property && body.endsWith(",")) {
    // a member call chain breaks before its calls instead: `key: Name` / `.optional(),`
    const value = body.slice(property[0].length);
    const calls: number[] = [];
    for (const i of walk(value, ".")) {
      if (/[\w$)]/.test(value[i - 1] ?? "") && /^\.[\w$]+\(/.test(value.slice(i))) calls.push(i);
    }
    if (calls.length > 0 && (indent + property[0] + value.slice(0, calls[0])).length <= width) {
      out.push(indent + property[0] + value.slice(0, calls[0]));
      calls.forEach((at, i) => fitInto(deeper + value.slice(at, calls[i + 1] ?? value.length), width, out));
      return;
    }
    out.push(indent + property[0].trimEnd());
    fitInto(deeper + value, width, out);
    return;
  }
  out.push(line);
}

/** Opening minus closing brackets of a line (strings skipped): above 0 when the line opens a block. */
function depthChange(line: string): number {
  // char codes and the class table of walk(): it runs on every line of a block whose opening line is long
  let depth = 0;
  const length = line.length;
  for (let i = 0; i < length; i++) {
    const c = line.charCodeAt(i);
    const kind = c < 128 ? CLASS[c] : 0;
    if (kind === 0 || kind > 3) continue;
    if (kind === 2) depth++;
    else if (kind === 3) depth--;
    else {
      let j = i + 1;
      while (j < length && line.charCodeAt(j) !== c) j += line.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
    }
  }
  return depth;
}

function leadingSpaces(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

function isComment(line: string): boolean {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  return c === 42 || (c === 47 && (line.charCodeAt(i + 1) === 47 || line.charCodeAt(i + 1) === 42)); // * // /*
}

/** True when the line ends with `({` or `([`. */
function opensBlockArgument(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  return (last === 123 || last === 91) && line.charCodeAt(line.length - 2) === 40;
}

/** The index of the line that closes the block `lines[start]` opens, or -1; `first` is that line's depth change. */
function blockEnd(lines: readonly string[], start: number, first = depthChange(lines[start])): number {
  let depth = first;
  if (depth <= 0) return -1;
  for (let i = start + 1; i < lines.length; i++) {
    if (isComment(lines[i])) continue;
    depth += depthChange(lines[i]);
    if (depth <= 0) return i;
  }
  return -1;
}

/**
 * A block whose opening line (`const Name = z.object({`) is too long, laid out as deno fmt does: the call's
 * arguments broken (`z.object(` / `{`), else the member chain (`= z` / `.object({`), else the value after the
 * `=`; the lines inside one level deeper. Undefined when none of these applies.
 */
function reblock(
  lines: readonly string[],
  start: number,
  end: number,
  width: number,
  scanned?: Scan,
): string[] | undefined {
  const line = lines[start];
  const body = line.trimStart();
  const indent = line.slice(0, line.length - body.length);
  const deeper = indent + "  ";
  const inner = lines.slice(start + 1, end).map((l) => (l === "" ? l : "  " + l));
  const close = lines[end];
  const closeBody = close.trimStart();
  // `f({` … `});` → `f(` / `{` … `},` / `);`
  if (opensBlockArgument(body) && /^[}\]]\)/.test(closeBody) && (indent + body).length - 1 <= width) {
    return [
      indent + body.slice(0, -1),
      deeper + body.slice(-1),
      ...inner,
      deeper + closeBody[0] + ",",
      indent + closeBody.slice(1),
    ];
  }
  const { assign } = scanned ?? scan(body);
  if (assign < 0) return undefined;
  const lhs = body.slice(0, assign + 1);
  const rhs = body.slice(assign + 2);
  const chain = /^([\w$]+)(\.[\w$]+\(.*)$/.exec(rhs);
  if (chain && (indent + lhs + " " + chain[1]).length <= width) {
    return [indent + lhs + " " + chain[1], deeper + chain[2], ...inner, "  " + close];
  }
  if ((indent + lhs).length <= width) return [indent + lhs, deeper + rhs, ...inner, "  " + close];
  return undefined;
}

/**
 * Every line of `lines` fitted to `width`: a line that opens a block and is too long is laid out with its block
 * (see {@link reblock}), any other long line with {@link fitLine}; short lines are returned as they are.
 *
 * @example
 * ```ts
 * import { fitLines } from "./layout.ts";
 * fitLines(["const a = 1;"]); // => ["const a = 1;"]
 * ```
 */
export function fitLines(lines: readonly string[], width: number = LINE_WIDTH): string[] {
  const out: string[] = [];
  fitLinesInto(lines, out, width);
  return out;
}

/**
 * {@link fitLines} that appends to `out` (the writer's output array: no copy of a big file's lines), dropping a
 * blank line that would follow another (deno fmt keeps one at most).
 */
export function fitLinesInto(lines: readonly string[], out: string[], width: number = LINE_WIDTH): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length <= width || isComment(line)) {
      if (line !== "" || out[out.length - 1] !== "") out.push(line);
      continue;
    }
    // only an opening line that ends in `({`/`([` or holds an assignment outside brackets can be laid out with its
    // block: the line is scanned once for that, for reblock() and for fitInto(), and the lines of the block are
    // walked only then (a long `function f(options = {}): T {` is not laid out with its body)
    let scanned: Scan | undefined;
    const opens = opensBlockArgument(line);
    if (!opens && line.includes(" = ")) {
      const n = leadingSpaces(line);
      scanned = scan(n === 0 ? line : line.slice(n));
    }
    const end = scanned !== undefined && scanned.assign >= 0
      ? blockEnd(lines, i, scanned.depth)
      : opens
      ? blockEnd(lines, i)
      : -1;
    // reblock() scans the line without any leading white space, fitInto() without its leading spaces
    const block = end > i
      ? reblock(
        lines,
        i,
        end,
        width,
        scanned && line.trimStart().length === line.length - leadingSpaces(line) ? scanned : undefined,
      )
      : undefined;
    if (block && block[0].length <= width) {
      fitLinesInto(block, out, width);
      i = end;
    } else {
      fitInto(line, width, out, scanned);
    }
  }
}
