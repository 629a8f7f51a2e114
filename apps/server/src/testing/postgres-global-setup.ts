/**
 * Global setup of the `integration-pg` project: one private PostgreSQL for the run, with a
 * migrated template database every test server's database is copied from.
 */

import { migrate } from "../storage/migrations.js";
import { PostgresDatabase } from "../storage/postgres-database.js";
import { startPostgres } from "./engines.js";
import { TEMPLATE_DATABASE, TEST_POSTGRES_ENV } from "./postgres-test-databases.js";

export default async function setup(): Promise<() => Promise<void>> {
  const engine = await startPostgres();
  const admin = await PostgresDatabase.open(engine.url, { poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.close();
  const template = await PostgresDatabase.open(engine.urlOf(TEMPLATE_DATABASE), { poolSize: 1 });
  await migrate(template);
  await template.close();
  process.env[TEST_POSTGRES_ENV] = engine.url;
  return () => engine.stop();
}
