/**
 * The demo says what its sources say. The expected lists below are copied from the public
 * documents the demo follows (the repository does not read them): 流山市 令和5年度
 * 在宅医療介護連携推進事業 事業計画 (slides, 2023-05-25) and 高松市在宅医療・介護連携推進事業
 * 年次計画 (H26–H30). Each list names the part of the document it comes from.
 */
import {
  currentFiscalYear,
  fiscalYearLabel,
  ITEMS,
  type ItemId,
  readYearPlan,
  sortGoalCodes,
  todayInJapan,
  type YearPlan,
} from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { storedDocument } from "../testing/collab-clients.js";
import { type DemoWorld, demoTest } from "../testing/demo-world.js";

// 流山市 slides, pages (ア)〜(ク): 「短期目標：…」 under each item, in the slides' order.
// (エ) has two pages with the same codes; (ク) lists none.
const SHORT_TERM_GOALS_PER_ITEM: Record<ItemId, string[]> = {
  a: ["1-③", "3-①", "2-②"],
  b: ["3-①", "1-③", "2-②"],
  c: ["3-①", "1-③"],
  d: ["1-①", "3-①", "1-③"],
  e: ["1-④"],
  f: ["1-①", "1-③", "2-②", "1-②"],
  g: ["1-①", "1-③", "2-②", "1-②"],
  h: [],
};

// 流山市 slides, pages (イ), (エ), (カ), (キ): actions the demo once lacked, each its own row
// filed under the items whose page lists it.
const ACTIONS_UNDER: [string, ItemId[]][] = [
  ["つむぐ会の目的（顔の見える関係づくり・現場の課題抽出）", ["b", "f"]],
  ["ACPに関する専門職向けの研修の実施の検討", ["f"]],
  ["カナミックの研修会の内容・方法", ["d"]],
  ["依頼に基づく出前講座の開催", ["g"]],
  // (カ): 「つむぐ会へ気負わずに参加できるように…」 is on the (カ) page only.
  ["つむぐ会へ気負わずに参加できる", ["f"]],
];

// 流山市 slides, 組織構成: 職能団体 (twelve bodies), quoted as the slide lists them (one name
// runs on to a second line), and read as the names they are.
const BODIES_ON_THE_SLIDE = `
・ 医師会
・ 歯科医師会
・ 薬剤師会
・ 訪問看護ステーション連絡会
・ 地域リハビリ連絡会 (PT, ST, OT)
・ 東葛北部認定栄養ケア・ステーション
・ 市内病院に所属する地域連携に携わる者
・ 介護支援専門員連絡会
・ シルバーサービス事業者連絡会
(訪問介護 入所施設)
・ 定期巡回・随時対応型訪問介護看護サービス事業者
・ 学識経験者
・ 地域包括支援センター
`;
const BODIES = BODIES_ON_THE_SLIDE.trim()
  .split("\n・ ")
  .map((body) => body.replace(/^・ /, "").replace("\n", " "));

// 流山市 slides, 年間予定: 全体会検討事項.
const PLENARY_TOPICS = [
  "急変時の対応の場面における具体的施策の検討",
  "入退院支援における現状分析及び連携ツール作成の検討",
];

// 流山市 slides, 組織構成: 全体会 → 部会 → 班.
const GROUP_PARENTS: [string, string | null][] = [
  ["全体会", null],
  ["多職種連携・体制構築部会", "全体会"],
  ["研修・啓発部会", "全体会"],
  ["病診施連携班", "多職種連携・体制構築部会"],
  ["専門職研修班", "研修・啓発部会"],
  ["市民啓発班", "研修・啓発部会"],
  ["事務局", null],
];

// 流山市 slides, 年間予定 (the month grid): each row's cells, a dated cell as its date with
// no words, a month's cell with the words written in it.
const SCHEDULE: [string, [string, string][]][] = [
  [
    "連携会議",
    [
      ["2023-05-25", ""],
      ["2023-07-31", ""],
      ["2023-09-15", ""],
      ["2024-01-25", ""],
      ["2024-03-28", ""],
    ],
  ],
  [
    "つむぐ会",
    [
      ["2023-06-30", ""],
      ["2023-08", "未定"],
      ["2023-10", "10月か11月"],
      ["2023-12-14", ""],
      ["2024-03-01", ""],
    ],
  ],
  ["ICT", [["2023-10", "研修会"]]],
  [
    "市民啓発",
    [
      ["2023-10", "市民公開講座 (11月か12月)"],
      ["2024-03", "おうち療養情報紙"],
    ],
  ],
  [
    "その他",
    [
      ["2023-07", "東葛北部5市会議"],
      ["2024-01", "東葛北部5市会議"],
    ],
  ],
];

// 高松市 年次計画, header: 【4部会設置】.
const TAKAMATSU_DIVISIONS = [
  "医療介護情報便利帳(仮称)部会",
  "在宅医療コーディネーター養成研修部会",
  "多職種連携研修部会",
  "退院支援・医療介護連携部会",
];

// 高松市 年次計画, column 目的 (first words of each item's cell).
const TAKAMATSU_PURPOSE_STARTS: Record<ItemId, string> = {
  a: "①市区町村が現状を把握し",
  b: "在宅医療と介護の連携に関する地域の課題を抽出し",
  c: "医療と介護が必要になっても",
  d: "患者・利用者の在宅療養生活を支えるために",
  e: "在宅医療・介護連携を支援する相談窓口を設置する",
  f: "①多職種が連携するためのグループワーク等の研修",
  g: "地域住民が、在宅医療や介護、終末期ケアの在り方",
  h: "複数の関係市区町村が協力して",
};

async function planOf(demo: DemoWorld, lgCode: string, fiscalYear: number): Promise<YearPlan> {
  const db = demo.server.ctx.db;
  const row = await db.get<{ doc_name: string }>(
    `SELECT d.doc_name FROM documents d JOIN workspaces w ON w.id = d.workspace_id
      WHERE w.lg_code = ? AND d.kind = 'plan' AND d.fiscal_year = ?`,
    [lgCode, fiscalYear],
  );
  const { plan, invalid } = readYearPlan(await storedDocument(db, row?.doc_name ?? ""));
  expect(invalid).toEqual([]);
  return plan;
}

/** The demo database, and 流山市's 令和5年度 plan as stored in it (read once for the file). */
const it = demoTest.extend<{ plan2023: YearPlan }>({
  plan2023: [async ({ demo }, use) => use(await planOf(demo, "122203", 2023)), { scope: "file" }],
});

describe("the demo follows 流山市's 令和5年度 plan", () => {
  it("cites, per 事業項目, exactly the short-term goals the plan lists under it", ({ plan2023 }) => {
    for (const item of ITEMS) {
      const actions = plan2023.actions.filter((a) => a.items.includes(item.id));
      expect(sortGoalCodes(actions.flatMap((a) => a.goalCodes)), item.label).toEqual(
        sortGoalCodes(SHORT_TERM_GOALS_PER_ITEM[item.id]),
      );
      // No action cites a goal that an item it is filed under does not list.
      for (const a of actions) {
        expect(
          a.goalCodes.filter((c) => !SHORT_TERM_GOALS_PER_ITEM[item.id].includes(c)),
          a.title,
        ).toEqual([]);
      }
    }
  });

  it("has the actions of each item's page, under the items that list them", ({ plan2023 }) => {
    for (const [title, items] of ACTIONS_UNDER) {
      const found = plan2023.actions.filter((a) => a.title.includes(title));
      expect(found, title).toHaveLength(1);
      expect([...found[0].items].sort(), title).toEqual(items);
    }
    // 出前講座 is its own row, apart from the ACP outreach that uses it.
    expect(plan2023.actions.filter((a) => a.title.includes("出前講座")).map((a) => a.title)).toEqual([
      "依頼に基づく出前講座の開催",
      "市民公開講座や出前講座、おうち療養情報紙等を活用したACP（人生会議）の普及",
    ]);
  });

  it("marks the goal texts, which the plan does not give, as the demo's", ({ plan2023 }) => {
    expect(plan2023.goals.length).toBeGreaterThan(0);
    expect(plan2023.goals.every((g) => g.demo === true)).toBe(true);
    expect(sortGoalCodes(plan2023.goals.map((g) => g.code))).toEqual(
      sortGoalCodes(Object.values(SHORT_TERM_GOALS_PER_ITEM).flat()),
    );
  });

  it("names the 12 professional bodies and the 全体会's topics, and files the 班 under their 部会", async ({
    demo,
    plan2023,
  }) => {
    expect(plan2023.profile.bodies.split("\n")).toEqual(BODIES);
    expect(plan2023.profile.plenaryTopics.split("\n")).toEqual(PLENARY_TOPICS);
    const sqlite = demo.server.ctx.db.dialect === "sqlite";
    const groups = await demo.server.ctx.db.all<{ name: string; parent: string | null }>(
      `SELECT g.name, p.name AS parent FROM groups g LEFT JOIN groups p ON p.id = g.parent_id
        WHERE g.workspace_id = ? ORDER BY g.created_at${sqlite ? ", g.rowid" : ""}`,
      [demo.nagareyama],
    );
    const pairs = groups.map((g) => [g.name, g.parent]);
    if (sqlite) expect(pairs).toEqual(GROUP_PARENTS);
    // PostgreSQL keeps no insertion order (no rowid) for groups made in the same millisecond.
    else expect([...pairs].sort()).toEqual([...GROUP_PARENTS].sort());
  });

  it("draws the 地域福祉計画 and 高齢者支援計画 periods and the program's 事業評価 years", ({ plan2023 }) => {
    const periods = plan2023.planPeriods.map((p) => [p.series, p.name, p.startFiscalYear, p.endFiscalYear]);
    expect(periods).toEqual(
      expect.arrayContaining([
        ["地域福祉計画", "第3期", 2019, 2020],
        ["地域福祉計画", "第4期", 2021, 2025],
        ["流山市高齢者支援計画", "第8期", 2021, 2023],
      ]),
    );
    const program = plan2023.planPeriods.find((p) => p.name === "流山市在宅医療介護連携推進事業");
    expect(program?.milestones.map((m) => [m.fiscalYear, m.label.slice(0, 4)])).toEqual([
      [2020, "事業評価"],
      [2023, "事業評価"],
    ]);
  });

  it("keeps the schedule grid's rows and the words of its cells", ({ plan2023 }) => {
    expect(
      plan2023.scheduleRows.map((r) => [
        r.activity,
        plan2023.scheduleEvents.filter((e) => e.rowId === r.id).map((e) => [e.when, e.label]),
      ]),
    ).toEqual(SCHEDULE);
  });
});

describe("the demo lives in this 年度", () => {
  it("carries the plan over into this year, with meetings ahead", async ({ demo, plan2023 }) => {
    const fy = currentFiscalYear();
    const plan = await planOf(demo, "122203", fy);
    const unfinished = plan2023.actions.filter((a) => a.status !== "done" && a.status !== "cancelled");
    expect(plan.actions.map((a) => a.title)).toEqual(unfinished.map((a) => a.title));
    expect(plan.actions.every((a) => a.carriedFrom?.fiscalYear === 2023)).toBe(true);
    const ids = new Set(unfinished.map((a) => a.id));
    expect(plan.actions.every((a) => ids.has(a.carriedFrom?.actionId ?? ""))).toBe(true);
    expect(plan.actions.every((a) => (a.period.start ?? "").startsWith(String(fy)))).toBe(true);
    expect(plan.profile).toEqual(plan2023.profile);
    expect(plan.scheduleEvents).toHaveLength(plan2023.scheduleEvents.length);

    const meetings = await demo.server.ctx.db.all<{ title: string; starts_at: string; state: string }>(
      "SELECT title, starts_at, state FROM meetings WHERE workspace_id = ? AND fiscal_year >= ? ORDER BY starts_at",
      [demo.nagareyama, fy],
    );
    expect(meetings[0].title).toBe(`${fiscalYearLabel(fy)} 第1回 連携会議`);
    const today = todayInJapan();
    const ahead = meetings.filter((m) => m.starts_at.slice(0, 10) >= today);
    expect(ahead.length).toBeGreaterThan(0);
    expect(ahead.every((m) => m.state === "published")).toBe(true);
    expect(meetings.filter((m) => m.starts_at.slice(0, 10) < today).every((m) => m.state === "closed")).toBe(
      true,
    );
    for (const m of meetings) expect([1, 2, 3, 4, 5]).toContain(new Date(`${m.starts_at}Z`).getUTCDay());
  });

  it("gives its indicator values as the demo's, each year the sum of its months", async ({ demo }) => {
    const values = await demo.server.ctx.db.all<{
      indicator_id: string;
      fiscal_year: number;
      month: number;
      value: number | null;
      source: string;
    }>(
      `SELECT v.indicator_id, v.fiscal_year, v.month, v.value, v.source FROM indicator_values v
         JOIN indicators i ON i.id = v.indicator_id WHERE i.workspace_id = ?`,
      [demo.nagareyama],
    );
    expect(values.length).toBeGreaterThan(50);
    expect(new Set(values.map((v) => v.source))).toEqual(new Set(["デモ用の値"]));
    const monthly = values.filter((v) => v.month > 0);
    expect(monthly.length).toBeGreaterThan(0);
    for (const key of new Set(monthly.map((v) => `${v.indicator_id}/${v.fiscal_year}`))) {
      const months = monthly.filter((v) => `${v.indicator_id}/${v.fiscal_year}` === key);
      const year = values.find((v) => v.month === 0 && `${v.indicator_id}/${v.fiscal_year}` === key);
      expect(year?.value, key).toBe(months.reduce((a, v) => a + (v.value ?? 0), 0));
    }
  });
});

describe("the demo follows 高松市's 年次計画", () => {
  it("has each item's 目的 and 取組例 in every year, the four 部会, and the meetings the table plans", async ({
    demo,
  }) => {
    for (const fy of [2014, 2015, 2016, 2017, 2018]) {
      const plan = await planOf(demo, "372013", fy);
      for (const item of ITEMS) {
        expect(
          plan.itemNotes[item.id]?.purpose.startsWith(TAKAMATSU_PURPOSE_STARTS[item.id]),
          item.label,
        ).toBe(true);
        expect(plan.itemNotes[item.id]?.examples.startsWith("◆"), item.label).toBe(true);
      }
    }
    const wid =
      (await demo.server.ctx.db.get<{ id: string }>("SELECT id FROM workspaces WHERE lg_code = '372013'"))
        ?.id ?? "";
    const groups = await demo.server.ctx.db.all<{ name: string; kind: string }>(
      "SELECT name, kind FROM groups WHERE workspace_id = ?",
      [wid],
    );
    expect(groups.filter((g) => g.kind === "division").map((g) => g.name)).toEqual(TAKAMATSU_DIVISIONS);
    // 平成26年度: 年4回; 平成27年度: 2か月毎、年6回.
    const meetings = await demo.server.ctx.db.all<{ fiscal_year: number; n: number }>(
      "SELECT fiscal_year, COUNT(*) AS n FROM meetings WHERE workspace_id = ? GROUP BY fiscal_year ORDER BY fiscal_year",
      [wid],
    );
    expect(meetings).toEqual([
      { fiscal_year: 2014, n: 4 },
      { fiscal_year: 2015, n: 6 },
    ]);
  });
});
