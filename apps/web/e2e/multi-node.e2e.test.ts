/**
 * Three nodes behind a real nginx (Debian's package, started here in a temporary directory
 * with the WebSocket upgrade of deploy/nginx-tsumugi.conf), over a private PostgreSQL and
 * Redis: a meeting in progress, two people typing the minutes in Chromium, the node that
 * carries the secretariat's socket killed with SIGKILL mid-meeting. Both pages reconnect
 * through nginx to the other nodes and nothing either typed is lost, on their screens, in a
 * third person's fresh page, and in the database.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import type { CDPSession, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { PostgresDatabase } from "../../server/src/storage/postgres-database.js";
import { storedDocument } from "../../server/src/testing/collab-clients.js";
import {
  freePort,
  type PostgresEngine,
  postgresBinDir,
  type RedisEngine,
  startPostgres,
  startRedis,
} from "../../server/src/testing/engines.js";
import { type E2EServer, e2eTest, startE2EServer } from "./harness.js";
import { editorText, eventually, loggedInPage, waitForSyncState } from "./pages.js";
import { openMeeting } from "./room-pages.js";

const SHOTS = process.env.SCREENSHOT_DIR;
const M2 = "令和5年度 第2回 連携会議";

let pg: PostgresEngine | undefined;
let redis: RedisEngine | undefined;
const nodes: E2EServer[] = [];
let nginx: { origin: string; stop: () => Promise<void>; dir: string } | undefined;
let dataDir = "";

/** nginx in the foreground, its files in a temporary directory, proxying to the nodes' ports. */
async function startNginx(port: number, ports: number[]): Promise<NonNullable<typeof nginx>> {
  const dir = mkdtempSync(join(tmpdir(), "tsumugi-nginx-"));
  mkdirSync(join(dir, "logs"));
  const root = process.getuid?.() === 0 ? "user root root;" : "";
  writeFileSync(
    join(dir, "nginx.conf"),
    `${root}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/logs/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream tsumugi {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join("\n")}
    keepalive 32;
  }
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 16m;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_http_version 1.1;
    proxy_next_upstream error timeout http_502 http_503;
    # Which node answered (for this test only: it kills the node of a given socket).
    add_header X-Upstream $upstream_addr always;
    location /collab/ {
      proxy_pass http://tsumugi;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
    }
    location ~ /events$ {
      proxy_pass http://tsumugi;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 3600s;
    }
    location / {
      proxy_pass http://tsumugi;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  const child = spawn("/usr/sbin/nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const origin = `http://localhost:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited:\n${out}`);
      return fetch(`${origin}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
    },
    "nginx answering",
    30_000,
  );
  return {
    origin,
    dir,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGQUIT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Records, for every WebSocket a page opens, the node nginx sent it to (its port). */
async function socketsOf(page: Page): Promise<Map<string, number>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const urls = new Map<string, string>();
  const upstream = new Map<string, number>();
  cdp.on("Network.webSocketCreated", (e: { requestId: string; url: string }) => urls.set(e.requestId, e.url));
  cdp.on(
    "Network.webSocketHandshakeResponseReceived",
    (e: { requestId: string; response: { headers: Record<string, string> } }) => {
      const header = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === "x-upstream")?.[1];
      const port = Number(/:(\d+)\s*$/.exec(header ?? "")?.[1]);
      const url = urls.get(e.requestId);
      if (url && port) upstream.set(new URL(url).pathname, port);
    },
  );
  await cdp.send("Network.enable");
  return upstream;
}

/** Stops what of the cluster has started: the nodes still running, nginx, the databases, the data. */
async function stopCluster(): Promise<void> {
  for (const n of nodes) await n.stop("SIGKILL");
  await nginx?.stop();
  await Promise.all([pg?.stop(), redis?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

/** The three nodes with their databases, and nginx in front: the server the browser reaches. */
async function startCluster(): Promise<E2EServer> {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  execFileSync(join(postgresBinDir(), "createdb"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(pg.port),
    "-U",
    "tsumugi",
    "e2e",
  ]);
  dataDir = mkdtempSync(join(tmpdir(), "tsumugi-e2e-nodes-"));
  const [proxyPort, ...ports] = [await freePort(), await freePort(), await freePort(), await freePort()];
  // The nodes know the address people use: nginx's.
  const env = (i: number) => ({
    DATABASE_URL: pg?.urlOf("e2e") ?? "",
    REDIS_URL: redis?.url ?? "",
    NODE_ID: `node-${i + 1}`,
    PUBLIC_URL: `http://localhost:${proxyPort}`,
    TRUST_PROXY: "true",
    CLUSTER_CHECK_SECONDS: "1",
  });
  // The first node makes the schema and the demo; the others start on them (same data
  // directory: the same personal data key).
  for (let i = 0; i < 3; i++) nodes.push(await startE2EServer({ dataDir, port: ports[i], env: env(i) }));
  const proxy = await startNginx(proxyPort, ports);
  nginx = proxy;
  const first = nodes[0];
  // People reach the nodes through nginx only.
  return {
    url: proxy.origin,
    port: proxyPort,
    dataDir,
    process: first.process,
    output: () => nodes.map((n) => n.output()).join("\n"),
    get logins() {
      return first.logins;
    },
    stop: stopCluster,
    destroy: stopCluster,
  };
}

const it = e2eTest({
  timeout: 180_000,
  start: async () => {
    try {
      return await startCluster();
    } catch (err) {
      await stopCluster();
      throw err;
    }
  },
});

/** Puts the caret at the end of the minutes. */
async function atEnd(page: Page): Promise<void> {
  await page.locator(".meeting-mode").getByTestId("editor").click();
  await page.keyboard.press("Control+End");
}

async function stateBadge(page: Page): Promise<string> {
  return page.getByTestId("meeting-state").innerText();
}

/** The meeting's document name, as the page's API answer gives it. */
async function meetingDocName(page: Page): Promise<string> {
  const [, , wid, , mid] = new URL(page.url()).pathname.split("/");
  return page.evaluate(async (url) => {
    const res = await fetch(url);
    return ((await res.json()) as { meeting: { docName: string } }).meeting.docName;
  }, `/api/workspaces/${wid}/meetings/${mid}`);
}

describe("three nodes behind nginx", () => {
  it("keep a meeting going when the node of the secretariat's socket is killed: nothing typed is lost", async ({
    server,
    browser,
  }) => {
    const secretariat = await loggedInPage(browser, server, "事務局");
    const doctor = await loggedInPage(browser, server, "医師");
    for (const p of [secretariat.page, doctor.page]) await p.setViewportSize({ width: 1366, height: 768 });
    secretariat.page.on("dialog", (d) => void d.accept());
    const sockets = await socketsOf(secretariat.page);
    await openMeeting(secretariat.page, M2);
    await openMeeting(doctor.page, M2);

    // 会議を開始: both pages show the live minutes; both people take notes.
    await secretariat.page.getByTestId("meeting-next").click();
    await eventually(async () => (await stateBadge(doctor.page)) === "開催中", "開催中 on the doctor's page");
    for (const p of [secretariat.page, doctor.page])
      await p.locator(".meeting-mode").getByTestId("editor").waitFor();
    await atEnd(secretariat.page);
    await secretariat.page.keyboard.type("事務局：開会のあいさつ");
    await waitForSyncState(secretariat.page, "saved");
    await eventually(
      async () => (await editorText(doctor.page)).includes("事務局：開会のあいさつ"),
      "the secretariat's words on the doctor's page",
    );
    await atEnd(doctor.page);
    await doctor.page.keyboard.press("Enter");
    await doctor.page.keyboard.type("医師：退院調整の報告");
    await waitForSyncState(doctor.page, "saved");

    // The node carrying the secretariat's minutes socket dies (SIGKILL) mid-meeting.
    const docName = await meetingDocName(secretariat.page);
    const socketPath = () => [...sockets.keys()].find((path) => decodeURIComponent(path).endsWith(docName));
    await eventually(async () => socketPath() !== undefined, "the minutes socket seen");
    const victimPort = sockets.get(socketPath() as string);
    const victim = nodes.find((n) => n.port === victimPort);
    expect(victim).toBeDefined();
    await victim?.stop("SIGKILL");
    if (SHOTS) await secretariat.page.screenshot({ path: `${SHOTS}/multi-node-killed-1366.png` });

    // Both keep typing at once; the pages reconnect through nginx to the other nodes.
    await atEnd(secretariat.page);
    await secretariat.page.keyboard.press("Enter");
    await secretariat.page.keyboard.type("事務局：次の議題へ");
    await atEnd(doctor.page);
    await doctor.page.keyboard.press("Enter");
    await doctor.page.keyboard.type("医師：在宅での看取りについて");
    await waitForSyncState(secretariat.page, "saved", 60_000);
    await waitForSyncState(doctor.page, "saved", 60_000);
    await eventually(
      async () => sockets.get(socketPath() as string) !== victimPort,
      "the secretariat's socket on another node",
      30_000,
    );
    const lines = [
      "事務局：開会のあいさつ",
      "医師：退院調整の報告",
      "事務局：次の議題へ",
      "医師：在宅での看取りについて",
    ];
    for (const p of [secretariat.page, doctor.page]) {
      await eventually(
        async () => {
          const text = await editorText(p);
          return lines.every((l) => text.includes(l));
        },
        "every line on both pages",
        30_000,
      );
    }
    if (SHOTS) {
      await secretariat.page.screenshot({ path: `${SHOTS}/multi-node-secretariat-1366.png` });
      await doctor.page.screenshot({ path: `${SHOTS}/multi-node-doctor-1366.png` });
    }

    // Someone who opens the meeting now, on whichever node nginx picks, reads it all.
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openMeeting(nurse.page, M2);
    await nurse.page.locator(".meeting-mode").getByTestId("editor").waitFor();
    await eventually(
      async () => {
        const text = await editorText(nurse.page);
        return lines.every((l) => text.includes(l));
      },
      "every line on a fresh page",
      30_000,
    );
    expect(await stateBadge(nurse.page)).toBe("開催中");
    // And in PostgreSQL, the store of record.
    const db = await PostgresDatabase.open(pg?.urlOf("e2e") ?? "");
    try {
      const stored = (await storedDocument(db, docName)).getXmlFragment(RICH_TEXT_FIELD).toString();
      for (const l of lines) expect(stored).toContain(l);
    } finally {
      await db.close();
    }
    if (SHOTS) {
      await nurse.page.setViewportSize({ width: 390, height: 844 });
      await nurse.page.screenshot({ path: `${SHOTS}/multi-node-nurse-390.png`, fullPage: true });
    }
    for (const c of [secretariat.context, doctor.context, nurse.context]) await c.close();
  }, 180_000);
});
