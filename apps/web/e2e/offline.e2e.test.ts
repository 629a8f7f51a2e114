import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, launchChromium, startE2EServer } from "./harness.js";
import {
  caretAfter,
  demoLogin,
  editorText,
  eventually,
  loggedInPage,
  openDocument,
  waitForSyncState,
} from "./pages.js";

const DOC = "第1回 在宅医療・介護連携推進会議 メモ";
const OTHER_DOC = "多職種研修会 企画メモ";
let server: E2EServer;
let browser: Browser;
let stoppedServer: E2EServer | null = null;

beforeAll(async () => {
  server = await startE2EServer();
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.destroy();
  await stoppedServer?.destroy();
});

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
  it("reopens offline with the offline edits kept, and merges them with others' edits when back online", async () => {
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
  it("says a page never opened cannot load yet, opens it once back, and logs out for real once back", async () => {
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
  it("keeps this tab's document open: it reconnects with the new session instead of asking to log in", async () => {
    const doctor = await loggedInPage(browser, server, "医師");
    await openDocument(doctor.page, DOC);
    // A second tab of the same browser logs in again (the cookie's old session ends).
    const other = await doctor.context.newPage();
    await other.goto("/login");
    const login = demoLogin(server, "医師");
    await other.getByTestId("login-email").fill(login.email);
    await other.getByTestId("login-password").fill(login.password);
    await other.getByTestId("login-submit").click();
    await other.getByTestId("workspace-name").waitFor();

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
  it("opens the document from this device, keeps edits across reloads, and sends them when the server is back", async () => {
    // Its own server: this test stops it.
    const own = await startE2EServer();
    stoppedServer = own;
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
    stoppedServer = again;
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
