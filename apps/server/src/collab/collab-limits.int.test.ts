/**
 * Limits on what one person can make the server store and broadcast: a document's size, a
 * person's write rate (bytes and updates), and presence (awareness) size and rate — for
 * writers and read-only connections alike. Refusals close the socket with a close code the
 * web app explains, are audited, and lose nothing already stored.
 */
import { CLOSE } from "@tsumugi/domain";
import { afterEach, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import {
  acknowledged,
  type CollabWorld,
  connectProvider,
  openRawSocket,
  type ProviderClient,
  seedCollabWorld,
  storedDocument,
  waitFor,
} from "../testing/collab-clients.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";
import { encodeAwareness, encodeAwarenessUpdate } from "./protocol.js";

let server: TestServer;
let world: CollabWorld;
const clients: ProviderClient[] = [];

async function start(env: Record<string, string>): Promise<void> {
  server = await startTestServer({ env });
  world = await seedCollabWorld(server);
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.destroy();
});

function client(cookie: string): ProviderClient {
  const c = connectProvider(server.wsUrl, world.docName, { cookie, origin: server.origin });
  clients.push(c);
  return c;
}

async function raw(cookie: string): Promise<WebSocket> {
  const r = await openRawSocket(server.wsUrl, world.docName, { cookie, origin: server.origin });
  if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
  return r.ws;
}

const storedText = async () => {
  await server.collab.flush();
  return (await storedDocument(server.ctx.db, world.docName)).getText("t").toString();
};

const audited = (event: string) =>
  server.ctx.db.all<{ actor_user_id: string; target: string; detail: string }>(
    "SELECT actor_user_id, target, detail FROM audit_log WHERE event = ?",
    [event],
  );

/** About `kib` KiB of text (ASCII: one byte per character in the update). */
const chunk = (mark: string, kib: number) => mark + "x".repeat(kib * 1024 - mark.length);

describe("document size", () => {
  it("refuses an update that would take a document past its size (4413), keeping what is stored", async () => {
    await start({ COLLAB_MAX_DOCUMENT_BYTES: "262144", COLLAB_WRITE_BYTES_PER_MINUTE: "16777216" });
    const writer = client(world.alice.cookie);
    const reader = client(world.bob.cookie);
    await Promise.all([writer.synced(), reader.synced()]);
    writer.text.insert(0, chunk("一", 100));
    expect(await writer.acknowledged()).toBe(true);
    writer.text.insert(writer.text.length, chunk("二", 100));
    expect(await writer.acknowledged()).toBe(true);
    const stored = await storedText();
    expect(stored.length).toBe(200 * 1024);

    // A third 100 KiB would make 300 KiB: refused, the socket closed with its own code.
    writer.text.insert(writer.text.length, chunk("三", 100));
    await waitFor(() => writer.closes.length > 0, "the writer closed");
    expect(writer.closes[0].code).toBe(CLOSE.documentTooLarge);
    await reader.acknowledged();
    expect(reader.text.toString()).toBe(stored);
    expect(await storedText()).toBe(stored);
    const [entry] = await audited("document.write_limited");
    expect(entry).toMatchObject({ actor_user_id: world.alice.id, target: world.docName });
    expect(JSON.parse(entry.detail)).toMatchObject({ limit: "documentBytes", max: 262144 });

    // Small edits still fit, for anyone (here a fresh connection of the reader).
    reader.text.insert(0, "追記");
    expect(await reader.acknowledged()).toBe(true);
    expect(await storedText()).toBe(`追記${stored}`);
  });
});

describe("write rate per person", () => {
  it("refuses a person's bytes past the per-minute budget on all their connections (4429), not others'", async () => {
    await start({ COLLAB_WRITE_BYTES_PER_MINUTE: "102400" });
    const first = client(world.alice.cookie);
    const second = client(world.alice.cookie);
    const other = client(world.bob.cookie);
    await Promise.all([first.synced(), second.synced(), other.synced()]);
    first.text.insert(0, chunk("一", 40));
    expect(await first.acknowledged()).toBe(true);
    first.text.insert(0, chunk("二", 40));
    expect(await first.acknowledged()).toBe(true);
    const stored = await storedText();
    first.text.insert(0, chunk("三", 40));
    await waitFor(() => first.closes.length > 0, "the first connection closed");
    expect(first.closes[0].code).toBe(CLOSE.writeRateExceeded);
    // The reason says when to try again.
    expect(first.closes[0].reason).toMatch(/retry=\d+/);
    expect(Number(/retry=(\d+)/.exec(first.closes[0].reason)?.[1])).toBeGreaterThan(0);

    // The budget is the person's, not the connection's.
    await waitFor(() => second.text.toString() === stored, "second in sync");
    second.text.insert(0, chunk("四", 40));
    await waitFor(() => second.closes.length > 0, "the second connection closed");
    expect(second.closes[0].code).toBe(CLOSE.writeRateExceeded);

    // Someone else writes as usual, and nothing stored is lost.
    other.text.insert(other.text.length, "別の人");
    expect(await other.acknowledged()).toBe(true);
    expect(await storedText()).toBe(`${stored}別の人`);
    const entries = await audited("document.write_limited");
    expect(entries.map((e) => JSON.parse(e.detail).limit)).toEqual(["writeBytes", "writeBytes"]);
  });

  it("refuses a person's updates past the per-minute count", async () => {
    await start({ COLLAB_WRITES_PER_MINUTE: "20" });
    const writer = client(world.alice.cookie);
    await writer.synced();
    for (let i = 0; i < 19; i++) {
      writer.text.insert(writer.text.length, "あ");
      await writer.acknowledged();
    }
    expect(writer.closes).toEqual([]);
    for (let i = 0; i < 5; i++) writer.text.insert(writer.text.length, "い");
    await waitFor(() => writer.closes.length > 0, "the writer closed");
    expect(writer.closes[0].code).toBe(CLOSE.writeRateExceeded);
    expect((await storedText()).startsWith("あ".repeat(19))).toBe(true);
  });
});

describe("presence (awareness)", () => {
  const presence = (clientId: number, clock: number, state: Record<string, unknown>) =>
    encodeAwareness(encodeAwarenessUpdate([{ clientId, clock, state }]));

  it("drops an oversized presence state from any connection, an observer's too", async () => {
    await start({ COLLAB_MAX_AWARENESS_BYTES: "2048" });
    const watcher = client(world.alice.cookie);
    await watcher.synced();
    const observer = await raw(world.olive.cookie);
    observer.send(presence(777001, 1, { note: "x".repeat(3 * 1024) }));
    await acknowledged(observer);
    await watcher.acknowledged();
    expect(watcher.provider.awareness.getStates().has(777001)).toBe(false);

    // A state within the size is shared as usual.
    observer.send(presence(777001, 2, { note: "閲覧中" }));
    await waitFor(
      () => watcher.provider.awareness.getStates().get(777001)?.note === "閲覧中",
      "the small state shared",
    );
    observer.close();
  });

  it("drops a person's presence updates past the per-minute count", async () => {
    await start({ COLLAB_AWARENESS_PER_MINUTE: "5" });
    const watcher = client(world.alice.cookie);
    await watcher.synced();
    const observer = await raw(world.olive.cookie);
    for (let clock = 1; clock <= 12; clock++) observer.send(presence(777002, clock, { n: clock }));
    await acknowledged(observer);
    await watcher.acknowledged();
    expect(watcher.provider.awareness.getStates().get(777002)?.n).toBe(5);
    observer.close();
  });
});
