/**
 * The typed query builder every repository uses: Kysely over the Database wrapper
 * (storage/kysely-dialect.ts) with the generated table types (storage/schema.ts).
 */
import { Kysely } from "kysely";
import type { Database } from "./database.js";
import { DatabaseDialect } from "./kysely-dialect.js";
import type { DB } from "./schema.js";

/** A Kysely instance, or a transaction of one: what repository functions take. */
export type QueryBuilder = Kysely<DB>;

export function createQueryBuilder(db: Database): QueryBuilder {
  return new Kysely<DB>({ dialect: new DatabaseDialect(db) });
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
