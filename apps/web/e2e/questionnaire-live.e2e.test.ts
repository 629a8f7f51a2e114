/**
 * Questionnaire results live, and by source: the secretariat keeps an event's results open while
 * a participant answers on a phone (390×844, another browser context, no login): the count, the
 * figures and the question's chart change without a reload. A paper form typed in is counted
 * apart; the results filter phones and paper, and the downloads follow the filter. Screens are
 * saved under SHOTS_DIR when set.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./axe.js";
import { e2eTest, saveShot } from "./harness.js";
import { callApi, loggedInPage, phoneContext } from "./pages.js";
import { narrowProblems, workspaceIdOf } from "./room-pages.js";

/** The top of the results (the source choice, the figures, the first charts). */
async function resultsShot(page: Page, name: string): Promise<void> {
  const box = await page.getByTestId("qn-results").boundingBox();
  if (!box) return;
  const width = page.viewportSize()?.width ?? 1366;
  await saveShot(page, name, {
    clip: {
      x: 0,
      y: box.y + (await page.evaluate(() => window.scrollY)) - 8,
      width,
      height: Math.min(box.height + 16, 900),
    },
  });
}

const it = e2eTest();

/** The numbers drawn beside the bars of a question's chart (bars of none have none). */
const barLabels = (page: Page, questionId: string) =>
  page
    .getByTestId(`qn-result-${questionId}`)
    .locator(".recharts-label-list text")
    .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? "").trim()));

/** The count in the table beside a question's chart, for one choice. */
const countOf = (page: Page, questionId: string, choice: string) =>
  page
    .getByTestId(`qn-result-${questionId}`)
    .getByRole("row", { name: choice })
    .getByRole("cell")
    .first()
    .innerText();

describe("questionnaire results live and by source", () => {
  it("follow a phone's answer without a reload, and count paper apart", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.setViewportSize({ width: 1366, height: 768 });
    const wid = workspaceIdOf(page);
    const base = `/api/workspaces/${wid}/events`;
    const { event } = await callApi<{ event: { id: string } }>(page, "POST", base, {
      kind: "multidisciplinary",
      title: "第32回 介護と医療をつむぐ会",
      startsAt: "2026-07-13T18:30",
      audience: "professionals",
    });
    const { questionnaire } = await callApi<{ questionnaire: { publicPath: string } }>(
      page,
      "POST",
      `${base}/${event.id}/questionnaire/template`,
      { template: "training" },
    );
    await callApi(page, "PUT", `${base}/${event.id}/questionnaire`, { ...questionnaire, open: true });
    // Held: its answers count towards 多職種研修 満足度 (P12) of its 年度.
    await callApi(page, "POST", `${base}/${event.id}/status`, { status: "held" });
    const eid = event.id;
    const answerPath = questionnaire.publicPath;
    await page.goto(`/w/${wid}/events/${eid}?etab=questionnaire`);
    await page.getByTestId("qn-results").waitFor();
    expect(await page.getByTestId("qn-answer-count").innerText()).toBe("0件");

    // The same person has the indicators open in another tab: P12 of 令和8年度, empty so far.
    const indicators = await context.newPage();
    await indicators.setViewportSize({ width: 1366, height: 768 });
    await indicators.goto(`/w/${wid}?tab=indicators`);
    const p12 = indicators.locator('[data-testid="indicator-row"][data-code="P12"]');
    await p12.waitFor();
    const headers = await indicators
      .locator("table:has([data-testid=indicator-row]) thead th")
      .allInnerTexts();
    const column = headers.findIndex((h) => h.trim() === "令和8年度");
    expect(column).toBeGreaterThan(0);
    const p12Now = () => p12.locator("th, td").nth(column).innerText();
    expect((await p12Now()).trim()).toBe("");

    // Another person, on a phone, answers through the link.
    const { context: phone, page: p } = await phoneContext(browser, server);
    await p.goto(answerPath);
    await p.getByTestId("answer-page").waitFor();
    await p.getByTestId("question-q1").getByText("看護師", { exact: true }).click();
    await p.getByTestId("question-q2").getByText("満足", { exact: true }).click();
    await p.getByTestId("question-q3").getByText("おおむね理解できた").click();
    await p.getByTestId("answer-submit").click();
    await p.getByTestId("answer-done").waitFor();

    // The organiser's page, untouched: the count, the figures and the chart follow.
    await expect.poll(() => page.getByTestId("qn-answer-count").innerText(), { timeout: 15_000 }).toBe("1件");
    expect(await page.getByTestId("qn-satisfaction").innerText()).toBe("5.0（5段階）");
    expect(await page.getByTestId("qn-by-source").innerText()).toBe("スマートフォン等 1件・紙 0件");
    await expect.poll(() => barLabels(page, "q2")).toEqual(["1"]);
    expect(await countOf(page, "q2", "5：満足")).toBe("1");
    await resultsShot(page, "questionnaire-live-1366");
    // …and so does the satisfaction indicator in the other tab.
    await expect.poll(() => p12Now(), { timeout: 15_000 }).toMatch(/^5(\.0+)?$/);

    // A paper form typed in is counted apart.
    await page.getByTestId("qn-paper-open").click();
    const entry = page.getByTestId("qn-paper-entry");
    await entry.getByTestId("question-q2").getByText("どちらともいえない").click();
    await entry.getByTestId("question-q3").getByText("おおむね理解できた").click();
    await entry.getByTestId("qn-paper-submit").click();
    await expect
      .poll(() => page.getByTestId("qn-by-source").innerText())
      .toBe("スマートフォン等 1件・紙 1件");
    await expect.poll(() => barLabels(page, "q2")).toEqual(["1", "1"]);
    expect(await countOf(page, "q2", "3：どちらともいえない")).toBe("1");
    expect(await page.getByTestId("qn-satisfaction").innerText()).toBe("4.0（5段階）");

    // Paper only: the figures, the chart and the downloads follow the choice.
    const sources = page.getByTestId("qn-source");
    expect(await sources.innerText()).toMatch(
      /すべて\s*2件[\s\S]*スマートフォン等\s*1件[\s\S]*紙（入力分）\s*1件/,
    );
    await sources.getByLabel(/紙（入力分）/).check();
    await expect.poll(() => page.getByTestId("qn-answer-count").innerText()).toBe("1件");
    expect(await page.getByTestId("qn-figures").innerText()).toContain("回答数（紙）");
    expect(await page.getByTestId("qn-satisfaction").innerText()).toBe("3.0（5段階）");
    await expect.poll(() => barLabels(page, "q2")).toEqual(["1"]);
    expect(await countOf(page, "q2", "5：満足")).toBe("0");
    expect(await countOf(page, "q2", "3：どちらともいえない")).toBe("1");
    expect(await page.getByTestId("qn-csv").getAttribute("href")).toMatch(/answers\.csv\?source=paper$/);
    const csv = await page.evaluate(
      async (href) => (await fetch(href)).text(),
      (await page.getByTestId("qn-csv").getAttribute("href")) ?? "",
    );
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("回答方法");
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(["紙"]);
    expect(await seriousViolations(page)).toEqual([]);
    await resultsShot(page, "questionnaire-paper-only-1366");

    // A second phone answers while paper only is shown: the choice stays, the counts follow.
    const { context: phone2, page: p2 } = await phoneContext(browser, server);
    await p2.goto(answerPath);
    await p2.getByTestId("question-q2").getByText("やや満足").click();
    await p2.getByTestId("question-q3").getByText("おおむね理解できた").click();
    await p2.getByTestId("answer-submit").click();
    await p2.getByTestId("answer-done").waitFor();
    await expect.poll(() => sources.innerText(), { timeout: 15_000 }).toMatch(/スマートフォン等\s*2件/);
    expect(await page.getByTestId("qn-answer-count").innerText()).toBe("1件");

    // The same results on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await sources.getByLabel(/すべて/).check();
    await expect.poll(() => page.getByTestId("qn-answer-count").innerText()).toBe("3件");
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await resultsShot(page, "questionnaire-live-390");
    await phone.close();
    await phone2.close();
    await context.close();
  });
});
