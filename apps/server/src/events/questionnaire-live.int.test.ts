/**
 * Questionnaire answers by where they came from (phones through the link, paper typed in by
 * the organisers), and the live stream that tells open results and indicator charts an answer
 * arrived. Real server, real streaming fetch.
 */
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { streamTest as it } from "../testing/event-streams.js";
import { TestBrowser } from "../testing/http-client.js";
import { personElsewhere, type WorkspaceWorld } from "../testing/workspace-world.js";

type QuestionnaireBody = {
  questions: { id: string; type: string; options: string[]; measure: string | null }[];
  publicPath: string | null;
};
type Results = {
  source: string;
  sources: { phone: number; paper: number };
  answers: number;
  measures: { satisfaction: number | null };
};

/** A held training with the 研修アンケート open; its answering path and a valid answer. */
async function openQuestionnaire(w: WorkspaceWorld) {
  const created = await w.admin.browser.post<{ event: { id: string } }>(`${w.base}/events`, {
    kind: "multidisciplinary",
    title: "第30回 介護と医療をつむぐ会",
    startsAt: "2025-06-30T18:30",
    audience: "professionals",
    organiserGroupIds: [w.groupId],
  });
  const eid = created.body.event.id;
  const path = `${w.base}/events/${eid}/questionnaire`;
  const qn = (
    await w.admin.browser.post<{ questionnaire: QuestionnaireBody }>(`${path}/template`, {
      template: "training",
    })
  ).body.questionnaire;
  await w.admin.browser.put(path, { ...qn, open: true });
  await w.admin.browser.post(`${w.base}/events/${eid}/status`, { status: "held" });
  const satisfaction = qn.questions.find((q) => q.measure === "satisfaction")?.id ?? "";
  const answer = (points: number) => {
    const answers: Record<string, unknown> = {};
    for (const q of qn.questions) if (q.type === "scale") answers[q.id] = 3;
    answers[satisfaction] = points;
    return { answers };
  };
  return { eid, path, publicApi: `/api/public/questionnaires/${qn.publicPath?.slice(3)}`, answer };
}

describe("questionnaire answers by source and live", () => {
  it("count phone and paper answers apart, filter by source, and carry the source in the CSV and Excel", async ({
    server,
    world: w,
  }) => {
    const { path, publicApi, answer } = await openQuestionnaire(w);
    for (const p of [5, 4])
      expect((await new TestBrowser(server.origin).post(publicApi, answer(p))).status).toBe(201);
    expect((await w.member.browser.post(`${path}/answers`, answer(1))).status).toBe(201);

    const all = await w.observer.browser.get<{ results: Results }>(`${path}/results`);
    expect(all.body.results).toMatchObject({ source: "all", sources: { phone: 2, paper: 1 }, answers: 3 });
    expect(all.body.results.measures.satisfaction).toBeCloseTo(10 / 3);
    const paper = await w.observer.browser.get<{ results: Results }>(`${path}/results?source=paper`);
    expect(paper.body.results).toMatchObject({
      source: "paper",
      sources: { phone: 2, paper: 1 },
      answers: 1,
    });
    expect(paper.body.results.measures.satisfaction).toBe(1);
    const phone = await w.observer.browser.get<{ results: Results }>(`${path}/results?source=phone`);
    expect(phone.body.results).toMatchObject({ answers: 2, measures: { satisfaction: 4.5 } });
    const bad = await w.observer.browser.get(`${path}/results?source=fax`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "validation", fields: { source: "unknown" } } });

    const csv = await fetch(`${server.origin}${path}/answers.csv`, {
      headers: { Cookie: w.observer.browser.cookieHeader ?? "" },
    });
    const lines = new TextDecoder()
      .decode(new Uint8Array(await csv.arrayBuffer()))
      .trim()
      .split("\r\n");
    expect(
      lines[0]
        .replace(/^\uFEFF/, "")
        .split(",")
        .slice(0, 3),
    ).toEqual(["回答番号", "回答日時", "回答方法"]);
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual([
      "スマートフォン等",
      "スマートフォン等",
      "紙",
    ]);
    const onlyPaper = await fetch(`${server.origin}${path}/answers.csv?source=paper`, {
      headers: { Cookie: w.observer.browser.cookieHeader ?? "" },
    });
    expect(onlyPaper.headers.get("content-disposition")).toContain(encodeURIComponent("_紙.csv"));
    const paperLines = new TextDecoder()
      .decode(new Uint8Array(await onlyPaper.arrayBuffer()))
      .trim()
      .split("\r\n");
    expect(paperLines).toHaveLength(2);

    const xlsx = await fetch(`${server.origin}${path}/answers.xlsx`, {
      headers: { Cookie: w.admin.browser.cookieHeader ?? "" },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet("回答一覧");
    const values: string[] = [];
    sheet?.eachRow((row) => values.push(String(row.getCell(3).value ?? "")));
    expect(values).toContain("回答方法");
    expect(values.filter((v) => v === "紙")).toHaveLength(1);
    expect(String(book.getWorksheet("集計")?.getRow(1).getCell(1).value)).toContain("回答 3件（うち紙 1件）");
    const audit = await server.ctx.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'event.questionnaire_exported' ORDER BY id",
    );
    expect(audit.map((a) => JSON.parse(a.detail).source)).toEqual(["all", "paper", "all"]);
  });

  it("tell open results and indicator charts when an answer arrives, from a phone or from paper", async ({
    server,
    world: w,
    openStream,
  }) => {
    const { eid, path, publicApi, answer } = await openQuestionnaire(w);
    const results = await openStream(w.observer.browser, `${path}/events`);
    expect(results.status).toBe(200);
    const indicators = await openStream(w.admin.browser, `${w.base}/indicators/events`);

    expect((await new TestBrowser(server.origin).post(publicApi, answer(5))).status).toBe(201);
    await expect
      .poll(() => results.names().includes("changed"), {
        message: "a changed event for the phone answer",
        timeout: 5_000,
      })
      .toBe(true);
    expect(JSON.parse(results.events.find((e) => e.event === "changed")?.data ?? "{}")).toEqual({
      answers: 1,
      sources: ["phone"],
    });
    await expect
      .poll(() => indicators.names().includes("changed"), { message: "the indicators told", timeout: 5_000 })
      .toBe(true);

    expect((await w.admin.browser.post(`${path}/answers`, answer(2))).status).toBe(201);
    await expect
      .poll(
        () => results.events.filter((e) => e.event === "changed").some((e) => e.data?.includes("paper")),
        { message: "a changed event for the paper answer", timeout: 5_000 },
      )
      .toBe(true);
    // A refused answer announces nothing.
    const before = results.events.length;
    expect((await new TestBrowser(server.origin).post(publicApi, { answers: {} })).status).toBe(400);
    expect((await w.admin.browser.get(`${path}/results`)).status).toBe(200);
    expect(results.events.length).toBe(before);

    // Another municipality cannot listen; an event unknown here is not found.
    const other = await personElsewhere(server, { name: "我孫子市", lgCode: "122220" });
    const foreign = await openStream(
      other.browser,
      `/api/workspaces/${other.workspaceId}/events/${eid}/questionnaire/events`,
    );
    expect(foreign.status).toBe(404);
    expect((await openStream(other.browser, `${path}/events`)).status).toBe(404);

    // Logging out ends the stream with an end event, like every other stream.
    await w.observer.browser.post("/api/auth/logout", {});
    await expect.poll(results.ended, { message: "the stream closed at logout", timeout: 5_000 }).toBe(true);
    expect(results.events.at(-1)?.event).toBe("end");
  });
});
