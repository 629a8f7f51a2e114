import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage, openDocument, paragraphTexts, waitForSyncState } from "./pages.js";

const it = e2eTest();

async function openMeeting(page: Page, title: string): Promise<void> {
  await page.getByTestId("tab-meetings").click();
  await page.getByTestId("meetings-year").selectOption("2023");
  await page.getByTestId("meeting-link").filter({ hasText: title }).click();
  await page.getByTestId("meeting-page").waitFor();
  await waitForSyncState(page, "saved");
}

async function agendaTitles(page: Page): Promise<string[]> {
  const inputs = page.getByTestId("agenda-title");
  const out: string[] = [];
  for (let i = 0; i < (await inputs.count()); i++) out.push(await inputs.nth(i).inputValue());
  return out;
}

describe("a meeting run by three people", () => {
  it("goes from agenda to closed, fixed minutes, with a decision, an action in the plan and the change report", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    for (const p of [secretariat.page, doctor.page, nurse.page]) p.on("dialog", (d) => void d.accept());
    const M2 = "令和5年度 第2回 連携会議";
    await openMeeting(secretariat.page, M2);

    // Agenda: the first meeting's unreached item, and a new one about a plan action.
    await secretariat.page.getByTestId("backlog-add").click();
    await secretariat.page.getByTestId("agenda-add").click();
    await eventually(async () => (await agendaTitles(secretariat.page)).length === 2, "two agenda items");
    const second = secretariat.page.getByTestId("agenda-title").nth(1);
    await second.fill("救急との情報共有");
    const link = secretariat.page.getByTestId("agenda-item").nth(1).getByTestId("agenda-link");
    const option = await link.locator("option", { hasText: "消防との情報交換の実施" }).getAttribute("value");
    await link.selectOption(option ?? "");
    await secretariat.page.getByTestId("meeting-next").click(); // 公開 → 開催中
    await eventually(
      async () => (await secretariat.page.getByTestId("meeting-state").innerText()) === "開催中",
      "開催中",
    );

    await openMeeting(doctor.page, M2);
    await openMeeting(nurse.page, M2);
    expect(await agendaTitles(nurse.page)).toEqual(["市民公開講座の企画", "救急との情報共有"]);

    // Meeting mode: the secretariat moves to the second item; everyone sees it and its timer.
    await secretariat.page.getByTestId("agenda-item").nth(1).getByTestId("agenda-start").click();
    for (const p of [doctor.page, nurse.page]) {
      await eventually(
        async () => (await p.getByTestId("agenda-item").nth(1).getAttribute("data-current")) === "true",
        "the current item",
      );
      await p.getByTestId("agenda-timer").waitFor();
    }

    // The nurse updates the linked plan action from the agenda; the doctor writes minutes.
    await nurse.page.getByTestId("agenda-item").nth(1).getByTestId("linked-status").selectOption("done");
    await doctor.page.getByTestId("editor").click();
    await doctor.page.keyboard.type("消防との情報交換は7月に実施済みと報告があった。");
    await eventually(
      async () => (await paragraphTexts(nurse.page)).join("").includes("7月に実施済み"),
      "the minutes at the nurse",
    );
    await eventually(
      async () =>
        (await secretariat.page
          .getByTestId("agenda-item")
          .nth(1)
          .getByTestId("linked-status")
          .inputValue()) === "done",
      "the plan change at the secretariat",
    );

    // Attendance and outcomes.
    await secretariat.page.getByTestId("meeting-tab-attendance").click();
    const rows = secretariat.page.getByTestId("attendance-row");
    await rows.filter({ hasText: "井上 誠" }).getByTestId("attendance-status").selectOption("attended");
    await rows.filter({ hasText: "小林 由紀" }).getByTestId("attendance-status").selectOption("attended");
    await rows.filter({ hasText: "佐々木 聡" }).getByTestId("attendance-status").selectOption("absent");
    await eventually(
      async () =>
        (await secretariat.page.getByTestId("attendance-count").innerText()).startsWith("出席 2名・欠席 1名"),
      "counts",
    );

    await nurse.page.getByTestId("meeting-tab-outcomes").click();
    await nurse.page.getByTestId("outcome-type").selectOption("decision");
    await nurse.page.getByTestId("outcome-add").click();
    await nurse.page.getByTestId("outcome-text").last().fill("市民公開講座は11月に開催する");
    await nurse.page.getByTestId("outcome-type").selectOption("action");
    await nurse.page.getByTestId("outcome-add").click();
    await nurse.page.getByTestId("outcome-text").last().fill("ACP普及の出前講座を開催");
    await waitForSyncState(nurse.page, "saved");
    await nurse.page.getByTestId("outcome-make-action").click();
    await nurse.page.getByTestId("outcome-action-link").waitFor();

    // Close: the secretariat ends the meeting, circulates the minutes; the doctor asks for a correction.
    await secretariat.page.getByTestId("meeting-next").click();
    await eventually(
      async () => (await secretariat.page.getByTestId("meeting-state").innerText()) === "終了",
      "終了",
    );
    await secretariat.page.getByTestId("minutes-circulate").click();
    await secretariat.page.getByTestId("minutes-state").filter({ hasText: "確認依頼中" }).waitFor();
    await doctor.page.reload();
    await doctor.page.getByTestId("meeting-tab-review").click();
    await doctor.page.getByTestId("correction-quote").fill("7月に実施済み");
    await doctor.page.getByTestId("correction-body").fill("「7月31日に実施済み」としてください。");
    await doctor.page.getByTestId("correction-post").click();
    await doctor.page.getByTestId("correction").waitFor();
    await secretariat.page.getByTestId("meeting-tab-review").click();
    await secretariat.page.reload();
    await secretariat.page.getByTestId("correction").filter({ hasText: "7月31日" }).waitFor();

    // Under review only the secretariat edits the text; fixing makes it read-only for
    // everyone, the secretariat's open editor included.
    await doctor.page.getByTestId("meeting-tab-minutes").click();
    await doctor.page.getByTestId("editor").waitFor();
    expect(await doctor.page.getByTestId("editor").getAttribute("contenteditable")).toBe("false");
    await secretariat.page.getByTestId("meeting-tab-minutes").click();
    await secretariat.page.getByTestId("editor").waitFor();
    expect(await secretariat.page.getByTestId("editor").getAttribute("contenteditable")).toBe("true");
    await secretariat.page.getByTestId("minutes-fix").click();
    await secretariat.page.getByTestId("minutes-state").filter({ hasText: "確定" }).waitFor();
    await eventually(
      async () => (await secretariat.page.getByTestId("editor").getAttribute("contenteditable")) === "false",
      "the secretariat's editor read-only",
      20_000,
    );
    expect(await doctor.page.getByTestId("editor").getAttribute("contenteditable")).toBe("false");

    // The action made from the outcome is in the plan.
    await secretariat.page.goto(
      `${new URL(secretariat.page.url()).pathname.split("/meetings/")[0]}/plans/2023?view=actions`,
    );
    await waitForSyncState(secretariat.page, "saved");
    await eventually(async () => {
      const inputs = secretariat.page.getByTestId("action-title");
      for (let i = 0; i < (await inputs.count()); i++)
        if ((await inputs.nth(i).inputValue()) === "ACP普及の出前講座を開催") return true;
      return false;
    }, "the outcome's action in the plan");

    // After the meeting the plan moves on; the next meeting opens with what changed.
    const rowsA = secretariat.page.getByTestId("action-row");
    const target = await (async () => {
      for (let i = 0; i < (await rowsA.count()); i++) {
        const title = await rowsA.nth(i).getByTestId("action-title").inputValue();
        if (title.startsWith("在宅看取り推進のためのチームづくり")) return rowsA.nth(i);
      }
      throw new Error("no action");
    })();
    await target.getByTestId("action-progress").fill("80");
    await waitForSyncState(secretariat.page, "saved");

    const wid = new URL(secretariat.page.url()).pathname.split("/")[2];
    const created = await secretariat.page.evaluate(async (w) => {
      const res = await fetch(`/api/workspaces/${w}/meetings`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "liaison", startsAt: "2023-09-15T14:00" }),
      });
      return (await res.json()) as { meeting: { id: string; title: string } };
    }, wid);
    expect(created.meeting.title).toBe("令和5年度 第3回 連携会議");
    await secretariat.page.goto(`/w/${wid}/meetings/${created.meeting.id}?tab=changes`);
    await secretariat.page.getByTestId("changes").waitFor();
    const changes = await secretariat.page.getByTestId("change").allInnerTexts();
    expect(changes.join("\n")).toContain("在宅看取り推進のためのチームづくり");
    expect(await secretariat.page.getByTestId("change-field").allInnerTexts()).toContain(
      "進捗：35% から 80% に変更",
    );
  }, 180_000);
});

describe("version history", () => {
  it("compares two versions of a document side by side and restores one as a new change", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "医師");
    page.on("dialog", (d) => void d.accept());
    await openDocument(page, "入退院支援ルール（案）");
    await page.getByTestId("document-versions").click();
    await page.getByTestId("version-label").fill("班会議前");
    await page.getByTestId("version-save").click();
    await page.getByTestId("version-row").first().waitFor();

    const paragraph = page.locator('[data-testid="editor"] p', {
      hasText: "病院は退院の見込みが立った時点で",
    });
    await paragraph.click();
    await page.keyboard.press("End");
    await page.keyboard.type("（3日前までに）");
    await waitForSyncState(page, "saved");
    await page.getByTestId("version-label").fill("修正後");
    await page.getByTestId("version-save").click();
    await eventually(async () => (await page.getByTestId("version-row").count()) === 2, "two versions");

    const picks = page.getByTestId("version-pick");
    await picks.nth(0).check();
    await picks.nth(1).check();
    const compare = page.getByTestId("version-compare");
    await compare.waitFor();
    const changed = compare.locator('tr[data-change="changed"]');
    expect(await changed.count()).toBe(1);
    expect(await changed.locator("td").nth(1).innerText()).toContain("（3日前までに）");

    // Restore the earlier version: the text goes back, and both versions stay in the history.
    await page
      .getByTestId("version-row")
      .filter({ hasText: "班会議前" })
      .getByTestId("version-restore")
      .click();
    await eventually(
      async () => !(await paragraphTexts(page)).join("").includes("（3日前までに）"),
      "the restored text",
    );
    await waitForSyncState(page, "saved");
    await eventually(
      async () => (await page.getByTestId("version-row").count()) === 3,
      "a 復元前 version as well",
    );
  }, 90_000);
});

describe("a working-group draft", () => {
  it("goes from the group's draft through the plenary's comments to approval and a public page", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    const secretariat = await loggedInPage(browser, server, "事務局");
    for (const p of [doctor.page, nurse.page, secretariat.page]) p.on("dialog", (d) => void d.accept());

    // The doctor (病診施連携班) starts a 情報共有シート from the template.
    await doctor.page.getByTestId("tab-documents").click();
    await doctor.page.getByTestId("new-document").locator("select").first().selectOption("draft");
    await doctor.page.getByTestId("new-document-template").selectOption("infoSharing");
    await doctor.page
      .getByTestId("new-document")
      .locator("select")
      .nth(2)
      .selectOption({ label: "病診施連携班" });
    await doctor.page.getByTestId("new-document-submit").click();
    await doctor.page.getByTestId("editor").waitFor();
    expect(await doctor.page.getByTestId("document-title").innerText()).toBe("情報共有シート（案）");
    expect(await doctor.page.getByTestId("draft-status").innerText()).toBe("作成中");
    await doctor.page.getByTestId("draft-to-reviewing").click();
    await doctor.page.getByTestId("draft-status").filter({ hasText: "全体会で確認中" }).waitFor();
    // Before the plenary the group no longer edits the text (it comments, like everyone).
    await eventually(
      async () => (await doctor.page.getByTestId("editor").getAttribute("contenteditable")) === "false",
      "the doctor's editor read-only while the plenary reviews",
      20_000,
    );
    const url = doctor.page.url();

    // The nurse (not in the group) reads it and comments on a passage.
    await nurse.page.goto(url);
    await nurse.page.getByTestId("editor").waitFor();
    expect(await nurse.page.getByTestId("editor").getAttribute("contenteditable")).toBe("false");
    await nurse.page.locator('[data-testid="editor"] p', { hasText: "要介護度" }).click({ clickCount: 3 });
    await nurse.page.getByTestId("doc-comment-quote").click();
    expect(await nurse.page.getByTestId("doc-comment-quoted").innerText()).toContain("要介護度");
    await nurse.page.getByTestId("doc-comment-body").fill("認知症の有無も項目に加えてください。");
    await nurse.page.getByTestId("doc-comment-post").click();
    await nurse.page.getByTestId("doc-comment").waitFor();

    await doctor.page.reload();
    await doctor.page.getByTestId("doc-comment").filter({ hasText: "認知症の有無" }).waitFor();
    await doctor.page.getByTestId("doc-comment-resolve").click();
    await doctor.page.getByTestId("doc-comment").filter({ hasText: "解決済み" }).waitFor();

    // The secretariat approves: the doctor's open editor stays read-only; then publishes.
    await secretariat.page.goto(url);
    await secretariat.page.getByTestId("draft-to-approved").click();
    await secretariat.page.getByTestId("draft-status").filter({ hasText: "承認済" }).waitFor();
    await eventually(
      async () => (await doctor.page.getByTestId("editor").getAttribute("contenteditable")) === "false",
      "the doctor's editor read-only after approval",
      20_000,
    );
    await secretariat.page.getByTestId("draft-to-published").click();
    const href = await secretariat.page.getByTestId("draft-public-link").getAttribute("href");
    expect(href).toMatch(/^\/p\/[a-z0-9]+$/);

    // Anyone can read the public page, without logging in.
    const anonymous = await browser.newContext({ baseURL: server.url });
    const page = await anonymous.newPage();
    const res = await page.goto(href ?? "");
    expect(res?.status()).toBe(200);
    expect(await page.locator("h1").innerText()).toBe("情報共有シート（案）");
    expect(await page.getByTestId("public-body").innerText()).toContain("要介護度");
    await anonymous.close();
  }, 120_000);

  it("prints a held meeting on A4 portrait: title, attendance, agenda, minutes and decisions", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    await openMeeting(page, "令和5年度 第1回 連携会議");
    await page.goto(`${new URL(page.url()).pathname}?print=1`);
    await page.getByTestId("meeting-print").waitFor();
    await page.emulateMedia({ media: "print" });
    const body = await page.locator("main").innerText();
    for (const part of [
      "令和5年度 第1回 連携会議",
      "出席者",
      "令和5年度の事業計画について",
      "消防との意見交換",
      "令和5年度の事業計画を承認する",
    ]) {
      expect(body).toContain(part);
    }
    expect(await page.getByTestId("meeting-next").count()).toBe(0);
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
  }, 60_000);
});
