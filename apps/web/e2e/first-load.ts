/**
 * What a first visit downloads: a fresh browser profile opens the login page, logs in and
 * lands on the workspace home. The JavaScript bytes are read from the page's resource timing
 * entries: `encodedBodySize` is the body as it crossed the network (compressed when the
 * server compressed it), `decodedBodySize` the script itself. Shared by the browser test
 * (first-load.e2e.test.ts, a size budget) and `npm run bench` (the figures).
 */
import type { Browser, Page } from "playwright-core";
import type { DemoLogin } from "./harness.js";

export interface ScriptBytes {
  /** Path of the file, e.g. /assets/index-abc.js. */
  path: string;
  /** Bytes of the body on the wire. */
  encoded: number;
  /** Bytes of the script once decompressed. */
  decoded: number;
}

export interface RouteBytes {
  scripts: ScriptBytes[];
  encoded: number;
  decoded: number;
}

export interface FirstLoad {
  /** The login page, until its form is shown. */
  login: RouteBytes;
  /** From the first request to the workspace home shown after logging in (login included). */
  home: RouteBytes;
  /** What the server answered for the scripts' Content-Encoding (one entry per script). */
  contentEncodings: string[];
}

function total(scripts: ScriptBytes[]): RouteBytes {
  return {
    scripts,
    encoded: scripts.reduce((sum, s) => sum + s.encoded, 0),
    decoded: scripts.reduce((sum, s) => sum + s.decoded, 0),
  };
}

function scriptsLoaded(page: Page): Promise<ScriptBytes[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname.endsWith(".js") && e.responseStatus !== 0)
      .map((e) => ({
        path: new URL(e.name).pathname,
        encoded: e.encodedBodySize,
        decoded: e.decodedBodySize,
      })),
  );
}

/**
 * Logs in from a fresh profile and returns the script bytes of the login page and of the way
 * to the home page. `acceptEncoding` replaces the browser's Accept-Encoding (e.g. "identity"
 * for the uncompressed reference).
 */
export async function measureFirstLoad(
  browser: Browser,
  baseURL: string,
  login: DemoLogin,
  acceptEncoding?: string,
): Promise<FirstLoad> {
  const context = await browser.newContext({
    locale: "ja-JP",
    baseURL,
    // A first visit: no service worker yet, nothing cached.
    serviceWorkers: "block",
    extraHTTPHeaders: acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding },
  });
  try {
    const page = await context.newPage();
    const contentEncodings: string[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.endsWith(".js")) {
        contentEncodings.push(response.headers()["content-encoding"] ?? "identity");
      }
    });
    // Resource timing keeps 250 entries by default; a first load is far below that.
    await page.goto("/login");
    await page.getByTestId("login-submit").waitFor();
    const loginScripts = await scriptsLoaded(page);
    await page.getByTestId("login-email").fill(login.email);
    await page.getByTestId("login-password").fill(login.password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("workspace-name").waitFor();
    await page.getByTestId("loading-screen").waitFor({ state: "detached" });
    const homeScripts = await scriptsLoaded(page);
    return { login: total(loginScripts), home: total(homeScripts), contentEncodings };
  } finally {
    await context.close();
  }
}
