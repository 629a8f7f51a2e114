/**
 * 2段階認証 in the browser: the secretariat sets it up from the settings (QR code drawn in the
 * page, key as text), prints nothing but keeps the recovery codes, logs in again with the
 * app's code; then makes it mandatory, and the coordinator must enrol at the next login
 * before seeing anything. Screens at 1366×768 and 390×844 are saved for review.
 */
import { mkdirSync } from "node:fs";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest } from "./harness.js";
import { demoLogin, loggedInPage } from "./pages.js";

const it = e2eTest();
const shots = process.env.SCREENSHOT_DIR;
if (shots) mkdirSync(shots, { recursive: true });

const step = () => Math.floor(Date.now() / 30_000);
const codeFor = (key: Uint8Array, s: number) => generateHOTP(key, BigInt(s), 6);

async function shoot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The key as the page shows it for typing by hand. */
async function keyOnPage(page: Page): Promise<Uint8Array> {
  const text = await page.getByTestId("totp-secret").innerText();
  return decodeBase32IgnorePadding(text.replace(/\s/g, ""));
}

describe("two-step verification in the app", () => {
  it("is set up from the settings and then asked for at login; made mandatory, coordinators enrol first", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("nav-two-factor").click();
    await page.getByTestId("two-factor-status").getByText("設定されていません").waitFor();
    await page.getByTestId("two-factor-setup").click();
    // The QR code is drawn in the page (an SVG of its modules), not fetched from anywhere.
    const qr = page.getByTestId("qr-code");
    await qr.waitFor();
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
    const key = await keyOnPage(page);
    expect(key.length).toBe(20);
    await shoot(page, "2fa-setup");
    await page.getByTestId("totp-code").fill("000000" === codeFor(key, step()) ? "111111" : "000000");
    await page.getByTestId("totp-confirm").click();
    await page.getByText("確認コードが正しくありません").first().waitFor();
    const enrolledAt = step();
    await page.getByTestId("totp-code").fill(codeFor(key, enrolledAt));
    await page.getByTestId("totp-confirm").click();
    const codes = page.getByTestId("recovery-codes").locator("code");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await page.getByTestId("two-factor-status").getByText("有効です").waitFor();
    await shoot(page, "2fa-recovery-codes");
    // Printed, the page shows the codes and whose they are, nothing else of the settings.
    if (shots) {
      await page.emulateMedia({ media: "print" });
      expect(await page.getByTestId("two-factor-status").isVisible()).toBe(false);
      expect(await codes.first().isVisible()).toBe(true);
      await page.pdf({ path: `${shots}/2fa-recovery-codes.pdf` });
      await page.emulateMedia({ media: "screen" });
    }

    // The next login asks for the code; the used one is refused, the next one opens the workspace.
    await page.getByTestId("logout").click();
    await page.getByTestId("login-email").waitFor();
    const login = demoLogin(server, "事務局");
    await page.getByTestId("login-email").fill(login.email);
    await page.getByTestId("login-password").fill(login.password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("second-step-code").waitFor();
    await shoot(page, "2fa-login-code");
    await page.getByTestId("second-step-code").fill(codeFor(key, enrolledAt));
    await page.getByTestId("second-step-submit").click();
    await page.getByText("確認コードが正しくありません").first().waitFor();
    await page.getByTestId("second-step-code").fill(codeFor(key, enrolledAt + 1));
    await page.getByTestId("second-step-submit").click();
    // Back where the logout was pressed: the settings, now saying it is on.
    await page.getByTestId("two-factor-status").getByText("有効です").waitFor();
    await page.goto("/");
    await page.getByTestId("workspace-name").waitFor();

    // The secretariat makes it mandatory for the secretariat and coordinators.
    await page.getByTestId("tab-members").click();
    await page.getByTestId("two-factor-required").check();
    await page.getByText("2段階認証を必須にしました。").waitFor();
    await shoot(page, "2fa-policy");

    // The coordinator, at the next login, sets it up before anything else.
    const other = await browser.newContext({ locale: "ja-JP", baseURL: server.url });
    const coordinator = await other.newPage();
    await coordinator.goto("/login");
    const c = demoLogin(server, "コーディネーター");
    await coordinator.getByTestId("login-email").fill(c.email);
    await coordinator.getByTestId("login-password").fill(c.password);
    await coordinator.getByTestId("login-submit").click();
    await coordinator.getByText("2段階認証の設定が必要です").waitFor();
    await coordinator.getByTestId("qr-code").waitFor();
    await shoot(coordinator, "2fa-login-enrol");
    // Nothing else opens meanwhile.
    expect((await coordinator.request.get("/api/auth/me")).status()).toBe(401);
    const ckey = await keyOnPage(coordinator);
    await coordinator.getByTestId("totp-code").fill(codeFor(ckey, step()));
    await coordinator.getByTestId("totp-confirm").click();
    await coordinator.getByTestId("recovery-codes").waitFor();
    await shoot(coordinator, "2fa-login-recovery");
    await coordinator.getByTestId("recovery-continue").click();
    await coordinator.getByTestId("workspace-name").waitFor();
    await other.close();
    await context.close();
  });
});
