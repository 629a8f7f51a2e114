/**
 * A small promise wrapper over the `sqlite3` package.
 *
 * SQLite has one writer; node-sqlite3 runs statements of one connection in order but an
 * `await` inside a transaction would let unrelated statements slip in. So every write
 * goes through one async lock: `run`/`exec` take it for one statement, `transaction`
 * holds it for the whole callback, whose `tx` handle runs statements without re-locking.
 */
import sqlite3 from "sqlite3";

export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;
export type Params = readonly SqlValue[] | Record<string, SqlValue>;

export interface RunResult {
  lastID: number;
  changes: number;
}

export interface Queryable {
  run(sql: string, params?: Params): Promise<RunResult>;
  /** Like `run`, through a statement prepared once and kept: for hot, repeated statements. */
  runPrepared(sql: string, params?: Params): Promise<RunResult>;
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

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

function raw(db: sqlite3.Database, statements: Map<string, sqlite3.Statement>): Queryable {
  return {
    runPrepared: (sql, params = []) =>
      new Promise((resolve, reject) => {
        let stmt = statements.get(sql);
        if (!stmt) {
          stmt = db.prepare(sql);
          statements.set(sql, stmt);
        }
        stmt.run(params as never, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve({ lastID: this.lastID, changes: this.changes });
        });
      }),
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        db.run(sql, params as never, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve({ lastID: this.lastID, changes: this.changes });
        });
      }),
    get: <T>(sql: string, params: Params = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        db.get(sql, params as never, (err: Error | null, row: T) => (err ? reject(err) : resolve(row)));
      }),
    all: <T>(sql: string, params: Params = []) =>
      new Promise<T[]>((resolve, reject) => {
        db.all(sql, params as never, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
      }),
    exec: (sql) =>
      new Promise((resolve, reject) => {
        db.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()));
      }),
  };
}

export class Database implements Queryable {
  private readonly lock = new Lock();
  private readonly q: Queryable;
  private readonly statements = new Map<string, sqlite3.Statement>();
  private closed = false;

  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string,
  ) {
    this.q = raw(db, this.statements);
  }

  static async open(path: string): Promise<Database> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(handle)));
    });
    const database = new Database(db, path);
    // WAL: readers do not block the writer; synchronous=NORMAL is durable against a
    // killed process (the WAL is in the OS before a statement returns).
    await database.q.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
    );
    return database;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    const release = await this.lock.acquire();
    try {
      return await this.q.run(sql, params);
    } finally {
      release();
    }
  }

  async runPrepared(sql: string, params?: Params): Promise<RunResult> {
    const release = await this.lock.acquire();
    try {
      return await this.q.runPrepared(sql, params);
    } finally {
      release();
    }
  }

  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return this.q.get<T>(sql, params);
  }

  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return this.q.all<T>(sql, params);
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
    try {
      for (const stmt of this.statements.values()) {
        await new Promise<void>((resolve) => stmt.finalize(() => resolve()));
      }
      this.statements.clear();
      await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
    } finally {
      release();
    }
  }
}
