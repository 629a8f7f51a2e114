/**
 * A page that has been shown stays shown, and editable, when the network drops or the server
 * stops — also when the person only looked at it (nothing edited, nothing unsent).
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest, startE2EServer } from "./harness.js";
import { caretAfter, editorText, eventually, loggedInPage, openDocument, waitForSyncState } from "./pages.js";
import { inputValues, openMeeting, openPlanView, waitForValue } from "./room-pages.js";

const it = e2eTest();

const SHOBO = "消防との情報交換の実施";
const M2 = "令和5年度 第2回 連携会議";
const DOC = "第1回 在宅医療・介護連携推進会議 メモ";

/** Types at the end of the action row's title whose title starts with `title`. */
async function appendToAction(page: Page, title: string, text: string): Promise<void> {
  const titles = await inputValues(page, "action-title");
  const index = titles.findIndex((v) => v.startsWith(title));
  expect(index).toBeGreaterThanOrEqual(0);
  const input = page.getByTestId("action-title").nth(index);
  await input.click();
  await input.press("End");
  await page.keyboard.type(text);
}

async function expectPlanShown(page: Page, rows: number): Promise<void> {
  await page.getByTestId("action-row").first().waitFor({ timeout: 5_000 });
  expect(await page.getByTestId("action-row").count()).toBe(rows);
  expect(await page.getByTestId("plan-page").innerText()).not.toContain("計画を読み込んでいます");
}

describe("a plan only looked at", () => {
  it("keeps its rows when the browser goes offline, takes edits, and sends them when back", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    await openPlanView(doctor.page, "actions");
    await doctor.page.getByTestId("action-row").first().waitFor();
    const rows = await doctor.page.getByTestId("action-row").count();
    expect(rows).toBeGreaterThan(5);

    await doctor.context.setOffline(true);
    await waitForSyncState(doctor.page, "offline");
    await expectPlanShown(doctor.page, rows);
    // Another view of the same plan, then back: still there.
    await doctor.page.getByTestId("plan-view-board").click();
    await doctor.page.getByTestId("scene-emergency").waitFor();
    await doctor.page.getByTestId("plan-view-actions").click();
    await expectPlanShown(doctor.page, rows);

    await appendToAction(doctor.page, SHOBO, "（オフライン）");
    await waitForSyncState(doctor.page, "offlineUnsent");
    await doctor.context.setOffline(false);
    await waitForSyncState(doctor.page, "saved", 30_000);

    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openPlanView(nurse.page, "actions");
    await waitForValue(
      nurse.page,
      "action-title",
      `${SHOBO}（オフライン）`,
      "the offline edit on the server",
    );
    for (const c of [doctor.context, nurse.context]) await c.close();
  }, 90_000);
});

describe("pages only looked at when the server stops", () => {
  it("keep the plan, the meeting with its linked plan rows and a document, editable, and after a reload", async ({
    browser,
  }) => {
    const own = await startE2EServer();
    let current = own;
    try {
      // The secretariat links a plan action to the second meeting's agenda.
      const secretariat = await loggedInPage(browser, own, "事務局");
      await openMeeting(secretariat.page, M2);
      await secretariat.page.getByTestId("agenda-add").click();
      await secretariat.page.getByTestId("agenda-title").first().fill("救急との情報共有");
      const link = secretariat.page.getByTestId("agenda-item").first().getByTestId("agenda-link");
      const option = await link.locator("option", { hasText: SHOBO }).getAttribute("value");
      await link.selectOption(option ?? "");
      await secretariat.page.getByTestId("agenda-linked-row").waitFor();
      await waitForSyncState(secretariat.page, "saved");
      await secretariat.context.close();

      // The doctor looks at three pages, in three tabs, without touching anything.
      const doctor = await loggedInPage(browser, own, "医師");
      const planPage = doctor.page;
      await openPlanView(planPage, "actions");
      await planPage.getByTestId("action-row").first().waitFor();
      const rows = await planPage.getByTestId("action-row").count();
      const meetingPage = await doctor.context.newPage();
      await meetingPage.goto(new URL(planPage.url()).pathname.split("/plans/")[0]);
      await openMeeting(meetingPage, M2);
      await meetingPage.getByTestId("agenda-linked-row").waitFor();
      const documentPage = await doctor.context.newPage();
      await documentPage.goto(new URL(planPage.url()).pathname.split("/plans/")[0]);
      await openDocument(documentPage, DOC);

      await own.stop();
      for (const page of [planPage, meetingPage, documentPage]) await waitForSyncState(page, "offline");
      await expectPlanShown(planPage, rows);
      expect(await meetingPage.getByTestId("agenda-linked-row").count()).toBe(1);
      expect(await meetingPage.getByTestId("meeting-page").innerText()).not.toContain(
        "この年度の計画がまだない",
      );
      expect(await editorText(documentPage)).toContain("退院前カンファレンス");

      // Each one still takes edits.
      await appendToAction(planPage, SHOBO, "（停止中）");
      await waitForSyncState(planPage, "offlineUnsent");
      const linkedTitle = meetingPage.getByTestId("agenda-linked-row").locator("input").first();
      await linkedTitle.click();
      await linkedTitle.press("End");
      await meetingPage.keyboard.type("（会議から）");
      await waitForSyncState(meetingPage, "offlineUnsent");
      await caretAfter(documentPage, "退院前カンファレンス");
      await documentPage.keyboard.type("【停止中】");
      await waitForSyncState(documentPage, "offlineUnsent");

      // A reload while the server is down shows them again, from this device.
      const accept = (d: import("playwright-core").Dialog) => void d.accept();
      planPage.on("dialog", accept);
      await planPage.reload();
      await planPage.getByTestId("offline-copies").waitFor();
      await planPage.getByTestId("action-row").first().waitFor();
      await expectPlanShown(planPage, rows);

      // The server comes back: everything reaches it.
      current = await startE2EServer({ dataDir: own.dataDir, port: own.port });
      for (const page of [planPage, meetingPage, documentPage]) await waitForSyncState(page, "saved", 30_000);
      const nurse = await loggedInPage(browser, current, "訪問看護師");
      await openPlanView(nurse.page, "actions");
      await eventually(async () => {
        const all = await inputValues(nurse.page, "action-title");
        return all.some((v) => v.includes("（停止中）") && v.includes("（会議から）"));
      }, "both plan edits on the server");
      await nurse.page.goto(new URL(nurse.page.url()).pathname.split("/plans/")[0]);
      await openDocument(nurse.page, DOC);
      await eventually(async () => (await editorText(nurse.page)).includes("【停止中】"), "document edit");
      for (const c of [doctor.context, nurse.context]) await c.close();
    } finally {
      await current.destroy();
      await own.destroy();
    }
  }, 150_000);
});
