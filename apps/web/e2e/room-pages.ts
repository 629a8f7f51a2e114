/** Steps through plans and meetings shared by the meeting-room browser tests. */
import type { Page } from "playwright-core";
import { eventually, logIn, phoneContext, waitForSyncState } from "./pages.js";

/** Goes to the workspace's home (its tabs) unless the page already shows them. */
async function toWorkspace(page: Page): Promise<void> {
  if ((await page.getByTestId("workspace-name").count()) > 0) return;
  await page.goto(`/w/${workspaceIdOf(page)}`);
  await page.getByTestId("workspace-name").waitFor();
}

export async function openPlanView(page: Page, view: string, fy = 2023): Promise<void> {
  await toWorkspace(page);
  await page.getByTestId("tab-plans").click();
  await page.getByTestId(`plan-link-${fy}`).click();
  await page.getByTestId("plan-page").waitFor();
  await page.getByTestId(`plan-view-${view}`).click();
  await waitForSyncState(page, "saved");
}

export async function openMeeting(page: Page, title: string, fy = 2023): Promise<void> {
  await toWorkspace(page);
  await page.getByTestId("tab-meetings").click();
  await page.getByTestId("meetings-year").selectOption(String(fy));
  await page.getByTestId("meeting-link").filter({ hasText: title }).click();
  await page.getByTestId("meeting-page").waitFor();
  await waitForSyncState(page, "saved");
}

/** The values of the inputs with this test id, in order. */
export async function inputValues(page: Page, testId: string): Promise<string[]> {
  const inputs = page.getByTestId(testId);
  const out: string[] = [];
  for (let i = 0; i < (await inputs.count()); i++) out.push(await inputs.nth(i).inputValue());
  return out;
}

/** Waits until an input with this test id holds `value` exactly. */
export async function waitForValue(page: Page, testId: string, value: string, what: string): Promise<void> {
  await eventually(async () => (await inputValues(page, testId)).includes(value), what, 15_000);
}

/** The workspace id in the page's URL (/w/<id>/…). */
export function workspaceIdOf(page: Page): string {
  return new URL(page.url()).pathname.split("/")[2];
}

/** What a phone layout check found: labels broken into a narrow column, and page overflow. */
export interface NarrowProblems {
  /** Texts of 2+ characters laid out over several lines in a column under 3.5em wide. */
  columns: string[];
  /** How much wider than the window the page is (0: no sideways scrolling). */
  overflow: number;
}

/**
 * Finds labels squeezed to a few characters per line (a tab, a button, a table header
 * crushed by its neighbours) and sideways overflow of the page. Text inside an element that
 * scrolls sideways on purpose (a wide table in its own scroll box) counts only if it too is
 * squeezed.
 */
export function narrowProblems(
  page: Page,
  /** A text on several lines whose widest line is narrower than this many ems is squeezed. */
  minEm = 3.5,
): Promise<NarrowProblems> {
  return page.evaluate((minEm) => {
    const columns: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      if ([...text].length < 2) continue;
      const el = node.parentElement;
      if (!el) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || el.closest("[hidden], .print-only, .sr-only")) continue;
      // Visually hidden labels (for screen readers) are 1px boxes on purpose.
      const box = el.getBoundingClientRect();
      if (box.width <= 2 || box.height <= 2) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length < 2) continue;
      const em = Number.parseFloat(style.fontSize) || 16;
      // Lines of the same node that start at the same x: a column, not a wrapped sentence
      // (a span that starts late on a line and goes on at the next line's start).
      const lefts = rects.map((r) => r.left);
      if (Math.max(...lefts) - Math.min(...lefts) > 1) continue;
      const widest = Math.max(...rects.map((r) => r.width));
      if (widest < minEm * em) columns.push(text.slice(0, 40));
    }
    const overflow = Math.max(0, document.documentElement.scrollWidth - window.innerWidth);
    return { columns, overflow };
  }, minEm);
}

/** A person logged in on a phone (390×844, touch). */
export async function loggedInPhone(
  browser: import("playwright-core").Browser,
  server: import("./harness.js").E2EServer,
  label: string,
): Promise<{ context: import("playwright-core").BrowserContext; page: Page }> {
  const phone = await phoneContext(browser, server);
  await logIn(phone.page, server, label);
  return phone;
}
