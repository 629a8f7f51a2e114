/**
 * Online backups of the SQLite file, safe while the server runs: `VACUUM INTO` copies one
 * committed state (a read transaction: never half a transaction, whatever is being written
 * meanwhile) into a new file, which is checked (`PRAGMA integrity_check`) before it counts.
 * The newest `keep` backups are kept (generations); older ones are removed. A restore puts a
 * checked backup in place of the database while the server is stopped, keeping the file it
 * replaces.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import sqlite3 from "sqlite3";

const NAME = /^tsumugi-(\d{8}T\d{6}Z)\.sqlite$/;

/** `tsumugi-20260331T150000Z.sqlite`: sorts by time. */
export function backupName(at: Date): string {
  return `tsumugi-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.sqlite`;
}

function open(path: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

function all<T>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
  );
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}

/** "ok" when SQLite finds the file whole, else what it found. */
export async function integrityOf(path: string): Promise<string> {
  const db = await open(path, sqlite3.OPEN_READONLY);
  try {
    const rows = await all<{ integrity_check: string }>(db, "PRAGMA integrity_check");
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    await close(db);
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  removed: string[];
}

/** Backs `database` up into `dir` and keeps the newest `keep` backups there. */
export async function backupDatabase(database: string, dir: string, keep: number): Promise<BackupResult> {
  if (!existsSync(database)) throw new Error(`no database at ${database}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupName(new Date()));
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // A connection of its own (the server's writer is busy with its own work): VACUUM INTO reads
  // in one transaction, so it copies exactly the transactions committed when it began.
  const db = await open(database, sqlite3.OPEN_READWRITE);
  try {
    await all(db, "PRAGMA busy_timeout = 10000");
    await all(db, "VACUUM INTO ?", [partial]);
  } finally {
    await close(db);
  }
  const check = await integrityOf(partial);
  if (check !== "ok") {
    rmSync(partial, { force: true });
    throw new Error(`the backup failed its integrity check: ${check}`);
  }
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, removed: pruneBackups(dir, keep) };
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((n) => join(dir, n));
}

/** Removes all but the newest `keep` backups; answers what it removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(Math.max(1, keep));
  for (const f of old) rmSync(f, { force: true });
  return old;
}

/**
 * Whether another process (a running server) has the database open: an exclusive lock, which
 * any open connection prevents, cannot be taken at once.
 */
export async function databaseInUse(database: string): Promise<boolean> {
  if (!existsSync(database)) return false;
  const db = await open(database, sqlite3.OPEN_READWRITE);
  try {
    await all(db, "PRAGMA busy_timeout = 0");
    await all(db, "PRAGMA locking_mode = EXCLUSIVE");
    await all(db, "BEGIN EXCLUSIVE");
    await all(db, "SELECT COUNT(*) FROM sqlite_master");
    await all(db, "COMMIT");
    return false;
  } catch (err) {
    if (/SQLITE_BUSY|locked/i.test((err as Error).message)) return true;
    throw err;
  } finally {
    await close(db);
  }
}

/**
 * Puts `backup` in place of `database` (the server must be stopped). The current file and its
 * WAL are kept beside it as `<name>.before-restore-<time>`; answers that name.
 */
export async function restoreDatabase(backup: string, database: string): Promise<string | null> {
  const check = await integrityOf(backup);
  if (check !== "ok") throw new Error(`the backup failed its integrity check: ${check}`);
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const kept = `${database}.before-restore-${stamp}`;
  let moved: string | null = null;
  if (existsSync(database)) {
    // Folds the WAL in first, so the kept copy is one whole file.
    const db = await open(database, sqlite3.OPEN_READWRITE);
    try {
      await all(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    } finally {
      await close(db);
    }
    renameSync(database, kept);
    moved = kept;
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(database + suffix, { force: true });
  const copy = await open(backup, sqlite3.OPEN_READONLY);
  try {
    await all(copy, "VACUUM INTO ?", [database]);
  } finally {
    await close(copy);
  }
  return moved;
}
