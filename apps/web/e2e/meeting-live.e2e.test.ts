/**
 * The meeting's state reaches every open page without a reload (会議を開始 → the meeting view),
 * and while the minutes are 確認依頼中 the members can only comment, not edit them.
 */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import * as encoding from "lib0/encoding";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type E2EServer, launchChromium, startE2EServer } from "./harness.js";
import { caretAfter, editorText, eventually, loggedInPage, waitForSyncState } from "./pages.js";
import { openMeeting } from "./room-pages.js";

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
  it("switches the participants' pages live, and makes circulated minutes comment-only for members", async () => {
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
