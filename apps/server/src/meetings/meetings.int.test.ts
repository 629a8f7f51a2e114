import {
  insertMeetingRow,
  insertRow,
  newAction,
  orderKeysAfter,
  RICH_TEXT_FIELD,
  readAgenda,
  readOutcomes,
  readYearPlan,
  setAttendance,
  setRowField,
} from "@tsumugi/domain";
import { describe, expect, vi } from "vitest";
import * as Y from "yjs";
import { storedDocument } from "../testing/collab-clients.js";
import { type WorkspaceWorld, workspaceTest } from "../testing/workspace-world.js";

const it = workspaceTest.extend({ serverEnv: { PLAN_PROJECTION_DELAY_MS: "20" } });

interface MeetingView {
  id: string;
  number: number;
  title: string;
  docName: string;
  documentId: string;
  state: string;
  minutesState: string;
  access: string;
  demo: boolean;
}

async function createMeeting(
  world: WorkspaceWorld,
  body: Record<string, unknown> = {},
): Promise<MeetingView> {
  const res = await world.admin.browser.post<{ meeting: MeetingView }>(`${world.base}/meetings`, {
    kind: "liaison",
    startsAt: "2025-05-25T14:00",
    endsAt: "2025-05-25T16:00",
    place: "流山市役所 第1庁舎 3階",
    invitees: [world.member.id, world.observer.id],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.meeting;
}

async function move(world: WorkspaceWorld, id: string, ...states: string[]): Promise<MeetingView> {
  let last: MeetingView | null = null;
  for (const state of states) {
    const res = await world.admin.browser.post<{ meeting: MeetingView }>(
      `${world.base}/meetings/${id}/state`,
      { state },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    last = res.body.meeting;
  }
  return last as MeetingView;
}

describe("meetings", () => {
  it("are numbered 第N回 within the 年度, created by those who run them, with clear errors", async ({
    world,
  }) => {
    const first = await createMeeting(world);
    const second = await createMeeting(world, { startsAt: "2025-07-31T14:00", endsAt: null });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.title).toBe("令和7年度 第1回 連携会議");
    // Meetings people hold are theirs, not the demo's.
    expect(first.demo).toBe(false);
    const nextYear = await createMeeting(world, { startsAt: "2026-04-20T10:00", endsAt: null });
    expect(nextYear.number).toBe(1);

    // A member runs their own group's meetings only; observers none.
    const team = await world.member.browser.post<{ meeting: MeetingView }>(`${world.base}/meetings`, {
      kind: "team",
      groupId: world.groupId,
      startsAt: "2025-06-10T18:30",
    });
    expect(team.status).toBe(201);
    expect(team.body.meeting.title).toBe("令和7年度 第1回 病診施連携班");
    expect(
      (
        await world.member.browser.post(`${world.base}/meetings`, {
          kind: "liaison",
          startsAt: "2025-06-01T10:00",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await world.observer.browser.post(`${world.base}/meetings`, {
          kind: "liaison",
          startsAt: "2025-06-01T10:00",
        })
      ).status,
    ).toBe(403);

    const bad = await world.admin.browser.post(`${world.base}/meetings`, {
      kind: "liaison",
      startsAt: "2025-02-30T10:00",
      onlineUrl: "javascript:alert(1)",
      invitees: ["nosuchuser0001"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: { startsAt: "format", onlineUrl: "format", invitees: "unknown" } },
    });
    expect(
      (
        await world.admin.browser.post(`${world.base}/meetings`, {
          kind: "party",
          startsAt: "2025-06-01T10:00",
        })
      ).status,
    ).toBe(400);
  });

  it("tell each person what they may do with a meeting, and refuse other groups and fixing to those who may not", async ({
    world,
  }) => {
    const team = await world.member.browser.post<{
      meeting: MeetingView & { abilities: Record<string, boolean> };
    }>(`${world.base}/meetings`, { kind: "team", groupId: world.groupId, startsAt: "2025-06-10T18:30" });
    // A draft: those who run it publish it and edit it; no other step is open yet.
    const noSteps = {
      publish: false,
      start: false,
      close: false,
      edit: false,
      circulateMinutes: false,
      fixCirculatedMinutes: false,
    };
    expect(team.body.meeting.abilities).toEqual({
      read: true,
      manage: true,
      fixMinutes: false,
      commentMinutes: true,
      ...noSteps,
      publish: true,
      edit: true,
    });
    const seen = async (browser: WorkspaceWorld["admin"]["browser"]) =>
      (
        await browser.get<{ meeting: { abilities: Record<string, boolean> } }>(
          `${world.base}/meetings/${team.body.meeting.id}`,
        )
      ).body.meeting.abilities;
    const none = { read: true, manage: false, fixMinutes: false, commentMinutes: false, ...noSteps };
    expect(await seen(world.admin.browser)).toEqual({
      read: true,
      manage: true,
      fixMinutes: true,
      commentMinutes: true,
      ...noSteps,
      publish: true,
      edit: true,
    });
    expect(await seen(world.outsider.browser)).toEqual(none);
    expect(await seen(world.observer.browser)).toEqual(none);
    // A group of another workspace (or none) is not one a meeting can be held by.
    const foreign = await world.admin.browser.post(`${world.base}/meetings`, {
      kind: "team",
      groupId: "nosuchgroup00001",
      startsAt: "2025-06-10T18:30",
    });
    expect(foreign.body).toMatchObject({ error: { fields: { groupId: "unknown" } } });
    // The group's member runs the meeting but the secretariat alone fixes its minutes.
    await world.member.browser.post(`${world.base}/meetings/${team.body.meeting.id}/state`, {
      state: "published",
    });
    await world.member.browser.post(`${world.base}/meetings/${team.body.meeting.id}/state`, {
      state: "inProgress",
    });
    expect(
      (
        await world.member.browser.post(`${world.base}/meetings/${team.body.meeting.id}/state`, {
          state: "closed",
        })
      ).status,
    ).toBe(200);
    const url = `${world.base}/meetings/${team.body.meeting.id}/minutes-state`;
    expect(await seen(world.member.browser)).toEqual({
      read: true,
      manage: true,
      fixMinutes: false,
      commentMinutes: true,
      ...noSteps,
      circulateMinutes: true,
    });
    expect((await world.member.browser.post(url, { state: "fixed" })).status).toBe(403);
    expect((await world.outsider.browser.post(url, { state: "circulating" })).status).toBe(403);
    expect((await world.member.browser.post(url, { state: "circulating" })).status).toBe(200);
    expect((await seen(world.admin.browser)).fixCirculatedMinutes).toBe(true);
    expect((await seen(world.member.browser)).fixCirculatedMinutes).toBe(false);
    expect((await world.admin.browser.post(url, { state: "fixed" })).status).toBe(200);
  });

  it("move one step at a time; closing snapshots the minutes and the plan and records attendance and outcomes", async ({
    server,
    world,
    open,
  }) => {
    await world.admin.browser.post(`${world.base}/plans`, { fiscalYear: 2025 });
    const m = await createMeeting(world);
    const skip = await world.admin.browser.post(`${world.base}/meetings/${m.id}/state`, { state: "closed" });
    expect(skip.status).toBe(409);
    await move(world, m.id, "published", "inProgress");

    const secretary = open(m.docName, world.admin.browser.cookie);
    await secretary.synced();
    const [k1, k2] = orderKeysAfter(null, 2);
    secretary.doc.transact(() => {
      secretary.doc
        .getXmlFragment(RICH_TEXT_FIELD)
        .insert(0, [new Y.XmlText("入退院支援ルールの運用状況を確認した。")]);
      setAttendance(secretary.doc, world.member.id, "attended");
      setAttendance(secretary.doc, world.observer.id, "absent");
      insertMeetingRow(secretary.doc, "outcomes", {
        id: "outcomedec01",
        order: k1,
        type: "decision",
        text: "入退院支援ルールを改訂する",
        agendaItemId: null,
        actionId: null,
      });
      insertMeetingRow(secretary.doc, "outcomes", {
        id: "outcomeact01",
        order: k2,
        type: "action",
        text: "救急隊との合同研修",
        agendaItemId: null,
        actionId: null,
      });
    });
    await server.collab.flush();

    // Only those who write both the minutes and the plan make the action; a period the body
    // gets wrong is refused before anything is written.
    const toAction = `${world.base}/meetings/${m.id}/outcomes/outcomeact01/action`;
    expect((await world.observer.browser.post(toAction, {})).status).toBe(403);
    const badPeriod = await world.admin.browser.post<{ error: { fields: Record<string, string> } }>(
      toAction,
      {
        periodEnd: "2025-13",
      },
    );
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.fields).toEqual({ periodEnd: "format" });
    expect(
      (await world.admin.browser.post(toAction, { periodStart: "2025-09", periodEnd: "2025-06" })).status,
    ).toBe(400);

    // 取組 outcome → an action in this year's plan, linked back.
    const made = await world.admin.browser.post<{ actionId: string }>(
      `${world.base}/meetings/${m.id}/outcomes/outcomeact01/action`,
      { periodEnd: "2025-12" },
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const planDocName = (
      await world.admin.browser.get<{ plan: { docName: string } }>(`${world.base}/plans/2025`)
    ).body.plan.docName;
    const plan = readYearPlan(await storedDocument(server.ctx.db, planDocName)).plan;
    expect(plan.actions.find((a) => a.id === made.body.actionId)).toMatchObject({
      title: "救急隊との合同研修",
      period: { start: "2025-05", end: "2025-12" },
    });
    // The link reaches the client.
    await vi.waitFor(
      () =>
        expect(readOutcomes(secretary.doc).find((o) => o.id === "outcomeact01")?.actionId).toBe(
          made.body.actionId,
        ),
      { timeout: 5000 },
    );
    // A decision is not an action.
    expect(
      (await world.admin.browser.post(`${world.base}/meetings/${m.id}/outcomes/outcomedec01/action`, {}))
        .status,
    ).toBe(404);

    const closed = await move(world, m.id, "closed");
    expect(closed.state).toBe("closed");
    const versions = await server.ctx.db.all<{ doc_name: string; reason: string }>(
      "SELECT doc_name, reason FROM doc_versions ORDER BY id",
    );
    expect(versions).toEqual([
      { doc_name: m.docName, reason: "meetingClose" },
      { doc_name: planDocName, reason: "meetingClose" },
    ]);
    expect(
      await server.ctx.db.all(
        "SELECT user_id, status FROM meeting_attendance WHERE meeting_id = ? ORDER BY status",
        [m.id],
      ),
    ).toEqual([
      { user_id: world.observer.id, status: "absent" },
      { user_id: world.member.id, status: "attended" },
    ]);
    const decisions = await world.observer.browser.get<{ decisions: { text: string }[] }>(
      `${world.base}/meetings/decisions?q=改訂`,
    );
    expect(decisions.body.decisions.map((d) => d.text)).toEqual(["入退院支援ルールを改訂する"]);
    const stats = await world.observer.browser.get<{ stats: unknown[] }>(`${world.base}/meetings/stats`);
    expect(stats.body.stats).toEqual([{ fiscalYear: 2025, kind: "liaison", held: 1, attended: 1 }]);

    const md = await fetch(`${server.origin}${world.base}/meetings/${m.id}/markdown`, {
      headers: { Cookie: world.admin.browser.cookie ?? "" },
    });
    const text = await md.text();
    expect(text).toContain("# 令和7年度 第1回 連携会議");
    expect(text).toContain("- 日時：令和7年5月25日（日）14:00〜16:00");
    expect(text).toContain("入退院支援ルールの運用状況を確認した。");
    expect(text).toContain("## 決定事項\n\n- 入退院支援ルールを改訂する");

    // Each step is on record: who, in which workspace, from which address, on what.
    const audited = await server.ctx.db.all<Record<string, unknown>>(
      "SELECT event, workspace_id, actor_user_id, target, ip, detail FROM audit_log WHERE event IN ('plan.created', 'meeting.created', 'meeting.state_changed') ORDER BY id",
    );
    const byAdmin = {
      workspace_id: world.workspaceId,
      actor_user_id: world.admin.id,
      ip: expect.stringMatching(/\S/),
    };
    expect(audited.map((a) => ({ ...a, detail: JSON.parse(a.detail as string) }))).toEqual([
      {
        event: "plan.created",
        ...byAdmin,
        target: expect.any(String),
        detail: { fiscalYear: 2025, carriedFrom: null },
      },
      {
        event: "meeting.created",
        ...byAdmin,
        target: m.id,
        detail: { title: "令和7年度 第1回 連携会議", kind: "liaison", number: 1 },
      },
      ...[
        ["draft", "published"],
        ["published", "inProgress"],
        ["inProgress", "closed"],
      ].map(([from, to]) => ({
        event: "meeting.state_changed",
        ...byAdmin,
        target: m.id,
        detail: { from, to },
      })),
    ]);
  });

  it("circulates minutes for corrections, then fixes them read-only for everyone, downgrading open sockets", async ({
    server,
    world,
    open,
  }) => {
    const m = await createMeeting(world);
    const writer = open(m.docName, world.admin.browser.cookie);
    const member = open(m.docName, world.member.browser.cookie);
    await Promise.all([writer.synced(), member.synced()]);
    writer.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText("原案")]);
    await server.collab.flush();
    // Not before the meeting has closed.
    expect(
      (
        await world.admin.browser.post(`${world.base}/meetings/${m.id}/minutes-state`, {
          state: "circulating",
        })
      ).status,
    ).toBe(409);
    await move(world, m.id, "published", "inProgress", "closed");
    const url = `${world.base}/meetings/${m.id}/comments`;
    expect((await world.member.browser.post(url, { body: "早すぎる" })).status).toBe(409);
    expect(
      (
        await world.admin.browser.post(`${world.base}/meetings/${m.id}/minutes-state`, {
          state: "circulating",
        })
      ).status,
    ).toBe(200);

    // The invited member comments on a passage; the observer (invited too) may not; an uninvited member may not.
    expect(
      (
        await world.member.browser.post(url, {
          quote: "原案",
          body: "「案」を取ってください",
          suggestion: "確定案",
        })
      ).status,
    ).toBe(201);
    expect((await world.observer.browser.post(url, { body: "意見" })).status).toBe(403);
    expect((await world.outsider.browser.post(url, { body: "意見" })).status).toBe(403);
    const list = await world.admin.browser.get<{
      comments: { id: string; quote: string; suggestion: string }[];
    }>(url);
    expect(list.body.comments).toMatchObject([{ quote: "原案", suggestion: "確定案" }]);
    expect((await world.member.browser.post(`${url}/${list.body.comments[0].id}/resolve`, {})).status).toBe(
      403,
    );
    expect((await world.admin.browser.post(`${url}/${list.body.comments[0].id}/resolve`, {})).status).toBe(
      200,
    );

    // Only the secretariat fixes; then the document is locked and sockets are downgraded.
    expect(
      (await world.member.browser.post(`${world.base}/meetings/${m.id}/minutes-state`, { state: "fixed" }))
        .status,
    ).toBe(403);
    const fixed = await world.admin.browser.post<{ meeting: MeetingView }>(
      `${world.base}/meetings/${m.id}/minutes-state`,
      { state: "fixed" },
    );
    expect(fixed.body.meeting).toMatchObject({ minutesState: "fixed", access: "read" });
    // Both sockets are downgraded.
    await vi.waitFor(
      () => {
        expect(writer.closes.map((c) => c.code)).toContain(4403);
        expect(member.closes.map((c) => c.code)).toContain(4403);
      },
      { timeout: 5000 },
    );
    // 44xx closes are final for y-websocket's client; the app reconnects itself, as here.
    writer.provider.connect();
    await vi.waitFor(() => expect(writer.provider.wsconnected && writer.provider.synced).toBe(true), {
      timeout: 5000,
    });
    writer.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText("確定後の改ざん")]);
    // Handled by the server, and not stored: the connection is read-only now.
    expect(await writer.acknowledged()).toBe(false);
    await server.collab.flush();
    const stored = await storedDocument(server.ctx.db, m.docName);
    expect(stored.getXmlFragment(RICH_TEXT_FIELD).toString()).toBe("原案");
    const approval = await server.ctx.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM doc_versions WHERE reason = 'approval'",
    );
    expect(approval?.n).toBe(1);
  });

  it("reports what changed in the plan since the previous meeting closed, and offers its unreached agenda items", async ({
    server,
    world,
    open,
  }) => {
    await world.admin.browser.post(`${world.base}/plans`, { fiscalYear: 2025 });
    const planDocName = (
      await world.admin.browser.get<{ plan: { docName: string } }>(`${world.base}/plans/2025`)
    ).body.plan.docName;
    const planClient = open(planDocName, world.admin.browser.cookie);
    await planClient.synced();
    insertRow(
      planClient.doc,
      "actions",
      newAction([], {
        id: "actionrep001",
        title: "症例検討会",
        scenes: ["endOfLife"],
        items: ["f"],
        period: { start: "2025-04", end: "2026-03" },
        status: "inProgress",
        progress: 20,
      }),
    );
    const first = await createMeeting(world);
    const minutes = open(first.docName, world.admin.browser.cookie);
    await minutes.synced();
    const [a1, a2] = orderKeysAfter(null, 2);
    insertMeetingRow(minutes.doc, "agenda", {
      id: "agendaitem01",
      order: a1,
      title: "報告事項",
      minutes: 10,
      presenter: "事務局",
      planLinks: [],
      state: "done",
      carriedFrom: null,
    });
    insertMeetingRow(minutes.doc, "agenda", {
      id: "agendaitem02",
      order: a2,
      title: "ACP普及の進め方",
      minutes: 20,
      presenter: "",
      planLinks: [{ table: "actions", id: "actionrep001" }],
      state: "deferred",
      carriedFrom: null,
    });
    await server.collab.flush();
    await move(world, first.id, "published", "inProgress", "closed");

    setRowField(planClient.doc, "actions", "actionrep001", "progress", 60);
    await server.collab.flush();
    const second = await createMeeting(world, { startsAt: "2025-07-31T14:00", endsAt: null });
    const report = await world.member.browser.get<{ previous: { id: string }; changes: unknown[] }>(
      `${world.base}/meetings/${second.id}/changes`,
    );
    expect(report.body.previous.id).toBe(first.id);
    expect(report.body.changes).toEqual([
      {
        table: "actions",
        id: "actionrep001",
        title: "症例検討会",
        kind: "changed",
        fields: [{ field: "progress", before: 20, after: 60 }],
      },
    ]);
    const backlog = await world.member.browser.get<{ items: { id: string; title: string }[] }>(
      `${world.base}/meetings/${second.id}/backlog`,
    );
    expect(backlog.body.items.map((i) => i.title)).toEqual(["ACP普及の進め方"]);
    expect(readAgenda(minutes.doc)).toHaveLength(2);
  });
});

describe("versions", () => {
  it("names a version, lists it, and restores it as a new change", async ({ server, world, open }) => {
    const m = await createMeeting(world);
    const writer = open(m.docName, world.admin.browser.cookie);
    await writer.synced();
    const fragment = writer.doc.getXmlFragment(RICH_TEXT_FIELD);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("第一稿")]);
    fragment.insert(0, [paragraph]);
    await server.collab.flush();
    const base = `${world.base}/documents/${m.documentId}/versions`;
    const named = await world.admin.browser.post<{ id: number }>(base, { label: "会議前" });
    expect(named.status).toBe(201);
    expect((await world.observer.browser.post(base, { label: "x" })).status).toBe(403);

    fragment.delete(0, fragment.length);
    const p2 = new Y.XmlElement("paragraph");
    p2.insert(0, [new Y.XmlText("書き直し")]);
    fragment.insert(0, [p2]);
    await server.collab.flush();

    const list = await world.observer.browser.get<{
      versions: { id: number; label: string; reason: string; createdByName: string }[];
    }>(base);
    expect(list.body.versions[0]).toMatchObject({ id: named.body.id, label: "会議前", reason: "named" });
    const one = await world.observer.browser.get<{ state: string }>(`${base}/${named.body.id}`);
    const old = new Y.Doc();
    Y.applyUpdate(old, Buffer.from(one.body.state, "base64"));
    expect(old.getXmlFragment(RICH_TEXT_FIELD).toString()).toBe("<paragraph>第一稿</paragraph>");

    expect((await world.admin.browser.post(`${base}/${named.body.id}/restore`, {})).status).toBe(200);
    // The restored text reaches the client.
    await vi.waitFor(() => expect(fragment.toString()).toBe("<paragraph>第一稿</paragraph>"), {
      timeout: 5000,
    });
    const reasons = (
      await world.admin.browser.get<{ versions: { reason: string }[] }>(base)
    ).body.versions.map((v) => v.reason);
    expect(reasons).toEqual(["restore", "named"]);
  });
});

describe("calendar feeds", () => {
  it("serve the person's meetings as iCalendar until revoked", async ({ server, world }) => {
    const m = await createMeeting(world, { onlineUrl: "https://meet.example.jp/abc" });
    await move(world, m.id, "published");
    await createMeeting(world, { startsAt: "2025-08-01T10:00", endsAt: null, title: "下書きの会議" });
    const created = await world.member.browser.post<{ url: string }>(`${world.base}/calendar-feed`, {});
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    const res = await fetch(`${server.origin}${path}`);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const ics = await res.text();
    expect(ics).toContain("SUMMARY:令和7年度 第1回 連携会議");
    expect(ics).toContain("DTSTART;TZID=Asia/Tokyo:20250525T140000");
    expect(ics).toContain("URL:https://meet.example.jp/abc");
    expect(ics).not.toContain("下書きの会議");
    expect(ics.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);

    await world.member.browser.request("DELETE", `${world.base}/calendar-feed`);
    expect((await fetch(`${server.origin}${path}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/api/calendar/x.y.ics`)).status).toBe(404);
  });
});
