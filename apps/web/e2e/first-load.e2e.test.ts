/**
 * First visit on a slow municipal line: the login page and the home page download only their
 * own code (no editor, charts, Yjs or Excel reader), compressed, within a budget of 150 KB of
 * JavaScript on the wire. Sizes, not timings.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { type FirstLoad, measureFirstLoad } from "./first-load.js";
import { e2eTest, repoRoot } from "./harness.js";
import { demoLogin, loggedInPage, waitForSyncState } from "./pages.js";

const BUDGET_BYTES = 150 * 1000;
const ASSETS = join(repoRoot, "apps/web/dist/assets");

/** A string only each heavy library's code contains. */
const HEAVY = {
  "editor (Tiptap/ProseMirror)": "@tiptap",
  "charts (Recharts)": "recharts-responsive-container",
  "Excel reader (exceljs)": "ExcelJS",
  Yjs: "Yjs was already imported",
};

const it = e2eTest();

function scriptSource(path: string): string {
  return readFileSync(join(repoRoot, "apps/web/dist", path), "utf8");
}

function heavyLibrariesIn(load: FirstLoad): string[] {
  const found: string[] = [];
  for (const script of load.home.scripts) {
    const source = scriptSource(script.path);
    for (const [name, marker] of Object.entries(HEAVY)) if (source.includes(marker)) found.push(name);
  }
  return found;
}

describe("first load", () => {
  it("login → home moves at most 150 KB of compressed JavaScript, and none of the heavy libraries", async ({
    server,
    browser,
  }) => {
    const login = demoLogin(server, "事務局");
    const compressed = await measureFirstLoad(browser, server.url, login);
    expect(compressed.login.scripts.length).toBeGreaterThan(0);
    expect(compressed.home.scripts.length).toBeGreaterThan(compressed.login.scripts.length);
    expect(heavyLibrariesIn(compressed)).toEqual([]);
    expect(compressed.home.encoded).toBeLessThanOrEqual(BUDGET_BYTES);
    // Every script of a size worth compressing came compressed, as brotli.
    for (const script of compressed.home.scripts.filter((s) => s.decoded > 1024)) {
      expect(script.encoded, script.path).toBeLessThan(script.decoded * 0.5);
    }
    expect(compressed.contentEncodings).toContain("br");

    // The same way without compression, same run: what the line would carry uncompressed.
    const identity = await measureFirstLoad(browser, server.url, login, "identity");
    expect(identity.contentEncodings.every((e) => e === "identity")).toBe(true);
    expect(identity.home.encoded).toBe(identity.home.decoded);
    expect(identity.home.decoded).toBe(compressed.home.decoded);
    expect(compressed.home.encoded).toBeLessThan(identity.home.encoded / 3);

    const gzip = await measureFirstLoad(browser, server.url, login, "gzip");
    expect(gzip.contentEncodings).toContain("gzip");
    expect(gzip.contentEncodings).not.toContain("br");
    expect(gzip.home.encoded).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("the service worker does not fetch the Excel reader when installed, but knows it as a build file", async () => {
    const worker = scriptSource("sw.js");
    const build = JSON.parse((/^const BUILD = (.*);\n/.exec(worker) as RegExpExecArray)[1]) as {
      files: string[];
      precache: string[];
    };
    const excel = readdirSync(ASSETS)
      .filter(
        (f) =>
          f.endsWith(".js") &&
          readFileSync(join(ASSETS, f), "utf8").includes(HEAVY["Excel reader (exceljs)"]),
      )
      .map((f) => `/assets/${f}`);
    expect(excel.length).toBeGreaterThan(0);
    for (const path of excel) {
      expect(build.files).toContain(path);
      expect(build.precache).not.toContain(path);
    }
    // Every screen the app's entry loads on demand, and what each imports, is precached, so
    // that a page reloads offline.
    const entry = (
      /src="(\/assets\/index-[^"]+\.js)"/.exec(scriptSource("index.html")) as RegExpExecArray
    )[1];
    const screens = [...scriptSource(entry).matchAll(/import\(`\.\/([^`]+\.js)`\)/g)].map((m) => m[1]);
    expect(screens.length).toBeGreaterThanOrEqual(6);
    const pending = [...screens];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      expect(build.precache).toContain(`/assets/${file}`);
      for (const m of scriptSource(`/assets/${file}`).matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
        pending.push(m[1]);
      }
    }
  });

  it("a meeting page loads the minutes editor but not the charts, which come with the first chart shown", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await page.getByTestId("tab-meetings").click();
    await page.getByTestId("meetings-year").selectOption("2023");
    await page.getByTestId("meeting-link").first().click();
    await page.getByTestId("meeting-page").waitFor();
    await waitForSyncState(page, "saved");
    await page.getByTestId("meeting-tab-minutes").click();
    await page.getByTestId("editor").waitFor();
    const loaded = async () =>
      (await page.evaluate(() =>
        (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
          .map((e) => new URL(e.name).pathname)
          .filter((path) => path.endsWith(".js")),
      )) as string[];
    const has = (paths: string[], marker: string) =>
      paths.some((path) => scriptSource(path).includes(marker));
    expect(has(await loaded(), HEAVY["editor (Tiptap/ProseMirror)"])).toBe(true);
    expect(has(await loaded(), HEAVY["charts (Recharts)"])).toBe(false);

    // The plan's scene board shows the charts of linked indicators: now Recharts comes.
    await page.goto(`/w/${new URL(page.url()).pathname.split("/")[2]}?tab=plans`);
    await page.getByTestId("plan-link-2023").click();
    await page.getByTestId("plan-view-board").click();
    await page.locator('[data-testid="linked-chart"] .recharts-wrapper').first().waitFor();
    expect(has(await loaded(), HEAVY["charts (Recharts)"])).toBe(true);
    await context.close();
  });
});
