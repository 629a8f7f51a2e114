import { describe, expect } from "vitest";
import {
  workspaceTest as it,
  personIn,
  regionNeighbours,
  type WorkspaceWorld,
} from "../testing/workspace-world.js";

type EventBody = {
  id: string;
  title: string;
  fiscalYear: number;
  status: string;
  cohost: boolean;
  organiserGroupIds: string[];
  seriesId: string | null;
  publicPath: string | null;
  abilities: Record<string, boolean>;
  cohosts: { workspaceId: string; name: string }[];
};

const training = (extra: Record<string, unknown> = {}) => ({
  kind: "multidisciplinary",
  title: "第30回 介護と医療をつむぐ会",
  theme: "入退院支援をグループワークで考える",
  startsAt: "2025-06-30T18:30",
  endsAt: "2025-06-30T20:30",
  place: "流山市役所 第1庁舎3階 301会議室",
  capacity: 60,
  audience: "professionals",
  ...extra,
});

async function create(w: WorkspaceWorld, extra: Record<string, unknown> = {}) {
  const res = await w.admin.browser.post<{ event: EventBody }>(`${w.base}/events`, training(extra));
  expect(res.status).toBe(201);
  return res.body.event;
}

describe("events", () => {
  it("are created with their 年度, listed for every role, and changed by their organisers only", async ({
    world: w,
  }) => {
    const series = await w.admin.browser.post<{ series: { id: string } }>(`${w.base}/event-series`, {
      name: "介護と医療をつむぐ会",
      kind: "multidisciplinary",
    });
    expect(series.status).toBe(201);
    expect(
      (await w.admin.browser.post(`${w.base}/event-series`, { name: "介護と医療をつむぐ会", kind: "other" }))
        .status,
    ).toBe(409);
    const event = await create(w, { seriesId: series.body.series.id, organiserGroupIds: [w.groupId] });
    expect(event).toMatchObject({ fiscalYear: 2025, status: "planned", cohost: false, publicPath: null });

    // A March event belongs to the 年度 that began the April before.
    const march = await create(w, {
      title: "症例検討会",
      kind: "caseStudy",
      startsAt: "2026-03-01T14:00",
      endsAt: null,
    });
    expect(march.fiscalYear).toBe(2025);

    const asObserver = await w.observer.browser.get<{ events: EventBody[]; series: { events: number }[] }>(
      `${w.base}/events?fiscalYear=令和7年度`,
    );
    expect(asObserver.body.events.map((e) => e.title)).toEqual(["症例検討会", "第30回 介護と医療をつむぐ会"]);
    expect(asObserver.body.series).toMatchObject([{ events: 1 }]);
    expect(Object.entries(asObserver.body.events[1].abilities).filter(([, v]) => v)).toEqual([
      ["readResults", true],
      ["readMaterials", true],
    ]);
    expect((await w.observer.browser.get(`${w.base}/events?fiscalYear=昭和`)).body).toMatchObject({
      error: { code: "validation", fields: { fiscalYear: "format" } },
    });
    // What of a 年度's plan an event may be linked to: the 年度 is named.
    const links = `${w.base}/events/plan-links`;
    expect((await w.observer.browser.get(links)).body).toMatchObject({
      error: { fields: { fiscalYear: "required" } },
    });
    expect((await w.observer.browser.get(`${links}?fiscalYear=x`)).body).toMatchObject({
      error: { fields: { fiscalYear: "format" } },
    });
    expect((await w.observer.browser.get(`${links}?fiscalYear=R7`)).body).toMatchObject({
      plan: false,
      actions: [],
    });

    // The member of the organiser group runs it; the member of no organiser group does not.
    const path = `${w.base}/events/${event.id}`;
    expect((await w.outsider.browser.patch(path, { title: "変更" })).status).toBe(403);
    expect((await w.observer.browser.patch(path, { title: "変更" })).status).toBe(403);
    const renamed = await w.member.browser.patch<{ event: EventBody }>(path, {
      title: "第30回 つむぐ会",
      startsAt: "2025-07-01T18:30",
      endsAt: "2025-07-01T20:30",
      published: true,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.event.publicPath).toMatch(/^\/p\/122203\/events\/[a-z0-9]+$/);
    // …but cannot hand the event to groups they are not in.
    expect((await w.member.browser.patch(path, { organiserGroupIds: [] })).status).toBe(403);
  });

  it("refuse bad input with a problem code per field", async ({ world: w }) => {
    const bad = await w.admin.browser.post(`${w.base}/events`, {
      kind: "party",
      title: "",
      startsAt: "2025-02-30T10:00",
      endsAt: "2025-02-01T09:00",
      onlineUrl: "javascript:alert(1)",
      capacity: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        code: "validation",
        fields: {
          kind: "unknown",
          title: "required",
          startsAt: "format",
          onlineUrl: "format",
          capacity: "range",
        },
      },
    });
    const early = await w.admin.browser.post(`${w.base}/events`, training({ endsAt: "2025-06-30T17:00" }));
    expect(early.body).toMatchObject({ error: { fields: { endsAt: "beforeStart" } } });
    const unknownGroup = await w.admin.browser.post(
      `${w.base}/events`,
      training({ organiserGroupIds: ["aaaaaaaaaaaaaaaaaaaaaaaa"], seriesId: "bbbbbbbbbbbbbbbbbbbbbbbb" }),
    );
    expect(unknownGroup.body).toMatchObject({
      error: { fields: { organiserGroupIds: "unknown", seriesId: "unknown" } },
    });
    // Members create events only for their own groups; observers never.
    expect((await w.outsider.browser.post(`${w.base}/events`, training())).status).toBe(403);
    expect((await w.member.browser.post(`${w.base}/events`, training())).status).toBe(403);
    expect(
      (await w.member.browser.post(`${w.base}/events`, training({ organiserGroupIds: [w.groupId] }))).status,
    ).toBe(201);
    expect((await w.observer.browser.post(`${w.base}/events`, training())).status).toBe(403);
  });

  it("are marked held or cancelled, audited, and deleted only while nothing was recorded", async ({
    server,
    world: w,
  }) => {
    const event = await create(w);
    const path = `${w.base}/events/${event.id}`;
    await w.admin.browser.patch(path, { registrationOpen: true });
    const cancelled = await w.admin.browser.post<{ event: EventBody & { registrationOpen: boolean } }>(
      `${path}/status`,
      { status: "cancelled" },
    );
    expect(cancelled.body.event).toMatchObject({ status: "cancelled", registrationOpen: false });
    expect((await w.admin.browser.patch(path, { registrationOpen: true })).body).toMatchObject({
      error: { fields: { registrationOpen: "cancelled" } },
    });
    await server.ctx.db.run(
      "INSERT INTO event_participants (id, event_id, walk_in, status, profession, headcount, created_at) VALUES ('p1', ?, 1, 'registered', 'resident', 3, 1)",
      [event.id],
    );
    const refused = await w.admin.browser.delete(path);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "event.hasRecords" } });
    const other = await create(w, { title: "市民公開講座", kind: "publicLecture" });
    expect((await w.admin.browser.delete(`${w.base}/events/${other.id}`)).status).toBe(204);
    const audit = await server.ctx.db.all<{ event: string }>(
      "SELECT event FROM audit_log WHERE event LIKE 'event.%' ORDER BY id",
    );
    expect(audit.map((a) => a.event)).toEqual([
      "event.created",
      "event.updated",
      "event.status_changed",
      "event.created",
      "event.deleted",
    ]);
  });

  it("are shared with co-hosting municipalities of a region group, who see counts and never run them", async ({
    server,
    world: w,
  }) => {
    const db = server.ctx.db;
    const [kashiwa, faraway] = await regionNeighbours(server, w, [
      { name: "柏市", lgCode: "122173", inGroup: true },
      { name: "銚子市", lgCode: "122025", inGroup: false },
    ]);
    const kAdmin = (await personIn(server, kashiwa, "secretariat")).browser;
    const kMember = (await personIn(server, kashiwa, "member")).browser;

    const event = await create(w, { title: "東葛北部 合同多職種研修", organiserGroupIds: [w.groupId] });
    const candidates = await w.admin.browser.get<{ municipalities: { name: string }[] }>(
      `${w.base}/events/cohost-candidates`,
    );
    expect(candidates.body.municipalities.map((m) => m.name)).toEqual(["柏市"]);
    expect((await w.admin.browser.put(`${w.base}/events/${event.id}/cohosts/${faraway}`)).status).toBe(409);
    expect((await w.member.browser.put(`${w.base}/events/${event.id}/cohosts/${kashiwa}`)).status).toBe(200);

    const kBase = `/api/workspaces/${kashiwa}`;
    const seen = await kAdmin.get<{ events: EventBody[] }>(`${kBase}/events`);
    expect(seen.body.events).toHaveLength(1);
    expect(seen.body.events[0]).toMatchObject({
      title: "東葛北部 合同多職種研修",
      cohost: true,
      organiserGroupIds: [],
      host: { name: "流山市" },
    });
    expect(
      Object.entries(seen.body.events[0].abilities)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(["readAgreedParticipants", "readResults"]);
    const asMember = await kMember.get<{ event: EventBody }>(`${kBase}/events/${event.id}`);
    expect(asMember.status).toBe(200);
    expect(Object.values(asMember.body.event.abilities).filter(Boolean)).toHaveLength(1);
    expect((await kAdmin.patch(`${kBase}/events/${event.id}`, { title: "乗っ取り" })).status).toBe(403);
    expect((await kAdmin.put(`${kBase}/events/${event.id}/cohosts/${faraway}`)).status).toBe(403);
    // Both municipalities' logs record the sharing.
    const audit = await db.all<{ workspace_id: string }>(
      "SELECT workspace_id FROM audit_log WHERE event = 'event.cohost_added' ORDER BY id",
    );
    expect(audit.map((a) => a.workspace_id)).toEqual([w.workspaceId, kashiwa]);

    // Another municipality's event is not found from a workspace it was not shared with.
    expect((await w.admin.browser.delete(`${w.base}/events/${event.id}/cohosts/${kashiwa}`)).status).toBe(
      200,
    );
    expect((await kAdmin.get(`${kBase}/events/${event.id}`)).status).toBe(404);
  });

  it("count people at the door by profession without names: the organisers record them, everyone sees the totals", async ({
    server,
    world: w,
  }) => {
    const event = await create(w, { organiserGroupIds: [w.groupId] });
    const path = `${w.base}/events/${event.id}/door-counts`;
    type Counts = {
      counts: { id: string; profession: string; organisation: string; headcount: number }[];
      attendance: {
        attended: number;
        walkIns: number;
        byProfession: { profession: string; attended: number }[];
      };
    };
    const first = await w.member.browser.post<Counts>(path, {
      profession: "nurse",
      organisation: "  流山訪問看護ｽﾃｰｼｮﾝ ",
      headcount: 5,
    });
    expect(first.status).toBe(201);
    await w.admin.browser.post(path, { profession: "careManager", headcount: 12 });
    const second = await w.admin.browser.post<Counts>(path, { profession: "nurse", headcount: 2 });
    expect(second.body.counts.map((c) => [c.profession, c.organisation, c.headcount])).toEqual([
      ["nurse", "流山訪問看護ステーション", 5],
      ["careManager", "", 12],
      ["nurse", "", 2],
    ]);
    expect(second.body.attendance).toMatchObject({ attended: 19, walkIns: 19 });
    expect(second.body.attendance.byProfession).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ profession: "nurse", attended: 7 }),
        expect.objectContaining({ profession: "careManager", attended: 12 }),
      ]),
    );

    // Bad input is refused per field and nothing is recorded.
    const bad = await w.admin.browser.post(path, { profession: "wizard", headcount: 0 });
    expect(bad.body).toMatchObject({ error: { fields: { profession: "unknown", headcount: "range" } } });
    // Observers and members of no organiser group neither read nor write the rows; everyone reads the totals.
    for (const who of [w.observer, w.outsider]) {
      expect((await who.browser.get(path)).status).toBe(403);
      expect((await who.browser.post(path, { profession: "doctor", headcount: 1 })).status).toBe(403);
      expect((await who.browser.delete(`${path}/${first.body.counts[0].id}`)).status).toBe(403);
    }
    const seen = await w.observer.browser.get<{ attendance: { attended: number } }>(
      `${w.base}/events/${event.id}`,
    );
    expect(seen.body.attendance.attended).toBe(19);

    // A count recorded by mistake is removed; a registration is never removed this way.
    const removed = await w.member.browser.delete<Counts>(`${path}/${first.body.counts[0].id}`);
    expect(removed.body.attendance.attended).toBe(14);
    await server.ctx.db.run(
      "INSERT INTO event_participants (id, event_id, walk_in, status, profession, headcount, personal, created_at) VALUES ('registered1', ?, 0, 'registered', 'doctor', 1, 'sealed', 1)",
      [event.id],
    );
    expect((await w.admin.browser.delete(`${path}/registered1`)).status).toBe(404);

    // A cancelled event takes no counts.
    await w.admin.browser.post(`${w.base}/events/${event.id}/status`, { status: "cancelled" });
    const refused = await w.admin.browser.post(path, { profession: "doctor", headcount: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "event.cancelled" } });

    const audit = await server.ctx.db.all<{ event: string }>(
      "SELECT event FROM audit_log WHERE event IN ('event.participant_walk_in', 'event.walk_in_removed') ORDER BY id",
    );
    expect(audit.map((a) => a.event)).toEqual([
      "event.participant_walk_in",
      "event.participant_walk_in",
      "event.participant_walk_in",
      "event.walk_in_removed",
    ]);
  });

  it("make the 多職種研修 and 住民啓発 participant indicators: held events only, by 年度, not typed", async ({
    world: w,
  }) => {
    const held = async (extra: Record<string, unknown>, counts: [string, number][]) => {
      const e = await create(w, extra);
      for (const [profession, headcount] of counts)
        await w.admin.browser.post(`${w.base}/events/${e.id}/door-counts`, { profession, headcount });
      await w.admin.browser.post(`${w.base}/events/${e.id}/status`, { status: "held" });
      return e;
    };
    await held({}, [
      ["nurse", 10],
      ["doctor", 4],
    ]);
    await held({ kind: "caseStudy", title: "症例検討会", startsAt: "2026-02-10T14:00", endsAt: null }, [
      ["careManager", 9],
    ]);
    await held(
      {
        kind: "publicLecture",
        title: "市民公開講座",
        audience: "residents",
        startsAt: "2024-11-16T13:30",
        endsAt: null,
      },
      [["resident", 120]],
    );
    // Neither a planned event's counts nor an その他 for everyone are counted.
    const planned = await create(w, { title: "次回", startsAt: "2025-09-01T18:30", endsAt: null });
    await w.admin.browser.post(`${w.base}/events/${planned.id}/door-counts`, {
      profession: "nurse",
      headcount: 50,
    });
    await held(
      { kind: "other", audience: "everyone", title: "交流会", startsAt: "2025-10-01T18:30", endsAt: null },
      [["resident", 30]],
    );

    type Listing = {
      indicators: { id: string; code: string; derived: string | null }[];
      values: { indicatorId: string; fiscalYear: number; value: number; note: string }[];
    };
    const list = await w.observer.browser.get<Listing>(`${w.base}/indicators`);
    const of = (code: string) => {
      const indicator = list.body.indicators.find((i) => i.code === code);
      return list.body.values
        .filter((v) => v.indicatorId === indicator?.id)
        .map((v) => [v.fiscalYear, v.value, v.note]);
    };
    expect(list.body.indicators.find((i) => i.code === "P07")?.derived).toBe("trainingAttendance");
    expect(of("P07")).toEqual([[2025, 23, "開催2回"]]);
    expect(of("P08")).toEqual([[2024, 120, "開催1回"]]);
    const p07 = list.body.indicators.find((i) => i.code === "P07")?.id;
    expect(
      (
        await w.admin.browser.request("PUT", `${w.base}/indicators/${p07}/values`, {
          fiscalYear: 2025,
          value: 9,
        })
      ).status,
    ).toBe(409);
  });
});
