/**
 * The home page tells each role what to do next: the next meetings, the minutes waiting for
 * them, their open and overdue actions, comments addressed to them and recent changes.
 */
import { currentFiscalYear } from "@tsumugi/domain";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage } from "./pages.js";
import { inputValues, openMeeting, openPlanView, workspaceIdOf } from "./room-pages.js";

const it = e2eTest();

const M2 = "令和5年度 第2回 連携会議";
/** The demo's plan of this 年度, carried over from 令和5年度: the one the home page reads. */
const thisYear = currentFiscalYear();

async function texts(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).allInnerTexts();
}

async function goHome(page: Page, wid: string): Promise<void> {
  await page.goto(`/w/${wid}`);
  await page.getByTestId("home").waitFor();
}

describe("the home page", () => {
  it("shows each role its meetings, minutes to act on, actions, comments and changes", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const doctor = await loggedInPage(browser, server, "医師");
    const observer = await loggedInPage(browser, server, "千葉県（閲覧）");
    secretariat.page.on("dialog", (d) => void d.accept());
    const wid = workspaceIdOf(secretariat.page);

    // After logging in, each lands on the home page, with the next meeting.
    for (const p of [secretariat.page, doctor.page, observer.page]) {
      await p.getByTestId("home").waitFor();
      expect((await texts(p, "home-meeting")).join("\n")).toContain(M2);
    }
    expect(await secretariat.page.getByTestId("tab-home").getAttribute("class")).toContain("active");

    // The doctor's open actions are his groups' (多職種連携・体制構築部会, 病診施連携班) in this
    // 年度's plan (the demo's, carried over from 令和5年度), overdue ones first and marked so;
    // which are overdue depends on the day, so the marks are checked against the server's answer.
    const homeOf = (page: Page) =>
      page.evaluate(async (w) => {
        const res = await fetch(`/api/workspaces/${w}/home`);
        return (await res.json()) as {
          plan: { fiscalYearLabel: string } | null;
          myActions: { title: string; overdue?: boolean }[];
          overdueActions: unknown[];
          overdueCount: number;
        };
      }, wid);
    const doctorHome = await homeOf(doctor.page);
    expect(doctorHome.plan?.fiscalYearLabel).not.toBe("令和5年度");
    const doctorActions = await texts(doctor.page, "home-action");
    expect(doctorActions.length).toBeGreaterThan(3);
    expect(doctorActions).toHaveLength(doctorHome.myActions.length);
    doctorHome.myActions.forEach((a, i) => {
      expect(doctorActions[i]).toContain(a.title);
      expect(doctorActions[i].includes("期限超過"), a.title).toBe(a.overdue === true);
    });
    expect(doctorActions.some((a) => a.includes("多職種連携・体制構築部会"))).toBe(true);
    expect(doctorActions.some((a) => a.includes("市民啓発班"))).toBe(false);
    expect(await doctor.page.getByTestId("home-overdue-actions").count()).toBe(0);
    const secretariatHome = await homeOf(secretariat.page);
    const overdueAll = Number.parseInt(
      await secretariat.page.getByTestId("home-overdue-count").innerText(),
      10,
    );
    expect(overdueAll).toBe(secretariatHome.overdueCount);
    expect(overdueAll).toBeGreaterThanOrEqual(doctorHome.myActions.filter((a) => a.overdue).length);
    const shown = secretariat.page.getByTestId("home-overdue-actions").getByTestId("home-action");
    expect(await shown.count()).toBe(Math.min(8, overdueAll));
    // The observer is in charge of nothing: no such section.
    expect(await observer.page.getByTestId("home-my-actions").count()).toBe(0);
    expect(await observer.page.getByTestId("home").innerText()).not.toContain("担当の取組");

    // A comment addressed to the doctor shows on his home page until he reads it.
    const doctorId = await secretariat.page.evaluate(async (w) => {
      const res = await fetch(`/api/workspaces/${w}/members`);
      const body = (await res.json()) as { members: { userId: string; name: string }[] };
      return body.members.find((m) => m.name === "井上 誠")?.userId ?? "";
    }, wid);
    await openPlanView(secretariat.page, "actions", thisYear);
    const actionId = await secretariat.page.getByTestId("action-row").first().getAttribute("data-row-id");
    const firstTitle = (await inputValues(secretariat.page, "action-title"))[0];
    const posted = await secretariat.page.evaluate(
      async ({ w, rowId, doctorId, fy }) =>
        (
          await fetch(`/api/workspaces/${w}/plans/${fy}/comments`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({
              table: "actions",
              rowId,
              body: "@井上 誠 医師会への周知をお願いします",
              mentions: [doctorId],
            }),
          })
        ).status,
      { w: wid, rowId: actionId, doctorId, fy: thisYear },
    );
    expect(posted).toBe(201);
    await goHome(doctor.page, wid);
    expect(await doctor.page.getByTestId("home-unread").innerText()).toBe("未読 1 件");
    const mention = (await texts(doctor.page, "home-mention")).join("\n");
    expect(mention).toContain("医師会への周知をお願いします");
    expect(mention).toContain(firstTitle);
    expect(mention).toContain("高橋 美和");

    // The doctor changes an action; it shows among everyone's recent changes.
    await openPlanView(doctor.page, "actions", thisYear);
    const title = doctor.page.getByTestId("action-title").first();
    await title.click();
    await title.press("End");
    await doctor.page.keyboard.type("（医師会と協議）");
    await eventually(
      async () => {
        await goHome(observer.page, wid);
        return (await texts(observer.page, "home-change")).some(
          (c) => c.includes("井上 誠") && c.includes("（医師会と協議）") && c.includes("変更"),
        );
      },
      "the doctor's change on the observer's home page",
      20_000,
    );

    // The meeting is held and its minutes circulated: the doctor is asked to review them,
    // and the link opens the review tab; the secretariat is asked to fix them.
    await openMeeting(secretariat.page, M2);
    await secretariat.page.getByTestId("meeting-next").click();
    await secretariat.page.getByTestId("meeting-state").filter({ hasText: "開催中" }).waitFor();
    await secretariat.page.getByTestId("meeting-next").click();
    await secretariat.page.getByTestId("meeting-state").filter({ hasText: "終了" }).waitFor();
    await goHome(secretariat.page, wid);
    expect((await texts(secretariat.page, "home-minutes-item")).join("\n")).toContain(
      "議事録の確認を依頼してください",
    );
    expect((await texts(secretariat.page, "home-meeting")).join("\n")).not.toContain(M2);
    await openMeeting(secretariat.page, M2);
    await secretariat.page.getByTestId("minutes-circulate").click();
    await secretariat.page.getByTestId("minutes-state").filter({ hasText: "確認依頼中" }).waitFor();
    await goHome(secretariat.page, wid);
    expect((await texts(secretariat.page, "home-minutes-item")).join("\n")).toContain(
      "議事録を確定してください",
    );

    await goHome(doctor.page, wid);
    const item = doctor.page.getByTestId("home-minutes-item").filter({ hasText: M2 });
    expect(await item.innerText()).toContain("議事録を確認してください");
    await item.getByTestId("home-todo").click();
    await doctor.page.getByTestId("minutes-review").waitFor();
    expect(await doctor.page.getByTestId("meeting-title").innerText()).toBe(M2);
    for (const c of [secretariat.context, doctor.context, observer.context]) await c.close();
  }, 150_000);

  it("shows each person the lists and choices the server's abilities allow", async ({ server, browser }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const doctor = await loggedInPage(browser, server, "医師");
    const observer = await loggedInPage(browser, server, "千葉県（閲覧）");
    const wid = workspaceIdOf(secretariat.page);
    const shown = async (page: Page) => {
      await goHome(page, wid);
      const answer = await page.evaluate(async (w) => {
        const res = await fetch(`/api/workspaces/${w}/home`);
        return ((await res.json()) as { abilities: { ownActions: boolean; overdueActions: boolean } })
          .abilities;
      }, wid);
      const sections = {
        ownActions: (await page.getByRole("region", { name: /^担当の取組/ }).count()) === 1,
        overdueActions:
          (await page.getByRole("region", { name: /^期限を過ぎた取組（計画全体）/ }).count()) === 1,
      };
      // The page shows exactly the lists the answer allows.
      expect(sections).toEqual(answer);
      return sections;
    };
    // What the policy gives each: the secretariat both lists, a member their own actions, an
    // observer neither.
    expect(await shown(secretariat.page)).toEqual({ ownActions: true, overdueActions: true });
    expect(await shown(doctor.page)).toEqual({ ownActions: true, overdueActions: false });
    expect(await shown(observer.page)).toEqual({ ownActions: false, overdueActions: false });

    // A new event starts as the municipality's own for the secretariat (who may hold one without
    // an organiser group), as one of his groups' for the doctor; the observer creates none.
    const newEventOrganisers = async (page: Page) => {
      await page.goto(`/w/${wid}?tab=events`);
      await page.locator('[data-testid="tab-events"][aria-current="page"]').waitFor();
      await page.getByTestId("events-panel").waitFor();
      await page
        .getByTestId("events-table")
        .or(page.getByText("この年度の研修・イベントはまだありません"))
        .first()
        .waitFor();
      if ((await page.getByTestId("event-new").count()) === 0) return null;
      await page.getByTestId("event-new").click();
      const boxes = page
        .getByTestId("event-create-form")
        .getByRole("group", { name: "主催するグループ" })
        .getByRole("checkbox");
      const checked: boolean[] = [];
      for (const box of await boxes.all()) checked.push(await box.isChecked());
      return checked;
    };
    const bySecretariat = await newEventOrganisers(secretariat.page);
    expect(bySecretariat?.length).toBeGreaterThan(1);
    expect(bySecretariat?.filter(Boolean)).toEqual([]);
    const byDoctor = await newEventOrganisers(doctor.page);
    expect(byDoctor?.filter(Boolean)).toEqual([true]);
    expect(await newEventOrganisers(observer.page)).toBeNull();
    for (const c of [secretariat.context, doctor.context, observer.context]) await c.close();
  }, 120_000);
});
