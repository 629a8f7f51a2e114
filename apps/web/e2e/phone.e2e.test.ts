/**
 * On a phone (390×844) the top bar, the tabs and the lists are usable — no label squeezed to
 * a character or two per line, no page wider than the screen — and the minutes can be read
 * and written, toolbar included.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, launchChromium, startE2EServer } from "./harness.js";
import { editorText, eventually, loggedInPage, paragraphTexts, waitForSyncState } from "./pages.js";
import { loggedInPhone, narrowProblems, openMeeting, workspaceIdOf } from "./room-pages.js";

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2EServer();
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.destroy();
});

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
  it("the top bar, the tabs and the lists of every workspace tab and meeting tab are usable", async () => {
    const { context, page } = await loggedInPhone(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    expect(await insideScreen(page, ".topbar a, .topbar button, .topbar span")).toBe(true);
    await page.getByTestId("logout").waitFor({ state: "visible" });

    for (const tab of [
      "home",
      "plans",
      "meetings",
      "indicators",
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

  it("the minutes are read and written there, with the toolbar, and reach the room's screen", async () => {
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
