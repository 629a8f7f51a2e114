import { describe, expect } from "vitest";
import { seriousViolations } from "./axe.js";
import { e2eTest, saveShot } from "./harness.js";
import { callApi, createEvent, loggedInPage, phoneContext } from "./pages.js";
import { narrowProblems, workspaceIdOf } from "./room-pages.js";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

const it = e2eTest();

describe("event materials", () => {
  it("added and published by the secretariat, read by a member, downloaded by a resident on a phone", async ({
    server,
    browser,
  }) => {
    const { page: admin } = await loggedInPage(browser, server, "事務局");
    await admin.setViewportSize({ width: 1366, height: 768 });
    const wid = workspaceIdOf(admin);
    const eid = await createEvent(admin, wid, {
      kind: "publicLecture",
      title: "市民公開講座「在宅医療ってなに？」（資料の試験）",
      startsAt: "2031-03-07T13:30",
      endsAt: "2031-03-07T15:00",
      place: "流山市文化会館",
      audience: "residents",
    });
    await admin.goto(`/w/${wid}/events/${eid}`);
    await admin.getByTestId("event-heading").waitFor();
    await admin.getByTestId("event-tab-materials").click();
    await admin.getByTestId("materials-empty").waitFor();
    expect(await admin.getByTestId("event-tab-materials").getAttribute("aria-current")).toBe("page");

    await admin.getByTestId("material-file").setInputFiles([
      { name: "在宅医療ってなに_配布資料.pdf", mimeType: "application/pdf", buffer: PDF },
      {
        name: "会場案内.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("<!doctype html><html><body><h1>会場案内</h1></body></html>"),
      },
    ]);
    await expect.poll(() => admin.getByTestId("error").textContent()).toContain("会場案内.pdf：");
    expect(await admin.getByTestId("error").textContent()).toContain("この種類のファイルは登録できません");
    await expect.poll(() => admin.getByTestId("material-row").count()).toBe(1);
    expect(await admin.getByTestId("material-link").textContent()).toBe("在宅医療ってなに_配布資料.pdf");
    await saveShot(admin, "materials-refused-1366");

    // Rename it, offer it on the public page.
    await admin.getByRole("button", { name: "在宅医療ってなに_配布資料.pdfの名前を変更" }).click();
    await admin.getByTestId("material-name-input").fill("「在宅医療ってなに？」配布資料");
    await admin.getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(() => admin.getByTestId("material-link").textContent())
      .toBe("「在宅医療ってなに？」配布資料.pdf");
    // The box shows what the server stored: it turns once the answer is in.
    await admin.getByTestId("material-public").click();
    await expect.poll(() => admin.getByTestId("material-public").isChecked()).toBe(true);
    // What was stored is what the server says after a reload.
    await admin.reload();
    await admin.getByTestId("material-row").waitFor();
    expect(await admin.getByTestId("material-public").isChecked()).toBe(true);
    await saveShot(admin, "materials-1366");
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.setViewportSize({ width: 390, height: 844 });
    expect(await narrowProblems(admin)).toEqual({ columns: [], overflow: 0 });
    await saveShot(admin, "materials-390");

    // Another member reads the list: a download link, no controls.
    const { page: member } = await loggedInPage(browser, server, "医師");
    await member.setViewportSize({ width: 1366, height: 768 });
    await member.goto(`/w/${wid}/events/${eid}?etab=materials`);
    await member.getByTestId("material-row").waitFor();
    expect(await member.getByTestId("material-add").count()).toBe(0);
    expect(await member.getByTestId("material-public").count()).toBe(0);
    const download = member.waitForEvent("download");
    await member.getByTestId("material-link").click();
    expect((await download).suggestedFilename()).toBe("「在宅医療ってなに？」配布資料.pdf");

    // The resident on a phone: the announcement offers the handout.
    const { publicPath } = (
      await callApi<{ event: { publicPath: string } }>(
        admin,
        "PATCH",
        `/api/workspaces/${wid}/events/${eid}`,
        {
          published: true,
        },
      )
    ).event;
    const { context, page: phone } = await phoneContext(browser, server);
    await phone.goto(publicPath);
    await phone.getByTestId("public-materials").waitFor();
    const link = phone.getByRole("link", { name: "「在宅医療ってなに？」配布資料.pdf" });
    expect(await phone.getByTestId("public-materials").textContent()).toContain("PDF・1 KB");
    expect(await narrowProblems(phone)).toEqual({ columns: [], overflow: 0 });
    await saveShot(phone, "public-materials-390");
    const got = phone.waitForEvent("download");
    await link.click();
    const file = await got;
    expect(file.suggestedFilename()).toBe("「在宅医療ってなに？」配布資料.pdf");
    expect(await seriousViolations(phone)).toEqual([]);
    await context.close();
  });

  it("the event's plan links fit a phone: the 取組 picker, as wide as its longest title, stays inside its card", async ({
    server,
    browser,
  }) => {
    const { page } = await loggedInPage(browser, server, "事務局");
    const wid = workspaceIdOf(page);
    const eid = await createEvent(page, wid, {
      kind: "publicLecture",
      title: "市民公開講座「在宅医療ってなに？」（計画との関係の試験）",
      startsAt: "2027-02-10T13:30",
      endsAt: "2027-02-10T15:00",
      place: "流山市文化会館",
      audience: "residents",
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/w/${wid}/events/${eid}`);
    const picker = page.getByTestId("link-action");
    await picker.waitFor();
    const card = await page.getByTestId("plan-links").boundingBox();
    const box = await picker.boundingBox();
    expect(card && box && box.x + box.width <= card.x + card.width).toBe(true);
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await saveShot(page, "event-plan-links-390");
  });
});
