/**
 * Request body limits per route, as the docs promise them: 64 KiB for ordinary JSON, and
 * the indicator import's 5,000 rows (8 MiB); requests that carry a body where none is read
 * (the web app's files, public pages) are refused before it is read.
 */
import { connect } from "node:net";
import { INDICATOR_IMPORT_MAX_ROWS } from "@tsumugi/contract";
import { STARTER_CATALOGUE } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { insertIndicator } from "../indicators/indicator-repository.js";
import type { TestServer } from "../testing/fixtures.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";
import { INDICATOR_IMPORT_MAX_BYTES, MAX_JSON_BYTES } from "./request-body.js";

const header = ["指標コード", "指標名", "年度", "月", "値", "分子", "分母", "目標", "出典", "備考"];

/** `count` rows of distinct, valid values: indicators C001… for the years 2000–2025. */
async function valueRows(
  server: TestServer,
  world: WorkspaceWorld,
  count: number,
  note = "",
): Promise<string[][]> {
  const years = 26;
  const codes = Math.ceil(count / years);
  const base = STARTER_CATALOGUE.find((d) => d.code === "S01");
  if (!base) throw new Error("S01 missing from the catalogue");
  for (let i = 1; i <= codes; i++) {
    const code = `C${String(i).padStart(3, "0")}`;
    await insertIndicator(server.ctx.kysely, world.workspaceId, { ...base, code, name: `独自指標${i}` });
  }
  return Array.from({ length: count }, (_, i) => {
    const code = `C${String(Math.floor(i / years) + 1).padStart(3, "0")}`;
    return [code, "", String(2000 + (i % years)), "", String(i % 97), "", "", "", "自治体調査", note];
  });
}

describe("the indicator import", () => {
  it("takes 5,000 rows in one request, as documented (well past the ordinary 64 KiB)", async ({
    server,
    world,
  }) => {
    const rows = await valueRows(server, world, INDICATOR_IMPORT_MAX_ROWS);
    const body = { dryRun: false, rows: [header, ...rows] };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(MAX_JSON_BYTES);
    const res = await world.admin.browser.post<{ written: number; issues: unknown[] }>(
      `${world.base}/indicators/import`,
      body,
    );
    expect(res.status).toBe(200);
    expect(res.body.issues).toEqual([]);
    expect(res.body.written).toBe(5000);
  });

  it("takes 4,999 rows with long notes up to its byte limit, and refuses more with a clear 413", async ({
    server,
    world,
  }) => {
    const rows = await valueRows(server, world, 4999, "訪問診療の実績は医師会の集計による。".repeat(35));
    const fits = { dryRun: true, rows: [header, ...rows.slice(0, 3000)] };
    expect(Buffer.byteLength(JSON.stringify(fits))).toBeGreaterThan(4 * 1024 * 1024);
    expect(Buffer.byteLength(JSON.stringify(fits))).toBeLessThan(INDICATOR_IMPORT_MAX_BYTES);
    const ok = await world.admin.browser.post(`${world.base}/indicators/import`, fits);
    expect(ok.status).toBe(200);
    const tooBig = { dryRun: true, rows: [header, ...rows] };
    expect(Buffer.byteLength(JSON.stringify(tooBig))).toBeGreaterThan(INDICATOR_IMPORT_MAX_BYTES);
    const refused = await world.admin.browser.post<{ error: { code: string; message: string } }>(
      `${world.base}/indicators/import`,
      tooBig,
    );
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: "request.tooLarge" });
    expect(refused.body.error.message).toContain("8MB");
  });

  it("refuses more than 5,000 rows with a field error", async ({ world }) => {
    const rows = Array.from({ length: INDICATOR_IMPORT_MAX_ROWS + 1 }, () => ["S01", "", "2023", "", "1"]);
    const res = await world.admin.browser.post<{ error: { fields: Record<string, string> } }>(
      `${world.base}/indicators/import`,
      { dryRun: true, rows: [header, ...rows] },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ rows: "tooMany" });
  });
});

describe("other routes", () => {
  it("keep the ordinary 64 KiB, also on a route next to the import", async ({ world }) => {
    const big = { name: "x".repeat(MAX_JSON_BYTES) };
    expect((await world.admin.browser.post(`${world.base}/indicators`, big)).status).toBe(413);
    expect((await world.admin.browser.post(`${world.base}/indicators/import/x`, big)).status).toBe(413);
  });
});

/** Sends a request announcing `announced` bytes of body, writing until the server answers and closes. */
function postHuge(
  server: TestServer,
  path: string,
  announced: number,
): Promise<{ status: string; written: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1");
    let written = 0;
    let answer = "";
    let stop = false;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const pump = () => {
      while (!stop && written < announced) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
    };
    socket.on("connect", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nOrigin: ${server.origin}\r\nContent-Type: application/json\r\nContent-Length: ${announced}\r\n\r\n`,
      );
      pump();
    });
    socket.on("data", (d) => {
      answer += d.toString("latin1");
    });
    socket.on("error", () => {
      stop = true;
    });
    socket.on("close", () => {
      stop = true;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      if (!status) reject(new Error(`no answer; sent ${written} bytes`));
      else resolve({ status, written });
    });
  });
}

describe("bodies nobody reads", () => {
  const announced = 200 * 1024 * 1024;

  it.for(["/", "/w/abc", "/assets/app.js", "/p/abcdefgh12"])(
    "POST %s is refused (405) and the connection closed before the body is read",
    async (path, { server }) => {
      const { status, written } = await postHuge(server, path, announced);
      expect(status).toBe("405");
      // What the kernel buffers, not 200 MB.
      expect(written).toBeLessThan(32 * 1024 * 1024);
    },
  );

  it("an API body announced past its route's limit is refused (413) before it is read", async ({
    server,
    world,
  }) => {
    const { status, written } = await postHuge(server, `${world.base}/indicators/import`, announced);
    expect(status).toBe("413");
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });
});
