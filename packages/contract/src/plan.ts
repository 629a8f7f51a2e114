/**
 * Fiscal-year plans: /api/workspaces/{wid}/plans — one collaborative document per 年度 (edited
 * over /collab/{docName}) and the figures of its read model (dashboard, every year's actions).
 * Its row comments and the mentions in them are comments (comments.ts).
 */
import {
  ACTION_STATUSES,
  FUNDING_SOURCES,
  ITEMS,
  type ItemId,
  PLAN_TABLES,
  PLAN_VERBS,
  PROBLEM_STATUSES,
} from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, IsoDate, Timestamp } from "./fields.js";

const ids = <T extends readonly { id: string }[]>(list: T) =>
  list.map((x) => x.id) as unknown as [T[number]["id"], ...T[number]["id"][]];
const ITEM_IDS = ITEMS.map((i) => i.id) as [ItemId, ...ItemId[]];

/** The 年度 a plan may be made for. */
export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2100;

export const Plan = z
  .object({
    id: Id,
    fiscalYear: z.number().int(),
    label: z.string().meta({ description: "令和7年度" }),
    title: z.string(),
    docName: z.string().meta({ description: "Opens /collab/{docName}" }),
    access: z.enum(["write", "read", "none"]).meta({ description: "The caller's access to the document" }),
    createdAt: Timestamp,
    abilities: abilities(PLAN_VERBS, "What the caller may do with this plan"),
  })
  .meta({ id: "Plan" });
export type Plan = z.infer<typeof Plan>;

export const PlanList = z.object({
  plans: z.array(Plan).meta({ description: "Latest 年度 first" }),
  currentFiscalYear: z.number().int().meta({ description: "Today's 年度 in Japan" }),
});
export type PlanList = z.infer<typeof PlanList>;

export const PlanResult = z.object({ plan: Plan });
export type PlanResult = z.infer<typeof PlanResult>;

export const CreatePlan = z.object({
  fiscalYear: z
    .number({ error: "invalid" })
    .int({ error: "invalid" })
    .min(PLAN_YEAR_MIN, { error: "invalid" })
    .max(PLAN_YEAR_MAX, { error: "invalid" }),
  carryOver: z
    .boolean({ error: "format" })
    .optional()
    .meta({ description: "Copy last year's open rows (409 plan.noPreviousPlan when there is none)" }),
});
export type CreatePlan = z.infer<typeof CreatePlan>;

/** Every year's actions by item (年次計画), from the read model. */
export const PlanYear = z
  .object({
    fiscalYear: z.number().int(),
    label: z.string(),
    actions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        items: z.array(z.enum(ITEM_IDS)),
        status: z.enum(ids(ACTION_STATUSES)),
        goalCodes: z.array(z.string()),
        indicatorIds: z.array(z.string()),
        periodStart: z.string().nullable(),
        fundingSource: z.enum(ids(FUNDING_SOURCES)).nullable(),
      }),
    ),
    planPeriods: z.array(
      z.object({
        id: z.string(),
        order: z.string(),
        name: z.string(),
        series: z.string(),
        startFiscalYear: z.number().int(),
        endFiscalYear: z.number().int(),
        milestones: z.array(z.object({ fiscalYear: z.number().int(), label: z.string() })),
      }),
    ),
    itemNotes: z
      .partialRecord(z.enum(ITEM_IDS), z.object({ purpose: z.string(), examples: z.string() }))
      .meta({ description: "That year's 目的 and 取組例 per item" }),
  })
  .meta({ id: "PlanYear" });
export type PlanYear = z.infer<typeof PlanYear>;

export const PlanYears = z.object({ years: z.array(PlanYear).meta({ description: "Oldest 年度 first" }) });
export type PlanYears = z.infer<typeof PlanYears>;

const Rollup = z.object({
  progress: z
    .number()
    .nullable()
    .meta({ description: "Weighted mean progress 0–100; null when nothing counts" }),
  weight: z.number(),
  actions: z.number().int(),
  done: z.number().int(),
});
const RollupRow = Rollup.extend({ key: z.string() });
const ActionSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(ids(ACTION_STATUSES)),
  progress: z.number(),
  ownerGroupId: z.string().nullable(),
  periodEnd: z.string().nullable(),
});
const EventSummary = z.object({
  id: z.string(),
  rowId: z.string(),
  when: z.string().meta({ description: "2023-06-15, or 2023-06 for a month" }),
  label: z.string(),
  activity: z.string(),
});

export const PlanChange = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    by: z.array(z.string()).meta({ description: "Names of the people whose edits made the change" }),
    table: z.enum(PLAN_TABLES),
    rowId: z.string(),
    title: z.string(),
    change: z.enum(["added", "changed", "removed"]),
    fields: z.array(z.string()),
  })
  .meta({ id: "PlanChange" });
export type PlanChange = z.infer<typeof PlanChange>;

export const DashboardResponse = z
  .object({
    dashboard: z.object({
      fiscalYear: z.number().int(),
      today: z.string(),
      overall: Rollup,
      byScene: z.array(RollupRow),
      byItem: z.array(RollupRow),
      byGroup: z.array(RollupRow).meta({ description: 'By owner group id; "" for none' }),
      overdue: z.array(ActionSummary),
      unstarted: z.array(ActionSummary),
      problemsByStatus: z.record(z.enum(ids(PROBLEM_STATUSES)), z.number().int()),
      eventsThisMonth: z.array(EventSummary),
      eventsNextMonth: z.array(EventSummary),
      actionCount: z.number().int(),
      problemCount: z.number().int(),
    }),
    projectedAt: Timestamp.meta({ description: "When the read model was last written" }),
    invalidRows: z.number().int().meta({ description: "Rows left out of the figures" }),
    recentChanges: z.array(PlanChange).meta({ description: "The last 30, newest first" }),
  })
  .meta({ id: "PlanDashboard" });
export type DashboardResponse = z.infer<typeof DashboardResponse>;

export const DashboardQuery = z.object({
  today: IsoDate.optional().meta({ description: "The day to count from (default: today in Japan)" }),
});

export const RebuildResult = z.object({
  invalidRows: z
    .array(
      z.object({
        table: z.enum(PLAN_TABLES),
        id: z.string(),
        errors: z.array(z.string()),
        problems: z.array(
          z.object({
            field: z
              .string()
              .meta({ description: 'Dotted for nested fields ("period.end"); "" for the row' }),
            kind: z.string(),
            max: z.number().optional(),
            length: z.number().optional(),
            fallback: z.unknown().optional().meta({ description: "The value that would make it valid" }),
          }),
        ),
      }),
    )
    .meta({ description: "Rows left out of the read model, with what is wrong with them" }),
});
export type RebuildResult = z.infer<typeof RebuildResult>;
