import * as encoding from "lib0/encoding";
import { describe, expect, vi } from "vitest";
import WebSocket from "ws";
import { closeOf, openRawSocket, type ProviderClient } from "../testing/collab-clients.js";
import { type CollabDocuments, collabTest as it } from "../testing/collab-world.js";
import type { TestServer } from "../testing/fixtures.js";
import type { WorkspaceWorld } from "../testing/workspace-world.js";

const withEnv = (serverEnv: Record<string, string>) => it.extend({ serverEnv });
const soon = { timeout: 5_000, interval: 20 };

/** A raw socket on the workspace's note, as the member unless another cookie is given. */
async function raw(
  { server, world, docs }: { server: TestServer; world: WorkspaceWorld; docs: CollabDocuments },
  cookie = world.member.browser.cookie,
): Promise<WebSocket> {
  const r = await openRawSocket(server.wsUrl, docs.docName, { cookie: cookie ?? "", origin: server.origin });
  if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
  return r.ws;
}

/** Two healthy clients that must be unaffected by whatever the offender does. */
async function bystanders(
  twoWriters: () => Promise<[ProviderClient, ProviderClient]>,
): Promise<[ProviderClient, ProviderClient]> {
  const [a, b] = await twoWriters();
  a.text.insert(0, "前");
  await vi.waitFor(() => expect(b.text.toString()).toBe("前"), soon);
  return [a, b];
}

async function stillInSync(a: ProviderClient, b: ProviderClient): Promise<void> {
  a.text.insert(a.text.length, "後");
  await vi.waitFor(() => expect(b.text.toString()).toBe("前後"), soon);
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
  it("closes only the offender on a malformed frame (4400)", async ({ server, world, docs, twoWriters }) => {
    const [a, b] = await bystanders(twoWriters);
    for (const frame of [
      new Uint8Array([99, 1, 2]),
      new Uint8Array([0, 7, 1, 0]),
      new Uint8Array([0, 2, 200]),
    ]) {
      const ws = await raw({ server, world, docs });
      const closed = closeOf(ws);
      ws.send(frame);
      expect((await closed).code).toBe(4400);
    }
    const text = await raw({ server, world, docs });
    const closed = closeOf(text);
    text.send("not binary");
    expect((await closed).code).toBe(4400);
    await stillInSync(a, b);
  });

  it("closes only the offender on bytes that are not a Yjs update, and stores nothing", async ({
    server,
    world,
    docs,
    twoWriters,
  }) => {
    const [a, b] = await bystanders(twoWriters);
    await server.collab.flush();
    const before = await server.ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM doc_updates");
    const ws = await raw({ server, world, docs });
    const closed = closeOf(ws);
    ws.send(syncUpdateFrame(new Uint8Array([5, 255, 255, 255, 255, 15, 1, 2, 3])));
    expect((await closed).code).toBe(4400);
    await server.collab.flush();
    expect(await server.ctx.db.get("SELECT COUNT(*) AS n FROM doc_updates")).toEqual(before);
    await stillInSync(a, b);
  });

  withEnv({ COLLAB_MAX_MESSAGE_BYTES: "65536" })(
    "closes only the offender on an oversized frame (1009)",
    async ({ server, world, docs, twoWriters }) => {
      const [a, b] = await bystanders(twoWriters);
      const ws = await raw({ server, world, docs });
      const closed = closeOf(ws);
      ws.send(syncUpdateFrame(new Uint8Array(70_000)));
      expect((await closed).code).toBe(1009);
      await stillInSync(a, b);
    },
  );

  // The writer sends megabytes on purpose: its own limits are not what this test is about.
  withEnv({
    COLLAB_MAX_BUFFERED_BYTES: "1024",
    COLLAB_MAX_MESSAGE_BYTES: "1048576",
    COLLAB_MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024),
    COLLAB_WRITE_BYTES_PER_MINUTE: String(64 * 1024 * 1024),
  })(
    "cuts off a client that stops reading once its buffer passes the threshold",
    async ({ server, world, docs, open }) => {
      const writer = open(docs.docName, world.member.browser.cookie);
      await writer.synced();
      const slow = await raw({ server, world, docs }, world.outsider.browser.cookie);
      // Stop reading: the kernel buffers fill, then the server's send buffer grows.
      (slow as unknown as { _socket: { pause(): void } })._socket.pause();
      await vi.waitFor(() => expect(server.collab.connectionCount(docs.docName)).toBe(2), soon);
      const chunk = "紡".repeat(100_000);
      for (let i = 0; i < 60 && server.collab.connectionCount(docs.docName) === 2; i++) {
        writer.text.insert(writer.text.length, chunk);
        await new Promise((r) => setTimeout(r, 20));
      }
      await vi.waitFor(() => expect(server.collab.connectionCount(docs.docName)).toBe(1), {
        timeout: 10_000,
        interval: 20,
      });
      expect(writer.closes).toEqual([]);
    },
  );

  withEnv({ COLLAB_KEEPALIVE_SECONDS: "1" })(
    "pings quiet clients and drops one that answers no ping, keeping the ones that do",
    async ({ server, world, docs }) => {
      const opts = { cookie: world.member.browser.cookie ?? "", origin: server.origin };
      const answering = await openRawSocket(server.wsUrl, docs.docName, opts);
      const dead = await openRawSocket(server.wsUrl, docs.docName, { ...opts, autoPong: false });
      if (!answering.ws || !dead.ws) throw new Error("upgrade refused");
      let pings = 0;
      dead.ws.on("ping", () => pings++);
      let answered = 0;
      answering.ws.on("ping", () => answered++);
      // Neither sends anything: the first round pings both, the second finds no pong from one.
      expect((await closeOf(dead.ws)).code).toBe(1006);
      expect(pings).toBeGreaterThan(0);
      await vi.waitFor(() => expect(server.collab.connectionCount(docs.docName)).toBe(1), soon);
      // Two more rounds of pings answered (each would have dropped it had its pong not counted).
      const seen = answered;
      await vi.waitFor(() => expect(answered).toBeGreaterThanOrEqual(seen + 2), {
        timeout: 10_000,
        interval: 20,
      });
      expect(answering.ws.readyState).toBe(WebSocket.OPEN);
      expect(server.collab.connectionCount(docs.docName)).toBe(1);
      answering.ws.close();
    },
  );

  withEnv({ COLLAB_UPGRADES_PER_MINUTE_PER_IP: "3" })(
    "limits upgrades per IP (429)",
    async ({ server, world, docs }) => {
      const opts = { cookie: world.member.browser.cookie ?? "", origin: server.origin };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await openRawSocket(server.wsUrl, docs.docName, opts);
        statuses.push(r.status);
        r.ws?.close();
      }
      expect(statuses).toEqual([101, 101, 101, 429]);
    },
  );

  withEnv({ COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: "2" })(
    "limits connections per document (503)",
    async ({ server, world, docs }) => {
      const sockets = [
        await raw({ server, world, docs }),
        await raw({ server, world, docs }, world.outsider.browser.cookie),
      ];
      const third = await openRawSocket(server.wsUrl, docs.docName, {
        cookie: world.observer.browser.cookie ?? "",
        origin: server.origin,
      });
      expect(third.status).toBe(503);
      for (const ws of sockets) ws.close();
    },
  );
});
