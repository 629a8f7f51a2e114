import { describe, expect } from "vitest";
import { createUser, createWorkspace, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it } from "../testing/workspace-world.js";
import { catalogueOf } from "./indicator-repository.js";

interface Listing {
  indicators: { id: string; code: string; derived: string | null; abilities: { enterValues: boolean } }[];
  values: {
    indicatorId: string;
    fiscalYear: number;
    month: number;
    value: number | null;
    enteredByName: string;
  }[];
  can: { enter: boolean; define: boolean };
}

const header = ["指標コード", "指標名", "年度", "月", "値", "分子", "分母", "目標", "出典", "備考"];

describe("indicators", () => {
  it("start with the catalogue; values are entered by the secretariat with history, and checked", async ({
    server,
    world,
  }) => {
    const list = await world.member.browser.get<Listing>(`${world.base}/indicators`);
    expect(list.body.indicators.length).toBeGreaterThanOrEqual(20);
    expect(list.body.can).toEqual({ enter: false, define: false });
    const s04 = list.body.indicators.find((i) => i.code === "S04")?.id ?? "";
    const url = `${world.base}/indicators/${s04}/values`;
    expect((await world.member.browser.request("PUT", url, { fiscalYear: 2023, value: 12 })).status).toBe(
      403,
    );
    expect(
      (await world.admin.browser.request("PUT", url, { fiscalYear: 2023, value: 12, source: "公表データ" }))
        .status,
    ).toBe(200);
    expect((await world.admin.browser.request("PUT", url, { fiscalYear: 2023, value: 13 })).status).toBe(200);
    const bad = await world.admin.browser.request("PUT", url, { fiscalYear: 1999, value: "十", month: 4 });
    expect(bad.body).toMatchObject({
      error: { fields: { fiscalYear: "wrongYear", value: "number", month: "notMonthly" } },
    });
    const o01 = list.body.indicators.find((i) => i.code === "O01")?.id ?? "";
    const zero = await world.admin.browser.request("PUT", `${world.base}/indicators/${o01}/values`, {
      fiscalYear: 2023,
      numerator: 3,
      denominator: 0,
    });
    expect(zero.body).toMatchObject({ error: { fields: { denominator: "zeroDenominator" } } });

    const after = await world.observer.browser.get<Listing>(`${world.base}/indicators`);
    expect(after.body.values.filter((v) => v.indicatorId === s04)).toMatchObject([
      { fiscalYear: 2023, value: 13 },
    ]);
    const history = await world.observer.browser.get<{
      history: { before: { value: number } | null; after: { value: number } }[];
    }>(`${world.base}/indicators/${s04}/history`);
    expect(history.body.history.map((h) => [h.before?.value ?? null, h.after.value])).toEqual([
      [12, 13],
      [null, 12],
    ]);
  });

  it("import: a file with errors writes nothing; a clean one is written in one go", async ({
    server,
    world,
  }) => {
    const url = `${world.base}/indicators/import`;
    const bad = await world.admin.browser.post<{ issues: { row: number; code: string }[]; written: number }>(
      url,
      {
        dryRun: false,
        rows: [
          header,
          ["S04", "", "2023", "", "14", "", "", "", "", ""],
          ["X01", "", "2023", "", "1", "", "", "", "", ""],
          ["S01", "", "令和99年度", "", "x", "", "", "", "", ""],
        ],
      },
    );
    expect(bad.body.written).toBe(0);
    expect(bad.body.issues.map((i) => [i.row, i.code])).toEqual([
      [3, "unknownCode"],
      [4, "wrongYear"],
      [4, "badNumber"],
    ]);
    const listed = await world.admin.browser.get<Listing>(`${world.base}/indicators`);
    expect(listed.body.values).toEqual([]);

    const rows = [
      header,
      ["S04", "", "令和4年度", "", "11", "", "", "", "", ""],
      ["O01", "", "2023", "", "", "137", "1052", "15", "人口動態統計", ""],
    ];
    const dry = await world.admin.browser.post<{ written: number; rows: unknown[] }>(url, {
      dryRun: true,
      rows,
    });
    expect(dry.body).toMatchObject({ written: 0 });
    expect(dry.body.rows).toHaveLength(2);
    const done = await world.admin.browser.post<{ written: number }>(url, { dryRun: false, rows });
    expect(done.body.written).toBe(2);
    expect((await world.member.browser.post(url, { dryRun: false, rows })).status).toBe(403);

    const csv = await fetch(`${server.origin}${world.base}/indicators/export.csv`, {
      headers: { Cookie: world.member.browser.cookie ?? "" },
    });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A BOM first, so Excel opens the UTF-8 file as such.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("指標コード,指標名,年度")).toBe(true);
    expect(text).toContain("O01,自宅死の割合,2023,,,137,1052,15,人口動態統計,");
    const defs = await fetch(`${server.origin}${world.base}/indicators/definitions.csv`, {
      headers: { Cookie: world.member.browser.cookie ?? "" },
    });
    const defsText = new TextDecoder().decode(new Uint8Array(await defs.arrayBuffer()));
    expect(defsText).toContain(
      "S04,訪問看護ステーション数,S,か所,count,per10k75,up,介護サービス情報公表 オープンデータ,,daily endOfLife,a,0,",
    );
    expect(defsText).toContain(
      "P09,協議会・部会 開催回数,P,回/年,count,none,up,紡ぎの会議記録,,,b,0,meetingsHeld",
    );
  });

  it("tell each person whose values they may enter: not the figures Tsumugi counts", async ({ world }) => {
    const abilities = async (browser: typeof world.admin.browser) => {
      const list = await browser.get<Listing>(`${world.base}/indicators`);
      const of = (code: string) => list.body.indicators.find((i) => i.code === code)?.abilities;
      return { S04: of("S04"), P09: of("P09") };
    };
    expect(await abilities(world.admin.browser)).toEqual({
      S04: { enterValues: true },
      P09: { enterValues: false },
    });
    for (const person of [world.member, world.observer])
      expect(await abilities(person.browser)).toEqual({
        S04: { enterValues: false },
        P09: { enterValues: false },
      });
  });

  it("import over entered values: each change is in the history, the values are the file's", async ({
    world,
  }) => {
    const list = await world.admin.browser.get<Listing>(`${world.base}/indicators`);
    const s04 = list.body.indicators.find((i) => i.code === "S04")?.id ?? "";
    await world.admin.browser.request("PUT", `${world.base}/indicators/${s04}/values`, {
      fiscalYear: 2022,
      value: 10,
    });
    const rows = [
      header,
      ["S04", "", "2022", "", "11", "", "", "", "", ""],
      ["S04", "", "2023", "", "12", "", "", "", "", ""],
    ];
    const done = await world.admin.browser.post<{ written: number }>(`${world.base}/indicators/import`, {
      dryRun: false,
      rows,
    });
    expect(done.body.written).toBe(2);
    const after = await world.admin.browser.get<Listing>(`${world.base}/indicators`);
    expect(
      after.body.values.filter((v) => v.indicatorId === s04).map((v) => [v.fiscalYear, v.value]),
    ).toEqual([
      [2022, 11],
      [2023, 12],
    ]);
    const history = await world.admin.browser.get<{
      history: { fiscalYear: number; before: { value: number } | null; after: { value: number } }[];
    }>(`${world.base}/indicators/${s04}/history`);
    expect(history.body.history.map((h) => [h.fiscalYear, h.before?.value ?? null, h.after.value])).toEqual([
      [2023, null, 12],
      [2022, 10, 11],
      [2022, null, 10],
    ]);
    // Clearing a value (every figure empty) removes it and says so in the history.
    await world.admin.browser.request("PUT", `${world.base}/indicators/${s04}/values`, { fiscalYear: 2022 });
    const cleared = await world.admin.browser.get<Listing>(`${world.base}/indicators`);
    expect(cleared.body.values.filter((v) => v.indicatorId === s04).map((v) => v.fiscalYear)).toEqual([2023]);
    const last = await world.admin.browser.get<{ history: { before: { value: number }; after: null }[] }>(
      `${world.base}/indicators/${s04}/history`,
    );
    expect(last.body.history[0]).toMatchObject({ before: { value: 11 }, after: null });
  });

  it("count meetings held and attendance themselves", async ({ world }) => {
    const created = await world.admin.browser.post<{ meeting: { id: string } }>(`${world.base}/meetings`, {
      kind: "liaison",
      startsAt: "2023-05-25T14:00",
      invitees: [world.member.id],
    });
    for (const state of ["published", "inProgress", "closed"]) {
      await world.admin.browser.post(`${world.base}/meetings/${created.body.meeting.id}/state`, { state });
    }
    const list = await world.member.browser.get<Listing>(`${world.base}/indicators`);
    const held = list.body.indicators.find((i) => i.derived === "meetingsHeld")?.id;
    expect(
      list.body.values.filter((v) => v.indicatorId === held).map((v) => [v.fiscalYear, v.value]),
    ).toEqual([[2023, 1]]);
    expect(
      (
        await world.admin.browser.request("PUT", `${world.base}/indicators/${held}/values`, {
          fiscalYear: 2023,
          value: 9,
        })
      ).status,
    ).toBe(409);
  });

  it("announce value changes to open event streams", async ({ server, world }) => {
    const list = await world.admin.browser.get<Listing>(`${world.base}/indicators`);
    const s01 = list.body.indicators.find((i) => i.code === "S01")?.id ?? "";
    const res = await fetch(`${server.origin}${world.base}/indicators/events`, {
      headers: { Cookie: world.member.browser.cookie ?? "" },
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = "";
    const readUntil = async (needle: string) => {
      while (!seen.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        seen += decoder.decode(value);
      }
    };
    await readUntil("event: ready");
    await world.admin.browser.request("PUT", `${world.base}/indicators/${s01}/values`, {
      fiscalYear: 2023,
      value: 8,
    });
    await readUntil("event: changed");
    expect(seen).toContain(s01);
    await reader.cancel();
  });

  it("compare only indicator values with the region group; another municipality's plan stays closed", async ({
    server,
    world,
  }) => {
    const other = await createWorkspace(server.ctx.kysely, { name: "松戸市", lgCode: "122076" });
    const now = Date.now();
    await server.ctx.db.run(
      "INSERT INTO region_groups (id, name, kind, created_at) VALUES ('regiongroup1', '東葛北部', 'wide', ?)",
      [now],
    );
    for (const wid of [world.workspaceId, other]) {
      await server.ctx.db.run(
        "INSERT INTO region_group_members (group_id, workspace_id) VALUES ('regiongroup1', ?)",
        [wid],
      );
    }
    for (const [wid, aged75, value] of [
      [world.workspaceId, 26_000, 13],
      [other, 70_000, 42],
    ] as const) {
      await server.ctx.db.run(
        "INSERT INTO populations (workspace_id, fiscal_year, total, aged65, aged75) VALUES (?, 2023, NULL, NULL, ?)",
        [wid, aged75],
      );
      const res = await fetch(`${server.origin}/api/workspaces/${wid}/indicators`, {
        headers: { Cookie: world.admin.browser.cookie ?? "" },
      });
      if (wid === world.workspaceId) {
        const body = (await res.json()) as Listing;
        const s04 = body.indicators.find((i) => i.code === "S04")?.id;
        await world.admin.browser.request("PUT", `${world.base}/indicators/${s04}/values`, {
          fiscalYear: 2023,
          value,
        });
      } else {
        expect(res.status).toBe(404); // not a member of 松戸市
        const s04 = (await catalogueOf(server.ctx.kysely, wid)).find((i) => i.code === "S04")?.id;
        await server.ctx.db.run(
          "INSERT INTO indicator_values (indicator_id, fiscal_year, month, value, entered_at) VALUES (?, 2023, 0, ?, ?)",
          [s04 ?? "", value, now],
        );
      }
    }
    const compare = await world.member.browser.get<{
      groups: { members: { name: string; value: number; normalised: number }[]; average: number }[];
    }>(`${world.base}/indicators/compare?code=S04&fy=2023`);
    const [group] = compare.body.groups;
    expect(group.members.map((m) => [m.name, m.value, Math.round(m.normalised * 1000) / 1000])).toEqual([
      ["松戸市", 42, 6],
      ["流山市", 13, 5],
    ]);
    expect(group.average).toBeCloseTo(5.5, 10);
    // Plans are not shared: 松戸市's plans are not reachable from a 流山市 member.
    expect((await world.member.browser.get(`/api/workspaces/${other}/plans`)).status).toBe(404);
    const overview = await world.member.browser.get<{ showPlans: boolean; members: { plan: unknown }[] }>(
      `${world.base}/regions/regiongroup1/overview`,
    );
    expect(overview.body.showPlans).toBe(false);
    expect(overview.body.members.every((m) => m.plan === null)).toBe(true);
  });

  it("let the secretariat create and join region groups within the prefecture, and leave them", async ({
    server,
    world,
  }) => {
    const other = await createWorkspace(server.ctx.kysely, {
      name: "柏市",
      lgCode: "122173",
      prefecture: "千葉県",
    });
    const far = await createWorkspace(server.ctx.kysely, {
      name: "高松市",
      lgCode: "372013",
      prefecture: "香川県",
    });
    const login = async (workspaceId: string) => {
      const u = await createUser(server.ctx.kysely, { workspaceId, role: "secretariat" });
      const b = new TestBrowser(server.origin);
      await b.login(u.email, TEST_PASSWORD);
      return b;
    };
    const kashiwa = await login(other);
    const takamatsu = await login(far);

    expect((await world.member.browser.post(`${world.base}/regions`, { name: "東葛" })).status).toBe(403);
    const created = await world.admin.browser.post<{ id: string }>(`${world.base}/regions`, { name: "東葛" });
    expect(created.status).toBe(201);
    const available = await kashiwa.get<{ groups: { id: string; name: string }[] }>(
      `/api/workspaces/${other}/regions/available`,
    );
    expect(available.body.groups.map((g) => g.name)).toEqual(["東葛"]);
    expect(
      (await takamatsu.get<{ groups: unknown[] }>(`/api/workspaces/${far}/regions/available`)).body.groups,
    ).toEqual([]);
    expect((await takamatsu.post(`/api/workspaces/${far}/regions/${created.body.id}/join`, {})).status).toBe(
      404,
    );
    // Asking to join waits for the group's owner (流山市, who created it) to let 柏市 in.
    expect((await kashiwa.post(`/api/workspaces/${other}/regions/${created.body.id}/join`, {})).status).toBe(
      202,
    );
    const pending = await world.member.browser.get<{ groups: { members: { name: string }[] }[] }>(
      `${world.base}/indicators/compare?code=S04&fy=2023`,
    );
    expect(pending.body.groups[0].members.map((m) => m.name)).toEqual(["流山市"]);
    expect(
      (
        await world.admin.browser.post(
          `${world.base}/regions/${created.body.id}/requests/${other}/approve`,
          {},
        )
      ).status,
    ).toBe(200);

    const compare = await world.member.browser.get<{ groups: { members: { name: string }[] }[] }>(
      `${world.base}/indicators/compare?code=S04&fy=2023`,
    );
    expect(compare.body.groups[0].members.map((m) => m.name).sort()).toEqual(["柏市", "流山市"]);
    expect(
      (await kashiwa.request("DELETE", `/api/workspaces/${other}/regions/${created.body.id}/membership`))
        .status,
    ).toBe(200);
    const after = await world.member.browser.get<{ groups: { members: { name: string }[] }[] }>(
      `${world.base}/indicators/compare?code=S04&fy=2023`,
    );
    expect(after.body.groups[0].members.map((m) => m.name)).toEqual(["流山市"]);
  });
});
