/**
 * Region groups between municipalities in the browser: a newly registered municipality asks
 * to join the prefecture group, sees only "承認待ち" until the owner (流山市's secretariat)
 * approves, then sees the members' indicators but not their plans; the owner's observer sees
 * the members' progress.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { lgCodeCheckDigit } from "@tsumugi/domain";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type E2EServer, e2eTest, repoRoot } from "./harness.js";
import { eventually, loggedInPage } from "./pages.js";

const it = e2eTest();

/** Registers 鎌ケ谷市 with the CLI (as an operator would, the server running); its secretariat's login. */
async function registerKamagaya(server: E2EServer): Promise<{ email: string; password: string }> {
  const email = "jimu@kamagaya.example.jp";
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "apps/server/src/cli/create-workspace.ts",
      "--name",
      "鎌ケ谷市",
      "--code",
      `12224${lgCodeCheckDigit("12224")}`,
      "--email",
      email,
      "--admin",
      "鎌ケ谷 事務局",
    ],
    { cwd: repoRoot, env: { ...process.env, DATA_DIR: server.dataDir, PUBLIC_URL: server.url } },
  );
  const password = /初期パスワード: (\S+)/.exec(stdout)?.[1];
  if (!password) throw new Error(`no password in:\n${stdout}`);
  return { email, password };
}

async function comparePage(page: Page): Promise<void> {
  await page.getByTestId("tab-indicators").click();
  await page.getByTestId("indicators-view-compare").click();
  await page
    .getByTestId("region-membership")
    .or(page.getByTestId("region-overview").first())
    .first()
    .waitFor();
}

describe("region groups", () => {
  it("are joined with the owner's approval, and show others' plans only to the prefecture group's owner", async ({
    server,
    browser,
  }) => {
    const login = await registerKamagaya(server);
    const kamagaya = await browser.newContext({ locale: "ja-JP", baseURL: server.url });
    const page = await kamagaya.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/login");
    await page.getByTestId("login-email").fill(login.email);
    await page.getByTestId("login-password").fill(login.password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("workspace-name").waitFor();
    await comparePage(page);

    const prefecture = page.getByTestId("region-available").filter({ hasText: "千葉県（県）" });
    await expect(prefecture.innerText()).resolves.toContain("流山市が管理");
    await expect(prefecture.innerText()).resolves.toContain(
      "計画の進捗が流山市の事務局・閲覧者に表示されます",
    );
    await prefecture.getByTestId("region-ask").click();
    const mine = page.getByTestId("region-mine").filter({ hasText: "千葉県（県）" });
    await mine.waitFor();
    expect(await mine.getAttribute("data-membership")).toBe("pending");
    expect(await mine.innerText()).toContain("承認待ち");
    // Nothing of the group is shown while the request waits.
    expect(await page.getByTestId("region-overview").count()).toBe(0);

    // The owner's secretariat sees the request and approves it.
    const owner = await loggedInPage(browser, server, "事務局");
    await owner.page.setViewportSize({ width: 390, height: 844 });
    await comparePage(owner.page);
    const request = owner.page.getByTestId("region-request").filter({ hasText: "千葉県 鎌ケ谷市" });
    await request.waitFor();
    await request.getByTestId("region-approve").click();
    await request.waitFor({ state: "detached" });

    // In: 鎌ケ谷市 sees the members' indicators, no plan column (it owns no prefecture group).
    await page.reload();
    await comparePage(page);
    const overview = page.getByTestId("region-overview").filter({ hasText: "千葉県" });
    await overview.waitFor();
    expect(await overview.innerText()).toContain("流山市");
    expect(await overview.innerText()).toContain("鎌ケ谷市");
    expect(await overview.getByTestId("region-plan").count()).toBe(0);

    // The owner's observer (the prefecture's account in 流山市) sees each member's progress.
    const observer = await loggedInPage(browser, server, "千葉県（閲覧）");
    await comparePage(observer.page);
    const seen = observer.page.getByTestId("region-overview").filter({ hasText: "千葉県" });
    await eventually(async () => (await seen.getByTestId("region-plan").count()) > 0, "the plan column");
    const plans = await seen.getByTestId("region-plan").allInnerTexts();
    expect(plans.some((p) => /年度 \d+%/.test(p))).toBe(true);
    await kamagaya.close();
    await owner.context.close();
    await observer.context.close();
  });
});
