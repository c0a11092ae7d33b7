/**
 * Depth limits, checked once at load so that no later stage (the YAML parser, the model's schema
 * conversion, the emitters, all of which recurse) can run out of stack on a hostile spec.
 *
 * - {@link MAX_NESTING}: objects and arrays inside each other in the document itself.
 * - {@link MAX_REF_DEPTH}: the same, counted through `$ref`s, the way the model walks a schema: a
 *   property whose schema is a `$ref` continues at the target's depth. A `$ref` back to a schema
 *   already being walked (a recursive schema) ends the walk there, as it does in the model.
 *
 * The nesting walk recurses at most {@link MAX_NESTING} + 1 frames deep (it throws there), and the `$ref` walk is
 * iterative (an explicit stack), so measuring can never overflow either.
 *
 * @module
 */
import { type Diagnostic, pointerSegment, SpecError } from "./diagnostics.ts";
import { parseRef } from "./resolve.ts";

/** The deepest nesting of objects and arrays a spec may have. */
export const MAX_NESTING = 256;

/** The deepest nesting a schema may reach when followed through its `$ref`s. */
export const MAX_REF_DEPTH = 512;

/** A `$ref` found in the document: the pointer of the object that holds it, and its local target. */
interface RefSite {
  pointer: string;
  depth: number;
  target: string;
}

/**
 * Checks both depth limits of a parsed document.
 *
 * @param document the parsed spec
 * @param place adds the line and column of a pointer to a diagnostic
 * @throws {SpecError} `spec/too-deep`, naming the JSON pointer where the document first goes too deep
 *
 * @example
 * ```ts
 * import { checkDepth } from "./depth.ts";
 * checkDepth({ openapi: "3.1.0", paths: {} }, (d) => d); // no error
 * ```
 */
export function checkDepth(document: unknown, place: (d: Diagnostic) => Diagnostic): void {
  const refs = walkNesting(document, place);
  checkRefDepth(refs, place);
}

/** Walks the document; throws past {@link MAX_NESTING}; returns the local `$ref`s, sorted by pointer. */
function walkNesting(document: unknown, place: (d: Diagnostic) => Diagnostic): RefSite[] {
  const refs: RefSite[] = [];
  // The keys from the root to the node being walked: `path[d]` leads from depth d to depth d + 1.
  const path: string[] = [];
  // `pointers[d]` is the pointer of the node at depth d, valid for d ≤ `built`: built only for the nodes that hold
  // a `$ref` (most nodes have none), and shared by siblings, so that each segment is escaped about once.
  const pointers: string[] = [""];
  let built = 0;
  const pointerAt = (depth: number): string => {
    for (; built < depth; built++) pointers[built + 1] = pointers[built] + "/" + pointerSegment(path[built]);
    return pointers[depth];
  };
  const step = (depth: number, key: string): void => {
    path[depth] = key;
    if (built > depth) built = depth;
  };
  // `for…in` walks a plain object's keys without allocating an array of them (the document has some hundred
  // thousand objects); it is the same as `Object.keys` while no prototype it could inherit from has enumerable keys.
  const forInIsOwn = !hasEnumerableKey(Object.prototype);
  // Recursion is safe: it stops at MAX_NESTING + 1 frames, where the walk throws.
  const visit = (value: object, depth: number): void => {
    if (depth > MAX_NESTING) {
      throw new SpecError(place({
        code: "spec/too-deep",
        severity: "error",
        message: `The document nests deeper than ${MAX_NESTING} levels here: flatten it, or move deep schemas ` +
          `into components`,
        pointer: pointerAt(depth),
      }));
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child === null || typeof child !== "object") continue;
        step(depth, String(i));
        visit(child, depth + 1);
      }
      return;
    }
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string") {
      const target = parseRef(ref);
      if (target.kind === "local") refs.push({ pointer: pointerAt(depth), depth, target: target.pointer });
    }
    const record = value as Record<string, unknown>;
    const proto = Object.getPrototypeOf(value);
    if (forInIsOwn && (proto === Object.prototype || proto === null)) {
      for (const key in record) {
        const child = record[key];
        if (child === null || typeof child !== "object") continue;
        step(depth, key);
        visit(child, depth + 1);
      }
    } else {
      for (const key of Object.keys(record)) {
        const child = record[key];
        if (child === null || typeof child !== "object") continue;
        step(depth, key);
        visit(child, depth + 1);
      }
    }
  };
  if (document !== null && typeof document === "object") visit(document, 0);
  return refs.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function hasEnumerableKey(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/**
 * The depth a walk reaches through `$ref`s, from every `$ref` in the document: the `$ref`'s own depth plus
 * how deep its target goes (the deepest `$ref` inside the target, plus how deep that one's target goes, …).
 */
function checkRefDepth(refs: RefSite[], place: (d: Diagnostic) => Diagnostic): void {
  if (refs.length === 0) return;
  const pointers = refs.map((r) => r.pointer);
  /** The indexes of the refs at `target` or inside its subtree. */
  const inside = (target: string): number[] => {
    const found: number[] = [];
    const exact = lowerBound(pointers, target);
    if (pointers[exact] === target) found.push(exact);
    const prefix = target + "/";
    for (let i = lowerBound(pointers, prefix); i < refs.length && pointers[i].startsWith(prefix); i++) found.push(i);
    return found;
  };
  const segments = (pointer: string) => (pointer === "" ? 0 : pointer.split("/").length - 1);

  // reach(t): how much deeper than `t` a walk from `t` goes through refs; best(t): the ref that goes deepest.
  const reach = new Map<string, number>();
  const best = new Map<string, number>();
  const onStack = new Set<string>();
  for (const root of new Set(refs.map((r) => r.target))) {
    if (reach.has(root)) continue;
    const stack: { target: string; sites: number[]; at: number; deepest: number; via: number }[] = [];
    const push = (target: string) => {
      onStack.add(target);
      stack.push({ target, sites: inside(target), at: 0, deepest: 0, via: -1 });
    };
    push(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.at < frame.sites.length) {
        const r = refs[frame.sites[frame.at]];
        if (!reach.has(r.target) && !onStack.has(r.target)) {
          push(r.target); // come back to this ref once its target is measured
          continue;
        }
        // a target on the stack is a recursive schema: the walk stops there, as the model's does
        const depth = r.depth - segments(frame.target) + (reach.get(r.target) ?? 0);
        if (depth > frame.deepest) [frame.deepest, frame.via] = [depth, frame.sites[frame.at]];
        frame.at++;
        continue;
      }
      stack.pop();
      onStack.delete(frame.target);
      reach.set(frame.target, frame.deepest);
      best.set(frame.target, frame.via);
    }
  }

  for (const start of refs) {
    if (start.depth + (reach.get(start.target) ?? 0) <= MAX_REF_DEPTH) continue;
    // Follow the deepest chain from this ref to the first ref past the limit, and name that one.
    let at = start;
    let base = start.depth; // the depth `at.target` is reached at
    const chain = [start.pointer];
    for (let hops = 0; hops < refs.length; hops++) {
      const via = best.get(at.target) ?? -1;
      if (via < 0) break;
      const r = refs[via];
      const depth = base + r.depth - segments(at.target);
      chain.push(r.pointer);
      if (depth > MAX_REF_DEPTH) {
        at = r;
        break;
      }
      at = r;
      base = depth;
    }
    throw new SpecError(place({
      code: "spec/too-deep",
      severity: "error",
      message: `Schemas nest deeper than ${MAX_REF_DEPTH} levels through ${chain.length} chained $refs ` +
        `(from #${start.pointer}): flatten the chain`,
      pointer: at.pointer,
    }));
  }
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
