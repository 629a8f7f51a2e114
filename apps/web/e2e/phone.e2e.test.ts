/**
 * On a phone (390×844) the top bar, the tabs and the lists are usable — no label squeezed to
 * a character or two per line, no page wider than the screen — and the minutes can be read
 * and written, toolbar included.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { editorText, eventually, loggedInPage, paragraphTexts, waitForSyncState } from "./pages.js";
import { loggedInPhone, narrowProblems, openMeeting, openPlanView, workspaceIdOf } from "./room-pages.js";

const it = e2eTest();

async function expectUsable(page: Page, where: string): Promise<void> {
  const problems = await narrowProblems(page);
  expect(problems, where).toEqual({ columns: [], overflow: 0 });
}

/** Every element matched lies inside the screen's width. */
async function insideScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluateAll((els) =>
    els.every((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth + 0.5;
    }),
  );
}

describe("on a phone", () => {
  it("the top bar, the tabs and the lists of every workspace tab and meeting tab are usable", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPhone(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    expect(await insideScreen(page, ".topbar a, .topbar button, .topbar span")).toBe(true);
    await page.getByTestId("logout").waitFor({ state: "visible" });

    for (const tab of [
      "home",
      "plans",
      "meetings",
      "events",
      "indicators",
      "desk",
      "documents",
      "mentions",
      "members",
      "groups",
      "invites",
      "audit",
    ]) {
      await page.goto(`/w/${wid}?tab=${tab}`);
      await page.getByTestId(`tab-${tab}`).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await insideScreen(page, ".tabs a")).toBe(true);
      await expectUsable(page, `workspace tab ${tab}`);
    }

    await openMeeting(page, "令和5年度 第1回 連携会議");
    for (const tab of ["agenda", "minutes", "attendance", "outcomes", "changes", "review", "versions"]) {
      await page.getByTestId(`meeting-tab-${tab}`).click();
      await page.waitForLoadState("networkidle");
      expect(await insideScreen(page, ".tabs a")).toBe(true);
      await expectUsable(page, `meeting tab ${tab}`);
    }

    await page.goto(`/w/${wid}?tab=documents`);
    await page.getByTestId("document-link").first().click();
    await page.getByTestId("editor").waitFor();
    await expectUsable(page, "document");
    await context.close();
  }, 120_000);

  it("every plan view is readable there: rows as cards, wide tables scrolling in their own box", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPhone(browser, server, "事務局");
    for (const view of [
      "board",
      "problems",
      "actions",
      "items",
      "years",
      "schedule",
      "dashboard",
      "review",
    ]) {
      await openPlanView(page, view);
      if (view === "dashboard") await page.getByTestId("dashboard-items").waitFor();
      if (view === "years") await page.getByTestId("years-table").waitFor();
      await page.waitForLoadState("networkidle");
      // Stricter than for the workspace tabs: no name is laid out a few characters per line.
      expect(await narrowProblems(page, 6), `plan view ${view}`).toEqual({ columns: [], overflow: 0 });
    }

    // The review's grade counts scroll sideways in their box; the names stay on the left.
    const scroller = page.locator(".review-summary .table-scroll").first();
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const nameLeft = () =>
      page
        .getByTestId("review-summary-daily")
        .locator("th")
        .evaluate((th) => th.getBoundingClientRect().left);
    const before = await nameLeft();
    await scroller.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(Math.abs((await nameLeft()) - before)).toBeLessThan(1);
    expect(await insideScreen(page, ".review-summary")).toBe(true);

    // The plan periods open on this year's column, beside the periods' names.
    await openPlanView(page, "schedule");
    const current = page.locator('[data-testid="period-bars"] th.current');
    const visible = await current.evaluate((th) => {
      const box = th.closest(".bars-wrap")?.getBoundingClientRect();
      const head = th.closest("tr")?.firstElementChild?.getBoundingClientRect();
      const r = th.getBoundingClientRect();
      return !!box && !!head && r.left >= head.right - 0.5 && r.right <= box.right + 0.5;
    });
    expect(visible, "this year's column in sight").toBe(true);
    await context.close();
  }, 120_000);

  it("the minutes are read and written there, with the toolbar, and reach the room's screen", async ({
    server,
    browser,
  }) => {
    const phone = await loggedInPhone(browser, server, "医師");
    const room = await loggedInPage(browser, server, "事務局");
    await openMeeting(phone.page, "令和5年度 第2回 連携会議");
    await openMeeting(room.page, "令和5年度 第2回 連携会議");
    await phone.page.getByTestId("meeting-tab-minutes").click();
    await room.page.getByTestId("meeting-tab-minutes").click();
    await phone.page.getByTestId("editor-toolbar").waitFor();
    expect(await insideScreen(phone.page, '[data-testid="editor-toolbar"] button')).toBe(true);
    expect(await insideScreen(phone.page, '[data-testid="editor"]')).toBe(true);
    await expectUsable(phone.page, "minutes on the phone");

    await phone.page.getByTestId("editor").tap();
    await phone.page.getByTestId("tb-bullet").tap();
    await phone.page.keyboard.type("スマートフォンからの追記");
    await waitForSyncState(phone.page, "saved");
    await eventually(
      async () => (await paragraphTexts(room.page)).includes("スマートフォンからの追記"),
      "the phone's bullet on the room's screen",
    );
    // And the room's text is readable on the phone, its lines as wide as the screen allows.
    expect(await room.page.getByTestId("editor").locator("ul li").count()).toBe(1);
    await room.page.getByTestId("editor").locator("li").last().click();
    await room.page.keyboard.press("End");
    await room.page.keyboard.press("Enter");
    await room.page.keyboard.press("Enter");
    await room.page.keyboard.type(
      "事務局より、入退院支援ルールの運用状況について説明があり、委員から意見が出された。",
    );
    await eventually(
      async () => (await editorText(phone.page)).includes("委員から意見が出された"),
      "the room's text",
    );
    const paragraph = phone.page.getByTestId("editor").locator("p", { hasText: "委員から意見が出された" });
    const box = await paragraph.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await expectUsable(phone.page, "minutes with text");
    for (const c of [phone.context, room.context]) await c.close();
  }, 90_000);
});
