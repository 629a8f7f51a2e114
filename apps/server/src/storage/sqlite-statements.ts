/**
 * node-sqlite3 connections and the statements kept prepared on each, as a Queryable: the
 * layer under the SQLite store (sqlite-database.ts), which adds the write lock and the pool
 * of read connections.
 */
import sqlite3 from "sqlite3";
import type { Params, Queryable, RunResult } from "./database.js";

/** Statements kept prepared, least recently used evicted first. */
const MAX_CACHED_STATEMENTS = 200;
/** Longer SQL is generated (multi-row inserts): prepared for one use only. */
const MAX_CACHED_SQL_LENGTH = 2_000;

/**
 * Prepared statements, kept per SQL text. The app's SQL is a fixed set of strings, so
 * nearly every statement is prepared once; and node-sqlite3 runs the calls of one
 * statement one after another, so a burst of identical queries (hundreds of WebSocket
 * upgrades at once) does not hold hundreds of prepared statements in SQLite's worker
 * threads at the same time.
 */
export class StatementCache {
  private readonly entries = new Map<string, PreparedEntry>();

  constructor(private readonly db: sqlite3.Database) {}

  /** Runs `use` on the statement for `sql`; a one-off statement is finalized afterwards. */
  with<T>(
    sql: string,
    use: (stmt: sqlite3.Statement, done: (err: Error | null, value?: T) => void) => void,
  ): Promise<T> {
    const cacheable = sql.length <= MAX_CACHED_SQL_LENGTH;
    let entry = cacheable ? this.entries.get(sql) : undefined;
    if (entry) {
      // Re-inserted: the Map's order is the recency order.
      this.entries.delete(sql);
      this.entries.set(sql, entry);
    } else {
      entry = this.prepare(sql);
      if (cacheable) this.keep(sql, entry);
    }
    const { stmt, ready } = entry;
    // Calls made while preparing are queued by node-sqlite3, but silently dropped if the
    // preparation fails: hence waiting for `ready`, which rejects with the SQL error.
    return ready.then(
      () =>
        new Promise<T>((resolve, reject) => {
          use(stmt, (err, value) => {
            // A statement that failed (a constraint, a changed schema) is prepared afresh.
            if (err || !cacheable) this.drop(sql, stmt);
            if (err) reject(err);
            else resolve(value as T);
          });
        }),
    );
  }

  private prepare(sql: string): PreparedEntry {
    let stmt!: sqlite3.Statement;
    const ready = new Promise<void>((resolve, reject) => {
      stmt = this.db.prepare(sql, (err: Error | null) => {
        if (!err) return resolve();
        if (this.entries.get(sql)?.stmt === stmt) this.entries.delete(sql);
        reject(err);
      });
    });
    // Handled by each caller; this keeps an unawaited copy from being reported.
    ready.catch(() => {});
    return { stmt, ready };
  }

  private keep(sql: string, entry: PreparedEntry): void {
    this.entries.set(sql, entry);
    if (this.entries.size <= MAX_CACHED_STATEMENTS) return;
    const [oldestSql, oldest] = this.entries.entries().next().value as [string, PreparedEntry];
    this.drop(oldestSql, oldest.stmt);
  }

  private drop(sql: string, stmt: sqlite3.Statement): void {
    if (this.entries.get(sql)?.stmt === stmt) this.entries.delete(sql);
    // Queued by node-sqlite3 behind the calls already made on it.
    stmt.finalize();
  }

  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      all.map(({ stmt, ready }) =>
        ready.then(
          () => new Promise<void>((resolve) => stmt.finalize(() => resolve())),
          () => undefined,
        ),
      ),
    );
  }
}

interface PreparedEntry {
  stmt: sqlite3.Statement;
  /** Settles when SQLite has compiled the statement. */
  ready: Promise<void>;
}

export function raw(db: sqlite3.Database, cache: StatementCache): Queryable {
  return {
    run: (sql, params = []) =>
      cache.with<RunResult>(sql, (stmt, done) =>
        stmt.run(params as never, function (this: sqlite3.RunResult, err: Error | null) {
          done(err, err ? undefined : { lastID: this.lastID, changes: this.changes });
        }),
      ),
    // Through `all`: it steps the statement to its end, so no read transaction stays open
    // on a kept statement (`get` stops at the first row and leaves it open).
    get: <T>(sql: string, params: Params = []) =>
      cache.with<T | undefined>(sql, (stmt, done) =>
        stmt.all(params as never, (err: Error | null, rows: T[]) => done(err, rows?.[0])),
      ),
    all: <T>(sql: string, params: Params = []) =>
      cache.with<T[]>(sql, (stmt, done) =>
        stmt.all(params as never, (err: Error | null, rows: T[]) => done(err, rows)),
      ),
    exec: (sql) =>
      new Promise((resolve, reject) => {
        db.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()));
      }),
  };
}

export function openConnection(path: string): Promise<sqlite3.Database> {
  return new Promise<sqlite3.Database>((resolve, reject) => {
    const handle = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(handle)));
  });
}

export function closeConnection(db: sqlite3.Database): Promise<void> {
  return new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}
