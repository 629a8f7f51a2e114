/** 操作記録 as the secretariat reads it: Japanese labels and names, filters by person, kind and date. */
import { todayInJapan } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage } from "./pages.js";

const it = e2eTest();

describe("操作記録", () => {
  it("shows each entry in Japanese with names, and filters by person, kind and date", async ({
    server,
    browser,
  }) => {
    // The doctor logs in; the secretariat adds a group and puts the doctor in it.
    const doctor = await loggedInPage(browser, server, "医師");
    const doctorName = await doctor.page.getByTestId("current-user").innerText();
    const { page } = await loggedInPage(browser, server, "事務局");
    const secretariatName = await page.getByTestId("current-user").innerText();
    const wid = new URL(page.url()).pathname.split("/")[2];
    await page.evaluate(async (w) => {
      const res = await fetch(`/api/workspaces/${w}/groups`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "ACP普及班", kind: "team" }),
      });
      if (!res.ok) throw new Error(`group: ${res.status}`);
    }, wid);
    const members = await page.evaluate(
      async (w) => (await (await fetch(`/api/workspaces/${w}/members`)).json()).members,
      wid,
    );
    const doctorId = members.find((m: { name: string }) => m.name === doctorName).userId;
    const groups = await page.evaluate(
      async (w) => (await (await fetch(`/api/workspaces/${w}/groups`)).json()).groups,
      wid,
    );
    const gid = groups.find((g: { name: string }) => g.name === "ACP普及班").id;
    await page.evaluate(
      async ([w, g, u]) => {
        const res = await fetch(`/api/workspaces/${w}/groups/${g}/members/${u}`, { method: "PUT" });
        if (!res.ok) throw new Error(`member: ${res.status}`);
      },
      [wid, gid, doctorId],
    );

    await page.getByTestId("tab-audit").click();
    await page.getByTestId("audit-list").waitFor();
    expect(await page.getByTestId("tab-audit").innerText()).toBe("操作記録");

    // Every entry names its event in Japanese: no event codes anywhere in the table.
    const events = await page.getByTestId("audit-entry-event").allInnerTexts();
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) expect(e).not.toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
    const tableText = await page.getByTestId("audit-list").innerText();
    expect(tableText).not.toContain(doctorId);
    expect(tableText).not.toContain(gid);

    const added = page.locator('[data-testid="audit-entry"][data-event="group.member_added"]').first();
    expect(await added.getByTestId("audit-entry-event").innerText()).toBe("グループにメンバーを追加");
    expect(await added.getByTestId("audit-entry-actor").innerText()).toBe(secretariatName);
    expect(await added.getByTestId("audit-entry-target").innerText()).toBe(doctorName);
    expect(await added.getByTestId("audit-entry-detail").innerText()).toBe("グループ：ACP普及班");
    expect(await added.locator("td").first().innerText()).toMatch(
      /^令和\d+年\d+月\d+日（[日月火水木金土]）\d\d:\d\d$/,
    );

    // By kind: only group entries.
    await page.getByTestId("audit-kind").selectOption({ label: "グループ" });
    await eventually(async () => {
      const shown = await page
        .getByTestId("audit-entry")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event")));
      return shown.length === 2 && shown.every((e) => e?.startsWith("group."));
    }, "only the two group entries");

    // By person: the doctor's own entries (the login).
    await page.getByTestId("audit-kind").selectOption({ label: "すべて" });
    await page.getByTestId("audit-actor").selectOption(doctorId);
    await eventually(async () => {
      const actors = await page.getByTestId("audit-entry-actor").allInnerTexts();
      const shown = await page
        .getByTestId("audit-entry")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event")));
      return actors.length > 0 && actors.every((a) => a === doctorName) && shown.includes("login.success");
    }, "only the doctor's entries");
    expect(await page.getByTestId("audit-entry-event").first().innerText()).toBe("ログイン");

    // By date (Japan days): today has them, from tomorrow nothing.
    const today = todayInJapan();
    await page.getByTestId("audit-from").fill(today);
    await page.getByTestId("audit-to").fill(today);
    await eventually(async () => (await page.getByTestId("audit-entry").count()) > 0, "today's entries");
    const [y, m, d] = today.split("-").map(Number);
    const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    await page.getByTestId("audit-from").fill(tomorrow);
    await page.getByTestId("audit-to").fill(tomorrow);
    await page.getByTestId("audit-empty").waitFor();
  }, 90_000);
});
