/**
 * What every store of the server offers: SQLite (sqlite-database.ts, the embedded default) or
 * PostgreSQL (postgres-database.ts, for several nodes). Features use it through their Kysely
 * repositories; SQL still written by hand uses `?` placeholders and portable SQL.
 */
import { SqliteDatabase } from "./sqlite-database.js";

export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;
export type Params = readonly SqlValue[] | Record<string, SqlValue>;

export interface RunResult {
  lastID: number;
  changes: number;
}

export interface Queryable {
  run(sql: string, params?: Params): Promise<RunResult>;
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

/** A store: statements, read transactions and read-write transactions. */
export interface Database extends Queryable {
  readonly dialect: "sqlite" | "postgres";
  readonly isClosed: boolean;
  /** Several reads that see one committed state. */
  read<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** A read-write transaction, rolled back if `fn` throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `Database.open(path)`: the SQLite store (kept for the callers that open a file). */
export const Database = {
  open: (path: string, options: { readers?: number } = {}): Promise<SqliteDatabase> =>
    SqliteDatabase.open(path, options),
};
