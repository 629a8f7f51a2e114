/**
 * First load of the web app, in bytes: Chromium, a fresh profile, the login page and then
 * the home page after logging in, against our server serving the production build. The same
 * way three times in one run: with the browser's own Accept-Encoding (brotli), gzip only, and
 * identity (uncompressed, as the server sent everything before). The app's whole JavaScript
 * (what one bundle made the first visit download before the split by screen) is read from
 * the build in the same run.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { measureFirstLoad, type RouteBytes } from "../apps/web/e2e/first-load.js";
import buildWebIfStale from "../apps/web/e2e/global-setup.js";
import { launchChromium, startE2EServer } from "../apps/web/e2e/harness.js";
import { repoRoot } from "./servers.js";
import { fmt } from "./stats.js";

export interface Bytes {
  raw: number;
  br: number;
  gzip: number;
}

export interface RouteFigures {
  /** Scripts fetched. */
  files: number;
  /** On the wire, per Accept-Encoding. */
  wire: { br: number; gzip: number; identity: number };
  /** Decompressed. */
  decoded: number;
}

export interface FirstLoadFigures {
  login: RouteFigures;
  home: RouteFigures;
  /** Every script of the build except the ones loaded on demand (the Excel reader). */
  app: Bytes & { files: number };
  /** What the service worker fetches when installed, in the background after the first page. */
  precache: Bytes & { files: number };
  /** Scripts fetched only when used (the Excel reader). */
  onDemand: Bytes & { files: number };
}

const DIST = join(repoRoot, "apps/web/dist");

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return Number.NaN;
  }
}

/** Raw, brotli and gzip sizes of build files (a file without a copy is sent as it is). */
function bytesOf(paths: readonly string[]): Bytes & { files: number } {
  let raw = 0;
  let br = 0;
  let gzip = 0;
  for (const path of paths) {
    const file = join(DIST, path);
    const size = sizeOf(file);
    raw += size;
    br += Number.isNaN(sizeOf(`${file}.br`)) ? size : sizeOf(`${file}.br`);
    gzip += Number.isNaN(sizeOf(`${file}.gz`)) ? size : sizeOf(`${file}.gz`);
  }
  return { raw, br, gzip, files: paths.length };
}

function route(br: RouteBytes, gzip: RouteBytes, identity: RouteBytes): RouteFigures {
  return {
    files: br.scripts.length,
    wire: { br: br.encoded, gzip: gzip.encoded, identity: identity.encoded },
    decoded: br.decoded,
  };
}

export async function firstLoadFigures(log: (msg: string) => void): Promise<FirstLoadFigures> {
  log("4. first load: building the web app if its sources changed");
  buildWebIfStale();
  const server = await startE2EServer();
  const browser = await launchChromium();
  try {
    const login = server.logins.find((l) => l.label === "事務局");
    if (!login) throw new Error("no demo login 事務局");
    log("4. first load: brotli (the browser's Accept-Encoding), gzip, identity");
    const br = await measureFirstLoad(browser, server.url, login);
    const gzip = await measureFirstLoad(browser, server.url, login, "gzip");
    const identity = await measureFirstLoad(browser, server.url, login, "identity");
    const worker = readFileSync(join(DIST, "sw.js"), "utf8");
    const build = JSON.parse((/^const BUILD = (.*);\n/.exec(worker) as RegExpExecArray)[1]) as {
      files: string[];
      precache: string[];
    };
    const scripts = (list: string[]) => list.filter((f) => f.endsWith(".js"));
    const onDemand = scripts(build.files).filter((f) => !build.precache.includes(f));
    return {
      login: route(br.login, gzip.login, identity.login),
      home: route(br.home, gzip.home, identity.home),
      app: bytesOf(scripts(build.files).filter((f) => !onDemand.includes(f))),
      precache: bytesOf(build.precache),
      onDemand: bytesOf(onDemand),
    };
  } finally {
    await browser.close();
    await server.destroy();
  }
}

const kb = (bytes: number) => fmt(bytes / 1000);
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "–");

export const FIRST_LOAD_HEADING = "## 4. First load of the web app";

export function renderFirstLoad(f: FirstLoadFigures): string[] {
  const row = (name: string, r: RouteFigures) =>
    `| ${name} | ${r.files} | ${kb(r.decoded)} | ${kb(r.wire.br)} | ${kb(r.wire.gzip)} | ${kb(r.wire.identity)} | ${times(r.wire.br, r.wire.identity)} | ${times(r.wire.br, f.app.raw)} |`;
  return [
    FIRST_LOAD_HEADING,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)}.`,
    "",
    "JavaScript a first visit downloads, in KB (1 KB = 1000 bytes) of response bodies: Chromium",
    "with a fresh profile opens the login page, logs in as the secretariat and waits for the",
    "workspace home (`apps/web/e2e/first-load.ts`, the page's resource timing entries). The same",
    "way three times in this run: with the browser's own Accept-Encoding (the server picks",
    "brotli), with gzip only, and with identity (uncompressed, as every file was sent before).",
    "The reference for the split by screen is the app's whole JavaScript, read from the same",
    "build: before the split a single bundle made the first visit download all of it.",
    "",
    "| route | scripts | decoded | brotli | gzip | identity | brotli ÷ identity | brotli ÷ whole app uncompressed |",
    "|---|---|---|---|---|---|---|---|",
    row("login page", f.login),
    row("login → home", f.home),
    "",
    "| the build's JavaScript | files | raw | brotli | gzip |",
    "|---|---|---|---|---|",
    `| whole app, without what loads on demand | ${f.app.files} | ${kb(f.app.raw)} | ${kb(f.app.br)} | ${kb(f.app.gzip)} |`,
    `| fetched by the service worker when installed, after the first page (code of every screen, CSS, index.html) | ${f.precache.files} | ${kb(f.precache.raw)} | ${kb(f.precache.br)} | ${kb(f.precache.gzip)} |`,
    `| loaded on demand, cached on first use (the Excel/CSV reader) | ${f.onDemand.files} | ${kb(f.onDemand.raw)} | ${kb(f.onDemand.br)} | ${kb(f.onDemand.gzip)} |`,
    "",
    `Target: login → home at most 150 KB of compressed JavaScript — ${f.home.wire.br <= 150_000 && f.home.wire.gzip <= 150_000 ? "met" : "**not met**"} (brotli ${kb(f.home.wire.br)} KB, gzip ${kb(f.home.wire.gzip)} KB; the browser test first-load.e2e.test.ts asserts the budget).`,
    "",
  ];
}
