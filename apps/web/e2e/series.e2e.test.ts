/**
 * A series page in the browser: the demo's 介護と医療をつむぐ会 rolled up per 年度 — events held,
 * participants (total and per event) and mean satisfaction in a table beside the chart, then the
 * participants of each 年度 by 職種 as a stacked chart with its table. Looked at on a projector
 * (1366×768) and a phone (390×844), axe clean. Screens are saved under SHOTS_DIR when set.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./axe.js";
import { e2eTest, saveShot } from "./harness.js";
import { loggedInPage } from "./pages.js";
import { loggedInPhone, narrowProblems, workspaceIdOf } from "./room-pages.js";

const it = e2eTest();

/** The body rows of a table, each as its cells' texts. */
const rowsOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())),
    );

async function openSeries(page: Page): Promise<void> {
  const wid = workspaceIdOf(page);
  await page.goto(`/w/${wid}?tab=events&eview=series`);
  await page.getByTestId("series-link").filter({ hasText: "介護と医療をつむぐ会" }).click();
  await page.getByTestId("series-page").waitFor();
  await page.getByTestId("series-years-professions").waitFor();
  await page.locator(".series-pair .recharts-bar-rectangle").first().waitFor();
}

describe("a series page", () => {
  it("rolls the series up per 年度 with tables beside the charts", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.setViewportSize({ width: 1366, height: 768 });
    const wid = workspaceIdOf(page);
    await openSeries(page);

    const years = await rowsOf(page, "series-years");
    expect(years.map((r) => r[0])).toEqual(["令和3年度", "令和4年度", "令和5年度", "令和6年度", "令和7年度"]);
    // Two つむぐ会 a year, participants falling (seed 003).
    expect(years.every((r) => r[1] === "2")).toBe(true);
    const totals = years.map((r) => Number(r[2]));
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeLessThan(totals[i - 1]);
    // Satisfaction where the demo has answers (令和5–7年度), as the server pools it.
    const sid = new URL(page.url()).pathname.split("/").at(-1);
    const rollup = await page.evaluate(
      async ({ w, sid }) => {
        const body = (await (await fetch(`/api/workspaces/${w}/event-series/${sid}`)).json()) as {
          years: { fiscalYear: number; answers: number; satisfaction: number | null }[];
        };
        return body.years;
      },
      { w: wid, sid },
    );
    expect(rollup.filter((y) => y.satisfaction !== null).map((y) => y.fiscalYear)).toEqual([
      2023, 2024, 2025,
    ]);
    for (const y of rollup) {
      const row = years.find((r) => r[0] === `令和${y.fiscalYear - 2018}年度`);
      expect(row?.[4]).toBe(String(y.answers));
      expect(row?.[5]).toBe(
        y.satisfaction === null ? "—" : (Math.round(y.satisfaction * 10) / 10).toFixed(1),
      );
    }
    expect(years[0][5]).toBe("—");

    // By 職種: each 年度's columns add up to its participants.
    const byProfession = await rowsOf(page, "series-years-professions");
    expect(byProfession.map((r) => r[0])).toEqual(years.map((r) => r[0]));
    for (const [i, r] of byProfession.entries()) {
      const sum = r.slice(1, -1).reduce((n, x) => n + Number(x), 0);
      expect(sum).toBe(Number(r.at(-1)));
      expect(Number(r.at(-1))).toBe(totals[i]);
    }
    const header = await page.getByTestId("series-years-professions").locator("thead").innerText();
    expect(header).toContain("介護支援専門員");
    // Chart and table side by side on the projector.
    const chart = await page.locator(".series-pair").nth(1).locator("figure").boundingBox();
    const table = await page.getByTestId("series-years-professions").boundingBox();
    expect(chart && table && table.x > chart.x + chart.width - 1).toBe(true);
    // The secretariat may rename and describe the series (its abilities), behind a closed card.
    expect(await page.getByTestId("series-edit").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await saveShot(page, "series-1366");
    await context.close();
  });

  it("reads on a phone, each table below its chart", async ({ server, browser }) => {
    const { context, page } = await loggedInPhone(browser, server, "千葉県（閲覧）");
    await openSeries(page);
    const chart = await page.locator(".series-pair").nth(1).locator("figure").boundingBox();
    const table = await page.getByTestId("series-years-professions").boundingBox();
    expect(chart && table && table.y >= chart.y + chart.height - 1).toBe(true);
    // A read-only account is offered no change to the series.
    expect(await page.getByTestId("series-edit").count()).toBe(0);
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await saveShot(page, "series-390");
    await context.close();
  });

  it("is described anew by the secretariat, from the series' abilities", async ({ server, browser }) => {
    const { context, page } = await loggedInPhone(browser, server, "事務局");
    await openSeries(page);
    const edit = page.getByTestId("series-edit");
    await edit.locator("summary").click();
    await edit.getByTestId("series-description").fill("医療と介護の専門職が年2回集まる会");
    await edit.getByTestId("series-submit").click();
    await page.getByText("医療と介護の専門職が年2回集まる会", { exact: true }).waitFor();
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await saveShot(page, "series-edit-390");
    await context.close();
  });
});
