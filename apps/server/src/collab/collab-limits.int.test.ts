/**
 * Limits on what one person can make the server store and broadcast: a document's size, a
 * person's write rate (bytes and updates), and presence (awareness) size and rate — for
 * writers and read-only connections alike. Refusals close the socket with a close code the
 * web app explains, are audited, and lose nothing already stored.
 */
import { CLOSE } from "@tsumugi/domain";
import { describe, expect, vi } from "vitest";
import type WebSocket from "ws";
import { acknowledged, openRawSocket, storedDocument } from "../testing/collab-clients.js";
import { type CollabDocuments, collabTest } from "../testing/collab-world.js";
import type { TestServer } from "../testing/fixtures.js";
import { encodeAwareness, encodeAwarenessUpdate } from "./protocol.js";

const withEnv = (serverEnv: Record<string, string>) => collabTest.extend({ serverEnv });
const soon = { timeout: 5_000, interval: 20 };

/** A raw socket on the workspace's note (no y-websocket client: it sends what the test says). */
async function raw(server: TestServer, docs: CollabDocuments, cookie: string | null): Promise<WebSocket> {
  const r = await openRawSocket(server.wsUrl, docs.docName, { cookie: cookie ?? "", origin: server.origin });
  if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
  return r.ws;
}

const storedText = async (server: TestServer, docs: CollabDocuments) => {
  await server.collab.flush();
  return (await storedDocument(server.ctx.db, docs.docName)).getText("t").toString();
};

const audited = (server: TestServer, event: string) =>
  server.ctx.db.all<{ actor_user_id: string; target: string; detail: string }>(
    "SELECT actor_user_id, target, detail FROM audit_log WHERE event = ?",
    [event],
  );

/** About `kib` KiB of text (ASCII: one byte per character in the update). */
const chunk = (mark: string, kib: number) => mark + "x".repeat(kib * 1024 - mark.length);

describe("document size", () => {
  withEnv({ COLLAB_MAX_DOCUMENT_BYTES: "262144", COLLAB_WRITE_BYTES_PER_MINUTE: "16777216" })(
    "refuses an update that would take a document past its size (4413), keeping what is stored",
    async ({ server, world: w, docs, twoWriters }) => {
      const [writer, reader] = await twoWriters();
      writer.text.insert(0, chunk("一", 100));
      expect(await writer.acknowledged()).toBe(true);
      writer.text.insert(writer.text.length, chunk("二", 100));
      expect(await writer.acknowledged()).toBe(true);
      const stored = await storedText(server, docs);
      expect(stored.length).toBe(200 * 1024);

      // A third 100 KiB would make 300 KiB: refused, the socket closed with its own code.
      writer.text.insert(writer.text.length, chunk("三", 100));
      await vi.waitFor(() => expect(writer.closes).not.toEqual([]), soon);
      expect(writer.closes[0].code).toBe(CLOSE.documentTooLarge);
      await reader.acknowledged();
      expect(reader.text.toString()).toBe(stored);
      expect(await storedText(server, docs)).toBe(stored);
      const [entry] = await audited(server, "document.write_limited");
      expect(entry).toMatchObject({ actor_user_id: w.member.id, target: docs.docName });
      expect(JSON.parse(entry.detail)).toMatchObject({ limit: "documentBytes", max: 262144 });

      // Small edits still fit, for anyone (here a fresh connection of the reader).
      reader.text.insert(0, "追記");
      expect(await reader.acknowledged()).toBe(true);
      expect(await storedText(server, docs)).toBe(`追記${stored}`);
    },
  );
});

describe("write rate per person", () => {
  withEnv({ COLLAB_WRITE_BYTES_PER_MINUTE: "102400" })(
    "refuses a person's bytes past the per-minute budget on all their connections (4429), not others'",
    async ({ server, world: w, docs, open }) => {
      const first = open(docs.docName, w.member.browser.cookie);
      const second = open(docs.docName, w.member.browser.cookie);
      const other = open(docs.docName, w.outsider.browser.cookie);
      await Promise.all([first.synced(), second.synced(), other.synced()]);
      first.text.insert(0, chunk("一", 40));
      expect(await first.acknowledged()).toBe(true);
      first.text.insert(0, chunk("二", 40));
      expect(await first.acknowledged()).toBe(true);
      const stored = await storedText(server, docs);
      first.text.insert(0, chunk("三", 40));
      await vi.waitFor(() => expect(first.closes).not.toEqual([]), soon);
      expect(first.closes[0].code).toBe(CLOSE.writeRateExceeded);
      // The reason says when to try again.
      expect(first.closes[0].reason).toMatch(/retry=\d+/);
      expect(Number(/retry=(\d+)/.exec(first.closes[0].reason)?.[1])).toBeGreaterThan(0);

      // The budget is the person's, not the connection's.
      await vi.waitFor(() => expect(second.text.toString()).toBe(stored), soon);
      second.text.insert(0, chunk("四", 40));
      await vi.waitFor(() => expect(second.closes).not.toEqual([]), soon);
      expect(second.closes[0].code).toBe(CLOSE.writeRateExceeded);

      // Someone else writes as usual, and nothing stored is lost.
      other.text.insert(other.text.length, "別の人");
      expect(await other.acknowledged()).toBe(true);
      expect(await storedText(server, docs)).toBe(`${stored}別の人`);
      const entries = await audited(server, "document.write_limited");
      expect(entries.map((e) => JSON.parse(e.detail).limit)).toEqual(["writeBytes", "writeBytes"]);
    },
  );

  withEnv({ COLLAB_WRITES_PER_MINUTE: "20" })(
    "refuses a person's updates past the per-minute count",
    async ({ server, world: w, docs, open }) => {
      const writer = open(docs.docName, w.member.browser.cookie);
      await writer.synced();
      for (let i = 0; i < 19; i++) {
        writer.text.insert(writer.text.length, "あ");
        await writer.acknowledged();
      }
      expect(writer.closes).toEqual([]);
      for (let i = 0; i < 5; i++) writer.text.insert(writer.text.length, "い");
      await vi.waitFor(() => expect(writer.closes).not.toEqual([]), soon);
      expect(writer.closes[0].code).toBe(CLOSE.writeRateExceeded);
      expect((await storedText(server, docs)).startsWith("あ".repeat(19))).toBe(true);
    },
  );
});

describe("presence (awareness)", () => {
  const presence = (clientId: number, clock: number, state: Record<string, unknown>) =>
    encodeAwareness(encodeAwarenessUpdate([{ clientId, clock, state }]));

  withEnv({ COLLAB_MAX_AWARENESS_BYTES: "2048" })(
    "drops an oversized presence state from any connection, an observer's too",
    async ({ server, world: w, docs, open }) => {
      const watcher = open(docs.docName, w.member.browser.cookie);
      await watcher.synced();
      const observer = await raw(server, docs, w.observer.browser.cookie);
      observer.send(presence(777001, 1, { note: "x".repeat(3 * 1024) }));
      await acknowledged(observer);
      await watcher.acknowledged();
      expect(watcher.provider.awareness.getStates().has(777001)).toBe(false);

      // A state within the size is shared as usual.
      observer.send(presence(777001, 2, { note: "閲覧中" }));
      await vi.waitFor(
        () => expect(watcher.provider.awareness.getStates().get(777001)?.note).toBe("閲覧中"),
        soon,
      );
      observer.close();
    },
  );

  withEnv({ COLLAB_AWARENESS_PER_MINUTE: "5" })(
    "drops a person's presence updates past the per-minute count",
    async ({ server, world: w, docs, open }) => {
      const watcher = open(docs.docName, w.member.browser.cookie);
      await watcher.synced();
      const observer = await raw(server, docs, w.observer.browser.cookie);
      for (let clock = 1; clock <= 12; clock++) observer.send(presence(777002, clock, { n: clock }));
      await acknowledged(observer);
      await watcher.acknowledged();
      expect(watcher.provider.awareness.getStates().get(777002)?.n).toBe(5);
      observer.close();
    },
  );
});
