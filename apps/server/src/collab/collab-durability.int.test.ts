/**
 * Durability against a real process: the server runs as `npm start` would (a child running
 * main.ts), is killed with SIGKILL while a client types, and everything another client saw
 * must be in the SQLite file afterwards.
 */
import { afterEach, describe, expect, vi } from "vitest";
import * as Y from "yjs";
import { connectProvider, type ProviderClient } from "../testing/collab-clients.js";
import { collabTest as it } from "../testing/collab-world.js";
import type { TestServer } from "../testing/fixtures.js";
import { type ServerProcess, spawnServerProcess, storedIn } from "../testing/server-process.js";

const clients: ProviderClient[] = [];
const processes: ServerProcess[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(processes.splice(0).map((p) => p.kill("SIGKILL")));
});

/**
 * Stops the fixture's server (the world stays in its store) and starts the server as its own
 * process on the same data.
 */
async function handOver(server: TestServer): Promise<{ dataDir: string; child: ServerProcess }> {
  await server.stop();
  const child = await spawnServerProcess(server.dataDir);
  processes.push(child);
  return { dataDir: server.dataDir, child };
}

function connect(child: ServerProcess, cookie: string | null, docName: string): ProviderClient {
  const c = connectProvider(child.wsUrl, docName, { cookie: cookie ?? "", origin: child.origin });
  clients.push(c);
  return c;
}

describe("collab durability", () => {
  it("keeps every change another client has seen when the server is killed with SIGKILL", {
    timeout: 60_000,
  }, async ({ server, world: w, docs }) => {
    const { dataDir, child } = await handOver(server);
    const typist = connect(child, w.member.browser.cookie, docs.docName);
    const watcher = connect(child, w.outsider.browser.cookie, docs.docName);
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
    await child.kill("SIGKILL");
    typing = false;
    await typed;
    const seen = watcher.text.toString();
    const seenVector = Y.decodeStateVector(Y.encodeStateVector(watcher.doc));

    const stored = await storedIn(dataDir, docs.docName);
    const storedVector = Y.decodeStateVector(Y.encodeStateVector(stored));
    for (const [clientId, clock] of seenVector)
      expect(storedVector.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock);
    expect(stored.getText("t").toString().startsWith(seen)).toBe(true);
    expect(seen.length).toBeGreaterThan(200);
  });

  it("flushes and exits cleanly on SIGTERM", { timeout: 60_000 }, async ({ server, world: w, docs }) => {
    const { dataDir, child } = await handOver(server);
    const typist = connect(child, w.member.browser.cookie, docs.docName);
    const watcher = connect(child, w.outsider.browser.cookie, docs.docName);
    await Promise.all([typist.synced(), watcher.synced()]);
    typist.text.insert(0, "第2回 推進会議 議事録");
    await vi.waitFor(() => expect(watcher.text.toString()).toBe("第2回 推進会議 議事録"), {
      timeout: 5_000,
      interval: 20,
    });
    expect(await child.kill("SIGTERM")).toBe(0);
    await vi.waitFor(() => expect(watcher.closes.map((c) => c.code)).toContain(1001), {
      timeout: 5_000,
      interval: 20,
    });
    expect(child.output()).toContain("SIGTERM");
    expect((await storedIn(dataDir, docs.docName)).getText("t").toString()).toBe("第2回 推進会議 議事録");
  });
});
