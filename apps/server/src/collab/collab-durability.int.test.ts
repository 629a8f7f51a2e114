/**
 * Durability against a real process: the server runs as `npm start` would (a child running
 * main.ts), is killed with SIGKILL while a client types, and everything another client saw
 * must be in the SQLite file afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, vi } from "vitest";
import * as Y from "yjs";
import { connectProvider, type ProviderClient, storedDocument } from "../testing/collab-clients.js";
import { collabTest as it } from "../testing/collab-world.js";
import { startTestServer, storeEnvFor, type TestServer } from "../testing/fixtures.js";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const clients: ProviderClient[] = [];
let child: ChildProcess | null = null;

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = null;
});

async function spawnServer(
  dataDir: string,
): Promise<{ url: string; proc: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: "0",
      DATA_DIR: dataDir,
      ...(await storeEnvFor(dataDir)),
      SEED_DEMO: "false",
      WEB_DIST: "",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<never>((_, reject) =>
    proc.once("exit", () => reject(new Error(`server exited:\n${out}`))),
  );
  exited.catch(() => {});
  const url = await Promise.race([
    vi.waitFor(
      () => {
        const running = /running: (http:\/\/\S+)/.exec(out)?.[1];
        if (!running) throw new Error(`server not started yet:\n${out}`);
        return running;
      },
      { timeout: 30_000, interval: 20 },
    ),
    exited,
  ]);
  return { url, proc, output: () => out };
}

/** Stops the fixture's server (the world stays in its store) for a child process to take over. */
async function handOver(server: TestServer): Promise<string> {
  await server.stop();
  return server.dataDir;
}

async function storedDoc(dataDir: string, docName: string): Promise<Y.Doc> {
  const s = await startTestServer({ dataDir });
  try {
    return await storedDocument(s.ctx.db, docName);
  } finally {
    await s.stop();
  }
}

function connect(url: string, cookie: string | null, docName: string): ProviderClient {
  const origin = new URL(url).origin;
  const c = connectProvider(`${origin.replace(/^http/, "ws")}/collab`, docName, {
    cookie: cookie ?? "",
    origin,
  });
  clients.push(c);
  return c;
}

describe("collab durability", () => {
  it("keeps every change another client has seen when the server is killed with SIGKILL", {
    timeout: 60_000,
  }, async ({ server, world: w, docs }) => {
    const dataDir = await handOver(server);
    const { url, proc } = await spawnServer(dataDir);
    const typist = connect(url, w.member.browser.cookie, docs.docName);
    const watcher = connect(url, w.outsider.browser.cookie, docs.docName);
    await Promise.all([typist.synced(), watcher.synced()]);

    let typing = true;
    const typed = (async () => {
      for (let i = 0; typing; i++) {
        typist.text.insert(typist.text.length, "あいうえお"[i % 5]);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await vi.waitFor(() => expect(watcher.text.length).toBeGreaterThan(200), {
      timeout: 20_000,
      interval: 20,
    });
    proc.kill("SIGKILL");
    await new Promise((r) => proc.once("exit", r));
    typing = false;
    await typed;
    const seen = watcher.text.toString();
    const seenVector = Y.decodeStateVector(Y.encodeStateVector(watcher.doc));

    const stored = await storedDoc(dataDir, docs.docName);
    const storedVector = Y.decodeStateVector(Y.encodeStateVector(stored));
    for (const [clientId, clock] of seenVector)
      expect(storedVector.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock);
    expect(stored.getText("t").toString().startsWith(seen)).toBe(true);
    expect(seen.length).toBeGreaterThan(200);
  });

  it("flushes and exits cleanly on SIGTERM", { timeout: 60_000 }, async ({ server, world: w, docs }) => {
    const dataDir = await handOver(server);
    const { url, proc, output } = await spawnServer(dataDir);
    const typist = connect(url, w.member.browser.cookie, docs.docName);
    const watcher = connect(url, w.outsider.browser.cookie, docs.docName);
    await Promise.all([typist.synced(), watcher.synced()]);
    typist.text.insert(0, "第2回 推進会議 議事録");
    await vi.waitFor(() => expect(watcher.text.toString()).toBe("第2回 推進会議 議事録"), {
      timeout: 5_000,
      interval: 20,
    });
    const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
    await vi.waitFor(() => expect(watcher.closes.map((c) => c.code)).toContain(1001), {
      timeout: 5_000,
      interval: 20,
    });
    expect(output()).toContain("SIGTERM");
    expect((await storedDoc(dataDir, docs.docName)).getText("t").toString()).toBe("第2回 推進会議 議事録");
  });
});
