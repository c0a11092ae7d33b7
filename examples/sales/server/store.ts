/**
 * Storage of the sales server: an async {@link Store} interface (one {@link Table} per entity plus transactions),
 * so that a SQL store (PGlite) can replace {@link MemoryStore} without touching the API code.
 *
 * @module
 */
import { TABLE_NAMES, type TableName, type Tables } from "./types.ts";

/** Equality filters: a value, or a list of values (any of). */
export type Where<T> = { [K in keyof T]?: T[K] | readonly T[K][] };

/** What {@link Table.list} returns. */
export interface ListQuery<T> {
  /** Equality filters, all of which must hold. */
  where?: Where<T>;
  /** A case-insensitive substring that one of `fields` must contain (SQL: `ILIKE '%text%'` joined by `OR`). */
  search?: { fields: readonly (keyof T & string)[]; text: string };
  /** Sort keys, most significant first. Rows that tie keep insertion order. */
  orderBy?: ReadonlyArray<readonly [keyof T & string, "asc" | "desc"]>;
  limit?: number;
  offset?: number;
}

/** The filter part of a {@link ListQuery}, for {@link Table.count}. */
export type CountQuery<T> = Pick<ListQuery<T>, "where" | "search">;

/** One table. Rows come out as copies: changing them changes nothing stored. */
export interface Table<T extends { id: string }> {
  /** The rows matching `query`, sorted and paged. */
  list(query?: ListQuery<T>): Promise<T[]>;
  /** How many rows match the filters of `query`. */
  count(query?: CountQuery<T>): Promise<number>;
  /** The row with this id, or `undefined`. */
  get(id: string): Promise<T | undefined>;
  /**
   * Adds a row.
   *
   * @throws {Error} When a row with its id exists.
   */
  insert(row: T): Promise<T>;
  /** Changes some fields of a row; `undefined` when there is no such row. */
  update(id: string, changes: Partial<Omit<T, "id">>): Promise<T | undefined>;
  /** Removes a row; `false` when there was none. */
  delete(id: string): Promise<boolean>;
}

/** The tables of a store, by name (what a transaction works on). */
export type StoreTables = { readonly [K in TableName]: Table<Tables[K]> };

/** A storage backend. */
export interface Store extends StoreTables {
  /**
   * Runs `fn` as one transaction: its writes all happen or, when it throws, none do. Transactions run one at a
   * time. Use the tables `fn` gets (a SQL store binds them to its connection).
   */
  transaction<R>(fn: (tables: StoreTables) => Promise<R>): Promise<R>;
  /** Frees the store. */
  close(): Promise<void>;
}

/** Rows to start a store with. */
export type StoreData = { [K in TableName]?: readonly Tables[K][] };

/** True when `row` matches the filters of `query`. */
export function matches<T extends object>(
  row: T,
  query: CountQuery<T> = {},
): boolean {
  const record = row as Record<string, unknown>;
  for (const [field, wanted] of Object.entries(query.where ?? {})) {
    if (wanted === undefined) continue;
    const values: unknown[] = Array.isArray(wanted) ? wanted : [wanted];
    if (!values.includes(record[field])) return false;
  }
  if (query.search) {
    const text = query.search.text.toLowerCase();
    const hit = query.search.fields.some((field) => {
      const value = record[field];
      return typeof value === "string" && value.toLowerCase().includes(text);
    });
    if (!hit) return false;
  }
  return true;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // nulls last
  if (b === null || b === undefined) return -1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

class MemoryTable<T extends { id: string }> implements Table<T> {
  /** Insertion-ordered rows; a changed row is a new object in the same place. */
  rows = new Map<string, T>();

  list(query: ListQuery<T> = {}): Promise<T[]> {
    let rows = [...this.rows.values()].filter((row) => matches(row, query));
    const keys = query.orderBy ?? [];
    if (keys.length) {
      rows = rows.sort((a, b) => {
        for (const [field, direction] of keys) {
          const order = compare(a[field], b[field]);
          if (order !== 0) return direction === "desc" ? -order : order;
        }
        return 0;
      });
    }
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : offset + query.limit;
    return Promise.resolve(rows.slice(offset, end).map((row) => ({ ...row })));
  }

  count(query: CountQuery<T> = {}): Promise<number> {
    let n = 0;
    for (const row of this.rows.values()) if (matches(row, query)) n++;
    return Promise.resolve(n);
  }

  get(id: string): Promise<T | undefined> {
    const row = this.rows.get(id);
    return Promise.resolve(row && { ...row });
  }

  insert(row: T): Promise<T> {
    if (this.rows.has(row.id)) {
      return Promise.reject(new Error(`Duplicate id ${row.id}`));
    }
    this.rows.set(row.id, { ...row });
    return Promise.resolve({ ...row });
  }

  update(id: string, changes: Partial<Omit<T, "id">>): Promise<T | undefined> {
    const row = this.rows.get(id);
    if (!row) return Promise.resolve(undefined);
    const next = { ...row, ...changes, id };
    this.rows.set(id, next);
    return Promise.resolve({ ...next });
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.rows.delete(id));
  }
}

/**
 * A store in memory. Transactions are serialized and roll back by restoring a snapshot of every table.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * await store.transaction((t) => t.customers.insert(customer));
 * ```
 */
export class MemoryStore implements Store {
  readonly customers: MemoryTable<Tables["customers"]> = new MemoryTable();
  readonly products: MemoryTable<Tables["products"]> = new MemoryTable();
  readonly orders: MemoryTable<Tables["orders"]> = new MemoryTable();
  readonly order_items: MemoryTable<Tables["order_items"]> = new MemoryTable();
  #queue: Promise<unknown> = Promise.resolve();

  /** @param data Rows to start with. */
  constructor(data: StoreData = {}) {
    for (const name of TABLE_NAMES) {
      const table = this[name] as MemoryTable<{ id: string }>;
      for (const row of data[name] ?? []) table.rows.set(row.id, { ...row });
    }
  }

  transaction<R>(fn: (tables: StoreTables) => Promise<R>): Promise<R> {
    const run = async () => {
      const tables = TABLE_NAMES.map((name) => this[name] as MemoryTable<{ id: string }>);
      const snapshot = tables.map((table) => new Map(table.rows));
      try {
        return await fn(this);
      } catch (error) {
        tables.forEach((table, i) => (table.rows = snapshot[i]!));
        throw error;
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => {});
    return result;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
