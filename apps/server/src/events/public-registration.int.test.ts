import type { AuditList } from "@tsumugi/contract";
import { describe, expect } from "vitest";
import { createUser, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

type PublicEventBody = {
  publicId: string;
  title: string;
  registrationState: string;
  placesLeft: number | null;
};
type Detail = { event: PublicEventBody; formToken: string | null };
type View = {
  registration: {
    status: string;
    name: string;
    checkInCode: string | null;
    waitingPosition: number | null;
    cancellable: boolean;
    checkedIn: boolean;
  };
};
type ParticipantBody = {
  id: string;
  name: string;
  contact: string;
  status: string;
  walkIn: boolean;
  checkInCode: string | null;
  checkedInAt: number | null;
};

const lecture = {
  kind: "publicLecture",
  title: "市民公開講座「人生会議を知っていますか」",
  startsAt: "2030-11-03T13:30",
  endsAt: "2030-11-03T15:30",
  place: "流山市生涯学習センター 多目的ホール",
  capacity: 2,
  waitingList: true,
  audience: "residents",
};

let phone = 0;
const person = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  organisation: "",
  profession: "resident",
  contact: `04-7100-${String(++phone).padStart(4, "0")}`,
  consent: true,
  ...extra,
});

async function publishedEvent(w: WorkspaceWorld, extra: Record<string, unknown> = {}) {
  const res = await w.admin.browser.post<{ event: { id: string; publicPath: string | null } }>(
    `${w.base}/events`,
    { ...lecture, ...extra },
  );
  expect(res.status).toBe(201);
  const id = res.body.event.id;
  const open = await w.admin.browser.patch<{ event: { publicPath: string; registrationState: string } }>(
    `${w.base}/events/${id}`,
    { published: true, registrationOpen: true },
  );
  expect(open.status).toBe(200);
  expect(open.body.event.registrationState).toBe("open");
  const publicPath = open.body.event.publicPath;
  const [, , lg, , pid] = publicPath.split("/");
  return { id, lg, pid, api: `/api/public/events/${lg}/${pid}` };
}

/** Someone without an account on the public page: loads the form, then sends it. */
async function registerAs(
  server: { origin: string },
  api: string,
  body: Record<string, unknown>,
  ip?: string,
) {
  const b = new TestBrowser(server.origin);
  if (ip) b.headers["X-Forwarded-For"] = ip;
  const page = await b.get<Detail>(api);
  expect(page.status).toBe(200);
  return b.post<{ status: string; path: string; error?: { code: string; fields?: Record<string, string> } }>(
    `${api}/registrations`,
    { ...body, formToken: page.body.formToken },
  );
}

const tokenOf = (path: string) => path.split("/r/")[1];

describe("public registration", () => {
  it("gives places up to the capacity, then the waiting list; a cancellation moves the first waiting up; the same person twice is refused", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const e = await publishedEvent(w);
    const anon = new TestBrowser(server.origin);

    const list = await anon.get<{ events: PublicEventBody[] }>(`/api/public/events/${e.lg}`);
    expect(list.body.events.map((x) => [x.title, x.registrationState, x.placesLeft])).toEqual([
      [lecture.title, "open", 2],
    ]);

    const a = await registerAs(
      server,
      e.api,
      person("山田 花子", { contact: "04-7150-6000", shareWithCohosts: true }),
    );
    expect(a.status).toBe(201);
    expect(a.body.status).toBe("registered");
    expect(a.body.path).toMatch(new RegExp(`^/p/${e.lg}/events/${e.pid}/r/[a-z2-7]{32}$`));
    const b = await registerAs(server, e.api, person("佐藤 一郎", { contact: "ichiro@example.jp" }));
    expect(b.body.status).toBe("registered");
    const c = await registerAs(server, e.api, person("鈴木 次郎", { contact: "jiro@example.jp" }));
    expect(c.body.status).toBe("waitlisted");

    // The same name (written otherwise) and contact again: refused, whatever the spaces.
    const again = await registerAs(server, e.api, person("山田花子", { contact: "０４７１５０６０００" }));
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("registration.duplicate");

    const mine = await anon.get<View>(`${e.api}/registrations/${tokenOf(a.body.path)}`);
    expect(mine.body.registration).toMatchObject({
      status: "registered",
      name: "山田 花子",
      cancellable: true,
    });
    expect(mine.body.registration.checkInCode).toMatch(/^[A-Z2-9]{8}$/);
    const waiting = await anon.get<View>(`${e.api}/registrations/${tokenOf(c.body.path)}`);
    expect(waiting.body.registration).toMatchObject({
      status: "waitlisted",
      waitingPosition: 1,
      checkInCode: null,
    });
    expect((await anon.get(`${e.api}/registrations/${"a".repeat(32)}`)).status).toBe(404);

    const cancelled = await anon.post<View>(`${e.api}/registrations/${tokenOf(b.body.path)}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.registration.status).toBe("cancelled");
    const promoted = await anon.get<View>(`${e.api}/registrations/${tokenOf(c.body.path)}`);
    expect(promoted.body.registration.status).toBe("registered");
    expect(promoted.body.registration.checkInCode).toMatch(/^[A-Z2-9]{8}$/);
    const audit = await server.ctx.db.all<{ event: string }>(
      "SELECT event FROM audit_log WHERE event LIKE 'event.participant_%' ORDER BY id",
    );
    expect(audit.map((x) => x.event)).toEqual([
      "event.participant_registered",
      "event.participant_registered",
      "event.participant_registered",
      "event.participant_cancelled",
      "event.participant_promoted",
    ]);
    // The municipality's audit log shows the promotion, though nobody signed in caused it.
    const log = await w.admin.browser.get<AuditList>(`${w.base}/audit?kind=events`);
    expect(log.status).toBe(200);
    expect(log.body.entries.filter((x) => x.event === "event.participant_promoted")).toEqual([
      expect.objectContaining({
        workspaceId: w.workspaceId,
        actorUserId: null,
        actorName: null,
        target: e.id,
        detail: { participantId: expect.any(String) },
      }),
    ]);

    // Names and contacts are sealed: the database file holds no clear text of them.
    const rows = await server.ctx.db.all<{ personal: string; organisation: string }>(
      "SELECT personal, organisation FROM event_participants",
    );
    for (const r of rows) {
      expect(r.personal).toMatch(/^pd1\./);
      expect(r.personal).not.toContain("山田");
    }

    // Full without a waiting list: the page offers no form, and one loaded before is refused clearly.
    const late = new TestBrowser(server.origin);
    const loaded = await late.get<Detail>(e.api);
    expect(loaded.body.event.registrationState).toBe("waitingList");
    await w.admin.browser.patch(`${w.base}/events/${e.id}`, { waitingList: false });
    const now = await anon.get<Detail>(e.api);
    expect([now.body.event.registrationState, now.body.formToken]).toEqual(["full", null]);
    const full = await late.post<{ error: { code: string } }>(`${e.api}/registrations`, {
      ...person("高橋 三郎"),
      formToken: loaded.body.formToken,
    });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe("registration.closed");
  });

  it("validates the form in Japanese codes, refuses robots (hidden field, forged or hurried form) and limits an address", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const e = await publishedEvent(w, { capacity: null });
    const bad = await registerAs(server, e.api, {
      name: "",
      profession: "wizard",
      contact: "よろしく",
      consent: false,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toMatchObject({
      name: "required",
      profession: "unknown",
      contact: "contact",
      consent: "consent",
    });

    const robot = await registerAs(server, e.api, person("ロボット", { website: "http://spam.example" }));
    expect(robot.status).toBe(400);
    expect(robot.body.error?.code).toBe("publicForm.refused");
    const forged = await new TestBrowser(server.origin).post<{ error: { fields: Record<string, string> } }>(
      `${e.api}/registrations`,
      { ...person("偽造"), formToken: "lx.abc.def" },
    );
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields.formToken).toBe("invalid");

    server.ctx.config.publicForms.minFillMs = 60_000;
    const hurried = await registerAs(server, e.api, person("急ぎ 太郎"));
    expect(hurried.status).toBe(400);
    expect(hurried.body.error?.fields?.formToken).toBe("tooFast");
    server.ctx.config.publicForms.minFillMs = 0;
    const refused = await server.ctx.db.all<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'event.public_refused'",
    );
    expect(Number(refused[0].n)).toBe(3);
    expect(await server.ctx.db.all("SELECT id FROM event_participants")).toHaveLength(0);

    // One address sends so many forms per hour (counted in the shared throttle store).
    server.ctx.config.publicForms.maxPerIp = 2;
    server.ctx.config.trustProxy = true;
    expect(
      (await registerAs(server, e.api, person("一人目", { contact: "a@example.jp" }), "203.0.113.5")).status,
    ).toBe(201);
    expect(
      (await registerAs(server, e.api, person("二人目", { contact: "b@example.jp" }), "203.0.113.5")).status,
    ).toBe(201);
    const third = await registerAs(
      server,
      e.api,
      person("三人目", { contact: "c@example.jp" }),
      "203.0.113.5",
    );
    expect(third.status).toBe(429);
    expect(third.body.error?.code).toBe("public.tooMany");
    expect(
      (await registerAs(server, e.api, person("別の人", { contact: "d@example.jp" }), "203.0.113.6")).status,
    ).toBe(201);
  });

  it("closes by hand, at the closing date, and is not there for unpublished events", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const e = await publishedEvent(w);
    await w.admin.browser.patch(`${w.base}/events/${e.id}`, { registrationOpen: false });
    const anon = new TestBrowser(server.origin);
    const page = await anon.get<Detail>(e.api);
    expect(page.body.event.registrationState).toBe("notOpen");
    expect(page.body.formToken).toBeNull();

    await w.admin.browser.patch(`${w.base}/events/${e.id}`, {
      registrationOpen: true,
      registrationClosesAt: "2020-01-01T00:00",
    });
    expect((await anon.get<Detail>(e.api)).body.event.registrationState).toBe("closedByDate");
    const late = await anon.post<{ error: { code: string } }>(`${e.api}/registrations`, {
      ...person("遅い 人"),
      formToken: "x.y.z",
    });
    expect(late.status).toBe(400);
    const after = await w.admin.browser.patch<{ error: { fields: Record<string, string> } }>(
      `${w.base}/events/${e.id}`,
      { registrationClosesAt: "2031-01-01T00:00" },
    );
    expect(after.status).toBe(400);
    expect(after.body.error.fields.registrationClosesAt).toBe("afterStart");

    await w.admin.browser.patch(`${w.base}/events/${e.id}`, { published: false });
    expect((await anon.get(e.api)).status).toBe(404);
    expect((await anon.get(`/api/public/events/${e.lg}`)).body).toMatchObject({ events: [] });
    expect((await anon.get("/api/public/events/999999")).status).toBe(404);
  });
});

describe("participants for the organisers", () => {
  it("are read by organisers only, each read logged; a co-host's secretariat sees those who agreed; check-in by code and walk-ins by name", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const e = await publishedEvent(w, { organiserGroupIds: [w.groupId], capacity: 10 });
    const a = await registerAs(
      server,
      e.api,
      person("山田 花子", {
        shareWithCohosts: true,
        organisation: "ながれやま訪問看護ステーション",
        profession: "nurse",
      }),
    );
    await registerAs(
      server,
      e.api,
      person("佐藤 一郎", { contact: "ichiro@example.jp", profession: "careManager" }),
    );

    const url = `${w.base}/events/${e.id}/participants`;
    const list = await w.member.browser.get<{ participants: ParticipantBody[]; scope: string }>(url);
    expect(list.status).toBe(200);
    expect(list.body.scope).toBe("all");
    expect(list.body.participants.map((p) => p.name)).toEqual(["山田 花子", "佐藤 一郎"]);
    expect((await w.admin.browser.get(url)).status).toBe(200);
    expect((await w.outsider.browser.get(url)).status).toBe(403);
    expect((await w.observer.browser.get(url)).status).toBe(403);
    const reads = await server.ctx.db.all<{ actor_user_id: string; target: string }>(
      "SELECT actor_user_id, target FROM audit_log WHERE event = 'record.read' ORDER BY id",
    );
    expect(reads).toEqual([
      { actor_user_id: w.member.id, target: `eventParticipants:${e.id}` },
      { actor_user_id: w.admin.id, target: `eventParticipants:${e.id}` },
    ]);

    // Another municipality: nothing, unless it co-hosts; then its secretariat sees those who agreed.
    const db = server.ctx.db;
    await db.run(
      "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES ('kashiwa000001', '柏市', '千葉県', '122173', 1)",
    );
    const kAdminUser = await createUser(server.ctx.kysely, {
      workspaceId: "kashiwa000001",
      role: "secretariat",
    });
    const kAdmin = new TestBrowser(server.origin);
    expect((await kAdmin.login(kAdminUser.email, TEST_PASSWORD)).status).toBe(200);
    const kUrl = `/api/workspaces/kashiwa000001/events/${e.id}/participants`;
    expect((await kAdmin.get(kUrl)).status).toBe(404);
    await db.run(
      "INSERT INTO event_cohosts (event_id, workspace_id, added_at) VALUES (?, 'kashiwa000001', 1)",
      [e.id],
    );
    const shared = await kAdmin.get<{ participants: ParticipantBody[]; scope: string }>(kUrl);
    expect(shared.body.scope).toBe("agreed");
    expect(shared.body.participants.map((p) => p.name)).toEqual(["山田 花子"]);

    // Check-in: the code from the registrant's page, typed in full-width lower case with a hyphen.
    const view = await new TestBrowser(server.origin).get<View>(
      `${e.api}/registrations/${tokenOf(a.body.path)}`,
    );
    const code = view.body.registration.checkInCode as string;
    const typed = `${code.slice(0, 4)}－${code.slice(4)}`
      .toLowerCase()
      .replace(/[a-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const checkInUrl = `${w.base}/events/${e.id}/check-in`;
    const done = await w.member.browser.post<{
      participant: ParticipantBody;
      alreadyCheckedIn: boolean;
      attendance: { attended: number };
    }>(checkInUrl, { code: typed });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      alreadyCheckedIn: false,
      participant: { name: "山田 花子" },
      attendance: { attended: 1 },
    });
    const twice = await w.member.browser.post<{ alreadyCheckedIn: boolean }>(checkInUrl, { code });
    expect(twice.body.alreadyCheckedIn).toBe(true);
    const wrong = await w.member.browser.post<{ error: { code: string } }>(checkInUrl, { code: "ZZZZ-ZZZZ" });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe("event.checkInCodeNotFound");
    expect((await w.observer.browser.post(checkInUrl, { code })).status).toBe(403);
    expect(
      (await kAdmin.post(`/api/workspaces/kashiwa000001/events/${e.id}/check-in`, { code })).status,
    ).toBe(403);
    const regView = await new TestBrowser(server.origin).get<View>(
      `${e.api}/registrations/${tokenOf(a.body.path)}`,
    );
    expect(regView.body.registration).toMatchObject({ checkedIn: true, cancellable: false });
    // Once checked in, the registrant no longer cancels on their own.
    const late = await new TestBrowser(server.origin).post<{ error: { code: string } }>(
      `${e.api}/registrations/${tokenOf(a.body.path)}/cancel`,
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("registration.notCancellable");

    // Someone who came without registering, added by name: checked in, counted, name sealed.
    const walkIn = await w.member.browser.post<{ participant: ParticipantBody }>(url, {
      name: "当日 参加",
      organisation: "流山市医師会",
      profession: "doctor",
    });
    expect(walkIn.status).toBe(201);
    expect(walkIn.body.participant).toMatchObject({ walkIn: true, name: "当日 参加" });
    expect(walkIn.body.participant.checkedInAt).not.toBeNull();
    const detail = await w.observer.browser.get<{ attendance: { attended: number; walkIns: number } }>(
      `${w.base}/events/${e.id}`,
    );
    expect(detail.body.attendance).toMatchObject({ attended: 2, walkIns: 1 });
    const sealed = await db.all<{ personal: string }>(
      "SELECT personal FROM event_participants WHERE walk_in = 1",
    );
    expect(sealed[0].personal).toMatch(/^pd1\./);

    // The organiser cancels for someone; undoing a check-in takes the count back.
    const sato = list.body.participants[1];
    const after = await w.admin.browser.post<{ participants: ParticipantBody[] }>(`${url}/${sato.id}/cancel`);
    expect(after.body.participants.find((p) => p.id === sato.id)?.status).toBe("cancelled");
    const undo = await w.member.browser.post<{ attendance: { attended: number } }>(checkInUrl, {
      participantId: done.body.participant.id,
      undo: true,
    });
    expect(undo.body.attendance.attended).toBe(1);
  });
});

describe("retention", () => {
  it("erases names and contacts the set number of days after the event; the counts stay", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const e = await publishedEvent(w, { capacity: 10 });
    const a = await registerAs(
      server,
      e.api,
      person("山田 花子", { profession: "nurse", organisation: "A訪問看護" }),
    );
    await w.admin.browser.post(`${w.base}/events/${e.id}/participants`, {
      name: "当日 参加",
      profession: "doctor",
    });
    const jobs = server.eventJobs;
    const days = server.ctx.config.publicForms.participantRetentionDays;
    // The day after the event plus the retention period less one day: kept.
    const eventDay = Date.parse("2030-11-03T03:00:00Z");
    expect(await jobs.eraseNow(eventDay + days * 86_400_000)).toBe(0);
    expect(await jobs.eraseNow(eventDay + (days + 1) * 86_400_000)).toBe(2);
    const rows = await server.ctx.db.all<{
      personal: string | null;
      token_hash: string | null;
      profession: string;
    }>("SELECT personal, token_hash, profession FROM event_participants ORDER BY created_at");
    expect(rows).toEqual([
      { personal: null, token_hash: null, profession: "nurse" },
      { personal: null, token_hash: null, profession: "doctor" },
    ]);
    const list = await w.admin.browser.get<{ participants: { name: string; erased: boolean }[] }>(
      `${w.base}/events/${e.id}/participants`,
    );
    expect(list.body.participants.map((p) => [p.name, p.erased])).toEqual([
      ["", true],
      ["", true],
    ]);
    const detail = await w.admin.browser.get<{ attendance: { registered: number; walkIns: number } }>(
      `${w.base}/events/${e.id}`,
    );
    expect(detail.body.attendance).toMatchObject({ registered: 1, walkIns: 1 });
    expect(
      (await new TestBrowser(server.origin).get(`${e.api}/registrations/${tokenOf(a.body.path)}`)).status,
    ).toBe(404);
    const audit = await server.ctx.db.all<{ workspace_id: string; detail: string }>(
      "SELECT workspace_id, detail FROM audit_log WHERE event = 'event.participants_erased'",
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ participants: 2, eventIds: [e.id] });
  });
});
