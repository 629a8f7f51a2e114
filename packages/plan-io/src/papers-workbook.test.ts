/**
 * The plan papers (計画書) as a secretariat hands them out: the produced .xlsx is opened again
 * and its sheets, cells, merges, dates and print settings are checked as Excel would read them.
 */
import { type Action, emptyYearPlan, newAction, orderKeysAfter, type YearPlan } from "@tsumugi/domain";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseActionRows, readWorkbookRows } from "./import.js";
import { DATE_FORMAT, type ExportContext, MONTH_FORMAT, planWorkbookBytes, SHEETS } from "./workbook.js";

const keys = orderKeysAfter(null, 10);
const action = (fields: Partial<Action> & Pick<Action, "id" | "title">): Action =>
  newAction([], { order: keys[0], ...fields });

const plan: YearPlan = {
  ...emptyYearPlan(2023),
  vision:
    "医療や介護が必要になっても住み慣れた地域で安心・安全に自分らしく生活ができる。希望すれば最期は自宅で亡くなることができる。",
  sceneGoals: { emergency: "急変時にも本人の意思が尊重された適切な対応が行われるようにする" },
  itemNotes: {
    e: {
      purpose: "在宅医療・介護連携を支援する相談窓口を設置する。",
      examples: "◆コーディネーターの配置等による相談窓口の設置・運営",
    },
  },
  profile: {
    programName: "流山市在宅医療介護連携推進事業",
    department: "流山市役所健康福祉部介護支援課",
    committeeName: "流山市在宅医療介護連携会議",
    committeeRole: "情報共有・分析・課題抽出・対策案検討",
    plenaryRole: "各班は全体会の意見を受けて、班の活動に反映させる",
    bodies: "・医師会\n・歯科医師会\n・薬剤師会",
    plenaryTopics: "・急変時の対応の場面における具体的施策の検討",
  },
  goals: [
    {
      id: "goal00000003",
      order: keys[0],
      code: "3-①",
      term: "short",
      scene: "emergency",
      text: "急変時の情報共有",
      demo: true,
    },
    {
      id: "goal00000001",
      order: keys[1],
      code: "1-③",
      term: "short",
      scene: "daily",
      text: "市民と専門職が情報にたどり着ける",
    },
    {
      id: "goal00000002",
      order: keys[2],
      code: "1-①",
      term: "short",
      scene: "daily",
      text: "顔の見える関係",
    },
  ],
  problems: [
    {
      id: "problem00001",
      order: keys[0],
      title: "救急現場での情報不足",
      detail: "",
      scenes: ["emergency"],
      items: [],
      source: "meeting",
      ownerGroupId: null,
      status: "open",
      actionIds: [],
    },
  ],
  actions: [
    action({
      id: "action000001",
      title: "消防との情報交換の実施",
      scenes: ["emergency"],
      items: ["b", "c"],
      goalCodes: ["3－①", "1-③"],
      period: { start: "2023-07", end: "2023-07" },
    }),
    action({
      id: "action000002",
      order: keys[1],
      title: "在宅医療コーディネーター養成研修",
      items: ["e"],
      goalCodes: ["1-④", "1-①"],
      budget: 1_200_000,
      fundingSource: "fund",
    }),
  ],
  scheduleRows: [{ id: "schedrow0001", order: keys[0], activity: "連携会議", actionIds: [] }],
  scheduleEvents: [
    { id: "event0000001", rowId: "schedrow0001", when: "2023-05-25", label: "第1回" },
    { id: "event0000002", rowId: "schedrow0001", when: "2023-07-31", label: "" },
  ],
  planPeriods: [
    {
      id: "period000001",
      order: keys[0],
      name: "第8期",
      series: "流山市高齢者支援計画",
      startFiscalYear: 2021,
      endFiscalYear: 2023,
      milestones: [],
    },
    {
      id: "period000002",
      order: keys[1],
      name: "第9期",
      series: "流山市高齢者支援計画",
      startFiscalYear: 2024,
      endFiscalYear: 2026,
      milestones: [],
    },
    {
      id: "period000003",
      order: keys[2],
      name: "在宅医療介護連携推進事業",
      series: "",
      startFiscalYear: 2019,
      endFiscalYear: 2025,
      milestones: [
        { fiscalYear: 2020, label: "事業評価" },
        { fiscalYear: 2023, label: "事業評価" },
      ],
    },
  ],
};

const ctx: ExportContext = {
  municipality: "千葉県 流山市",
  groupName: () => "",
  memberName: () => "",
  years: [
    {
      fiscalYear: 2022,
      actions: [{ title: "職能紹介の実施", items: ["d"] }],
      itemNotes: { a: { purpose: "地域の資源を把握する（令和4年度）", examples: "" } },
    },
  ],
  yearRange: { from: 2022, to: 2025 },
  createdOn: "2023-05-25",
  groups: [
    { id: "group0000003", name: "病診施連携班", parentId: "group0000002" },
    { id: "group0000001", name: "全体会", parentId: null },
    { id: "group0000002", name: "多職種連携・体制構築部会", parentId: "group0000001" },
    { id: "group0000004", name: "研修・啓発部会", parentId: "group0000001" },
    { id: "group0000005", name: "介護支援課", parentId: null, kind: "secretariat" },
  ],
};

async function exported(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await planWorkbookBytes(plan, ctx)) as unknown as ArrayBuffer);
  return wb;
}

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name) as ExcelJS.Worksheet;

/** Every non-empty cell of a sheet as text, for "does the sheet say this" checks. */
function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === "string") out.push(cell.value);
    }),
  );
  return out;
}

describe("the plan papers workbook (計画書)", () => {
  it("has the sheets in the order the papers are bound", async () => {
    const wb = await exported();
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "表紙",
      "理念・めざすべき姿",
      "4つの場面",
      "目標一覧",
      "事業項目表",
      "年次計画表",
      "年間予定",
      "組織図",
      "課題一覧",
      "取組一覧",
    ]);
  });

  it("has a cover with the 年度, the program's name, the office and 作成日 as a date with 曜日", async () => {
    const ws = sheet(await exported(), SHEETS.cover);
    expect(ws.getCell("A8").value).toBe("令和5年度");
    expect(ws.getCell("A9").value).toBe("流山市在宅医療介護連携推進事業");
    expect(ws.getCell("A10").value).toBe("事業計画");
    expect(ws.getCell("A9").isMerged).toBe(true);
    expect(ws.getCell("A20").value).toBe("千葉県 流山市");
    expect(ws.getCell("A21").value).toBe("流山市役所健康福祉部介護支援課");
    const created = ws.getCell("A23");
    expect(created.value).toEqual(new Date(Date.UTC(2023, 4, 25)));
    expect(created.numFmt).toBe(DATE_FORMAT);
    expect(created.numFmt).toContain("ggge");
    expect(created.numFmt).toContain("aaa");
    expect(ws.pageSetup.orientation).toBe("portrait");
  });

  it("states the vision and each scene's goal", async () => {
    const ws = sheet(await exported(), SHEETS.vision);
    expect(ws.getCell("A4").value).toBe(plan.vision);
    expect(ws.getCell("H12").isMerged).toBe(true);
    expect(ws.getCell("A17").value).toBe("急変時の対応");
    expect(ws.getCell("C17").value).toBe(plan.sceneGoals.emergency);
  });

  it("lays the four scenes side by side: 目指す姿, 課題, 取り組み and the goal codes in order", async () => {
    const ws = sheet(await exported(), SHEETS.scenes);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      "",
      "日常の療養支援",
      "入退院支援",
      "急変時の対応",
      "看取り",
    ]);
    expect(ws.getRow(3).getCell(1).value).toBe("目指す姿");
    expect(ws.getCell("D3").value).toBe(plan.sceneGoals.emergency);
    expect(ws.getCell("D4").value).toBe("・救急現場での情報不足");
    expect(ws.getCell("D5").value).toBe("・消防との情報交換の実施");
    // The scene's own goal and the codes its actions cite, once each, sorted.
    expect(ws.getCell("D6").value).toBe("1-③、3-①");
    expect(ws.getCell("B6").value).toBe("1-①、1-③");
    expect(ws.pageSetup.paperSize).toBe(8);
  });

  it("lists the goals by code, so the codes on the other sheets resolve, and prints codes without a goal", async () => {
    const ws = sheet(await exported(), SHEETS.goals);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      "目標番号",
      "区分",
      "場面",
      "目標",
      "この目標を掲げる事業項目",
    ]);
    expect([3, 4, 5, 6].map((r) => ws.getCell(r, 1).value)).toEqual(["1-①", "1-③", "1-④", "3-①"]);
    expect(ws.getRow(4).values).toEqual([
      undefined,
      "1-③",
      "短期目標",
      "日常の療養支援",
      "市民と専門職が情報にたどり着ける",
      "（イ）（ウ）",
    ]);
    expect(ws.getCell("D5").value).toBe("（目標の文が未登録です）");
    // A text the demo made up says so on paper as on screen; people's own texts do not.
    expect(ws.getCell("D6").value).toBe("急変時の情報共有（デモ用の例）");
    expect(ws.autoFilter).toBe("A2:E6");
  });

  it("writes the item table with funded actions marked and goal codes sorted", async () => {
    const ws = sheet(await exported(), SHEETS.items);
    const itemE = ws.getRow(7);
    expect(itemE.getCell(1).value).toBe("（オ） 在宅医療・介護連携に関する相談支援");
    expect(itemE.getCell(2).value).toBe("・【基金】在宅医療コーディネーター養成研修");
    expect(itemE.getCell(3).value).toBe("1-①、1-④");
    expect(ws.getCell("C4").value).toBe("1-③、3－①");
  });

  it("writes the 年次計画表 as in 004: 目的 and 取組例 per item, the chosen years, later years empty", async () => {
    const ws = sheet(await exported(), SHEETS.years);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      "事業項目",
      "目的",
      "国が示す具体的取組例",
      "令和4年度",
      "令和5年度",
      "令和6年度",
      "令和7年度",
    ]);
    const itemE = ws.getRow(7);
    expect(itemE.getCell(2).value).toBe("在宅医療・介護連携を支援する相談窓口を設置する。");
    expect(itemE.getCell(3).value).toBe("◆コーディネーターの配置等による相談窓口の設置・運営");
    expect(itemE.getCell(5).value).toBe("○【基金】在宅医療コーディネーター養成研修");
    expect(itemE.getCell(6).value ?? "").toBe("");
    // An item whose purpose only an earlier year states takes that year's.
    expect(ws.getCell("B3").value).toBe("地域の資源を把握する（令和4年度）");
    expect(ws.getCell("D6").value).toBe("○職能紹介の実施");
    expect(ws.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(ws.pageSetup.printTitlesRow).toBe("2:2");
  });

  it("draws the plan periods over the years above the months, with 事業評価 markers", async () => {
    const ws = sheet(await exported(), SHEETS.schedule);
    // 年度 from the earliest period (R1) to the latest within ten years.
    expect(ws.getCell("A3").value).toBe("計画期間");
    expect(ws.getCell("B3").value).toBe("令和元年度");
    expect(ws.getCell("I3").value).toBe("令和8年度");
    // 流山市高齢者支援計画: 第8期 over R3–R5 (D–F), 第9期 over R6–R8 (G–I).
    expect(ws.getCell("A4").value).toBe("流山市高齢者支援計画");
    expect(ws.getCell("D4").value).toBe("第8期");
    expect(ws.getCell("F4").isMerged).toBe(true);
    expect(ws.getCell("F4").master.address).toBe("D4");
    expect(ws.getCell("G4").value).toBe("第9期");
    expect(ws.getCell("I4").master.address).toBe("G4");
    // A period without a series is its own line, its milestones on the line under the bar.
    expect(ws.getCell("A5").value).toBe("在宅医療介護連携推進事業");
    expect(ws.getCell("H5").master.address).toBe("B5");
    expect(ws.getCell("C6").value).toBe("◆事業評価");
    expect(ws.getCell("F6").value).toBe("◆事業評価");
    expect(ws.getCell("A6").master.address).toBe("A5");
    // One marker's line, in a row of one line's height.
    expect(ws.getRow(6).height ?? 15).toBeLessThan(25);
    expect(ws.getCell("A8").value).toBe("全体会検討事項");
    expect(ws.getCell("B8").value).toBe("・急変時の対応の場面における具体的施策の検討");
    // The months, April → March, the dated events with their 曜日.
    expect(ws.getCell("B10").value).toBe("令和5年度");
    expect(ws.getCell("M10").master.address).toBe("B10");
    expect(ws.getCell("B11").value).toBe("4月");
    expect(ws.getCell("M11").value).toBe("3月");
    expect(ws.getCell("A12").value).toBe("連携会議");
    expect(ws.getCell("C12").value).toBe("5/25（木） 第1回");
    // An event without a label is the date itself.
    expect(ws.getCell("E12").value).toEqual(new Date(Date.UTC(2023, 6, 31)));
    expect(ws.getCell("E12").numFmt).toContain("aaa");
    expect(ws.pageSetup.printTitlesRow).toBe("10:11");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 11, xSplit: 1 });
  });

  it("puts the year's events (研修・啓発) in the 年間予定 as the screen does: in their row, or a row of their own", async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = await planWorkbookBytes(plan, {
      ...ctx,
      scheduleEvents: {
        rowTitle: "研修・啓発",
        entries: [
          // Linked to the 連携会議 row, in the month of its dated 第1回.
          { rowId: "schedrow0001", month: "2023-05", text: "5/20（土） 多職種研修", demo: false },
          // Linked to a row since deleted, and to none: both in the events' own row.
          { rowId: "schedrow0404", month: "2023-07", text: "7/14（金） 第25回 つむぐ会", demo: true },
          { rowId: null, month: "2023-11", text: "11/16（木） 市民公開講座", demo: false },
        ],
      },
    });
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = sheet(wb, SHEETS.schedule);
    expect(ws.getCell("A12").value).toBe("連携会議");
    // The event first, then the plan's own entry of the month, one a line.
    expect(ws.getCell("C12").value).toBe("5/20（土） 多職種研修\n5/25（木） 第1回");
    // A month with only the plan's undated-label date stays a date.
    expect(ws.getCell("E12").value).toEqual(new Date(Date.UTC(2023, 6, 31)));
    expect(ws.getCell("A13").value).toBe("研修・啓発");
    // The demo's made-up event is marked as on screen.
    expect(ws.getCell("E13").value).toBe("7/14（金） 第25回 つむぐ会\n（デモ用の例）");
    expect(ws.getCell("I13").value).toBe("11/16（木） 市民公開講座");
    // The row is styled with the grid (borders) and inside the print area's table.
    expect(ws.getCell("I13").border?.top).toBeTruthy();
  });

  it("adds no events' row when the year has none linked to no row", async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = await planWorkbookBytes(plan, {
      ...ctx,
      scheduleEvents: { rowTitle: "研修・啓発", entries: [] },
    });
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = sheet(wb, SHEETS.schedule);
    expect(ws.getCell("A13").value).toBeNull();
  });

  it("makes the markers' line as tall as a long marker wrapped in its year's column", async () => {
    const program = plan.planPeriods[2];
    const long = {
      ...program,
      milestones: [{ fiscalYear: 2020, label: "事業評価 ※毎年度末に総括し次期計画を見直し" }],
    };
    const wb = new ExcelJS.Workbook();
    const bytes = await planWorkbookBytes({ ...plan, planPeriods: [plan.planPeriods[0], long] }, ctx);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = sheet(wb, SHEETS.schedule);
    expect(ws.getCell("C6").value).toBe("◆事業評価 ※毎年度末に総括し次期計画を見直し");
    // 23 full-width characters in a column 13 wide: four lines of 10pt.
    expect(ws.getRow(6).height ?? 15).toBeGreaterThanOrEqual(4 * 15);
  });

  it("gives a term overlapping another of its plan a line of its own instead of failing", async () => {
    const revised = {
      ...plan.planPeriods[1],
      id: "period000009",
      name: "第9期（改定）",
      startFiscalYear: 2025,
      endFiscalYear: 2027,
    };
    const wb = new ExcelJS.Workbook();
    const bytes = await planWorkbookBytes({ ...plan, planPeriods: [...plan.planPeriods, revised] }, ctx);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = sheet(wb, SHEETS.schedule);
    expect(ws.getCell("A4").value).toBe("流山市高齢者支援計画");
    expect(ws.getCell("G4").value).toBe("第9期");
    expect(ws.getCell("A7").value).toBe("流山市高齢者支援計画");
    expect(ws.getCell("H7").value).toBe("第9期（改定）");
  });

  it("draws the organisation: 連携会議 → 全体会 → 部会 → 班, 事務局 and the member bodies", async () => {
    const ws = sheet(await exported(), SHEETS.org);
    expect(ws.getCell("A3").value).toBe("流山市在宅医療介護連携推進事業");
    expect(ws.getCell("A5").value).toBe("流山市在宅医療介護連携会議\n情報共有・分析・課題抽出・対策案検討");
    expect(ws.getCell("G5").value).toBe("事務局\n流山市役所健康福祉部介護支援課");
    // Each level one column further in, children under their parent.
    expect(ws.getCell("B6").value).toBe("全体会\n各班は全体会の意見を受けて、班の活動に反映させる");
    expect(ws.getCell("C7").value).toBe("多職種連携・体制構築部会");
    expect(ws.getCell("D8").value).toBe("病診施連携班");
    expect(ws.getCell("C9").value).toBe("研修・啓発部会");
    expect(ws.getCell("E8").master.address).toBe("D8");
    // The secretariat's group is 事務局 beside the committee, not a body of it.
    expect(texts(ws).filter((t) => t.startsWith("介護支援課"))).toEqual([]);
    expect(texts(ws).find((t) => t.startsWith("構成団体"))).toBe(
      "構成団体（職能団体）\n・医師会\n・歯科医師会\n・薬剤師会",
    );
  });

  it("makes each 組織図 box as tall as its words wrapped, and the member bodies' box hold all twelve", async () => {
    const seedBodies = [
      "医師会",
      "歯科医師会",
      "薬剤師会",
      "訪問看護ステーション連絡会",
      "地域リハビリ連絡会 (PT, ST, OT)",
      "東葛北部認定栄養ケア・ステーション",
      "市内病院に所属する地域連携に携わる者",
      "介護支援専門員連絡会",
      "シルバーサービス事業者連絡会",
      "定期巡回・随時対応型訪問介護看護サービス事業者",
      "学識経験者",
      "地域包括支援センター",
    ];
    const longRole = "情報共有・分析・課題抽出・対策案検討。".repeat(6);
    const wb = new ExcelJS.Workbook();
    const bytes = await planWorkbookBytes(
      { ...plan, profile: { ...plan.profile, committeeRole: longRole, bodies: seedBodies.join("\n") } },
      ctx,
    );
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = sheet(wb, SHEETS.org);
    const height = (r: number) => ws.getRow(r).height ?? 15;
    // The program's one line, the committee's name and a role wrapping over three lines (62
    // columns of width hold about 29 full-width characters): at least 11pt × 1.5 per line.
    expect(height(3)).toBeLessThan(40);
    expect(ws.getCell("A5").value).toBe(`流山市在宅医療介護連携会議\n${longRole}`);
    expect(height(5)).toBeGreaterThanOrEqual(5 * 16.5);
    // 14 lines at least (the title, twelve bodies, the longest over two lines) at 10pt × 1.5.
    const bodiesCell = ws.getCell("G7");
    expect(String(bodiesCell.value).split("\n")).toHaveLength(13);
    const merged = Number(/G(\d+)$/.exec(ws.model.merges.find((m) => m.startsWith("G7:")) ?? "")?.[1]);
    expect(merged).toBeGreaterThanOrEqual(7);
    let total = 0;
    for (let r = 7; r <= merged; r++) total += height(r);
    expect(total).toBeGreaterThanOrEqual(14 * 15);
  });

  it("keeps the working tables for import: ID hidden, filters, frozen titles, months as dates, budget in yen", async () => {
    const wb = await exported();
    const ws = sheet(wb, SHEETS.actions);
    expect(ws.getColumn(1).hidden).toBe(true);
    expect(ws.autoFilter).toBe("A2:R4");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 2 });
    expect(ws.pageSetup.printTitlesRow).toBe("2:2");
    const header = ws.getRow(2).values as unknown[];
    const row = ws.getRow(3);
    expect(row.getCell(header.indexOf("開始")).value).toEqual(new Date(Date.UTC(2023, 6, 1)));
    expect(row.getCell(header.indexOf("開始")).numFmt).toBe(MONTH_FORMAT);
    expect(row.getCell(header.indexOf("目標番号")).value).toBe("1-③、3－①");
    const funded = ws.getRow(4);
    expect(funded.getCell(header.indexOf("予算額(円)")).value).toBe(1_200_000);
    expect(funded.getCell(header.indexOf("財源")).value).toBe("基金");
    const problems = sheet(wb, SHEETS.problems);
    expect(problems.getColumn(1).hidden).toBe(true);
    expect(problems.autoFilter).toBe("A2:I3");

    const back = parseActionRows(await readWorkbookRows(await planWorkbookBytes(plan, ctx), "actions"), {
      groups: [],
      members: [],
      existingIds: new Set(["action000001", "action000002"]),
    });
    expect(back.issues).toEqual([]);
    expect(back.rows[0].values.period).toEqual({ start: "2023-07", end: "2023-07" });
    expect(back.rows[1].values).toMatchObject({ budget: 1_200_000, fundingSource: "fund" });
  });

  it("sets up every sheet for print: A4 or A3 fitted to the width, page numbers in the footer", async () => {
    const wb = await exported();
    for (const ws of wb.worksheets) {
      expect([8, 9], ws.name).toContain(ws.pageSetup.paperSize);
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
      expect(ws.headerFooter.oddFooter, ws.name).toContain("&P / &N");
    }
  });
});
