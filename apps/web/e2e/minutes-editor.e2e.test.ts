/**
 * The minutes editor as a secretary uses it: a visible placeholder, a toolbar (見出し, 太字,
 * 箇条書き, 番号付き, 表, 元に戻す, やり直し), and tables that everyone sees and that the
 * server's exports keep; drafts from the 情報共有シート template are tables.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage, waitForSyncState } from "./pages.js";
import { openMeeting } from "./room-pages.js";

const it = e2eTest();

const M2 = "令和5年度 第2回 連携会議";

/** The rows of the editor's first table, cell texts without the remote carets' labels. */
function tableCells(page: Page): Promise<string[][]> {
  return page.getByTestId("editor").evaluate((root) =>
    [...(root.querySelector("table")?.querySelectorAll("tr") ?? [])].map((tr) =>
      [...tr.querySelectorAll("th, td")].map((cell) => {
        const copy = cell.cloneNode(true) as HTMLElement;
        for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
        return (copy.textContent ?? "").trim();
      }),
    ),
  );
}

async function pressed(page: Page, tool: string): Promise<string | null> {
  return page.getByTestId(`tb-${tool}`).getAttribute("aria-pressed");
}

describe("the minutes editor", () => {
  it("shows a placeholder, formats with the toolbar, and shares a table that undo and redo follow", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    for (const p of [doctor.page, nurse.page]) {
      await openMeeting(p, M2);
      await p.getByTestId("meeting-tab-minutes").click();
      await p.getByTestId("editor-toolbar").waitFor();
    }
    const page = doctor.page;

    // The empty minutes say what to write.
    const placeholder = await page
      .getByTestId("editor")
      .locator("p.is-editor-empty")
      .evaluate((p) => getComputedStyle(p, "::before").content);
    expect(placeholder).toContain("議事の経過");
    expect(await page.getByTestId("tb-undo").isDisabled()).toBe(true);

    // 見出し, then 太字 and plain text, then a 箇条書き and a 番号付き list.
    await page.getByTestId("editor").click();
    await page.getByTestId("tb-heading").click();
    await page.keyboard.type("1. 令和5年度の事業計画");
    expect(await pressed(page, "heading")).toBe("true");
    await page.keyboard.press("Enter");
    expect(await pressed(page, "heading")).toBe("false");
    await page.getByTestId("tb-bold").click();
    await page.keyboard.type("決定");
    await page.getByTestId("tb-bold").click();
    await page.keyboard.type("：原案のとおり承認");
    await page.keyboard.press("Enter");
    await page.getByTestId("tb-bullet").click();
    await page.keyboard.type("消防との意見交換を7月に実施");
    expect(await pressed(page, "bullet")).toBe("true");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.getByTestId("tb-ordered").click();
    await page.keyboard.type("入退院支援ルールの見直し");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");

    // 表: a 3×3 table with a header row; Tab moves from cell to cell.
    await page.getByTestId("tb-table").click();
    await page.getByTestId("table-tools").waitFor();
    for (const [i, text] of ["職種", "連絡先", "時間", "訪問看護", "04-7150-0000", "9時〜17時"].entries()) {
      if (i > 0) await page.keyboard.press("Tab");
      await page.keyboard.type(text);
    }
    await page.getByTestId("tb-row-add").click();
    await waitForSyncState(page, "saved");

    const expected = [
      ["職種", "連絡先", "時間"],
      ["訪問看護", "04-7150-0000", "9時〜17時"],
      ["", "", ""],
      ["", "", ""],
    ];
    for (const p of [page, nurse.page]) {
      await eventually(
        async () => JSON.stringify(await tableCells(p)) === JSON.stringify(expected),
        "the table",
      );
      const editor = p.getByTestId("editor");
      expect(await editor.locator("h2").innerText()).toBe("1. 令和5年度の事業計画");
      expect(await editor.locator("strong").innerText()).toBe("決定");
      expect(await editor.locator("ul li").innerText()).toBe("消防との意見交換を7月に実施");
      expect(await editor.locator("ol li").innerText()).toBe("入退院支援ルールの見直し");
      expect(await editor.locator("th").count()).toBe(3);
    }

    // 元に戻す takes the added row back for everyone; やり直し brings it again.
    await page.getByTestId("tb-undo").click();
    for (const p of [page, nurse.page])
      await eventually(async () => (await tableCells(p)).length === 3, "the row undone");
    await page.getByTestId("tb-redo").click();
    for (const p of [page, nurse.page])
      await eventually(async () => (await tableCells(p)).length === 4, "the row again");

    // The nurse writes in the table too; the doctor sees it.
    await nurse.page.getByTestId("editor").locator("tr").nth(2).locator("td").first().click();
    await nurse.page.keyboard.type("薬局");
    await eventually(async () => (await tableCells(page))[2][0] === "薬局", "the nurse's cell");
    await waitForSyncState(nurse.page, "saved");

    // The server's Markdown keeps the table.
    const path = new URL(page.url()).pathname;
    const md = await page.evaluate(
      async (url) => (await fetch(url)).text(),
      `/api${path.replace(/^\/w\//, "/workspaces/")}/markdown`,
    );
    expect(md).toContain("| 職種 | 連絡先 | 時間 |");
    expect(md).toContain("| --- | --- | --- |");
    expect(md).toContain("| 訪問看護 | 04-7150-0000 | 9時〜17時 |");
    expect(md).toContain("| 薬局 |  |  |");
    expect(md).toContain("**決定**：原案のとおり承認");

    // Read-only people get no toolbar.
    const observer = await loggedInPage(browser, server, "千葉県（閲覧）");
    await openMeeting(observer.page, M2);
    await observer.page.getByTestId("meeting-tab-minutes").click();
    await eventually(
      async () => JSON.stringify(await tableCells(observer.page)) !== "[]",
      "the observer's table",
    );
    expect(await observer.page.getByTestId("editor-toolbar").count()).toBe(0);
    for (const c of [doctor.context, nurse.context, observer.context]) await c.close();
  }, 120_000);

  it("starts a 情報共有シート as tables of 項目 and 内容, shown as a table on its public page", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const secretariat = await loggedInPage(browser, server, "事務局");
    for (const p of [doctor.page, secretariat.page]) p.on("dialog", (d) => void d.accept());
    await doctor.page.getByTestId("tab-documents").click();
    await doctor.page.getByTestId("new-document").locator("select").first().selectOption("draft");
    await doctor.page.getByTestId("new-document-template").selectOption("infoSharing");
    await doctor.page
      .getByTestId("new-document")
      .locator("select")
      .nth(2)
      .selectOption({ label: "病診施連携班" });
    await doctor.page.getByTestId("new-document-submit").click();
    await doctor.page.getByTestId("editor").waitFor();
    await eventually(
      async () => (await doctor.page.getByTestId("editor").locator("table").count()) === 4,
      "4 tables",
    );
    const first = await tableCells(doctor.page);
    expect(first).toEqual([
      ["項目", "内容"],
      ["氏名", ""],
      ["生年月日", ""],
      ["住所", ""],
      ["連絡先", ""],
    ]);
    // Filling in a cell.
    await doctor.page
      .getByTestId("editor")
      .locator("table")
      .first()
      .locator("tr")
      .nth(1)
      .locator("td")
      .nth(1)
      .click();
    await doctor.page.keyboard.type("流山 花子");
    await waitForSyncState(doctor.page, "saved");

    // Through review and approval to the public page.
    await doctor.page.getByTestId("draft-to-reviewing").click();
    await doctor.page.getByTestId("draft-status").filter({ hasText: "全体会で確認中" }).waitFor();
    await secretariat.page.goto(new URL(doctor.page.url()).pathname);
    await secretariat.page.getByTestId("draft-to-approved").click();
    await secretariat.page.getByTestId("draft-to-published").click();
    const href = await secretariat.page.getByTestId("draft-public-link").getAttribute("href");
    const anonymous = await browser.newContext({ baseURL: server.url });
    const pub = await anonymous.newPage();
    await pub.goto(href ?? "");
    const rows = await pub.locator("table").first().locator("tr").allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, " ").trim())).toEqual([
      "項目 内容",
      "氏名 流山 花子",
      "生年月日",
      "住所",
      "連絡先",
    ]);
    expect(await pub.locator("th").first().innerText()).toBe("項目");
    for (const c of [doctor.context, secretariat.context, anonymous]) await c.close();
  }, 90_000);
});
