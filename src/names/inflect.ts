/**
 * Inflection: singular and plural forms of words and snake/kebab phrases, and snake_case names.
 *
 * @module
 */
// @ts-types="@types/pluralize"
import pluralize from "pluralize";
import { identifier, words } from "./identifiers.ts";

// Words pluralize gets wrong for APIs, or that must stay as they are.
const UNCOUNTABLE = new Set(["data", "metadata", "media", "info", "feedback", "news", "series", "species", "settings"]);

/**
 * The singular of a lower-case word or snake/kebab phrase (only the last word changes).
 *
 * @example
 * ```ts
 * import { singular } from "./inflect.ts";
 * singular("categories"); // => "category"
 * singular("order_items"); // => "order_item"
 * singular("people"); // => "person"
 * ```
 */
export function singular(name: string): string {
  return known(singulars, name, singularOf);
}

const singularOf = (name: string) =>
  mapLastWord(name, (w) => (UNCOUNTABLE.has(w.toLowerCase()) ? w : pluralize.singular(w)));

/**
 * The plural of a lower-case word or snake/kebab phrase (only the last word changes).
 *
 * @example
 * ```ts
 * import { plural } from "./inflect.ts";
 * plural("status"); // => "statuses"
 * plural("order_item"); // => "order_items"
 * ```
 */
export function plural(name: string): string {
  return known(plurals, name, pluralOf);
}

const pluralOf = (name: string) =>
  mapLastWord(name, (w) => (UNCOUNTABLE.has(w.toLowerCase()) ? w : pluralize.plural(w)));

/** True when the last word reads as a plural (`orders`, `people`; not `metadata`), so a path segment names a collection. */
export function isPluralWord(name: string): boolean {
  return known(pluralWords, name, isPluralOf);
}

function isPluralOf(name: string): boolean {
  const last = lastWord(name).toLowerCase();
  if (UNCOUNTABLE.has(last)) return false;
  return pluralize.isPlural(last) && pluralize.singular(last) !== last;
}

/**
 * {@link singular}, {@link plural}, {@link isPluralWord}, {@link snakeCase} and `identifier()`, remembered
 * per text for one run.
 *
 * pluralize tries hundreds of regular expressions per word, and a big spec asks about the same few
 * hundred path words and parameter names thousands of times; one instance per generate() call keeps
 * that cheap without state that outlives the run.
 *
 * @example
 * ```ts
 * import { Inflector } from "./inflect.ts";
 * const inflect = new Inflector();
 * inflect.plural("category"); // => "categories"
 * ```
 */
export class Inflector {
  #singular = new Map<string, string>();
  #plural = new Map<string, string>();
  #isPlural = new Map<string, boolean>();
  #snake = new Map<string, string>();
  #camel = new Map<string, string>();
  #pascal = new Map<string, string>();

  /** Memoized {@link singular}. */
  singular(name: string): string {
    return remember(this.#singular, name, singular);
  }

  /** Memoized {@link plural}. */
  plural(name: string): string {
    return remember(this.#plural, name, plural);
  }

  /** Memoized {@link isPluralWord}. */
  isPluralWord(name: string): boolean {
    return remember(this.#isPlural, name, isPluralWord);
  }

  /** Memoized {@link snakeCase}. */
  snakeCase(text: string): string {
    return remember(this.#snake, text, snakeCase);
  }

  /** Memoized `identifier()` of the code writer. */
  identifier(text: string, style: "camel" | "pascal"): string {
    return style === "camel"
      ? remember(this.#camel, text, camelIdentifier)
      : remember(this.#pascal, text, pascalIdentifier);
  }
}

// pluralize's answers for this process, shared by every run: warm runs (watch, the playground, a server) ask about
// the same words again, and each costs hundreds of regular expressions. Bounded: cleared past MAX_KNOWN words.
const singulars = new Map<string, string>();
const plurals = new Map<string, string>();
const pluralWords = new Map<string, boolean>();
const MAX_KNOWN = 50_000;

function known<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_KNOWN) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}

const camelIdentifier = (text: string) => identifier(text, "camel");
const pascalIdentifier = (text: string) => identifier(text, "pascal");

function remember<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}

function lastWord(name: string): string {
  const m = /([A-Za-z0-9]+)[^A-Za-z0-9]*$/.exec(name);
  return m ? m[1] : name;
}

function mapLastWord(name: string, f: (w: string) => string): string {
  const m = /^(.*?)([A-Za-z0-9]+)([^A-Za-z0-9]*)$/.exec(name);
  if (!m) return name;
  const [, head, word, tail] = m;
  // camelCase: change only the last hump (`orderItem` → `orderItems`)
  const hump = /^(.*[a-z0-9])([A-Z][a-z0-9]*)$/.exec(word);
  if (hump) return head + hump[1] + f(hump[2]) + tail;
  return head + f(word) + tail;
}

/**
 * A resource name in snake_case from any text: `Task Comments` → `task_comments`, `orderItems` → `order_items`.
 *
 * @example
 * ```ts
 * import { snakeCase } from "./inflect.ts";
 * snakeCase("Task Comments"); // => "task_comments"
 * ```
 */
export function snakeCase(text: string): string {
  return words(text).map((w) => w.toLowerCase()).join("_");
}
