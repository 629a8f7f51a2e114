/**
 * Schema migrations, applied in order at start-up inside one transaction each.
 * One file a version in ./migrations/ (NNNN-what.ts), listed below in order. Never edit a
 * shipped migration (storage/migrations.int.test.ts pins their SQL): add a new file.
 * Times are integer milliseconds since the epoch. Write new migrations so that they can be
 * carried over to PostgreSQL (docs/architecture.md, "Portable SQL"): storage/postgres-migrations.ts
 * runs each on PostgreSQL with its types mapped, or its own file in storage/postgres/.
 */
import type { Database } from "./database.js";
import { m0001 } from "./migrations/0001-accounts.js";
import { m0002 } from "./migrations/0002-member-disabling.js";
import { m0003 } from "./migrations/0003-plans.js";
import { m0004 } from "./migrations/0004-meetings.js";
import { m0005 } from "./migrations/0005-drafts.js";
import { m0006 } from "./migrations/0006-indicators.js";
import { m0007 } from "./migrations/0007-comment-row-title.js";
import { m0008 } from "./migrations/0008-server-keys.js";
import { m0009 } from "./migrations/0009-minutes-review.js";
import { m0010 } from "./migrations/0010-two-factor.js";
import { m0011 } from "./migrations/0011-region-approval.js";
import { m0012 } from "./migrations/0012-audit-log-no-replace.js";
import { m0013 } from "./migrations/0013-meeting-papers.js";
import { m0014 } from "./migrations/0014-desk.js";
import { m0015 } from "./migrations/0015-plan-papers.js";
import { m0016 } from "./migrations/0016-group-parent.js";
import { m0017 } from "./migrations/0017-sealed-totp-keys.js";
import { m0018 } from "./migrations/0018-resources.js";
import { m0019 } from "./migrations/0019-events.js";
import { m0020 } from "./migrations/0020-event-indicators.js";
import { m0021 } from "./migrations/0021-demo-documents.js";
import { m0022 } from "./migrations/0022-event-registration.js";
import { m0023 } from "./migrations/0023-demo-meetings.js";
import { m0024 } from "./migrations/0024-questionnaire-indicators.js";
import { m0025 } from "./migrations/0025-areas.js";
import { m0026 } from "./migrations/0026-distribution-indicator.js";
import { m0027 } from "./migrations/0027-demo-events.js";
import { PostgresDatabase } from "./postgres-database.js";
import { migratePostgres } from "./postgres-migrations.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Runs with SQLite's foreign keys off (a table rebuilt to change its foreign keys, as SQLite's
   * ALTER TABLE procedure says); every foreign key is checked before the migration commits.
   */
  foreignKeysOff?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
];

/** Brings the schema up to the newest version (or `upTo`, for tests of upgrades); answers the version. */
export async function migrate(db: Database, opts: { upTo?: number } = {}): Promise<number> {
  if (db instanceof PostgresDatabase) {
    return migratePostgres(db, MIGRATIONS, opts.upTo ?? MIGRATIONS.at(-1)?.version ?? 0);
  }
  await db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const row = await db.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
  const current = row?.v ?? 0;
  const target = opts.upTo ?? MIGRATIONS.at(-1)?.version ?? 0;
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    // PRAGMA foreign_keys is ignored inside a transaction: set before, restored after.
    if (m.foreignKeysOff) await db.exec("PRAGMA foreign_keys = OFF");
    try {
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        if (m.foreignKeysOff) {
          const broken = await tx.all<{ table: string; parent: string }>("PRAGMA foreign_key_check");
          if (broken.length > 0)
            throw new Error(
              `migration ${m.version} (${m.name}) leaves ${broken.length} rows naming a missing row (first: ${broken[0]?.table} → ${broken[0]?.parent})`,
            );
        }
        await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
          m.version,
          m.name,
          Date.now(),
        ]);
      });
    } finally {
      if (m.foreignKeysOff) await db.exec("PRAGMA foreign_keys = ON");
    }
  }
  return Math.max(current, target);
}
