/**
 * Following `$ref`s inside one OpenAPI document.
 *
 * A {@link RefResolver} belongs to one document and one generation run: it memoizes what
 * each `$ref` string leads to and collects its warnings. Only local refs (`#/…`) are
 * followed; the model stage decides what to do with recursive schemas, since the resolver
 * only ever follows refs one node at a time.
 *
 * @module
 */
import { type Diagnostic, SpecError, splitPointer } from "./diagnostics.ts";
import type { Position } from "./json_text.ts";
import { withPosition } from "./load.ts";

/** A value and the JSON pointer it was found at. */
export interface Resolved<T = unknown> {
  /** The value (the target of the refs, when the node was a `$ref`). */
  value: T;
  /** Where the value is in the document. */
  pointer: string;
}

/** What a `$ref` string points to: a place in this document, or something outside it. */
export type RefTarget =
  | { kind: "local"; pointer: string }
  | { kind: "external"; ref: string }
  | { kind: "unsupported"; ref: string; reason: string };

/** Options of {@link RefResolver}. */
export interface RefResolverOptions {
  /** Gives errors and diagnostics their line and column (pass {@link LoadedSpec.locate}). */
  locate?: (pointer: string) => Position | undefined;
}

/**
 * Whether a node is a reference: an object with a string `$ref`.
 *
 * @example
 * ```ts
 * import { isRef } from "./resolve.ts";
 * isRef({ $ref: "#/components/schemas/Pet" }); // => true
 * isRef({ properties: { $ref: { type: "string" } } }); // => false
 * ```
 */
export function isRef(node: unknown): node is { $ref: string } {
  return typeof node === "object" && node !== null && !Array.isArray(node) &&
    typeof (node as { $ref?: unknown }).$ref === "string";
}

/**
 * Reads a `$ref` string: `#/a~1b/c%20d` is the local pointer `/a~1b/c d` (percent-decoded,
 * still pointer-escaped); `other.yaml#/x` and `https://…` are external; a plain-name
 * fragment such as `#Pet` (a JSON Schema anchor) is unsupported.
 *
 * @example
 * ```ts
 * import { parseRef } from "./resolve.ts";
 * parseRef("#/components/schemas/Pet%20Owner"); // => { kind: "local", pointer: "/components/schemas/Pet Owner" }
 * parseRef("common.yaml#/Pet"); // => { kind: "external", ref: "common.yaml#/Pet" }
 * ```
 */
export function parseRef(ref: string): RefTarget {
  if (ref !== "" && !ref.startsWith("#")) return { kind: "external", ref };
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return { kind: "unsupported", ref, reason: "its percent-encoding is broken" };
  }
  if (fragment === "" || fragment.startsWith("/")) return { kind: "local", pointer: fragment };
  return { kind: "unsupported", ref, reason: "only JSON pointer fragments (#/…) are supported" };
}

const MISSING: unique symbol = Symbol("missing");

/**
 * Follows local `$ref`s in one document. Create one per generation run; it memoizes by
 * `$ref` string and collects warnings in {@link RefResolver.diagnostics}.
 *
 * - A chain of refs (`A → B → C`) is followed to its end.
 * - A cycle of pure refs (`A → B → A`) throws a {@link SpecError} (`spec/ref-cycle`).
 * - A ref to a place that does not exist throws a {@link SpecError}
 *   (`spec/unresolved-ref`) at the pointer of that `$ref`.
 * - An external ref (`other.yaml#/x`, `https://…`) or an unsupported one (`#anchor`) adds
 *   a warning (`spec/external-ref`, `spec/unsupported-ref`), once per ref string, and
 *   resolves to `undefined`, so the caller can fall back to `unknown`.
 *
 * @example
 * ```ts
 * import { RefResolver } from "./resolve.ts";
 * const doc = {
 *   components: { schemas: { Id: { $ref: "#/components/schemas/Uuid" }, Uuid: { type: "string" } } },
 * };
 * const refs = new RefResolver(doc);
 * refs.resolve({ $ref: "#/components/schemas/Id" }, "/paths/~1a/get/parameters/0/schema");
 * // => { value: { type: "string" }, pointer: "/components/schemas/Uuid" }
 * ```
 */
export class RefResolver {
  /** The document refs are resolved in. */
  readonly document: unknown;
  /** Warnings: external and unsupported refs. */
  readonly diagnostics: Diagnostic[] = [];
  readonly #locate: (pointer: string) => Position | undefined;
  readonly #cache = new Map<string, Resolved | undefined>();

  /**
   * Makes a resolver for one document.
   *
   * @param document the whole OpenAPI document
   * @param options where to find lines and columns
   */
  constructor(document: unknown, options: RefResolverOptions = {}) {
    this.document = document;
    this.#locate = options.locate ?? (() => undefined);
  }

  /**
   * The value at a JSON pointer, or `undefined` when there is none. Does not follow
   * `$ref`s on the way, and only reads own properties (so `/constructor` is `undefined`).
   *
   * @example
   * ```ts
   * import { RefResolver } from "./resolve.ts";
   * new RefResolver({ paths: { "/a/{id}": { get: {} } } }).get("/paths/~1a~1{id}/get");
   * // => {}
   * ```
   */
  get(pointer: string): unknown {
    const value = this.#lookup(pointer);
    return value === MISSING ? undefined : value;
  }

  /**
   * Follows `node` (found at `pointer`) through its chain of `$ref`s. A node that is not a
   * ref comes back as it is, with its own pointer. `undefined` means an external or
   * unsupported ref (a warning was added).
   *
   * @example
   * ```ts
   * import { RefResolver } from "./resolve.ts";
   * const refs = new RefResolver({ components: { responses: { NotFound: { description: "Gone" } } } });
   * refs.resolve({ $ref: "#/components/responses/NotFound" }, "/paths/~1a/get/responses/404");
   * // => { value: { description: "Gone" }, pointer: "/components/responses/NotFound" }
   * refs.resolve({ $ref: "common.yaml#/Error" }, "/x"); // => undefined, with a spec/external-ref warning
   * ```
   */
  resolve(node: unknown, pointer: string): Resolved | undefined {
    if (!isRef(node)) return { value: node, pointer };
    // a ref followed before (most of them, in a big spec): no chain to track
    const known = this.#cache.get(node.$ref);
    if (known !== undefined || this.#cache.has(node.$ref)) return known;
    const chain: string[] = [];
    const inChain = new Set<string>(); // a long chain of refs must not cost its length squared
    let current: unknown = node;
    let at = pointer;
    let result: Resolved | undefined;
    for (;;) {
      if (!isRef(current)) {
        result = { value: current, pointer: at };
        break;
      }
      const ref = current.$ref;
      if (this.#cache.has(ref)) {
        result = this.#cache.get(ref);
        break;
      }
      if (inChain.has(ref)) {
        const loop = [...chain.slice(chain.indexOf(ref)), ref].join(" → ");
        throw this.#error("spec/ref-cycle", `The $ref chain loops: ${loop}`, `${pointer}/$ref`);
      }
      chain.push(ref);
      inChain.add(ref);
      const target = parseRef(ref);
      if (target.kind === "external") {
        this.#warn(
          "spec/external-ref",
          `External $ref ${ref} is not supported: it is treated as unknown`,
          `${at}/$ref`,
        );
        result = undefined;
        break;
      }
      if (target.kind === "unsupported") {
        this.#warn(
          "spec/unsupported-ref",
          `Unsupported $ref ${ref} (${target.reason}): it is treated as unknown`,
          `${at}/$ref`,
        );
        result = undefined;
        break;
      }
      const value = this.#lookup(target.pointer);
      if (value === MISSING) {
        throw this.#error("spec/unresolved-ref", `The $ref target ${ref} does not exist`, `${at}/$ref`);
      }
      current = value;
      at = target.pointer;
    }
    for (const ref of chain) this.#cache.set(ref, result);
    return result;
  }

  /**
   * Like {@link RefResolver.resolve}, typed, for nodes that must be objects (schemas,
   * responses, parameters, request bodies, path items, …): `undefined` when the node (or
   * its target) is missing, not an object, or behind an external ref.
   *
   * @example
   * ```ts
   * import { RefResolver } from "./resolve.ts";
   * interface Parameter { name: string; in: string }
   * const refs = new RefResolver({ components: { parameters: { Id: { name: "id", in: "path" } } } });
   * refs.deref<Parameter>({ $ref: "#/components/parameters/Id" }, "/paths/~1a/parameters/0")?.value.name;
   * // => "id"
   * ```
   */
  deref<T extends object = Record<string, unknown>>(node: unknown, pointer: string): Resolved<T> | undefined {
    const resolved = this.resolve(node, pointer);
    const value = resolved?.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    return resolved as Resolved<T>;
  }

  /**
   * Reads the value at `pointer` and follows it if it is a ref: `resolve(get(pointer), pointer)`.
   *
   * @example
   * ```ts
   * import { RefResolver } from "./resolve.ts";
   * const refs = new RefResolver({ a: { $ref: "#/b" }, b: 1 });
   * refs.resolveAt("/a"); // => { value: 1, pointer: "/b" }
   * ```
   */
  resolveAt(pointer: string): Resolved | undefined {
    return this.resolve(this.get(pointer), pointer);
  }

  #lookup(pointer: string): unknown {
    if (pointer !== "" && !pointer.startsWith("/")) return MISSING;
    let node: unknown = this.document;
    for (const segment of splitPointer(pointer)) {
      if (Array.isArray(node)) {
        if (!/^(?:0|[1-9][0-9]*)$/.test(segment) || Number(segment) >= node.length) return MISSING;
        node = node[Number(segment)];
      } else if (typeof node === "object" && node !== null && Object.hasOwn(node, segment)) {
        node = (node as Record<string, unknown>)[segment];
      } else {
        return MISSING;
      }
    }
    return node;
  }

  #warn(code: string, message: string, pointer: string): void {
    this.diagnostics.push(withPosition({ locate: this.#locate }, { code, severity: "warning", message, pointer }));
  }

  #error(code: string, message: string, pointer: string): SpecError {
    return new SpecError(withPosition({ locate: this.#locate }, { code, severity: "error", message, pointer }));
  }
}
