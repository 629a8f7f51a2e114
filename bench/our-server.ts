/**
 * Child process: our server on a prepared data directory (see servers.ts). Prints
 * "READY <port>" once listening; SIGTERM flushes and exits.
 */
import { startServer } from "../apps/server/src/server.js";
import { testConfig } from "../apps/server/src/testing/fixtures.js";

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error("BENCH_DATA_DIR is required");
const server = await startServer(
  testConfig(dataDir, {
    // One machine opens hundreds of sockets at once: lift the per-IP upgrade limit.
    COLLAB_UPGRADES_PER_MINUTE_PER_IP: "1000000",
    COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: "1000",
    // Every simulated typist is the same person: lift the per-person write and presence rates.
    COLLAB_WRITES_PER_MINUTE: "100000000",
    COLLAB_WRITE_BYTES_PER_MINUTE: "100000000000",
    COLLAB_AWARENESS_PER_MINUTE: "100000000",
    // The multi-node scenario (multi-node.ts): PostgreSQL, Redis and this node's name.
    ...Object.fromEntries(
      ["DATABASE_URL", "REDIS_URL", "NODE_ID", "DATABASE_POOL_SIZE"].flatMap((k) =>
        process.env[k] ? [[k, process.env[k] as string]] : [],
      ),
    ),
  }),
);
console.log(`READY ${server.port}`);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
