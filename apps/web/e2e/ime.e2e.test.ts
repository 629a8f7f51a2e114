/**
 * Japanese input under a concurrent remote edit: while one person is composing with an IME
 * (kana not yet converted), another edits the same paragraph. The composition must not be
 * broken, duplicated or committed early; after commit both edits are there exactly once.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type E2EServer, e2eTest } from "./harness.js";
import {
  caretAfter,
  eventually,
  loggedInPage,
  openDocument,
  paragraphTexts,
  waitForSyncState,
} from "./pages.js";
import { openMeeting } from "./room-pages.js";

const DOC = "入退院支援ルール（案）";
const DISCHARGE = "病院は退院の見込みが立った時点で";
const ADMISSION = "ケアマネジャーは入院を把握してから";
const it = e2eTest();

async function paragraphStarting(page: Page, start: string): Promise<string> {
  return (await paragraphTexts(page)).find((p) => p.includes(start)) ?? "";
}

/**
 * The doctor composes にほんご → 日本語 at the end of the paragraph; mid-composition the care
 * manager types into the same paragraph, at its start or at its end (right after the
 * doctor's uncommitted kana, which already reached her).
 */
async function composeWhileOtherTypes(
  browser: Browser,
  server: E2EServer,
  target: string,
  where: "start" | "end",
): Promise<{ final: string; other: string }> {
  const paragraph = (page: Page) => paragraphStarting(page, target);
  // Both are members of 病診施連携班, which owns this draft.
  const doctor = await loggedInPage(browser, server, "医師");
  const careManager = await loggedInPage(browser, server, "ケアマネジャー");
  await openDocument(doctor.page, DOC);
  await openDocument(careManager.page, DOC);

  await caretAfter(doctor.page, target);
  const cdp = await doctor.context.newCDPSession(doctor.page);
  for (const kana of ["に", "にほ", "にほん", "にほんご"]) {
    await cdp.send("Input.imeSetComposition", {
      text: kana,
      selectionStart: kana.length,
      selectionEnd: kana.length,
    });
  }

  // The uncommitted kana reach the other person as the doctor types them.
  await eventually(
    async () => (await paragraph(careManager.page)).includes("にほんご"),
    "kana at the other person",
  );
  await caretAfter(careManager.page, target);
  if (where === "start") await careManager.page.keyboard.press("Home");
  await careManager.page.keyboard.type("【ケアマネ追記】");
  await waitForSyncState(careManager.page, "saved");
  // Her edit reaches the doctor's editor while he is still composing, which holds it back
  // until his conversion ends.
  await heldBack(doctor.page);

  // Still composing: the kana are shown once and not committed.
  const during = await paragraph(doctor.page);
  expect(during.match(/にほんご/g)).toHaveLength(1);

  await cdp.send("Input.imeSetComposition", { text: "日本語", selectionStart: 3, selectionEnd: 3 });
  await cdp.send("Input.insertText", { text: "日本語" });

  for (const page of [doctor.page, careManager.page]) {
    await eventually(async () => {
      const p = await paragraph(page);
      return p.includes("【ケアマネ追記】") && p.includes("日本語");
    }, "both edits in the paragraph");
  }
  await waitForSyncState(doctor.page, "saved");
  await waitForSyncState(careManager.page, "saved");
  const result = { final: await paragraph(doctor.page), other: await paragraph(careManager.page) };
  await doctor.context.close();
  await careManager.context.close();
  return result;
}

/** Waits until the editor holds a colleague's change back for this person's conversion. */
async function heldBack(page: Page): Promise<void> {
  await page
    .locator('[data-testid="editor"][data-remote-held]')
    .waitFor({ state: "attached", timeout: 15_000 });
}

function expectCleanMerge(final: string, other: string): void {
  expect(final.match(/日本語/g)).toHaveLength(1);
  expect(final.match(/【ケアマネ追記】/g)).toHaveLength(1);
  expect(final).not.toMatch(/にほ|ほん|んご/);
  expect(other).toBe(final);
}

describe("IME composition under a concurrent remote edit", () => {
  it("keeps the composition intact when the other edit lands at the paragraph's start", async ({
    server,
    browser,
  }) => {
    const { final, other } = await composeWhileOtherTypes(browser, server, DISCHARGE, "start");
    expect(final.startsWith("【ケアマネ追記】")).toBe(true);
    expect(final.endsWith("連絡する。日本語")).toBe(true);
    expectCleanMerge(final, other);
  });

  it("keeps the composition intact when the other edit lands right after the uncommitted kana", async ({
    server,
    browser,
  }) => {
    const { final, other } = await composeWhileOtherTypes(browser, server, ADMISSION, "end");
    expect(final.endsWith("提供する。日本語【ケアマネ追記】")).toBe(true);
    expectCleanMerge(final, other);
  });
});

describe("an IME conversion in the minutes, when the editor closes under it", () => {
  it("keeps what the person had converted, among the colleague's change that was held back", async ({
    server,
    browser,
  }) => {
    const M2 = "令和5年度 第2回 連携会議";
    const doctor = await loggedInPage(browser, server, "医師");
    const careManager = await loggedInPage(browser, server, "ケアマネジャー");
    for (const p of [doctor.page, careManager.page]) {
      await openMeeting(p, M2);
      await p.getByTestId("meeting-tab-minutes").click();
      await p.getByTestId("editor").waitFor();
    }
    const line = "連携シートの様式について";
    await careManager.page.getByTestId("editor").click();
    await careManager.page.keyboard.press("Control+End");
    await careManager.page.keyboard.press("Enter");
    await careManager.page.keyboard.type(line);
    await waitForSyncState(careManager.page, "saved");
    await eventually(
      async () => (await paragraphStarting(doctor.page, line)) === line,
      "the line at the doctor",
    );

    // The doctor converts at the end of the line; the kana reach her as he types them.
    await caretAfter(doctor.page, line);
    const cdp = await doctor.context.newCDPSession(doctor.page);
    const compose = (text: string) =>
      cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
    for (const kana of ["れ", "れん", "れんら", "れんらく"]) await compose(kana);
    await eventually(
      async () => (await paragraphStarting(careManager.page, line)) === `${line}れんらく`,
      "the kana at the care manager",
    );
    // She adds a mark at the line's start: held back on the doctor's screen while he converts.
    await caretAfter(careManager.page, line);
    await careManager.page.keyboard.press("Home");
    await careManager.page.keyboard.type("【追記】");
    await waitForSyncState(careManager.page, "saved");
    await heldBack(doctor.page);
    await compose("連絡先");

    // Before he confirms, his page switches away from the minutes (as when the meeting's state
    // changes under him): the editor closes during the hold.
    await doctor.page.evaluate(() =>
      (document.querySelector('[data-testid="meeting-tab-attendance"]') as HTMLElement).click(),
    );
    await doctor.page.getByTestId("editor").waitFor({ state: "detached" });

    const expected = `【追記】${line}連絡先`;
    await eventually(
      async () => (await paragraphStarting(careManager.page, line)) === expected,
      "the doctor's conversion at the care manager",
    );
    await waitForSyncState(doctor.page, "saved");
    await doctor.page.getByTestId("meeting-tab-minutes").click();
    await eventually(
      async () => (await paragraphStarting(doctor.page, line)) === expected,
      "the same line when the doctor opens the minutes again",
    );
    const all = (await paragraphTexts(careManager.page)).join("\n");
    expect(all).not.toMatch(/れんらく|れ連|連絡先.*連絡先/);
    await doctor.context.close();
    await careManager.context.close();
  }, 90_000);
});
