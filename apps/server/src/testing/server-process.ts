/**
 * The server as its own process, as `npm start` runs it (Node running main.ts), for what only a
 * real process shows: SIGKILL mid-typing, SIGTERM, a CLI beside a running server, nodes of a
 * cluster. `processTest` gives `spawnServer` and `connect`; the processes still running are
 * killed and the clients closed after the test.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "vitest";
import type * as Y from "yjs";
import {
  type CollabWorld,
  connectProvider,
  type ProviderClient,
  seedCollabWorld,
  storedDocument,
} from "./collab-clients.js";
import { startTestServer, storeEnvFor, tempDataDir } from "./fixtures.js";

const serverDir = fileURLToPath(new URL("../..", import.meta.url));

export interface ServerProcess {
  url: string;
  origin: string;
  wsUrl: string;
  proc: ChildProcess;
  /** What it printed so far (stdout and stderr). */
  output: () => string;
  /** Sends the signal; resolves with the exit code once the process is gone. */
  kill: (signal: NodeJS.Signals) => Promise<number | null>;
}

/**
 * Starts main.ts on `dataDir` (and its PostgreSQL database in the integration-pg project) with
 * these settings over the test defaults; resolves once it says where it runs.
 */
export async function spawnServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  label = "server",
): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: "0",
      DATA_DIR: dataDir,
      ...(await storeEnvFor(dataDir)),
      SEED_DEMO: "false",
      WEB_DIST: "",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  // Waits on what it prints (or its exit), not on a clock.
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 60 s:\n${out}`)), 60_000);
    const onOutput = () => {
      const running = /running: (http:\/\/\S+)/.exec(out)?.[1];
      if (!running) return;
      clearTimeout(timer);
      resolve(running);
    };
    proc.stdout?.on("data", onOutput);
    proc.stderr?.on("data", onOutput);
    proc.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`${label} exited:\n${out}`));
    });
  });
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    wsUrl: `${origin.replace(/^http/, "ws")}/collab`,
    proc,
    output: () => out,
    kill: (signal) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** A data directory with the collab world (a workspace, three people, two documents) in it. */
export async function collabDataDir(): Promise<{ dataDir: string; world: CollabWorld }> {
  const dataDir = tempDataDir();
  const s = await startTestServer({ dataDir });
  const world = await seedCollabWorld(s);
  await s.stop();
  return { dataDir, world };
}

/** The document as stored in `dataDir`, read by a server started on it (and stopped). */
export async function storedIn(dataDir: string, docName: string): Promise<Y.Doc> {
  const s = await startTestServer({ dataDir });
  try {
    return await storedDocument(s.ctx.db, docName);
  } finally {
    await s.stop();
  }
}

export const processTest = test.extend<{
  /** Starts a server process (see spawnServerProcess); killed after the test if still running. */
  spawnServer: typeof spawnServerProcess;
  /** A y-websocket client of this process as a browser with this cookie; closed after the test. */
  connect: (
    server: { wsUrl: string; origin: string },
    cookie: string,
    docName: string,
    doc?: Y.Doc,
  ) => ProviderClient;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  spawnServer: async ({}, use) => {
    const started: ServerProcess[] = [];
    await use(async (...args) => {
      const server = await spawnServerProcess(...args);
      started.push(server);
      return server;
    });
    await Promise.all(started.map((s) => s.kill("SIGKILL")));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  connect: async ({}, use) => {
    const clients: ProviderClient[] = [];
    await use((server, cookie, docName, doc) => {
      const c = connectProvider(server.wsUrl, docName, { cookie, origin: server.origin, doc });
      clients.push(c);
      return c;
    });
    for (const c of clients) c.destroy();
  },
});
