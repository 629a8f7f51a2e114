import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { eventually, loggedInPage, openDocument, waitForSyncState } from "./pages.js";

const DOC = "第1回 在宅医療・介護連携推進会議 メモ";
const it = e2eTest();

describe("access changes in the browser", () => {
  it("turns an open document read-only when the member becomes an observer", async ({ server, browser }) => {
    const coordinator = await loggedInPage(browser, server, "コーディネーター");
    await openDocument(coordinator.page, DOC);
    expect(await coordinator.page.getByTestId("editor").getAttribute("contenteditable")).toBe("true");

    const secretariat = await loggedInPage(browser, server, "事務局");
    await secretariat.page.getByTestId("tab-members").click();
    const row = secretariat.page.getByTestId("member-list").locator("tr", { hasText: "松本 彩" });
    await row.getByLabel("役割").selectOption("observer");

    await coordinator.page.getByText("権限が変更されました").waitFor();
    await coordinator.page.getByTestId("read-only").waitFor();
    await eventually(
      async () => (await coordinator.page.getByTestId("editor").getAttribute("contenteditable")) === "false",
      "editor read-only",
    );
    await waitForSyncState(coordinator.page, "saved");
    await coordinator.context.close();
    await secretariat.context.close();
  });

  it("sends a person whose sessions the secretariat ended back to the login page", async ({
    server,
    browser,
  }) => {
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openDocument(nurse.page, DOC);
    const secretariat = await loggedInPage(browser, server, "事務局");
    await secretariat.page.getByTestId("tab-members").click();
    const row = secretariat.page.getByTestId("member-list").locator("tr", { hasText: "小林 由紀" });
    await row.getByRole("button", { name: "ログインを終了" }).click();
    await nurse.page.getByText("ログインが終了しました。もう一度ログインしてください。").waitFor();
    expect(new URL(nurse.page.url()).pathname).toBe("/login");
    await nurse.context.close();
    await secretariat.context.close();
  });
});
