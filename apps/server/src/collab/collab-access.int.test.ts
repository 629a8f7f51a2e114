import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import {
  acknowledged,
  type CollabWorld,
  closeOf,
  connectProvider,
  openRawSocket,
  type ProviderClient,
  seedCollabWorld,
  storedDocument,
  waitFor,
} from "../testing/collab-clients.js";
import {
  createDocument,
  createSession,
  createUser,
  createWorkspace,
  startTestServer,
  type TestServer,
} from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";

let server: TestServer;
let world: CollabWorld;
const clients: ProviderClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
  world = await seedCollabWorld(server);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.destroy();
});

function client(cookie: string, docName = world.docName): ProviderClient {
  const c = connectProvider(server.wsUrl, docName, { cookie, origin: server.origin });
  clients.push(c);
  return c;
}

describe("collab access before the upgrade", () => {
  it("answers 401 without a session and 401 for an unknown session token", async () => {
    expect((await openRawSocket(server.wsUrl, world.docName, { origin: server.origin })).status).toBe(401);
    const forged = "tsumugi_session=abcdefghijklmnop.qrstuvwxyzabcdefghijklmnopqrstuv";
    expect(
      (await openRawSocket(server.wsUrl, world.docName, { origin: server.origin, cookie: forged })).status,
    ).toBe(401);
  });

  it("answers 403 for a foreign or missing Origin", async () => {
    const cookie = world.alice.cookie;
    expect(
      (await openRawSocket(server.wsUrl, world.docName, { cookie, origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await openRawSocket(server.wsUrl, world.docName, { cookie })).status).toBe(403);
  });

  it("refuses another workspace's document before the upgrade and audits it", async () => {
    const otherWs = await createWorkspace(server.ctx.db, { name: "柏市", lgCode: "122173" });
    const other = await createDocument(server.ctx.db, otherWs, { title: "他市の文書" });
    const res = await openRawSocket(server.wsUrl, other.docName, {
      cookie: world.alice.cookie,
      origin: server.origin,
    });
    expect(res.status).toBe(403);
    // Also when the path claims our workspace but names the other workspace's document id.
    const spoofed = `${world.workspaceId}.${other.docName.split(".")[1]}`;
    expect(
      (await openRawSocket(server.wsUrl, spoofed, { cookie: world.alice.cookie, origin: server.origin }))
        .status,
    ).toBe(404);
    const audit = await server.ctx.db.all<{ event: string; target: string }>(
      "SELECT event, target FROM audit_log WHERE event = 'document.access_refused'",
    );
    expect(audit.map((a) => a.target)).toContain(other.docName);
  });

  it("answers 404 for malformed and unknown document names", async () => {
    const opts = { cookie: world.alice.cookie, origin: server.origin };
    expect((await openRawSocket(server.wsUrl, "not-a-doc-name", opts)).status).toBe(404);
    expect((await openRawSocket(server.wsUrl, `${world.workspaceId}.zzzzzzzzzzzz`, opts)).status).toBe(404);
  });
});

describe("read-only connections", () => {
  it("give observers the document and live changes but never apply or forward their edits", async () => {
    const writer = client(world.alice.cookie);
    await writer.synced();
    writer.text.insert(0, "本文");
    const observer = client(world.olive.cookie);
    await observer.synced();
    await waitFor(() => observer.text.toString() === "本文", "observer receives the document");
    writer.text.insert(2, "（追記）");
    await waitFor(() => observer.text.toString() === "本文（追記）", "observer receives live changes");

    observer.text.insert(0, "改ざん");
    // Answered once the server has handled the edit: not stored.
    expect(await observer.acknowledged()).toBe(false);
    // Anything the edit caused reached the writer before its own answer.
    await writer.acknowledged();
    writer.text.insert(writer.text.length, "。");
    await waitFor(() => observer.text.toString().endsWith("。"), "observer sees the later edit");
    await server.collab.flush();
    expect(writer.text.toString()).toBe("本文（追記）。");
    const stored = await storedDocument(server.ctx.db, world.docName);
    expect(stored.getText("t").toString()).toBe("本文（追記）。");
    const refused = await server.ctx.db.all("SELECT * FROM audit_log WHERE event = 'document.write_refused'");
    expect(refused).toHaveLength(1);
  });

  it("makes a non-member of a group read-only on the group's document", async () => {
    const member = client(world.alice.cookie, world.groupDocName);
    const outsider = client(world.bob.cookie, world.groupDocName);
    await Promise.all([member.synced(), outsider.synced()]);
    outsider.text.insert(0, "部外者");
    member.text.insert(0, "班員");
    await waitFor(() => outsider.text.toString().includes("班員"), "outsider reads");
    expect(await outsider.acknowledged()).toBe(false);
    expect(await member.acknowledged()).toBe(true);
    expect(member.text.toString()).toBe("班員");
  });
});

/**
 * Alice upgrades, and her logout lands after her session was found valid and before the
 * socket opens. Fails the test if the logout never landed.
 */
async function upgradeWhileSessionEnds() {
  const sessions = server.ctx.sessions;
  const validate = sessions.validate.bind(sessions);
  let ended = false;
  sessions.validate = async (token) => {
    const result = await validate(token);
    if (!ended && result) {
      ended = true;
      await sessions.invalidate(result.session.id);
      server.ctx.events.emit({ type: "sessions-ended", sessionIds: [result.session.id] });
    }
    return result;
  };
  const attempt = await openRawSocket(server.wsUrl, world.docName, {
    cookie: world.alice.cookie,
    origin: server.origin,
  });
  expect(ended).toBe(true);
  return attempt;
}

describe("access changes reach open sockets at once", () => {
  it("decides again when a session ends while its upgrade is being decided", async () => {
    const attempt = await upgradeWhileSessionEnds();
    expect(attempt.status).toBe(401);
    expect(server.collab.connectionCount(world.docName)).toBe(0);
  });

  it("closes the sockets of an ended session with 4401 and refuses it afterwards", async () => {
    const a = client(world.alice.cookie);
    const b = client(world.bob.cookie);
    await Promise.all([a.synced(), b.synced()]);
    await server.ctx.sessions.invalidate(world.alice.sessionId);
    server.ctx.events.emit({ type: "sessions-ended", sessionIds: [world.alice.sessionId] });
    await waitFor(() => a.closes.some((c) => c.code === 4401), "4401 close");
    expect(b.closes).toEqual([]);
    expect(
      (
        await openRawSocket(server.wsUrl, world.docName, {
          cookie: world.alice.cookie,
          origin: server.origin,
        })
      ).status,
    ).toBe(401);
  });

  it("closes a socket with 4403 when the user's role changes, and the reconnect is read-only", async () => {
    const raw = await openRawSocket(server.wsUrl, world.docName, {
      cookie: world.bob.cookie,
      origin: server.origin,
    });
    if (!raw.ws) throw new Error("expected an open socket");
    const closed = closeOf(raw.ws);
    await server.ctx.db.run("UPDATE memberships SET role = 'observer' WHERE user_id = ?", [world.bob.id]);
    server.ctx.events.emit({
      type: "user-access-changed",
      userId: world.bob.id,
      workspaceId: world.workspaceId,
    });
    expect((await closed).code).toBe(4403);

    const writer = client(world.alice.cookie);
    const bob = client(world.bob.cookie);
    await Promise.all([writer.synced(), bob.synced()]);
    bob.text.insert(0, "降格後の編集");
    writer.text.insert(0, "x");
    await waitFor(() => bob.text.toString().includes("x"), "bob still reads");
    expect(await bob.acknowledged()).toBe(false);
    await writer.acknowledged();
    expect(writer.text.toString()).toBe("x");
  });

  it("closes the user's sockets when they log out through the API", async () => {
    const a = client(world.alice.cookie);
    const b = client(world.bob.cookie);
    await Promise.all([a.synced(), b.synced()]);
    const browser = new TestBrowser(server.origin);
    browser.cookie = world.alice.cookie;
    expect((await browser.post("/api/auth/logout", {})).status).toBeLessThan(300);
    await waitFor(() => a.closes.some((c) => c.code === 4401), "4401 after logout");
    expect(b.closes).toEqual([]);
  });

  it("closes the sockets of a member the secretariat disables through the API", async () => {
    const admin = await createUser(server.ctx.db, { workspaceId: world.workspaceId, role: "secretariat" });
    const browser = new TestBrowser(server.origin);
    browser.cookie = (await createSession(server, admin.id)).cookie;
    const a = client(world.alice.cookie);
    await a.synced();
    const res = await browser.patch(`/api/workspaces/${world.workspaceId}/members/${world.alice.id}`, {
      disabled: true,
    });
    expect(res.status).toBe(204);
    await waitFor(() => a.closes.some((c) => c.code === 4401 || c.code === 4403), "closed after disable");
    expect(
      (
        await openRawSocket(server.wsUrl, world.docName, {
          cookie: world.alice.cookie,
          origin: server.origin,
        })
      ).status,
    ).toBe(401);
  });

  it("closes the sockets of a disabled user", async () => {
    const a = client(world.alice.cookie);
    await a.synced();
    await server.ctx.db.run("UPDATE users SET disabled_at = ? WHERE id = ?", [Date.now(), world.alice.id]);
    const ended = await server.ctx.sessions.invalidateAllForUser(world.alice.id);
    server.ctx.events.emit({ type: "sessions-ended", sessionIds: ended });
    server.ctx.events.emit({ type: "user-access-changed", userId: world.alice.id, workspaceId: null });
    await waitFor(() => a.closes.some((c) => c.code === 4401 || c.code === 4403), "close after disable");
  });

  it("closes sockets whose session expired while they were open", async () => {
    await server.destroy();
    server = await startTestServer({ env: { COLLAB_SESSION_RECHECK_SECONDS: "1" } });
    world = await seedCollabWorld(server);
    const a = client(world.alice.cookie);
    await a.synced();
    // Expire the session as the clock would: it was last seen long ago.
    await server.ctx.db.run("UPDATE sessions SET last_seen_at = 0 WHERE id = ?", [world.alice.sessionId]);
    await waitFor(() => a.closes.some((c) => c.code === 4401), "4401 after expiry", 5000);
  });

  it("closes a socket when its session reaches its absolute lifetime, without waiting for the re-check", async () => {
    // Default re-check (60 s): only the lifetime sweep can close the socket within the test.
    const lifetime = server.ctx.sessions.policy.absoluteLifetimeMs;
    const endsAt = Date.now() + 4000;
    await server.ctx.db.run("UPDATE sessions SET created_at = ? WHERE id = ?", [
      endsAt - lifetime,
      world.alice.sessionId,
    ]);
    const a = client(world.alice.cookie);
    await a.synced();
    expect(a.closes).toEqual([]);
    await waitFor(() => a.closes.some((c) => c.code === 4401), "4401 at the end of the lifetime", 12_000);
    expect(Date.now()).toBeGreaterThanOrEqual(endsAt);
    // The session is over for new sockets too.
    expect(
      (
        await openRawSocket(server.wsUrl, world.docName, {
          origin: server.origin,
          cookie: world.alice.cookie,
        })
      ).status,
    ).toBe(401);
  });
});

/** A y-websocket sync update frame inserting `text` into the shared text "t". */
function insertFrame(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(e);
}

async function rawSocket(cookie: string): Promise<WebSocket> {
  const r = await openRawSocket(server.wsUrl, world.docName, { cookie, origin: server.origin });
  if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
  return r.ws;
}

const storedText = async () => {
  await server.collab.flush();
  return (await storedDocument(server.ctx.db, world.docName)).getText("t").toString();
};

describe("frames racing an access change", () => {
  it("ignores frames that arrive after the server closed the socket", async () => {
    const reader = client(world.olive.cookie);
    await reader.synced();
    const alice = await rawSocket(world.alice.cookie);
    const closed = closeOf(alice);
    await server.ctx.sessions.invalidate(world.alice.sessionId);
    server.ctx.events.emit({ type: "sessions-ended", sessionIds: [world.alice.sessionId] });
    // Sent before the client has seen the close: still in flight when the server closed it.
    alice.send(insertFrame("終了後"));
    expect((await closed).code).toBe(4401);
    // The server forgets the socket on the client's closing answer, which follows the frame.
    await waitFor(() => server.collab.connectionCount(world.docName) === 1, "the closed socket forgotten");
    await reader.acknowledged();
    expect(await storedText()).toBe("");
    expect(reader.text.toString()).toBe("");
  });

  it("holds the frames of a socket being decided again: dropped when write access is lost", async () => {
    const bob = await rawSocket(world.bob.cookie);
    const closed = closeOf(bob);
    await server.ctx.db.run("UPDATE memberships SET role = 'observer' WHERE user_id = ?", [world.bob.id]);
    server.ctx.events.emit({
      type: "user-access-changed",
      userId: world.bob.id,
      workspaceId: world.workspaceId,
    });
    bob.send(insertFrame("降格直後"));
    expect((await closed).code).toBe(4403);
    expect(await storedText()).toBe("");
  });

  it("and applied in order when the access stays", async () => {
    const reader = client(world.olive.cookie);
    await reader.synced();
    const bob = await rawSocket(world.bob.cookie);
    server.ctx.events.emit({
      type: "user-access-changed",
      userId: world.bob.id,
      workspaceId: world.workspaceId,
    });
    bob.send(insertFrame("残る"));
    await waitFor(() => reader.text.toString() === "残る", "the held edit reaches the others");
    expect(await storedText()).toBe("残る");
    expect(bob.readyState).toBe(WebSocket.OPEN);
    bob.close();
  });

  it("unloads a document whose only upgrade was refused on a second decision", async () => {
    await server.destroy();
    server = await startTestServer({ env: { COLLAB_UNLOAD_IDLE_SECONDS: "0" } });
    world = await seedCollabWorld(server);
    const attempt = await upgradeWhileSessionEnds();
    expect(attempt.status).toBe(401);
    await waitFor(() => !server.collab.loadedDocuments().includes(world.docName), "document unloaded");
  });
});

describe("awareness is bound to the connection", () => {
  it("drops awareness entries that speak for another client id", async () => {
    const a = client(world.alice.cookie);
    const b = client(world.bob.cookie);
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField("cursor", null);
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), "a visible at b");
    // Bob's socket claims Alice's client id with a fake state.
    const { encodeAwareness, encodeAwarenessUpdate } = await import("./protocol.js");
    const mallory = await createUser(server.ctx.db, {
      workspaceId: world.workspaceId,
      role: "member",
      name: "攻撃者",
    });
    const s = await createSession(server, mallory.id);
    const raw = await openRawSocket(server.wsUrl, world.docName, { cookie: s.cookie, origin: server.origin });
    if (!raw.ws) throw new Error("expected an open socket");
    raw.ws.send(
      encodeAwareness(
        encodeAwarenessUpdate([{ clientId: 424242, clock: 1, state: { user: { name: "x" } } }]),
      ),
    );
    await waitFor(() => b.provider.awareness.getStates().has(424242), "own id accepted");
    raw.ws.send(
      encodeAwareness(
        encodeAwarenessUpdate([{ clientId: a.doc.clientID, clock: 999, state: { user: { name: "偽" } } }]),
      ),
    );
    raw.ws.send(
      encodeAwareness(encodeAwarenessUpdate([{ clientId: a.doc.clientID, clock: 1000, state: null }])),
    );
    // The server has handled both frames, and b has everything they caused.
    await acknowledged(raw.ws);
    await b.acknowledged();
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe("山田 花子");
    expect(b.provider.awareness.getStates().get(424242)?.user?.name).toBe("攻撃者");
    raw.ws.close();
    await waitFor(() => !b.provider.awareness.getStates().has(424242), "removed on close");
  });
});

describe("save check", () => {
  it("answers only after the updates sent before it are committed, and says so for read-only connections", async () => {
    const { encodeUpdate, MESSAGE_SAVE_CHECK } = await import("./protocol.js");
    const answers = async (cookie: string, seq: number) => {
      const r = await openRawSocket(server.wsUrl, world.docName, { cookie, origin: server.origin });
      if (!r.ws) throw new Error("expected an open socket");
      const ws = r.ws;
      const doc = new Y.Doc();
      doc.getText("t").insert(0, `保存確認${seq}`);
      const got = new Promise<Uint8Array>((resolve) =>
        ws.on("message", (data: Buffer) => {
          if (data[0] === MESSAGE_SAVE_CHECK) resolve(new Uint8Array(data));
        }),
      );
      ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
      ws.send(new Uint8Array([MESSAGE_SAVE_CHECK, seq]));
      const answer = await got;
      const storedDoc = await storedDocument(server.ctx.db, world.docName);
      ws.close();
      return { answer: [...answer], text: storedDoc.getText("t").toString() };
    };
    const writer = await answers(world.alice.cookie, 5);
    expect(writer.answer).toEqual([MESSAGE_SAVE_CHECK, 5, 1]);
    expect(writer.text).toContain("保存確認5");
    const reader = await answers(world.olive.cookie, 6);
    expect(reader.answer).toEqual([MESSAGE_SAVE_CHECK, 6, 0]);
    expect(reader.text).not.toContain("保存確認6");
  });
});
