import { describe, expect } from "vitest";
import { seriousViolations } from "./axe.js";
import { e2eTest, saveShot } from "./harness.js";
import { loggedInPage, phoneContext } from "./pages.js";
import { narrowProblems, workspaceIdOf } from "./room-pages.js";

/** A date `days` from today, as the date input takes it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// People fill forms in more than a second; the browser here does it at once.
const it = e2eTest({ env: { PUBLIC_FORM_MIN_FILL_SECONDS: "0" } });

describe("出前講座 requests", () => {
  it("asked for on a phone, taken up by the secretariat, made into a lecture", async ({
    server,
    browser,
  }) => {
    const { context, page: phone } = await phoneContext(browser, server);
    await phone.goto("/p/122203/events");
    await phone.getByTestId("request-link").click();
    await phone.getByTestId("request-form").waitFor();
    await saveShot(phone, "lecture-request-390");
    expect(await seriousViolations(phone)).toEqual([]);

    // Sent half filled: a reason under each field, nothing typed lost.
    await phone.getByTestId("req-group").fill("加（デモ）ふれあい喫茶");
    await phone.getByTestId("req-people").fill("二十");
    await phone.getByTestId("req-contact").fill("よろしく");
    await phone.getByTestId("req-submit").click();
    await phone.getByTestId("error").waitFor();
    const problems = await phone.locator(".field-error").allTextContents();
    expect(problems).toContain("選択肢から選んでください。");
    expect(problems).toContain("入力してください。");
    expect(problems.join()).toContain("メールアドレスか電話番号");
    expect(problems).toContain("数値で入力してください。");
    expect(problems).toContain("同意が必要です。");
    expect(await phone.getByTestId("req-group").inputValue()).toBe("加（デモ）ふれあい喫茶");
    expect(await phone.getByTestId("req-date-row-0").locator(".field-error").textContent()).toBe(
      "入力してください。",
    );
    expect(await narrowProblems(phone)).toEqual({ columns: [], overflow: 0 });
    await saveShot(phone, "lecture-request-errors-390");

    await phone.getByTestId("req-topic").selectOption("出前講座「人生会議（ACP）ってなに？」");
    await phone.getByTestId("req-date-0").fill(inDays(40));
    await phone.getByTestId("req-slot-0").selectOption("pm");
    await phone.getByTestId("req-date-2").fill(inDays(47));
    await phone.getByTestId("req-slot-2").selectOption("am");
    await phone.getByTestId("req-people").fill("２０");
    await phone.getByTestId("req-place").fill("加公民館 和室");
    await phone.getByTestId("req-contact-name").fill("加藤 光子");
    await phone.getByTestId("req-contact").fill("04-7100-0999");
    await phone.getByTestId("req-consent").check();
    await phone.getByTestId("req-submit").click();
    await phone.getByTestId("request-done").waitFor();
    // The demo has four requests: this is the fifth.
    expect(await phone.getByTestId("request-number").textContent()).toBe("5");
    expect(await phone.getByTestId("request-done").textContent()).toContain("第2希望：");
    expect(await narrowProblems(phone)).toEqual({ columns: [], overflow: 0 });
    await saveShot(phone, "lecture-request-done-390");
    await context.close();

    const { page: admin } = await loggedInPage(browser, server, "事務局");
    await admin.setViewportSize({ width: 1366, height: 768 });
    const wid = workspaceIdOf(admin);
    // The same form on a desktop screen.
    await admin.goto("/p/122203/lecture-request");
    await admin.getByTestId("request-form").waitFor();
    expect(await narrowProblems(admin)).toEqual({ columns: [], overflow: 0 });
    await saveShot(admin, "lecture-request-1366");
    await admin.goto(`/w/${wid}?tab=events`);
    await admin.getByTestId("events-view-requests").click();
    await admin.getByTestId("requests").waitFor();
    const card = admin.getByTestId("request-card").filter({ hasText: "加（デモ）ふれあい喫茶" });
    await card.waitFor();
    expect(await card.getByTestId("request-contact").textContent()).toContain("加藤 光子04-7100-0999");
    expect(await card.textContent()).toContain("第2希望");
    expect(await card.getByTestId("request-status").textContent()).toBe("受付");
    await saveShot(admin, "lecture-requests-1366");
    expect(await seriousViolations(admin)).toEqual([]);

    await card.getByTestId("request-note").fill("講師（連携支援センター 看護師）に第1希望で打診");
    await card.getByRole("button", { name: "メモを保存" }).click();
    await card.getByTestId("request-to-arranging").click();
    await expect.poll(() => card.getByTestId("request-status").textContent()).toBe("調整中");

    await card.getByTestId("request-make-event").click();
    const form = card.getByTestId("request-event-form");
    await form.waitFor();
    expect(await form.getByTestId("event-title").inputValue()).toBe(
      "出前講座「人生会議（ACP）ってなに？」（加（デモ）ふれあい喫茶）",
    );
    await saveShot(admin, "lecture-request-make-1366");
    await form.getByRole("button", { name: "講座を作成" }).click();
    await card.getByTestId("request-event").waitFor();
    expect(await card.getByTestId("request-status").textContent()).toBe("決定");
    await card.getByTestId("request-event").getByRole("link").click();
    await admin.getByTestId("event-heading").waitFor();
    expect(await admin.getByTestId("event-heading").textContent()).toBe(
      "出前講座「人生会議（ACP）ってなに？」（加（デモ）ふれあい喫茶）",
    );
    // The lecture says where it came from.
    expect(await admin.getByTestId("event-request").textContent()).toContain("出前講座の依頼をもとに作成");

    // On a phone the list reads in one column.
    await admin.goto(`/w/${wid}?tab=events&eview=requests`);
    await admin.getByTestId("requests-filter-all").click();
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByTestId("request-card").first().waitFor();
    expect(await narrowProblems(admin)).toEqual({ columns: [], overflow: 0 });
    await saveShot(admin, "lecture-requests-390");
    await saveShot(admin, "lecture-requests-390-top", { fullPage: false });
  });
});
