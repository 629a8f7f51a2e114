/**
 * `it` for tests that stop a server and start another on the same data (key rotations,
 * restarts, backups): a data directory that outlives its servers, and `boot()`, which starts a
 * server on it with the file's `serverEnv`.
 *   import { dataDirTest as it } from "../testing/data-dir-test.js";
 *   it("…", async ({ dataDir, boot }) => { let server = await boot(); …; await server.stop(); … });
 * Servers still running are stopped after the test; then the directory (and on PostgreSQL its
 * database) is removed.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "vitest";
import { PERSONAL_DATA_KEY_FILE } from "../config.js";
import { startTestServer, type TestServer, tempDataDir } from "./fixtures.js";
import { dropTestDatabase } from "./postgres-test-databases.js";

export const dataDirTest = test.extend<{
  serverEnv: Record<string, string>;
  dataDir: string;
  boot: () => Promise<TestServer>;
}>({
  serverEnv: {},
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  dataDir: async ({}, use) => {
    const dataDir = tempDataDir();
    await use(dataDir);
    await dropTestDatabase(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  },
  boot: async ({ dataDir, serverEnv }, use) => {
    const running = new Set<TestServer>();
    await use(async () => {
      const server = await startTestServer({ dataDir, env: serverEnv });
      running.add(server);
      const stop = server.stop;
      server.stop = async () => {
        running.delete(server);
        await stop();
      };
      return server;
    });
    for (const server of running) await server.stop();
  },
});

/**
 * `dataDirTest` for the personal data key's rotations: `keyFile` is the key file of the data
 * directory, and the public forms may be sent at once (people take longer than a test).
 */
export const keyRotationTest = dataDirTest
  .extend({ serverEnv: { PUBLIC_FORM_MIN_FILL_SECONDS: "0" } })
  .extend<{
    keyFile: string;
  }>({
    keyFile: async ({ dataDir }, use) => {
      await use(join(dataDir, PERSONAL_DATA_KEY_FILE));
    },
  });
