/**
 * Run as a child process by japan-time.int.test.ts, under the time zone the test chooses
 * (TZ): starts a real server whose clock reads PROBE_NOW (an ISO instant, then running on),
 * and prints what it answers about "today" and the current 年度 as one JSON line.
 */
import { createSession, createUser, createWorkspace, startTestServer } from "./fixtures.js";
import { TestBrowser } from "./http-client.js";

const start = Date.parse(process.env.PROBE_NOW ?? "");
if (Number.isNaN(start)) throw new Error("PROBE_NOW must be an ISO instant");
const realNow = Date.now.bind(Date);
const offset = start - realNow();
Date.now = () => realNow() + offset;

const server = await startTestServer();
try {
  const wid = await createWorkspace(server.ctx.kysely);
  const admin = await createUser(server.ctx.kysely, { workspaceId: wid, role: "secretariat" });
  const browser = new TestBrowser(server.origin);
  browser.cookie = (await createSession(server, admin.id)).cookie;
  const base = `/api/workspaces/${wid}`;
  const list = await browser.get<{ currentFiscalYear: number }>(`${base}/plans`);
  const fy = list.body.currentFiscalYear;
  await browser.post(`${base}/plans`, { fiscalYear: fy });
  const dash = await browser.get<{ dashboard: { today: string } }>(`${base}/plans/${fy}/dashboard`);
  process.stdout.write(
    `${JSON.stringify({ tz: process.env.TZ, currentFiscalYear: fy, dashboardToday: dash.body.dashboard?.today })}\n`,
  );
} finally {
  await server.destroy();
}
