import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  type CollabWorld,
  closeOf,
  connectProvider,
  openRawSocket,
  type ProviderClient,
  seedCollabWorld,
  waitFor,
} from "../testing/collab-clients.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";

let server: TestServer;
let world: CollabWorld;
const clients: ProviderClient[] = [];

async function start(env: Record<string, string> = {}): Promise<void> {
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

async function raw(cookie = world.alice.cookie): Promise<WebSocket> {
  const r = await openRawSocket(server.wsUrl, world.docName, { cookie, origin: server.origin });
  if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
  return r.ws;
}

/** Two healthy clients that must be unaffected by whatever the offender does. */
async function bystanders(): Promise<[ProviderClient, ProviderClient]> {
  const a = client(world.alice.cookie);
  const b = client(world.bob.cookie);
  await Promise.all([a.synced(), b.synced()]);
  a.text.insert(0, "前");
  await waitFor(() => b.text.toString() === "前", "bystanders in sync");
  return [a, b];
}

async function stillInSync(a: ProviderClient, b: ProviderClient): Promise<void> {
  a.text.insert(a.text.length, "後");
  await waitFor(() => b.text.toString() === "前後", "bystanders still in sync");
  expect(a.closes).toEqual([]);
  expect(b.closes).toEqual([]);
}

function syncUpdateFrame(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

describe("collab robustness", () => {
  it("closes only the offender on a malformed frame (4400)", async () => {
    await start();
    const [a, b] = await bystanders();
    for (const frame of [
      new Uint8Array([99, 1, 2]),
      new Uint8Array([0, 7, 1, 0]),
      new Uint8Array([0, 2, 200]),
    ]) {
      const ws = await raw();
      const closed = closeOf(ws);
      ws.send(frame);
      expect((await closed).code).toBe(4400);
    }
    const text = await raw();
    const closed = closeOf(text);
    text.send("not binary");
    expect((await closed).code).toBe(4400);
    await stillInSync(a, b);
  });

  it("closes only the offender on bytes that are not a Yjs update, and stores nothing", async () => {
    await start();
    const [a, b] = await bystanders();
    await server.collab.flush();
    const before = await server.ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM doc_updates");
    const ws = await raw();
    const closed = closeOf(ws);
    ws.send(syncUpdateFrame(new Uint8Array([5, 255, 255, 255, 255, 15, 1, 2, 3])));
    expect((await closed).code).toBe(4400);
    await server.collab.flush();
    expect(await server.ctx.db.get("SELECT COUNT(*) AS n FROM doc_updates")).toEqual(before);
    await stillInSync(a, b);
  });

  it("closes only the offender on an oversized frame (1009)", async () => {
    await start({ COLLAB_MAX_MESSAGE_BYTES: "65536" });
    const [a, b] = await bystanders();
    const ws = await raw();
    const closed = closeOf(ws);
    ws.send(syncUpdateFrame(new Uint8Array(70_000)));
    expect((await closed).code).toBe(1009);
    await stillInSync(a, b);
  });

  it("cuts off a client that stops reading once its buffer passes the threshold", async () => {
    // The writer sends megabytes on purpose: its own limits are not what this test is about.
    await start({
      COLLAB_MAX_BUFFERED_BYTES: "1024",
      COLLAB_MAX_MESSAGE_BYTES: "1048576",
      COLLAB_MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024),
      COLLAB_WRITE_BYTES_PER_MINUTE: String(64 * 1024 * 1024),
    });
    const writer = client(world.alice.cookie);
    await writer.synced();
    const slow = await raw(world.bob.cookie);
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    await waitFor(() => server.collab.connectionCount(world.docName) === 2, "both connected");
    const chunk = "紡".repeat(100_000);
    for (let i = 0; i < 60 && server.collab.connectionCount(world.docName) === 2; i++) {
      writer.text.insert(writer.text.length, chunk);
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => server.collab.connectionCount(world.docName) === 1, "slow consumer cut off", 10_000);
    expect(writer.closes).toEqual([]);
  });

  it("pings quiet clients and drops one that answers no ping, keeping the ones that do", async () => {
    await start({ COLLAB_KEEPALIVE_SECONDS: "1" });
    const opts = { cookie: world.alice.cookie, origin: server.origin };
    const answering = await openRawSocket(server.wsUrl, world.docName, opts);
    const dead = await openRawSocket(server.wsUrl, world.docName, { ...opts, autoPong: false });
    if (!answering.ws || !dead.ws) throw new Error("upgrade refused");
    let pings = 0;
    dead.ws.on("ping", () => pings++);
    let answered = 0;
    answering.ws.on("ping", () => answered++);
    // Neither sends anything: the first round pings both, the second finds no pong from one.
    expect((await closeOf(dead.ws)).code).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    await waitFor(() => server.collab.connectionCount(world.docName) === 1, "dead client forgotten");
    // Two more rounds of pings answered (each would have dropped it had its pong not counted).
    const seen = answered;
    await waitFor(() => answered >= seen + 2, "two more pings to the answering client", 10_000);
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
    expect(server.collab.connectionCount(world.docName)).toBe(1);
    answering.ws.close();
  });

  it("limits upgrades per IP (429) and connections per document (503)", async () => {
    await start({ COLLAB_UPGRADES_PER_MINUTE_PER_IP: "3" });
    const opts = { cookie: world.alice.cookie, origin: server.origin };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await openRawSocket(server.wsUrl, world.docName, opts);
      statuses.push(r.status);
      r.ws?.close();
    }
    expect(statuses).toEqual([101, 101, 101, 429]);

    await server.destroy();
    await start({ COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: "2" });
    const open = [await raw(), await raw(world.bob.cookie)];
    const third = await openRawSocket(server.wsUrl, world.docName, {
      cookie: world.olive.cookie,
      origin: server.origin,
    });
    expect(third.status).toBe(503);
    for (const ws of open) ws.close();
  });
});
