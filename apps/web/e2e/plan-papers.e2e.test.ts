/**
 * What the papers (計画書) need that the plan screens edit: 目的 and 国が示す具体的取組例 per
 * item in the item table, 財源 and 予算額 in an action's panel; both live for a colleague, and
 * both in the workbook the secretariat saves.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type E2EServer, e2eTest } from "./harness.js";
import { demoLogin, eventually, logIn, waitForSyncState } from "./pages.js";

const it = e2eTest();
const dir = mkdtempSync(join(tmpdir(), "tsumugi-papers-"));

/** Logged in on a 1366×768 screen of its own (closed with the browser after the file's tests). */
async function loggedIn(
  browser: Browser,
  server: E2EServer,
  label: string,
): Promise<{ page: Page; wid: string }> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await logIn(page, server, label);
  return { page, wid: new URL(page.url()).pathname.split("/")[2] };
}

async function openView(page: Page, wid: string, view: string, ready: string): Promise<void> {
  await page.goto(`/w/${wid}/plans/2023?view=${view}`);
  await page.getByTestId("plan-page").waitFor();
  await waitForSyncState(page, "saved");
  await page.getByTestId(ready).first().waitFor();
}

describe("the plan papers' fields on the plan screens", () => {
  it("edits 目的・取組例, 財源 and 予算額 live, refuses a budget that is not yen, and exports them", async ({
    server,
    browser,
  }) => {
    const office = await loggedIn(browser, server, "事務局");
    const doctor = await loggedIn(browser, server, "医師");
    await openView(office.page, office.wid, "items", "item-table");
    await openView(doctor.page, doctor.wid, "items", "item-table");

    const purpose = "在宅医療・介護連携を支援する相談窓口を設置する。";
    await office.page.getByTestId("item-purpose-e").fill(purpose);
    await office.page
      .getByTestId("item-examples-e")
      .fill("◆コーディネーターの配置等による相談窓口の設置・運営");
    await eventually(
      async () => (await doctor.page.getByTestId("item-purpose-e").inputValue()) === purpose,
      "the colleague sees the purpose",
    );

    await openView(office.page, office.wid, "actions", "action-row");
    const titles = office.page.getByTestId("action-title");
    let index = -1;
    for (let i = 0; i < (await titles.count()); i++)
      if ((await titles.nth(i).inputValue()).startsWith("在宅医療介護連携の相談窓口の周知")) index = i;
    expect(index).toBeGreaterThanOrEqual(0);
    await office.page.getByTestId("action-row").nth(index).getByTestId("action-details-toggle").click();
    const panel = office.page.getByTestId("action-panel");
    await panel.waitFor();
    await panel.getByTestId("action-funding").selectOption("fund");
    // Not yen: said so, and nothing is stored.
    await panel.getByTestId("action-budget").fill("12万円くらい");
    await panel.getByTestId("action-budget-error").waitFor();
    await panel.getByTestId("action-budget").fill("1,200,000");
    expect(await panel.getByTestId("action-budget-error").count()).toBe(0);
    await waitForSyncState(office.page, "saved");
    await panel.getByTestId("row-panel-close").click();

    await office.page.getByTestId("plan-export").click();
    await office.page.getByTestId("papers-xlsx").and(office.page.locator(":enabled")).waitFor();
    const [download] = await Promise.all([
      office.page.waitForEvent("download"),
      office.page.getByTestId("papers-xlsx").click(),
    ]);
    const file = join(dir, "papers.xlsx");
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const years = wb.getWorksheet("年次計画表") as ExcelJS.Worksheet;
    const itemE = years.getRow(7);
    expect(itemE.getCell(1).value).toBe("（オ） 在宅医療・介護連携に関する相談支援");
    expect(itemE.getCell(2).value).toBe(purpose);
    expect(itemE.getCell(3).value).toBe("◆コーディネーターの配置等による相談窓口の設置・運営");
    const header = years.getRow(2).values as unknown[];
    expect(String(itemE.getCell(header.indexOf("令和5年度")).value)).toContain(
      "○【基金】在宅医療介護連携の相談窓口の周知",
    );
    const actions = wb.getWorksheet("取組一覧") as ExcelJS.Worksheet;
    const columns = actions.getRow(2).values as unknown[];
    const row = (actions.getRows(3, actions.rowCount - 2) ?? []).find((r) =>
      String(r.getCell(columns.indexOf("取組")).value).startsWith("在宅医療介護連携の相談窓口の周知"),
    );
    expect(row?.getCell(columns.indexOf("予算額(円)")).value).toBe(1_200_000);
    expect(row?.getCell(columns.indexOf("財源")).value).toBe("基金");
    // The year's trainings are in the 年間予定 sheet as on screen: the demo's つむぐ会 of
    // 令和5年度, linked to no row, in 研修・啓発, marked as made up.
    const schedule = wb.getWorksheet("年間予定") as ExcelJS.Worksheet;
    const eventsRow = (schedule.getRows(1, schedule.rowCount) ?? []).find(
      (r) => r.getCell(1).value === "研修・啓発",
    );
    expect(eventsRow?.getCell(5).value).toBe("7/14（金） 第25回 介護と医療をつむぐ会\n（デモ用の例）");
    expect(eventsRow?.getCell(11).value).toBe("1/19（金） 第26回 介護と医療をつむぐ会\n（デモ用の例）");
  }, 90_000);

  it("imports a multi-year table (004): refuses a file with an unknown item, then brings in 目的 and this year's actions", async ({
    server,
    browser,
  }) => {
    const office = await loggedIn(browser, server, "事務局");
    await openView(office.page, office.wid, "items", "item-table");
    const table = (lastItem: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("年次計画表");
      ws.addRow(["流山市在宅医療・介護連携推進事業 年次計画"]);
      ws.addRow(["事業項目", "目的", "国が示す具体的取組例", "令和4年度", "令和5年度", "令和6年度"]);
      ws.addRow([
        "キ 地域住民への普及啓発",
        "地域住民が在宅療養や看取りについて理解し、必要なサービスを選べるようにする。",
        "◆地域住民を対象にしたシンポジウム等の開催",
        "○職能紹介",
        "○【基金】人生会議（ACP）リーフレットの全戸配布 ○市民公開講座の開催",
        "○在宅看取りの講演会",
      ]);
      ws.addRow([lastItem, "", "", "", "○広域の研修会", ""]);
      return wb;
    };
    const bad = join(dir, "bad-years.xlsx");
    await table("ケ 存在しない項目").xlsx.writeFile(bad);
    await office.page.getByTestId("plan-import").click();
    await office.page.getByTestId("import-kind").selectOption("years");
    await office.page.getByTestId("import-file").setInputFiles(bad);
    await office.page.getByTestId("import-errors").waitFor();
    const errors = await office.page.getByTestId("import-error").allInnerTexts();
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain("4 行目");
    expect(errors[0]).toContain("事業項目：「ケ 存在しない項目」という事業項目はありません（ア〜ク）。");
    expect(await office.page.getByTestId("import-confirm").isDisabled()).toBe(true);
    expect(await office.page.getByTestId("item-purpose-g").inputValue()).toBe("");

    const good = join(dir, "good-years.xlsx");
    await table("ク 在宅医療・介護連携に関する関係市区町村の連携").xlsx.writeFile(good);
    await office.page.getByTestId("import-file").setInputFiles(good);
    await office.page.getByTestId("import-preview").waitFor();
    expect(await office.page.getByTestId("import-errors").count()).toBe(0);
    const preview = await office.page.getByTestId("year-import-preview").innerText();
    expect(preview).toContain("令和4年度 1件、令和6年度 1件");
    expect(preview).toContain("【基金】人生会議（ACP）リーフレットの全戸配布");
    await office.page.getByTestId("import-confirm").click();
    await office.page.getByTestId("import-done").waitFor();
    await office.page.getByTestId("import-close").click();
    expect(await office.page.getByTestId("item-purpose-g").inputValue()).toBe(
      "地域住民が在宅療養や看取りについて理解し、必要なサービスを選べるようにする。",
    );
    const itemG = await office.page.getByTestId("item-row-g").innerText();
    expect(itemG).toContain("【基金】人生会議（ACP）リーフレットの全戸配布");
    expect(await office.page.getByTestId("item-row-h").innerText()).toContain("広域の研修会");
    expect(itemG).not.toContain("在宅看取りの講演会");
    await waitForSyncState(office.page, "saved");
  }, 90_000);

  it("shows the papers as A4 landscape pages to print or save as PDF, one section per page", async ({
    server,
    browser,
  }) => {
    const office = await loggedIn(browser, server, "事務局");
    await openView(office.page, office.wid, "actions", "action-row");
    await office.page.getByTestId("plan-export").click();
    await office.page.getByTestId("papers-print-view").and(office.page.locator(":enabled")).waitFor();
    await office.page.getByTestId("papers-from").selectOption("2022");
    await office.page.getByTestId("papers-to").selectOption("2025");
    await office.page.getByTestId("papers-created").fill("2023-05-25");
    await office.page.getByTestId("papers-print-view").click();
    await office.page.getByTestId("papers-print").waitFor();
    expect(await office.page.getByTestId("paper-cover").innerText()).toContain("令和5年5月25日（木）");
    await office.page.getByTestId("paper-years").locator("thead th").nth(6).waitFor();
    expect(await office.page.getByTestId("paper-years").locator("thead th").allInnerTexts()).toEqual([
      "事業項目",
      "目的",
      "国が示す具体的取組例",
      "令和4年度",
      "令和5年度",
      "令和6年度",
      "令和7年度",
    ]);
    // The demo's 連携会議 cells are the seed's: a date with its 曜日, no words.
    const schedule = await office.page.getByTestId("paper-schedule").innerText();
    const meetingsRow = schedule.slice(schedule.indexOf("連携会議"), schedule.indexOf("つむぐ会"));
    expect(meetingsRow.replace(/\s/g, "")).toBe("連携会議5/25（木）7/31（月）9/15（金）1/25（木）3/28（木）");
    // The year's trainings, from the events themselves, in the words and marks of the screen.
    const paperSchedule = office.page.getByTestId("paper-schedule");
    await paperSchedule.locator('table[data-events="ready"]').waitFor();
    const eventsRow = paperSchedule.getByTestId("schedule-events-row");
    expect(await eventsRow.locator("th").innerText()).toBe("研修・啓発");
    expect(await eventsRow.getByTestId("schedule-training").allInnerTexts()).toEqual([
      "7/14（金） 第25回 介護と医療をつむぐ会デモ用の例",
      "1/19（金） 第26回 介護と医療をつむぐ会デモ用の例",
    ]);
    expect(await eventsRow.getByTestId("demo-badge").count()).toBe(2);
    await office.page.emulateMedia({ media: "print" });
    expect(await office.page.getByTestId("papers-print-button").isVisible()).toBe(false);
    const pdf = Buffer.from(await office.page.pdf({ preferCSSPageSize: true }));
    const text = pdf.toString("latin1");
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    expect(Math.round(Number(box?.[1]))).toBe(842);
    expect(Math.round(Number(box?.[2]))).toBe(595);
    // Eight sections, each starting a page.
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(8);
  }, 90_000);
});

describe("the papers' texts and plan periods, written by the secretariat", () => {
  it("edits a period's milestones with Japanese errors, writes nothing wrong, and shows them to colleagues read-only", async ({
    server,
    browser,
  }) => {
    const office = await loggedIn(browser, server, "事務局");
    const doctor = await loggedIn(browser, server, "医師");
    const observer = await loggedIn(browser, server, "千葉県（閲覧）");
    for (const p of [office, doctor, observer]) await openView(p.page, p.wid, "schedule", "period-row");
    const program = (page: Page) =>
      page.getByTestId("period-row").filter({ hasText: "流山市在宅医療介護連携推進事業" });
    expect(await program(office.page).getByTestId("period-milestone").allInnerTexts()).toEqual([
      "◆事業評価 ※毎年度末に総括し次期計画を見直し",
      "◆事業評価",
    ]);
    // Members and observers read the periods; only the secretariat edits them.
    expect(await doctor.page.getByTestId("period-edit").count()).toBe(0);
    expect(await observer.page.getByTestId("period-edit").count()).toBe(0);

    await program(office.page).getByTestId("period-edit").click();
    const editor = office.page.getByTestId("period-editor");
    await editor.waitFor();
    expect(await editor.getByTestId("milestone-line").count()).toBe(2);
    await editor.getByTestId("milestone-add").click();
    const added = editor.getByTestId("milestone-line").nth(2);
    await added.getByTestId("milestone-year").fill("令和9年度");
    await added.getByTestId("milestone-label").fill("中間評価");
    await editor.getByTestId("period-save").click();
    expect(await editor.getByTestId("period-error-milestones.2.fiscalYear").innerText()).toBe(
      "節目の年度は計画の期間（令和元年度〜令和7年度）の中にしてください。",
    );
    await added.getByTestId("milestone-year").fill("来年");
    await added.getByTestId("milestone-label").fill("");
    await editor.getByTestId("period-save").click();
    expect(await editor.getByTestId("period-error-milestones.2.fiscalYear").innerText()).toContain(
      "年度として読めません",
    );
    expect(await editor.getByTestId("period-error-milestones.2.label").innerText()).toBe(
      "入力してください。",
    );
    // Nothing was written while the form was wrong.
    expect(await program(doctor.page).getByTestId("period-milestone").count()).toBe(2);

    await added.getByTestId("milestone-year").fill("R6");
    await added.getByTestId("milestone-label").fill("中間評価");
    await editor.getByTestId("period-save").click();
    await editor.waitFor({ state: "detached" });
    await eventually(
      async () => (await program(doctor.page).getByTestId("period-milestone").count()) === 3,
      "the colleague sees the new milestone",
    );
    expect(await program(observer.page).getByTestId("period-milestone").allInnerTexts()).toEqual([
      "◆事業評価 ※毎年度末に総括し次期計画を見直し",
      "◆事業評価",
      "◆中間評価",
    ]);
    await waitForSyncState(office.page, "saved");

    // The printed 年間予定 carries it above the months.
    await office.page.goto(`/w/${office.wid}/plans/2023?view=papers&from=2023&to=2023`);
    await office.page.getByTestId("paper-schedule").waitFor();
    expect(await office.page.getByTestId("paper-schedule").innerText()).toContain("中間評価");
  }, 120_000);

  it("drops a demo goal's mark once the secretariat rewrites its text, for everyone", async ({
    server,
    browser,
  }) => {
    const office = await loggedIn(browser, server, "事務局");
    const doctor = await loggedIn(browser, server, "医師");
    for (const p of [office, doctor]) await openView(p.page, p.wid, "board", "goal-row");
    const marked = (page: Page) =>
      page.getByTestId("goal-row").filter({ has: page.getByTestId("demo-badge") });
    const before = await marked(doctor.page).count();
    expect(before).toBeGreaterThan(0);
    const row = marked(office.page).first();
    const id = await row.getAttribute("data-row-id");
    const text = row.getByTestId("goal-text");
    await text.click();
    await text.press("End");
    await text.pressSequentially("（令和5年度中に）");
    await eventually(
      async () => (await marked(doctor.page).count()) === before - 1,
      "the colleague no longer sees the row marked",
    );
    const rewritten = doctor.page.locator(`[data-testid="goal-row"][data-row-id="${id}"]`);
    // The mark goes with the first character; the rest of the words follow as typed.
    await expect
      .poll(() => rewritten.getByTestId("goal-text").inputValue(), { timeout: 30_000 })
      .toContain("（令和5年度中に）");
    expect(await rewritten.getByTestId("demo-badge").count()).toBe(0);
    await waitForSyncState(office.page, "saved");
  }, 90_000);

  it("writes the cover's and the committee's texts live for the secretariat; observers read them", async ({
    server,
    browser,
  }) => {
    const office = await loggedIn(browser, server, "事務局");
    const observer = await loggedIn(browser, server, "千葉県（閲覧）");
    for (const p of [office, observer]) {
      await openView(p.page, p.wid, "board", "scene-board");
      await p.page.getByTestId("papers-profile").locator("summary").click();
    }
    const name = office.page.getByTestId("profile-programName");
    await name.fill("流山市在宅医療・介護連携推進事業");
    // A one-line name takes no line break; the department is written as typed.
    await name.press("Enter");
    await office.page.getByTestId("profile-department").fill("流山市 健康福祉部 介護支援課");
    await eventually(
      async () =>
        (await observer.page.getByTestId("profile-department").inputValue()) ===
        "流山市 健康福祉部 介護支援課",
      "the observer sees the department",
    );
    expect(await observer.page.getByTestId("profile-programName").inputValue()).toBe(
      "流山市在宅医療・介護連携推進事業",
    );
    expect(await observer.page.getByTestId("profile-department").getAttribute("readonly")).not.toBeNull();
    expect(await observer.page.getByTestId("papers-profile").innerText()).toContain("事務局が記入します");
    // The seed's bodies are there, one a line, and the limit is said in Japanese near it.
    expect((await office.page.getByTestId("profile-bodies").inputValue()).split("\n")).toContain("医師会");
    await office.page.getByTestId("profile-committeeName").fill("会".repeat(195));
    expect(await office.page.getByTestId("papers-profile").getByTestId("limit-hint").innerText()).toContain(
      "文字で上限",
    );
    await office.page.getByTestId("profile-committeeName").fill("流山市在宅医療介護連携会議");
    await waitForSyncState(office.page, "saved");

    await office.page.goto(`/w/${office.wid}/plans/2023?view=papers&from=2023&to=2023`);
    await office.page.getByTestId("paper-cover").waitFor();
    const cover = await office.page.getByTestId("paper-cover").innerText();
    expect(cover).toContain("流山市在宅医療・介護連携推進事業");
    expect(cover).toContain("流山市 健康福祉部 介護支援課");
  }, 120_000);
  it("refuses a change to the papers' texts made offline by someone no longer secretariat, says why, and reads the stored text again", async ({
    server,
    browser,
  }) => {
    const office = await loggedIn(browser, server, "事務局");
    const doctorEmail = demoLogin(server, "医師").email;
    const setDoctorRole = (role: string) =>
      office.page.evaluate(
        async ({ wid, email, role }) => {
          const list = await (await fetch(`/api/workspaces/${wid}/members`)).json();
          const m = list.members.find((x: { email: string }) => x.email === email);
          const res = await fetch(`/api/workspaces/${wid}/members/${m.userId}`, {
            method: "PATCH",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ role }),
          });
          return res.status;
        },
        { wid: office.wid, email: doctorEmail, role },
      );
    expect(await setDoctorRole("secretariat")).toBe(204);
    const doctor = await loggedIn(browser, server, "医師");
    await openView(doctor.page, doctor.wid, "board", "scene-board");
    await doctor.page.getByTestId("papers-profile").locator("summary").click();
    const name = doctor.page.getByTestId("profile-programName");
    const stored = await name.inputValue();
    expect(await name.getAttribute("readonly")).toBeNull();

    // Written offline as the secretariat; the role is taken away before the page is back.
    await doctor.page.context().setOffline(true);
    await waitForSyncState(doctor.page, "offline");
    await name.fill("書き換えた事業名");
    await waitForSyncState(doctor.page, "offlineUnsent");
    expect(await setDoctorRole("member")).toBe(204);
    await doctor.page.context().setOffline(false);

    const notice = doctor.page.getByTestId("collab-limit");
    await notice.waitFor();
    expect(await notice.getAttribute("data-reason")).toBe("reserved");
    expect(await notice.innerText()).toContain("事務局だけが編集できる項目");
    expect(await doctor.page.getByTestId("sync-state").innerText()).toBe(
      "保存できません（事務局だけが編集できる項目）",
    );
    // Nothing of it reached the stored plan.
    await openView(office.page, office.wid, "board", "scene-board");
    await office.page.getByTestId("papers-profile").locator("summary").click();
    expect(await office.page.getByTestId("profile-programName").inputValue()).toBe(stored);

    // Dropping this device's copy reads the stored plan, now read-only for the member.
    doctor.page.on("dialog", (d) => void d.accept());
    await doctor.page.getByTestId("collab-limit-discard").click();
    await waitForSyncState(doctor.page, "saved");
    await doctor.page.getByTestId("papers-profile").locator("summary").click();
    expect(await name.inputValue()).toBe(stored);
    expect(await name.getAttribute("readonly")).not.toBeNull();
    expect(await doctor.page.getByTestId("collab-limit").count()).toBe(0);
  }, 90_000);
});
