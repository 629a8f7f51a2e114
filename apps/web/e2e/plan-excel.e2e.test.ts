import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage, waitForSyncState } from "./pages.js";

const it = e2eTest();

const dir = mkdtempSync(join(tmpdir(), "tsumugi-excel-"));

async function openActions(page: Page): Promise<void> {
  await page.getByTestId("tab-plans").click();
  await page.getByTestId("plan-link-2023").click();
  await page.getByTestId("plan-view-actions").click();
  await waitForSyncState(page, "saved");
  await page.getByTestId("action-row").first().waitFor();
}

async function actionTitles(page: Page): Promise<string[]> {
  const inputs = page.getByTestId("action-title");
  const out: string[] = [];
  for (let i = 0; i < (await inputs.count()); i++) out.push(await inputs.nth(i).inputValue());
  return out;
}

describe("Excel export and import in the browser", () => {
  it("exports a workbook whose cells hold the plan in the filed layouts", async ({ server, browser }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await openActions(page);
    await page.getByTestId("plan-export").click();
    await page.getByTestId("export-dialog").waitFor();
    // The 年次計画表 from 令和4年度 to 令和7年度: later years before their plans exist.
    await page.getByTestId("papers-xlsx").and(page.locator(":enabled")).waitFor();
    await page.getByTestId("papers-from").selectOption("2022");
    await page.getByTestId("papers-to").selectOption("2025");
    await page.getByTestId("papers-created").fill("2023-05-25");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("papers-xlsx").click(),
    ]);
    expect(download.suggestedFilename()).toBe("令和5年度 在宅医療・介護連携推進事業計画_千葉県流山市.xlsx");
    const file = join(dir, "plan.xlsx");
    await download.saveAs(file);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "表紙",
      "理念・めざすべき姿",
      "4つの場面",
      "目標一覧",
      "事業項目表",
      "年次計画表",
      "年間予定",
      "組織図",
      "課題一覧",
      "取組一覧",
    ]);

    const cover = wb.getWorksheet("表紙") as ExcelJS.Worksheet;
    expect(cover.getCell("A8").value).toBe("令和5年度");
    expect(cover.getCell("A23").value).toEqual(new Date(Date.UTC(2023, 4, 25)));

    const items = wb.getWorksheet("事業項目表") as ExcelJS.Worksheet;
    expect(items.getCell("A1").value).toBe("令和5年度 千葉県 流山市 事業項目別の取組");
    expect(items.getCell("A1").isMerged).toBe(true);
    const itemE = items.getRow(7);
    expect(itemE.getCell(1).value).toBe("（オ） 在宅医療・介護連携に関する相談支援");
    expect(itemE.getCell(2).value).toBe("・在宅医療介護連携の相談窓口の周知");
    expect(itemE.getCell(3).value).toBe("1-④");
    expect(itemE.getCell(4).value).toBe("事務局");

    const schedule = wb.getWorksheet("年間予定") as ExcelJS.Worksheet;
    const rowOf = (ws: ExcelJS.Worksheet, first: string) =>
      (ws.getRows(1, ws.rowCount) ?? []).find((r) => r.getCell(1).value === first) as ExcelJS.Row;
    expect(rowOf(schedule, "計画期間").getCell(2).value).toBe("平成30年度");
    const meetings = rowOf(schedule, "連携会議");
    expect(schedule.getCell(meetings.number - 2, 2).value).toBe("令和5年度");
    // The demo's 連携会議 row is the seed's: dated cells with no words, written as Excel dates
    // shown with their 曜日 (5/25（木）).
    for (const [column, date] of [
      [3, "2023-05-25"],
      [11, "2024-01-25"],
    ] as const) {
      const cell = meetings.getCell(column);
      expect(cell.value).toEqual(new Date(`${date}T00:00:00Z`));
      expect(cell.numFmt).toBe('[$-411]m"/"d"（"aaa"）"');
    }

    const years = wb.getWorksheet("年次計画表") as ExcelJS.Worksheet;
    expect(years.getRow(2).values).toEqual([
      undefined,
      "事業項目",
      "目的",
      "国が示す具体的取組例",
      "令和4年度",
      "令和5年度",
      "令和6年度",
      "令和7年度",
    ]);

    const actions = wb.getWorksheet("取組一覧") as ExcelJS.Worksheet;
    expect(actions.getColumn(1).hidden).toBe(true);
    const header = actions.getRow(2).values as unknown[];
    const row = actions
      .getRows(3, actions.rowCount - 2)
      ?.find((r) => r.getCell(header.indexOf("取組")).value === "消防との情報交換の実施");
    expect(row?.getCell(header.indexOf("開始")).value).toEqual(new Date(Date.UTC(2023, 6, 1)));
    expect(row?.getCell(header.indexOf("状況")).value).toBe("完了");
    expect(row?.getCell(header.indexOf("場面")).value).toBe("急変時の対応");
  }, 60_000);

  it("refuses a file with errors, writing nothing, and imports a clean one", async ({ server, browser }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await openActions(page);
    const before = await actionTitles(page);

    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      [
        "取組,場面,事業項目,担当グループ,開始,終了,状況,進捗(%)",
        "ACP研修（Zoom）,看取り,カ,専門職研修班,2023-10,2023-12,実施中,30",
        "救急隊との合同訓練,急変,ケ,消防部会,2023-11,2023-09,済み,150",
      ].join("\n"),
    );
    await page.getByTestId("plan-import").click();
    await page.getByTestId("import-file").setInputFiles(bad);
    await page.getByTestId("import-errors").waitFor();
    const errors = await page.getByTestId("import-error").allInnerTexts();
    expect(errors.length).toBe(6);
    expect(errors.join("\n")).toContain("3 行目");
    expect(errors.join("\n")).toContain("「消防部会」というグループはありません");
    expect(await page.getByTestId("import-confirm").isDisabled()).toBe(true);
    await page.getByTestId("import-close").click();
    await page.reload();
    await waitForSyncState(page, "saved");
    await page.getByTestId("action-row").first().waitFor();
    expect(await actionTitles(page)).toEqual(before);

    const good = join(dir, "good.csv");
    writeFileSync(
      good,
      [
        "取組,場面,事業項目,担当グループ,開始,終了,状況,進捗(%)",
        "ACP研修（Zoom）,看取り,カ,専門職研修班,2023-10,2023-12,実施中,30",
        "救急隊との合同訓練,急変時の対応,ウ,多職種連携・体制構築部会,令和5年11月,令和6年2月,未着手,0",
      ].join("\n"),
    );
    await page.getByTestId("plan-import").click();
    await page.getByTestId("import-file").setInputFiles(good);
    await page.getByTestId("import-preview").waitFor();
    expect(await page.getByTestId("import-errors").count()).toBe(0);
    await page.getByTestId("import-confirm").click();
    await page.getByTestId("import-done").waitFor();
    await page.getByTestId("import-close").click();
    await eventually(async () => {
      const now = await actionTitles(page);
      return now.length === before.length + 2 && now.includes("救急隊との合同訓練");
    }, "the imported rows in the list");
    await waitForSyncState(page, "saved");
    const row = page.getByTestId("action-row").last();
    expect(await row.getByTestId("action-group").inputValue()).not.toBe("");
  }, 60_000);
});
