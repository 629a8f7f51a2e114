import * as encoding from "lib0/encoding";
import { describe, expect, vi } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { acknowledged, closeOf, openRawSocket, storedDocument } from "../testing/collab-clients.js";
import { type CollabDocuments, collabTest as it, sessionOf } from "../testing/collab-world.js";
import type { TestServer } from "../testing/fixtures.js";
import { personElsewhere } from "../testing/workspace-world.js";

const withEnv = (serverEnv: Record<string, string>) => it.extend({ serverEnv });
const soon = { timeout: 5_000, interval: 20 };
const codes = (c: { closes: { code: number }[] }) => c.closes.map((x) => x.code);

describe("collab access before the upgrade", () => {
  it("answers 401 without a session and 401 for an unknown session token", async ({ server, docs }) => {
    expect((await openRawSocket(server.wsUrl, docs.docName, { origin: server.origin })).status).toBe(401);
    const forged = "tsumugi_session=abcdefghijklmnop.qrstuvwxyzabcdefghijklmnopqrstuv";
    expect(
      (await openRawSocket(server.wsUrl, docs.docName, { origin: server.origin, cookie: forged })).status,
    ).toBe(401);
  });

  it("answers 403 for a foreign or missing Origin", async ({ server, world: w, docs }) => {
    const cookie = w.member.browser.cookie ?? "";
    expect(
      (await openRawSocket(server.wsUrl, docs.docName, { cookie, origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await openRawSocket(server.wsUrl, docs.docName, { cookie })).status).toBe(403);
  });

  it("refuses another workspace's document before the upgrade and audits it", async ({
    server,
    world: w,
  }) => {
    const kashiwa = await personElsewhere(server, { name: "柏市", lgCode: "122173" });
    const made = await kashiwa.browser.post<{ document: { docName: string } }>(
      `/api/workspaces/${kashiwa.workspaceId}/documents`,
      { title: "他市の文書", kind: "note" },
    );
    expect(made.status).toBe(201);
    const other = made.body.document;
    const cookie = w.member.browser.cookie ?? "";
    const res = await openRawSocket(server.wsUrl, other.docName, { cookie, origin: server.origin });
    expect(res.status).toBe(403);
    // Also when the path claims our workspace but names the other workspace's document id.
    const spoofed = `${w.workspaceId}.${other.docName.split(".")[1]}`;
    expect((await openRawSocket(server.wsUrl, spoofed, { cookie, origin: server.origin })).status).toBe(404);
    const audit = await server.ctx.db.all<{ event: string; target: string }>(
      "SELECT event, target FROM audit_log WHERE event = 'document.access_refused'",
    );
    expect(audit.map((a) => a.target)).toContain(other.docName);
  });

  it("answers 404 for malformed and unknown document names", async ({ server, world: w }) => {
    const opts = { cookie: w.member.browser.cookie ?? "", origin: server.origin };
    expect((await openRawSocket(server.wsUrl, "not-a-doc-name", opts)).status).toBe(404);
    expect((await openRawSocket(server.wsUrl, `${w.workspaceId}.zzzzzzzzzzzz`, opts)).status).toBe(404);
  });
});

describe("read-only connections", () => {
  it("give observers the document and live changes but never apply or forward their edits", async ({
    server,
    world: w,
    docs,
    open,
  }) => {
    const writer = open(docs.docName, w.member.browser.cookie);
    await writer.synced();
    writer.text.insert(0, "本文");
    const observer = open(docs.docName, w.observer.browser.cookie);
    await observer.synced();
    await vi.waitFor(() => expect(observer.text.toString()).toBe("本文"), soon);
    writer.text.insert(2, "（追記）");
    await vi.waitFor(() => expect(observer.text.toString()).toBe("本文（追記）"), soon);

    observer.text.insert(0, "改ざん");
    // Answered once the server has handled the edit: not stored.
    expect(await observer.acknowledged()).toBe(false);
    // Anything the edit caused reached the writer before its own answer.
    await writer.acknowledged();
    writer.text.insert(writer.text.length, "。");
    await vi.waitFor(() => expect(observer.text.toString()).toMatch(/。$/), soon);
    await server.collab.flush();
    expect(writer.text.toString()).toBe("本文（追記）。");
    const stored = await storedDocument(server.ctx.db, docs.docName);
    expect(stored.getText("t").toString()).toBe("本文（追記）。");
    const refused = await server.ctx.db.all("SELECT * FROM audit_log WHERE event = 'document.write_refused'");
    expect(refused).toHaveLength(1);
  });

  it("makes a non-member of a group read-only on the group's document", async ({ world: w, docs, open }) => {
    const member = open(docs.groupDocName, w.member.browser.cookie);
    const outsider = open(docs.groupDocName, w.outsider.browser.cookie);
    await Promise.all([member.synced(), outsider.synced()]);
    outsider.text.insert(0, "部外者");
    member.text.insert(0, "班員");
    await vi.waitFor(() => expect(outsider.text.toString()).toContain("班員"), soon);
    expect(await outsider.acknowledged()).toBe(false);
    expect(await member.acknowledged()).toBe(true);
    expect(member.text.toString()).toBe("班員");
  });
});

/**
 * The person with `cookie` upgrades, and their logout lands after their session was found
 * valid and before the socket opens. Fails the test if the logout never landed.
 */
async function upgradeWhileSessionEnds(server: TestServer, docs: CollabDocuments, cookie: string | null) {
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
  const attempt = await openRawSocket(server.wsUrl, docs.docName, {
    cookie: cookie ?? "",
    origin: server.origin,
  });
  expect(ended).toBe(true);
  return attempt;
}

describe("access changes reach open sockets at once", () => {
  it("decides again when a session ends while its upgrade is being decided", async ({
    server,
    world: w,
    docs,
  }) => {
    const attempt = await upgradeWhileSessionEnds(server, docs, w.member.browser.cookie);
    expect(attempt.status).toBe(401);
    expect(server.collab.connectionCount(docs.docName)).toBe(0);
  });

  it("closes the sockets of an ended session with 4401 and refuses it afterwards", async ({
    server,
    world: w,
    docs,
    twoWriters,
  }) => {
    const [a, b] = await twoWriters();
    const session = await sessionOf(server, w.member);
    await server.ctx.sessions.invalidate(session.id);
    server.ctx.events.emit({ type: "sessions-ended", sessionIds: [session.id] });
    await vi.waitFor(() => expect(codes(a)).toContain(4401), soon);
    expect(b.closes).toEqual([]);
    expect(
      (
        await openRawSocket(server.wsUrl, docs.docName, {
          cookie: w.member.browser.cookie ?? "",
          origin: server.origin,
        })
      ).status,
    ).toBe(401);
  });

  it("closes a socket with 4403 when the user's role changes, and the reconnect is read-only", async ({
    server,
    world: w,
    docs,
    twoWriters,
  }) => {
    const raw = await openRawSocket(server.wsUrl, docs.docName, {
      cookie: w.outsider.browser.cookie ?? "",
      origin: server.origin,
    });
    if (!raw.ws) throw new Error("expected an open socket");
    const closed = closeOf(raw.ws);
    await server.ctx.db.run("UPDATE memberships SET role = 'observer' WHERE user_id = ?", [w.outsider.id]);
    server.ctx.events.emit({
      type: "user-access-changed",
      userId: w.outsider.id,
      workspaceId: w.workspaceId,
    });
    expect((await closed).code).toBe(4403);

    const [writer, bob] = await twoWriters();
    bob.text.insert(0, "降格後の編集");
    writer.text.insert(0, "x");
    await vi.waitFor(() => expect(bob.text.toString()).toContain("x"), soon);
    expect(await bob.acknowledged()).toBe(false);
    await writer.acknowledged();
    expect(writer.text.toString()).toBe("x");
  });

  it("closes the user's sockets when they log out through the API", async ({ world: w, twoWriters }) => {
    const [a, b] = await twoWriters();
    expect((await w.member.browser.post("/api/auth/logout", {})).status).toBeLessThan(300);
    await vi.waitFor(() => expect(codes(a)).toContain(4401), soon);
    expect(b.closes).toEqual([]);
  });

  it("closes the sockets of a member the secretariat disables through the API", async ({
    server,
    world: w,
    docs,
    open,
  }) => {
    const cookie = w.member.browser.cookie;
    const a = open(docs.docName, cookie);
    await a.synced();
    const res = await w.admin.browser.patch(`${w.base}/members/${w.member.id}`, { disabled: true });
    expect(res.status).toBe(204);
    await vi.waitFor(() => expect(codes(a).some((c) => c === 4401 || c === 4403)).toBe(true), soon);
    expect(
      (await openRawSocket(server.wsUrl, docs.docName, { cookie: cookie ?? "", origin: server.origin }))
        .status,
    ).toBe(401);
  });

  it("closes the sockets of a disabled user", async ({ server, world: w, docs, open }) => {
    const a = open(docs.docName, w.member.browser.cookie);
    await a.synced();
    await server.ctx.db.run("UPDATE users SET disabled_at = ? WHERE id = ?", [Date.now(), w.member.id]);
    const ended = await server.ctx.sessions.invalidateAllForUser(w.member.id);
    server.ctx.events.emit({ type: "sessions-ended", sessionIds: ended });
    server.ctx.events.emit({ type: "user-access-changed", userId: w.member.id, workspaceId: null });
    await vi.waitFor(() => expect(codes(a).some((c) => c === 4401 || c === 4403)).toBe(true), soon);
  });

  withEnv({ COLLAB_SESSION_RECHECK_SECONDS: "1" })(
    "closes sockets whose session expired while they were open",
    async ({ server, world: w, docs, open }) => {
      const session = await sessionOf(server, w.member);
      const a = open(docs.docName, w.member.browser.cookie);
      await a.synced();
      // Expire the session as the clock would: it was last seen long ago.
      await server.ctx.db.run("UPDATE sessions SET last_seen_at = 0 WHERE id = ?", [session.id]);
      await vi.waitFor(() => expect(codes(a)).toContain(4401), soon);
    },
  );

  it("closes a socket when its session reaches its absolute lifetime, without waiting for the re-check", async ({
    server,
    world: w,
    docs,
    open,
  }) => {
    const session = await sessionOf(server, w.member);
    // Default re-check (60 s): only the lifetime sweep can close the socket within the test.
    const lifetime = server.ctx.sessions.policy.absoluteLifetimeMs;
    const endsAt = Date.now() + 4000;
    await server.ctx.db.run("UPDATE sessions SET created_at = ? WHERE id = ?", [
      endsAt - lifetime,
      session.id,
    ]);
    const a = open(docs.docName, w.member.browser.cookie);
    await a.synced();
    expect(a.closes).toEqual([]);
    await vi.waitFor(() => expect(codes(a)).toContain(4401), { timeout: 12_000, interval: 20 });
    expect(Date.now()).toBeGreaterThanOrEqual(endsAt);
    // The session is over for new sockets too.
    expect(
      (
        await openRawSocket(server.wsUrl, docs.docName, {
          origin: server.origin,
          cookie: w.member.browser.cookie ?? "",
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

async function rawSocket(
  server: TestServer,
  docs: CollabDocuments,
  cookie: string | null,
): Promise<WebSocket> {
  const r = await openRawSocket(server.wsUrl, docs.docName, { cookie: cookie ?? "", origin: server.origin });
  if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
  return r.ws;
}

const storedText = async (server: TestServer, docs: CollabDocuments) => {
  await server.collab.flush();
  return (await storedDocument(server.ctx.db, docs.docName)).getText("t").toString();
};

describe("frames racing an access change", () => {
  it("ignores frames that arrive after the server closed the socket", async ({
    server,
    world: w,
    docs,
    open,
  }) => {
    const reader = open(docs.docName, w.observer.browser.cookie);
    await reader.synced();
    const session = await sessionOf(server, w.member);
    const alice = await rawSocket(server, docs, w.member.browser.cookie);
    const closed = closeOf(alice);
    await server.ctx.sessions.invalidate(session.id);
    server.ctx.events.emit({ type: "sessions-ended", sessionIds: [session.id] });
    // Sent before the client has seen the close: still in flight when the server closed it.
    alice.send(insertFrame("終了後"));
    expect((await closed).code).toBe(4401);
    // The server forgets the socket on the client's closing answer, which follows the frame.
    await vi.waitFor(() => expect(server.collab.connectionCount(docs.docName)).toBe(1), soon);
    await reader.acknowledged();
    expect(await storedText(server, docs)).toBe("");
    expect(reader.text.toString()).toBe("");
  });

  it("holds the frames of a socket being decided again: dropped when write access is lost", async ({
    server,
    world: w,
    docs,
  }) => {
    const bob = await rawSocket(server, docs, w.outsider.browser.cookie);
    const closed = closeOf(bob);
    await server.ctx.db.run("UPDATE memberships SET role = 'observer' WHERE user_id = ?", [w.outsider.id]);
    server.ctx.events.emit({
      type: "user-access-changed",
      userId: w.outsider.id,
      workspaceId: w.workspaceId,
    });
    bob.send(insertFrame("降格直後"));
    expect((await closed).code).toBe(4403);
    expect(await storedText(server, docs)).toBe("");
  });

  it("and applied in order when the access stays", async ({ server, world: w, docs, open }) => {
    const reader = open(docs.docName, w.observer.browser.cookie);
    await reader.synced();
    const bob = await rawSocket(server, docs, w.outsider.browser.cookie);
    server.ctx.events.emit({
      type: "user-access-changed",
      userId: w.outsider.id,
      workspaceId: w.workspaceId,
    });
    bob.send(insertFrame("残る"));
    await vi.waitFor(() => expect(reader.text.toString()).toBe("残る"), soon);
    expect(await storedText(server, docs)).toBe("残る");
    expect(bob.readyState).toBe(WebSocket.OPEN);
    bob.close();
  });

  withEnv({ COLLAB_UNLOAD_IDLE_SECONDS: "0" })(
    "unloads a document whose only upgrade was refused on a second decision",
    async ({ server, world: w, docs }) => {
      const attempt = await upgradeWhileSessionEnds(server, docs, w.member.browser.cookie);
      expect(attempt.status).toBe(401);
      await vi.waitFor(() => expect(server.collab.loadedDocuments()).not.toContain(docs.docName), soon);
    },
  );
});

describe("awareness is bound to the connection", () => {
  it("drops awareness entries that speak for another client id", async ({
    server,
    world: w,
    docs,
    twoWriters,
  }) => {
    const [a, b] = await twoWriters();
    a.provider.awareness.setLocalStateField("cursor", null);
    await vi.waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true), soon);
    // A third person's socket (the secretariat's, a writer too) claims a's client id with a fake state.
    const { encodeAwareness, encodeAwarenessUpdate } = await import("./protocol.js");
    const aName = (await sessionOf(server, w.member)).userName;
    const malloryName = (await sessionOf(server, w.admin)).userName;
    const raw = await openRawSocket(server.wsUrl, docs.docName, {
      cookie: w.admin.browser.cookie ?? "",
      origin: server.origin,
    });
    if (!raw.ws) throw new Error("expected an open socket");
    raw.ws.send(
      encodeAwareness(
        encodeAwarenessUpdate([{ clientId: 424242, clock: 1, state: { user: { name: "x" } } }]),
      ),
    );
    await vi.waitFor(() => expect(b.provider.awareness.getStates().has(424242)).toBe(true), soon);
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
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe(aName);
    expect(b.provider.awareness.getStates().get(424242)?.user?.name).toBe(malloryName);
    raw.ws.close();
    await vi.waitFor(() => expect(b.provider.awareness.getStates().has(424242)).toBe(false), soon);
  });
});

describe("save check", () => {
  it("answers only after the updates sent before it are committed, and says so for read-only connections", async ({
    server,
    world: w,
    docs,
  }) => {
    const { encodeUpdate, MESSAGE_SAVE_CHECK } = await import("./protocol.js");
    const answers = async (cookie: string | null, seq: number) => {
      const r = await openRawSocket(server.wsUrl, docs.docName, {
        cookie: cookie ?? "",
        origin: server.origin,
      });
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
      const storedDoc = await storedDocument(server.ctx.db, docs.docName);
      ws.close();
      return { answer: [...answer], text: storedDoc.getText("t").toString() };
    };
    const writer = await answers(w.member.browser.cookie, 5);
    expect(writer.answer).toEqual([MESSAGE_SAVE_CHECK, 5, 1]);
    expect(writer.text).toContain("保存確認5");
    const reader = await answers(w.observer.browser.cookie, 6);
    expect(reader.answer).toEqual([MESSAGE_SAVE_CHECK, 6, 0]);
    expect(reader.text).not.toContain("保存確認6");
  });
});
