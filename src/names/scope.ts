/**
 * One name scope: hands out names that are unique within one run, in a fixed order, so that the same model
 * always gets the same names. The model uses case-insensitive scopes (its names also become file names); the
 * emitters use case-sensitive ones, with a fork per function for its local names.
 *
 * @module
 */

/** Options of a {@link NameScope}. */
export interface NameScopeOptions {
  /**
   * Names that differ only in case clash (`Order` and `order`): for names that also become file names.
   * @default {false}
   */
  ignoreCase?: boolean;
  /**
   * What goes between a name and its number (`order-2` for file names).
   * @default {""}
   */
  separator?: string;
}

/**
 * Hands out unique names: `claim("Order", ["", "Schema"])` takes `Order` and `OrderSchema`, or `Order2` and
 * `Order2Schema` when either is taken.
 *
 * @example
 * ```ts
 * import { NameScope } from "./scope.ts";
 * const names = new NameScope(["ApiError"]);
 * names.claim("ApiError", ["", "Schema"]); // => "ApiError2"
 * names.claim("Order"); // => "Order"
 * names.claim("Order"); // => "Order2"
 * new NameScope(["order"], { ignoreCase: true }).claim("Order"); // => "Order2"
 * ```
 */
export class NameScope {
  #taken = new Set<string>();
  #parent: NameScope | undefined;
  #ignoreCase: boolean;
  #separator: string;

  /**
   * Starts with `reserved` taken.
   *
   * @param reserved names that are never handed out
   * @param options how names compare
   */
  constructor(reserved: Iterable<string> = [], options: NameScopeOptions = {}) {
    this.#ignoreCase = options.ignoreCase ?? false;
    this.#separator = options.separator ?? "";
    for (const name of reserved) this.#taken.add(this.#key(name));
  }

  #key(name: string): string {
    return this.#ignoreCase ? name.toLowerCase() : name;
  }

  /** Takes `name` exactly (for names that must not move); returns false when it was already taken. */
  reserve(name: string): boolean {
    if (this.has(name)) return false;
    this.#taken.add(this.#key(name));
    return true;
  }

  /** True when `name` is taken here or in a scope this one was forked from. */
  has(name: string): boolean {
    // inline, not #key(): the schema plan asks this some hundred thousand times on a big spec
    const key = this.#ignoreCase ? name.toLowerCase() : name;
    if (this.#taken.has(key)) return true;
    // a loop, not recursion: the client checks every name against two ancestors
    for (let a = this.#parent; a !== undefined; a = a.#parent) {
      if (a.#taken.has(key)) return true;
    }
    return false;
  }

  /**
   * A child for names local to one function: it sees every name this one has (now or later) and takes its own
   * without touching this one. O(1): big specs fork once per operation.
   */
  fork(): NameScope {
    const child = new NameScope([], { ignoreCase: this.#ignoreCase, separator: this.#separator });
    child.#parent = this;
    return child;
  }

  /**
   * Takes `base + suffix` for every suffix, with the smallest numeric tail (none, 2, 3, …, after the separator)
   * that keeps them all free, and returns the base with its tail.
   */
  claim(base: string, suffixes: readonly string[] = [""]): string {
    for (let n = 1;; n++) {
      const candidate = n === 1 ? base : `${base}${this.#separator}${n}`;
      let free = true;
      for (const s of suffixes) {
        if (this.has(candidate + s)) {
          free = false;
          break;
        }
      }
      if (free) {
        for (const s of suffixes) this.#taken.add(this.#key(candidate + s));
        return candidate;
      }
    }
  }
}
