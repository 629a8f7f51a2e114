/**
 * The plan in the meeting room: every view fits a 1366×768 projector (no sideways scrolling,
 * headers in sight, 8+ action rows on the first screen), works on a phone, moves between
 * cells with the arrow keys, edits secondary fields in a row panel shared live, renders only
 * the rows that changed, and prints whole texts with a header and page numbers.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type E2EServer, e2eTest } from "./harness.js";
import { demoLogin, eventually, waitForSyncState } from "./pages.js";

const it = e2eTest();

const dir = mkdtempSync(join(tmpdir(), "tsumugi-plan-layout-"));

const VIEWS = ["board", "problems", "actions", "items", "years", "schedule", "dashboard", "review"];
const PROJECTOR = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function loggedIn(
  browser: Browser,
  server: E2EServer,
  label: string,
  viewport: { width: number; height: number },
  opts: { probe?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; wid: string }> {
  const context = await browser.newContext({ locale: "ja-JP", baseURL: server.url, viewport });
  if (opts.probe) await context.addInitScript("window.__tsumugiRenderProbe = {}");
  const page = await context.newPage();
  await page.goto("/login");
  const login = demoLogin(server, label);
  await page.getByTestId("login-email").fill(login.email);
  await page.getByTestId("login-password").fill(login.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("workspace-name").waitFor();
  const wid = new URL(page.url()).pathname.split("/")[2];
  return { context, page, wid };
}

async function openView(page: Page, wid: string, view: string): Promise<void> {
  await page.goto(`/w/${wid}/plans/2023?view=${view}`);
  await page.getByTestId("plan-page").waitFor();
  await waitForSyncState(page, "saved");
  const ready: Record<string, string> = {
    board: "scene-board",
    problems: "problem-row",
    actions: "action-row",
    items: "item-table",
    years: "years-table",
    schedule: "schedule-row",
    dashboard: "dashboard-overall",
    review: "review-row",
  };
  await page.getByTestId(ready[view]).first().waitFor();
}

/** Everything wider than its box: the page itself, and each table beyond its container. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const se = document.scrollingElement as HTMLElement;
    const tables = [...document.querySelectorAll<HTMLElement>(".plan-view table")]
      .filter((t) => t.getClientRects().length > 0)
      .filter((t) => t.scrollWidth > (t.parentElement as HTMLElement).clientWidth + 1)
      .map((t) => `${t.className} ${t.scrollWidth} > ${(t.parentElement as HTMLElement).clientWidth}`);
    return { page: se.scrollWidth - se.clientWidth, tables };
  });
}

async function rowIndexByTitle(page: Page, title: string): Promise<number> {
  const inputs = page.getByTestId("action-title");
  for (let i = 0; i < (await inputs.count()); i++)
    if ((await inputs.nth(i).inputValue()).startsWith(title)) return i;
  throw new Error(`no action titled ${title}`);
}

describe("the plan on the projector", () => {
  it("shows every view without sideways scrolling, all 12 months, and 8+ action rows on the first screen", async ({
    server,
    browser,
  }) => {
    const { page, wid } = await loggedIn(browser, server, "事務局", PROJECTOR);
    for (const view of VIEWS) {
      await openView(page, wid, view);
      const o = await overflow(page);
      expect(o.page, `${view}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      expect(o.tables, `${view}: tables wider than their container`).toEqual([]);
    }

    await openView(page, wid, "schedule");
    const months = await page
      .getByTestId("schedule-grid")
      .locator("thead th")
      .evaluateAll((ths) =>
        ths.map((th) => ({ text: th.textContent ?? "", right: th.getBoundingClientRect().right })),
      );
    expect(months.map((m) => m.text).slice(1)).toEqual([
      "4月",
      "5月",
      "6月",
      "7月",
      "8月",
      "9月",
      "10月",
      "11月",
      "12月",
      "1月",
      "2月",
      "3月",
    ]);
    for (const m of months) expect(m.right).toBeLessThanOrEqual(PROJECTOR.width);

    await openView(page, wid, "actions");
    const fullyVisible = await page.getByTestId("action-row").evaluateAll(
      (rows, height) =>
        rows.filter((r) => {
          const box = r.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= height;
        }).length,
      PROJECTOR.height,
    );
    expect(fullyVisible).toBeGreaterThanOrEqual(8);
    // The row's own buttons are on screen, not beyond a scroll.
    const first = page.getByTestId("action-row").first();
    for (const id of ["action-details-toggle", "comments-open", "row-delete"]) {
      const box = await first.getByTestId(id).boundingBox();
      expect(box && box.x + box.width <= PROJECTOR.width, id).toBe(true);
    }
  }, 120_000);

  it("keeps the column headers in sight while the list scrolls", async ({ server, browser }) => {
    const { page, wid } = await loggedIn(browser, server, "事務局", PROJECTOR);
    for (const view of ["actions", "problems", "schedule"]) {
      await openView(page, wid, view);
      await page.evaluate(() => window.scrollTo(0, document.scrollingElement?.scrollHeight ?? 0));
      await eventually(async () => (await page.evaluate(() => window.scrollY)) > 150, `${view} scrolled`);
      const header = await page.locator(".plan-view table.plan-grid thead th").first().boundingBox();
      const firstRow = await page.locator(".plan-view table.plan-grid tbody tr").first().boundingBox();
      const tabs = await page.getByTestId(`plan-view-${view}`).boundingBox();
      expect(header, view).not.toBeNull();
      expect(tabs, view).not.toBeNull();
      // The first row went up under the header; the tab bar is pinned at the top and the
      // header row right below it.
      expect(firstRow?.y ?? 0, view).toBeLessThan(header?.y ?? 0);
      expect(tabs?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect(header?.y ?? -1, view).toBeGreaterThanOrEqual((tabs?.y ?? 0) + (tabs?.height ?? 0) - 2);
      expect(header?.y ?? 999, view).toBeLessThan(120);
    }
  }, 60_000);

  it("is usable on a phone: no sideways scrolling, tabs and labels on one line", async ({
    server,
    browser,
  }) => {
    const { page, wid } = await loggedIn(browser, server, "事務局", PHONE);
    for (const view of VIEWS) {
      await openView(page, wid, view);
      const o = await overflow(page);
      expect(o.page, `${view} on a phone`).toBeLessThanOrEqual(0);
      const tall = await page.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLElement>(
            ".plan-tabs a, .filter-bar label > span:not(.visually-hidden)",
          ),
        ]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => el.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(el).lineHeight))
          .map((el) => el.textContent),
      );
      expect(tall, `${view}: labels broken over several lines`).toEqual([]);
    }
    // A row is a card: its title is as wide as the screen allows.
    await openView(page, wid, "actions");
    const title = await page.getByTestId("action-title").first().boundingBox();
    expect(title?.width ?? 0).toBeGreaterThan(PHONE.width * 0.8);
  }, 120_000);
});

/**
 * Each 担当グループ choice in the tables: whether its chosen name is on screen whole (in its
 * cell, not cut by the box), as [name, problem] for those that are not.
 */
function groupChoicesCut(page: Page) {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLSelectElement>('.plan-grid tbody select[aria-label="担当グループ"]'),
    ].flatMap((select) => {
      const name = select.selectedOptions[0]?.textContent ?? "";
      const shown = select.closest(".wrap-select")?.querySelector<HTMLElement>(".wrap-select-text");
      if (!shown) return [[name, "no whole label"]];
      const cell = (select.closest("td") as HTMLElement).getBoundingClientRect();
      const box = shown.getBoundingClientRect();
      if (shown.innerText !== name) return [[name, `shows ${shown.innerText}`]];
      if (shown.scrollWidth > shown.clientWidth + 1 || shown.scrollHeight > shown.clientHeight + 1)
        return [[name, "cut"]];
      if (box.left < cell.left - 1 || box.right > cell.right + 1) return [[name, "outside its cell"]];
      return [];
    }),
  );
}

describe("long group names in the 担当グループ column", () => {
  it("are shown whole, on the projector and on a phone, and still chosen with the select", async ({
    server,
    browser,
  }) => {
    const LONG = "多職種連携・体制構築部会";
    for (const viewport of [PROJECTOR, PHONE]) {
      const { context, page, wid } = await loggedIn(browser, server, "事務局", viewport);
      for (const view of ["actions", "problems"]) {
        await openView(page, wid, view);
        expect(await groupChoicesCut(page), `${view} at ${viewport.width}`).toEqual([]);
      }
      await openView(page, wid, "actions");
      const longRows = page.locator(".wrap-select-text", { hasText: LONG });
      expect(await longRows.count(), "the demo's long group name in the list").toBeGreaterThan(0);

      // Choosing a group with the select shows its whole name at once.
      const select = page.getByTestId("action-group").first();
      const before = await select.inputValue();
      const longId = await select.locator("option", { hasText: LONG }).getAttribute("value");
      await select.selectOption(longId ?? "");
      const shown = page.getByTestId("action-row").first().locator(".wrap-select-text");
      await eventually(async () => (await shown.innerText()) === LONG, "the chosen name shown");
      expect(await select.getAttribute("title")).toBe(LONG);
      expect(await groupChoicesCut(page)).toEqual([]);
      await select.selectOption(before);
      await waitForSyncState(page, "saved");
      await context.close();
    }
  }, 90_000);
});

describe("the keyboard in the plan's tables", () => {
  it("moves between cells with the arrow keys, leaving a text only at its edges", async ({
    server,
    browser,
  }) => {
    const { page, wid } = await loggedIn(browser, server, "医師", PROJECTOR);
    await openView(page, wid, "actions");
    const titles = page.getByTestId("action-title");
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return {
          testId: el.dataset.testid ?? el.getAttribute("aria-label"),
          row: el.closest("tr")?.getAttribute("data-row-id") ?? null,
          caret: el.selectionStart ?? null,
        };
      });
    const rowId = (i: number) => page.getByTestId("action-row").nth(i).getAttribute("data-row-id");

    // A title that wraps onto two lines: down from its first line stays in the text.
    const long = await rowIndexByTitle(page, "「医療・介護連携に関する連絡可能時間一覧表」");
    await titles.nth(long).focus();
    await titles.nth(long).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await page.keyboard.press("ArrowDown");
    let now = await active();
    expect(now.row).toBe(await rowId(long));
    expect(now.caret).toBeGreaterThan(0);
    // From the last line, down goes to the same cell of the next row.
    await titles
      .nth(long)
      .evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await page.keyboard.press("ArrowDown");
    now = await active();
    expect(now.testId).toBe("action-title");
    expect(now.row).toBe(await rowId(long + 1));
    // Up from the start goes back.
    await page.keyboard.press("Home");
    await titles.nth(long + 1).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await page.keyboard.press("ArrowUp");
    now = await active();
    expect(now.row).toBe(await rowId(long));

    // Right inside a text moves the caret; at its end it moves to the next control.
    await titles.nth(0).focus();
    await titles.nth(0).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await page.keyboard.press("ArrowRight");
    now = await active();
    expect(now.testId).toBe("action-title");
    expect(now.caret).toBe(1);
    await titles
      .nth(0)
      .evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await page.keyboard.press("ArrowRight");
    now = await active();
    expect(now.testId).toBe("action-group");
    expect(now.row).toBe(await rowId(0));

    // Down on a select moves to the next row without changing the value.
    const before = await page.getByTestId("action-group").nth(0).inputValue();
    await page.keyboard.press("ArrowDown");
    now = await active();
    expect(now.testId).toBe("action-group");
    expect(now.row).toBe(await rowId(1));
    expect(await page.getByTestId("action-group").nth(0).inputValue()).toBe(before);
    // Left from the select goes back into the title, caret at its end.
    await page.keyboard.press("ArrowLeft");
    now = await active();
    expect(now.testId).toBe("action-title");
    expect(now.row).toBe(await rowId(1));
    expect(now.caret).toBe((await titles.nth(1).inputValue()).length);

    // The focused cell is visibly marked.
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe("none");
  }, 60_000);

  it("leaves the arrows to an IME conversion", async ({ server, browser }) => {
    const { context, page, wid } = await loggedIn(browser, server, "医師", PROJECTOR);
    await openView(page, wid, "actions");
    const title = page.getByTestId("action-title").nth(2);
    await title.focus();
    await page.keyboard.press("End");
    const cdp = await context.newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "かくにん", selectionStart: 4, selectionEnd: 4 });
    await page.keyboard.press("ArrowDown");
    const row = await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-row-id"));
    expect(row).toBe(await page.getByTestId("action-row").nth(2).getAttribute("data-row-id"));
    await cdp.send("Input.insertText", { text: "確認" });
    await waitForSyncState(page, "saved");
    expect(await title.inputValue()).toMatch(/確認$/);
  }, 60_000);
});

describe("the row detail panel", () => {
  it("opens from the keyboard, edits secondary fields live for everyone, and gives the focus back", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedIn(browser, server, "医師", PROJECTOR);
    const nurse = await loggedIn(browser, server, "訪問看護師", PROJECTOR);
    await openView(doctor.page, doctor.wid, "actions");
    await openView(nurse.page, nurse.wid, "actions");
    const target = "消防との情報交換";
    const i = await rowIndexByTitle(doctor.page, target);
    const row = doctor.page.getByTestId("action-row").nth(i);
    const rowId = await row.getAttribute("data-row-id");

    const toggle = row.getByTestId("action-details-toggle");
    await toggle.focus();
    await doctor.page.keyboard.press("Enter");
    const panel = doctor.page.getByTestId("action-panel");
    await panel.waitFor();
    // The first field has the focus.
    expect(await doctor.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "panel-action-title",
    );
    // Secondary fields: the content, a scene, the person in charge.
    await panel.getByTestId("action-detail").click();
    await doctor.page.keyboard.press("End");
    await doctor.page.keyboard.type("救急隊との合同研修も検討する。");
    await panel.getByTestId("action-scenes").getByRole("button", { name: "看取り" }).click();
    await panel.getByTestId("action-person").selectOption({ label: "小林 由紀" });
    await waitForSyncState(doctor.page, "saved");

    // The nurse sees the row's tags change, and the same text in her own panel.
    const nurseRow = nurse.page.locator(`[data-testid="action-row"][data-row-id="${rowId}"]`);
    await eventually(
      async () => (await nurseRow.innerText()).includes("看取り"),
      "the scene on the nurse's row",
    );
    await nurseRow.getByTestId("action-details-toggle").click();
    const nursePanel = nurse.page.getByTestId("action-panel");
    await eventually(
      async () =>
        (await nursePanel.getByTestId("action-detail").inputValue()).includes(
          "救急隊との合同研修も検討する。",
        ),
      "the content in the nurse's panel",
    );
    expect(await nursePanel.getByTestId("action-person").locator("option:checked").innerText()).toBe(
      "小林 由紀",
    );
    // She types in the same field; the doctor's open panel follows.
    await nursePanel.getByTestId("action-detail").click();
    await nurse.page.keyboard.press("End");
    await nurse.page.keyboard.type("（訪看も参加）");
    await eventually(
      async () => (await panel.getByTestId("action-detail").inputValue()).endsWith("（訪看も参加）"),
      "the nurse's words in the doctor's panel",
    );

    // Escape closes the panel; the focus is back on the row's button.
    await panel.getByTestId("action-detail").focus();
    await doctor.page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    await eventually(
      async () =>
        (await doctor.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) ===
        "action-details-toggle",
      "the focus back on the row",
    );
  }, 90_000);
});

describe("rendering only what changed", () => {
  it("typing in one row re-renders that row only, here and on a colleague's screen", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedIn(browser, server, "医師", PROJECTOR, { probe: true });
    const nurse = await loggedIn(browser, server, "訪問看護師", PROJECTOR, { probe: true });
    await openView(doctor.page, doctor.wid, "actions");
    await openView(nurse.page, nurse.wid, "actions");
    const ids = await doctor.page
      .getByTestId("action-row")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-row-id") as string));
    expect(ids.length).toBeGreaterThan(10);
    const [first, last] = [ids[0], ids[ids.length - 1]];
    const counts = (page: Page) =>
      page.evaluate(() => ({
        ...(window as unknown as { __tsumugiRenderProbe: Record<string, number> }).__tsumugiRenderProbe,
      }));
    const doctorBefore = await counts(doctor.page);
    const nurseBefore = await counts(nurse.page);

    const title = doctor.page.getByTestId("action-title").first();
    await title.click();
    await doctor.page.keyboard.press("End");
    await doctor.page.keyboard.type("（年度内）");
    await waitForSyncState(doctor.page, "saved");
    await eventually(
      async () => (await nurse.page.getByTestId("action-title").first().inputValue()).endsWith("（年度内）"),
      "the edit on the nurse's screen",
    );
    const doctorAfter = await counts(doctor.page);
    const nurseAfter = await counts(nurse.page);
    expect(doctorAfter[`action:${first}`]).toBeGreaterThan(doctorBefore[`action:${first}`]);
    expect(nurseAfter[`action:${first}`]).toBeGreaterThan(nurseBefore[`action:${first}`]);
    for (const id of ids.slice(1)) {
      expect(doctorAfter[`action:${id}`], `doctor's row ${id}`).toBe(doctorBefore[`action:${id}`]);
      expect(nurseAfter[`action:${id}`], `nurse's row ${id}`).toBe(nurseBefore[`action:${id}`]);
    }
    expect(doctorAfter[`action:${last}`]).toBe(doctorBefore[`action:${last}`]);
  }, 90_000);
});

describe("printing the plan", () => {
  function pdfText(pdf: Buffer, name: string, page?: number): string {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    const range = page ? ["-f", String(page), "-l", String(page)] : [];
    return execFileSync("pdftotext", [...range, "-enc", "UTF-8", file, "-"]).toString("utf8");
  }
  const squash = (s: string) => s.replace(/\s+/g, "");
  /**
   * The text of a PDF's first table column on the first page, in reading order: the words
   * (with their positions, from pdftotext -bbox) left of the second column's header. Plain
   * text would interleave a wrapped cell's lines with the neighbouring cells'.
   */
  function firstColumnText(pdf: Buffer, name: string, secondHeader: string): string {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    const html = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-bbox", file, "-"]).toString("utf8");
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(
      (m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }),
    );
    const header = words.find((w) => w.text === secondHeader);
    if (!header) throw new Error(`no column header ${secondHeader} in the PDF`);
    return words
      .filter((w) => w.x < header.x - 1 && w.y > header.y + 1)
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .map((w) => w.text)
      .join("");
  }

  it("prints the board with the scenes' goals in full and no scene card split across pages", async ({
    server,
    browser,
  }) => {
    const { page, wid } = await loggedIn(browser, server, "事務局", PROJECTOR);
    await openView(page, wid, "board");
    const goal = await page.getByTestId("scene-daily").locator("textarea").first().inputValue();
    expect(goal.length).toBeGreaterThan(60);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(squash(pdfText(pdf, "board"))).toContain(squash(goal));
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [join(dir, "board.pdf")]).toString())?.[1],
    );
    // Each scene's card is on one page: its goal (at the top) and all its actions.
    const pageTexts = Array.from({ length: pages }, (_, p) => squash(pdfText(pdf, `board-${p + 1}`, p + 1)));
    for (const scene of ["scene-daily", "scene-discharge", "scene-emergency", "scene-endOfLife"]) {
      const card = page.getByTestId(scene);
      const sceneGoal = squash(await card.locator("textarea").first().inputValue()).slice(0, 14);
      const goalPage = pageTexts.findIndex((text) => text.includes(sceneGoal));
      expect(goalPage, scene).toBeGreaterThanOrEqual(0);
      const actions = await card.getByTestId("scene-actions").locator("li").allInnerTexts();
      expect(actions.length, scene).toBeGreaterThan(0);
      for (const action of actions)
        expect(pageTexts[goalPage], `${scene}: ${action}`).toContain(squash(action).slice(0, 12));
    }
  }, 90_000);

  it("prints whole texts with the municipality, title, date and page numbers, and no screen controls", async ({
    server,
    browser,
  }) => {
    const { page, wid } = await loggedIn(browser, server, "事務局", PROJECTOR);
    await openView(page, wid, "actions");
    // A title far longer than its two visible lines.
    const longTitle =
      "在宅医療・介護連携の推進に向けて、病院の地域連携室と居宅介護支援事業所の間で入退院時の情報共有の手順を見直し、千葉県地域生活連携シートの流山市版を作成して、全ての病院と事業所に説明会を開き、運用開始後三か月で利用状況を調査する（最後まで印刷されること）";
    const title = page.getByTestId("action-title").nth(3);
    await title.fill(longTitle);
    await waitForSyncState(page, "saved");
    const clipped = await title.evaluate((el: HTMLTextAreaElement) => el.scrollHeight > el.clientHeight + 2);
    expect(clipped).toBe(true);

    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = pdfText(pdf, "actions");
    expect(firstColumnText(pdf, "actions-words", "場面")).toContain(squash(longTitle));
    expect(text).toContain("千葉県 流山市");
    expect(text).toContain("令和5年度 在宅医療・介護連携推進事業計画");
    expect(text).toMatch(/印刷日 令和\d+年\d+月\d+日（[日月火水木金土]）/);
    expect(text).toMatch(/1 \/ \d+ ページ/);
    // Screen controls stay off paper.
    for (const control of ["取組を追加", "Excel に出力", "並べ替え", "詳細"])
      expect(text).not.toContain(control);
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [join(dir, "actions.pdf")]).toString())?.[1],
    );
    expect(pages).toBeGreaterThan(1);
    expect(pdfText(pdf, "actions", pages)).toMatch(new RegExp(`${pages} / ${pages} ページ`));
  }, 90_000);
});
