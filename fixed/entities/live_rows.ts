/**
 * A list hook's rows, kept in step with its live query collection change by change.
 *
 * react-db's `useLiveQuery` copies the whole result on every change (its observer reads every row of the live
 * query again, and each row read adds TanStack DB's virtual props), so a rename shown in 10,000 rows costs
 * milliseconds however few rows it touched. Once a list hook's live query is ready, the hook follows the live query
 * with this instead: an update puts the new rows at their places in a copy of the array (unchanged rows keep
 * their identity, no row is read again), and an insert or a delete reads only the keys again.
 *
 * @module
 */
import type { ChangeMessage, Collection } from "@tanstack/db";

// deno-lint-ignore no-explicit-any
type AnyCollection = Collection<any, any, any, any, any>;
type Key = string | number;

/**
 * What a list hook shows while it follows a live query.
 * @internal
 */
export interface LiveRowsSnapshot {
  /** The live query collection followed, or undefined when none is (the hook reads `useLiveQuery` then). */
  readonly source: AnyCollection | undefined;
  /** The identity of the hook's query that these rows belong to. */
  readonly key: string;
  /** The rows in the live query's order. */
  readonly rows: readonly unknown[];
  /** The rows that `holds` held back (an included row not there yet), in order; usually none. */
  readonly held: readonly unknown[];
}

/**
 * How to follow a live query.
 * @internal
 */
export interface FollowOptions {
  /** The query has an orderBy: an update can move a row. */
  ordered: boolean;
  /** Whether a row is to be held back (an included row it needs is not there yet). */
  holds: (row: unknown) => boolean;
}

const NONE: readonly unknown[] = Object.freeze([]);
const DETACHED: LiveRowsSnapshot = Object.freeze({
  source: undefined,
  key: "",
  rows: NONE,
  held: NONE,
});

/**
 * The rows of one list hook (one per mounted hook), for `React.useSyncExternalStore`: `subscribe` and
 * `getSnapshot` are bound, so they can be passed as they are. Follows a collection from {@link LiveRows.attach}
 * until {@link LiveRows.detach}, until the collection leaves the "ready" state, or until React's last listener
 * leaves.
 * @internal
 */
export class LiveRows {
  #snapshot: LiveRowsSnapshot = DETACHED;
  #listeners = new Set<() => void>();
  #stop: (() => void) | undefined;
  #keys: Key[] = [];
  #index = new Map<Key, number>();
  #heldKeys = new Set<Key>();

  /** Adds a listener of changes; the last one to leave ends the following. */
  readonly subscribe = (listener: () => void): () => void => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.detach();
    };
  };

  /** The current rows: the same object until they change. */
  readonly getSnapshot = (): LiveRowsSnapshot => this.#snapshot;

  /** On the server nothing is followed (the hook renders from `useLiveQuery`). */
  readonly getServerSnapshot = (): LiveRowsSnapshot => DETACHED;

  /**
   * Starts following a ready live query collection as the rows of the query `key` (reads its rows once). Does
   * nothing without a listener, or when it follows that collection already.
   */
  attach(key: string, collection: AnyCollection, options: FollowOptions): void {
    if (this.#listeners.size === 0) return;
    if (this.#snapshot.source === collection && this.#snapshot.key === key) {
      return;
    }
    this.#end();
    // with the initial state, as a subscription hears of deletes only of rows it was given; that first batch, when
    // it comes at once, finds no rows followed yet and is skipped: the rows are read below
    const changes = collection.subscribeChanges(
      (batch: ChangeMessage<object, Key>[]) =>
        this.#apply(collection, key, options, batch),
      { includeInitialState: true },
    );
    const offStatus = collection.on("status:change", ({ status }) => {
      if (status !== "ready") this.detach();
    });
    this.#stop = () => {
      changes.unsubscribe();
      offStatus();
    };
    this.#read(collection, key, options);
  }

  /** Stops following (the hook reads `useLiveQuery` again). */
  detach(): void {
    if (this.#snapshot === DETACHED && !this.#stop) return;
    this.#end();
    this.#emit(DETACHED);
  }

  #end(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#keys = [];
    this.#index = new Map();
    this.#heldKeys = new Set();
  }

  #emit(snapshot: LiveRowsSnapshot): void {
    this.#snapshot = snapshot;
    for (const listener of [...this.#listeners]) listener();
  }

  /** Reads every row once (when following starts). */
  #read(collection: AnyCollection, key: string, options: FollowOptions): void {
    const rows: unknown[] = [];
    for (const [rowKey, row] of collection.entries()) {
      this.#index.set(rowKey, rows.length);
      this.#keys.push(rowKey);
      rows.push(row);
      if (options.holds(row)) this.#heldKeys.add(rowKey);
    }
    this.#emit(this.#snapshotOf(collection, key, rows));
  }

  /**
   * One batch of changes: updates in place in a copy of the array; when rows came or went (or, in an ordered
   * query, moved), the order is read again from the keys, and only changed rows are read.
   */
  #apply(
    collection: AnyCollection,
    key: string,
    options: FollowOptions,
    batch: ChangeMessage<object, Key>[],
  ): void {
    if (batch.length === 0 || this.#snapshot.source !== collection) return;
    const changed = new Map<Key, unknown>();
    let moved = false;
    for (const change of batch) {
      if (change.type === "delete") {
        changed.set(change.key, undefined);
        moved = true;
      } else {
        changed.set(change.key, change.value);
        if (change.type === "insert" || !this.#index.has(change.key)) {
          moved = true;
        }
      }
    }
    for (const [rowKey, row] of changed) {
      if (row !== undefined && options.holds(row)) this.#heldKeys.add(rowKey);
      else this.#heldKeys.delete(rowKey);
    }
    if (!moved && options.ordered) moved = !this.#sameOrder(collection);
    const previous = this.#snapshot.rows;
    let rows: unknown[];
    if (moved) {
      rows = [];
      const keys: Key[] = [];
      const index = new Map<Key, number>();
      for (const rowKey of collection.keys() as Iterable<Key>) {
        const at = this.#index.get(rowKey);
        const row = changed.has(rowKey)
          ? changed.get(rowKey)
          : at !== undefined
          ? previous[at]
          : collection.get(rowKey);
        if (row === undefined) continue;
        index.set(rowKey, rows.length);
        keys.push(rowKey);
        rows.push(row);
      }
      this.#keys = keys;
      this.#index = index;
    } else {
      rows = previous.slice();
      for (const [rowKey, row] of changed) rows[this.#index.get(rowKey)!] = row;
    }
    this.#emit(this.#snapshotOf(collection, key, rows));
  }

  /** Whether the collection's keys are still in the order followed (an ordered query's update can move a row). */
  #sameOrder(collection: AnyCollection): boolean {
    let i = 0;
    for (const rowKey of collection.keys() as Iterable<Key>) {
      if (this.#keys[i++] !== rowKey) return false;
    }
    return i === this.#keys.length;
  }

  #snapshotOf(
    collection: AnyCollection,
    key: string,
    rows: unknown[],
  ): LiveRowsSnapshot {
    const held = this.#heldKeys.size === 0
      ? NONE
      : this.#keys.filter((k) => this.#heldKeys.has(k)).map((k) =>
        rows[this.#index.get(k)!]
      );
    return { source: collection, key, rows, held };
  }
}
