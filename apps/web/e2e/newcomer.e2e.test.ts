/**
 * What a newcomer trips over: the first plan of a new municipality, a 年度 typed in 和暦, a
 * population year with no data yet, the chart images, the 目標 legend.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { currentFiscalYear, fiscalYearLabel } from "@tsumugi/domain";
import type { Browser, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type E2EServer, e2eTest, repoRoot } from "./harness.js";
import { eventually, loggedInPage } from "./pages.js";

const it = e2eTest();

/** Registers a municipality with the CLI, as a server administrator does; its first login. */
async function newMunicipality(
  server: E2EServer,
  name: string,
  code: string,
  email: string,
): Promise<string> {
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

async function login(browser: Browser, server: E2EServer, email: string, password: string): Promise<Page> {
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
  it("is created with the form as it opens, and next year's is typed in 和暦 and carries the first over", async ({
    server,
    browser,
  }) => {
    const password = await newMunicipality(server, "鎌ケ谷市", "122246", "jimu@kamagaya.example.jp");
    const page = await login(browser, server, "jimu@kamagaya.example.jp", password);
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

    // A plan period (介護保険事業計画 第10期) typed in 和暦 in the yearly schedule.
    await page.getByTestId(`plan-link-${fy}`).click();
    await page.getByTestId("plan-view-schedule").click();
    await page.getByTestId("period-bars").waitFor();
    await page.getByLabel("計画の名前（例：介護保険事業計画 第9期）").fill("介護保険事業計画 第10期");
    await page.getByTestId("period-start").fill("R9");
    await page.getByTestId("period-end").fill("令和１１年度");
    expect(await page.getByTestId("period-end-hint").innerText()).toBe("令和11年度（2029年度）");
    await page.getByTestId("period-end").press("Enter");
    const row = page.getByTestId("period-row").filter({ hasText: "介護保険事業計画 第10期" });
    await row.waitFor();
    expect(await row.locator("td.bar-on").count()).toBe(3);
  }, 90_000);
});

describe("indicator years with no figures yet", () => {
  it("the 人口 view takes a 年度 typed in 和暦 and saves its figures", async ({ server, browser }) => {
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

  it("the value grid shows a 年度 typed in 和暦 and takes its value", async ({ server, browser }) => {
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

/** The downloaded file and the width and height its PNG header (IHDR) gives. */
async function downloadPng(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(button).first().click(),
  ]);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return {
    name: download.suggestedFilename(),
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bytes,
  };
}

/** Decodes the PNG in the page: the corner's colour and the share of pixels that are not white. */
function pixels(page: Page, bytes: Buffer) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++;
    return { corner: [...data.subarray(0, 4)], inked: inked / (data.length / 4) };
  }, bytes.toString("base64"));
}

async function screenSize(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no ${selector}`);
  return { width: Math.round(box.width), height: Math.round(box.height) };
}

describe("chart images", () => {
  it("推移 saves the chart itself (legend included) at twice its size on a white background", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicators-view-trend").click();
    await page.getByTestId("trend-select").selectOption({ label: "P01 訪問診療を受けた患者数" });
    await page.locator('[data-testid="trend-chart"] .recharts-line-dots circle').first().waitFor();
    const size = await screenSize(page, '[data-testid="trend-chart"] .recharts-wrapper > svg');
    expect(size.width).toBeGreaterThan(600);

    const png = await downloadPng(page, "chart-png");
    expect(png.name).toBe("P01_訪問診療を受けた患者数.png");
    expect({ width: png.width, height: png.height }).toEqual({
      width: size.width * 2,
      height: size.height * 2,
    });
    const { corner, inked } = await pixels(page, png.bytes);
    expect(corner).toEqual([255, 255, 255, 255]);
    // Lines, dots, axes and labels: drawn, but most of the image is background.
    expect(inked).toBeGreaterThan(0.005);
    expect(inked).toBeLessThan(0.5);
  }, 60_000);

  it("比較 saves its bar chart too, on a phone", async ({ server, browser }) => {
    const context = await browser.newContext({
      locale: "ja-JP",
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto("/login");
    const login = server.logins.find((l) => l.label === "事務局");
    await page.getByTestId("login-email").fill(login?.email ?? "");
    await page.getByTestId("login-password").fill(login?.password ?? "");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("workspace-name").waitFor();
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicators-view-compare").click();
    await page.locator('[data-testid="compare-group"] .recharts-bar-rectangle').first().waitFor();
    const size = await screenSize(page, '[data-testid="compare-group"] .recharts-wrapper > svg');
    const png = await downloadPng(page, "compare-png");
    expect(png.name).toMatch(/\.png$/);
    expect({ width: png.width, height: png.height }).toEqual({
      width: size.width * 2,
      height: size.height * 2,
    });
    const { corner, inked } = await pixels(page, png.bytes);
    expect(corner).toEqual([255, 255, 255, 255]);
    expect(inked).toBeGreaterThan(0.01);
    // The page itself does not scroll sideways on the phone.
    expect(
      await page.evaluate(() => document.querySelector("[data-testid=compare-view]")?.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await context.close();
  }, 60_000);

  it("shows 目標 in the legend only when a year has a target", async ({ server, browser }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-indicators").click();
    await page.getByTestId("indicators-view-trend").click();
    const legend = page.locator('[data-testid="trend-chart"] .recharts-legend-item-text');
    await page.getByTestId("trend-select").selectOption({ label: "P02 往診件数" });
    await page.locator('[data-testid="trend-chart"] .recharts-line-dots circle').first().waitFor();
    expect(await legend.allInnerTexts()).toEqual(["値（件/年）"]);
    await page.getByTestId("trend-select").selectOption({ label: "P01 訪問診療を受けた患者数" });
    await eventually(async () => (await legend.allInnerTexts()).includes("目標"), "the 目標 legend");
    expect(await legend.allInnerTexts()).toEqual(["値（人/年）", "目標"]);
  }, 60_000);
});
