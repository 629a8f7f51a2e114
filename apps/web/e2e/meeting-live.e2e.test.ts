/**
 * The meeting's state reaches every open page without a reload (会議を開始 → the meeting view),
 * and while the minutes are 確認依頼中 the members can only comment, not edit them.
 */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import * as encoding from "lib0/encoding";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import * as Y from "yjs";
import { e2eTest } from "./harness.js";
import { caretAfter, editorText, eventually, loggedInPage, waitForSyncState } from "./pages.js";
import { openMeeting, workspaceIdOf } from "./room-pages.js";

const it = e2eTest();

const M2 = "令和5年度 第2回 連携会議";

async function stateBadge(page: Page): Promise<string> {
  return page.getByTestId("meeting-state").innerText();
}

/** Marks the page's JavaScript realm: the mark survives only if the page is never reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { roomMark: number }).roomMark = 1;
  });
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { roomMark?: number }).roomMark === 1);
}

/**
 * Sends an edit of the minutes over a socket of the page's own (its session), bypassing the
 * editor, followed by Tsumugi's save check: the answer says whether the server stored it.
 */
async function storedOverOwnSocket(page: Page, docName: string, text: string): Promise<boolean> {
  const doc = new Y.Doc();
  doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText(text)]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 2); // update
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  const frame = [...encoding.toUint8Array(encoder)];
  return page.evaluate(
    ({ name, frame }) =>
      new Promise<boolean>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/collab/${name}`);
        ws.binaryType = "arraybuffer";
        ws.onerror = () => reject(new Error("socket error"));
        ws.onopen = () => {
          ws.send(new Uint8Array(frame));
          ws.send(new Uint8Array([7, 9]));
        };
        ws.onmessage = (e) => {
          const data = new Uint8Array(e.data as ArrayBuffer);
          if (data[0] === 7 && data[1] === 9) {
            ws.close();
            resolve(data[2] === 1);
          }
        };
      }),
    { name: docName, frame },
  );
}

/** The meeting's document name, as the page's API answer gives it. */
async function meetingDocName(page: Page): Promise<string> {
  const path = new URL(page.url()).pathname;
  const [, , wid, , mid] = path.split("/");
  return page.evaluate(async (url) => {
    const res = await fetch(url);
    return ((await res.json()) as { meeting: { docName: string } }).meeting.docName;
  }, `/api/workspaces/${wid}/meetings/${mid}`);
}

describe("a meeting's state on everyone's screen", () => {
  it("switches the participants' pages live, and makes circulated minutes comment-only for members", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const doctor = await loggedInPage(browser, server, "医師");
    secretariat.page.on("dialog", (d) => void d.accept());
    await openMeeting(secretariat.page, M2);
    await openMeeting(doctor.page, M2);
    await markPage(doctor.page);
    expect(await stateBadge(doctor.page)).toBe("公開");
    // Before the meeting, the agenda tab shows the agenda only.
    expect(await doctor.page.getByTestId("editor").count()).toBe(0);

    // 会議を開始: the doctor's page turns into the meeting view (agenda with the live minutes).
    await secretariat.page.getByTestId("meeting-next").click();
    await eventually(async () => (await stateBadge(doctor.page)) === "開催中", "開催中 on the doctor's page");
    await doctor.page.locator(".meeting-mode").getByTestId("editor").waitFor();
    expect(await doctor.page.getByTestId("editor").getAttribute("contenteditable")).toBe("true");
    expect(await stillSamePage(doctor.page)).toBe(true);
    await caretAfter(doctor.page, "");
    await doctor.page.keyboard.type("医師の発言メモ");
    await waitForSyncState(doctor.page, "saved");

    // 会議を終了, then 議事録の確認を依頼.
    await secretariat.page.getByTestId("meeting-next").click();
    await eventually(async () => (await stateBadge(doctor.page)) === "終了", "終了 on the doctor's page");
    await secretariat.page.getByTestId("minutes-circulate").click();
    await doctor.page.getByTestId("minutes-reviewing").waitFor();
    expect(await doctor.page.getByTestId("minutes-state").innerText()).toBe("議事録確認依頼中");
    expect(await stillSamePage(doctor.page)).toBe(true);

    // The doctor's minutes are read-only now; typing changes nothing.
    await doctor.page.getByTestId("meeting-tab-minutes").click();
    await eventually(
      async () => (await doctor.page.getByTestId("editor").getAttribute("contenteditable")) === "false",
      "the doctor's minutes read-only",
    );
    const before = await editorText(doctor.page);
    await doctor.page.getByTestId("editor").click();
    await doctor.page.keyboard.type("直接の修正");
    expect(await editorText(doctor.page)).toBe(before);

    // Nor does the server take an edit from his session, whatever the page does.
    const docName = await meetingDocName(doctor.page);
    expect(await storedOverOwnSocket(doctor.page, docName, "ソケットからの修正")).toBe(false);
    expect(await storedOverOwnSocket(secretariat.page, docName, "事務局のソケットから")).toBe(true);

    // He asks for the change in 確認・修正 instead.
    await doctor.page.getByTestId("minutes-reviewing-link").click();
    await doctor.page.getByTestId("correction-quote").fill("医師の発言メモ");
    await doctor.page.getByTestId("correction-body").fill("「発言」を「意見」にしてください");
    await doctor.page.getByTestId("correction-post").click();
    await doctor.page.getByTestId("correction").first().waitFor();

    // The secretariat still edits, and the doctor sees the change.
    await secretariat.page.getByTestId("meeting-tab-minutes").click();
    expect(await secretariat.page.getByTestId("editor").getAttribute("contenteditable")).toBe("true");
    await caretAfter(secretariat.page, "医師の発言メモ");
    await secretariat.page.keyboard.type("（事務局で修正）");
    await waitForSyncState(secretariat.page, "saved");
    await doctor.page.getByTestId("meeting-tab-minutes").click();
    await eventually(
      async () => (await editorText(doctor.page)).includes("（事務局で修正）"),
      "the secretariat's correction on the doctor's page",
    );

    // 確定: everyone's page says so.
    await secretariat.page.getByTestId("minutes-fix").click();
    await eventually(
      async () => (await doctor.page.getByTestId("minutes-state").innerText()) === "議事録確定",
      "確定 on the doctor's page",
    );
    expect(await stillSamePage(doctor.page)).toBe(true);
    for (const c of [secretariat.context, doctor.context]) await c.close();
  }, 120_000);
});

describe("home pages and meeting lists", () => {
  it("follow another person's new meeting and each of its states without a reload", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const doctor = await loggedInPage(browser, server, "医師");
    secretariat.page.on("dialog", (d) => void d.accept());
    const wid = workspaceIdOf(doctor.page);
    const title = "令和8年度 臨時 連携会議";

    // The doctor has his home page open, and the meetings of 令和8年度 in another tab.
    const home = doctor.page;
    await home.getByTestId("home").waitFor();
    const list = await doctor.context.newPage();
    await list.goto(`/w/${wid}?tab=meetings`);
    await list.getByTestId("meetings-year").selectOption("2026");
    await list.getByTestId("meetings-panel").waitFor();
    for (const p of [home, list]) await markPage(p);
    const listState = async () => {
      const row = list.locator("tr", { has: list.getByTestId("meeting-link").filter({ hasText: title }) });
      return (await row.count()) === 0 ? null : (await row.locator("td").last().innerText()).trim();
    };
    const homeMeeting = () => home.getByTestId("home-meeting").filter({ hasText: title });
    const homeMinutes = () => home.getByTestId("home-minutes-item").filter({ hasText: title });

    // The secretariat adds a meeting with the doctor invited: his list shows it at once.
    const created = await secretariat.page.evaluate(
      async ({ wid, title }) => {
        const members = (await (await fetch(`/api/workspaces/${wid}/members`)).json()) as {
          members: { userId: string; name: string }[];
        };
        const doctorId = members.members.find((m) => m.name === "井上 誠")?.userId;
        const res = await fetch(`/api/workspaces/${wid}/meetings`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            kind: "liaison",
            title,
            startsAt: "2027-01-21T14:00",
            invitees: [doctorId],
          }),
        });
        return { status: res.status, id: ((await res.json()) as { meeting: { id: string } }).meeting.id };
      },
      { wid, title },
    );
    expect(created.status).toBe(201);
    await eventually(async () => (await listState()) === "下書き", "the new meeting in the doctor's list");
    expect(await homeMeeting().count()).toBe(0);

    // 公開 → 開催中 → 終了 on the secretariat's meeting page.
    await secretariat.page.goto(`/w/${wid}/meetings/${created.id}`);
    await secretariat.page.getByTestId("meeting-page").waitFor();
    for (const [state, shown] of [
      ["公開", true],
      ["開催中", true],
      ["終了", false],
    ] as const) {
      await secretariat.page.getByTestId("meeting-next").click();
      await secretariat.page.getByTestId("meeting-state").filter({ hasText: state }).waitFor();
      await eventually(
        async () => (await listState()) === (state === "終了" ? "終了・議事録作成中" : state),
        `${state} in the doctor's list`,
      );
      await eventually(
        async () =>
          shown
            ? (await homeMeeting().count()) === 1 &&
              (await homeMeeting().locator(".badge").innerText()) === state
            : (await homeMeeting().count()) === 0,
        `${state} on the doctor's home page`,
      );
    }

    // The minutes circulated: the doctor's home asks him to review them; fixed: nothing left.
    await secretariat.page.getByTestId("minutes-circulate").click();
    await eventually(
      async () =>
        (await homeMinutes().count()) === 1 &&
        (await homeMinutes().innerText()).includes("議事録を確認してください"),
      "the review asked on the doctor's home page",
    );
    await eventually(async () => (await listState()) === "終了・議事録確認依頼中", "確認依頼中 in the list");
    await secretariat.page.getByTestId("minutes-fix").click();
    await eventually(async () => (await listState()) === "終了・議事録確定", "確定 in the list");
    await eventually(
      async () => (await homeMinutes().count()) === 0,
      "nothing left to review on the home page",
    );

    for (const p of [home, list]) expect(await stillSamePage(p)).toBe(true);
    for (const c of [secretariat.context, doctor.context]) await c.close();
  }, 120_000);
});
