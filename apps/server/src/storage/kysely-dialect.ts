/**
 * Kysely over the project's Database wrapper (storage/database.ts), so typed queries share
 * its one write lock, its transactions and its statement cache with the code that still
 * writes SQL by hand.
 *
 * - A query outside a transaction: reads run as `all` (a read connection); writes as `run` under the
 *   write lock; a write with RETURNING runs inside a one-statement transaction.
 * - `kysely.transaction().execute(fn)`: the whole callback runs inside `Database.transaction`
 *   (BEGIN IMMEDIATE under the write lock). Do not call code that takes the lock itself
 *   (`db.run`, `db.transaction`, an AuditLog on the Database) from inside the callback: it
 *   would wait for the lock the transaction holds.
 * - `kysely.transaction().setAccessMode("read only").execute(fn)`: `Database.read`, one read
 *   transaction on a read connection: every statement sees the same committed state.
 *
 * The SQL is compiled by Kysely's SQLite compiler; the same query-builder code compiles for
 * PostgreSQL with Kysely's PostgresDialect (see docs/architecture.md, "Portable SQL").
 */
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionSettings,
} from "kysely";
import type { Database, Queryable, SqlValue } from "./database.js";

export class DatabaseDialect implements Dialect {
  constructor(private readonly db: Database) {}

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new DatabaseDriver(this.db);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class DatabaseDriver implements Driver {
  constructor(private readonly db: Database) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new LockedConnection(this.db);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await (connection as LockedConnection).begin(settings.accessMode === "read only");
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LockedConnection).end(true);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LockedConnection).end(false);
  }

  async releaseConnection(): Promise<void> {}

  /** The Database belongs to the server, which closes it. */
  async destroy(): Promise<void> {}
}

/** Rolls back the transaction callback without reporting an error. */
const ROLLBACK = Symbol("rollback");

class LockedConnection implements DatabaseConnection {
  /** Set while a transaction is open: statements run on it without taking the lock again. */
  private tx: Queryable | null = null;
  private finish: ((commit: boolean) => void) | null = null;
  private finished: Promise<unknown> | null = null;

  constructor(private readonly db: Database) {}

  begin(readOnly: boolean): Promise<void> {
    const run = <T>(fn: (q: Queryable) => Promise<T>) =>
      readOnly ? this.db.read(fn) : this.db.transaction(fn);
    return new Promise<void>((started, failed) => {
      let entered = false;
      this.finished = run(
        (tx) =>
          new Promise<void>((resolve, reject) => {
            entered = true;
            this.tx = tx;
            this.finish = (commit) => (commit ? resolve() : reject(ROLLBACK));
            started();
          }),
      )
        .catch((err) => {
          if (!entered) failed(err);
          if (err !== ROLLBACK) throw err;
        })
        .finally(() => {
          this.tx = null;
          this.finish = null;
        });
      // Reported to `end`, which awaits it; this keeps a failed BEGIN from being reported twice.
      this.finished.catch(() => {});
    });
  }

  /** Commits (or rolls back) and resolves when COMMIT has returned; rejects if it failed. */
  async end(commit: boolean): Promise<void> {
    const finished = this.finished;
    this.finish?.(commit);
    this.finished = null;
    await finished;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiled.parameters as SqlValue[];
    if (returnsRows(compiled)) {
      if (this.tx) return { rows: await this.tx.all<R>(compiled.sql, params) };
      // A read, or a write whose RETURNING rows are wanted: the latter under the lock.
      if (isRead(compiled)) return { rows: await this.db.all<R>(compiled.sql, params) };
      return { rows: await this.db.transaction((tx) => tx.all<R>(compiled.sql, params)) };
    }
    const result = await (this.tx ?? this.db).run(compiled.sql, params);
    return { rows: [], numAffectedRows: BigInt(result.changes), insertId: BigInt(result.lastID) };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiled);
    for (const row of rows) yield { rows: [row] };
  }
}

function isRead(compiled: CompiledQuery): boolean {
  const { kind } = compiled.query;
  return kind === "SelectQueryNode" || (kind === "RawNode" && /^\s*(select|pragma)\b/i.test(compiled.sql));
}

/** Statements that answer rows: SELECT, and INSERT/UPDATE/DELETE … RETURNING. */
function returnsRows(compiled: CompiledQuery): boolean {
  const node = compiled.query;
  switch (node.kind) {
    case "SelectQueryNode":
      return true;
    case "InsertQueryNode":
    case "UpdateQueryNode":
    case "DeleteQueryNode":
      return node.returning !== undefined;
    case "RawNode":
      return /^\s*(select|with|pragma)\b/i.test(compiled.sql) || /\breturning\b/i.test(compiled.sql);
    default:
      return false;
  }
}
