import type { Locator, Page } from "playwright-core";
import { describe, expect, vi } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage, waitForSyncState } from "./pages.js";

const it = e2eTest();

async function openPlanView(page: Page, view: string): Promise<void> {
  await page.getByTestId("tab-plans").click();
  await page.getByTestId("plan-link-2023").click();
  await page.getByTestId("plan-page").waitFor();
  await page.getByTestId(`plan-view-${view}`).click();
  await waitForSyncState(page, "saved");
}

/** The row whose title starts with `title`, waiting for the list to render it. */
async function rowByTitle(page: Page, testId: string, titleTestId: string, title: string): Promise<Locator> {
  const rows = page.getByTestId(testId);
  return vi.waitFor(
    async () => {
      const count = await rows.count();
      for (let i = 0; i < count; i++) {
        const value = await rows.nth(i).getByTestId(titleTestId).inputValue();
        if (value.startsWith(title)) return rows.nth(i);
      }
      throw new Error(`no row titled ${title}`);
    },
    { timeout: 15_000, interval: 100 },
  );
}

async function titles(page: Page, titleTestId: string): Promise<string[]> {
  const inputs = page.getByTestId(titleTestId);
  const n = await inputs.count();
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await inputs.nth(i).inputValue());
  return out;
}

describe("the plan, edited live by two members", () => {
  it("merges simultaneous edits to the action list, shows who is on which row, and the dashboard follows", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    const secretariat = await loggedInPage(browser, server, "事務局");
    await openPlanView(doctor.page, "actions");
    await openPlanView(nurse.page, "actions");
    await openPlanView(secretariat.page, "dashboard");
    const resolvedBefore = Number(await secretariat.page.getByTestId("problems-resolved").innerText());

    // The doctor extends one action's title while the nurse adds a new action and sets the
    // status of another, at the same time.
    const shobo = await rowByTitle(doctor.page, "action-row", "action-title", "消防との情報交換");
    const title = shobo.getByTestId("action-title");
    await title.click();
    await title.press("End");
    const nurseRow = await rowByTitle(nurse.page, "action-row", "action-title", "専門職間の情報連携方法");
    await Promise.all([
      doctor.page.keyboard.type("（年2回）"),
      (async () => {
        await nurseRow.getByTestId("action-status").selectOption("inProgress");
        await nurse.page.getByTestId("add-action").click();
        await nurse.page.keyboard.type("訪問看護ステーション向け急変時研修");
      })(),
    ]);

    for (const page of [doctor.page, nurse.page]) {
      await eventually(async () => {
        const all = await titles(page, "action-title");
        return (
          all.includes("消防との情報交換の実施（年2回）") &&
          all.includes("訪問看護ステーション向け急変時研修")
        );
      }, "both edits in both lists");
      await eventually(
        async () =>
          (await (
            await rowByTitle(page, "action-row", "action-title", "専門職間の情報連携方法")
          )
            .getByTestId("action-status")
            .inputValue()) === "inProgress",
        "the nurse's status change",
      );
    }

    // The doctor is on the 消防 row: the nurse sees his name there.
    await eventually(async () => {
      const row = await rowByTitle(nurse.page, "action-row", "action-title", "消防との情報交換");
      return (await row.getByTestId("row-visitors").allInnerTexts()).join("").includes("井上 誠");
    }, "the doctor's name on the row he edits");

    // Filtering by scene shows only that scene's actions.
    await doctor.page.getByTestId("filter-scene").selectOption("discharge");
    const discharge = await titles(doctor.page, "action-title");
    expect(discharge.length).toBeGreaterThan(0);
    expect(discharge).not.toContain("消防との情報交換の実施（年2回）");
    await doctor.page.getByTestId("filter-scene").selectOption("");

    // A problem resolved in the problem list shows up on the secretariat's dashboard.
    await nurse.page.getByTestId("plan-view-problems").click();
    await nurse.page.getByTestId("problem-row").first().waitFor();
    const problem = await rowByTitle(
      nurse.page,
      "problem-row",
      "problem-title",
      "看取り支援の経験の少ない職員",
    );
    await problem.getByTestId("problem-status").selectOption("resolved");
    await waitForSyncState(nurse.page, "saved");
    await eventually(
      async () =>
        Number(await secretariat.page.getByTestId("problems-resolved").innerText()) === resolvedBefore + 1,
      "the dashboard's resolved count",
      20_000,
    );
    await eventually(
      async () => (await secretariat.page.getByTestId("dashboard-changes").innerText()).includes("小林 由紀"),
      "the nurse in the recent changes",
      20_000,
    );

    // A third member opening the plan later gets everything from the server.
    const caremanager = await loggedInPage(browser, server, "ケアマネジャー");
    await openPlanView(caremanager.page, "actions");
    await eventually(async () => {
      const all = await titles(caremanager.page, "action-title");
      return (
        all.includes("消防との情報交換の実施（年2回）") && all.includes("訪問看護ステーション向け急変時研修")
      );
    }, "the edits for a later visitor");
  }, 120_000);

  it("is read-only for an observer, who still sees the board", async ({ server, browser }) => {
    const pref = await loggedInPage(browser, server, "千葉県（閲覧）");
    await openPlanView(pref.page, "board");
    await pref.page.getByTestId("read-only").waitFor();
    expect(await pref.page.getByTestId("scene-emergency").innerText()).toContain("救急現場での情報不足");
    await pref.page.getByTestId("plan-view-actions").click();
    expect(await pref.page.getByTestId("add-action").count()).toBe(0);
    expect(await pref.page.getByTestId("action-title").first().getAttribute("readonly")).not.toBeNull();
  }, 60_000);

  it("keeps an IME composition in a cell intact while a colleague edits the same cell", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openPlanView(doctor.page, "actions");
    await openPlanView(nurse.page, "actions");
    const target = "在宅医療介護連携の相談窓口の周知";
    const myRow = await rowByTitle(doctor.page, "action-row", "action-title", target);
    const mine = myRow.getByTestId("action-title");
    await mine.click();
    await mine.press("End");
    const cdp = await doctor.context.newCDPSession(doctor.page);
    for (const kana of ["か", "かく", "かくに", "かくにん"]) {
      await cdp.send("Input.imeSetComposition", {
        text: kana,
        selectionStart: kana.length,
        selectionEnd: kana.length,
      });
    }
    // Mid-composition the nurse types at the start of the same title.
    const theirs = (await rowByTitle(nurse.page, "action-row", "action-title", target)).getByTestId(
      "action-title",
    );
    await theirs.click();
    await theirs.press("Home");
    await nurse.page.keyboard.type("【至急】");
    await waitForSyncState(nurse.page, "saved");
    // Her edit reaches the doctor's copy of the title while he composes (the field itself is
    // left alone until the conversion ends; the row's printed text follows the document).
    await eventually(
      async () =>
        ((await myRow.locator(".cell-title .print-text").textContent()) ?? "").startsWith("【至急】"),
      "the nurse's edit in the doctor's document",
    );
    expect((await mine.inputValue()).match(/かくにん/g)).toHaveLength(1);

    await cdp.send("Input.imeSetComposition", { text: "確認", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "確認" });
    const expected = `【至急】${target}確認`;
    for (const page of [doctor.page, nurse.page]) {
      await eventually(
        async () => (await titles(page, "action-title")).includes(expected),
        `"${expected}" on both screens`,
      );
    }
    expect((await titles(doctor.page, "action-title")).join("")).not.toContain("かくにん");
  }, 60_000);

  it("prints the board on A4 landscape without the screen's controls", async ({ server, browser }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await openPlanView(page, "board");
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("plan-view-actions").isVisible()).toBe(false);
    expect(await page.getByTestId("plan-export").isVisible()).toBe(false);
    expect(await page.locator("h1.print-only").isVisible()).toBe(true);
    expect(await page.getByTestId("scene-endOfLife").isVisible()).toBe(true);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const text = Buffer.from(pdf).toString("latin1");
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    // A4 landscape is 297 × 210 mm = 841.89 × 595.28 points.
    expect(Math.round(Number(box?.[1]))).toBe(842);
    expect(Math.round(Number(box?.[2]))).toBe(595);
  }, 60_000);
});
