/**
 * Browser-test harness: the real server in a child process (its own SQLite file in a temp
 * directory, demo workspace seeded) and Debian's Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page, type PageScreenshotOptions } from "playwright-core";
import { test } from "vitest";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export interface DemoLogin {
  label: string;
  email: string;
  password: string;
}

export interface E2EServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  logins: DemoLogin[];
  stop(signal?: NodeJS.Signals): Promise<void>;
  destroy(): Promise<void>;
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

/** Parses the demo logins main.ts prints: "  label   email   password". */
function parseLogins(out: string): DemoLogin[] {
  const logins: DemoLogin[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s+(\S.*?)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line);
    if (m) logins.push({ label: m[1].trim(), email: m[2], password: m[3] });
  }
  return logins;
}

export async function startE2EServer(
  // `port` and `dataDir` of a stopped server start it again as the same origin.
  opts: { dataDir?: string; port?: number; env?: Record<string, string> } = {},
): Promise<E2EServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "tsumugi-e2e-"));
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  // Node itself, not an npx/tsx wrapper: a signal to a wrapper does not reach the server,
  // which would outlive the test.
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  // Waits on what it prints (or its exit), not on a clock: main.ts says where it runs once it
  // listens, and prints the demo logins right after, in the same turn.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const onOutput = () => {
      if (out.includes(" is running: ")) done();
    };
    const onExit = () => done(new Error(`server exited early:\n${out}`));
    const done = (err?: Error) => {
      clearTimeout(timer);
      child.stdout?.off("data", onOutput);
      child.stderr?.off("data", onOutput);
      child.off("exit", onExit);
      if (err) reject(err);
      else resolve();
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    child.once("exit", onExit);
  });
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    // Already gone (exited, or killed by a signal: then exitCode stays null).
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  };
  return {
    url,
    port,
    dataDir,
    process: child,
    output: () => out,
    // Read when asked: the lines after "running" may come in a later chunk of output.
    get logins() {
      return parseLogins(out);
    },
    stop,
    destroy: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--lang=ja-JP",
    ],
  });
}

/** How a file's demo server is started (see e2eTest). */
export interface E2EOptions {
  /** Settings of the one demo server. */
  env?: Record<string, string>;
  /** What the file needs in front of the browser instead (its `destroy` stops all of it). */
  start?: () => Promise<E2EServer>;
  /** The time the set-up may take. */
  timeout?: number;
}

/**
 * The file's tests, given `server` (the demo server, started with these settings) and
 * `browser` (Chromium) as fixtures shared by the file: set up once, before its first test and
 * within the set-up time rather than that test's, and closed after its last one, the browser
 * before the server.
 */
export function e2eTest(opts: E2EOptions = {}) {
  const e2e = test
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
    .extend("server", { scope: "file" }, async ({}, { onCleanup }) => {
      const server = await (opts.start ? opts.start() : startE2EServer({ env: opts.env }));
      onCleanup(() => server.destroy());
      return server;
    })
    // On the server, though it does not use it: so it is closed first.
    .extend("browser", { scope: "file" }, async ({ server: _server }, { onCleanup }) => {
      const browser = await launchChromium();
      onCleanup(() => browser.close());
      return browser;
    });
  e2e.beforeAll(async ({ browser: _browser }) => {}, opts.timeout ?? 120_000);
  return e2e;
}

/**
 * Saves the page (the whole page unless told otherwise) as SHOTS_DIR/<name>.png when
 * SHOTS_DIR is set: screens to look at.
 */
export async function saveShot(
  page: Page,
  name: string,
  opts: Omit<PageScreenshotOptions, "path"> = {},
): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ fullPage: true, ...opts, path: join(dir, `${name}.png`) });
}
