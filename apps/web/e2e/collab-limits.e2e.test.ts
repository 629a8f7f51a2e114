import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { caretAfter, editorText, eventually, loggedInPage, openDocument, waitForSyncState } from "./pages.js";

const DOC = "第1回 在宅医療・介護連携推進会議 メモ";
const it = e2eTest({
  env: { COLLAB_WRITES_PER_MINUTE: "10", COLLAB_MAX_DOCUMENT_BYTES: "65536" },
});

describe("collab limits in the page", () => {
  it("pauses saving when a person sends too many changes, says for how long, then saves everything", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openDocument(doctor.page, DOC);
    await openDocument(nurse.page, DOC);
    await caretAfter(doctor.page, "急な退院の連絡が遅れる事例がある。");
    // One update per key: more than the 10 a minute this server allows one person.
    await doctor.page.keyboard.type("連絡票の様式を統一する。");
    const notice = doctor.page.getByTestId("collab-limit");
    await notice.waitFor();
    expect(await notice.getAttribute("data-reason")).toBe("writeRate");
    expect(await notice.innerText()).toMatch(/保存を一時停止しています。\d+秒後に自動で再開します。/);
    expect(await doctor.page.getByTestId("sync-state").innerText()).toBe("保存を一時停止中");
    // It reconnects by itself once the budget allows, and what was typed is saved.
    await waitForSyncState(doctor.page, "saved", 30_000);
    await notice.waitFor({ state: "detached" });
    await eventually(
      async () => (await editorText(nurse.page)).includes("連絡票の様式を統一する。"),
      "the whole sentence at the nurse",
      15_000,
    );
    await doctor.context.close();
    await nurse.context.close();
  });

  it("refuses a paste that would make the document too large, and saves the rest once it is removed", async ({
    server,
    browser,
  }) => {
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openDocument(nurse.page, DOC);
    await caretAfter(nurse.page, "市民公開講座（人生会議）の企画について");
    await nurse.page.keyboard.insertText("大".repeat(30_000));
    const notice = nurse.page.getByTestId("collab-limit");
    await notice.waitFor();
    expect(await notice.getAttribute("data-reason")).toBe("documentTooLarge");
    expect(await notice.innerText()).toContain("保存できる大きさの上限に達したため");
    expect(await nurse.page.getByTestId("sync-state").innerText()).toBe(
      "保存できません（文書が大きすぎます）",
    );

    // Removed again, then sent again: saved, and the document is as before plus nothing.
    await nurse.page.keyboard.press("Control+z");
    await eventually(async () => !(await editorText(nurse.page)).includes("大大大"), "the paste undone");
    await nurse.page.getByTestId("collab-limit-retry").click();
    await nurse.page.getByTestId("editor").waitFor();
    await waitForSyncState(nurse.page, "saved", 30_000);
    expect(await editorText(nurse.page)).not.toContain("大大大");
    expect(await editorText(nurse.page)).toContain("市民公開講座（人生会議）の企画について");

    // Someone else still edits the document as usual.
    const doctor = await loggedInPage(browser, server, "医師");
    await openDocument(doctor.page, DOC);
    await caretAfter(doctor.page, "市民公開講座（人生会議）の企画について");
    await doctor.page.keyboard.type("済");
    await waitForSyncState(doctor.page, "saved");
    await eventually(
      async () => (await editorText(nurse.page)).includes("企画について済"),
      "the edit at the nurse",
    );
    await nurse.context.close();
    await doctor.context.close();
  });
});
