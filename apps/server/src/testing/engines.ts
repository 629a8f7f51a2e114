/**
 * Private PostgreSQL and Redis (or Valkey) instances for tests and the benchmark: each in a
 * temporary directory, listening on a free loopback port, started from the Debian packages'
 * binaries (`postgresql`, `redis-server`; `.ci/run` installs them) and stopped by `stop()`.
 * No system service is used or needed.
 *
 * PostgreSQL refuses to run as root: when this process is root, the server runs as the
 * `postgres` account the Debian package creates, in a directory handed to it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Engine {
  /** postgres://… or redis://… on 127.0.0.1. */
  url: string;
  port: number;
  /** Stops the engine (SIGKILL-safe: the data directory is temporary) and removes its directory. */
  stop(): Promise<void>;
}

export interface PostgresEngine extends Engine {
  /** A URL of another database on the same instance. */
  urlOf(database: string): string;
  /** Stops the server abruptly (as a crash would) and starts it again on the same port and data. */
  restart(): Promise<void>;
}

export interface RedisEngine extends Engine {
  /** Stops Redis (all its state is lost: it keeps nothing on disk) and starts it again on the same port. */
  restart(): Promise<void>;
}

/** A port nobody listens on right now (asked of the kernel). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The newest PostgreSQL server's binaries (Debian: /usr/lib/postgresql/<version>/bin). */
export function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql, or set PG_BIN_DIR)",
    );
  }
  return join(root, versions[0], "bin");
}

export function redisServerBinary(): string {
  for (const candidate of [process.env.REDIS_SERVER, "/usr/bin/redis-server", "/usr/bin/valkey-server"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error("redis-server not found (apt-get install redis-server, or set REDIS_SERVER)");
}

function postgresAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("running as root and no 'postgres' account exists to run PostgreSQL");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Resolves when `pattern` appears on the child's stderr/stdout; rejects when it exits first. */
function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => finish(new Error(`${what} did not start within ${timeoutMs} ms:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-8_000);
      if (pattern.test(seen)) finish(null);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${seen}`));
    function finish(err: Error | null) {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      if (err) reject(err);
      else resolve();
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", onExit);
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/**
 * Starts PostgreSQL in a new temporary cluster: database `tsumugi` owned by the superuser
 * `tsumugi`, trust authentication on 127.0.0.1 only, UTF-8 with the C collation (text sorts
 * by code point, as in SQLite). Durability settings are relaxed for speed (`fsync=off`):
 * tests kill Tsumugi nodes, never this server, except through `restart()`, which stops it
 * with a fast shutdown.
 */
export async function startPostgres(opts: { port?: number } = {}): Promise<PostgresEngine> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "tsumugi-pg-"));
  const data = join(dir, "data");
  const account = postgresAccount();
  if (account) chownSync(dir, account.uid, account.gid);
  const asAccount = account ? { uid: account.uid, gid: account.gid } : {};
  execFileSync(
    join(bin, "initdb"),
    [
      "-D",
      data,
      "-U",
      "tsumugi",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
      "--no-instructions",
    ],
    { ...asAccount, stdio: "pipe", cwd: dir },
  );
  const port = opts.port ?? (await freePort());
  const args = [
    "-D",
    data,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "fsync=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "max_connections=400",
    "-c",
    "shared_buffers=64MB",
  ];
  let child: ChildProcess;
  const boot = async () => {
    child = spawn(join(bin, "postgres"), args, { ...asAccount, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    await waitForOutput(child, /database system is ready to accept connections/, "PostgreSQL");
    // Keep reading, so a chatty log cannot fill the pipe and stall the server.
    child.stdout?.resume();
    child.stderr?.resume();
  };
  await boot();
  execFileSync(join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "tsumugi", "tsumugi"], {
    stdio: "pipe",
  });
  const urlOf = (database: string) => `postgres://tsumugi@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf("tsumugi"),
    port,
    urlOf,
    async restart() {
      // SIGQUIT: immediate shutdown, like a crash; the WAL brings it back on start.
      await stopChild(child, "SIGQUIT");
      await boot();
    },
    async stop() {
      await stopChild(child, "SIGINT");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts redis-server with no persistence (Tsumugi keeps nothing durable in it). */
export async function startRedis(opts: { port?: number } = {}): Promise<RedisEngine> {
  const binary = redisServerBinary();
  const dir = mkdtempSync(join(tmpdir(), "tsumugi-redis-"));
  const port = opts.port ?? (await freePort());
  let child: ChildProcess;
  const boot = async () => {
    child = spawn(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
        "--daemonize",
        "no",
        "--protected-mode",
        "yes",
      ],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    await waitForOutput(child, /Ready to accept connections/, "Redis");
    child.stdout?.resume();
    child.stderr?.resume();
  };
  await boot();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await stopChild(child, "SIGKILL");
      await boot();
    },
    async stop() {
      await stopChild(child, "SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
