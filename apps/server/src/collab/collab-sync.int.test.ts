import { afterEach, describe, expect, it } from "vitest";
import {
  type CollabWorld,
  connectProvider,
  type ProviderClient,
  seedCollabWorld,
  storedDocument,
  waitFor,
} from "../testing/collab-clients.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";

let server: TestServer;
let world: CollabWorld;
const clients: ProviderClient[] = [];

async function start(env: Record<string, string> = {}, dataDir?: string): Promise<void> {
  server = await startTestServer({ env, dataDir });
  world ??= await seedCollabWorld(server);
}

function client(cookie: string, docName = world.docName): ProviderClient {
  const c = connectProvider(server.wsUrl, docName, { cookie, origin: server.origin });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.destroy();
  world = undefined as unknown as CollabWorld;
});

async function storedText(docName: string): Promise<string> {
  return (await storedDocument(server.ctx.db, docName)).getText("t").toString();
}

describe("collab sync", () => {
  it("lets two y-websocket clients converge while both type", async () => {
    await start();
    const a = client(world.alice.cookie);
    const b = client(world.bob.cookie);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 20; i++) {
      a.text.insert(a.text.length, "あ");
      b.text.insert(0, "b");
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length === 40, "convergence");
    expect(a.text.toString()).toMatch(/^[bあ]{40}$/);
    await server.collab.flush();
    expect(await storedText(world.docName)).toBe(a.text.toString());
  });

  it("keeps content across a restart on the same SQLite file", async () => {
    await start();
    const a = client(world.alice.cookie);
    await a.synced();
    a.text.insert(0, "第1回 在宅医療・介護連携推進会議");
    await waitFor(async () => (await storedText(world.docName)).length > 0, "stored");
    a.destroy();
    const dataDir = server.dataDir;
    await server.stop();
    server = await startTestServer({ dataDir });
    const b = client(world.bob.cookie);
    await b.synced();
    expect(b.text.toString()).toBe("第1回 在宅医療・介護連携推進会議");
  });

  it("compacts the update log into a snapshot without losing concurrent updates", async () => {
    await start({ COLLAB_COMPACT_AFTER_UPDATES: "10" });
    const a = client(world.alice.cookie);
    const b = client(world.bob.cookie);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 120; i++) {
      (i % 2 ? a : b).text.insert(0, String(i % 10));
      if (i % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => a.text.length === 120 && b.text.length === 120, "all updates seen");
    await server.collab.flush();
    await waitFor(async () => {
      const n = await server.ctx.db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?",
        [world.docName],
      );
      return (n?.n ?? 0) < 10;
    }, "log folded");
    const snap = await server.ctx.db.get("SELECT last_update_id FROM doc_snapshots WHERE doc_name = ?", [
      world.docName,
    ]);
    expect(snap).toBeDefined();
    expect(await storedText(world.docName)).toBe(a.text.toString());
  });

  it("compacts by bytes too: a few large updates fold the log before the count limit", async () => {
    await start({ COLLAB_COMPACT_AFTER_UPDATES: "1000", COLLAB_COMPACT_AFTER_BYTES: "4096" });
    const a = client(world.alice.cookie);
    await a.synced();
    const chunk = "在宅医療・介護連携".repeat(60); // ≈1.6 KB of UTF-8 per update
    for (let i = 0; i < 4; i++) {
      a.text.insert(a.text.length, chunk);
      await server.collab.flush();
    }
    await waitFor(async () => {
      const snap = await server.ctx.db.get("SELECT 1 FROM doc_snapshots WHERE doc_name = ?", [world.docName]);
      return snap !== undefined;
    }, "snapshot written by bytes");
    const rows = await server.ctx.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?",
      [world.docName],
    );
    expect(rows?.n ?? 0).toBeLessThan(4);
    expect(await storedText(world.docName)).toBe(chunk.repeat(4));
  });

  it("unloads an idle document only after its writes are flushed, and reloads it", async () => {
    await start({ COLLAB_UNLOAD_IDLE_SECONDS: "0" });
    const a = client(world.alice.cookie);
    await a.synced();
    a.text.insert(0, "急変時対応シート");
    await waitFor(() => server.collab.connectionCount(world.docName) === 1, "connected");
    await new Promise((r) => setTimeout(r, 50));
    a.destroy();
    await waitFor(() => server.collab.loadedDocuments().length === 0, "unloaded");
    expect(await storedText(world.docName)).toBe("急変時対応シート");
    const b = client(world.bob.cookie);
    await b.synced();
    expect(b.text.toString()).toBe("急変時対応シート");
  });

  it("shares awareness with the session's user name, not the one the client claims", async () => {
    await start();
    const a = client(world.alice.cookie);
    const b = client(world.bob.cookie);
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField("user", { name: "なりすまし", color: "#123456" });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), "awareness of a at b");
    await waitFor(
      () => (b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name ?? "") === "山田 花子",
      "name rewritten",
    );
    const seen = b.provider.awareness.getStates().get(a.doc.clientID)?.user;
    expect(seen).toMatchObject({ name: "山田 花子", userId: world.alice.id, color: "#123456" });
  });

  it("does not let a client that is alone in a document hit the 30-second idle timeout", {
    timeout: 45_000,
  }, async () => {
    await start();
    const a = client(world.alice.cookie);
    await a.synced();
    // No awareness renewals either: only the server's keepalive can keep it open.
    a.provider.awareness.setLocalState(null);
    await new Promise((r) => setTimeout(r, 33_000));
    expect(a.closes).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
  });
});
