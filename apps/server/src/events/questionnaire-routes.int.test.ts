import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { createUser, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { createEvent, workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

type QuestionnaireBody = {
  eventId: string;
  title: string;
  questions: { id: string; type: string; text: string; options: string[]; measure: string | null }[];
  open: boolean;
  publicPath: string | null;
  answers: number;
};
type Results = {
  answers: number;
  questions: { questionId: string; counts: number[]; mean: number | null; texts: string[] }[];
  measures: { satisfaction: number | null; understanding: number | null; understandingBefore: number | null };
  byProfession: { profession: string; answers: number; satisfaction: number | null }[];
};

/** A 多職種連携の会 of June 2025 (or what `extra` changes): its id. */
async function createMeetingEvent(w: WorkspaceWorld, extra: Record<string, unknown> = {}) {
  const event = await createEvent(w, {
    title: "第30回 介護と医療をつむぐ会",
    startsAt: "2025-06-30T18:30",
    endsAt: "2025-06-30T20:30",
    audience: "professionals",
    ...extra,
  });
  return event.id;
}

const anonymous = (origin: string) => new TestBrowser(origin);

describe("questionnaires", () => {
  it("are built by the organisers from a template, answered once per browser without login, and counted", async ({
    server,
    world: w,
  }) => {
    const eid = await createMeetingEvent(w);
    const path = `${w.base}/events/${eid}/questionnaire`;
    expect((await w.observer.browser.get<{ questionnaire: null }>(path)).body).toEqual({
      questionnaire: null,
    });

    // Only the organisers build it: the member of no organiser group and the observer may not.
    expect((await w.outsider.browser.post(`${path}/template`, { template: "trainingPrePost" })).status).toBe(
      403,
    );
    expect((await w.observer.browser.post(`${path}/template`, { template: "trainingPrePost" })).status).toBe(
      403,
    );
    expect((await w.member.browser.post(`${path}/template`, { template: "nonsense" })).status).toBe(400);
    const made = await w.member.browser.post<{ questionnaire: QuestionnaireBody }>(`${path}/template`, {
      template: "trainingPrePost",
    });
    expect(made.status).toBe(200);
    const qn = made.body.questionnaire;
    expect(qn).toMatchObject({
      open: false,
      answers: 0,
      title: "多職種研修アンケート（理解度 研修前・研修後）",
    });
    expect(qn.publicPath).toMatch(/^\/q\/[a-z0-9]+$/);
    const publicApi = `/api/public/questionnaires/${qn.publicPath?.slice(3)}`;

    // The builder's problems come back per place, in the domain's codes.
    const broken = await w.member.browser.put<{ error: { fields: Record<string, string> } }>(path, {
      ...qn,
      questions: [{ ...qn.questions[1], options: ["1", "2"] }],
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields).toEqual({ "questions.0.options": "options" });

    // Closed until the organisers open it.
    const phone = anonymous(server.origin);
    const page = await phone.get<{
      open: boolean;
      answered: boolean;
      event: { title: string; host: string };
    }>(publicApi);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      open: false,
      answered: false,
      event: { title: "第30回 介護と医療をつむぐ会", host: "流山市" },
    });
    const nurse = qn.questions[0].options.indexOf("看護師");
    const answer = { q1: nurse, q2: 2, q3: 4, q4: 5, q7: "退院前カンファレンスで使いたい" };
    expect((await phone.post(publicApi, { answers: answer })).status).toBe(410);
    expect((await w.admin.browser.put(path, { ...qn, open: true })).status).toBe(200);

    // Japanese-coded problems per question; a required scale left out, a choice out of range.
    const wrong = await phone.post<{ error: { fields: Record<string, string> } }>(publicApi, {
      answers: { q1: 99, q2: 2 },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({
      "answers.q1": "format",
      "answers.q3": "required",
      "answers.q4": "required",
    });
    expect((await phone.post(publicApi, { answers: answer })).status).toBe(201);
    expect((await phone.get<{ answered: boolean }>(publicApi)).body.answered).toBe(true);
    const again = await phone.post<{ error: { code: string } }>(publicApi, { answers: answer });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("questionnaire.alreadyAnswered");

    // Other browsers answer too; a program filling the hidden field is answered alike, kept nowhere.
    const doctor = qn.questions[0].options.indexOf("医師");
    for (const a of [
      { q1: nurse, q2: 3, q3: 5, q4: 4 },
      { q1: doctor, q2: 4, q3: 4, q4: 3, q8: '=HYPERLINK("http://x")' },
    ])
      expect((await anonymous(server.origin).post(publicApi, { answers: a })).status).toBe(201);
    const bot = await anonymous(server.origin).post(publicApi, { answers: answer, website: "http://spam" });
    expect(bot.status).toBe(201);

    const results = await w.observer.browser.get<{ results: Results }>(`${path}/results`);
    expect(results.status).toBe(200);
    const r = results.body.results;
    expect(r.answers).toBe(3);
    expect(r.measures).toMatchObject({ understandingBefore: 3, understanding: 13 / 3, satisfaction: 4 });
    expect(r.byProfession.find((p) => p.profession === "看護師")).toMatchObject({
      answers: 2,
      satisfaction: 4.5,
    });
    expect(r.questions.find((q) => q.questionId === "q7")?.texts).toEqual(["退院前カンファレンスで使いたい"]);
    expect(
      (
        await server.ctx.db.all<{ n: number }>(
          "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'event.public_refused'",
        )
      )[0].n,
    ).toBe(1);
    // Nothing of the answerer is kept but the per-event hash of the browser's token.
    const stored = await server.ctx.db.all<{ device_hash: string }>(
      "SELECT device_hash FROM questionnaire_answers WHERE event_id = ?",
      [eid],
    );
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.device_hash))).toBe(true);

    // Once answered, texts may change and questions be added; removing or reshaping is refused.
    const current = (await w.admin.browser.get<{ questionnaire: QuestionnaireBody }>(path)).body
      .questionnaire;
    expect(current.answers).toBe(3);
    const renamed = await w.admin.browser.put<{ questionnaire: QuestionnaireBody }>(path, {
      ...current,
      questions: [
        ...current.questions.map((q, i) => (i === 3 ? { ...q, text: "本日の研修全体の満足度" } : q)),
        { id: "q9", type: "text", text: "次回のテーマの希望", options: [], required: false, measure: null },
      ],
    });
    expect(renamed.status).toBe(200);
    const reshaped = await w.admin.browser.put<{ error: { code: string } }>(path, {
      ...current,
      questions: current.questions.slice(1),
    });
    expect(reshaped.status).toBe(409);
    expect(reshaped.body.error.code).toBe("questionnaire.answered");
    expect((await w.admin.browser.post(`${path}/template`, { template: "training" })).status).toBe(409);
    expect((await w.admin.browser.delete(path)).status).toBe(409);

    // Closing stops the answers.
    expect((await w.admin.browser.put(path, { ...renamed.body.questionnaire, open: false })).status).toBe(
      200,
    );
    expect((await anonymous(server.origin).post(publicApi, { answers: answer })).status).toBe(410);
    expect(
      (await anonymous(server.origin).get("/api/public/questionnaires/nosuchquestionnaire")).status,
    ).toBe(404);
  });

  it("export the answers as CSV and Excel, texts neutralised against formulas", async ({
    server,
    world: w,
  }) => {
    const eid = await createMeetingEvent(w, {
      kind: "publicLecture",
      audience: "residents",
      title: "市民公開講座",
    });
    const path = `${w.base}/events/${eid}/questionnaire`;
    const qn = (
      await w.admin.browser.post<{ questionnaire: QuestionnaireBody }>(`${path}/template`, {
        template: "publicLecture",
      })
    ).body.questionnaire;
    await w.admin.browser.put(path, { ...qn, open: true });
    const publicApi = `/api/public/questionnaires/${qn.publicPath?.slice(3)}`;
    for (const a of [
      { q2: 5, q3: 4, q5: 0, q7: [0, 3], q8: "=1+1 自宅で看取りたい" },
      { q2: 3, q3: 3, q5: 1 },
    ])
      expect((await anonymous(server.origin).post(publicApi, { answers: a })).status).toBe(201);

    const csv = await fetch(`${server.origin}${path}/answers.csv`, {
      headers: { Cookie: w.observer.browser.cookieHeader ?? "" },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain(
      encodeURIComponent("アンケート_市民公開講座.csv"),
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("本日の講座の満足度を教えてください");
    expect(lines[1]).toContain("話し合ったことがある");
    expect(lines[1]).toContain("在宅医療（訪問診療）、自宅での看取り");
    expect(lines[1]).toContain(`"'=1+1 自宅で看取りたい"`);

    const xlsx = await fetch(`${server.origin}${path}/answers.xlsx`, {
      headers: { Cookie: w.admin.browser.cookieHeader ?? "" },
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(["集計", "回答一覧"]);
    const summary = wb.getWorksheet("集計");
    const rows: unknown[][] = [];
    summary?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0][0]).toContain("回答 2件");
    expect(rows).toContainEqual(["", "平均", 4, ""]);
    expect(rows).toContainEqual(["", "話し合ったことはない", 1, 50]);
    const list = wb.getWorksheet("回答一覧");
    const cells: unknown[] = [];
    list?.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).toContain("'=1+1 自宅で看取りたい");
    expect(
      (
        await server.ctx.db.all<{ n: number }>(
          "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'event.questionnaire_exported'",
        )
      )[0].n,
    ).toBe(2);
  });

  it("start from another event's questionnaire of the same municipality only", async ({
    server,
    world: w,
  }) => {
    const last = await createMeetingEvent(w, {
      title: "第28回 つむぐ会",
      startsAt: "2024-06-30T18:30",
      endsAt: null,
    });
    const next = await createMeetingEvent(w, { title: "第30回 つむぐ会" });
    const lastPath = `${w.base}/events/${last}/questionnaire`;
    const made = (
      await w.admin.browser.post<{ questionnaire: QuestionnaireBody }>(`${lastPath}/template`, {
        template: "training",
      })
    ).body.questionnaire;
    await w.admin.browser.put(lastPath, { ...made, title: "つむぐ会アンケート" });

    const sources = await w.member.browser.get<{ events: { eventId: string; questionnaireTitle: string }[] }>(
      `${w.base}/events/questionnaire-sources`,
    );
    expect(sources.body.events).toMatchObject([{ eventId: last, questionnaireTitle: "つむぐ会アンケート" }]);
    expect((await w.observer.browser.get(`${w.base}/events/questionnaire-sources`)).status).toBe(403);

    const copied = await w.member.browser.post<{ questionnaire: QuestionnaireBody }>(
      `${w.base}/events/${next}/questionnaire/copy`,
      { fromEventId: last },
    );
    expect(copied.status).toBe(200);
    expect(copied.body.questionnaire).toMatchObject({ title: "つむぐ会アンケート", answers: 0, open: false });
    expect(copied.body.questionnaire.questions).toEqual(made.questions);

    // Another municipality's secretariat cannot copy from, or read, this one's events.
    const otherWs = "otherws00000000000000001";
    await server.ctx.db.run(
      "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, '我孫子市', '千葉県', '122220', 1)",
      [otherWs],
    );
    const otherAdmin = await createUser(server.ctx.kysely, { workspaceId: otherWs, role: "secretariat" });
    const b = new TestBrowser(server.origin);
    expect((await b.login(otherAdmin.email, TEST_PASSWORD)).status).toBe(200);
    const oBase = `/api/workspaces/${otherWs}`;
    const own = (
      await b.post<{ event: { id: string } }>(`${oBase}/events`, {
        kind: "multidisciplinary",
        title: "我孫子市 多職種研修",
        startsAt: "2025-07-10T18:30",
        audience: "professionals",
      })
    ).body.event.id;
    const refused = await b.post<{ error: { fields: Record<string, string> } }>(
      `${oBase}/events/${own}/questionnaire/copy`,
      { fromEventId: last },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ fromEventId: "unknown" });
    expect((await b.get(`${oBase}/events/${last}/questionnaire/results`)).status).toBe(404);
    expect((await b.get(`${oBase}/events/questionnaire-sources`)).body).toEqual({ events: [] });
  });

  it("limit the answers sent from one address", async ({ server, world: w }) => {
    const eid = await createMeetingEvent(w);
    const path = `${w.base}/events/${eid}/questionnaire`;
    const qn = (
      await w.admin.browser.post<{ questionnaire: QuestionnaireBody }>(`${path}/template`, {
        template: "training",
      })
    ).body.questionnaire;
    await w.admin.browser.put(path, { ...qn, open: true });
    const publicApi = `/api/public/questionnaires/${qn.publicPath?.slice(3)}`;
    const script = anonymous(server.origin);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await script.post(publicApi, { answers: { q2: 5, q3: 5 } })).status);
    expect(statuses[0]).toBe(201);
    expect(new Set(statuses.slice(1, 60))).toEqual(new Set([409]));
    const last = await script.post<{ error: { code: string } }>(publicApi, { answers: { q2: 5, q3: 5 } });
    expect(statuses[60]).toBe(429);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("feed the 年度's satisfaction indicators from the held events' answers, pooled by who answered", async ({
    server,
    world: w,
  }) => {
    const answerAll = async (eid: string, template: string, points: number[]) => {
      const path = `${w.base}/events/${eid}/questionnaire`;
      const qn = (
        await w.admin.browser.post<{ questionnaire: QuestionnaireBody }>(`${path}/template`, { template })
      ).body.questionnaire;
      await w.admin.browser.put(path, { ...qn, open: true });
      const sat = qn.questions.find((q) => q.measure === "satisfaction")?.id ?? "";
      const acp = qn.questions.find((q) => q.measure === "acpTalk")?.id;
      for (const p of points) {
        const answers: Record<string, unknown> = {};
        for (const q of qn.questions) if (q.type === "scale") answers[q.id] = 3;
        answers[sat] = p;
        if (acp) answers[acp] = 0;
        const res = await anonymous(server.origin).post(
          `/api/public/questionnaires/${qn.publicPath?.slice(3)}`,
          {
            answers,
          },
        );
        expect(res.status).toBe(201);
      }
    };
    const hold = (eid: string) => w.admin.browser.post(`${w.base}/events/${eid}/status`, { status: "held" });
    const june = await createMeetingEvent(w, { title: "6月 つむぐ会" });
    const january = await createMeetingEvent(w, {
      title: "1月 つむぐ会",
      startsAt: "2026-01-19T18:30",
      endsAt: null,
    });
    const lecture = await createMeetingEvent(w, {
      kind: "publicLecture",
      audience: "residents",
      title: "市民公開講座",
      startsAt: "2025-11-16T13:30",
      endsAt: null,
    });
    const planned = await createMeetingEvent(w, {
      title: "次回",
      startsAt: "2026-02-20T18:30",
      endsAt: null,
    });
    await answerAll(june, "training", [5, 4, 3]);
    await answerAll(january, "trainingPrePost", [2]);
    await answerAll(lecture, "publicLecture", [5, 5, 4, 4]);
    await answerAll(planned, "training", [1, 1]);
    for (const e of [june, january, lecture]) expect((await hold(e)).status).toBe(200);

    type Listing = {
      indicators: { id: string; code: string; derived: string | null; kind: string }[];
      values: { indicatorId: string; fiscalYear: number; value: number; note: string }[];
    };
    const list = await w.observer.browser.get<Listing>(`${w.base}/indicators`);
    const of = (code: string) => {
      const indicator = list.body.indicators.find((i) => i.code === code);
      return list.body.values
        .filter((v) => v.indicatorId === indicator?.id)
        .map((v) => [v.fiscalYear, v.value, v.note]);
    };
    expect(list.body.indicators.find((i) => i.code === "P12")).toMatchObject({
      derived: "trainingSatisfaction",
      kind: "score",
    });
    // (5 + 4 + 3 + 2) ÷ 4 answers; the planned event's answers wait until it is held.
    expect(of("P12")).toEqual([[2025, 3.5, "回答4件・2回"]]);
    expect(of("P13")).toEqual([[2025, 4.5, "回答4件・1回"]]);
  });

  it("take answers written on paper from the organisers, closed or open, checked alike", async ({
    server,
    world: w,
  }) => {
    const eid = await createMeetingEvent(w, {
      kind: "publicLecture",
      audience: "residents",
      title: "市民公開講座",
    });
    const path = `${w.base}/events/${eid}/questionnaire`;
    expect((await w.admin.browser.post(`${path}/answers`, { answers: { q2: 5 } })).status).toBe(404);
    await w.admin.browser.post(`${path}/template`, { template: "publicLecture" });
    // Closed: the public link refuses, the organisers still type in the paper forms.
    const wrong = await w.member.browser.post<{ error: { fields: Record<string, string> } }>(
      `${path}/answers`,
      {
        answers: { q2: 7 },
      },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({
      "answers.q2": "format",
      "answers.q3": "required",
      "answers.q5": "required",
    });
    for (const n of [1, 2]) {
      const res = await w.member.browser.post<{ answers: number }>(`${path}/answers`, {
        answers: { q2: 4, q3: 4, q5: 1, q8: "紙で回答しました" },
      });
      expect(res.status).toBe(201);
      expect(res.body.answers).toBe(n);
    }
    expect(
      (await w.observer.browser.post(`${path}/answers`, { answers: { q2: 4, q3: 4, q5: 1 } })).status,
    ).toBe(403);
    expect(
      (await w.outsider.browser.post(`${path}/answers`, { answers: { q2: 4, q3: 4, q5: 1 } })).status,
    ).toBe(403);
    const results = await w.observer.browser.get<{ results: Results }>(`${path}/results`);
    expect(results.body.results.answers).toBe(2);
    expect(
      (
        await server.ctx.db.all<{ n: number }>(
          "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'event.questionnaire_paper_entered'",
        )
      )[0].n,
    ).toBe(2);
  });

  it("take one answer per registration when the link comes from the registrant's own page, on any device", async ({
    server,
    world: w,
  }) => {
    server.ctx.config.publicForms.minFillMs = 0;
    const eid = await createMeetingEvent(w, {
      kind: "publicLecture",
      audience: "residents",
      title: "市民公開講座",
      capacity: 10,
      startsAt: "2030-11-03T13:30",
      endsAt: null,
    });
    const opened = await w.admin.browser.patch<{ event: { publicPath: string } }>(`${w.base}/events/${eid}`, {
      published: true,
      registrationOpen: true,
    });
    const [, , lg, , pid] = opened.body.event.publicPath.split("/");
    const api = `/api/public/events/${lg}/${pid}`;
    const registrant = anonymous(server.origin);
    const form = await registrant.get<{ formToken: string }>(api);
    const registered = await registrant.post<{ path: string }>(`${api}/registrations`, {
      name: "山田 花子",
      organisation: "",
      profession: "resident",
      contact: "04-7150-6000",
      consent: true,
      formToken: form.body.formToken,
    });
    expect(registered.status).toBe(201);
    const token = registered.body.path.split("/r/")[1];

    const path = `${w.base}/events/${eid}/questionnaire`;
    const qn = (
      await w.admin.browser.post<{ questionnaire: QuestionnaireBody }>(`${path}/template`, {
        template: "publicLecture",
      })
    ).body.questionnaire;
    await w.admin.browser.put(path, { ...qn, open: true });
    const publicApi = `/api/public/questionnaires/${qn.publicPath?.slice(3)}`;
    const answers = { q2: 5, q3: 4, q5: 0 };
    expect((await anonymous(server.origin).post(publicApi, { answers, registrant: token })).status).toBe(201);
    // The same registration from another phone: refused; a made-up or another event's token: refused.
    const again = await anonymous(server.origin).post<{ error: { code: string } }>(publicApi, {
      answers,
      registrant: token,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("questionnaire.alreadyAnswered");
    const forged = await anonymous(server.origin).post<{ error: { fields: Record<string, string> } }>(
      publicApi,
      {
        answers,
        registrant: "a".repeat(32),
      },
    );
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields).toEqual({ registrant: "unknown" });
    // Nothing stored leads back to the registration: the key is made from the token, not its id.
    const participant = await server.ctx.db.all<{ id: string; token_hash: string }>(
      "SELECT id, token_hash FROM event_participants WHERE event_id = ?",
      [eid],
    );
    const stored = await server.ctx.db.all<{ device_hash: string }>(
      "SELECT device_hash FROM questionnaire_answers WHERE event_id = ?",
      [eid],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].device_hash).not.toContain(participant[0].id);
    expect(stored[0].device_hash).not.toBe(participant[0].token_hash);
  });
});
