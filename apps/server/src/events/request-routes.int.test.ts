import { describe, expect } from "vitest";
import { createUser, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";
import { eraseRequestContacts } from "./request-commands.js";

type RequestBody = {
  id: string;
  number: number;
  groupName: string;
  topic: string;
  seriesId: string | null;
  wishedDates: { date: string; slot: string }[];
  people: number | null;
  place: string;
  contactName: string;
  contact: string;
  message: string;
  status: string;
  nextStatuses: string[];
  note: string;
  event: { id: string; title: string; status: string } | null;
  erased: boolean;
  abilities: { update: boolean; makeLecture: boolean };
};
type ListBody = { requests: RequestBody[]; formPath: string | null; topics: { id: string; name: string }[] };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const FORM = "/api/public/event-requests/122203";

const request = (extra: Record<string, unknown> = {}) => ({
  groupName: "向小金ふれあいサロン",
  topic: "出前講座「人生会議（ACP）ってなに？」",
  wishedDates: [
    { date: "2030-10-08", slot: "pm" },
    { date: "2030-10-15", slot: "am" },
  ],
  people: 25,
  place: "向小金自治会館 集会室",
  contactName: "鈴木 和子",
  contact: "04-7100-1234",
  message: "高齢の参加者が多いので、大きめの字の資料だとありがたいです。",
  consent: true,
  ...extra,
});

/** Someone on the public page: loads the form (its token), then sends it. */
async function send(server: { origin: string }, body: Record<string, unknown>, ip?: string) {
  const b = new TestBrowser(server.origin);
  if (ip) b.headers["X-Forwarded-For"] = ip;
  const page = await b.get<{ formToken: string; topics: { name: string }[] }>(FORM);
  expect(page.status).toBe(200);
  return b.post<{ number: number } & ErrorBody>(FORM, { formToken: page.body.formToken, ...body });
}

async function offerTopic(w: WorkspaceWorld, name: string) {
  const res = await w.admin.browser.post<{ series: { id: string } }>(`${w.base}/event-series`, {
    name,
    kind: "outreachLecture",
    description: "もしものときに備えて、家族と話し合っておくことを紹介します（約60分）。",
  });
  expect(res.status).toBe(201);
  return res.body.series.id;
}

describe("出前講座 requests", () => {
  it("are sent on the public form with the offered topics; a 受付番号 each; the contact sealed", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const seriesId = await offerTopic(w, "出前講座「人生会議（ACP）ってなに？」");
    await w.admin.browser.post(`${w.base}/event-series`, {
      name: "介護と医療をつむぐ会",
      kind: "multidisciplinary",
    });

    const page = await new TestBrowser(server.origin).get<{
      topics: { name: string }[];
      municipality: { name: string };
    }>(FORM);
    expect(page.body.municipality.name).toBe("流山市");
    expect(page.body.topics.map((t) => t.name)).toEqual(["出前講座「人生会議（ACP）ってなに？」"]);
    expect((await new TestBrowser(server.origin).get("/api/public/event-requests/999999")).status).toBe(404);

    const first = await send(server, request());
    expect(first.status).toBe(201);
    expect(first.body.number).toBe(1);
    // A topic of the group's own is taken as written.
    const second = await send(
      server,
      request({ groupName: "東深井 老人クラブ", topic: "認知症の家族との接し方", contact: "kai@example.jp" }),
    );
    expect(second.body.number).toBe(2);

    const stored = await server.ctx.db.all<{ personal: string; group_name: string; wished_dates: string }>(
      "SELECT personal, group_name, wished_dates FROM event_requests ORDER BY number",
    );
    expect(stored[0].personal).toMatch(/^pd1\./);
    expect(stored[0].personal).not.toContain("鈴木");
    expect(JSON.parse(stored[0].wished_dates)).toEqual(request().wishedDates);

    const list = await w.admin.browser.get<ListBody>(`${w.base}/event-requests`);
    expect(list.body.formPath).toBe("/p/122203/lecture-request");
    expect(list.body.topics).toEqual([{ id: seriesId, name: "出前講座「人生会議（ACP）ってなに？」" }]);
    expect(list.body.requests.map((r) => [r.number, r.groupName, r.status])).toEqual([
      [2, "東深井 老人クラブ", "received"],
      [1, "向小金ふれあいサロン", "received"],
    ]);
    expect(list.body.requests[1]).toMatchObject({
      contactName: "鈴木 和子",
      contact: "04-7100-1234",
      seriesId,
      people: 25,
      nextStatuses: ["arranging", "declined"],
      event: null,
      erased: false,
    });
    expect(list.body.requests[0].seriesId).toBeNull();
    const received = await server.ctx.db.all<{ actor_user_id: string | null; detail: string }>(
      "SELECT actor_user_id, detail FROM audit_log WHERE event = 'event.request_received' ORDER BY id",
    );
    expect(received.map((a) => [a.actor_user_id, JSON.parse(a.detail).number])).toEqual([
      [null, 1],
      [null, 2],
    ]);
  });

  it("refuse bad input with a Japanese problem per field, robots, stale forms and too many from one address", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const bad = await send(server, {
      groupName: "",
      topic: "",
      wishedDates: [],
      people: 0,
      contactName: "",
      contact: "よろしく",
      consent: false,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({
      groupName: "required",
      topic: "required",
      wishedDates: "required",
      people: "range",
      contactName: "required",
      contact: "contact",
      consent: "consent",
    });
    const dates = await send(
      server,
      request({
        wishedDates: [
          { date: "2030-02-30", slot: "pm" },
          { date: "2030-03-01", slot: "night" },
          { date: "2030-03-02", slot: "am" },
          { date: "2030-03-03", slot: "am" },
        ],
        people: null,
      }),
    );
    expect(dates.body.error.fields).toMatchObject({ wishedDates: "tooLong", people: "required" });
    const parts = await send(
      server,
      request({
        wishedDates: [
          { date: "2030-02-30", slot: "pm" },
          { date: "2030-03-01", slot: "night" },
        ],
      }),
    );
    expect(parts.body.error.fields).toEqual({
      "wishedDates.0.date": "format",
      "wishedDates.1.slot": "unknown",
    });
    const past = await send(
      server,
      request({
        wishedDates: [
          { date: "2030-05-01", slot: "pm" },
          { date: "2020-05-01", slot: "am" },
        ],
      }),
    );
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toEqual({ "wishedDates.1.date": "past" });

    const robot = await send(server, request({ website: "https://spam.example" }));
    expect(robot.status).toBe(400);
    expect(robot.body.error.code).toBe("publicForm.refused");
    const anon = new TestBrowser(server.origin);
    expect((await anon.post<ErrorBody>(FORM, request({ formToken: "x.y.z" }))).body.error.code).toBe(
      "publicForm.refused",
    );
    // A form for another municipality's page is not this one's.
    const other = await anon.get<{ formToken: string }>(FORM);
    const forged = `${other.body.formToken.split(".").slice(0, 2).join(".")}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
    expect((await anon.post<ErrorBody>(FORM, request({ formToken: forged }))).status).toBe(400);

    server.ctx.config.publicForms.minFillMs = 60_000;
    const fast = await send(server, request());
    expect(fast.body.error.fields).toEqual({ formToken: "tooFast" });
    server.ctx.config.publicForms.minFillMs = 0;

    server.ctx.config.publicForms.maxPerIp = 2;
    server.ctx.config.trustProxy = true;
    expect((await send(server, request(), "203.0.113.7")).status).toBe(201);
    expect((await send(server, request(), "203.0.113.7")).status).toBe(201);
    const limited = await send(server, request(), "203.0.113.7");
    expect(limited.status).toBe(429);
    expect((await send(server, request(), "203.0.113.8")).status).toBe(201);

    // Nothing refused was stored; each refusal of a robot or stale form is in the log.
    expect((await w.admin.browser.get<ListBody>(`${w.base}/event-requests`)).body.requests).toHaveLength(3);
    const refused = await server.ctx.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'event.public_refused'",
    );
    expect(refused.map((r) => JSON.parse(r.detail).form)).toContain("lectureRequest");
  });

  it("are read by the secretariat and coordinators only (each read logged), moved step by step, and stay in their municipality", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    await send(server, request());
    const db = server.ctx.db;
    const coordinator = await createUser(server.ctx.kysely, {
      workspaceId: w.workspaceId,
      role: "coordinator",
    });
    const desk = new TestBrowser(server.origin);
    expect((await desk.login(coordinator.email, TEST_PASSWORD)).status).toBe(200);

    for (const p of [w.member, w.outsider, w.observer])
      expect((await p.browser.get(`${w.base}/event-requests`)).status).toBe(403);
    const list = await desk.get<ListBody>(`${w.base}/event-requests`);
    expect(list.status).toBe(200);
    const r = list.body.requests[0];
    const reads = await db.all<{ actor_user_id: string; target: string }>(
      "SELECT actor_user_id, target FROM audit_log WHERE event = 'record.read' AND target LIKE 'eventRequests:%'",
    );
    expect(reads).toEqual([{ actor_user_id: coordinator.id, target: `eventRequests:${w.workspaceId}` }]);

    const path = `${w.base}/event-requests/${r.id}`;
    expect((await w.member.browser.patch(path, { status: "arranging" })).status).toBe(403);
    const skip = await desk.patch<ErrorBody>(path, { status: "done" });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe("request.cannotMove");
    const arranging = await desk.patch<{ request: RequestBody }>(path, {
      status: "arranging",
      note: "10/15 午前で講師（地域包括 看護師）に打診中",
    });
    expect(arranging.body.request).toMatchObject({
      status: "arranging",
      note: "10/15 午前で講師（地域包括 看護師）に打診中",
      nextStatuses: ["decided", "declined"],
      contactName: "鈴木 和子",
      abilities: { update: true, makeLecture: true },
    });
    // The answer shows the contact again: that read is logged too (not the refused step's).
    expect(
      await db.all("SELECT actor_user_id FROM audit_log WHERE event = 'record.read' AND target = ?", [
        `eventRequest:${r.id}`,
      ]),
    ).toEqual([{ actor_user_id: coordinator.id }]);
    expect((await desk.patch(path, { status: "unknown" })).status).toBe(400);
    const declined = await w.admin.browser.patch<{ request: RequestBody }>(path, { status: "declined" });
    expect(declined.body.request.nextStatuses).toEqual(["received"]);
    // Declined: taken up again before a lecture is made from it.
    expect(declined.body.request.abilities).toEqual({ update: true, makeLecture: false });
    expect((await w.admin.browser.patch(path, { status: "received" })).status).toBe(200);
    const steps = await db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'event.request_updated' ORDER BY id",
    );
    expect(steps.map((s) => JSON.parse(s.detail).to)).toEqual(["arranging", "declined", "received"]);

    // Another municipality's secretariat neither lists nor changes it.
    const kashiwa = "kashiwaws000000000000001";
    await db.run(
      "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, '柏市', '千葉県', '122173', 1)",
      [kashiwa],
    );
    const kUser = await createUser(server.ctx.kysely, { workspaceId: kashiwa, role: "secretariat" });
    const k = new TestBrowser(server.origin);
    await k.login(kUser.email, TEST_PASSWORD);
    expect((await k.get<ListBody>(`/api/workspaces/${kashiwa}/event-requests`)).body.requests).toEqual([]);
    expect((await k.patch(`/api/workspaces/${kashiwa}/event-requests/${r.id}`, { note: "x" })).status).toBe(
      404,
    );
    expect((await k.patch(path, { note: "x" })).status).toBe(404);
  });

  it("make a lecture linked to the request (決定), which shows it; held, the request is 実施済; the contact is erased after the retention period", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const seriesId = await offerTopic(w, "出前講座「人生会議（ACP）ってなに？」");
    await send(server, request());
    const [r] = (await w.admin.browser.get<ListBody>(`${w.base}/event-requests`)).body.requests;
    const lecture = {
      kind: "outreachLecture",
      title: "出前講座「人生会議（ACP）ってなに？」（向小金ふれあいサロン）",
      startsAt: "2030-10-15T10:00",
      endsAt: "2030-10-15T11:30",
      place: r.place,
      capacity: r.people,
      audience: "residents",
      seriesId,
      requestId: r.id,
    };
    // A member may run events of their group, but not take up requests.
    expect(
      (await w.member.browser.post(`${w.base}/events`, { ...lecture, organiserGroupIds: [w.groupId] }))
        .status,
    ).toBe(403);
    expect(
      (
        await w.admin.browser.post<ErrorBody>(`${w.base}/events`, {
          ...lecture,
          requestId: "zzzzzzzzzzzzzzzz",
        })
      ).body.error.fields,
    ).toEqual({
      requestId: "unknown",
    });
    const made = await w.admin.browser.post<{ event: { id: string; requestId: string | null } }>(
      `${w.base}/events`,
      lecture,
    );
    expect(made.status).toBe(201);
    expect(made.body.event.requestId).toBe(r.id);
    const again = await w.admin.browser.post<ErrorBody>(`${w.base}/events`, lecture);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("request.hasEvent");
    expect((await server.ctx.db.all<{ n: number }>("SELECT COUNT(*) AS n FROM events"))[0].n).toBe(1);

    let [shown] = (await w.admin.browser.get<ListBody>(`${w.base}/event-requests`)).body.requests;
    expect(shown).toMatchObject({
      status: "decided",
      event: { id: made.body.event.id, title: lecture.title, status: "planned" },
      abilities: { update: true, makeLecture: false },
    });
    await w.admin.browser.post(`${w.base}/events/${made.body.event.id}/status`, { status: "held" });
    [shown] = (await w.admin.browser.get<ListBody>(`${w.base}/event-requests`)).body.requests;
    expect(shown).toMatchObject({ status: "done", event: { status: "held" } });
    // The step the lecture made is recorded as the organiser's, in the municipality's log.
    const followed = await server.ctx.db.all<{ workspace_id: string; actor_user_id: string; detail: string }>(
      "SELECT workspace_id, actor_user_id, detail FROM audit_log WHERE event = 'event.request_updated' AND target = ?",
      [r.id],
    );
    expect(followed.map((f) => ({ ...f, detail: JSON.parse(f.detail) }))).toContainEqual({
      workspace_id: w.workspaceId,
      actor_user_id: w.admin.id,
      detail: { number: r.number, from: "decided", to: "done", by: "event", eventId: made.body.event.id },
    });

    // The contact goes the set number of days after the lecture; the request stays.
    const days = server.ctx.config.publicForms.participantRetentionDays;
    const day = Date.parse("2030-10-15T03:00:00Z");
    expect(await eraseRequestContacts(server.ctx, day + days * 86_400_000)).toBe(0);
    expect(await eraseRequestContacts(server.ctx, day + (days + 1) * 86_400_000)).toBe(1);
    [shown] = (await w.admin.browser.get<ListBody>(`${w.base}/event-requests`)).body.requests;
    expect(shown).toMatchObject({
      erased: true,
      contactName: "",
      contact: "",
      message: "",
      groupName: "向小金ふれあいサロン",
      status: "done",
    });
    const erased = await server.ctx.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'event.requests_erased'",
    );
    expect(JSON.parse(erased[0].detail)).toMatchObject({ requests: 1, numbers: [1] });
  });

  it("declined without a lecture keep their contact the set number of days after the last change, open ones keep it", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    await send(server, request());
    await send(server, request({ groupName: "東深井 老人クラブ", contact: "kai@example.jp" }));
    const list = (await w.admin.browser.get<ListBody>(`${w.base}/event-requests`)).body.requests;
    const declined = list.find((r) => r.number === 1) as RequestBody;
    await w.admin.browser.patch(`${w.base}/event-requests/${declined.id}`, { status: "declined" });
    const days = server.ctx.config.publicForms.participantRetentionDays;
    const now = Date.now();
    expect(await eraseRequestContacts(server.ctx, now + (days - 1) * 86_400_000)).toBe(0);
    expect(await eraseRequestContacts(server.ctx, now + (days + 1) * 86_400_000)).toBe(1);
    const after = (await w.admin.browser.get<ListBody>(`${w.base}/event-requests`)).body.requests;
    expect(after.map((r) => [r.number, r.status, r.erased, r.contactName])).toEqual([
      [2, "received", false, "鈴木 和子"],
      [1, "declined", true, ""],
    ]);
  });
});
