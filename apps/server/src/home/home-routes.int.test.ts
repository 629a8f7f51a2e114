import { type Action, insertRow, newAction, orderKeysAfter } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import type { TestBrowser } from "../testing/http-client.js";
import { type WorkspaceWorld, workspaceTest } from "../testing/workspace-world.js";

const it = workspaceTest.extend({ serverEnv: { PLAN_PROJECTION_DELAY_MS: "20" } });

interface Home {
  today: string;
  role: string;
  abilities: { ownActions: boolean; overdueActions: boolean };
  plan: { fiscalYear: number; fiscalYearLabel: string } | null;
  meetings: { id: string; title: string; state: string; todo: string | null; invited: boolean }[];
  minutes: { id: string; title: string; todo: string | null }[];
  myActions: { id: string; title: string; overdue: boolean; mine: boolean }[];
  overdueActions: { id: string; title: string }[];
  overdueCount: number;
  mentions: { commentId: string; body: string; rowTitle: string; authorName: string }[];
  unreadMentions: number;
  changes: { rowTitle: string; change: string; userNames: string[] }[];
}

const TODAY = "2025-10-15";

async function home(world: WorkspaceWorld, browser: TestBrowser, today = TODAY): Promise<Home> {
  const res = await browser.get<Home>(`${world.base}/home?today=${today}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const action = (id: string, order: string, title: string, fields: Partial<Action>) =>
  newAction([], {
    id,
    order,
    title,
    scenes: ["daily"],
    items: ["f"],
    period: { start: "2025-04", end: "2026-03" },
    status: "inProgress",
    progress: 10,
    ...fields,
  });

async function meeting(
  world: WorkspaceWorld,
  body: Record<string, unknown>,
  ...states: string[]
): Promise<string> {
  const res = await world.admin.browser.post<{ meeting: { id: string } }>(`${world.base}/meetings`, {
    kind: "liaison",
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.meeting.id;
  for (const state of states) {
    const path = state === "circulating" ? "minutes-state" : "state";
    const moved = await world.admin.browser.post(`${world.base}/meetings/${id}/${path}`, { state });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  return id;
}

describe("the home page", () => {
  it("tells each role what to do next: meetings, minutes, actions in their charge, comments to them, changes", async ({
    server,
    world,
    open,
  }) => {
    // This 年度's plan (令和7年度), with actions of the member's group, of the member in person,
    // of another group and one done, some of them overdue on 2025-10-15.
    const created = await world.admin.browser.post<{ plan: { docName: string } }>(`${world.base}/plans`, {
      fiscalYear: 2025,
    });
    expect(created.status).toBe(201);
    const docName = created.body.plan.docName;
    const editor = open(docName, world.member.browser.cookie);
    await editor.synced();
    const keys = orderKeysAfter(null, 5);
    const rows = [
      action("actiongrp001", keys[0], "入退院支援ルールの運用調査", { ownerGroupId: world.groupId }),
      action("actionown001", keys[1], "連絡可能時間一覧表の更新", {
        ownerUserId: world.member.id,
        ownerName: "委員",
        period: { start: "2025-04", end: "2025-09" },
      }),
      action("actionoth001", keys[2], "市民公開講座の開催", {
        ownerGroupId: null,
        period: { start: "2025-04", end: "2025-06" },
      }),
      action("actiondone01", keys[3], "事例検討会の開催", {
        ownerGroupId: world.groupId,
        status: "done",
        period: { start: "2025-04", end: "2025-05" },
      }),
    ];
    editor.doc.transact(() => {
      for (const r of rows) insertRow(editor.doc, "actions", r);
    });
    await server.collab.flush();
    await server.projector.flush();

    // The secretariat mentions the member on the group's action.
    const comment = await world.admin.browser.post(`${world.base}/plans/2025/comments`, {
      table: "actions",
      rowId: "actiongrp001",
      body: "@委員 調査票の案を次回までにお願いします",
      mentions: [world.member.id],
    });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);

    // Meetings: one ahead inviting the member, one of the group (not inviting anyone), one
    // ahead for others only, a draft, one closed with minutes circulated to the member, and
    // one closed with minutes still being written.
    const ahead = await meeting(
      world,
      { startsAt: "2025-11-20T14:00", title: "第3回 連携会議", invitees: [world.member.id] },
      "published",
    );
    const groupMeeting = await meeting(
      world,
      { kind: "team", groupId: world.groupId, startsAt: "2025-11-05T10:00", title: "病診施連携班 打合せ" },
      "published",
    );
    await meeting(
      world,
      { startsAt: "2025-12-01T14:00", title: "他の会議", invitees: [world.observer.id] },
      "published",
    );
    const draft = await meeting(world, { startsAt: "2026-01-10T14:00", title: "第4回 連携会議（案）" });
    const circulated = await meeting(
      world,
      { startsAt: "2025-07-31T14:00", title: "第2回 連携会議", invitees: [world.member.id] },
      "published",
      "inProgress",
      "closed",
      "circulating",
    );
    const drafting = await meeting(
      world,
      { startsAt: "2025-09-01T14:00", title: "臨時会議", invitees: [world.member.id] },
      "published",
      "inProgress",
      "closed",
    );
    // Announced for a day now past and never held: still open, but not the next meeting.
    const passed = await meeting(
      world,
      { startsAt: "2025-06-12T14:00", title: "第1回 連携会議", invitees: [world.member.id] },
      "published",
    );

    const member = await home(world, world.member.browser);
    expect(member.role).toBe("member");
    // Which lists are whose is the policy's answer, sent with them (the page shows what it allows).
    expect(member.abilities).toEqual({ ownActions: true, overdueActions: false });
    expect(member.plan).toMatchObject({ fiscalYear: 2025, fiscalYearLabel: "令和7年度" });
    expect(member.meetings.map((m) => m.id)).toEqual([groupMeeting, ahead, passed]);
    expect(member.minutes).toEqual([expect.objectContaining({ id: circulated, todo: "review" })]);
    expect(member.myActions.map((a) => [a.title, a.overdue, a.mine])).toEqual([
      ["連絡可能時間一覧表の更新", true, true],
      ["入退院支援ルールの運用調査", false, false],
    ]);
    expect(member.overdueActions).toEqual([]);
    expect(member.unreadMentions).toBe(1);
    expect(member.mentions).toEqual([
      expect.objectContaining({
        body: "@委員 調査票の案を次回までにお願いします",
        rowTitle: "入退院支援ルールの運用調査",
      }),
    ]);
    expect(member.changes.map((c) => c.rowTitle)).toEqual(
      expect.arrayContaining(["入退院支援ルールの運用調査", "市民公開講座の開催"]),
    );
    expect(member.changes.every((c) => c.change === "added" && c.userNames.length === 1)).toBe(true);

    // The secretariat: every meeting ahead with the draft to publish, minutes to circulate
    // and to fix, the whole plan's overdue actions; nothing addressed to them.
    const admin = await home(world, world.admin.browser);
    expect(admin.abilities).toEqual({ ownActions: true, overdueActions: true });
    expect(admin.meetings.map((m) => [m.title, m.todo])).toEqual([
      ["病診施連携班 打合せ", null],
      ["第3回 連携会議", null],
      ["他の会議", null],
      ["第4回 連携会議（案）", "publish"],
      ["第1回 連携会議", null],
    ]);
    expect(admin.meetings.find((m) => m.id === draft)?.todo).toBe("publish");
    expect(admin.minutes.map((m) => [m.id, m.todo])).toEqual([
      [drafting, "circulate"],
      [circulated, "fix"],
    ]);
    expect(admin.overdueActions.map((a) => a.title).sort()).toEqual([
      "市民公開講座の開催",
      "連絡可能時間一覧表の更新",
    ]);
    expect(admin.overdueCount).toBe(2);
    expect(admin.myActions).toEqual([]);
    expect(admin.unreadMentions).toBe(0);

    // The observer: only the meeting they are invited to; no minutes to review, no actions.
    const observer = await home(world, world.observer.browser);
    expect(observer.abilities).toEqual({ ownActions: false, overdueActions: false });
    expect(observer.meetings.map((m) => m.title)).toEqual(["他の会議"]);
    expect(observer.minutes).toEqual([]);
    expect(observer.myActions).toEqual([]);

    // A member of no group, invited nowhere: nothing of the group's.
    const outsider = await home(world, world.outsider.browser);
    expect(outsider.abilities).toEqual({ ownActions: true, overdueActions: false });
    expect(outsider.meetings).toEqual([]);
    expect(outsider.myActions).toEqual([]);

    // Once read, a comment leaves the home page; a later day makes more actions overdue.
    const mentions = await world.member.browser.get<{ mentions: { commentId: string }[] }>(
      `${world.base}/mentions`,
    );
    await world.member.browser.post(`${world.base}/mentions/read`, {
      commentIds: mentions.body.mentions.map((m) => m.commentId),
    });
    const later = await home(world, world.member.browser, "2026-04-02");
    expect(later.unreadMentions).toBe(0);
    expect(later.mentions).toEqual([]);
    expect(later.myActions.every((a) => a.overdue)).toBe(true);

    // Bad input gets a clear error; other workspaces' people get nothing.
    expect((await world.member.browser.get(`${world.base}/home?today=2025-13`)).status).toBe(400);
  });

  it("falls back to the latest plan before this 年度, and works without any plan or meeting", async ({
    server,
    world,
  }) => {
    expect(await home(world, world.member.browser)).toMatchObject({
      plan: null,
      meetings: [],
      minutes: [],
      myActions: [],
      changes: [],
    });
    for (const fiscalYear of [2023, 2024, 2027]) {
      const res = await world.admin.browser.post(`${world.base}/plans`, { fiscalYear });
      expect(res.status).toBe(201);
    }
    await server.projector.flush();
    expect((await home(world, world.member.browser)).plan).toMatchObject({ fiscalYear: 2024 });
    expect((await home(world, world.member.browser, "2022-05-01")).plan).toMatchObject({ fiscalYear: 2023 });
  });
});
