/** Steps a person takes in the app, shared by the browser tests. */

import type { Browser, BrowserContext, Page } from "playwright-core";
import { vi } from "vitest";
import type { DemoLogin, E2EServer } from "./harness.js";

export function demoLogin(server: E2EServer, label: string): DemoLogin {
  const login = server.logins.find((l) => l.label === label);
  if (!login) throw new Error(`no demo login "${label}" in:\n${server.output()}`);
  return login;
}

export async function loggedInPage(
  browser: Browser,
  server: E2EServer,
  label: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "ja-JP", baseURL: server.url });
  const page = await context.newPage();
  await logIn(page, server, label);
  return { context, page };
}

/** Logs the page in as the demo login with this label, and waits for the workspace. */
export async function logIn(page: Page, server: E2EServer, label: string): Promise<void> {
  await page.goto("/login");
  const login = demoLogin(server, label);
  await page.getByTestId("login-email").fill(login.email);
  await page.getByTestId("login-password").fill(login.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("workspace-name").waitFor();
}

/** A phone (390×844, touch) of its own, logged in to nothing. */
export async function phoneContext(
  browser: Browser,
  server: E2EServer,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: "ja-JP",
    baseURL: server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return { context, page: await context.newPage() };
}

/**
 * Calls the API from the page, as its person (their session cookie), for what a test sets up
 * without the screens; answers the JSON body (null when there is none), and fails on an error.
 */
export async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const answer = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: answer.status, text: await answer.text() };
    },
    { method, path, body },
  );
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return (res.text ? JSON.parse(res.text) : null) as T;
}

/** Makes an event in workspace `wid` through the API with `fields` (as the create form sends them); its id. */
export async function createEvent(page: Page, wid: string, fields: Record<string, unknown>): Promise<string> {
  const { event } = await callApi<{ event: { id: string } }>(
    page,
    "POST",
    `/api/workspaces/${wid}/events`,
    fields,
  );
  return event.id;
}

export async function openDocument(page: Page, title: string): Promise<void> {
  await page.getByTestId("tab-documents").click();
  await page.getByTestId("document-link").filter({ hasText: title }).click();
  await page.getByTestId("editor").waitFor();
  await waitForSyncState(page, "saved");
}

export async function waitForSyncState(page: Page, state: string, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="sync-state"][data-state="${state}"]`).waitFor({ timeout });
}

export function editorText(page: Page): Promise<string> {
  return page.getByTestId("editor").innerText();
}

/** Puts the caret at the end of the paragraph containing `text`. */
export async function caretAfter(page: Page, text: string): Promise<void> {
  await page.getByTestId("editor").locator("p", { hasText: text }).first().click();
  await page.keyboard.press("End");
}

/**
 * Waits until `check` answers true (asked every 100 ms), failing after `timeout` with `what`.
 * vi.waitFor rather than expect.poll: set-up hooks (beforeAll) wait with it too, where expect.poll refuses to run.
 */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeout = 10_000,
): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout, interval: 100 },
  );
}

/** The text of each paragraph as the reader sees it, without the remote carets' name labels. */
export function paragraphTexts(page: Page): Promise<string[]> {
  return page.getByTestId("editor").evaluate((root) =>
    [...root.querySelectorAll("p, h1, h2, h3, li")].map((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
      return copy.textContent ?? "";
    }),
  );
}
