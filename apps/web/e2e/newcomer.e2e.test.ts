/**
 * What a newcomer trips over: the first plan of a new municipality, a 年度 typed in 和暦, a
 * population year with no data yet, the chart images, the 目標 legend.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { currentFiscalYear, fiscalYearLabel } from "@tsumugi/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, launchChromium, repoRoot, startE2EServer } from "./harness.js";
import { eventually, loggedInPage } from "./pages.js";

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

/** Registers a municipality with the CLI, as a server administrator does; its first login. */
async function newMunicipality(name: string, code: string, email: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "apps/server/src/cli/create-workspace.ts",
      "--name",
      name,
      "--code",
      code,
      "--email",
      email,
      "--admin",
      "事務局 一郎",
    ],
    { cwd: repoRoot, env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: "warn" } },
  );
  const password = /初期パスワード: (\S+)/.exec(stdout)?.[1];
  if (!password) throw new Error(`no initial password in:\n${stdout}`);
  return password;
}

async function login(email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("workspace-name").waitFor();
  return page;
}

describe("a new municipality's first plan", () => {
  it("is created with the form as it opens, and next year's is typed in 和暦 and carries the first over", async () => {
    const password = await newMunicipality("鎌ケ谷市", "122246", "jimu@kamagaya.example.jp");
    const page = await login("jimu@kamagaya.example.jp", password);
    await page.getByTestId("tab-plans").click();
    await page.getByTestId("plans-panel").waitFor();

    // The form opens on this 年度; with no plan before it there is nothing to carry over.
    const fy = currentFiscalYear();
    expect(await page.getByTestId("plan-year").inputValue()).toBe(fiscalYearLabel(fy));
    expect(await page.getByTestId("plan-year-hint").innerText()).toBe(`${fiscalYearLabel(fy)}（${fy}年度）`);
    expect(await page.getByTestId("plan-carry-over").count()).toBe(0);
    await page.getByTestId("plan-no-previous").waitFor();
    await page.getByTestId("plan-create").click();
    await page.getByTestId("plan-page").waitFor();
    expect(page.url()).toContain(`/plans/${fy}`);
    expect(await page.getByTestId("error").count()).toBe(0);

    // Next year, typed as officials write it with full-width digits: last year's plan exists now.
    await page.goBack();
    await page.getByTestId("plans-panel").waitFor();
    await page.getByTestId(`plan-link-${fy}`).waitFor();
    const eraYear = fy + 1 - 2018;
    const typed = `令和${String(eraYear).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`;
    await page.getByTestId("plan-year").fill(typed);
    expect(await page.getByTestId("plan-year-hint").innerText()).toBe(
      `${fiscalYearLabel(fy + 1)}（${fy + 1}年度）`,
    );
    expect(await page.getByTestId("plan-carry-over").isChecked()).toBe(true);
    await page.getByTestId("plan-create").click();
    await page.getByTestId("plan-page").waitFor();
    expect(page.url()).toContain(`/plans/${fy + 1}`);

    // Something that is not a 年度 says so, and nothing is sent.
    await page.goBack();
    await page.getByTestId("plan-year").fill("来年");
    expect(await page.getByTestId("plan-year-hint").innerText()).toContain("年度として読めません");
    expect(await page.getByTestId("plan-create").isDisabled()).toBe(true);
  }, 90_000);
});

describe("indicator years with no figures yet", () => {
  it("the 人口 view takes a 年度 typed in 和暦 and saves its figures", async () => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicators-view-population").click();
    await page.getByTestId("population").waitFor();
    const wid = new URL(page.url()).pathname.split("/")[2];
    expect(await page.locator('[data-testid="population-row"][data-year="2018"]').count()).toBe(0);

    // Out of range and unreadable years are refused with a reason.
    await page.getByTestId("population-year").fill("令和30");
    await page.getByTestId("population-add").click();
    expect(await page.getByRole("alert").innerText()).toContain("までの年度を入力してください");
    await page.getByTestId("population-year").fill("H30");
    expect(await page.getByTestId("population-year-hint").innerText()).toBe("平成30年度（2018年度）");
    await page.getByTestId("population-add").click();
    const row = page.locator('[data-testid="population-row"][data-year="2018"]');
    await row.waitFor();
    await row.getByLabel("平成30年度 総人口").fill("２００，１２０");
    await row.getByLabel("平成30年度 65歳以上").fill("44000");
    await row.getByLabel("平成30年度 75歳以上").fill("21000");
    await row.getByLabel("平成30年度 総人口").focus();

    await eventually(async () => {
      const api = await page.evaluate(
        async (w) => (await fetch(`/api/workspaces/${w}/indicators`)).json(),
        wid,
      );
      const p = api.populations.find((x: { fiscalYear: number }) => x.fiscalYear === 2018);
      return p?.total === 200120 && p.aged65 === 44000 && p.aged75 === 21000;
    }, "the 平成30年度 population saved");
  }, 60_000);

  it("the value grid shows a 年度 typed in 和暦 and takes its value", async () => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicator-grid").waitFor();
    const wid = new URL(page.url()).pathname.split("/")[2];
    expect(await page.getByRole("columnheader", { name: "平成30年度" }).count()).toBe(0);
    await page.getByTestId("grid-year").fill("平成３０年度");
    await page.getByTestId("grid-year-show").click();
    await page.getByRole("columnheader", { name: "平成30年度" }).waitFor();
    const input = page
      .locator('[data-testid="indicator-row"][data-code="O03"]')
      .getByLabel("在宅看取り数 平成30年度");
    await input.fill("80");
    await input.press("Enter");
    await eventually(async () => {
      const api = await page.evaluate(
        async (w) => (await fetch(`/api/workspaces/${w}/indicators`)).json(),
        wid,
      );
      const o03 = api.indicators.find((i: { code: string }) => i.code === "O03");
      return api.values.some(
        (v: { indicatorId: string; fiscalYear: number; value: number }) =>
          v.indicatorId === o03.id && v.fiscalYear === 2018 && v.value === 80,
      );
    }, "the 平成30年度 value saved");
  }, 60_000);
});
