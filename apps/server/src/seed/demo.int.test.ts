import { currentFiscalYear, fiscalYearLabel, planDashboard, readYearPlan } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { storedDocument } from "../testing/collab-clients.js";
import { dataDirTest } from "../testing/data-dir-test.js";
import { demoTest as it } from "../testing/demo-world.js";
import { TestBrowser } from "../testing/http-client.js";
import { DEMO_PASSWORD } from "./demo.js";

/** Servers on one data directory, each seeding the demo at start (if it is not there). */
const seeding = dataDirTest.extend({ serverEnv: { SEED_DEMO: "true" } });

describe("demo workspace", () => {
  seeding(
    "is created once, with its committee, people and documents, and its logins work",
    async ({ boot }) => {
      const first = await boot();
      expect(first.seeded).toMatchObject({ workspaceName: "流山市", created: true });
      await first.stop();
      const server = await boot();
      expect(server.seeded).toMatchObject({ created: false });
      expect(server.seeded?.logins).toHaveLength(7);
      const db = server.ctx.db;
      expect(await db.get("SELECT COUNT(*) AS n FROM workspaces")).toEqual({ n: 6 });
      expect(
        await db.get("SELECT name, prefecture, lg_code FROM workspaces WHERE lg_code = '122203'"),
      ).toEqual({
        name: "流山市",
        prefecture: "千葉県",
        lg_code: "122203",
      });
      const groups = await db.all<{ name: string }>(
        "SELECT g.name FROM groups g JOIN workspaces w ON w.id = g.workspace_id WHERE w.lg_code = '122203'",
      );
      expect(groups.map((g) => g.name).sort()).toEqual(
        [
          "全体会",
          "多職種連携・体制構築部会",
          "研修・啓発部会",
          "病診施連携班",
          "専門職研修班",
          "市民啓発班",
          "事務局",
        ].sort(),
      );
      expect(await db.get("SELECT COUNT(*) AS n FROM users")).toEqual({ n: 7 });

      const browser = new TestBrowser(server.origin);
      const login = server.seeded?.logins.find((l) => l.label === "事務局");
      expect(login?.password).toBe(DEMO_PASSWORD);
      expect((await browser.login(login?.email ?? "", DEMO_PASSWORD)).status).toBe(200);
      const wid = (await db.get<{ id: string }>("SELECT id FROM workspaces WHERE lg_code = '122203'"))?.id;
      const docs = await browser.get<{ documents: { docName: string; title: string; demo: boolean }[] }>(
        `/api/workspaces/${wid}/documents`,
      );
      expect(docs.body.documents).toHaveLength(3);
      // Made up for the demo, and marked so (「デモ用の例」).
      expect(docs.body.documents.every((d) => d.demo)).toBe(true);
      const rule = docs.body.documents.find((d) => d.title === "入退院支援ルール（案）");
      const stored = await storedDocument(db, rule?.docName ?? "");
      expect(stored.getXmlFragment("content").toString()).toContain("地域連携室");

      // The FY2023 plan from the city's published plan, projected into the read model.
      const plans = await browser.get<{ plans: { fiscalYear: number; label: string; docName: string }[] }>(
        `/api/workspaces/${wid}/plans`,
      );
      expect(plans.body.plans.map((p) => p.label)).toEqual([
        fiscalYearLabel(currentFiscalYear()),
        "令和5年度",
      ]);
      const planDoc = await storedDocument(
        db,
        plans.body.plans.find((p) => p.fiscalYear === 2023)?.docName ?? "",
      );
      const { plan, invalid } = readYearPlan(planDoc);
      expect(invalid).toEqual([]);
      expect(plan.problems.length).toBeGreaterThanOrEqual(12);
      expect(new Set(plan.actions.flatMap((a) => a.scenes))).toEqual(
        new Set(["daily", "discharge", "emergency", "endOfLife"]),
      );
      expect(plan.actions.find((a) => a.title.includes("消防"))?.goalCodes).toEqual(["1-③", "3-①"]);
      const meetings = plan.scheduleRows.find((r) => r.activity === "連携会議");
      expect(plan.scheduleEvents.filter((e) => e.rowId === meetings?.id).map((e) => e.when)).toEqual([
        "2023-05-25",
        "2023-07-31",
        "2023-09-15",
        "2024-01-25",
        "2024-03-28",
      ]);
      const dash = await browser.get<{ dashboard: unknown }>(
        `/api/workspaces/${wid}/plans/2023/dashboard?today=2023-11-20`,
      );
      expect(dash.body.dashboard).toEqual(JSON.parse(JSON.stringify(planDashboard(plan, "2023-11-20"))));

      // Two meetings: the first held with its minutes fixed, the second announced.
      const demoMeetings = await browser.get<{
        meetings: { title: string; state: string; minutesState: string; demo: boolean }[];
      }>(`/api/workspaces/${wid}/meetings?fy=2023`);
      expect(demoMeetings.body.meetings.map((m) => [m.title, m.state, m.minutesState])).toEqual([
        ["令和5年度 第2回 連携会議", "published", "drafting"],
        ["令和5年度 第1回 連携会議", "closed", "fixed"],
      ]);
      // Made up for the demo, like their minutes, and marked so (「デモ用の例」).
      expect(demoMeetings.body.meetings.map((m) => m.demo)).toEqual([true, true]);

      // Indicators: five years for a dozen of them, 自宅死の割合 around 13%, and the neighbours to compare with.
      const ind = await browser.get<{
        indicators: { id: string; code: string }[];
        values: {
          indicatorId: string;
          fiscalYear: number;
          month: number;
          value: number | null;
          numerator: number | null;
          denominator: number | null;
        }[];
        populations: { fiscalYear: number; aged75: number }[];
      }>(`/api/workspaces/${wid}/indicators`);
      const o01 = ind.body.indicators.find((i) => i.code === "O01")?.id;
      const homeDeaths = ind.body.values.filter((v) => v.indicatorId === o01);
      expect(homeDeaths.map((v) => v.fiscalYear)).toEqual([2019, 2020, 2021, 2022, 2023]);
      for (const v of homeDeaths) {
        const rate = ((v.numerator ?? 0) / (v.denominator ?? 1)) * 100;
        expect(rate).toBeGreaterThan(10);
        expect(rate).toBeLessThan(16);
      }
      expect(
        new Set(ind.body.values.filter((v) => v.month === 0).map((v) => v.indicatorId)).size,
      ).toBeGreaterThanOrEqual(12);
      expect(ind.body.populations).toHaveLength(5);
      const compare = await browser.get<{
        groups: {
          name: string;
          members: { name: string; normalised: number | null }[];
          average: number | null;
        }[];
      }>(`/api/workspaces/${wid}/indicators/compare?code=S04&fy=2023`);
      expect(compare.body.groups.map((g) => g.name).sort()).toEqual(["千葉県", "東葛北部5市"]);
      expect(compare.body.groups[0].members.map((m) => m.name)).toEqual([
        "松戸市",
        "野田市",
        "柏市",
        "流山市",
        "我孫子市",
      ]);
      expect(compare.body.groups[0].members.every((m) => m.normalised !== null)).toBe(true);
      expect(compare.body.groups[0].average).not.toBeNull();

      // 高松市 holds five years of its multi-year table.
      const takamatsu = await db.all<{ fiscal_year: number }>(
        "SELECT d.fiscal_year FROM documents d JOIN workspaces w ON w.id = d.workspace_id WHERE w.lg_code = '372013' AND d.kind = 'plan' ORDER BY d.fiscal_year",
      );
      expect(takamatsu.map((r) => r.fiscal_year)).toEqual([2014, 2015, 2016, 2017, 2018]);
    },
  );
});

describe("demo consultation desk", () => {
  it("has 流山市's desks and a year of records marked as demo, sealed, for the coordinator and the statistics", async ({
    demo: { server, nagareyama: wid, login },
  }) => {
    const db = server.ctx.db;
    const coordinator = await login("coordinator@demo.tsumugi.jp");
    const desks = await coordinator.get<{ desks: { name: string; demo: boolean }[]; areas: unknown[] }>(
      `/api/workspaces/${wid}/desks`,
    );
    expect(desks.body.desks.map((d) => d.name)).toContain("流山市在宅医療・介護連携支援センター");
    expect(desks.body.desks.every((d) => d.demo)).toBe(true);
    expect(desks.body.areas).toHaveLength(4);
    const stats = await coordinator.get<{ year: { total: number; months: number[] } }>(
      `/api/workspaces/${wid}/consultations/statistics?fy=2025`,
    );
    // Every month of 令和7年度 has records.
    expect(stats.body.year.months.every((n) => n > 0)).toBe(true);
    expect(stats.body.year.total).toBeGreaterThan(250);
    const list = await coordinator.get<{ consultations: { demo: boolean }[]; total: number }>(
      `/api/workspaces/${wid}/consultations?fy=2025`,
    );
    expect(list.body.total).toBe(stats.body.year.total);
    expect(list.body.consultations.every((c) => c.demo)).toBe(true);
    // Sealed like any record: no name in a column.
    const row = await db.get<{ personal: string }>("SELECT personal FROM consultation_cases LIMIT 1");
    expect(row?.personal).toMatch(/^pd1\./);
    const examples = await db.all<{ status: string }>("SELECT status FROM consultation_examples");
    expect(examples.filter((e) => e.status === "published")).toHaveLength(3);
    // Members see nothing of it.
    const member = await login("doctor@demo.tsumugi.jp");
    expect((await member.get(`/api/workspaces/${wid}/consultations`)).status).toBe(403);
  });
});

describe("demo resource directory", () => {
  it("has 流山市's facilities from the sample open data, placed in 圏域, marked demo, with a public page", async ({
    demo: { server, nagareyama: wid, login },
  }) => {
    const member = await login("doctor@demo.tsumugi.jp");
    const dir = await member.get<{
      resources: {
        name: string;
        kind: string;
        sourceKey: string | null;
        areaId: string | null;
        lat: number | null;
        liaison: { department: string };
      }[];
      areas: { id: string; name: string }[];
      settings: { demo: boolean; publicEnabled: boolean };
    }>(`/api/workspaces/${wid}/resources`);
    expect(dir.body.settings).toMatchObject({ demo: true, publicEnabled: true });
    expect(dir.body.areas.map((a) => a.name)).toEqual(["北部", "中部", "南部", "東部"]);
    const kinds = new Set(dir.body.resources.map((r) => r.kind));
    for (const kind of ["hospital", "clinic", "dental", "pharmacy", "visitingNursing", "careManagement"])
      expect(kinds, kind).toContain(kind);
    // Only 流山市's rows: 柏市 and 松戸市 in the prefecture's files are left out.
    expect(dir.body.resources.map((r) => r.name)).not.toContain("柏北病院");
    expect(dir.body.resources.map((r) => r.name)).not.toContain("松戸みどり訪問看護");
    // Every imported entry whose address names a town of an area is in that area.
    const placed = dir.body.resources.filter((r) => r.areaId !== null);
    expect(placed.length).toBeGreaterThan(dir.body.resources.length * 0.8);
    // One entry has no coordinates in its source: it waits to be placed on the map.
    expect(dir.body.resources.some((r) => r.lat === null)).toBe(true);
    expect(dir.body.resources.find((r) => r.name === "つむぎ総合病院")?.liaison.department).toBe(
      "地域医療連携室",
    );

    const page = await new TestBrowser(server.origin).get<string>("/p/122203/resources");
    expect(page.status).toBe(200);
    expect(page.body).toContain("デモ用の例");
    expect(page.body).toContain("つむぎ総合病院");
    expect(page.body).not.toContain("地域医療連携室");
  });
});
