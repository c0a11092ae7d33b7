/**
 * A quick look at how deep YAML text nests, before the YAML parser (which recurses, and runs out of stack
 * somewhere past 900 levels) sees it.
 *
 * The estimate counts, for each line, the open block collections (by indentation), the `- ` sequence
 * entries that start the line, and the open flow collections (`[`, `{`), skipping quoted text, comments
 * and block scalars. It is never far from the real depth (at most about half of it for sequences written at
 * their parent key's indentation), which is all it needs to be: the exact limit, with its JSON pointer, is
 * checked on the parsed document (`depth.ts`).
 *
 * @module
 */

/**
 * The offset at which YAML text first nests deeper than `limit` by the estimate, or `undefined`.
 *
 * @example
 * ```ts
 * import { yamlTooDeepAt } from "./yaml_depth.ts";
 * yamlTooDeepAt("a: [[[1]]]\n", 3); // => 5
 * yamlTooDeepAt("a:\n  b: [1]\n", 3); // => undefined
 * ```
 */
export function yamlTooDeepAt(text: string, limit: number): number | undefined {
  const indents: number[] = []; // indentation of the open block collections
  let flow = 0; // open flow collections
  let blockScalarIndent = -1; // inside a `|` or `>` scalar: the indentation of the line that opened it
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - start;
    const blank = i >= end || text[i] === "#" || text[i] === "\r";
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      start = end + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (blank) {
      start = end + 1;
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let depth = indents.length + flow;
    if (depth > limit) return i;
    let tokenStart = true; // at the start of a value: where `[`, `{` and `- ` mean structure
    let lastNonSpace = "";
    for (; i < end; i++) {
      const c = text[i];
      if (c === " " || c === "\t" || c === "\r") continue;
      if (c === "#" && (i === start || text[i - 1] === " " || text[i - 1] === "\t")) break;
      if (c === "'" || c === '"') {
        i = skipQuoted(text, i, end);
        tokenStart = false;
      } else if ((c === "[" || c === "{") && (tokenStart || flow > 0)) {
        flow++;
        depth++;
        if (depth > limit) return i;
        tokenStart = true;
      } else if ((c === "]" || c === "}") && flow > 0) {
        flow--;
        depth--;
        tokenStart = false;
      } else if (c === "-" && tokenStart && flow === 0 && /[ \r]/.test(text[i + 1] ?? " ")) {
        depth++; // a sequence entry: `- - x` opens two
        if (depth > limit) return i;
      } else if (c === ":" || c === ",") {
        tokenStart = true;
      } else {
        tokenStart = false;
      }
      lastNonSpace = c;
    }
    if (flow === 0 && /^[|>]/.test(lastTokenOf(text, start, end, lastNonSpace))) blockScalarIndent = indent;
    start = end + 1;
  }
  return undefined;
}

/** The end of a quoted scalar that starts at `i` (or the line's end, for one that goes on). */
function skipQuoted(text: string, i: number, end: number): number {
  const quote = text[i];
  for (let j = i + 1; j < end; j++) {
    if (quote === '"' && text[j] === "\\") j++;
    else if (text[j] === quote) {
      if (quote === "'" && text[j + 1] === "'") j++;
      else return j;
    }
  }
  return end;
}

/** The line's last space-separated token before a comment, to spot a block scalar header (`|`, `>-`, `|2+`). */
function lastTokenOf(text: string, start: number, end: number, lastNonSpace: string): string {
  if (!/[|>+\-0-9]/.test(lastNonSpace)) return "";
  const line = text.slice(start, end).replace(/\s+#.*$/, "").trimEnd();
  const token = line.slice(line.lastIndexOf(" ") + 1);
  return /^[|>][+\-]?[0-9]?[+\-]?$/.test(token) ? token : "";
}
