/**
 * The meeting's state reaches the pages that have it open (through its document), and
 * minutes circulated for review are edited by the secretariat only — on the socket too.
 */
import { RICH_TEXT_FIELD, readMeetingStatus } from "@tsumugi/domain";
import { describe, expect, vi } from "vitest";
import { storedDocument, storedOverSocket } from "../testing/collab-clients.js";
import type { TestServer } from "../testing/fixtures.js";
import { workspaceTest as it, personElsewhere, type WorkspaceWorld } from "../testing/workspace-world.js";

const soon = { timeout: 5_000, interval: 20 };

interface MeetingView {
  id: string;
  docName: string;
  documentId: string;
  state: string;
  minutesState: string;
  access: string;
}

async function createMeeting(world: WorkspaceWorld, groupId: string | null): Promise<MeetingView> {
  const res = await world.admin.browser.post<{ meeting: MeetingView }>(`${world.base}/meetings`, {
    kind: groupId ? "team" : "liaison",
    groupId,
    startsAt: "2025-05-25T14:00",
    invitees: [world.member.id, world.observer.id],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.meeting;
}

async function post(world: WorkspaceWorld, path: string, state: string): Promise<MeetingView> {
  const res = await world.admin.browser.post<{ meeting: MeetingView }>(path, { state });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.meeting;
}

describe("a meeting's state on open pages", () => {
  it("is written into its document at each step, so an open page learns it without asking", async ({
    server,
    world,
    open,
  }) => {
    const m = await createMeeting(world, null);
    const participant = open(m.docName, world.member.browser.cookie);
    await participant.synced();
    expect(readMeetingStatus(participant.doc)).toBeNull();
    const base = `${world.base}/meetings/${m.id}`;
    const steps: [string, string, { state: string; minutesState: string }][] = [
      ["state", "published", { state: "published", minutesState: "drafting" }],
      ["state", "inProgress", { state: "inProgress", minutesState: "drafting" }],
      ["state", "closed", { state: "closed", minutesState: "drafting" }],
      ["minutes-state", "circulating", { state: "closed", minutesState: "circulating" }],
    ];
    for (const [path, state, expected] of steps) {
      await post(world, `${base}/${path}`, state);
      if (state === "circulating") {
        // The member's socket is closed to be decided again (now read-only); the app
        // reconnects on 4403, as here, and the new connection brings the last step.
        await vi.waitFor(
          () =>
            expect(
              participant.closes.map((c) => c.code),
              "the member's socket downgraded",
            ).toContain(4403),
          soon,
        );
        participant.provider.connect();
      }
      await vi.waitFor(
        () =>
          expect(readMeetingStatus(participant.doc), `${state} on the participant's copy`).toEqual(expected),
        soon,
      );
    }
    await post(world, `${base}/minutes-state`, "fixed");
    await vi.waitFor(async () => {
      const stored = await storedDocument(server.ctx.db, m.docName);
      expect(readMeetingStatus(stored)?.minutesState, "確定 stored in the document").toBe("fixed");
    }, soon);
  });
});

/** The workspace's meeting events as the member's open home page or meeting list receives them. */
async function meetingEvents(server: TestServer, world: WorkspaceWorld, cookie: string | null) {
  const res = await fetch(`${server.origin}${world.base}/meetings/events`, {
    headers: { Cookie: cookie ?? "" },
  });
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let seen = "";
  return {
    /** Reads until the next `changed` event and returns the meetings it names. */
    async next(): Promise<string[]> {
      for (;;) {
        const m = /event: changed\ndata: (.*)\n\n/.exec(seen);
        if (m) {
          seen = seen.slice((m.index ?? 0) + m[0].length);
          return (JSON.parse(m[1]) as { meetingIds: string[] }).meetingIds;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        seen += decoder.decode(value);
      }
    },
    async ready(): Promise<void> {
      while (!seen.includes("event: ready")) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        seen += decoder.decode(value);
      }
      seen = seen.slice(seen.indexOf("event: ready") + "event: ready".length);
    },
    close: () => reader.cancel(),
  };
}

describe("the workspace's meeting events", () => {
  it("announce a new meeting, its details and each state of the meeting and its minutes to open lists", async ({
    server,
    world,
  }) => {
    const stream = await meetingEvents(server, world, world.member.browser.cookie);
    await stream.ready();
    const m = await createMeeting(world, null);
    expect(await stream.next()).toEqual([m.id]);
    const base = `${world.base}/meetings/${m.id}`;
    const edited = await world.admin.browser.request("PATCH", base, { place: "市役所 第2会議室" });
    expect(edited.status).toBe(200);
    expect(await stream.next()).toEqual([m.id]);
    for (const state of ["published", "inProgress", "closed"]) {
      await post(world, `${base}/state`, state);
      expect(await stream.next(), state).toEqual([m.id]);
    }
    for (const state of ["circulating", "fixed"]) {
      await post(world, `${base}/minutes-state`, state);
      expect(await stream.next(), state).toEqual([m.id]);
    }
    // A refused change announces nothing: the next event is the next real change.
    expect((await world.admin.browser.post(`${base}/state`, { state: "published" })).status).toBe(409);
    const other = await createMeeting(world, null);
    expect(await stream.next()).toEqual([other.id]);
    await stream.close();
  });

  it("are for the workspace's people only", async ({ server, world }) => {
    const stranger = await personElsewhere(server, { name: "松戸市", lgCode: "122076" });
    for (const cookie of [stranger.browser.cookie ?? "", ""]) {
      const res = await fetch(`${server.origin}${world.base}/meetings/events`, {
        headers: { Cookie: cookie },
      });
      expect([401, 403, 404]).toContain(res.status);
      await res.body?.cancel();
    }
  });
});

describe("minutes circulated for review", () => {
  for (const kind of ["the plenary's", "a group's"] as const) {
    it(`are edited by the secretariat only: ${kind} members are downgraded on their sockets and refused`, async ({
      server,
      world,
      open,
    }) => {
      const m = await createMeeting(world, kind === "a group's" ? world.groupId : null);
      const base = `${world.base}/meetings/${m.id}`;
      for (const s of ["published", "inProgress", "closed"]) await post(world, `${base}/state`, s);

      // Before circulation the (group) member writes.
      const memberView = await world.member.browser.get<{ meeting: MeetingView }>(base);
      expect(memberView.body.meeting.access).toBe("write");
      expect(await storedOverSocket(server, m.docName, world.member.browser.cookie, "委員の加筆")).toBe(true);
      const memberSocket = open(m.docName, world.member.browser.cookie);
      await memberSocket.synced();

      const circulated = await post(world, `${base}/minutes-state`, "circulating");
      expect(circulated).toMatchObject({ minutesState: "circulating", access: "write" });
      await vi.waitFor(
        () =>
          expect(
            memberSocket.closes.map((c) => c.code),
            "the member's socket downgraded",
          ).toContain(4403),
        soon,
      );

      const after = await world.member.browser.get<{ meeting: MeetingView }>(base);
      expect(after.body.meeting.access).toBe("read");
      expect(await storedOverSocket(server, m.docName, world.member.browser.cookie, "確認中の直接編集")).toBe(
        false,
      );
      expect(await storedOverSocket(server, m.docName, world.admin.browser.cookie, "事務局の修正")).toBe(
        true,
      );
      const text = (await storedDocument(server.ctx.db, m.docName))
        .getXmlFragment(RICH_TEXT_FIELD)
        .toString();
      expect(text).toContain("委員の加筆");
      expect(text).toContain("事務局の修正");
      expect(text).not.toContain("確認中の直接編集");

      // Comments (with a suggested text) are how members ask for a change now.
      const comment = await world.member.browser.post(`${base}/comments`, {
        quote: "委員の加筆",
        body: "表現を修正してください",
        suggestion: "委員の意見",
      });
      expect(comment.status).toBe(201);
      // Nor can a member restore an earlier version of the text.
      const versions = await world.member.browser.get<{ versions: { id: number }[] }>(
        `${world.base}/documents/${m.documentId}/versions`,
      );
      expect(versions.status).toBe(200);
      const restore = await world.member.browser.post(
        `${world.base}/documents/${m.documentId}/versions/${versions.body.versions[0].id}/restore`,
        {},
      );
      expect(restore.status).toBe(403);
    });
  }
});
