/**
 * A {@link Store} on PGlite: a real PostgreSQL (compiled to WebAssembly) embedded in the Deno process, in memory by
 * default or in a data directory that survives restarts.
 *
 * - The schema is a list of numbered migrations, applied once each (`schema_migrations` keeps count), so a data
 *   directory made by an older version is brought up to date on open.
 * - The demo data (or the rows passed as `data`) go in once, on the first open of a database; a restart does not
 *   put back rows the app deleted.
 * - Writes run in `BEGIN … COMMIT` ({@link PgliteStore.transaction}); the API announces a change only after its
 *   transaction resolved, that is after `COMMIT`. PGlite has one connection and queues every query behind an open
 *   transaction, so transactions run one at a time and reads never see half a write.
 * - Timestamps are `timestamptz` in the database and ISO strings with milliseconds (`2026-01-05T09:00:00.000Z`) in
 *   rows, like the API's. Sorting mimics {@link MemoryStore}: text by code point (`COLLATE "C"`), nulls last when
 *   ascending and first when descending, ties in insertion order (a hidden `seq` column).
 *
 * @example
 * ```ts
 * const store = await PgliteStore.open({ dataDir: "./.data/sales" }); // or open() for memory
 * const server = await startServer({ store });
 * ```
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import type { CountQuery, ListQuery, Store, StoreData, StoreTables, Table } from "./store.ts";
import { demoData } from "./seed.ts";
import { TABLE_NAMES, type TableName, type Tables } from "./types.ts";

/** Column kinds, for parameter handling and how a column comes back. */
type Kind = "uuid" | "text" | "int" | "bool" | "timestamp";

/** The columns of each table, in the order they are stored. */
const COLUMNS: {
  readonly [K in TableName]: { readonly [C in keyof Tables[K]]-?: Kind };
} = {
  customers: {
    id: "uuid",
    name: "text",
    email: "text",
    phone: "text",
    company: "text",
    tier: "text",
    referred_by_id: "uuid",
    created_at: "timestamp",
    updated_at: "timestamp",
  },
  products: {
    id: "uuid",
    sku: "text",
    name: "text",
    description: "text",
    price_cents: "int",
    currency: "text",
    stock: "int",
    active: "bool",
    created_at: "timestamp",
    updated_at: "timestamp",
  },
  orders: {
    id: "uuid",
    number: "text",
    customer_id: "uuid",
    status: "text",
    currency: "text",
    total_cents: "int",
    notes: "text",
    cancel_reason: "text",
    created_at: "timestamp",
    updated_at: "timestamp",
  },
  order_items: {
    id: "uuid",
    order_id: "uuid",
    product_id: "uuid",
    product_name: "text",
    quantity: "int",
    unit_price_cents: "int",
    line_total_cents: "int",
    created_at: "timestamp",
    updated_at: "timestamp",
  },
};

/**
 * The schema, one migration per entry: entry `n` brings a database from version `n` to `n + 1`. Append, never edit
 * an entry that shipped. Foreign keys follow `examples/sales/openapi.yaml`:
 *
 * - `customers.referred_by_id` → customers, `ON DELETE SET NULL` (customers it referred lose the reference);
 * - `orders.customer_id` → customers, `ON DELETE RESTRICT` (a customer with orders cannot go; the API deletes the
 *   cancelled ones first and answers 409 for the others);
 * - `order_items.order_id` → orders, `ON DELETE CASCADE` (an order goes with its items);
 * - `order_items.product_id` → products, nullable, `ON DELETE SET NULL` (items keep name and price).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS customers (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    email text NOT NULL UNIQUE,
    phone text CHECK (char_length(phone) <= 40),
    company text CHECK (char_length(company) <= 200),
    tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'silver', 'gold')),
    referred_by_id uuid REFERENCES customers (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS customers_created_at ON customers (created_at);
  CREATE INDEX IF NOT EXISTS customers_referred_by_id ON customers (referred_by_id);

  CREATE TABLE IF NOT EXISTS products (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    sku text NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9-]{3,32}$'),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 2000),
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    currency text NOT NULL DEFAULT 'EUR' CHECK (currency IN ('EUR', 'USD', 'GBP')),
    stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );

  CREATE TABLE IF NOT EXISTS orders (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    number text NOT NULL UNIQUE,
    customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    status text NOT NULL DEFAULT 'pending'
      CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')),
    currency text NOT NULL DEFAULT 'EUR' CHECK (currency IN ('EUR', 'USD', 'GBP')),
    total_cents integer NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
    notes text CHECK (char_length(notes) <= 2000),
    cancel_reason text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS orders_customer_id ON orders (customer_id);
  CREATE INDEX IF NOT EXISTS orders_created_at ON orders (created_at);

  CREATE TABLE IF NOT EXISTS order_items (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id uuid REFERENCES products (id) ON DELETE SET NULL,
    product_name text NOT NULL,
    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
    line_total_cents integer NOT NULL CHECK (line_total_cents >= 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (order_id, product_id)
  );
  CREATE INDEX IF NOT EXISTS order_items_product_id ON order_items (product_id);
  `,
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What runs SQL: the database, or an open transaction. */
interface Queryable {
  query<R>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; affectedRows?: number }>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A `SELECT` list giving every column as a row field; timestamps as ISO strings with milliseconds, in UTC. */
function selectList(columns: Record<string, Kind>): string {
  return Object.entries(columns).map(([name, kind]) =>
    kind === "timestamp"
      ? `to_char(${quote(name)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${quote(name)}`
      : quote(name)
  ).join(", ");
}

/** Escapes `%`, `_` and `\` for a `LIKE` pattern. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

class PgTable<K extends TableName> implements Table<Tables[K]> {
  readonly #db: Queryable;
  readonly #name: string;
  readonly #columns: Record<string, Kind>;
  readonly #select: string;

  constructor(db: Queryable, table: K) {
    this.#db = db;
    this.#name = quote(table);
    this.#columns = COLUMNS[table] as Record<string, Kind>;
    this.#select = selectList(this.#columns);
  }

  #kind(field: string): Kind {
    const kind = this.#columns[field];
    if (!kind) throw new Error(`Unknown column ${field} of ${this.#name}`);
    return kind;
  }

  /** The `WHERE` clause of a query's filters (with its parameters appended to `params`), or "". */
  #where(query: CountQuery<Tables[K]>, params: unknown[]): string {
    const conditions: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    for (const [field, wanted] of Object.entries(query.where ?? {})) {
      if (wanted === undefined) continue;
      const kind = this.#kind(field);
      const column = quote(field);
      let values: unknown[] = Array.isArray(wanted) ? wanted : [wanted];
      const withNull = values.includes(null);
      values = values.filter((v) => v !== null && v !== undefined);
      // A string that is no UUID equals no UUID (MemoryStore compares strings): drop it rather than fail the cast.
      if (kind === "uuid") {
        values = values.filter((v) => typeof v === "string" && UUID.test(v));
      }
      const parts = values.length === 0
        ? []
        : values.length === 1
        ? [`${column} = ${param(values[0])}`]
        : [`${column} IN (${values.map(param).join(", ")})`];
      if (withNull) parts.push(`${column} IS NULL`);
      conditions.push(
        parts.length === 0 ? "FALSE" : parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`,
      );
    }
    if (query.search) {
      const pattern = param(`%${likeEscape(query.search.text)}%`);
      const hits = query.search.fields.map((field) => {
        this.#kind(field);
        return `${quote(field)} ILIKE ${pattern}`;
      });
      conditions.push(hits.length ? `(${hits.join(" OR ")})` : "FALSE");
    }
    return conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "";
  }

  async list(query: ListQuery<Tables[K]> = {}): Promise<Tables[K][]> {
    const params: unknown[] = [];
    let sql = `SELECT ${this.#select} FROM ${this.#name}${this.#where(query, params)} ORDER BY `;
    const keys = (query.orderBy ?? []).map(([field, direction]) => {
      const collate = this.#kind(field) === "text" ? ' COLLATE "C"' : "";
      return `${quote(field)}${collate} ${direction === "desc" ? "DESC" : "ASC"}`;
    });
    sql += [...keys, "seq ASC"].join(", ");
    if (query.limit !== undefined) {
      params.push(query.limit);
      sql += ` LIMIT $${params.length}`;
    }
    if (query.offset) {
      params.push(query.offset);
      sql += ` OFFSET $${params.length}`;
    }
    const { rows } = await this.#db.query<Tables[K]>(sql, params);
    return rows;
  }

  async count(query: CountQuery<Tables[K]> = {}): Promise<number> {
    const params: unknown[] = [];
    const { rows } = await this.#db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM ${this.#name}${this.#where(query, params)}`,
      params,
    );
    return rows[0]?.n ?? 0;
  }

  async get(id: string): Promise<Tables[K] | undefined> {
    if (!UUID.test(id)) return undefined;
    const { rows } = await this.#db.query<Tables[K]>(
      `SELECT ${this.#select} FROM ${this.#name} WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async insert(row: Tables[K]): Promise<Tables[K]> {
    const record = row as unknown as Record<string, unknown>;
    const names = Object.keys(this.#columns).filter((name) => record[name] !== undefined);
    const { rows } = await this.#db.query<Tables[K]>(
      `INSERT INTO ${this.#name} (${names.map(quote).join(", ")}) VALUES (${
        names.map((_, i) => `$${i + 1}`).join(", ")
      })
       RETURNING ${this.#select}`,
      names.map((name) => record[name]),
    );
    return rows[0]!;
  }

  async update(
    id: string,
    changes: Partial<Omit<Tables[K], "id">>,
  ): Promise<Tables[K] | undefined> {
    const entries = Object.entries(changes).filter(([name, value]) => name !== "id" && value !== undefined);
    if (entries.length === 0 || !UUID.test(id)) return await this.get(id);
    for (const [name] of entries) this.#kind(name);
    const { rows } = await this.#db.query<Tables[K]>(
      `UPDATE ${this.#name} SET ${entries.map(([name], i) => `${quote(name)} = $${i + 2}`).join(", ")}
       WHERE id = $1 RETURNING ${this.#select}`,
      [id, ...entries.map(([, value]) => value)],
    );
    return rows[0];
  }

  async delete(id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const { affectedRows } = await this.#db.query(
      `DELETE FROM ${this.#name} WHERE id = $1`,
      [id],
    );
    return (affectedRows ?? 0) > 0;
  }
}

function tablesOn(db: Queryable): StoreTables {
  return {
    customers: new PgTable(db, "customers"),
    products: new PgTable(db, "products"),
    orders: new PgTable(db, "orders"),
    order_items: new PgTable(db, "order_items"),
  };
}

/** Options of {@link PgliteStore.open}. */
export interface PgliteStoreOptions {
  /**
   * A directory to keep the database in (created when missing; a `file://` URL works too). In memory when absent.
   */
  dataDir?: string;
  /**
   * Rows to put in a new database (the first open of a data directory), or `false` for none.
   * @default {the demo data of `seed.ts`}
   */
  seed?: StoreData | false;
}

/** A {@link Store} on an embedded PostgreSQL (PGlite). Open it with {@link PgliteStore.open}. */
export class PgliteStore implements Store {
  readonly customers: Table<Tables["customers"]>;
  readonly products: Table<Tables["products"]>;
  readonly orders: Table<Tables["orders"]>;
  readonly order_items: Table<Tables["order_items"]>;
  /** The PGlite instance (for ad-hoc SQL in tests and tools). */
  readonly db: PGlite;
  /** The data directory, or `undefined` in memory. */
  readonly dataDir: string | undefined;
  /** True when this open created the database (and seeded it). */
  readonly created: boolean;
  #closed: Promise<void> | undefined;

  private constructor(
    db: PGlite,
    dataDir: string | undefined,
    created: boolean,
  ) {
    this.db = db;
    this.dataDir = dataDir;
    this.created = created;
    const tables = tablesOn(db);
    this.customers = tables.customers;
    this.products = tables.products;
    this.orders = tables.orders;
    this.order_items = tables.order_items;
  }

  /**
   * Opens (or creates) a database, applies the migrations it lacks, and seeds it when it is new.
   *
   * @throws {Error} When PGlite cannot start or a migration fails.
   */
  static async open(options: PgliteStoreOptions = {}): Promise<PgliteStore> {
    let dataDir = options.dataDir;
    if (dataDir?.startsWith("file://")) {
      dataDir = decodeURIComponent(new URL(dataDir).pathname);
    }
    if (dataDir !== undefined) await Deno.mkdir(dataDir, { recursive: true });
    const db = new PGlite(dataDir);
    try {
      await db.waitReady;
      await db.exec("SET TIME ZONE 'UTC'");
      const created = await migrate(
        db,
        options.seed === undefined ? demoData() : options.seed,
      );
      return new PgliteStore(db, dataDir, created);
    } catch (error) {
      await db.close().catch(() => {});
      throw error;
    }
  }

  transaction<R>(fn: (tables: StoreTables) => Promise<R>): Promise<R> {
    // PGlite commits when `fn` resolves and rolls back when it throws; queries outside wait for it.
    return this.db.transaction((tx) => fn(tablesOn(tx as Queryable)));
  }

  close(): Promise<void> {
    this.#closed ??= this.db.closed ? Promise.resolve() : this.db.close();
    return this.#closed;
  }
}

/** Applies the missing migrations in one transaction; seeds a new database. True when the database was new. */
async function migrate(db: PGlite, seed: StoreData | false): Promise<boolean> {
  return await db.transaction(async (tx) => {
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number | null }>(
      "SELECT max(version) AS version FROM schema_migrations",
    );
    const current = rows[0]?.version ?? 0;
    for (let version = current; version < MIGRATIONS.length; version++) {
      await tx.exec(MIGRATIONS[version]!);
      await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [
        version + 1,
      ]);
    }
    const created = current === 0;
    if (created && seed) {
      const tables = tablesOn(tx as Queryable);
      for (const name of TABLE_NAMES) {
        const table = tables[name] as Table<{ id: string }>;
        // Customers may refer to customers listed after them: insert those references once all rows are in.
        const rows = (seed[name] ?? []) as readonly {
          id: string;
          referred_by_id?: string | null;
        }[];
        for (const row of rows) {
          await table.insert(
            name === "customers" ? { ...row, referred_by_id: null } : row,
          );
        }
        if (name === "customers") {
          for (const row of rows) {
            if (row.referred_by_id) {
              await table.update(row.id, {
                referred_by_id: row.referred_by_id,
              });
            }
          }
        }
      }
    }
    return created;
  });
}
