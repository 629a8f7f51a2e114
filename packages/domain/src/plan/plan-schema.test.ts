import { describe, expect, it } from "vitest";
import { parseAction, parsePlanPeriod, parseProblem, parseScheduleEvent, parseYen } from "./plan-schema.js";
import { action, problem } from "./test-rows.js";

describe("plan row validation", () => {
  it("accepts well-formed rows as they are", () => {
    const a = action({ goalCodes: ["1-③"], evaluation: { grade: "B", comment: "概ね達成" } });
    expect(parseAction(a)).toEqual({ ok: true, value: a });
    const p = problem();
    expect(parseProblem(p)).toEqual({ ok: true, value: p });
  });

  it("fills defaults for missing optional fields", () => {
    const parsed = parseProblem({ id: "prob00000001", order: "a0", title: "ICTの実利用が少ない" });
    expect(parsed).toMatchObject({
      ok: true,
      value: { status: "open", source: "meeting", scenes: [], actionIds: [] },
    });
  });

  it("reports every problem of a bad row without throwing", () => {
    const parsed = parseAction({
      id: "x",
      order: "",
      scenes: ["everywhere"],
      status: "finished",
      progress: 140,
      period: { start: "2024-02", end: "2023-13" },
      evaluation: { grade: "S" },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual(
        expect.arrayContaining([
          "id: not an id",
          "order: not an order key",
          "scenes: unexpected list",
          'status: unexpected value "finished"',
          "progress: not an integer in 0–100",
          "period.end: not a month or date",
          "evaluation.grade: unexpected value",
        ]),
      );
    }
    expect(parseAction(null)).toEqual({ ok: false, errors: ["not an object"] });
    expect(parseAction([1, 2])).toEqual({ ok: false, errors: ["not an object"] });
  });

  it("checks periods and schedule events", () => {
    expect(parseAction(action({ period: { start: "2024-03", end: "2023-04" } })).ok).toBe(false);
    expect(
      parseScheduleEvent({ id: "evt000000001", rowId: "row000000001", when: "2023-06-15", label: "第1回" })
        .ok,
    ).toBe(true);
    expect(
      parseScheduleEvent({ id: "evt000000001", rowId: "row000000001", when: "R5.6.15", label: "第1回" }).ok,
    ).toBe(false);
    expect(
      parsePlanPeriod({
        id: "per000000001",
        order: "a0",
        name: "第9期",
        startFiscalYear: 2026,
        endFiscalYear: 2024,
      }).ok,
    ).toBe(false);
  });

  it("reads budgets, funding sources and milestones, and names what is wrong with them", () => {
    const funded = action({ budget: 1_200_000, fundingSource: "fund" });
    expect(parseAction(funded)).toEqual({ ok: true, value: funded });
    const bad = parseAction(action({ budget: -5, fundingSource: "lottery" as never }));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toEqual([
        { field: "budget", kind: "range", fallback: null },
        { field: "fundingSource", kind: "unexpected", fallback: null },
      ]);
    expect(parseAction(action({ budget: 1.5 })).ok).toBe(false);

    const period = {
      id: "per000000001",
      order: "a0",
      name: "流山市在宅医療介護連携推進事業",
      startFiscalYear: 2019,
      endFiscalYear: 2025,
    };
    // Written before milestones existed: none, and no series.
    expect(parsePlanPeriod(period)).toEqual({ ok: true, value: { ...period, series: "", milestones: [] } });
    const marked = parsePlanPeriod({
      ...period,
      milestones: [
        { fiscalYear: 2023, label: "事業評価" },
        { fiscalYear: 2020, label: "事業評価 ＊毎年度末に総括し次期計画を見直し" },
      ],
    });
    expect(marked.ok && marked.value.milestones.map((m) => m.fiscalYear)).toEqual([2020, 2023]);
    const broken = parsePlanPeriod({
      ...period,
      milestones: [
        { fiscalYear: 2023, label: "事業評価" },
        { fiscalYear: "R5", label: "" },
      ],
    });
    expect(broken).toMatchObject({
      ok: false,
      problems: [
        { field: "milestones", kind: "unexpected", fallback: [{ fiscalYear: 2023, label: "事業評価" }] },
      ],
    });
  });
});

describe("parseYen", () => {
  it("reads 予算額 as people type it, empty as not budgeted", () => {
    expect(parseYen("1,200,000円")).toBe(1_200_000);
    expect(parseYen("１２０万円")).toBe(1_200_000);
    expect(parseYen("12.5万")).toBe(125_000);
    expect(parseYen(" ")).toBeNull();
    expect(parseYen("12万円くらい")).toBeUndefined();
    expect(parseYen("-5")).toBeUndefined();
    expect(parseYen("100000000000")).toBeUndefined();
  });
});
