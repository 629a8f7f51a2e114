/**
 * The SQLite store: a small promise wrapper over the `sqlite3` package (its connections and
 * prepared statements in sqlite-statements.ts).
 *
 * SQLite has one writer; node-sqlite3 runs statements of one connection in order but an
 * `await` inside a transaction would let unrelated statements slip in. So every write
 * goes through one async lock: `run`/`exec` take it for one statement, `transaction`
 * holds it for the whole callback, whose `tx` handle runs statements without re-locking.
 *
 * Reads never use the writer's connection: they would see the rows of a transaction still
 * in progress (also rows it later rolls back). `get`/`all` run on a small pool of read
 * connections (WAL: each statement sees the last committed state), and `read` runs several
 * statements in one read transaction, so they all see the same committed state however many
 * transactions commit meanwhile.
 */
import type sqlite3 from "sqlite3";
import type { Database, Params, Queryable, RunResult } from "./database.js";
import { closeConnection, openConnection, raw, StatementCache } from "./sqlite-statements.js";

class Lock {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/** One read connection of the pool. */
class Reader {
  readonly cache: StatementCache;
  readonly q: Queryable;
  /** Statements sent and not yet answered (single reads and read transactions). */
  busy = 0;
  /** A read transaction is open: no other statement may be sent to this connection. */
  inTransaction = false;

  constructor(readonly db: sqlite3.Database) {
    this.cache = new StatementCache(db);
    this.q = raw(db, this.cache);
  }
}

/** Statements that change data, whatever they answer. */
const WRITES = /^\s*(insert|update|delete|replace)\b/i;

/** Read connections kept open (besides the writer). */
const DEFAULT_READERS = 3;

function readOnly(q: Queryable): Queryable {
  const refuse = () => Promise.reject(new Error("SQLITE_READONLY: a read transaction cannot write"));
  return { get: q.get, all: q.all, run: refuse, exec: refuse };
}

export class SqliteDatabase implements Database {
  readonly dialect = "sqlite" as const;
  private readonly lock = new Lock();
  private readonly q: Queryable;
  private readonly statements: StatementCache;
  private readonly readers: Reader[] = [];
  /** Reads waiting for a connection not inside a read transaction. */
  private readonly readerWaiters: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string,
  ) {
    this.statements = new StatementCache(db);
    this.q = raw(db, this.statements);
  }

  static async open(path: string, options: { readers?: number } = {}): Promise<SqliteDatabase> {
    const database = new SqliteDatabase(await openConnection(path), path);
    // WAL: readers do not block the writer, and each read sees only committed data;
    // synchronous=NORMAL is durable against a killed process (the WAL is in the OS before a
    // statement returns).
    await database.q.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
    );
    try {
      for (let i = 0; i < Math.max(1, options.readers ?? DEFAULT_READERS); i++) {
        const reader = new Reader(await openConnection(path));
        database.readers.push(reader);
        // query_only: a read connection can never change data (a checkpoint is allowed).
        await reader.q.exec("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;");
      }
    } catch (err) {
      await database.close().catch(() => {});
      throw err;
    }
    return database;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Claims a read connection not inside a read transaction, the least busy first (claimed in
   * the same turn it is chosen, so two read transactions never share a connection).
   */
  private async claimReader(transaction: boolean): Promise<Reader> {
    for (;;) {
      if (this.closed) throw new Error("SQLITE_MISUSE: the database is closed");
      let best: Reader | null = null;
      for (const r of this.readers) if (!r.inTransaction && (!best || r.busy < best.busy)) best = r;
      if (best) {
        best.busy++;
        if (transaction) best.inTransaction = true;
        return best;
      }
      await new Promise<void>((resolve) => this.readerWaiters.push(resolve));
    }
  }

  private releaseReader(reader: Reader, transaction: boolean): void {
    reader.busy--;
    if (!transaction) return;
    reader.inTransaction = false;
    for (const wake of this.readerWaiters.splice(0)) wake();
  }

  private async onReader<T>(use: (q: Queryable) => Promise<T>): Promise<T> {
    const reader = await this.claimReader(false);
    try {
      return await use(reader.q);
    } finally {
      this.releaseReader(reader, false);
    }
  }

  /**
   * Runs `fn` inside one read transaction on a read connection: every statement sees the
   * same committed state (none of a transaction in progress, all of one committed before the
   * first read). `fn` can only read.
   */
  async read<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const reader = await this.claimReader(true);
    try {
      await reader.q.exec("BEGIN");
      try {
        return await fn(readOnly(reader.q));
      } finally {
        // A read transaction changes nothing: ending it can only fail on a closed connection.
        await reader.q.exec("COMMIT").catch(() => reader.q.exec("ROLLBACK").catch(() => {}));
      }
    } finally {
      this.releaseReader(reader, true);
    }
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    const release = await this.lock.acquire();
    try {
      return await this.q.run(sql, params);
    } finally {
      release();
    }
  }

  /**
   * One statement on a read connection: sees the last committed state. A write answering
   * rows (INSERT … RETURNING) runs on the writer, under the lock.
   */
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    if (WRITES.test(sql)) return this.transaction((tx) => tx.get<T>(sql, params));
    return this.onReader((q) => q.get<T>(sql, params));
  }

  /** As `get`, every row. */
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    if (WRITES.test(sql)) return this.transaction((tx) => tx.all<T>(sql, params));
    return this.onReader((q) => q.all<T>(sql, params));
  }

  async exec(sql: string): Promise<void> {
    const release = await this.lock.acquire();
    try {
      await this.q.exec(sql);
    } finally {
      release();
    }
  }

  /** Runs `fn` inside BEGIN IMMEDIATE … COMMIT, rolled back if it throws. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    try {
      await this.q.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this.q);
        await this.q.exec("COMMIT");
        return result;
      } catch (err) {
        await this.q.exec("ROLLBACK").catch(() => {});
        throw err;
      }
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const release = await this.lock.acquire();
    this.closed = true;
    for (const wake of this.readerWaiters.splice(0)) wake();
    try {
      // Statements already sent to a read connection are answered before it closes.
      for (const reader of this.readers.splice(0)) {
        await reader.cache.clear();
        await closeConnection(reader.db);
      }
      await this.statements.clear();
      await closeConnection(this.db);
    } finally {
      release();
    }
  }
}
