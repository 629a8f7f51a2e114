import { describe, expect, vi } from "vitest";
import { loadConfig } from "../config.js";
import { connectProvider, storedDocument } from "../testing/collab-clients.js";
import { collabTest as it, sessionOf } from "../testing/collab-world.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";

const withEnv = (serverEnv: Record<string, string>) => it.extend({ serverEnv });
const soon = { timeout: 5_000, interval: 20 };

async function storedText(server: TestServer, docName: string): Promise<string> {
  return (await storedDocument(server.ctx.db, docName)).getText("t").toString();
}

const logRows = async (server: TestServer, docName: string) =>
  (
    await server.ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?", [
      docName,
    ])
  )?.n ?? 0;

describe("collab sync", () => {
  it("lets two y-websocket clients converge while both type", async ({ server, docs, twoWriters }) => {
    const [a, b] = await twoWriters();
    for (let i = 0; i < 20; i++) {
      a.text.insert(a.text.length, "あ");
      b.text.insert(0, "b");
      await new Promise((r) => setTimeout(r, 5));
    }
    await vi.waitFor(() => {
      expect(a.text.length).toBe(40);
      expect(b.text.toString()).toBe(a.text.toString());
    }, soon);
    expect(a.text.toString()).toMatch(/^[bあ]{40}$/);
    await server.collab.flush();
    expect(await storedText(server, docs.docName)).toBe(a.text.toString());
  });

  it("keeps content across a restart on the same SQLite file", async ({ server, world: w, docs, open }) => {
    const a = open(docs.docName, w.member.browser.cookie);
    await a.synced();
    a.text.insert(0, "第1回 在宅医療・介護連携推進会議");
    await expect.poll(() => storedText(server, docs.docName), soon).not.toBe("");
    a.destroy();
    await server.stop();
    const again = await startTestServer({ dataDir: server.dataDir });
    const b = connectProvider(again.wsUrl, docs.docName, {
      cookie: w.outsider.browser.cookie ?? "",
      origin: again.origin,
    });
    try {
      await b.synced();
      expect(b.text.toString()).toBe("第1回 在宅医療・介護連携推進会議");
    } finally {
      b.destroy();
      await again.stop();
    }
  });

  withEnv({ COLLAB_COMPACT_AFTER_UPDATES: "10" })(
    "compacts the update log into a snapshot without losing concurrent updates",
    async ({ server, docs, twoWriters }) => {
      const [a, b] = await twoWriters();
      for (let i = 0; i < 120; i++) {
        (i % 2 ? a : b).text.insert(0, String(i % 10));
        if (i % 7 === 0) await new Promise((r) => setImmediate(r));
      }
      await vi.waitFor(() => {
        expect(a.text.length).toBe(120);
        expect(b.text.length).toBe(120);
      }, soon);
      await server.collab.flush();
      await expect.poll(() => logRows(server, docs.docName), soon).toBeLessThan(10);
      const snap = await server.ctx.db.get("SELECT last_update_id FROM doc_snapshots WHERE doc_name = ?", [
        docs.docName,
      ]);
      expect(snap).toBeDefined();
      expect(await storedText(server, docs.docName)).toBe(a.text.toString());
    },
  );

  withEnv({ COLLAB_COMPACT_AFTER_UPDATES: "1000", COLLAB_COMPACT_AFTER_BYTES: "4096" })(
    "compacts by bytes too: a few large updates fold the log before the count limit",
    async ({ server, world: w, docs, open }) => {
      const a = open(docs.docName, w.member.browser.cookie);
      await a.synced();
      const chunk = "在宅医療・介護連携".repeat(60); // ≈1.6 KB of UTF-8 per update
      for (let i = 0; i < 4; i++) {
        a.text.insert(a.text.length, chunk);
        await server.collab.flush();
      }
      await expect
        .poll(
          () => server.ctx.db.get("SELECT 1 AS ok FROM doc_snapshots WHERE doc_name = ?", [docs.docName]),
          soon,
        )
        .toEqual({ ok: 1 });
      expect(await logRows(server, docs.docName)).toBeLessThan(4);
      expect(await storedText(server, docs.docName)).toBe(chunk.repeat(4));
    },
  );

  withEnv({ COLLAB_UNLOAD_IDLE_SECONDS: "0" })(
    "unloads an idle document only after its writes are flushed, and reloads it",
    async ({ server, world: w, docs, open }) => {
      const a = open(docs.docName, w.member.browser.cookie);
      await a.synced();
      a.text.insert(0, "急変時対応シート");
      // Sent, not yet known to be stored: the unload must wait for the write.
      a.destroy();
      await vi.waitFor(() => expect(server.collab.loadedDocuments()).toEqual([]), soon);
      expect(await storedText(server, docs.docName)).toBe("急変時対応シート");
      const b = open(docs.docName, w.outsider.browser.cookie);
      await b.synced();
      expect(b.text.toString()).toBe("急変時対応シート");
    },
  );

  it("shares awareness with the session's user name, not the one the client claims", async ({
    server,
    world: w,
    twoWriters,
  }) => {
    const [a, b] = await twoWriters();
    const { userName } = await sessionOf(server, w.member);
    a.provider.awareness.setLocalStateField("user", { name: "なりすまし", color: "#123456" });
    await vi.waitFor(
      () => expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe(userName),
      soon,
    );
    const seen = b.provider.awareness.getStates().get(a.doc.clientID)?.user;
    expect(seen).toMatchObject({ name: userName, userId: w.member.id, color: "#123456" });
  });

  // y-websocket's client closes a socket that received nothing for 30 s (its
  // messageReconnectTimeout, not configurable), which is three of the server's default keepalive
  // rounds. Here the rounds are one second, so the client's timeout scales to three seconds.
  withEnv({ COLLAB_KEEPALIVE_SECONDS: "1" })(
    "does not let a client that is alone in a document hit the 30-second idle timeout",
    async ({ world: w, docs, open }) => {
      const clientIdleTimeoutMs = 30_000;
      const scaledTimeoutMs = (clientIdleTimeoutMs * 1_000) / loadConfig({}).collab.keepaliveMs;
      const a = open(docs.docName, w.member.browser.cookie);
      await a.synced();
      // No awareness renewals either: only the server's keepalive can keep it open.
      a.provider.awareness.setLocalState(null);
      const ws = a.provider.ws;
      if (!ws) throw new Error("not connected");
      const arrivals = [Date.now()];
      ws.addEventListener("message", () => arrivals.push(Date.now()));
      // Four messages sent by the server on its own, more than the scaled timeout apart in all.
      await expect.poll(() => arrivals.length, { timeout: 15_000, interval: 50 }).toBeGreaterThan(4);
      const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] ?? t));
      expect(Math.max(...gaps)).toBeLessThan(scaledTimeoutMs);
      expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(scaledTimeoutMs);
      expect(a.closes).toEqual([]);
      expect(a.provider.wsconnected).toBe(true);
      expect(a.provider.ws).toBe(ws);
    },
  );
});
