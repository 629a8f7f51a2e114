/**
 * The migrations on PostgreSQL. SQLite's files (./migrations/) stay as shipped; each version
 * runs on PostgreSQL as its own file in ./postgres/ where the SQL differs (triggers, COLLATE
 * NOCASE, the per-document update ids), else as SQLite's SQL with its column types mapped:
 * INTEGER → BIGINT (times are epoch milliseconds), REAL → DOUBLE PRECISION, BLOB → BYTEA,
 * INTEGER PRIMARY KEY AUTOINCREMENT → an identity column. SQL that cannot be mapped is
 * refused, naming the migration, so a new migration either is portable or gets its file.
 */
import type { PoolClient } from "pg";
import type { Migration } from "./migrations.js";
import { p0001 } from "./postgres/0001-accounts.js";
import { p0006 } from "./postgres/0006-indicators.js";
import { p0012 } from "./postgres/0012-audit-log-no-replace.js";
import { p0025 } from "./postgres/0025-areas.js";
import { portableToPostgres } from "./postgres/portable.js";
import type { PostgresDatabase } from "./postgres-database.js";

/** Versions whose PostgreSQL SQL is written out (./postgres/NNNN-*.ts). */
export const POSTGRES_SQL: Readonly<Record<number, string>> = {
  1: p0001,
  6: p0006,
  12: p0012,
  25: p0025,
};

export function postgresSqlOf(m: Migration): string {
  return POSTGRES_SQL[m.version] ?? portableToPostgres(m.sql, m.version);
}

/** Held while one node migrates: nodes starting together migrate one after the other. */
const MIGRATION_LOCK_KEY = 0x7473_6d68;

export async function migratePostgres(
  db: PostgresDatabase,
  migrations: readonly Migration[],
  target: number,
): Promise<number> {
  const client: PoolClient = await db.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
      );
      const { rows } = await client.query<{ v: number | null }>(
        "SELECT MAX(version) AS v FROM schema_migrations",
      );
      const current = rows[0]?.v ?? 0;
      for (const m of migrations) {
        if (m.version <= current || m.version > target) continue;
        const sql = postgresSqlOf(m);
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            [m.version, m.name, Date.now()],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => {});
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, {
            cause: err,
          });
        }
      }
      return Math.max(current, target);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    client.release();
  }
}
