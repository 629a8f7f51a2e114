import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { demoLogin, loggedInPage } from "./pages.js";

const it = e2eTest();

/** Makes an invitation link for a 委員 (member), into `group` when given, from the invites tab. */
async function inviteMember(page: Page, group?: string): Promise<string> {
  await page.getByTestId("tab-invites").click();
  await page.getByTestId("invite-role").selectOption("member");
  if (group) await page.getByLabel(group).check();
  await page.getByTestId("invite-create").click();
  return page.getByTestId("invite-url").inputValue();
}

describe("invitations in the app", () => {
  it("lets the secretariat invite a member who then joins with the preset role and group", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const { page } = secretariat;
    const url = await inviteMember(page, "市民啓発班");
    expect(url).toMatch(/\/invite\/[a-z0-9]+\.[a-z0-9]+$/);

    const invitee = await browser.newContext({ locale: "ja-JP" });
    const join = await invitee.newPage();
    await join.goto(url);
    await join.getByText("流山市 への招待").waitFor();
    await join.getByText("グループ：市民啓発班").waitFor();
    await join.getByLabel("メールアドレス").fill("yakuzaishi@example.jp");
    await join.getByLabel("氏名").fill("木村 薬子");
    await join.getByLabel("所属（例：流山市医師会）").fill("流山市薬剤師会");
    await join.getByLabel("パスワード（15文字以上）").fill("短い");
    await join.getByRole("button", { name: "参加する" }).click();
    await join.getByText("15文字以上で入力してください。").waitFor();
    await join.getByLabel("パスワード（15文字以上）").fill("yakuzaishi-password-1");
    await join.getByRole("button", { name: "参加する" }).click();
    await join.getByTestId("workspace-name").waitFor();
    expect(await join.getByTestId("current-user").innerText()).toBe("木村 薬子");
    expect(await join.getByText("あなたの役割：委員").count()).toBe(1);

    // The secretariat sees the new member in 市民啓発班, and the link is spent.
    await page.getByTestId("tab-groups").click();
    // The card is named by its heading (every card's parent selector lists all groups), the
    // member by the card's list of members (its add-member selector lists everyone).
    await page
      .getByTestId("group-card")
      .filter({ has: page.getByRole("heading", { name: "市民啓発班" }) })
      .getByRole("listitem")
      .filter({ hasText: "木村 薬子" })
      .waitFor();
    const again = await (await browser.newContext()).newPage();
    await again.goto(url);
    await again.getByText("この招待リンクは既に使用されています。").waitFor();
    await invitee.close();
    await secretariat.context.close();
  });

  it("lets someone with an account elsewhere join with it; a wrong password says only what a login says", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const { page } = secretariat;
    const url = await inviteMember(page);

    const takamatsu = demoLogin(server, "高松市 事務局");
    const context = await browser.newContext({ locale: "ja-JP" });
    const join = await context.newPage();
    await join.goto(url);
    await join.getByText("流山市 への招待").waitFor();
    const shots = process.env.SCREENSHOT_DIR;
    for (const [w, h] of shots
      ? [
          [1366, 768],
          [390, 844],
        ]
      : []) {
      await join.setViewportSize({ width: w, height: h });
      await join.screenshot({ path: `${shots}/invite-new-${w}.png`, fullPage: true });
    }
    await join.getByTestId("accept-mode-existing").check();
    // Only what joining with an account needs.
    expect(await join.getByLabel("氏名").count()).toBe(0);
    for (const [w, h] of shots
      ? [
          [1366, 768],
          [390, 844],
        ]
      : []) {
      await join.setViewportSize({ width: w, height: h });
      await join.screenshot({ path: `${shots}/invite-existing-${w}.png`, fullPage: true });
    }
    await join.getByLabel("メールアドレス").fill(takamatsu.email);
    await join.getByLabel("パスワード", { exact: true }).fill("not the password at all");
    await join.getByRole("button", { name: "参加する" }).click();
    await join.getByText("メールアドレスまたはパスワードが正しくありません。").waitFor();
    await join.getByLabel("パスワード", { exact: true }).fill(takamatsu.password);
    await join.getByRole("button", { name: "参加する" }).click();
    await join.getByTestId("workspace-name").waitFor();
    await context.close();
    await secretariat.context.close();
  });
});
