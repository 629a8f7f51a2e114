import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, onTestFinished } from "vitest";
import { e2eTest, startE2EServer } from "./harness.js";
import {
  caretAfter,
  editorText,
  eventually,
  loggedInPage,
  logIn,
  openDocument,
  waitForSyncState,
} from "./pages.js";

const DOC = "第1回 在宅医療・介護連携推進会議 メモ";
const OTHER_DOC = "多職種研修会 企画メモ";
const it = e2eTest();

/** Resolves once this page's service worker is active and controls it. */
function serviceWorkerControls(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
    }
    return navigator.serviceWorker.controller !== null;
  });
}

/** Reloads, accepting the "leave page?" question unsent changes raise. */
async function reloadAcceptingLeave(page: Page): Promise<void> {
  const accept = (d: import("playwright-core").Dialog) => void d.accept();
  page.on("dialog", accept);
  await page.reload();
  page.off("dialog", accept);
}

/** Number of Yjs updates y-indexeddb holds in this page's origin, over all documents. */
function locallyStoredUpdates(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases())
      .map((d) => d.name ?? "")
      .filter((name) => name.startsWith("tsumugi:"));
    let total = 0;
    for (const name of names) {
      total += await new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction("updates", "readonly").objectStore("updates").count();
          count.onerror = () => reject(count.error);
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      });
    }
    return total;
  });
}

describe("offline editing", () => {
  it("reopens offline with the offline edits kept, and merges them with others' edits when back online", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openDocument(doctor.page, DOC);
    await openDocument(nurse.page, DOC);
    expect(await serviceWorkerControls(doctor.page)).toBe(true);

    await doctor.context.setOffline(true);
    await waitForSyncState(doctor.page, "offline");
    await caretAfter(doctor.page, "退院前カンファレンス");
    const storedBefore = await locallyStoredUpdates(doctor.page);
    await doctor.page.keyboard.type("【オフラインで追記】");
    await waitForSyncState(doctor.page, "offlineUnsent");
    // IndexedDB writes are asynchronous: the test closes the tab only once they are done,
    // as a person answering the "leave page?" dialog would give them time to.
    await eventually(
      async () => (await locallyStoredUpdates(doctor.page)) > storedBefore,
      "offline edit stored in IndexedDB",
    );

    // Leaving with unsent changes warns.
    const dialog = new Promise<string>((resolve) =>
      doctor.page.once("dialog", async (d) => {
        resolve(d.type());
        await d.accept();
      }),
    );
    const closed = doctor.page.waitForEvent("close");
    await doctor.page.close({ runBeforeUnload: true });
    expect(await dialog).toBe("beforeunload");
    await closed;

    // Meanwhile the nurse edits the same document online.
    await caretAfter(nurse.page, "市民公開講座");
    await nurse.page.keyboard.type("【オンラインで追記】");
    await waitForSyncState(nurse.page, "saved");

    // The doctor opens the page again, still offline: it comes from the service worker and
    // the document from IndexedDB, with the offline edit and still counted as unsent.
    const again = await doctor.context.newPage();
    await again.goto(new URL(doctor.page.url()).pathname);
    await again.getByTestId("offline-copies").waitFor();
    await again.getByTestId("editor").waitFor();
    await eventually(
      async () => (await editorText(again)).includes("【オフラインで追記】"),
      "offline edit restored",
    );
    await waitForSyncState(again, "offlineUnsent");

    // Back online: it syncs and merges.
    await doctor.context.setOffline(false);
    await again.getByTestId("offline-copies").waitFor({ state: "detached" });
    await waitForSyncState(again, "saved");
    for (const page of [again, nurse.page]) {
      await eventually(async () => {
        const text = await editorText(page);
        return text.includes("【オフラインで追記】") && text.includes("【オンラインで追記】");
      }, "both edits merged");
    }
    await doctor.context.close();
    await nurse.context.close();
  });
});

describe("offline, before and after logging out", () => {
  it("says a page never opened cannot load yet, opens it once back, and logs out for real once back", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    await openDocument(doctor.page, DOC);
    const documentPath = new URL(doctor.page.url()).pathname;
    expect(await serviceWorkerControls(doctor.page)).toBe(true);
    await doctor.page.getByRole("link", { name: /戻る/ }).click();
    await doctor.page.getByTestId("workspace-name").waitFor();

    // A document this browser never opened has nothing to show offline: a clear error,
    // replaced by the document once the network is back.
    await doctor.context.setOffline(true);
    await doctor.page.getByTestId("tab-documents").click();
    await doctor.page.getByTestId("document-link").filter({ hasText: OTHER_DOC }).click();
    await doctor.page.getByText("サーバーに接続できません").first().waitFor();
    await doctor.context.setOffline(false);
    await doctor.page
      .getByTestId("document-title")
      .filter({ hasText: OTHER_DOC })
      .waitFor({ timeout: 15_000 });
    await waitForSyncState(doctor.page, "saved");

    // Logging out offline: the server cannot hear it yet, and the page says so.
    const [cookie] = (await doctor.context.cookies()).filter((c) => c.name.includes("session"));
    expect(cookie).toBeDefined();
    await doctor.context.setOffline(true);
    await doctor.page.getByTestId("logout").click();
    await doctor.page.getByTestId("logout-pending").waitFor();
    // Nothing of the previous person is shown offline any more, not even on a page they had open.
    await doctor.page.goto(documentPath);
    await doctor.page.getByTestId("login-email").waitFor();
    expect(await doctor.page.getByTestId("editor").count()).toBe(0);

    // Back online, the logout is sent: the old session no longer opens anything.
    await doctor.context.setOffline(false);
    await doctor.page.getByTestId("logout-pending").waitFor({ state: "detached", timeout: 15_000 });
    const me = await fetch(`${server.url}/api/auth/me`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(me.status).toBe(401);
    await doctor.context.close();
  });
});

describe("logging in again in another tab", () => {
  it("keeps this tab's document open: it reconnects with the new session instead of asking to log in", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    await openDocument(doctor.page, DOC);
    // A second tab of the same browser logs in again (the cookie's old session ends).
    const other = await doctor.context.newPage();
    await logIn(other, server, "医師");

    await caretAfter(doctor.page, "退院前カンファレンス");
    await doctor.page.keyboard.type("【再ログイン後も編集】");
    await waitForSyncState(doctor.page, "saved");
    expect(new URL(doctor.page.url()).pathname).toMatch(/^\/w\/[^/]+\/d\//);
    const reader = await loggedInPage(browser, server, "訪問看護師");
    await openDocument(reader.page, DOC);
    await eventually(
      async () => (await editorText(reader.page)).includes("【再ログイン後も編集】"),
      "edit saved",
    );
    await doctor.context.close();
    await reader.context.close();
  });
});

describe("reloading while the server is down", () => {
  it("opens the document from this device, keeps edits across reloads, and sends them when the server is back", async ({
    browser,
  }) => {
    // Its own server: this test stops it.
    const own = await startE2EServer();
    // Whichever of it runs last is stopped, and its data removed, also when the test fails.
    let current = own;
    onTestFinished(() => current.destroy());
    const doctor = await loggedInPage(browser, own, "医師");
    const nurse = await loggedInPage(browser, own, "訪問看護師");
    await openDocument(doctor.page, DOC);
    await openDocument(nurse.page, DOC);
    expect(await serviceWorkerControls(doctor.page)).toBe(true);
    const documentPath = new URL(doctor.page.url()).pathname;

    await own.stop();
    await waitForSyncState(doctor.page, "offline");

    // The page itself comes from the service worker, the document from IndexedDB.
    await doctor.page.reload();
    await doctor.page.getByTestId("offline-copies").waitFor();
    await doctor.page.getByTestId("editor").waitFor();
    expect(await doctor.page.getByTestId("document-title").innerText()).toBe(DOC);
    await eventually(async () => (await editorText(doctor.page)).includes("退院前カンファレンス"), "content");
    await waitForSyncState(doctor.page, "offline");

    await caretAfter(doctor.page, "退院前カンファレンス");
    const storedBefore = await locallyStoredUpdates(doctor.page);
    await doctor.page.keyboard.type("【停止中に追記】");
    await waitForSyncState(doctor.page, "offlineUnsent");
    await eventually(
      async () => (await locallyStoredUpdates(doctor.page)) > storedBefore,
      "edit stored in IndexedDB",
    );

    // A second reload while still down: the edit is still there and still counted unsent.
    await reloadAcceptingLeave(doctor.page);
    await doctor.page.getByTestId("editor").waitFor();
    await eventually(async () => (await editorText(doctor.page)).includes("【停止中に追記】"), "edit kept");
    await waitForSyncState(doctor.page, "offlineUnsent");

    // The nurse, whose page stayed open, writes meanwhile too.
    await caretAfter(nurse.page, "市民公開講座");
    await nurse.page.keyboard.type("【看護師も追記】");
    await waitForSyncState(nurse.page, "offlineUnsent");

    // The server comes back at the same address, on the same data.
    const again = await startE2EServer({ dataDir: own.dataDir, port: own.port });
    current = again;
    await waitForSyncState(doctor.page, "saved", 30_000);
    await waitForSyncState(nurse.page, "saved", 30_000);
    await doctor.page.getByTestId("offline-copies").waitFor({ state: "detached", timeout: 15_000 });
    for (const page of [doctor.page, nurse.page]) {
      await eventually(async () => {
        const text = await editorText(page);
        return text.includes("【停止中に追記】") && text.includes("【看護師も追記】");
      }, "both edits merged");
    }

    // And the server has them: a fresh browser profile, with nothing stored locally, sees both.
    const reader = await loggedInPage(browser, again, "事務局");
    await reader.page.goto(documentPath);
    await reader.page.getByTestId("editor").waitFor();
    await eventually(async () => {
      const text = await editorText(reader.page);
      return text.includes("【停止中に追記】") && text.includes("【看護師も追記】");
    }, "edits stored on the server");
    for (const c of [doctor.context, nurse.context, reader.context]) await c.close();
  });
});

describe("offline, with each screen's code loaded on its own", () => {
  const CSV = join(mkdtempSync(join(tmpdir(), "tsumugi-offline-")), "actions.csv");
  writeFileSync(
    CSV,
    [
      "取組,場面,事業項目,担当グループ,開始,終了,状況,進捗(%)",
      "ACP研修（試行）,看取り,カ,専門職研修班,2023-10,2023-12,実施中,30",
    ].join("\n"),
  );

  async function openPlan(page: Page): Promise<string> {
    await page.getByTestId("tab-plans").click();
    await page.getByTestId("plan-link-2023").click();
    await page.getByTestId("plan-page").waitFor();
    await waitForSyncState(page, "saved");
    await page.getByTestId("plan-view-actions").click();
    await page.getByTestId("action-row").first().waitFor();
    return new URL(page.url()).pathname;
  }

  /** Reads the CSV in the import dialog; returns the scripts fetched meanwhile (the reader's). */
  async function readCsv(page: Page): Promise<string[]> {
    const scripts: string[] = [];
    const record = (r: import("playwright-core").Request) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    };
    page.on("request", record);
    await page.getByTestId("plan-import").click();
    await page.getByTestId("import-file").setInputFiles(CSV);
    await page.getByTestId("import-preview").or(page.getByTestId("import-failed")).waitFor();
    page.off("request", record);
    return scripts;
  }

  it("reloads a plan and a meeting offline with their screens' code, and the Excel reader once it was used", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    expect(await serviceWorkerControls(page)).toBe(true);
    const home = new URL(page.url()).pathname;
    const planPath = await openPlan(page);
    // The Excel/CSV reader is not fetched when the worker installs, only when first used.
    const reader = await readCsv(page);
    expect(await page.getByTestId("import-preview").innerText()).toContain("ACP研修（試行）");
    expect(reader.length).toBeGreaterThan(0);
    await page.getByTestId("import-close").click();

    await page.goto(`${home}?tab=meetings`);
    await page.getByTestId("meetings-year").selectOption("2023");
    await page.getByTestId("meeting-link").first().click();
    await page.getByTestId("meeting-page").waitFor();
    await waitForSyncState(page, "saved");
    await page.getByTestId("meeting-tab-minutes").click();
    await page.getByTestId("editor").waitFor();
    const meetingPath = new URL(page.url()).pathname;
    const meetingTitle = await page.getByTestId("meeting-title").innerText();

    // Offline, each page is a fresh document: every script comes from the worker's cache.
    await context.setOffline(true);
    await page.goto(`${meetingPath}?tab=minutes`);
    await page.getByTestId("offline-copies").waitFor();
    expect(await page.getByTestId("meeting-title").innerText()).toBe(meetingTitle);

    await page.goto(planPath);
    await page.getByTestId("plan-page").waitFor();
    // The reader, imported afresh in this new page, from the cache.
    const loaded = (await page.evaluate(
      `Promise.all(${JSON.stringify(reader)}.map((path) => import(path))).then((ms) => ms.map((m) => Object.keys(m).length))`,
    )) as number[];
    expect(loaded.every((n) => n > 0)).toBe(true);
    expect(await page.getByTestId("chunk-error").count()).toBe(0);
    await context.close();
  });

  it("says in Japanese that the Excel reader could not be fetched, and reads the file once it can be", async ({
    server,
    browser,
  }) => {
    // Without the service worker, so that the page's own requests can be cut.
    const context = await browser.newContext({
      locale: "ja-JP",
      baseURL: server.url,
      serviceWorkers: "block",
    });
    const page = await context.newPage();
    await logIn(page, server, "事務局");
    await openPlan(page);
    // The line drops for the reader's code only: the plan stays usable.
    const refuse = (route: import("playwright-core").Route) =>
      route.request().resourceType() === "script" ? route.abort("internetdisconnected") : route.fallback();
    await context.route(/\/assets\/.*\.js$/, refuse);
    await readCsv(page);
    expect(await page.getByTestId("import-failed").innerText()).toContain("インターネットにつながってから");
    expect(await page.getByTestId("action-row").count()).toBeGreaterThan(0);
    await context.unroute(/\/assets\/.*\.js$/, refuse);
    const again = CSV.replace(/\.csv$/, "-2.csv");
    writeFileSync(again, readFileSync(CSV));
    await page.getByTestId("import-file").setInputFiles(again);
    await page.getByTestId("import-preview").waitFor();
    await context.close();
  });
});
