/**
 * Length limits and rows the plan's rules reject. An older client (here a y-websocket client
 * in Node with a member's session, as the old screens were) writes a 取組 whose title is
 * longer than the schema allows and a 課題 with a status the schema does not know: both stay
 * on screen with what is wrong, can be fixed in place (then they are back in their lists for
 * everyone) or deleted. The inputs themselves stop at the schema's limits and say so.
 */
import {
  COLLAB_PATH,
  COMMENT_BODY_MAX,
  insertRow,
  MEETING_PLACE_MAX,
  orderKeysAfter,
  PLAN_TEXT_LIMITS,
  setRowField,
  TITLE_MAX,
} from "@tsumugi/domain";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { connectProvider } from "../../server/src/testing/collab-clients.js";
import { type E2EServer, e2eTest } from "./harness.js";
import { eventually, loggedInPage, waitForSyncState } from "./pages.js";

const it = e2eTest();

const SHOTS = "/work/shots/coedit";

async function openPlanView(page: Page, view: string): Promise<void> {
  await page.getByTestId("tab-plans").click();
  await page.getByTestId("plan-link-2023").click();
  await page.getByTestId("plan-page").waitFor();
  await page.getByTestId(`plan-view-${view}`).click();
  await waitForSyncState(page, "saved");
}

async function titles(page: Page, testId: string): Promise<string[]> {
  const inputs = page.getByTestId(testId);
  const out: string[] = [];
  for (let i = 0; i < (await inputs.count()); i++) out.push(await inputs.nth(i).inputValue());
  return out;
}

const rowId = () => Array.from({ length: 12 }, () => Math.floor(Math.random() * 36).toString(36)).join("");

/** What an older client writes into the plan: rows the current rules reject. */
async function writeAsOldClient(
  server: E2EServer,
  page: Page,
  write: (doc: import("yjs").Doc) => void,
): Promise<void> {
  const wid = /\/w\/([^/]+)\//.exec(page.url())?.[1];
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const res = await fetch(`${server.url}/api/workspaces/${wid}/plans/2023`, { headers: { cookie } });
  const { plan } = (await res.json()) as { plan: { docName: string } };
  const client = connectProvider(`ws://localhost:${server.port}${COLLAB_PATH}`, plan.docName, {
    cookie,
    origin: server.url,
  });
  try {
    await client.synced();
    client.doc.transact(() => write(client.doc));
    expect(await client.acknowledged()).toBe(true);
  } finally {
    client.destroy();
  }
}

describe("rows the plan's rules reject", () => {
  it("stay visible with what is wrong, are fixed in place or deleted, and go back to their lists", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    for (const p of [secretariat.page, nurse.page]) p.on("dialog", (d) => void d.accept());
    await openPlanView(secretariat.page, "actions");
    await openPlanView(nurse.page, "actions");

    const longTitle = `多職種連携研修会の企画と運営（${"事例検討・グループワーク・振り返り".repeat(14)}）`;
    expect(longTitle.length).toBeGreaterThan(TITLE_MAX);
    const actionId = rowId();
    const strayId = rowId();
    await writeAsOldClient(server, secretariat.page, (doc) => {
      const [order, strayOrder] = orderKeysAfter(null, 2);
      const action = {
        id: actionId,
        order,
        title: longTitle,
        detail: "看取り期の事例をもとに多職種で検討する。",
        scenes: ["endOfLife"],
        items: ["f"],
        goalCodes: [],
        ownerGroupId: null,
        ownerUserId: null,
        ownerName: "",
        period: { start: "2023-09", end: "2024-02" },
        status: "notStarted",
        progress: 0,
        weight: 1,
        problemIds: [],
        indicatorIds: [],
        evaluation: { grade: null, comment: "" },
        nextStep: "",
        carriedFrom: null,
      };
      insertRow(doc, "actions", action);
      insertRow(doc, "actions", {
        ...action,
        id: strayId,
        order: strayOrder,
        title: "試験用の行".repeat(50),
      });
      // A 課題 with a status this version does not know.
      const problems = doc.getMap<import("yjs").Map<unknown>>("problems");
      const [firstProblem] = [...problems.keys()];
      setRowField(doc, "problems", firstProblem, "status", "onHold");
    });

    // Both screens list the three rows, each with its name and what is wrong.
    for (const page of [secretariat.page, nurse.page]) {
      await eventually(
        async () => (await page.getByTestId("invalid-row").count()) === 3,
        "three rows in the list of rows to fix",
      );
    }
    const page = secretariat.page;
    const panel = page.getByTestId("invalid-rows");
    expect(await panel.locator("h2").innerText()).toContain("3 件");
    const longRow = panel.locator(`[data-testid="invalid-row"][data-row-id="${actionId}"]`);
    expect(await longRow.getByTestId("invalid-row-name").innerText()).toContain(
      "多職種連携研修会の企画と運営",
    );
    expect(await longRow.getByTestId("invalid-problem").innerText()).toContain(
      `タイトルが${TITLE_MAX}文字を超えています（${longTitle.length}文字）。`,
    );
    expect(await longRow.innerText()).toContain("看取り期の事例をもとに多職種で検討する。");
    const statusRow = panel.locator('[data-testid="invalid-row"][data-table="problems"]');
    expect(await statusRow.getByTestId("invalid-problem").innerText()).toContain(
      "状況の値が正しくありません。",
    );
    // Not in the list of actions (it cannot be shown there), but not gone.
    expect(
      (await titles(page, "action-title")).some((t) => t.startsWith("多職種連携研修会の企画と運営")),
    ).toBe(false);

    await page.setViewportSize({ width: 1366, height: 768 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/invalid-rows-1366.png` });
    await nurse.page.setViewportSize({ width: 390, height: 844 });
    await nurse.page.getByTestId("invalid-rows").scrollIntoViewIfNeeded();
    await nurse.page.screenshot({ path: `${SHOTS}/invalid-rows-390.png`, fullPage: false });

    // Shorten the title in place: the field shows by how much it is over, then the row is back.
    const field = longRow.getByTestId("invalid-row-text");
    expect(await longRow.getByTestId("limit-hint").innerText()).toContain(
      `上限の${TITLE_MAX}文字を${longTitle.length - TITLE_MAX}文字超えています。`,
    );
    await field.click();
    await field.evaluate(
      (el: HTMLTextAreaElement, max) => el.setSelectionRange(max - 1, el.value.length),
      TITLE_MAX,
    );
    await page.keyboard.press("Backspace");
    const fixedTitle = longTitle.slice(0, TITLE_MAX - 1);
    await page.getByTestId("invalid-fixed").waitFor();
    expect(await page.getByTestId("invalid-fixed").innerText()).toContain("一覧に戻りました");
    for (const p of [page, nurse.page]) {
      await eventually(
        async () => (await titles(p, "action-title")).includes(fixedTitle),
        "the fixed action in the list",
      );
    }

    // The unknown status goes back to the default; the 課題 is back in its list.
    await statusRow.getByTestId("invalid-row-reset").click();
    await eventually(
      async () => (await panel.getByTestId("invalid-row").count()) === 1,
      "one row left to fix",
    );

    // The stray row is deleted for everyone.
    await panel.locator(`[data-row-id="${strayId}"]`).getByTestId("invalid-row-delete").click();
    for (const p of [page, nurse.page]) {
      await eventually(async () => (await p.getByTestId("invalid-row").count()) === 0, "no rows left to fix");
    }
    await waitForSyncState(page, "saved");

    // A page opened afresh agrees: the fixed row from the server, nothing left to fix.
    const third = await loggedInPage(browser, server, "医師");
    await openPlanView(third.page, "actions");
    await eventually(
      async () => (await titles(third.page, "action-title")).includes(fixedTitle),
      "the fixed row",
    );
    expect(await third.page.getByTestId("invalid-row").count()).toBe(0);
    for (const c of [secretariat, nurse, third]) await c.context.close();
  }, 120_000);
});

describe("inputs bound to plan and meeting fields", () => {
  it("stop at the schema's limit and say so as the limit nears", async ({ server, browser }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openPlanView(doctor.page, "actions");
    await openPlanView(nurse.page, "actions");
    const page = doctor.page;
    const max = PLAN_TEXT_LIMITS.actions.title;
    const row = page.getByTestId("action-row").first();
    const id = await row.getAttribute("data-row-id");
    const title = row.getByTestId("action-title");
    expect(await title.getAttribute("maxlength")).toBe(String(max));

    await title.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText("訪".repeat(max - 25));
    expect(await row.getByTestId("limit-hint").count()).toBe(0);
    await page.keyboard.insertText("問".repeat(15));
    expect(await row.getByTestId("limit-hint").innerText()).toBe(`あと10文字で上限（${max}文字）です。`);
    // Pasting more than fits keeps only what fits; typing at the limit adds nothing.
    await page.keyboard.insertText("看護".repeat(20));
    await page.keyboard.type("X");
    expect((await title.inputValue()).length).toBe(max);
    expect(await title.inputValue()).not.toContain("X");
    expect(await row.getByTestId("limit-hint").innerText()).toBe(
      `上限の${max}文字に達しました。これ以上は入力できません。`,
    );
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${SHOTS}/limit-hint-1366.png` });
    const other = nurse.page.locator(
      `[data-testid="action-row"][data-row-id="${id}"] [data-testid="action-title"]`,
    );
    await eventually(async () => (await other.inputValue()).length === max, "the limited title at the nurse");
    await waitForSyncState(page, "saved");

    // A comment on the row stops at the server's limit for comments.
    await row.getByRole("button", { name: "コメント" }).click();
    expect(await page.getByTestId("comment-body").getAttribute("maxlength")).toBe(String(COMMENT_BODY_MAX));

    // A new meeting's place (checked by the server) stops at its limit too.
    const secretariat = await loggedInPage(browser, server, "事務局");
    await secretariat.page.getByTestId("tab-meetings").click();
    await secretariat.page.getByTestId("meeting-new").click();
    const place = secretariat.page.getByTestId("meeting-place");
    expect(await place.getAttribute("maxlength")).toBe(String(MEETING_PLACE_MAX));
    await place.click();
    await secretariat.page.keyboard.insertText("流山市役所 第1庁舎 3階 会議室".repeat(20));
    expect((await place.inputValue()).length).toBe(MEETING_PLACE_MAX);
    expect(await secretariat.page.getByTestId("limit-hint").innerText()).toBe(
      `上限の${MEETING_PLACE_MAX}文字に達しました。これ以上は入力できません。`,
    );
    await secretariat.context.close();
    for (const c of [doctor, nurse]) await c.context.close();
  }, 90_000);
});
