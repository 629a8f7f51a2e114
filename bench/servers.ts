/**
 * The two servers under test, each in its own child process so CPU and memory are its own:
 * ours (apps/server, SQLite file prepared beforehand) and the reference y-websocket server
 * (@y/websocket-server 0.1.1, in memory).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { UpdateStore } from "../apps/server/src/collab/update-store.js";
import {
  createDocument,
  createSession,
  createUser,
  createWorkspace,
  startTestServer,
  tempDataDir,
} from "../apps/server/src/testing/fixtures.js";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export interface BenchServer {
  name: "ours" | "reference";
  pid: number;
  /** ws://…/collab: WebsocketProvider's serverUrl. */
  serverUrl: string;
  headers: Record<string, string>;
  docNames: string[];
  stop(): Promise<void>;
  /** Where the server writes its memory usage after a forced GC (gc-on-signal.mjs). */
  memFile: string;
  /** Ours only: stops (flushing to SQLite) and starts a new process on the same data. */
  restart?(): Promise<BenchServer>;
}

/**
 * Node flags of both servers. Bytecode flushing is off: V8 drops the bytecode of functions
 * not run for a few major collections, so how many ran between two readings (timing, not
 * what documents keep) moved the heap per document by ±0.5 KiB between rounds.
 */
const GC_PRELOAD = [
  "--no-flush-bytecode",
  "--expose-gc",
  "--import",
  fileURLToPath(new URL("./gc-on-signal.mjs", import.meta.url)),
];

export interface RestingMemory extends NodeJS.MemoryUsage {
  /** How long the server took to come to rest (see gc-on-signal.mjs). */
  waitedMs: number;
  /** Bytes used per V8 heap space (new_space, old_space, code_space, …). */
  spaces: Record<string, number>;
}

/**
 * Waits for the server process to come to rest, runs a full garbage collection there and
 * returns its memory usage then (gc-on-signal.mjs).
 */
export async function collectGarbage(server: BenchServer): Promise<RestingMemory> {
  rmSync(server.memFile, { force: true });
  process.kill(server.pid, "SIGUSR2");
  for (let i = 0; i < 2_000 && !existsSync(server.memFile); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(readFileSync(server.memFile, "utf8")) as RestingMemory;
}

function memFileFor(name: string): string {
  return join(tmpdir(), `tsumugi-bench-mem-${name}-${process.pid}-${Date.now()}.json`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        child.stdout?.off("data", onData);
        resolve(m);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
}

/**
 * Prepares a data directory (workspace, one writer, `documents` documents, a session) and
 * optionally pre-fills one document's update log, then starts our server on it.
 */
export async function startOurs(opts: { documents: number; prefill?: Uint8Array[] }): Promise<BenchServer> {
  const { dataDir, cookie, docNames } = await prepareOurs(opts);
  return launchOurs(dataDir, cookie, docNames);
}

/**
 * The data of a run (on SQLite in a new data directory, or in the database of `env`'s
 * DATABASE_URL): a workspace, one writer with a session, `documents` documents.
 */
export async function prepareOurs(
  opts: { documents: number; prefill?: Uint8Array[] },
  env: Record<string, string> = {},
): Promise<{ dataDir: string; cookie: string; docNames: string[] }> {
  const dataDir = tempDataDir();
  const setup = await startTestServer({ dataDir, env });
  const db = setup.ctx.db;
  const workspaceId = await createWorkspace(setup.ctx.kysely, { name: "ベンチ市", lgCode: "999991" });
  const user = await createUser(setup.ctx.kysely, { workspaceId, role: "member", name: "ベンチ 利用者" });
  const docNames: string[] = [];
  for (let i = 0; i < opts.documents; i++)
    docNames.push((await createDocument(setup.ctx.kysely, workspaceId)).docName);
  const { cookie } = await createSession(setup, user.id);
  if (opts.prefill) {
    // Raw log rows, as the collab server appends them, never compacted.
    const docName = docNames[0];
    await new UpdateStore(db).append(opts.prefill.map((update) => ({ docName, update })));
  }
  await setup.stop();
  return { dataDir, cookie, docNames };
}

/** Starts our server process on a prepared data directory (and the store `env` names). */
export async function launchOurs(
  dataDir: string,
  cookie: string,
  docNames: string[],
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const memFile = memFileFor("ours");
  // BENCH_SERVER_NODE_ARGS="--cpu-prof" profiles our server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, ...GC_PRELOAD, "--import", "tsx", "bench/our-server.ts"],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, BENCH_DATA_DIR: dataDir, BENCH_MEM_FILE: memFile },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const [, port] = await waitForLine(child, /READY (\d+)/);
  const stop = stopper(child);
  return {
    name: "ours",
    pid: child.pid as number,
    serverUrl: `ws://127.0.0.1:${port}/collab`,
    headers: { Cookie: cookie, Origin: `http://localhost:${port}` },
    docNames,
    memFile,
    stop,
    restart: async () => {
      await stop();
      return launchOurs(dataDir, cookie, docNames, env);
    },
  };
}

export async function startReference(opts: { documents: number }): Promise<BenchServer> {
  const port = await freePort();
  const memFile = memFileFor("reference");
  const script = fileURLToPath(import.meta.resolve("@y/websocket-server/package.json")).replace(
    /package\.json$/,
    "src/server.js",
  );
  const child = spawn(process.execPath, [...GC_PRELOAD, script], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", BENCH_MEM_FILE: memFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForLine(child, /running at/);
  return {
    name: "reference",
    pid: child.pid as number,
    serverUrl: `ws://127.0.0.1:${port}/collab`,
    headers: {},
    docNames: Array.from({ length: opts.documents }, (_, i) => `bench-doc-${i}`),
    memFile,
    stop: stopper(child),
  };
}
