import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage, waitForSyncState } from "./pages.js";

const it = e2eTest();

type Point = { fiscalYear: number; value: number };
const pointsOf = async (page: Page, selector: string): Promise<Point[]> =>
  JSON.parse((await page.locator(selector).first().getAttribute("data-points")) ?? "[]");

describe("indicator charts", () => {
  it("plot the entered values: 自宅死の割合 from numerator and denominator, in its table too", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicator-grid").waitFor();
    const wid = new URL(page.url()).pathname.split("/")[2];
    const api = await page.evaluate(
      async (w) => (await fetch(`/api/workspaces/${w}/indicators`)).json(),
      wid,
    );
    const o01 = api.indicators.find((i: { code: string }) => i.code === "O01");
    const expected = api.values
      .filter((v: { indicatorId: string; month: number }) => v.indicatorId === o01.id && v.month === 0)
      .map((v: { fiscalYear: number; numerator: number; denominator: number }) => ({
        fiscalYear: v.fiscalYear,
        value: Math.round((v.numerator / v.denominator) * 1000) / 10,
      }));
    expect(expected).toHaveLength(5);

    await page.getByTestId("indicators-view-trend").click();
    await page.getByTestId("trend-select").selectOption(o01.id);
    await page.locator(".recharts-line-dots circle").first().waitFor();
    expect(await pointsOf(page, '[data-testid="trend-chart"] .trend-plot')).toEqual(expected);
    // One dot per entered year on the value line, and the same figures in the table.
    expect(
      await page.locator('[data-testid="trend-chart"] .recharts-line-dots').first().locator("circle").count(),
    ).toBe(5);
    const cells = await page.getByTestId("trend-table").locator("tbody tr").allInnerTexts();
    expect(cells[0]).toContain(`令和元年度\t${expected[0].value}\t15`);
    for (const p of expected) expect(p.value).toBeGreaterThan(10);
  }, 60_000);

  it("download the trend as CSV from the project's one writer: BOM, header, the chart's figures", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicator-grid").waitFor();
    const wid = new URL(page.url()).pathname.split("/")[2];
    const api = await page.evaluate(
      async (w) => (await fetch(`/api/workspaces/${w}/indicators`)).json(),
      wid,
    );
    const o01 = api.indicators.find((i: { code: string }) => i.code === "O01");
    await page.getByTestId("indicators-view-trend").click();
    await page.getByTestId("trend-select").selectOption(o01.id);
    await page.locator(".recharts-line-dots circle").first().waitFor();
    const plotted = await pointsOf(page, '[data-testid="trend-chart"] .trend-plot');

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("chart-csv").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`O01_${o01.name}.csv`);
    const path = await download.path();
    const bytes = readFileSync(path);
    // A BOM so that Excel opens it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^年度,/);
    const rows = lines.slice(1).map((l) => l.split(","));
    // Every plotted figure is in the file, in the year's row, as a number (never a formula).
    for (const p of plotted) {
      const row = rows.find((r) => Number(r[1]) === p.value);
      expect(row, `value ${p.value}`).toBeDefined();
    }
    for (const r of rows) expect(r.join(",")).not.toMatch(/^[=+\-@]/);
    await context.close();
  }, 60_000);

  it("linked from the plan, follow a value entered by someone else without a reload", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    await doctor.page.getByTestId("tab-plans").click();
    await doctor.page.getByTestId("plan-link-2023").click();
    await waitForSyncState(doctor.page, "saved");
    const chart = '[data-testid="scene-endOfLife"] [data-testid="linked-chart"][data-code="O03"] .trend-plot';
    await doctor.page.locator(chart).waitFor();
    const before = await pointsOf(doctor.page, chart);
    expect(before.map((p) => p.fiscalYear)).toEqual([2019, 2020, 2021, 2022, 2023]);

    const secretariat = await loggedInPage(browser, server, "事務局");
    await secretariat.page.getByTestId("tab-indicators").click();
    const row = secretariat.page.locator('[data-testid="indicator-row"][data-code="O03"]');
    const input = row.getByLabel("在宅看取り数 令和6年度");
    await input.fill("61");
    await input.press("Enter");

    await eventually(
      async () => {
        const points = await pointsOf(doctor.page, chart);
        return points.some((p) => p.fiscalYear === 2024 && p.value === 61);
      },
      "the new value in the doctor's chart",
      15_000,
    );
  }, 90_000);

  it("refuse an import with errors, writing nothing", async ({ server, browser }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicators-view-import").click();
    const file = join(tmpdir(), `tsumugi-indicators-${Date.now()}.csv`);
    writeFileSync(file, "指標コード,年度,値\nS04,令和6年度,17\nZZ9,2024,3\nS01,2024,たくさん\n");
    await page.getByTestId("indicator-import-file").setInputFiles(file);
    await page.getByTestId("indicator-import-errors").waitFor();
    const errors = await page.getByTestId("indicator-import-error").allInnerTexts();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain("3 行目");
    expect(errors[0]).toContain("この指標コードはありません");
    expect(await page.getByTestId("indicator-import-confirm").isDisabled()).toBe(true);
    const wid = new URL(page.url()).pathname.split("/")[2];
    const api = await page.evaluate(
      async (w) => (await fetch(`/api/workspaces/${w}/indicators`)).json(),
      wid,
    );
    const s04 = api.indicators.find((i: { code: string }) => i.code === "S04").id;
    expect(
      api.values.some(
        (v: { indicatorId: string; fiscalYear: number }) => v.indicatorId === s04 && v.fiscalYear === 2024,
      ),
    ).toBe(false);
  }, 60_000);
});
