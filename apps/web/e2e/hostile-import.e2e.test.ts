/**
 * A hostile .xlsx in the browser's import: a small file naming a far cell used to keep the page
 * busy for minutes; it is refused at once with a Japanese message, and the page stays usable.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { loggedInPage } from "./pages.js";

const it = e2eTest();

describe("importing a hostile workbook", () => {
  it("refuses a far cell with a Japanese message instead of hanging the page", async ({
    server,
    browser,
  }) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("取組一覧");
    ws.getCell("A1").value = "指標コード";
    ws.getCell("XFD1048576").value = "遠いセル";
    const file = join(tmpdir(), `tsumugi-far-cell-${Date.now()}.xlsx`);
    writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));

    const { page, context } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicators-view-import").click();
    await page.getByTestId("indicator-import-file").setInputFiles(file);
    const banner = page.locator(".error-banner");
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toContain("シートの行数または列数が多すぎます");
    // Still responsive: another view opens.
    await page.getByTestId("indicators-view-trend").click();
    await page.getByTestId("trend-select").waitFor();
    await context.close();
  });
});
