/**
 * Accessibility of every main page, checked by axe-core (injected into the page from the npm
 * package) with no critical or serious violation allowed; and what axe cannot judge: a skip
 * link, `aria-current` on the tab that is shown, and a visible keyboard focus.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./axe.js";
import { e2eTest } from "./harness.js";
import { loggedInPage, waitForSyncState } from "./pages.js";

const it = e2eTest();

/** Checks each named state of the page; reports all of them before failing. */
async function expectNoSeriousViolations(page: Page, states: [string, () => Promise<void>][]): Promise<void> {
  const found: string[] = [];
  for (const [name, reach] of states) {
    await reach();
    for (const line of await seriousViolations(page)) found.push(`${name}: ${line}`);
  }
  expect(found).toEqual([]);
}

async function showTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.waitForURL(new RegExp(`tab=${tab}`));
  await page.getByTestId("loading-screen").waitFor({ state: "detached" });
  await page.waitForLoadState("networkidle");
}

describe("axe-core on every main page: no critical or serious violation", () => {
  it("login page", async ({ server, browser }) => {
    const context = await browser.newContext({ locale: "ja-JP", baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByTestId("login-submit").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("home and each of its tabs (what to do next, plans, meetings, indicators, the consultation desk, documents, comments, members, groups, invitations, records), password and two-step settings", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    const tabs = [
      "home",
      "plans",
      "meetings",
      "indicators",
      "desk",
      "documents",
      "mentions",
      "members",
      "groups",
      "invites",
      "audit",
    ];
    await expectNoSeriousViolations(page, [
      ...tabs.map((tab): [string, () => Promise<void>] => [tab, () => showTab(page, tab)]),
      [
        "indicators: trend",
        async () => {
          await showTab(page, "indicators");
          await page.goto(`${new URL(page.url()).pathname}?tab=indicators&iview=trend`);
          await page.getByTestId("trend-select").waitFor();
        },
      ],
      [
        "indicators: comparison",
        async () => {
          await page.goto(`${new URL(page.url()).pathname}?tab=indicators&iview=compare`);
          await page.getByTestId("compare-indicator").waitFor();
        },
      ],
      ...(["import", "population"] as const).map((view): [string, () => Promise<void>] => [
        `indicators: ${view}`,
        async () => {
          await page.getByTestId(`indicators-view-${view}`).click();
          await page.waitForURL(new RegExp(`iview=${view}`));
          await page.waitForLoadState("networkidle");
        },
      ]),
      [
        "password",
        async () => {
          await page.goto("/password");
          await page.locator("form").first().waitFor();
        },
      ],
      [
        "two-step verification set-up",
        async () => {
          await page.goto("/security");
          await page.getByTestId("two-factor-setup").click();
          await page.getByTestId("qr-code").waitFor();
        },
      ],
    ]);
    await context.close();
  });

  it("invitation page, as the person invited sees it", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await showTab(page, "invites");
    await page.getByTestId("invite-role").selectOption("member");
    await page.getByTestId("invite-create").click();
    const url = await page.getByTestId("invite-url").inputValue();
    const invitee = await browser.newContext({ locale: "ja-JP" });
    const join = await invitee.newPage();
    await join.goto(url);
    await join.getByText("流山市 への招待").waitFor();
    await join.waitForLoadState("networkidle");
    expect(await seriousViolations(join)).toEqual([]);
    await invitee.close();
    await context.close();
  });

  it("plan, each view", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-plans").click();
    await page.getByTestId("plan-link-2023").click();
    await page.getByTestId("plan-page").waitFor();
    await waitForSyncState(page, "saved");
    const views = ["board", "problems", "actions", "items", "years", "schedule", "dashboard", "review"];
    await expectNoSeriousViolations(
      page,
      views.map((view) => [
        view,
        async () => {
          await page.getByTestId(`plan-view-${view}`).click();
          await page.waitForURL(new RegExp(`view=${view}`));
          await page.waitForLoadState("networkidle");
        },
      ]),
    );
    await context.close();
  });

  it("meeting, each tab, and a document", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-meetings").click();
    await page.getByTestId("meetings-year").selectOption("2023");
    await page.getByTestId("meeting-link").first().click();
    await page.getByTestId("meeting-page").waitFor();
    await waitForSyncState(page, "saved");
    const tabs = ["agenda", "minutes", "attendance", "outcomes", "changes", "review", "versions"];
    await expectNoSeriousViolations(page, [
      ...tabs.map((tab): [string, () => Promise<void>] => [
        `meeting ${tab}`,
        async () => {
          await page.getByTestId(`meeting-tab-${tab}`).click();
          await page.waitForURL(new RegExp(`tab=${tab}`));
          await page.waitForLoadState("networkidle");
        },
      ]),
      [
        "document",
        async () => {
          await page.goto(`/w/${new URL(page.url()).pathname.split("/")[2]}?tab=documents`);
          await page.getByTestId("document-link").first().click();
          await page.getByTestId("editor").waitFor();
          await waitForSyncState(page, "saved");
        },
      ],
    ]);
    await context.close();
  });
});

/** Style that can show focus, of an element and of its parent (an editor draws it on its frame). */
const FOCUS_STYLE = `(el) => {
  const pick = (e) => {
    if (!e) return "";
    const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join("|");
  };
  return pick(el) + "/" + pick(el.parentElement);
}`;

/**
 * Tabs through the first `stops` focusable elements and returns those whose look does not
 * change when focused. Each element's unfocused look is recorded before the first Tab.
 */
async function focusInvisibleStops(page: Page, stops: number): Promise<string[]> {
  await page.evaluate(`(() => {
    const look = ${FOCUS_STYLE};
    window.__unfocused = new Map();
    for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=true]")) {
      window.__unfocused.set(el, look(el));
    }
    document.activeElement?.blur();
  })()`);
  const invisible: string[] = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press("Tab");
    const result = (await page.evaluate(`(() => {
      const look = ${FOCUS_STYLE};
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const before = window.__unfocused.get(el);
      const name = el.tagName.toLowerCase() + (el.dataset.testid ? "[data-testid=" + el.dataset.testid + "]" : "") + " " + (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 20);
      return { name, visible: before === undefined || before !== look(el) };
    })()`)) as { name: string; visible: boolean } | null;
    if (result === null) break;
    if (!result.visible) invisible.push(result.name);
  }
  return invisible;
}

describe("keyboard", () => {
  it("the first Tab reaches a skip link, shown on screen, that moves the focus to the page's content", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("Tab");
    const skip = page.getByTestId("skip-link");
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.innerText()).toBe("本文へ移動");
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("content");
    // The next Tab is inside the content (the tabs), past the top bar.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("#content") !== null)).toBe(true);
    expect(new URL(page.url()).hash).toBe("");
    await context.close();
  });

  it("marks the tab shown with aria-current, on the home page, the plan and the meeting", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    // A tab change is a navigation that React Router renders as a transition, after the URL
    // has changed: wait for the tab to be marked, then check it is the only one.
    const current = async (shown?: string) => {
      if (shown) await page.locator(`nav.tabs [aria-current="page"][data-testid="${shown}"]`).waitFor();
      return page
        .locator('nav.tabs [aria-current="page"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    };
    expect(await current()).toEqual(["tab-home"]);
    await showTab(page, "members");
    expect(await current("tab-members")).toEqual(["tab-members"]);
    await showTab(page, "indicators");
    await page.getByTestId("indicators-view-trend").click();
    // The view is kept in the URL; React Router renders a navigation as a transition.
    await page.waitForURL(/iview=trend/);
    await page.locator('[aria-current="page"][data-testid="indicators-view-trend"]').waitFor();
    expect(
      await page
        .locator('[aria-current="page"][data-testid^="indicators-view-"]')
        .getAttribute("data-testid"),
    ).toBe("indicators-view-trend");

    await showTab(page, "plans");
    await page.getByTestId("plan-link-2023").click();
    await page.getByTestId("plan-page").waitFor();
    await page.getByTestId("plan-view-schedule").click();
    await page.waitForURL(/view=schedule/);
    expect(await current("plan-view-schedule")).toEqual(["plan-view-schedule"]);

    await page.goBack();
    await page.goBack();
    await page.getByTestId("tab-meetings").click();
    await page.getByTestId("meetings-year").selectOption("2023");
    await page.getByTestId("meeting-link").first().click();
    await page.getByTestId("meeting-page").waitFor();
    await page.getByTestId("meeting-tab-attendance").click();
    await page.waitForURL(/tab=attendance/);
    expect(await current("meeting-tab-attendance")).toEqual(["meeting-tab-attendance"]);
    await context.close();
  });

  it("shows where the keyboard focus is on every control it reaches (home, plan, meeting)", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    const invisible: string[] = [];
    invisible.push(...(await focusInvisibleStops(page, 20)).map((n) => `home: ${n}`));
    await page.getByTestId("tab-plans").click();
    await page.getByTestId("plan-link-2023").click();
    await page.getByTestId("plan-page").waitFor();
    await page.getByTestId("plan-view-actions").click();
    await waitForSyncState(page, "saved");
    await page.getByTestId("action-row").first().waitFor();
    invisible.push(...(await focusInvisibleStops(page, 40)).map((n) => `plan: ${n}`));
    const wid = new URL(page.url()).pathname.split("/")[2];
    await page.goto(`/w/${wid}?tab=meetings`);
    await page.getByTestId("meetings-year").selectOption("2023");
    await page.getByTestId("meeting-link").first().click();
    await page.getByTestId("meeting-page").waitFor();
    await page.getByTestId("meeting-tab-minutes").click();
    await page.getByTestId("editor").waitFor();
    invisible.push(...(await focusInvisibleStops(page, 30)).map((n) => `meeting: ${n}`));
    expect(invisible).toEqual([]);
    await context.close();
  });
});
