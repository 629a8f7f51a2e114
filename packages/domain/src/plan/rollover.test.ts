import { describe, expect, it } from "vitest";
import { emptyProfile } from "./plan-read.js";
import { nextYearPlan, type YearPlan } from "./rollover.js";
import { action, problem, testId } from "./test-rows.js";

describe("next year's plan", () => {
  const openProblem = problem({ status: "inProgress" });
  const solved = problem({ status: "resolved" });
  const unfinished = action({
    status: "inProgress",
    progress: 60,
    problemIds: [openProblem.id, solved.id],
    period: { start: "2023-06", end: "2024-02-29" },
    evaluation: { grade: "C", comment: "研修は1回のみ実施" },
    budget: 1_200_000,
    fundingSource: "fund",
  });
  const finished = action({ status: "done", problemIds: [openProblem.id] });
  openProblem.actionIds = [unfinished.id, finished.id];
  const plan: YearPlan = {
    fiscalYear: 2023,
    vision: "住み慣れた地域で最期まで暮らせるまち",
    sceneGoals: { discharge: "切れ目のない入退院支援" },
    itemNotes: { e: { purpose: "相談窓口を設置し連携を支援する", examples: "◆コーディネーターの配置" } },
    profile: {
      ...emptyProfile(),
      programName: "流山市在宅医療介護連携推進事業",
      bodies: "医師会\n歯科医師会",
    },
    goals: [
      {
        id: testId(),
        order: "a0",
        code: "1-③",
        term: "short",
        scene: "discharge",
        text: "入退院支援ルールの運用",
      },
    ],
    problems: [openProblem, solved],
    actions: [unfinished, finished],
    scheduleEvents: [],
    scheduleRows: [
      { id: testId(), order: "a0", activity: "連携会議", actionIds: [unfinished.id, finished.id] },
    ],
    planPeriods: [
      {
        id: testId(),
        order: "a0",
        name: "第8期",
        series: "介護保険事業計画",
        startFiscalYear: 2021,
        endFiscalYear: 2023,
        milestones: [],
      },
      {
        id: testId(),
        order: "a1",
        name: "第9期",
        series: "介護保険事業計画",
        startFiscalYear: 2024,
        endFiscalYear: 2026,
        milestones: [],
      },
      {
        id: testId(),
        order: "a2",
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

  it("carries vision, goals, open problems and unfinished actions into the next 年度", () => {
    const next = nextYearPlan(plan, testId);
    expect(next.fiscalYear).toBe(2024);
    expect(next.vision).toBe(plan.vision);
    expect(next.goals.map((g) => g.code)).toEqual(["1-③"]);
    expect(next.problems.map((p) => p.title)).toEqual([openProblem.title]);
    expect(next.actions).toHaveLength(1);
    const carried = next.actions[0];
    expect(carried.id).not.toBe(unfinished.id);
    expect(carried.carriedFrom).toEqual({ fiscalYear: 2023, actionId: unfinished.id });
    expect(carried.progress).toBe(60);
    expect(carried.evaluation).toEqual({ grade: null, comment: "" });
    expect(carried.period).toEqual({ start: "2024-06", end: "2025-02-28" });
    // Budgets are next year's decision; where the money comes from stays.
    expect(carried.budget).toBeNull();
    expect(carried.fundingSource).toBe("fund");
  });

  it("keeps every plan period with its milestones, the item notes and the papers' profile", () => {
    const next = nextYearPlan(plan, testId);
    // Ended terms stay: the multi-year grid shows the past as well (seed 003: R1–R7).
    expect(next.planPeriods).toEqual(plan.planPeriods);
    expect(next.planPeriods[0]).not.toBe(plan.planPeriods[0]);
    expect(next.itemNotes).toEqual(plan.itemNotes);
    expect(next.profile).toEqual(plan.profile);
  });

  it("re-points links to the carried rows and drops links to rows that stayed behind", () => {
    const next = nextYearPlan(plan, testId);
    const [p] = next.problems;
    const [a] = next.actions;
    expect(a.problemIds).toEqual([p.id]);
    expect(p.actionIds).toEqual([a.id]);
    expect(next.scheduleRows[0].actionIds).toEqual([a.id]);
  });

  it("leaves last year's plan untouched", () => {
    const before = JSON.stringify(plan);
    nextYearPlan(plan, testId);
    expect(JSON.stringify(plan)).toBe(before);
  });
});
