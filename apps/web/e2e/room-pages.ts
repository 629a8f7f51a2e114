/** Steps through plans and meetings shared by the meeting-room browser tests. */
import type { Page } from "playwright-core";
import { eventually, waitForSyncState } from "./pages.js";

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
