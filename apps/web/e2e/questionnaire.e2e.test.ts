import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest, saveShot } from "./harness.js";
import { callApi, createEvent, loggedInPage, phoneContext } from "./pages.js";
import { narrowProblems, workspaceIdOf } from "./room-pages.js";

// People fill forms in more than a second; the browser here does it at once.
const it = e2eTest({ env: { PUBLIC_FORM_MIN_FILL_SECONDS: "0" } });

/** A multidisciplinary event (多職種研修) for professionals, made through the API; its id. */
async function createMeetingEvent(page: Page, wid: string, title: string, startsAt: string): Promise<string> {
  return createEvent(page, wid, { kind: "multidisciplinary", title, startsAt, audience: "professionals" });
}

describe("questionnaires", () => {
  it("are made from a template, answered on phones without login once per browser, and counted", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    const eid = await createMeetingEvent(page, wid, "第31回 介護と医療をつむぐ会", "2026-02-20T18:30");
    await page.goto(`/w/${wid}/events/${eid}?etab=questionnaire`);
    await page.getByTestId("qn-template-trainingPrePost").click();
    await expect.poll(() => page.getByTestId("qn-state").innerText()).toBe("受付停止中");
    await page.getByTestId("qn-toggle-open").click();
    await expect.poll(() => page.getByTestId("qn-state").innerText()).toBe("受付中");
    await page.getByTestId("qr-code").waitFor();
    const link = new URL(await page.getByTestId("qn-url").innerText());
    expect(link.pathname).toMatch(/^\/q\/[a-z0-9]+$/);

    // A first phone: sends with required questions left, sees where, keeps its choice.
    const a = await phoneContext(browser, server);
    await a.page.goto(link.pathname);
    await a.page.getByTestId("answer-page").waitFor();
    expect(await narrowProblems(a.page)).toEqual({ columns: [], overflow: 0 });
    await a.page.getByTestId("question-q1").getByText("看護師", { exact: true }).click();
    await a.page.getByTestId("question-q2").getByText("どちらともいえない").click();
    await a.page.getByTestId("answer-submit").click();
    await a.page.getByTestId("question-problem").first().waitFor();
    expect(await a.page.getByTestId("question-problem").allInnerTexts()).toEqual([
      "選んでください（必須）。",
      "選んでください（必須）。",
    ]);
    expect(await a.page.getByTestId("question-q2").locator("label.chosen").innerText()).toContain(
      "どちらともいえない",
    );
    await saveShot(a.page, "questionnaire-problems-390");
    await a.page.getByTestId("question-q3").getByText("おおむね理解できた").click();
    await a.page.getByTestId("question-q4").getByText("満足", { exact: true }).click();
    await a.page.locator("[data-testid=question-q7] textarea").fill("退院前カンファレンスで使いたい");
    await a.page.getByTestId("answer-submit").click();
    await expect
      .poll(() => a.page.getByTestId("answer-done").innerText())
      .toContain("ご回答ありがとうございました");
    // The same browser again: already answered.
    await a.page.reload();
    await expect
      .poll(() => a.page.getByTestId("answer-done").innerText())
      .toContain("この端末からは回答済みです");

    // A second phone answers too.
    const b = await phoneContext(browser, server);
    await b.page.goto(link.pathname);
    await b.page.getByTestId("question-q1").getByText("医師", { exact: true }).click();
    await b.page.getByTestId("question-q2").getByText("理解できなかった", { exact: true }).click();
    await b.page.getByTestId("question-q3").getByText("よく理解できた").click();
    await b.page.getByTestId("question-q4").getByText("やや満足").click();
    await b.page.getByTestId("answer-submit").click();
    await b.page.getByTestId("answer-done").waitFor();

    await page.reload();
    await page.getByTestId("qn-results").waitFor();
    const figures = await page.getByTestId("qn-figures").innerText();
    expect(figures).toContain("2件");
    // 満足度: 5 and 4; 理解度 研修前 3 and 1, 研修後 4 and 5.
    expect(figures).toContain("4.5（5段階）");
    expect(figures).toMatch(/理解度（研修前）\s*2\.0（5段階）/);
    expect(figures).toMatch(/理解度（研修後）\s*4\.5（5段階）/);
    expect(await page.getByTestId("qn-by-profession").innerText()).toMatch(/看護師\s+1\s+5\.0\s+4\.0/);
    expect(await page.getByTestId("qn-texts").innerText()).toContain("退院前カンファレンスで使いたい");
    await page.getByTestId("qn-result-q4").locator(".recharts-bar-rectangle").first().waitFor();
    await saveShot(page, "questionnaire-results-1366");

    // Closing stops the answers: a third phone is told so.
    await page.getByTestId("qn-toggle-open").click();
    await expect.poll(() => page.getByTestId("qn-state").innerText()).toBe("受付停止中");
    const c = await phoneContext(browser, server);
    await c.page.goto(link.pathname);
    await expect.poll(() => c.page.getByTestId("answer-done").innerText()).toContain("受付は終了しました");
    // Paper forms that came back are typed in by the organisers, closed or not.
    await page.getByTestId("qn-paper-open").click();
    const entry = page.getByTestId("qn-paper-entry");
    await entry.getByTestId("qn-paper-submit").click();
    await entry.getByTestId("question-problem").first().waitFor();
    await entry.getByTestId("question-q1").getByText("介護支援専門員").click();
    await entry.getByTestId("question-q2").getByText("どちらともいえない").click();
    await entry.getByTestId("question-q3").getByText("おおむね理解できた").click();
    await entry.getByTestId("question-q4").getByText("満足", { exact: true }).click();
    await entry.getByTestId("qn-paper-submit").click();
    await expect.poll(() => page.getByTestId("qn-paper-done").innerText()).toContain("1枚");
    await expect.poll(() => page.getByTestId("qn-figures").innerText()).toContain("3件");
    expect(await entry.locator("label.chosen").count()).toBe(0);
    for (const x of [a, b, c]) await x.context.close();
    await context.close();
  });

  it("show the demo's 市民公開講座 results on a phone without squeezed labels", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    await page.setViewportSize({ width: 390, height: 844 });
    const { events } = await callApi<{ events: { id: string; kind: string }[] }>(
      page,
      "GET",
      `/api/workspaces/${wid}/events`,
    );
    const lecture = events.find((e) => e.kind === "publicLecture")?.id;
    await page.goto(`/w/${wid}/events/${lecture}?etab=questionnaire`);
    await page.getByTestId("qn-results").waitFor();
    expect(await page.getByTestId("qn-figures").innerText()).toContain("ACPを話し合ったことがある人");
    await page.getByTestId("qn-result-q5").locator(".recharts-bar-rectangle").first().waitFor();
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await saveShot(page, "questionnaire-demo-390");
    await context.close();
  });

  it("invite a registrant from their own page to answer once as that registration, on any phone", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    const base = `/api/workspaces/${wid}/events`;
    const { event } = await callApi<{ event: { id: string } }>(page, "POST", base, {
      kind: "publicLecture",
      title: "市民公開講座「在宅医療を知る」",
      startsAt: "2030-11-03T13:30",
      audience: "residents",
      capacity: 100,
    });
    const opened = await callApi<{ event: { publicPath: string } }>(page, "PATCH", `${base}/${event.id}`, {
      published: true,
      registrationOpen: true,
    });
    const { questionnaire } = await callApi<{ questionnaire: { publicPath: string } }>(
      page,
      "POST",
      `${base}/${event.id}/questionnaire/template`,
      { template: "publicLecture" },
    );
    await callApi(page, "PUT", `${base}/${event.id}/questionnaire`, { ...questionnaire, open: true });
    const publicPath = opened.event.publicPath;
    const answerPath = questionnaire.publicPath;

    const a = await phoneContext(browser, server);
    const [, , lg, , pid] = publicPath.split("/");
    await a.page.goto(publicPath);
    const receipt = await a.page.evaluate(
      async ({ lg, pid }) => {
        const api = `/api/public/events/${lg}/${pid}`;
        const detail = await (await fetch(api)).json();
        const res = await fetch(`${api}/registrations`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            name: "山田 花子",
            organisation: "",
            profession: "resident",
            contact: "04-7150-6000",
            consent: true,
            formToken: detail.formToken,
          }),
        });
        return ((await res.json()) as { path: string }).path;
      },
      { lg, pid },
    );
    expect(receipt).toMatch(/\/r\/[a-z2-7]+$/);
    await a.page.goto(receipt);
    await a.page.getByTestId("qn-invite-link").click();
    await a.page.getByTestId("answer-page").waitFor();
    expect(new URL(a.page.url()).pathname).toBe(answerPath);
    await a.page.getByTestId("question-q2").getByText("やや満足").click();
    await a.page.getByTestId("question-q3").getByText("よく理解できた").click();
    await a.page.getByTestId("question-q5").getByText("話し合ったことがある").click();
    await a.page.getByTestId("answer-submit").click();
    await expect
      .poll(() => a.page.getByTestId("answer-done").innerText())
      .toContain("ご回答ありがとうございました");

    // The same registration's link opened on another phone: already answered once.
    const b = await phoneContext(browser, server);
    await b.page.goto(`${answerPath}#r=${receipt.split("/r/")[1]}`);
    await b.page.getByTestId("question-q2").getByText("満足", { exact: true }).click();
    await b.page.getByTestId("question-q3").getByText("よく理解できた").click();
    await b.page.getByTestId("question-q5").getByText("話し合ったことはない").click();
    await b.page.getByTestId("answer-submit").click();
    await expect
      .poll(() => b.page.getByTestId("answer-done").innerText())
      .toContain("この端末からは回答済みです");
    for (const x of [a, b]) await x.context.close();
    await context.close();
  });

  it("are started and edited by the secretariat on a phone without the page growing sideways", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    await page.setViewportSize({ width: 390, height: 844 });
    const eid = await createMeetingEvent(page, wid, "スマートフォンで作るアンケート", "2026-03-06T18:30");
    await page.goto(`/w/${wid}/events/${eid}?etab=questionnaire`);
    // The demo's questionnaires are offered to copy from, each named with its event.
    await page.getByTestId("qn-copy-from").waitFor();
    expect((await narrowProblems(page)).overflow).toBe(0);
    await saveShot(page, "questionnaire-start-390");
    await page.getByTestId("qn-template-training").click();
    await page.getByTestId("qn-edit").click();
    await page.getByTestId("qn-builder").waitFor();
    expect((await narrowProblems(page)).overflow).toBe(0);
    await saveShot(page, "questionnaire-builder-390");
    await context.close();
  });
});
