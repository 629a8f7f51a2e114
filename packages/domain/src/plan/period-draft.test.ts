import { describe, expect, it } from "vitest";
import { checkPlanPeriodDraft, type PlanPeriodDraft } from "./period-draft.js";
import { MILESTONE_LABEL_MAX, MILESTONES_MAX, parsePlanPeriod } from "./plan-schema.js";

const program: PlanPeriodDraft = {
  name: " 流山市在宅医療介護連携推進事業 ",
  series: "",
  startFiscalYear: 2019,
  endFiscalYear: 2025,
  milestones: [
    { fiscalYear: 2023, label: "事業評価" },
    { fiscalYear: null, label: "  " },
    { fiscalYear: 2020, label: "事業評価 ※毎年度末に総括し次期計画を見直し" },
  ],
};

describe("a plan period edited on screen", () => {
  it("gives the fields to write, trimmed, milestones in year order, a spare empty line dropped", () => {
    const checked = checkPlanPeriodDraft(program);
    expect(checked).toEqual({
      ok: true,
      value: {
        name: "流山市在宅医療介護連携推進事業",
        series: "",
        startFiscalYear: 2019,
        endFiscalYear: 2025,
        milestones: [
          { fiscalYear: 2020, label: "事業評価 ※毎年度末に総括し次期計画を見直し" },
          { fiscalYear: 2023, label: "事業評価" },
        ],
      },
    });
    // What it gives is a valid row of the plan.
    if (!checked.ok) throw new Error("unreachable");
    expect(parsePlanPeriod({ id: "period000001", order: "a0", ...checked.value }).ok).toBe(true);
  });

  it("names each field that is wrong and why", () => {
    expect(
      checkPlanPeriodDraft({
        name: "",
        series: "計".repeat(500),
        startFiscalYear: 2024,
        endFiscalYear: 2021,
        milestones: [{ fiscalYear: null, label: "事業評価" }],
      }),
    ).toEqual({
      ok: false,
      errors: {
        name: "required",
        series: "tooLong",
        endFiscalYear: "order",
        "milestones.0.fiscalYear": "year",
      },
    });
    expect(
      checkPlanPeriodDraft({
        ...program,
        startFiscalYear: null,
        milestones: [
          { fiscalYear: 2019, label: "" },
          { fiscalYear: 2030, label: "中間評価" },
          { fiscalYear: 2021, label: "評".repeat(MILESTONE_LABEL_MAX + 1) },
        ],
      }),
    ).toEqual({
      ok: false,
      errors: {
        startFiscalYear: "year",
        "milestones.0.label": "required",
        "milestones.2.label": "tooLong",
      },
    });
    // A year typed but unreadable is an error, even without words: the line is not empty.
    expect(checkPlanPeriodDraft({ ...program, milestones: [{ fiscalYear: Number.NaN, label: "" }] })).toEqual(
      {
        ok: false,
        errors: { "milestones.0.fiscalYear": "year", "milestones.0.label": "required" },
      },
    );
    expect(
      checkPlanPeriodDraft({
        ...program,
        milestones: [
          { fiscalYear: 2030, label: "中間評価" },
          { fiscalYear: 2023, label: "事業評価" },
          { fiscalYear: 2023, label: "事業評価" },
        ],
      }),
    ).toEqual({
      ok: false,
      errors: { "milestones.0.fiscalYear": "outside", "milestones.2.label": "duplicate" },
    });
    const many = Array.from({ length: MILESTONES_MAX + 1 }, (_, i) => ({
      fiscalYear: 2019,
      label: `第${i}回`,
    }));
    expect(checkPlanPeriodDraft({ ...program, milestones: many })).toEqual({
      ok: false,
      errors: { milestones: "tooMany" },
    });
  });
});
