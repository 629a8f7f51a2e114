/**
 * "Today" and the current 年度 are Japan's whatever the server's time zone: the server runs
 * as a child process under TZ=Asia/Tokyo and TZ=UTC (and a zone behind UTC) with its clock
 * set around the 年度's turn (midnight between 31 March and 1 April, Japan time).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const probe = fileURLToPath(new URL("../testing/japan-clock-probe.ts", import.meta.url));
const serverDir = fileURLToPath(new URL("../..", import.meta.url));

async function probeAt(
  tz: string,
  now: string,
): Promise<{ currentFiscalYear: number; dashboardToday: string }> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", probe], {
    cwd: serverDir,
    env: { ...process.env, TZ: tz, PROBE_NOW: now },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) as string);
}

describe.each(["Asia/Tokyo", "UTC", "America/Los_Angeles"])("a server running under TZ=%s", (tz) => {
  it("is still in the old 年度 at 15:00 on 31 March in Japan", { timeout: 60_000 }, async () => {
    expect(await probeAt(tz, "2026-03-31T15:00:00+09:00")).toMatchObject({
      currentFiscalYear: 2025,
      dashboardToday: "2026-03-31",
    });
  });

  it("is in the new 年度 from midnight on 1 April in Japan", { timeout: 60_000 }, async () => {
    expect(await probeAt(tz, "2026-04-01T00:00:05+09:00")).toMatchObject({
      currentFiscalYear: 2026,
      dashboardToday: "2026-04-01",
    });
  });
});
