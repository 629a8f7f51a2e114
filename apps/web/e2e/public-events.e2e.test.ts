import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { e2eTest, saveShot } from "./harness.js";
import { createEvent, loggedInPage, phoneContext } from "./pages.js";
import { narrowProblems, workspaceIdOf } from "./room-pages.js";

// People fill forms in more than a second; the browser here does it at once.
const it = e2eTest({ env: { PUBLIC_FORM_MIN_FILL_SECONDS: "0" } });

async function register(page: Page, name: string, contact: string): Promise<void> {
  await page.getByTestId("reg-name").fill(name);
  await page.getByTestId("reg-profession").selectOption("resident");
  await page.getByTestId("reg-contact").fill(contact);
  await page.getByTestId("reg-consent").check();
  await page.getByTestId("reg-submit").click();
  await page.getByTestId("registration-page").waitFor();
}

describe("public registration and check-in", () => {
  it("publish, register on a phone, wait, move up, check in at the door", async ({ server, browser }) => {
    const { context: adminContext, page: admin } = await loggedInPage(browser, server, "事務局");
    const wid = workspaceIdOf(admin);
    const eid = await createEvent(admin, wid, {
      kind: "publicLecture",
      title: "市民公開講座「人生会議を知っていますか」（ブラウザ試験）",
      startsAt: "2031-02-14T13:30",
      endsAt: "2031-02-14T15:30",
      place: "流山市生涯学習センター 多目的ホール",
      capacity: 1,
      waitingList: true,
      audience: "residents",
      contact: "流山市 介護支援課 04-7150-6531",
    });
    await admin.goto(`/w/${wid}/events/${eid}`);
    await admin.getByTestId("registration-card").waitFor();
    await admin.getByTestId("toggle-published").click();
    await admin.getByTestId("public-link").waitFor();
    await admin.getByTestId("toggle-registration").click();
    await expect.poll(() => admin.getByTestId("registration-state").textContent()).toContain("受付中");
    const publicPath = (await admin.getByTestId("public-link").getAttribute("href")) as string;
    await admin.setViewportSize({ width: 1366, height: 768 });
    await saveShot(admin, "event-registration-1366");

    // Someone on a phone finds it in the municipality's list.
    const { context: c1, page: p1 } = await phoneContext(browser, server);
    const lg = publicPath.split("/")[2];
    await p1.goto(`/p/${lg}/events`);
    await p1.getByRole("link", { name: /ブラウザ試験/ }).click();
    await p1.getByTestId("registration-form").waitFor();
    await saveShot(p1, "public-event-390");
    // Sent empty: every problem in Japanese, nothing lost of what was typed.
    await p1.getByTestId("reg-contact").fill("よろしく");
    await p1.getByTestId("reg-submit").click();
    await p1.getByTestId("error").waitFor();
    const problems = await p1.locator(".field-error").allTextContents();
    expect(problems).toContain("入力してください。");
    expect(problems).toContain("選択肢から選んでください。");
    expect(problems.join()).toContain("メールアドレスか電話番号");
    expect(problems).toContain("同意が必要です。");
    expect(await p1.getByTestId("reg-contact").inputValue()).toBe("よろしく");
    expect(await narrowProblems(p1)).toEqual({ columns: [], overflow: 0 });
    await saveShot(p1, "public-event-errors-390");
    await register(p1, "山田 花子", "hanako@example.jp");
    await expect
      .poll(() => p1.getByTestId("registration-status").textContent())
      .toBe("お申し込みを受け付けました");
    await p1.getByTestId("qr-code").waitFor();
    const code = ((await p1.getByTestId("check-in-code").textContent()) as string).replace(
      /^受付番号\s*/,
      "",
    );
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await narrowProblems(p1)).toEqual({ columns: [], overflow: 0 });
    await saveShot(p1, "registration-390");
    const hanakoPage = p1.url();

    // The same person again is refused clearly.
    const { context: c1b, page: again } = await phoneContext(browser, server);
    await again.goto(publicPath);
    await again.getByTestId("reg-submit").waitFor();
    // Full now: the form says people go on the waiting list.
    await again.getByTestId("waiting-notice").waitFor();
    await again.getByTestId("reg-name").fill("山田花子");
    await again.getByTestId("reg-profession").selectOption("resident");
    await again.getByTestId("reg-contact").fill("HANAKO@example.jp");
    await again.getByTestId("reg-consent").check();
    await again.getByTestId("reg-submit").click();
    await expect
      .poll(() => again.getByTestId("error").textContent())
      .toContain("既にお申し込みいただいています");
    await c1b.close();

    // Someone else waits.
    const { context: c2, page: p2 } = await phoneContext(browser, server);
    await p2.goto(publicPath);
    await register(p2, "鈴木 次郎", "04-7150-0001");
    await expect
      .poll(() => p2.getByTestId("registration-status").textContent())
      .toBe("キャンセル待ちで受け付けました（1番目）");
    expect(await p2.getByTestId("qr-code").count()).toBe(0);

    // 花子 cancels; 次郎 moves up and gets his code.
    p1.once("dialog", (d) => void d.accept());
    await p1.getByTestId("registration-cancel").click();
    await expect
      .poll(() => p1.getByTestId("registration-status").textContent())
      .toBe("お申し込みは取り消されています");
    await p2.reload();
    await expect
      .poll(() => p2.getByTestId("registration-status").textContent())
      .toBe("お申し込みを受け付けました");
    const jiroCode = ((await p2.getByTestId("check-in-code").textContent()) as string).replace(
      /^受付番号\s*/,
      "",
    );

    // At the door: the code typed on a tablet, as the participant shows it.
    await admin.goto(`/w/${wid}/events/${eid}?etab=checkIn`);
    await admin.getByTestId("check-in-list").waitFor();
    expect(await admin.getByTestId("check-in-row").count()).toBe(1);
    await admin.getByTestId("check-in-code-input").fill(jiroCode.toLowerCase());
    await admin.getByTestId("check-in-code-submit").click();
    await expect
      .poll(() => admin.getByTestId("check-in-result").textContent())
      .toBe("鈴木 次郎さんを受け付けました。");
    await expect.poll(() => admin.getByTestId("check-in-count").textContent()).toBe("受付済 1人／申込 1人");
    // The QR code's address opens the door with the code: already in.
    await admin.goto(`/w/${wid}/events/${eid}?etab=checkIn&code=${jiroCode.replace("-", "")}`);
    await expect
      .poll(() => admin.getByTestId("check-in-result").textContent())
      .toBe("鈴木 次郎さんは受付済みです。");
    // A walk-in added by name.
    await admin.getByTestId("walk-in-name").fill("当日 来た人");
    await admin.getByTestId("walk-in-profession").selectOption("careManager");
    await admin.getByTestId("walk-in-submit").click();
    await expect.poll(() => admin.getByTestId("check-in-count").textContent()).toBe("受付済 2人／申込 1人");
    await admin.getByTestId("check-in-search").fill("当日");
    await expect.poll(() => admin.getByTestId("check-in-row").count()).toBe(1);
    await admin.getByTestId("check-in-search").fill("");
    await saveShot(admin, "check-in-1366");
    await admin.setViewportSize({ width: 390, height: 844 });
    expect(await narrowProblems(admin)).toEqual({ columns: [], overflow: 0 });
    await saveShot(admin, "check-in-390");

    // 次郎's page says he is in.
    await p2.reload();
    await p2.getByTestId("checked-in").waitFor();
    await c1.close();
    await c2.close();

    // The organisers' list: cancelled, registered and walk-in, with names.
    await admin.setViewportSize({ width: 1366, height: 768 });
    await admin.goto(`/w/${wid}/events/${eid}?etab=participants`);
    await admin.getByTestId("participants").waitFor();
    expect(await admin.getByTestId("participant-row").count()).toBe(3);
    await saveShot(admin, "participants-1366");
    void hanakoPage;
    await adminContext.close();
  }, 120_000);
});
