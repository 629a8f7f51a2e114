/**
 * The minutes and the meeting notice (開催通知) print on A4 portrait with the municipality,
 * the title, the print date and page numbers on every page, every word of the text, and no
 * screen-only notice. Read back from the PDF with pdftotext.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatIsoDate, todayInJapan } from "@tsumugi/domain";
import type { Page } from "playwright-core";
import { afterAll, describe, expect } from "vitest";
import { openDocx } from "../../server/src/testing/docx-reader.js";
import { e2eTest } from "./harness.js";
import { loggedInPage, waitForSyncState } from "./pages.js";
import { openMeeting, workspaceIdOf } from "./room-pages.js";

const it = e2eTest();
const dir = mkdtempSync(join(tmpdir(), "tsumugi-print-"));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Prints the page to PDF as Chromium's print dialog would, and reads its pages' text. */
async function printed(page: Page, name: string): Promise<{ pages: string[]; size: [number, number] }> {
  await page.emulateMedia({ media: "print" });
  const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: "screen" });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  if (process.env.PRINT_SHOTS_DIR) writeFileSync(join(process.env.PRINT_SHOTS_DIR, `${name}.pdf`), pdf);
  const info = execFileSync("pdfinfo", [file]).toString("utf8");
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const pages: string[] = [];
  for (let p = 1; p <= count; p++) {
    pages.push(
      execFileSync("pdftotext", [
        "-f",
        String(p),
        "-l",
        String(p),
        "-layout",
        "-enc",
        "UTF-8",
        file,
        "-",
      ]).toString("utf8"),
    );
  }
  return { pages, size: [Math.round(Number(size?.[1])), Math.round(Number(size?.[2]))] };
}

/** Text with the spaces and line breaks pdftotext puts inside runs of Japanese taken out. */
const squeeze = (s: string) => s.replace(/\s+/g, "");

function expectMargins(pages: string[], heading: string): void {
  const date = `印刷日${formatIsoDate(todayInJapan())}`;
  pages.forEach((text, i) => {
    const flat = squeeze(text);
    expect(flat, `page ${i + 1} heading`).toContain(squeeze(heading));
    expect(flat, `page ${i + 1} date`).toContain(date);
    expect(flat, `page ${i + 1} number`).toContain(`${i + 1}/${pages.length}ページ`);
  });
}

const M2 = "令和5年度 第2回 連携会議";

describe("printing a meeting", () => {
  it("prints long minutes on A4 with every paragraph, table row and decision, margins on every page, no screen notices", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    page.on("dialog", (d) => void d.accept());
    await openMeeting(page, M2);
    // The meeting is held: attendance, a long minutes text with a table, a decision.
    await page.getByTestId("meeting-next").click();
    await page.getByTestId("meeting-state").filter({ hasText: "開催中" }).waitFor();
    await page.getByTestId("meeting-tab-minutes").click();
    await page.getByTestId("editor").click();
    await page.getByTestId("tb-heading").click();
    await page.keyboard.insertText("1. 入退院支援ルールの運用状況");
    await page.keyboard.press("Enter");
    for (let i = 1; i <= 36; i++) {
      await page.keyboard.insertText(
        `【段落${i}】委員より、病院の地域連携室とケアマネジャーの間で入院時情報提供書の送付が遅れる事例があるとの報告があり、様式と送付方法を統一することについて意見交換を行った（${i}）。`,
      );
      await page.keyboard.press("Enter");
    }
    await page.getByTestId("tb-table").click();
    for (const [i, text] of [
      "職種",
      "連絡先",
      "時間",
      "訪問看護",
      "04-7150-0000",
      "平日9時〜17時",
    ].entries()) {
      if (i > 0) await page.keyboard.press("Tab");
      await page.keyboard.insertText(text);
    }
    await waitForSyncState(page, "saved");
    await page.getByTestId("meeting-next").click();
    await page.getByTestId("meeting-state").filter({ hasText: "終了" }).waitFor();
    await page.getByTestId("minutes-circulate").click();
    await page.getByTestId("minutes-reviewing").waitFor();

    await page.getByTestId("meeting-print-link").click();
    await page.getByTestId("meeting-print").waitFor();
    await page.getByTestId("meeting-print").getByText("【段落36】").waitFor();
    const { pages, size } = await printed(page, "minutes");
    expect(size).toEqual([595, 842]);
    expect(pages.length).toBeGreaterThan(1);
    expectMargins(pages, `千葉県 流山市　${M2} 議事録`);
    const all = squeeze(pages.join("\n"));
    for (let i = 1; i <= 36; i++) {
      expect(all).toContain(
        squeeze(
          `【段落${i}】委員より、病院の地域連携室とケアマネジャーの間で入院時情報提供書の送付が遅れる事例があるとの報告があり、様式と送付方法を統一することについて意見交換を行った（${i}）。`,
        ),
      );
    }
    for (const part of [
      "議事録",
      "令和5年7月31日（月）14時00分〜16時00分",
      "流山市役所第1庁舎3階庁議室",
      "出席者",
      "欠席者",
      "議事の経過",
      "入退院支援ルールの運用状況",
      "職種",
      "04-7150-0000",
      "平日9時〜17時",
    ]) {
      expect(all).toContain(squeeze(part));
    }
    // Nothing of the screen: notices, buttons, the sync state.
    for (const screenOnly of [
      "確認依頼中のため",
      "議事録の確認を依頼",
      "印刷する",
      "保存済み",
      "会議に戻る",
      "元に戻す",
    ]) {
      expect(all).not.toContain(screenOnly);
    }
  }, 150_000);

  it("prints the meeting notice: name, date with 曜日 in 和暦, place and URL, agenda, how to answer, on one A4 page", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await openMeeting(page, "令和5年度 第1回 連携会議");
    await page.goto(`${new URL(page.url()).pathname}?print=notice`);
    await page.getByTestId("notice-facts").waitFor();
    const { pages, size } = await printed(page, "notice-1");
    expect(size).toEqual([595, 842]);
    expect(pages).toHaveLength(1);
    expectMargins(pages, "千葉県 流山市　令和5年度 第1回 連携会議の開催について（通知）");
    const text = squeeze(pages[0]);
    for (const part of [
      "連携会議 委員 各位",
      "令和5年度 第1回 連携会議の開催について（通知）",
      "記",
      "1 日時",
      "令和5年5月25日（木）14時00分〜16時00分",
      "2 場所",
      "流山市役所 第1庁舎 3階 庁議室",
      "3 議題",
      "令和5年度の事業計画について（説明：事務局）",
      "入退院支援ルールの運用状況（説明：病診施連携班）",
      "4 出欠の回答",
      "令和5年5月18日（木）までに、出欠を事務局へお知らせください",
      "5 問い合わせ先",
      "高橋 美和",
      "以上",
    ]) {
      expect(text).toContain(squeeze(part));
    }
    expect(text).not.toContain(squeeze("議事録は確定済み"));
  }, 60_000);

  // Last: it changes what the workspace writes on every paper.
  it("writes what the secretariat set on the papers: the number line, the 署名欄, the same in Word", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await page.goto(`/w/${workspaceIdOf(page)}`);
    await page.getByTestId("tab-meetings").click();
    await page.getByTestId("paper-settings").locator("summary").click();
    await page.getByTestId("papers-numberPrefix").fill("流介支第");
    await page.getByTestId("papers-minutesSigners").selectOption("2");
    await page.getByTestId("papers-save").click();
    await page
      .getByTestId("paper-settings")
      .getByRole("status")
      .filter({ hasText: "保存しました" })
      .waitFor();

    await openMeeting(page, "令和5年度 第1回 連携会議");
    await page.goto(`${new URL(page.url()).pathname}?print=notice`);
    await page.getByTestId("notice-number").fill("1234");
    await page.getByTestId("notice-date").fill("2023-05-08");
    await page.getByTestId("notice-number-line").filter({ hasText: "流介支第1234号" }).waitFor();
    const notice = squeeze((await printed(page, "notice-numbered")).pages.join("\n"));
    expect(notice).toContain("流介支第1234号");
    expect(notice).toContain("令和5年5月8日");
    // The Word file offered beside it reads the same.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("print-docx").click(),
    ]);
    expect(download.suggestedFilename()).toBe("令和5年度 第1回 連携会議 開催通知.docx");
    const noticeFile = join(dir, "notice.docx");
    await download.saveAs(noticeFile);
    const word = openDocx(readFileSync(noticeFile));
    expect(word.paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        "流介支第1234号",
        "令和5年5月8日",
        "令和5年度 第1回 連携会議の開催について（通知）",
      ]),
    );

    await page.getByTestId("print-switch").click();
    await page.getByTestId("print-signature").waitFor();
    const minutes = squeeze((await printed(page, "minutes-signed")).pages.join("\n"));
    expect(minutes.split("議事録署名人")).toHaveLength(3);
    expect(minutes).toContain("上記のとおり相違ないことを確認し、ここに署名する。");
    const [minutesDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("print-docx").click(),
    ]);
    const minutesFile = join(dir, "minutes.docx");
    await minutesDownload.saveAs(minutesFile);
    const minutesWord = openDocx(readFileSync(minutesFile));
    expect(minutesWord.text.split("議事録署名人")).toHaveLength(3);
  }, 90_000);
});
