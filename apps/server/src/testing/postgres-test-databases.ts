/**
 * The integration suite on PostgreSQL (vitest project `integration-pg`, whose workers alone have
 * TSUMUGI_TEST_DATABASE=postgres): the project's global setup starts one private PostgreSQL
 * (testing/engines.ts), migrates a template database and names the instance in
 * TSUMUGI_TEST_POSTGRES_URL (seen by every project's workers, since all projects share the
 * main process: hence the separate switch); every test server then gets a database of its own,
 * copied from the template (fast), named in a file of its data directory so that a test that
 * restarts a server on the same directory finds the same data.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export const TEST_POSTGRES_ENV = "TSUMUGI_TEST_POSTGRES_URL";
export const TEMPLATE_DATABASE = "tsumugi_template";
const MARKER = "postgres-database";

/** The instance's URL when the tests run on PostgreSQL, else null (SQLite). */
export function testPostgresUrl(): string | null {
  if (process.env.TSUMUGI_TEST_DATABASE !== "postgres") return null;
  const url = process.env[TEST_POSTGRES_ENV];
  if (!url)
    throw new Error(`TSUMUGI_TEST_DATABASE=postgres but ${TEST_POSTGRES_ENV} is not set (global setup)`);
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The database of the test server in `dataDir`: made from the template on first use. */
export async function testDatabaseFor(dataDir: string): Promise<string> {
  const url = testPostgresUrl();
  if (!url) throw new Error(`${TEST_POSTGRES_ENV} is not set`);
  const marker = join(dataDir, MARKER);
  if (existsSync(marker)) return withDatabase(url, readFileSync(marker, "utf8").trim());
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  await admin(url, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  writeFileSync(marker, name);
  return withDatabase(url, name);
}

/** Drops the database of `dataDir`, if it has one. */
export async function dropTestDatabase(dataDir: string): Promise<void> {
  const url = testPostgresUrl();
  const marker = join(dataDir, MARKER);
  if (!url || !existsSync(marker)) return;
  const name = readFileSync(marker, "utf8").trim();
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
