/**
 * The typed query builder every repository uses: Kysely with the generated table types
 * (storage/schema.ts), over the Database wrapper on SQLite (storage/kysely-dialect.ts) or
 * over the same `pg` pool as the wrapper on PostgreSQL (`DATABASE_URL=postgres://…`).
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  type TransactionSettings,
} from "kysely";
import type { Database } from "./database.js";
import { DatabaseDialect } from "./kysely-dialect.js";
import { PostgresDatabase, WRITE_LOCK_KEY } from "./postgres-database.js";
import type { DB } from "./schema.js";

/** A Kysely instance, or a transaction of one: what repository functions take. */
export type QueryBuilder = Kysely<DB>;

/**
 * `clusterWriteLock: false` is for the document update log alone (collab/update-store.ts): on
 * PostgreSQL its read-write transactions then skip the cluster-wide write lock, as the log
 * orders its writes with a lock per document. On SQLite every write still takes the one lock.
 */
export function createQueryBuilder(db: Database, options: { clusterWriteLock?: boolean } = {}): QueryBuilder {
  if (db instanceof PostgresDatabase) {
    return new Kysely<DB>({ dialect: new TsumugiPostgresDialect(db, options.clusterWriteLock ?? true) });
  }
  return new Kysely<DB>({ dialect: new DatabaseDialect(db) });
}

/**
 * Kysely's PostgreSQL dialect on the wrapper's pool, with the wrapper's transaction rules:
 * a read-only transaction is REPEATABLE READ (its reads agree, as in a SQLite read
 * transaction), a read-write one takes the cluster-wide write lock first.
 */
class TsumugiPostgresDialect extends PostgresDialect {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly writeLock: boolean,
  ) {
    super({ pool: db.pool });
  }

  override createDriver(): Driver {
    return new TsumugiPostgresDriver(this.db, this.writeLock);
  }
}

class TsumugiPostgresDriver extends PostgresDriver {
  constructor(
    db: PostgresDatabase,
    private readonly writeLock: boolean,
  ) {
    super({ pool: db.pool });
  }

  override async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    if (settings.accessMode === "read only") {
      await super.beginTransaction(connection, {
        ...settings,
        isolationLevel: settings.isolationLevel ?? "repeatable read",
      });
      return;
    }
    await super.beginTransaction(connection, settings);
    if (!this.writeLock) return;
    await connection.executeQuery(CompiledQuery.raw("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]));
  }

  /** The pool belongs to the PostgresDatabase, which the server closes. */
  override async destroy(): Promise<void> {}
}

/** Stands for the n-th value of a query compiled by `CompiledQueryCache`. */
class Slot {
  constructor(readonly n: number) {}
}

/**
 * Kysely's compiled-query reuse, for a statement on a hot path where building and compiling
 * the query each time costs measurably (the document update log's append: docs/performance.md).
 * `build(key, slot)` builds the query of one shape with `slot(n)` standing for its n-th value;
 * it is compiled once per key (up to `maxKeys`, others each time), and `bind(key, values)`
 * answers the compiled query with the values in the order its SQL takes them.
 */
export class CompiledQueryCache<K> {
  private readonly compiled = new Map<K, { query: CompiledQuery; slots: (Slot | unknown)[] }>();

  constructor(
    private readonly build: (key: K, slot: (n: number) => never) => { compile(): CompiledQuery },
    private readonly maxKeys = 64,
  ) {}

  bind(key: K, values: readonly unknown[]): CompiledQuery {
    let entry = this.compiled.get(key);
    if (!entry) {
      const query = this.build(key, (n) => new Slot(n) as never).compile();
      entry = { query, slots: [...query.parameters] };
      if (this.compiled.size < this.maxKeys) this.compiled.set(key, entry);
    }
    return {
      ...entry.query,
      parameters: entry.slots.map((p) => (p instanceof Slot ? values[p.n] : p)),
    };
  }
}

/**
 * A unique or primary-key constraint refused the write: SQLite's SQLITE_CONSTRAINT_UNIQUE /
 * _PRIMARYKEY, PostgreSQL's 23505. Prefer `ON CONFLICT … DO NOTHING` and a row count where
 * the statement allows it; this is for UPDATEs, which have no ON CONFLICT.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const { code, errno, message } = err as { code?: unknown; errno?: unknown; message?: unknown };
  if (code === "23505") return true;
  // node-sqlite3 reports the primary code only; the extended one is in the message.
  return (
    code === "SQLITE_CONSTRAINT" &&
    errno === 19 &&
    typeof message === "string" &&
    /\b(UNIQUE|PRIMARY KEY) constraint failed\b/.test(message)
  );
}
