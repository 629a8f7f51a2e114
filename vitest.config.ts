import { defineConfig } from "vitest/config";

// Four projects: unit (pure, fast), integration (real server, SQLite file, WebSocket
// clients), integration-pg (the same integration tests on a private PostgreSQL) and e2e
// (real Chromium). `npm test` runs them all.

/** Integration tests of SQLite itself (the wrapper, its backups): not run again on PostgreSQL. */
const SQLITE_ONLY = [
  "apps/server/src/storage/database.int.test.ts",
  "apps/server/src/storage/kysely-dialect.int.test.ts",
  "apps/server/src/storage/migrations.int.test.ts",
  "apps/server/src/backup/*.int.test.ts",
  // Scans of the SQLite file, its WAL and backups for keys in the clear.
  "apps/server/src/auth/sealed-totp-keys.int.test.ts",
];
/** Tests that start their own PostgreSQL and Redis (several nodes): run once. */
const OWN_ENGINES = ["apps/server/src/**/*.engines.int.test.ts"];
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "apps/*/src/**/*.test.{ts,tsx}",
            "apps/web/vite-plugins/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["apps/*/src/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration-pg",
          include: ["apps/*/src/**/*.int.test.ts"],
          exclude: [...SQLITE_ONLY, ...OWN_ENGINES, "**/node_modules/**"],
          globalSetup: ["apps/server/src/testing/postgres-global-setup.ts"],
          // Only this project's workers: the URL the global setup leaves in process.env is
          // seen by every project's workers.
          env: { TSUMUGI_TEST_DATABASE: "postgres" },
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.test.ts"],
          globalSetup: ["apps/web/e2e/global-setup.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
