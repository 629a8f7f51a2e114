import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, launchChromium, startE2EServer } from "./harness.js";
import { caretAfter, editorText, eventually, loggedInPage, openDocument, waitForSyncState } from "./pages.js";

const DOC = "第1回 在宅医療・介護連携推進会議 メモ";
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2EServer();
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.destroy();
});

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
  it("keeps offline edits across a reload and merges them with others' edits when back online", async () => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openDocument(doctor.page, DOC);
    await openDocument(nurse.page, DOC);

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

    // The doctor comes back: the page reloads from IndexedDB and syncs.
    await doctor.context.setOffline(false);
    const again = await doctor.context.newPage();
    await again.goto(new URL(doctor.page.url()).pathname);
    await again.getByTestId("editor").waitFor();
    await eventually(
      async () => (await editorText(again)).includes("【オフラインで追記】"),
      "offline edit restored",
    );
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
