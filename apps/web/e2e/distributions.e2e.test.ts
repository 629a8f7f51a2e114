/**
 * 配布物 (printed materials handed out) in the browser: the secretariat reads the demo's
 * 令和7年度 totals per kind, records a handout (problems shown at their fields in Japanese,
 * what was typed kept), corrects and deletes it, the totals following each time; the
 * indicator 啓発資材 配布部数 counts the same copies; an observer reads without controls; the
 * view fits a phone and has no serious axe violation. Screens are saved under SHOTS_DIR.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./axe.js";
import { e2eTest, saveShot } from "./harness.js";
import { loggedInPage } from "./pages.js";
import { loggedInPhone, narrowProblems, workspaceIdOf } from "./room-pages.js";

const it = e2eTest();

const totalText = (page: Page) => page.getByTestId("distribution-total").innerText();

async function p14(page: Page, wid: string, fy: number): Promise<number | undefined> {
  return page.evaluate(
    async ({ wid, fy }) => {
      const res = await fetch(`/api/workspaces/${wid}/indicators`);
      const body = (await res.json()) as {
        indicators: { id: string; code: string }[];
        values: { indicatorId: string; fiscalYear: number; value: number }[];
      };
      const id = body.indicators.find((i) => i.code === "P14")?.id;
      return body.values.find((v) => v.indicatorId === id && v.fiscalYear === fy)?.value;
    },
    { wid, fy },
  );
}

describe("materials handed out (配布物)", () => {
  it("are recorded, corrected and deleted per 年度 with totals per kind, and counted by P14", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.setViewportSize({ width: 1366, height: 768 });
    const wid = workspaceIdOf(page);
    await page.goto(`/w/${wid}?tab=events&eview=distributions&fy=2025`);
    await page.getByTestId("distribution-totals").waitFor();
    // The demo's 令和7年度: 情報紙 93,500, チラシ 3,000, ACP冊子 180.
    expect(await page.getByTestId("distribution-totals").innerText()).toMatch(
      /情報紙\s+93,500部\s+1件[\s\S]*チラシ\s+3,000部[\s\S]*ACP冊子\s+180部/,
    );
    expect(await totalText(page)).toBe("96,680部");
    expect(await p14(page, wid, 2025)).toBe(96680);
    const lectureRow = page.getByTestId("distribution-row").filter({ hasText: "市民公開講座の会場" });
    expect(await lectureRow.innerText()).toContain("市民公開講座「人生会議を知っていますか」");
    expect(await seriousViolations(page)).toEqual([]);
    await saveShot(page, "distributions-1366");

    // Sent half-filled: each problem at its field, in Japanese, what was typed kept.
    await page.getByTestId("distribution-new").click();
    const form = page.getByTestId("distribution-form");
    await form.getByTestId("distribution-title").fill("在宅医療ガイドブック");
    await form.getByTestId("distribution-quantity").fill("二百");
    await form.getByTestId("distribution-save").click();
    await form.getByTestId("error").waitFor();
    expect(await form.getByTestId("error").innerText()).toBe("入力内容を確認してください。");
    const problems = await form.locator(".field-error").allInnerTexts();
    expect(problems).toEqual([
      "選択肢から選んでください。",
      "数値で入力してください。",
      "入力してください。",
    ]);
    expect(await form.getByTestId("distribution-title").inputValue()).toBe("在宅医療ガイドブック");
    expect(await seriousViolations(page)).toEqual([]);
    await saveShot(page, "distributions-problems-1366");

    await form.getByTestId("distribution-kind").selectOption({ label: "その他" });
    await form.getByTestId("distribution-quantity").fill("1,200");
    await form.getByTestId("distribution-where").fill("市内の医療機関・介護事業所");
    await form.getByTestId("distribution-month-only").check();
    await form.getByTestId("distribution-date").fill("2025-09");
    await form.getByTestId("distribution-save").click();
    await form.getByRole("status").waitFor();
    await expect.poll(() => totalText(page)).toBe("97,880部");
    const row = page.getByTestId("distribution-row").filter({ hasText: "在宅医療ガイドブック" });
    expect(await row.innerText()).toMatch(/令和7年9月\s+その他\s+在宅医療ガイドブック\s+1,200部/);
    expect(await p14(page, wid, 2025)).toBe(97880);

    // Corrected: fewer copies.
    await row.getByRole("button", { name: "「在宅医療ガイドブック」を修正" }).click();
    const edit = page.getByTestId("distribution-edit-form");
    await edit.getByTestId("distribution-quantity").fill("1000");
    await edit.getByTestId("distribution-save").click();
    await edit.waitFor({ state: "detached" });
    await expect.poll(() => totalText(page)).toBe("97,680部");

    // Deleted after confirming.
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "「在宅医療ガイドブック」を削除" }).click();
    await row.waitFor({ state: "detached" });
    await expect.poll(() => totalText(page)).toBe("96,680部");

    // Another 年度: its own records.
    await page.getByTestId("distributions-year").selectOption({ label: "令和5年度" });
    await expect.poll(() => totalText(page)).toBe("186,000部");
    await context.close();
  });

  it("are read by an observer without controls, and fit a phone", async ({ server, browser }) => {
    const { context, page } = await loggedInPhone(browser, server, "千葉県（閲覧）");
    const wid = workspaceIdOf(page);
    await page.goto(`/w/${wid}?tab=events&eview=distributions&fy=2025`);
    await page.getByTestId("distribution-rows").waitFor();
    expect(await page.getByTestId("distribution-new").count()).toBe(0);
    expect(await page.getByTestId("distribution-rows").getByRole("button").count()).toBe(0);
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    expect(await seriousViolations(page)).toEqual([]);
    await saveShot(page, "distributions-observer-390");
    await context.close();
  });

  it("are recorded on a phone", async ({ server, browser }) => {
    const { context, page } = await loggedInPhone(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    await page.goto(`/w/${wid}?tab=events&eview=distributions&fy=2025`);
    await page.getByTestId("distribution-new").click();
    await page.getByTestId("distribution-form").waitFor();
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await saveShot(page, "distributions-form-390");
    await context.close();
  });
});
