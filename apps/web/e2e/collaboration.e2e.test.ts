import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { caretAfter, editorText, eventually, loggedInPage, openDocument, waitForSyncState } from "./pages.js";

const DOC = "第1回 在宅医療・介護連携推進会議 メモ";
const it = e2eTest();

describe("two people co-editing in Chromium", () => {
  it("see each other's text, presence and carets, and the text is saved", async ({ server, browser }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openDocument(doctor.page, DOC);
    await openDocument(nurse.page, DOC);

    await eventually(
      async () =>
        (await doctor.page.getByTestId("presence-user").allInnerTexts()).some((t) => t.includes("小林 由紀")),
      "the nurse in the doctor's presence list",
    );
    await eventually(
      async () =>
        (await nurse.page.getByTestId("presence-user").allInnerTexts()).some((t) => t.includes("井上 誠")),
      "the doctor in the nurse's presence list",
    );

    await caretAfter(doctor.page, "退院前カンファレンス");
    await doctor.page.keyboard.type("（医師より）訪問診療の受入れ体制を確認する。");
    await caretAfter(nurse.page, "市民公開講座");
    await nurse.page.keyboard.type("看護師も講師として協力可能。");

    for (const page of [doctor.page, nurse.page]) {
      await eventually(async () => {
        const text = await editorText(page);
        return (
          text.includes("訪問診療の受入れ体制を確認する。") && text.includes("看護師も講師として協力可能。")
        );
      }, "both edits on both screens");
      await waitForSyncState(page, "saved");
    }
    // The nurse sees the doctor's caret labelled with his name.
    await eventually(
      async () =>
        (await nurse.page.locator(".collaboration-carets__label").allInnerTexts()).includes("井上 誠"),
      "the doctor's caret label",
    );

    // A third person opening the document later gets everything from the server.
    const secretariat = await loggedInPage(browser, server, "事務局");
    await openDocument(secretariat.page, DOC);
    const text = await editorText(secretariat.page);
    expect(text).toContain("訪問診療の受入れ体制を確認する。");
    expect(text).toContain("看護師も講師として協力可能。");
    for (const c of [doctor, nurse, secretariat]) await c.context.close();
  });

  it("shows an observer the text read-only", async ({ server, browser }) => {
    const pref = await loggedInPage(browser, server, "千葉県（閲覧）");
    await openDocument(pref.page, DOC);
    await pref.page.getByTestId("read-only").waitFor();
    expect(await pref.page.getByTestId("editor").getAttribute("contenteditable")).toBe("false");
    expect(await editorText(pref.page)).toContain("議題");
    await pref.context.close();
  });
});
