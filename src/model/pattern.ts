/**
 * What a schema's `pattern` becomes in the generated Zod: JSON Schema patterns are ECMA-262 regular expressions
 * meant with Unicode semantics (`^\p{L}+$` matches "José"), so they compile with the `u` flag when they are valid
 * under it, without it when only that works, and not at all when they do not compile or could backtrack
 * catastrophically (`^(a+)+$` takes seconds on 30 characters), since the generated hooks run them on user input.
 *
 * The safety check is a small static analysis in the spirit of `safe-regex` (star height), refined to flag only
 * ambiguous nesting: a repeated group whose inner repetition can be followed by the group's own start
 * (`(a+)+`, `(\d+\s?)+`, `(.*)*`), and a repeated alternation whose branches can start with the same character
 * (`(a|a)*`, `(\w|\d)+`). `([a-z]+\.)+` stays: the `.` separates the repetitions. It is pure and linear in the
 * pattern's length, so the core can run it on every pattern of a big spec.
 *
 * @module
 */

/** How a pattern is emitted, or why it is not. */
export type PatternPlan =
  | { kind: "unicode" }
  | { kind: "legacy"; reason: string }
  | { kind: "dropped"; code: "model/pattern-dropped" | "model/pattern-unsafe"; reason: string };

/**
 * Decides how `pattern` is compiled: with `u`, without it, or dropped (invalid, or open to catastrophic backtracking).
 *
 * @example
 * ```ts
 * import { planPattern } from "./pattern.ts";
 * planPattern("^\\p{L}+$").kind; // => "unicode"
 * planPattern("^[\\w\\_]+$").kind; // => "legacy"
 * planPattern("^(a+)+$").kind; // => "dropped"
 * planPattern("(unclosed").kind; // => "dropped"
 * ```
 */
export function planPattern(pattern: string): PatternPlan {
  // the model and the Zod printer both ask, and big specs repeat their patterns thousands of times
  let plan = planned.get(pattern);
  if (plan === undefined) {
    if (planned.size >= MAX_PLANNED) planned.clear(); // a long-lived watcher or playground stays bounded
    plan = Object.freeze(analyse(pattern));
    planned.set(pattern, plan);
  }
  return plan;
}

/** Plans already made, by pattern: the plan depends on the pattern alone. */
const planned = new Map<string, PatternPlan>();
const MAX_PLANNED = 10_000;

function analyse(pattern: string): PatternPlan {
  let unicode = true;
  if (!compiles(pattern, "u")) {
    if (!compiles(pattern, "")) {
      return { kind: "dropped", code: "model/pattern-dropped", reason: "it is not a valid regular expression" };
    }
    unicode = false;
  }
  const unsafe = catastrophicPart(pattern, unicode);
  if (unsafe !== undefined) {
    return {
      kind: "dropped",
      code: "model/pattern-unsafe",
      reason: `it can backtrack catastrophically (${unsafe})`,
    };
  }
  return unicode ? { kind: "unicode" } : {
    kind: "legacy",
    reason: "compiled without the u flag, as it is not valid in Unicode mode: \\p{…} escapes and characters past " +
      "U+FFFF are not read as JSON Schema means",
  };
}

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

// ---- a small regular-expression parser, enough to find ambiguous repetition ----

/** Sets of code points as sorted, disjoint, inclusive ranges. */
type Ranges = readonly (readonly [number, number])[];

const MAX_CODE_POINT = 0x10ffff;
const ANY: Ranges = [[0, MAX_CODE_POINT]];
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [
    0x2028,
    0x2029,
  ],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

type Node =
  | { t: "seq"; items: Node[] }
  | { t: "alt"; branches: Node[] }
  | { t: "atom"; first: Ranges }
  | { t: "empty" } // assertions, lookarounds (checked on their own), empty groups
  | { t: "backref" }
  | { t: "quant"; body: Node; min: number; max: number };

function normalize(ranges: [number, number][]): Ranges {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function complement(ranges: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [a, b] of normalize([...ranges.map(([x, y]) => [x, y] as [number, number])])) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function union(a: Ranges, b: Ranges): Ranges {
  return normalize([...a, ...b].map(([x, y]) => [x, y] as [number, number]));
}

function intersects(a: Ranges, b: Ranges): boolean {
  for (const [x1, y1] of a) for (const [x2, y2] of b) if (x1 <= y2 && x2 <= y1) return true;
  return false;
}

/** A recursive-descent reader of one pattern; throws on anything it does not understand (the caller is lenient). */
class Parser {
  #i = 0;
  constructor(readonly src: string, readonly unicode: boolean) {}

  parse(): Node {
    const node = this.#alternation();
    if (this.#i < this.src.length) throw new Error("unbalanced )");
    return node;
  }

  #peek(): string {
    return this.src[this.#i] ?? "";
  }

  #alternation(): Node {
    const branches = [this.#sequence()];
    while (this.#peek() === "|") {
      this.#i++;
      branches.push(this.#sequence());
    }
    return branches.length === 1 ? branches[0] : { t: "alt", branches };
  }

  #sequence(): Node {
    const items: Node[] = [];
    while (this.#i < this.src.length && this.#peek() !== "|" && this.#peek() !== ")") {
      const atom = this.#atom();
      items.push(this.#quantified(atom));
    }
    return { t: "seq", items };
  }

  #quantified(atom: Node): Node {
    const c = this.#peek();
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.#i));
      if (!m) return atom; // a literal brace (legacy mode)
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.#i += m[0].length - 1;
    } else return atom;
    this.#i++;
    if (this.#peek() === "?") this.#i++; // lazy: the same ambiguity
    return { t: "quant", body: atom, min, max };
  }

  #atom(): Node {
    const c = this.src[this.#i++];
    switch (c) {
      case "^":
      case "$":
        return { t: "empty" };
      case ".":
        return { t: "atom", first: ANY };
      case "[":
        return { t: "atom", first: this.#class() };
      case "(":
        return this.#group();
      case "\\":
        return this.#escape(false);
      default: {
        const cp = this.src.codePointAt(this.#i - 1)!;
        if (cp > 0xffff) this.#i++;
        return { t: "atom", first: [[cp, cp]] };
      }
    }
  }

  #group(): Node {
    const rest = this.src.slice(this.#i);
    let lookaround = false;
    if (rest.startsWith("?:")) this.#i += 2;
    else if (/^\?<?[=!]/.test(rest)) {
      lookaround = true;
      this.#i += rest[1] === "<" ? 3 : 2;
    } else if (rest.startsWith("?<")) this.#i = this.src.indexOf(">", this.#i) + 1;
    const body = this.#alternation();
    if (this.src[this.#i++] !== ")") throw new Error("unclosed (");
    if (lookaround) {
      this.lookarounds.push(body);
      return { t: "empty" };
    }
    return body;
  }

  /** Bodies of lookarounds: zero-width where they stand, but checked like the rest. */
  readonly lookarounds: Node[] = [];

  #escape(inClass: boolean): Node & { t: "atom" | "empty" | "backref" } {
    const c = this.src[this.#i++] ?? "";
    const set = (r: Ranges) => ({ t: "atom" as const, first: r });
    switch (c) {
      case "d":
        return set(DIGIT);
      case "D":
        return set(complement(DIGIT));
      case "w":
        return set(WORD);
      case "W":
        return set(complement(WORD));
      case "s":
        return set(SPACE);
      case "S":
        return set(complement(SPACE));
      case "b":
        return inClass ? set([[8, 8]]) : { t: "empty" };
      case "B":
        return { t: "empty" };
      case "p":
      case "P":
        if (this.unicode && this.#peek() === "{") {
          this.#i = this.src.indexOf("}", this.#i) + 1;
          return set(ANY);
        }
        return set([[c.charCodeAt(0), c.charCodeAt(0)]]);
      case "k":
        if (this.#peek() === "<") {
          this.#i = this.src.indexOf(">", this.#i) + 1;
          return { t: "backref" };
        }
        return set([[0x6b, 0x6b]]);
      case "n":
        return set([[10, 10]]);
      case "r":
        return set([[13, 13]]);
      case "t":
        return set([[9, 9]]);
      case "v":
        return set([[11, 11]]);
      case "f":
        return set([[12, 12]]);
      case "0":
        return set([[0, 0]]);
      case "c": {
        const letter = this.#peek();
        if (/[A-Za-z]/.test(letter)) {
          this.#i++;
          return set([[letter.charCodeAt(0) % 32, letter.charCodeAt(0) % 32]]);
        }
        return set([[0x5c, 0x5c]]);
      }
      case "x": {
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.#i));
        if (!m) return set([[0x78, 0x78]]);
        this.#i += 2;
        const v = parseInt(m[0], 16);
        return set([[v, v]]);
      }
      case "u": {
        const rest = this.src.slice(this.#i);
        const m = /^[0-9a-fA-F]{4}/.exec(rest) ?? (this.unicode ? /^\{([0-9a-fA-F]+)\}/.exec(rest) : null);
        if (!m) return set([[0x75, 0x75]]);
        this.#i += m[0].length;
        const v = parseInt(m[1] ?? m[0], 16);
        return set([[v, v]]);
      }
      default:
        if (/[1-9]/.test(c) && !inClass) {
          while (/[0-9]/.test(this.#peek())) this.#i++;
          return { t: "backref" };
        }
        return set([[c.codePointAt(0) ?? 0, c.codePointAt(0) ?? 0]]);
    }
  }

  #class(): Ranges {
    let negated = false;
    if (this.#peek() === "^") {
      negated = true;
      this.#i++;
    }
    let ranges: Ranges = [];
    const single = (): Ranges | undefined => {
      const c = this.src[this.#i++];
      if (c === "\\") {
        const e = this.#escape(true);
        return e.t === "atom" ? e.first : undefined;
      }
      const cp = this.src.codePointAt(this.#i - 1)!;
      if (cp > 0xffff) this.#i++;
      return [[cp, cp]];
    };
    while (this.#i < this.src.length && this.#peek() !== "]") {
      const from = single() ?? [];
      if (this.#peek() === "-" && this.src[this.#i + 1] !== "]" && this.#i + 1 < this.src.length) {
        this.#i++;
        const to = single() ?? [];
        if (from.length === 1 && to.length === 1 && from[0][0] === from[0][1] && to[0][0] === to[0][1]) {
          ranges = union(ranges, [[from[0][0], to[0][0]]]);
          continue;
        }
        ranges = union(union(ranges, from), union(to, [[0x2d, 0x2d]]));
        continue;
      }
      ranges = union(ranges, from);
    }
    if (this.src[this.#i++] !== "]") throw new Error("unclosed [");
    return negated ? complement(ranges) : ranges;
  }
}

/** True when `node` can match the empty string. */
function nullable(node: Node): boolean {
  switch (node.t) {
    case "seq":
      return node.items.every(nullable);
    case "alt":
      return node.branches.some(nullable);
    case "atom":
      return false;
    case "empty":
    case "backref":
      return true;
    case "quant":
      return node.min === 0 || nullable(node.body);
  }
}

/** The characters a match of `node` can start with. */
function first(node: Node): Ranges {
  switch (node.t) {
    case "seq": {
      let out: Ranges = [];
      for (const item of node.items) {
        out = union(out, first(item));
        if (!nullable(item)) break;
      }
      return out;
    }
    case "alt":
      return node.branches.reduce<Ranges>((acc, b) => union(acc, first(b)), []);
    case "atom":
      return node.first;
    case "empty":
      return [];
    case "backref":
      return ANY;
    case "quant":
      return node.max === 0 ? [] : first(node.body);
  }
}

function show(node: Node): string {
  return node.t === "alt" ? "alternatives that overlap under a repetition" : "a repetition nested in another";
}

/**
 * The first ambiguous repetition found in `pattern`, described, or `undefined` when there is none (or when the
 * pattern uses syntax this reader does not follow, which it then trusts, as it compiled).
 */
function catastrophicPart(pattern: string, unicode: boolean): string | undefined {
  let root: Node;
  const parser = new Parser(pattern, unicode);
  try {
    root = parser.parse();
  } catch {
    return undefined;
  }
  for (const tree of [root, ...parser.lookarounds]) {
    const found = findAmbiguity(tree);
    if (found) return show(found);
  }
  return undefined;
}

/** The first node under an unbounded repetition that makes it ambiguous. */
function findAmbiguity(node: Node): Node | undefined {
  switch (node.t) {
    case "seq":
      for (const item of node.items) {
        const found = findAmbiguity(item);
        if (found) return found;
      }
      return undefined;
    case "alt":
      for (const b of node.branches) {
        const found = findAmbiguity(b);
        if (found) return found;
      }
      return undefined;
    case "quant": {
      if (node.max === Infinity && !isEmptyMatch(node.body)) {
        const inner = ambiguousInside(node.body, first(node.body));
        if (inner) return inner;
        const alt = unwrapAlt(node.body);
        if (alt && overlappingBranches(alt)) return alt;
      }
      return findAmbiguity(node.body);
    }
    default:
      return undefined;
  }
}

function isEmptyMatch(node: Node): boolean {
  return first(node).length === 0;
}

function unwrapAlt(node: Node): Extract<Node, { t: "alt" }> | undefined {
  if (node.t === "alt") return node;
  if (node.t === "seq" && node.items.length === 1) return unwrapAlt(node.items[0]);
  return undefined;
}

function overlappingBranches(alt: Extract<Node, { t: "alt" }>): boolean {
  const firsts = alt.branches.map(first);
  for (let i = 0; i < firsts.length; i++) {
    for (let j = i + 1; j < firsts.length; j++) if (intersects(firsts[i], firsts[j])) return true;
  }
  return false;
}

/**
 * An unbounded repetition inside the body of an outer one whose characters can also come right after it (`follow`:
 * what can follow it in the body, and the body's own start when the rest of the body can be empty): then a run of
 * those characters splits between the repetitions in exponentially many ways (`(a+)+`, `(\d+\s?)+`, `(([a-z])+.)+`).
 */
function ambiguousInside(node: Node, follow: Ranges): Node | undefined {
  switch (node.t) {
    case "seq":
      for (let i = 0; i < node.items.length; i++) {
        let after: Ranges = [];
        let restNullable = true;
        for (const next of node.items.slice(i + 1)) {
          after = union(after, first(next));
          if (!nullable(next)) {
            restNullable = false;
            break;
          }
        }
        const found = ambiguousInside(node.items[i], restNullable ? union(after, follow) : after);
        if (found) return found;
      }
      return undefined;
    case "alt":
      for (const b of node.branches) {
        const found = ambiguousInside(b, follow);
        if (found) return found;
      }
      return undefined;
    case "quant":
      if (node.max === Infinity && intersects(first(node.body), follow)) return node;
      return ambiguousInside(node.body, node.max > 1 ? union(first(node.body), follow) : follow);
    default:
      return undefined;
  }
}
