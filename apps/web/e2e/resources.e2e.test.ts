/**
 * The resource directory in the browser, on the demo's 流山市 directory: the list with its
 * filters, the map on tiles served by a small local tile server (the machine has no internet),
 * a pin's card, placing an entry without coordinates by dragging its pin, the list instead
 * when the tiles fail, the professionals' tables printed, the open-data import with its
 * preview, and the public directory printed as a 便利帳 without professionals-only values.
 * Screens are saved at 1366×768 and 390×844 under SHOTS_DIR when it is set.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, describe, expect } from "vitest";
import { seriousViolations } from "./axe.js";
import { type E2EServer, e2eTest, repoRoot, startE2EServer } from "./harness.js";
import { loggedInPage as loggedIn } from "./pages.js";
import { loggedInPhone, narrowProblems, openPlanView, workspaceIdOf } from "./room-pages.js";

/** A plain light grey 256×256 PNG tile. */
const TILE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAQAAAAEACAIAAADTED8xAAACAElEQVR42u3TMQ0AAAgEsfevk4EBEcxooEkVXHKpHngrEmAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAOogAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAANgABUwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADIABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA8C1+6Ioycrp6gIAAAAASUVORK5CYII=",
  "base64",
);

let tileRequests = 0;
let tilesBroken = false;
const dir = mkdtempSync(join(tmpdir(), "tsumugi-resources-"));
const shots = process.env.SHOTS_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The demo server, its map drawn from a small local tile server started first (and closed
 * after the demo server).
 */
const it = e2eTest({
  start: async () => {
    const tileServer = createServer((req, res) => {
      tileRequests++;
      if (tilesBroken || !/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? "")) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { "Content-Type": "image/png", "Access-Control-Allow-Origin": "*" }).end(TILE);
    });
    await new Promise<void>((resolve) => tileServer.listen(0, "127.0.0.1", resolve));
    const closeTiles = () => new Promise((resolve) => tileServer.close(resolve));
    const port = (tileServer.address() as { port: number }).port;
    let server: E2EServer;
    try {
      server = await startE2EServer({
        env: {
          MAP_TILE_URL: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`,
          MAP_TILE_ATTRIBUTION: "地理院タイル",
          MAP_TILE_ATTRIBUTION_URL: "https://maps.gsi.go.jp/development/ichiran.html",
        },
      });
    } catch (err) {
      await closeTiles();
      throw err;
    }
    const destroy = server.destroy;
    server.destroy = async () => {
      await destroy();
      await closeTiles();
    };
    return server;
  },
});

/** Logged in on a 1366×768 screen. */
async function loggedInPage(b: Browser, s: E2EServer, label: string) {
  const session = await loggedIn(b, s, label);
  await session.page.setViewportSize({ width: 1366, height: 768 });
  return session;
}

async function openResources(page: Page, view = "list"): Promise<string> {
  const wid = workspaceIdOf(page);
  await page.goto(`/w/${wid}?tab=resources&view=${view}`);
  await page.getByTestId("resources").waitFor();
  return wid;
}

/** Prints the page to PDF, renders its pages as PNG for looking at, and reads their text. */
async function printed(page: Page, name: string): Promise<string[]> {
  await page.emulateMedia({ media: "print" });
  const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: "screen" });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  if (shots) execFileSync("pdftoppm", ["-png", "-r", "60", file, join(shots, name)]);
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())?.[1]);
  const pages: string[] = [];
  for (let p = 1; p <= count; p++)
    pages.push(
      execFileSync("pdftotext", [
        "-f",
        String(p),
        "-l",
        String(p),
        "-layout",
        "-enc",
        "UTF-8",
        file,
        "-",
      ]).toString(),
    );
  return pages;
}

describe("resource directory", () => {
  it("lists 流山市's demo entries with professionals-only fields, filtered by kind, service and 圏域", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "医師");
    await openResources(page);
    await page.getByTestId("resources-demo").waitFor();
    const all = Number((await page.getByTestId("resources-count").textContent())?.replace(/\D/g, ""));
    expect(all).toBeGreaterThan(20);
    const hospital = page.getByTestId("resource-card").filter({ hasText: "つむぎ総合病院" });
    expect(await hospital.textContent()).toContain("地域医療連携室");
    await shot(page, "resources-list-1366");

    await page.getByTestId("resources-filter-kind").selectOption("visitingNursing");
    await page.getByTestId("resources-count").filter({ hasText: "4件" }).waitFor();
    const names = await page.getByTestId("resource-card").locator("h3").allTextContents();
    expect(names.every((n) => n.includes("訪問看護"))).toBe(true);
    await page.getByTestId("resources-filter-kind").selectOption("");
    await page.getByTestId("resources-filter-area").selectOption({ label: "南部" });
    // The list follows the address bar: wait until it shows fewer than all the entries.
    await page
      .getByTestId("resources-count")
      .filter({ hasNotText: `${all}件` })
      .waitFor();
    const south = await page.getByTestId("resource-card").locator(".resource-address").allTextContents();
    expect(south.length).toBeGreaterThan(0);
    expect(south.every((a) => /南流山|流山一丁目|平和台/.test(a))).toBe(true);
    await page.getByTestId("resources-filter-area").selectOption("");
    await page.getByTestId("resources-filter-text").fill("ケアプラン");
    await page.getByTestId("resources-count").filter({ hasText: "2件" }).waitFor();
    const careplans = await page.getByTestId("resource-card").locator("h3").allTextContents();
    expect(careplans.every((n) => n.includes("ケアプラン"))).toBe(true);
    await context.close();
  }, 60_000);

  it("sorts nearest first from a 町名, from an entry or from here, in the list and on the map", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "ケアマネジャー");
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 35.8395, longitude: 139.906 });
    await openResources(page);
    const firstName = () => page.getByTestId("resource-card").first().locator("h3").textContent();

    // From a 町名 typed (an address works too): its entries first, with distances.
    await page.getByTestId("resources-sort").selectOption("town");
    await page.getByTestId("resources-near").fill("流山市前平井119");
    await page.getByTestId("resources-origin").filter({ hasText: "前平井付近から近い順" }).waitFor();
    expect(await firstName()).toContain("前平井");
    expect(await page.getByTestId("resource-distance").first().textContent()).toMatch(/^約\d+m$/);
    await shot(page, "resources-near-town-1366");
    await page.getByTestId("resources-near").fill("存在しない町");
    expect(await page.getByTestId("resources-near-problem").textContent()).toContain(
      "町名が資源一覧にありません",
    );

    // From an entry: the hospital's neighbours, itself left out.
    await page.getByTestId("resources-sort").selectOption("entry");
    const hospital = page
      .getByTestId("resources-near-entry")
      .locator("option", { hasText: "つむぎ総合病院" });
    await page.getByTestId("resources-near-entry").selectOption((await hospital.getAttribute("value")) ?? "");
    await page.getByTestId("resources-origin").filter({ hasText: "つむぎ総合病院から近い順" }).waitFor();
    expect(await firstName()).not.toContain("つむぎ総合病院");
    const km = (await page.getByTestId("resource-distance").allTextContents()).map((d) =>
      d.endsWith("km") ? Number(d.replace(/[^\d.]/g, "")) : Number(d.replace(/\D/g, "")) / 1000,
    );
    expect(km).toEqual([...km].sort((a, b) => a - b));

    // From here (南流山): 南流山's entries first, and the map marks the point.
    await page.getByTestId("resources-sort").selectOption("here");
    await page.getByTestId("resources-origin").filter({ hasText: "現在地から近い順" }).waitFor();
    expect(await firstName()).toContain("南流山");
    await page.getByTestId("resources-view-map").click();
    await page.locator(".map-origin").waitFor();
    await shot(page, "resources-near-here-map-1366");
    await context.close();
  }, 90_000);

  it("shows the map on the configured tiles, with clusters, a pin's card, and drag-to-place", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    const before = tileRequests;
    const wid = await openResources(page, "map");
    await page.locator(".map-pin, .map-cluster").first().waitFor();
    await page.locator(".leaflet-tile-loaded").first().waitFor();
    expect(tileRequests).toBeGreaterThan(before);
    const attribution = page.locator(".leaflet-control-attribution a", { hasText: "地理院タイル" });
    expect(await attribution.getAttribute("href")).toBe("https://maps.gsi.go.jp/development/ichiran.html");
    await shot(page, "resources-map-1366");

    // Zoomed in on one entry: its pin opens its card.
    await page.getByTestId("resources-filter-text").fill("つむぎ総合病院");
    await page.locator(".map-pin").first().waitFor();
    await page.locator(".map-pin").first().click();
    const card = page.getByTestId("map-card");
    await card.waitFor();
    expect(await card.textContent()).toContain("つむぎ総合病院");
    await page.getByTestId("resources-filter-text").fill("");

    // 座標確認中クリニック has no coordinates in its source: drag its pin and save.
    await page.getByTestId("unplaced").locator("summary").click();
    const unplaced = page.getByTestId("unplaced").locator("li", { hasText: "座標確認中クリニック" });
    await unplaced.getByTestId("place-start").click();
    const pin = page.locator(".map-pin.placing");
    await pin.waitFor();
    const box = await pin.boundingBox();
    if (!box) throw new Error("no pin");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 40, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId("place-save").click();
    await page.getByTestId("place-done").waitFor();
    const stored = await page.evaluate(async (wid) => {
      const res = await fetch(`/api/workspaces/${wid}/resources`);
      const body = (await res.json()) as {
        resources: { name: string; lat: number | null; lng: number | null }[];
      };
      return body.resources.find((r) => r.name === "座標確認中クリニック");
    }, wid);
    expect(stored?.lat).toBeGreaterThan(35);
    expect(stored?.lng).toBeGreaterThan(139);
    await context.close();
  }, 60_000);

  it("shows the list instead when the tiles cannot load", async ({ server, browser }) => {
    tilesBroken = true;
    try {
      const { context, page } = await loggedInPage(browser, server, "医師");
      await openResources(page, "map");
      await page.getByTestId("map-tiles-failed").waitFor();
      expect(await page.getByTestId("resource-card").count()).toBeGreaterThan(20);
      await shot(page, "resources-map-failed-1366");
      await context.close();
    } finally {
      tilesBroken = false;
    }
  }, 60_000);

  it("prints the 連絡可能時間一覧表 and 病院連携窓口一覧表 on A4, grouped by kind", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "コーディネーター");
    await openResources(page, "contactTimes");
    await page.getByTestId("table-contact-times").waitFor();
    await shot(page, "resources-contact-times-1366");
    const pages = await printed(page, "contact-times");
    const text = pages.join("\n");
    expect(text).toContain("連絡可能時間一覧表");
    expect(text).toContain("ケアプランつむぎ");
    expect(text).not.toContain("連絡可能時間一覧表病院連携窓口一覧表");
    expect(text).not.toContain("印刷");

    await openResources(page, "liaison");
    await page.getByTestId("table-liaison").waitFor();
    const liaison = (await printed(page, "liaison")).join("\n");
    expect(liaison).toContain("つむぎ総合病院");
    expect(liaison).toContain("地域医療連携室");
    // The Excel file comes from the server with the same rows.
    const excel = await page.evaluate(
      async (href) => {
        const res = await fetch(href);
        return { type: res.headers.get("content-type"), size: (await res.arrayBuffer()).byteLength };
      },
      (await page.getByTestId("resources-excel").getAttribute("href")) ?? "",
    );
    expect(excel.type).toContain("spreadsheetml");
    expect(excel.size).toBeGreaterThan(1000);
    await context.close();
  }, 60_000);

  it("imports an open-data file after showing what changes, field by field", async ({ server, browser }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await openResources(page, "import");
    // The prefecture's 訪問看護 file with one phone number changed since the demo's import.
    const original = readFileSync(join(repoRoot, "apps/server/src/seed/open-data/jigyosho_130.csv"), "utf8");
    const changed = original.replace(/04-7\d{3}-\d{4}/, "04-7199-0000");
    expect(changed).not.toBe(original);
    await page.getByTestId("import-file").setInputFiles({
      name: "jigyosho_130.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(changed, "utf8"),
    });
    const preview = page.getByTestId("import-preview");
    await preview.waitFor();
    expect(await page.getByTestId("import-summary").textContent()).toContain("変更 1件");
    expect(await preview.textContent()).toContain("04-7199-0000");
    await shot(page, "resources-import-1366");
    await page.getByTestId("import-confirm").click();
    await page.getByTestId("import-done").waitFor();
    await openResources(page);
    await page.getByTestId("resources-filter-text").fill("04-7199-0000");
    await page.getByTestId("resources-count").filter({ hasText: "1件" }).waitFor();
    await context.close();
  }, 60_000);

  it("puts an entry in another 日常生活圏域 by hand, and the area filter follows", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await openResources(page);
    await page.getByTestId("resources-filter-text").fill("つむぎ歯科医院");
    const card = page.getByTestId("resource-card").filter({ hasText: "つむぎ歯科医院" });
    expect(await card.locator(".area-chip").textContent()).toBe("中部");
    await card.getByTestId("resource-area").selectOption({ label: "東部" });
    await card.locator(".area-chip", { hasText: "東部" }).waitFor();
    await shot(page, "resources-area-1366");
    await page.getByTestId("resources-filter-text").fill("");
    await page.getByTestId("resources-filter-area").selectOption({ label: "東部" });
    await page.getByTestId("resource-card").filter({ hasText: "つむぎ歯科医院" }).waitFor();
    // A member without editing rights sees the area, not the picker.
    const member = await loggedInPage(browser, server, "医師");
    await openResources(member.page);
    await member.page.getByTestId("resources-filter-text").fill("つむぎ歯科医院");
    const seen = member.page.getByTestId("resource-card").filter({ hasText: "つむぎ歯科医院" });
    await seen.locator(".area-chip", { hasText: "東部" }).waitFor();
    expect(await seen.getByTestId("resource-area").count()).toBe(0);
    await member.context.close();
    await context.close();
  }, 60_000);

  it("lets a provider update their entry through a personal link, applied once the secretariat approves", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await openResources(page);
    await page.getByTestId("resources-filter-text").fill("ケアプランつむぎ");
    await page.getByTestId("resources-count").filter({ hasText: "1件" }).waitFor();
    await page.getByTestId("issue-link").click();
    const url = await page.getByTestId("issued-url").inputValue();
    expect(url).toMatch(/\/update\/[A-Za-z0-9_-]{20,}$/);
    await shot(page, "resources-link-1366");

    // The provider, on a phone, without an account.
    const phone = await browser.newContext({
      locale: "ja-JP",
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const provider = await phone.newPage();
    await provider.goto(new URL(url).pathname);
    await provider.getByTestId("provider-name").filter({ hasText: "ケアプランつむぎ" }).waitFor();
    expect(await narrowProblems(provider)).toEqual({ columns: [], overflow: 0 });
    await shot(provider, "provider-390");
    await provider.getByTestId("provider-contact-hours").fill("平日 13:00〜14:00（ケアマネ直通）");
    await provider.getByTestId("provider-submit").click();
    expect(await provider.getByTestId("provider-result").textContent()).toContain("確認した後");
    await phone.close();

    // The secretariat sees what changed and applies it.
    await openResources(page, "requests");
    const request = page.getByTestId("update-request").filter({ hasText: "ケアプランつむぎ" });
    expect(await request.textContent()).toContain("ケアマネ直通");
    await shot(page, "resources-requests-1366");
    await request.getByTestId("request-apply").click();
    await request.filter({ hasText: "反映済み" }).waitFor();
    await openResources(page);
    await page.getByTestId("resources-filter-text").fill("ケアプランつむぎ");
    await page.getByTestId("resource-contact").filter({ hasText: "ケアマネ直通" }).waitFor();
    await context.close();
  }, 90_000);

  it("lists the entries nobody has confirmed for the months set, and marks one confirmed", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "事務局");
    await openResources(page, "settings");
    const heading = page.getByTestId("resources-settings").locator("h3");
    const countOf = async () => Number(/（(\d+)件）/.exec((await heading.textContent()) ?? "")?.[1]);
    const before = await countOf();
    expect(before).toBeGreaterThan(10);
    expect(await page.getByTestId("settings-public").isChecked()).toBe(true);
    await shot(page, "resources-settings-1366");
    await page.getByTestId("stale-list").locator("li").first().getByRole("button").click();
    await heading.filter({ hasText: `（${before - 1}件）` }).waitFor();
    await context.close();
  }, 60_000);

  it("links entries to a plan action from its panel, and shows the action on the entry's card", async ({
    server,
    browser,
  }) => {
    const { context, page } = await loggedInPage(browser, server, "医師");
    await openPlanView(page, "actions");
    const row = page.getByTestId("action-row").first();
    const title = await row.getByTestId("action-title").inputValue();
    await row.getByTestId("action-details-toggle").click();
    const panel = page.getByTestId("action-panel");
    const links = panel.getByTestId("action-resources");
    await links.waitFor();
    await links.getByTestId("action-resource-search").fill("看取り");
    const hit = links.getByTestId("action-resource-hit").filter({ hasText: "江戸川台在宅クリニック" });
    await hit.getByTestId("action-resource-add").click();
    const linked = links.getByTestId("action-resource").filter({ hasText: "江戸川台在宅クリニック" });
    await linked.waitFor();
    expect(await linked.textContent()).toContain("診療所");
    await links.scrollIntoViewIfNeeded();
    await shot(page, "plan-action-resources-1366");
    await page.setViewportSize({ width: 390, height: 844 });
    await links.scrollIntoViewIfNeeded();
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await shot(page, "plan-action-resources-390");
    await page.setViewportSize({ width: 1366, height: 768 });

    // The directory's card names the action.
    await openResources(page);
    await page.getByTestId("resources-filter-text").fill("江戸川台在宅クリニック");
    const card = page.getByTestId("resource-card").filter({ hasText: "江戸川台在宅クリニック" });
    await card.getByTestId("resource-actions").waitFor();
    expect(await card.getByTestId("resource-actions").textContent()).toContain(title);

    // An observer reads the links and cannot change them.
    const observer = await loggedInPage(browser, server, "千葉県（閲覧）");
    await openPlanView(observer.page, "actions");
    await observer.page.getByTestId("action-row").first().getByTestId("action-details-toggle").click();
    const seen = observer.page.getByTestId("action-resources");
    await seen.getByTestId("action-resource").filter({ hasText: "江戸川台在宅クリニック" }).waitFor();
    expect(await seen.getByTestId("action-resource-remove").count()).toBe(0);
    expect(await seen.getByTestId("action-resource-search").count()).toBe(0);
    await observer.context.close();

    // Removed again from the panel.
    await openPlanView(page, "actions");
    await page.getByTestId("action-row").first().getByTestId("action-details-toggle").click();
    const again = page.getByTestId("action-resources");
    await again.getByTestId("action-resource-remove").first().click();
    await again.getByText("関連付けた資源はありません。").waitFor();
    await context.close();
  }, 120_000);

  it("fits a phone: list, map, tables and import", async ({ server, browser }) => {
    const { context, page } = await loggedInPhone(browser, server, "事務局");
    for (const view of ["list", "map", "contactTimes", "liaison", "import", "requests", "settings"]) {
      await openResources(page, view);
      if (view === "map") await page.locator(".map-pin, .map-cluster").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(await narrowProblems(page), view).toEqual({ columns: [], overflow: 0 });
      await shot(page, `resources-${view}-390`);
    }
    await context.close();
  }, 90_000);
});

describe("public directory", () => {
  /** A visitor without an account, at 1366×768 or on a phone, allowed to share their position. */
  async function visitor(browser: Browser, server: E2EServer, size: "desk" | "phone" = "desk") {
    const context = await browser.newContext({
      locale: "ja-JP",
      baseURL: server.url,
      viewport: size === "desk" ? { width: 1366, height: 768 } : { width: 390, height: 844 },
      ...(size === "phone" ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      // Near 江戸川台: the demo's northern entries are nearest.
      geolocation: { latitude: 35.8978, longitude: 139.8962 },
      permissions: ["geolocation"],
    });
    return { context, page: await context.newPage() };
  }

  it("prints as a 便利帳 grouped by kind and 圏域, without professionals-only values, kinds running on", async ({
    server,
    browser,
  }) => {
    const { context, page } = await visitor(browser, server);
    const res = await page.goto("/p/122203/resources");
    expect(res?.status()).toBe(200);
    await page.locator("#resource-map .map-pin, #resource-map .map-cluster").first().waitFor();
    await shot(page, "public-directory-1366");
    const body = await page.content();
    for (const secret of ["地域医療連携室", "04-7100-0191", "レスパイト入院は2週間前"])
      expect(body).not.toContain(secret);
    const pages = await printed(page, "public-directory");
    const text = pages.join("\n");
    expect(text).toContain("つむぎ総合病院");
    expect(text).toContain("医療・介護情報便利帳");
    // Kinds follow one another on the page instead of each starting a new sheet: fewer pages
    // than kinds, and some page holds the end of one kind and the start of the next.
    const kinds = await page.locator("section.kind").count();
    expect(kinds).toBeGreaterThan(5);
    expect(pages.length).toBeLessThan(kinds);
    const headings = await page.locator("section.kind > h2").allTextContents();
    const shared = pages.some((p) => headings.filter((h) => p.includes(h.replace(/（.*$/, ""))).length >= 2);
    expect(shared).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await shot(page, "public-directory-390");
    await context.close();
  }, 90_000);

  it("shows the map on local tiles, a pin's card, and searches by text, by 町名 and from here", async ({
    server,
    browser,
  }) => {
    const { context, page } = await visitor(browser, server);
    const before = tileRequests;
    await page.goto("/p/122203/resources");
    await page.locator("#resource-map .leaflet-tile-loaded").first().waitFor();
    expect(tileRequests).toBeGreaterThan(before);
    const attribution = page.locator("#resource-map .leaflet-control-attribution a", {
      hasText: "地理院タイル",
    });
    expect(await attribution.getAttribute("href")).toBe("https://maps.gsi.go.jp/development/ichiran.html");

    // Text: a service's name finds the entries offering it, and the map follows the list.
    await page.getByTestId("public-q").fill("看取り");
    await page.getByTestId("public-search").click();
    await page.waitForURL(/q=/);
    const found = await page.getByTestId("public-entry").count();
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(10);
    for (const entry of await page.getByTestId("public-entry").allTextContents())
      expect(entry).toContain("看取り");
    await page.locator("#resource-map .map-pin, #resource-map .map-cluster").first().waitFor();

    // Sorted from a 町名 typed as an address.
    await page.getByTestId("public-q").fill("");
    await page.getByTestId("public-near").fill("流山市前平井119");
    await page.getByTestId("public-search").click();
    await page.getByTestId("public-nearest").waitFor();
    expect(await page.getByTestId("public-nearest").locator("h2").textContent()).toBe(
      "近い順（前平井付近から）",
    );
    const first = page.getByTestId("public-entry").first();
    expect(await first.locator("h4").textContent()).toContain("前平井");
    await page.locator("#resource-map .map-origin").waitFor();
    await shot(page, "public-directory-near-1366");
    expect(await seriousViolations(page)).toEqual([]);

    // A pin's card names the entry and its distance.
    await page.getByTestId("public-near").fill("");
    await page.getByTestId("public-q").fill("つむぎ総合病院");
    await page.getByTestId("public-search").click();
    await page.waitForURL(/q=%E3%81%A4/);
    await page.locator("#resource-map .map-pin").first().click();
    const popup = page.locator(".leaflet-popup-content");
    await popup.waitFor();
    expect(await popup.textContent()).toContain("つむぎ総合病院");
    expect(await popup.textContent()).not.toContain("地域医療連携室");
    await shot(page, "public-directory-card-1366");

    // From here (the browser's position): 江戸川台's entries come first.
    await page.getByTestId("public-clear").click();
    await page.getByTestId("public-locate").click();
    await page.getByTestId("public-nearest").waitFor();
    expect(await page.getByTestId("public-nearest").locator("h2").textContent()).toBe("近い順（現在地から）");
    expect(await page.getByTestId("public-entry").first().textContent()).toContain("江戸川台");
    // The position went to the page rounded to about 100 m.
    const url = new URL(page.url());
    expect(url.searchParams.get("lat")).toBe("35.898");
    expect(url.searchParams.get("lng")).toBe("139.896");
    await context.close();
  }, 90_000);

  it("sorts from a point clicked on the map, and keeps the list when tiles cannot load", async ({
    server,
    browser,
  }) => {
    const { context, page } = await visitor(browser, server, "phone");
    await page.goto("/p/122203/resources");
    const map = page.locator("#resource-map");
    await map.locator(".leaflet-tile-loaded").first().waitFor();
    expect(await narrowProblems(page)).toEqual({ columns: [], overflow: 0 });
    await shot(page, "public-directory-map-390");
    // A click away from the pins (the map's bottom-left corner) offers sorting from there.
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    if (!box) throw new Error("no map");
    await page.mouse.click(box.x + 60, box.y + box.height - 40);
    await page.getByRole("button", { name: "ここから近い順に並べる" }).click();
    await page.getByTestId("public-nearest").waitFor();
    expect(await page.getByTestId("public-nearest").locator("h2").textContent()).toBe(
      "近い順（地図で選んだ地点から）",
    );
    expect(await page.getByTestId("public-distance").count()).toBeGreaterThan(10);
    await shot(page, "public-directory-nearest-390");

    tilesBroken = true;
    try {
      await page.goto("/p/122203/resources");
      await page.getByTestId("public-map-notice").waitFor();
      expect(await page.getByTestId("public-map-notice").textContent()).toContain("一覧をご覧ください");
      expect(await page.locator("#resource-map").isHidden()).toBe(true);
      expect(await page.getByTestId("public-entry").count()).toBeGreaterThan(20);
    } finally {
      tilesBroken = false;
    }
    await context.close();
  }, 90_000);
});
