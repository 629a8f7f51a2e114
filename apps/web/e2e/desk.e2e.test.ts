/**
 * The consultation desk (相談支援) in Chromium against the real server with the demo: a
 * coordinator records a phone call with the keyboard alone (the draft on the device keeps no
 * name), bad input is refused in Japanese and nothing is saved, the list and a case, the
 * statistics with their tables, an example drafted, approved by the secretariat and shown on
 * the public page; members and observers have no desk menu and no way in.
 */
import type { Page } from "playwright-core";
import { describe, expect, vi } from "vitest";
import { seriousViolations } from "./axe.js";
import { e2eTest } from "./harness.js";
import { loggedInPage } from "./pages.js";

const shots = process.env.SCREENSHOT_DIR;

const it = e2eTest();

/** Retries `assertion` until it passes (the page answers asynchronously), at most 10 s. */
const eventually = (assertion: () => Promise<unknown>) =>
  vi.waitFor(assertion, { timeout: 10_000, interval: 100 });

/** Presses Tab until the element with `testId` has the focus: it is reachable by keyboard. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
    if (focused === testId) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${testId} not reached with Tab`);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/desk-${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

const NAME = "キーボード 太郎";

describe("the consultation desk", () => {
  it("records a phone call by keyboard alone; the draft keeps no name; the case and list show it", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "コーディネーター");
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("desk-view-entry").click();
    const form = page.getByTestId("consultation-form");
    await form.waitFor();
    // The form opens with the desk focused, defaults from the desk (電話).
    await eventually(async () =>
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
        "entry-desk",
      ),
    );
    expect(await page.getByTestId("entry-method").inputValue()).toBe("phone");
    expect(await page.getByTestId("entry-received-readback").innerText()).toMatch(
      /^令和\d+年\d+月\d+日（.）\d+:\d+$/,
    );
    await tabTo(page, "entry-consulter-type");
    await page.keyboard.press("ArrowDown"); // 家族 → 医師
    await tabTo(page, "topics-endOfLife");
    await page.keyboard.press("Space");
    await tabTo(page, "entry-content");
    await page.keyboard.type("自宅で看取りたいという相談。");
    await tabTo(page, "responses-information");
    await page.keyboard.press("Space");
    // Referred to an entry of the resource directory: typed, Enter, the entry chosen with Enter.
    await tabTo(page, "referral-search");
    await page.keyboard.type("訪問看護");
    await page.keyboard.press("Enter");
    await page.getByTestId("referral-hit").first().waitFor();
    const referredTo = (await page.getByTestId("referral-hit").first().innerText()).replace(/（.*$/, "");
    await tabTo(page, "referral-hit");
    await page.keyboard.press("Enter");
    expect(await page.getByTestId("referral-chosen").innerText()).toContain(referredTo);
    await tabTo(page, "entry-person-name");
    await page.keyboard.type(NAME);
    await tabTo(page, "entry-person-contact");
    await page.keyboard.type("090-1111-2222");
    // The draft on the device: the coded choices, never the name or the text.
    await eventually(async () => {
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      expect(stored).toContain("endOfLife");
      expect(stored).not.toContain("キーボード");
      expect(stored).not.toContain("090-1111-2222");
      expect(stored).not.toContain("看取り");
    });
    await shot(page, "entry");
    await page.keyboard.press("Control+Enter");
    const saved = page.getByTestId("consultation-saved");
    await saved.waitFor();
    expect(await saved.innerText()).toMatch(/^相談を記録しました（No\.\d+）。$/);
    // Ready for the next call: cleared, focus back on the first field, no draft left.
    expect(await page.getByTestId("entry-person-name").inputValue()).toBe("");
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.includes("desk-draft"))
          .map((k) => localStorage.getItem(k)),
      ),
    ).not.toContain(expect.stringContaining("endOfLife"));

    // The list (this 年度, newest first) and the case with the person's name.
    await page.getByTestId("desk-view-list").click();
    await page.getByTestId("desk-list").waitFor();
    await page.getByTestId("filter-topic").selectOption("endOfLife");
    await page.getByTestId("filter-consulterType").selectOption("doctor");
    await eventually(async () => expect(await page.getByTestId("desk-list").innerText()).toContain("医師"));
    await shot(page, "list");
    await page.getByTestId("open-case").first().click();
    await page.getByTestId("desk-case").waitFor();
    expect(await page.getByTestId("case-person-name").innerText()).toBe(NAME);
    expect(await page.getByTestId("desk-case").innerText()).toContain("自宅で看取りたいという相談。");
    await shot(page, "case");
    // The referral names the entry and opens it in the directory.
    const referral = page.getByTestId("case-referral-link").first();
    expect(await referral.innerText()).toContain(referredTo);
    await referral.click();
    await expect
      .poll(() => page.getByTestId("resource-card").first().textContent(), { timeout: 10_000 })
      .toContain(referredTo);
    await page.goBack();
    await page.getByTestId("desk-case").waitFor();

    // The exact-name search finds it; a part of the name does not.
    await page.getByTestId("desk-view-list").click();
    await page.getByTestId("search-name").fill("キーボード");
    await page.getByTestId("search-button").click();
    await eventually(async () =>
      expect(await page.getByTestId("search-results").innerText()).toContain("一致する記録はありません"),
    );
    await page.getByTestId("search-name").fill("キーボード　太郎");
    await page.getByTestId("search-button").click();
    await eventually(async () =>
      expect(await page.getByTestId("search-results").innerText()).toContain("1件の対象者"),
    );

    // A draft is restored without the name after a reload, and logout removes it.
    await page.getByTestId("desk-view-entry").click();
    await page.getByTestId("topics-acp").check();
    await page.getByTestId("entry-person-name").fill("下書き 花子");
    await page.reload();
    await page.getByTestId("consultation-form").waitFor();
    expect(await page.getByTestId("topics-acp").isChecked()).toBe(true);
    expect(await page.getByTestId("entry-person-name").inputValue()).toBe("");
    await context.close();
  });

  it("refuses a future date and an empty content in Japanese and saves nothing", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "コーディネーター");
    await page.goto(`${new URL(page.url()).pathname}?tab=desk&view=list`);
    const before = await page.getByTestId("desk-list-total").innerText();
    await page.getByTestId("desk-view-entry").click();
    await page.getByTestId("entry-received-at").fill("2099-04-01T10:00");
    await page.getByTestId("entry-person-name").fill("未来 太郎");
    await page.getByTestId("entry-save").click();
    const form = page.getByTestId("consultation-form");
    await eventually(async () => {
      const text = await form.innerText();
      expect(text).toContain("未来の日時は入力できません。");
      expect(text).toContain("入力してください。");
      expect(text).toContain("1つ以上選んでください。");
      expect(text).toContain("記録はまだ保存されていません");
    });
    // What was typed is still there to fix.
    expect(await page.getByTestId("entry-person-name").inputValue()).toBe("未来 太郎");
    await shot(page, "errors");
    await page.getByTestId("desk-view-list").click();
    await eventually(async () => expect(await page.getByTestId("desk-list-total").innerText()).toBe(before));
    await context.close();
  });

  it("shows statistics as charts with tables, and exports with a reason", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("desk-view-statistics").click();
    await page.getByTestId("stats-fy").selectOption("2025");
    await eventually(async () =>
      expect(await page.getByTestId("stats-total").innerText()).toMatch(/令和7年度.*：\d{3}件/),
    );
    // Recharts draws a step after the figures arrive: wait for every chart's frame to say its
    // surface is drawn (the month chart and one per dimension: 相談者, 内容, 方法, 対応, 窓口, 圏域).
    await expect
      .poll(() => page.locator('.desk-chart[data-drawn="true"]').count(), { timeout: 10_000 })
      .toBe(7);
    expect(await page.locator(".desk-chart").count()).toBe(7);
    expect(await page.locator(".desk-chart svg.recharts-surface").count()).toBe(7);
    await shot(page, "statistics");
    // On a phone the charts fit the screen: nothing is wider than the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await eventually(async () => {
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".desk-stats *")]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .filter((el) => !el.closest(".table-scroll"))
          .slice(0, 5)
          .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
      );
      expect(wide).toEqual([]);
    });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId("stats-toggle").click();
    const table = page.getByTestId("stats-consulterType").locator("table");
    expect(await table.innerText()).toContain("ケアマネジャー");
    // An export needs a reason.
    await page.getByTestId("export-button").click();
    await eventually(async () =>
      expect(await page.getByTestId("desk-export").innerText()).toContain("入力してください。"),
    );
    await page.getByTestId("export-reason").selectOption("evaluation");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-button").click(),
    ]);
    expect(download.suggestedFilename()).toBe("相談統計_令和7年度.xlsx");
    await context.close();
  });

  it("publishes an example: drafted without names by the coordinator, approved by the secretariat, on the public page", async ({
    server,
    browser,
  }) => {
    const coordinator = await loggedInPage(browser, server, "コーディネーター");
    const page = coordinator.page;
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("desk-view-list").click();
    await page.getByTestId("open-case").first().click();
    await page.getByTestId("desk-case").waitFor();
    const name = (await page.getByTestId("case-person-name").innerText()).replace(/（.*$/, "");
    await page.getByTestId("draft-example").first().click();
    await page.getByTestId("example-title").fill("退院後の生活の相談");
    await page.getByTestId("example-question").fill(`${name}さんの退院後の生活について`);
    await page.getByTestId("example-answer").fill("関係者で退院前カンファレンスを開いた。");
    await page.getByTestId("example-save").click();
    await eventually(async () =>
      expect(await page.getByTestId("example-draft-form").innerText()).toContain(
        "個人が分かる内容が含まれています",
      ),
    );
    await page.getByTestId("example-question").fill("家族から、退院後の生活についての相談。");
    await page.getByTestId("example-save").click();
    await page.getByTestId("example-created").waitFor();
    await page.getByTestId("desk-view-examples").click();
    const mine = page.getByTestId("example-item").filter({ hasText: "退院後の生活の相談" });
    await mine.getByTestId("example-submit").click();
    await eventually(async () =>
      expect(await mine.getByTestId("example-status").innerText()).toBe("承認待ち"),
    );
    // The coordinator cannot approve.
    expect(await mine.getByTestId("example-approve").count()).toBe(0);
    await coordinator.context.close();

    const admin = await loggedInPage(browser, server, "事務局");
    await admin.page.getByTestId("tab-desk").click();
    await admin.page.getByTestId("desk-view-examples").click();
    const waiting = admin.page.getByTestId("example-item").filter({ hasText: "退院後の生活の相談" });
    await waiting.getByTestId("example-approve").click();
    await eventually(async () =>
      expect(await waiting.getByTestId("example-status").innerText()).toBe("公開中"),
    );
    await shot(admin.page, "examples");
    const publicPage = await admin.context.newPage();
    await publicPage.goto("/p/122203/desk");
    const text = await publicPage.locator("body").innerText();
    expect(text).toContain("退院後の生活の相談");
    expect(text).toContain("流山市在宅医療・介護連携支援センター");
    expect(text).not.toContain(name);
    await shot(publicPage, "public");
    await admin.context.close();
  });

  it("has no critical or serious axe-core violation on any of its views", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "コーディネーター");
    await page.getByTestId("tab-desk").click();
    const found: string[] = [];
    for (const [view, ready] of [
      ["list", "desk-list"],
      ["entry", "consultation-form"],
      ["statistics", "stats-total"],
      ["examples", "example-item"],
      ["desks", "desk-desks"],
    ] as const) {
      await page.getByTestId(`desk-view-${view}`).click();
      await page.getByTestId(ready).first().waitFor();
      await page.waitForLoadState("networkidle");
      for (const line of await seriousViolations(page)) found.push(`${view}: ${line}`);
    }
    await page.getByTestId("desk-view-list").click();
    await page.getByTestId("open-case").first().click();
    await page.getByTestId("desk-case").waitFor();
    for (const line of await seriousViolations(page)) found.push(`case: ${line}`);
    expect(found).toEqual([]);
    await context.close();
  });

  it("lets the secretariat open a desk with its coordinator and change the 日常生活圏域, which the coordinator then records with", async ({
    server,
    browser,
  }) => {
    const admin = await loggedInPage(browser, server, "事務局");
    await admin.page.getByTestId("tab-desk").click();
    await admin.page.getByTestId("desk-view-desks").click();
    const form = admin.page.getByTestId("desk-new");
    await form.getByTestId("desk-new-name").fill("南部 出張相談窓口");
    await form
      .getByTestId("desk-new-staff")
      .getByLabel(/松本 彩/)
      .check();
    await form.getByTestId("desk-new-create").click();
    await eventually(async () => expect(await form.innerText()).toContain("相談窓口を追加しました。"));
    // The same name again is refused in Japanese.
    await form.getByTestId("desk-new-name").fill("南部 出張相談窓口");
    await form.getByTestId("desk-new-create").click();
    await eventually(async () =>
      expect(await form.innerText()).toContain("同じ名前の相談窓口が既にあります"),
    );
    // A desk is renamed, and deleted while it has no records; one with records is not.
    await form.getByTestId("desk-new-name").fill("臨時窓口");
    await form.getByTestId("desk-new-create").click();
    const temporary = admin.page
      .getByTestId("desk-form")
      .filter({ has: admin.page.getByRole("heading", { name: "臨時窓口" }) });
    await temporary.getByTestId("desk-name").fill("臨時相談窓口");
    await temporary.getByTestId("desk-save").click();
    const renamed = admin.page
      .getByTestId("desk-form")
      .filter({ has: admin.page.getByRole("heading", { name: "臨時相談窓口" }) });
    await renamed.getByTestId("desk-delete").click();
    await renamed.getByTestId("desk-delete-confirm").click();
    await expect.poll(() => admin.page.getByRole("heading", { name: "臨時相談窓口" }).count()).toBe(0);
    const main = admin.page.getByTestId("desk-form").first();
    await main.getByTestId("desk-delete").click();
    await main.getByTestId("desk-delete-confirm").click();
    await expect
      .poll(() => main.getByTestId("error").textContent())
      .toBe("この相談窓口には相談記録か公開事例があるため削除できません。");

    // The 日常生活圏域 (one list with the resource directory): add one, with its town names.
    const areas = admin.page.getByTestId("areas-settings");
    await areas.getByTestId("area-new-name").fill("西部");
    await areas.getByTestId("area-new-towns").fill("美田、三輪野山\n思井");
    await areas.getByTestId("area-new-save").click();
    await expect.poll(() => areas.getByTestId("areas-status").textContent()).toBe("「西部」を追加しました。");
    const west = areas.getByTestId("area-item").filter({ hasText: "西部" });
    expect(await west.innerText()).toContain("町名 3件");
    // The same name again is refused; the typed name stays to fix.
    await areas.getByTestId("area-new-name").fill("北部");
    await areas.getByTestId("area-new-save").click();
    await expect
      .poll(() => areas.getByTestId("error").textContent())
      .toBe("同じ名前の日常生活圏域が既にあります。");
    expect(await areas.getByTestId("area-new-name").inputValue()).toBe("北部");
    expect(await seriousViolations(admin.page)).toEqual([]);
    await shot(admin.page, "desks");
    await admin.context.close();

    const { context, page } = await loggedInPage(browser, server, "コーディネーター");
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("desk-view-entry").click();
    await page.getByTestId("entry-desk").selectOption({ label: "南部 出張相談窓口" });
    await page.getByTestId("entry-area").selectOption({ label: "西部" });
    await page.getByTestId("entry-content").fill("新しい窓口での相談。");
    await page.getByTestId("entry-save").click();
    // What it was about and how it was answered are required: said so beside each group.
    await eventually(async () =>
      expect(await page.getByTestId("consultation-form").innerText()).toContain("1つ以上選んでください。"),
    );
    await page.getByTestId("topics-referral").check();
    await page.getByTestId("responses-connect").check();
    await page.getByTestId("entry-save").click();
    // (the form's text, with any refusal, is in the failure message)
    await eventually(async () =>
      expect(await page.getByTestId("consultation-form").innerText()).toContain("相談を記録しました"),
    );
    await context.close();
  });

  it("keeps one list of 日常生活圏域 with the resource directory: added, renamed, moved there; an area in use deleted into another at the desk", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-resources").click();
    await page.getByTestId("resources-view-settings").click();
    const areas = page.getByTestId("areas-settings");
    await areas.getByTestId("area-new-name").fill("臨時");
    await areas.getByTestId("area-new-towns").fill("大畔");
    await areas.getByTestId("area-new-save").click();
    await expect.poll(() => areas.getByTestId("areas-status").textContent()).toBe("「臨時」を追加しました。");
    const names = () => areas.getByTestId("area-name").allTextContents();
    expect((await names()).at(-1)).toBe("臨時");
    // Renamed, then moved up one place.
    // (while edited, the name is in an input, not the item's text: found by its id)
    const id = await areas.getByTestId("area-item").filter({ hasText: "臨時" }).getAttribute("data-area-id");
    const item = areas.locator(`[data-area-id="${id}"]`);
    await item.getByTestId("area-edit").click();
    await item.getByTestId("area-edit-name").fill("臨時圏域");
    await item.getByTestId("area-edit-save").click();
    await expect
      .poll(() => areas.getByTestId("areas-status").textContent())
      .toBe("「臨時圏域」を保存しました。");
    const count = (await names()).length;
    await areas.getByTestId("area-item").filter({ hasText: "臨時圏域" }).getByTestId("area-up").click();
    await expect.poll(async () => (await names()).indexOf("臨時圏域")).toBe(count - 2);
    await shot(page, "areas-resources");

    // At the desk, the same list: 東部 has records, a desk and entries, so it goes into 南部.
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("desk-view-desks").click();
    const deskAreas = page.getByTestId("areas-settings");
    await expect.poll(() => deskAreas.getByTestId("area-name").allTextContents()).toContain("臨時圏域");
    const east = deskAreas.getByTestId("area-item").filter({ hasText: "東部" });
    const eastUsage = await east.getByTestId("area-usage").innerText();
    expect(eastUsage).toMatch(/相談記録 \d+件・相談窓口の既定 1か所・医療・介護資源 \d+件/);
    await east.getByTestId("area-delete").click();
    const confirm = east.getByTestId("area-delete-form");
    expect(await confirm.innerText()).toContain("「東部」を削除します。");
    await confirm.getByTestId("area-move-to").selectOption({ label: "南部" });
    await shot(page, "areas-delete");
    await confirm.getByTestId("area-delete-confirm").click();
    await expect
      .poll(() => deskAreas.getByTestId("areas-status").textContent())
      .toBe("「東部」を削除しました。");
    expect(await deskAreas.getByTestId("area-name").allTextContents()).not.toContain("東部");
    // The desk whose default was 東部 now defaults to 南部.
    await expect
      .poll(() =>
        page
          .locator(".desk-desk")
          .filter({ hasText: "東部 出張相談窓口" })
          .locator("select")
          .nth(1)
          .inputValue(),
      )
      .toBe(
        await deskAreas.getByTestId("area-item").filter({ hasText: "南部" }).getAttribute("data-area-id"),
      );
    await context.close();
  });

  it("is not offered to members or observers, and a typed URL does not open it", async ({
    server,
    browser,
  }) => {
    for (const label of ["医師", "千葉県（閲覧）"]) {
      const { context, page } = await loggedInPage(browser, server, label);
      await page.getByTestId("tab-home").waitFor();
      expect(await page.getByTestId("tab-desk").count()).toBe(0);
      await page.goto(`${new URL(page.url()).pathname}?tab=desk&view=list`);
      await page.getByTestId("tab-home").waitFor();
      expect(await page.getByTestId("desk-panel").count()).toBe(0);
      await context.close();
    }
  });
});
