/**
 * The rows of a fiscal year's plan as plain data, with validation. The Yjs documents hold
 * these rows (text fields as collaborative text); the server's read model and the exports
 * read them through `parse*`, which never throws: a bad row comes back with its problems.
 */
import { isId } from "../documents.js";
import { GOAL_CODE_MAX, OWNER_NAME_MAX, TEXT_MAX, TITLE_MAX } from "../text-limits.js";
import { isOrderKey } from "./order-key.js";
import { isPeriodPoint, type Period } from "./period.js";
import type { PlanTable } from "./plan-doc.js";
import {
  type ActionStatus,
  type FundingSource,
  type GoalTerm,
  type Grade,
  type ItemId,
  isActionStatus,
  isFundingSource,
  isGoalTerm,
  isGrade,
  isItemId,
  isProblemSource,
  isProblemStatus,
  isSceneId,
  type ProblemSource,
  type ProblemStatus,
  type SceneId,
} from "./vocabulary.js";

/** Bumped when the document layout changes; documents record the version they were written with. */
export const PLAN_SCHEMA_VERSION = 2;

export { GOAL_CODE_MAX, OWNER_NAME_MAX, TEXT_MAX, TITLE_MAX } from "../text-limits.js";
/** An action's budget in yen (予算額): up to 999億円. */
export const BUDGET_MAX = 99_999_999_999;
/**
 * 予算額 as people type it: 1200000, "1,200,000", "１２０万円", "120万". Empty is "not budgeted"
 * (null); undefined when it is not a whole number of yen from 0 to BUDGET_MAX.
 */
export function parseYen(text: string): number | null | undefined {
  const s = text.normalize("NFKC").replace(/[,\s円]/g, "");
  if (s === "") return null;
  const man = /^(\d+(?:\.\d+)?)万$/.exec(s);
  const n = man ? Math.round(Number(man[1]) * 10_000) : /^\d+$/.test(s) ? Number(s) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= BUDGET_MAX ? n : undefined;
}

/** Milestones (事業評価 …) on one plan period, and the length of a milestone's label. */
export const MILESTONES_MAX = 50;
export const MILESTONE_LABEL_MAX = TITLE_MAX;

/**
 * The longest text each field of each table may hold: what the parse functions below check,
 * and what the inputs bound to these fields enforce (one place for both).
 */
export const PLAN_TEXT_LIMITS = {
  goals: { code: GOAL_CODE_MAX, text: TEXT_MAX },
  problems: { title: TITLE_MAX, detail: TEXT_MAX },
  actions: {
    title: TITLE_MAX,
    detail: TEXT_MAX,
    ownerName: OWNER_NAME_MAX,
    nextStep: TEXT_MAX,
    "evaluation.comment": TEXT_MAX,
  },
  scheduleRows: { activity: TITLE_MAX },
  scheduleEvents: { label: TITLE_MAX },
  planPeriods: { name: TITLE_MAX, series: TITLE_MAX },
} as const satisfies Record<PlanTable, Record<string, number>>;

/** The limit of a plan field (dotted for nested ones), or undefined for a field without one. */
export function planTextLimit(table: PlanTable, field: string): number | undefined {
  return (PLAN_TEXT_LIMITS[table] as Record<string, number>)[field];
}

export interface Goal {
  id: string;
  order: string;
  /** The code plan rows point at, e.g. "1-③". */
  code: string;
  term: GoalTerm;
  scene: SceneId | null;
  text: string;
  /**
   * Illustrative content (the demo's goal texts, which its source does not give): screens
   * mark the row 「デモ用の例」. Absent on rows people write.
   */
  demo?: true;
}

export interface Problem {
  id: string;
  order: string;
  title: string;
  detail: string;
  scenes: SceneId[];
  items: ItemId[];
  source: ProblemSource;
  ownerGroupId: string | null;
  status: ProblemStatus;
  actionIds: string[];
}

export interface Evaluation {
  grade: Grade | null;
  comment: string;
}

export interface Action {
  id: string;
  order: string;
  title: string;
  detail: string;
  scenes: SceneId[];
  items: ItemId[];
  goalCodes: string[];
  ownerGroupId: string | null;
  /** Person in charge: a member's user id, or a free name for people without an account. */
  ownerUserId: string | null;
  ownerName: string;
  period: Period;
  status: ActionStatus;
  /** 0–100. */
  progress: number;
  /** Relative weight in progress roll-ups (1–10). */
  weight: number;
  problemIds: string[];
  indicatorIds: string[];
  evaluation: Evaluation;
  nextStep: string;
  /** Set when the action was carried over from last year's plan. */
  carriedFrom: { fiscalYear: number; actionId: string } | null;
  /** 予算額 in yen, or null when not budgeted (not the same as 0円). */
  budget: number | null;
  /** 財源: printed as 【基金】 before the title in plan tables. */
  fundingSource: FundingSource | null;
}

export interface ScheduleRow {
  id: string;
  order: string;
  /** 連携会議, 研修会, ICT研修, 市民公開講座, 情報紙, 広域会議 … */
  activity: string;
  actionIds: string[];
}

export interface ScheduleEvent {
  id: string;
  rowId: string;
  /** "2023-06-15" for a dated event, "2023-06" for a month-level one. */
  when: string;
  label: string;
}

/** A marker on a plan period in one 年度 (事業評価, 中間見直し …), drawn at the year's end. */
export interface Milestone {
  fiscalYear: number;
  label: string;
}

/**
 * A multi-year plan period drawn as a bar across fiscal years. Periods of one plan share a
 * `series` and are drawn on one line (seed 003: 流山市高齢者支援計画 第7期, 第8期, 第9期); a
 * period without a series is a line of its own named by `name`.
 */
export interface PlanPeriod {
  id: string;
  order: string;
  /** The term (第9期), or the plan itself when it has no series. */
  name: string;
  /** The plan the term belongs to (地域福祉計画, 介護保険事業計画); "" for none. */
  series: string;
  startFiscalYear: number;
  endFiscalYear: number;
  milestones: Milestone[];
}

/**
 * What is wrong with one field of a row, for people to see and fix: the kind of problem,
 * the limit and actual length for text, and the value that would make the field valid again
 * (`fallback`) when there is an obvious one.
 */
export interface FieldProblem {
  /** The field, dotted for nested ones ("period.end"); "" for the row as a whole. */
  field: string;
  kind:
    | "notObject"
    | "notId"
    | "notOrderKey"
    | "notText"
    | "tooLong"
    | "empty"
    | "unexpected"
    | "range"
    | "order";
  max?: number;
  length?: number;
  fallback?: unknown;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[]; problems?: FieldProblem[] };

/** Collects field problems while reading an unknown object. */
class Reader {
  readonly errors: string[] = [];
  readonly problems: FieldProblem[] = [];
  constructor(private readonly raw: Record<string, unknown>) {}

  problem(error: string, problem: FieldProblem): void {
    this.errors.push(error);
    this.problems.push(problem);
  }
  id(field: string): string {
    const v = this.raw[field];
    if (!isId(v)) this.problem(`${field}: not an id`, { field, kind: "notId" });
    return String(v);
  }
  order(): string {
    const v = this.raw.order;
    if (!isOrderKey(v)) this.problem("order: not an order key", { field: "order", kind: "notOrderKey" });
    return String(v);
  }
  text(field: string, max = TEXT_MAX, required = false): string {
    const v = this.raw[field] ?? "";
    if (typeof v !== "string") {
      this.problem(`${field}: not text`, { field, kind: "notText" });
      return "";
    }
    if (v.length > max) {
      this.problem(`${field}: longer than ${max}`, { field, kind: "tooLong", max, length: v.length });
    }
    if (required && v.trim() === "") this.problem(`${field}: empty`, { field, kind: "empty" });
    return v;
  }
  oneOf<T>(field: string, guard: (v: unknown) => v is T, fallback?: T): T {
    const v = this.raw[field] ?? fallback;
    if (!guard(v)) {
      this.problem(`${field}: unexpected value ${JSON.stringify(v)}`, {
        field,
        kind: "unexpected",
        fallback,
      });
    }
    return v as T;
  }
  list<T>(field: string, guard: (v: unknown) => v is T): T[] {
    const v = this.raw[field] ?? [];
    if (!Array.isArray(v) || !v.every(guard)) {
      // The entries that are valid make the list valid again.
      const fallback = Array.isArray(v) ? [...new Set(v.filter(guard))] : [];
      this.problem(`${field}: unexpected list`, { field, kind: "unexpected", fallback });
      return [];
    }
    return [...new Set(v)];
  }
  nullableId(field: string): string | null {
    const v = this.raw[field] ?? null;
    if (v !== null && !isId(v))
      this.problem(`${field}: not an id`, { field, kind: "unexpected", fallback: null });
    return v as string | null;
  }
  int(field: string, min: number, max: number, fallback: number): number {
    const v = this.raw[field] ?? fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.problem(`${field}: not an integer in ${min}–${max}`, { field, kind: "range", fallback });
      return fallback;
    }
    return v;
  }
  /** An integer in range, or null (absent counts as null). */
  nullableInt(field: string, min: number, max: number): number | null {
    const v = this.raw[field] ?? null;
    if (v === null) return null;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.problem(`${field}: not an integer in ${min}–${max}`, { field, kind: "range", fallback: null });
      return null;
    }
    return v;
  }
  result<T>(value: T): Parsed<T> {
    return this.errors.length === 0
      ? { ok: true, value }
      : { ok: false, errors: this.errors, problems: this.problems };
  }
}

function reader(raw: unknown): Reader | null {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw)
    ? new Reader(raw as Record<string, unknown>)
    : null;
}

const notAnObject = { ok: false as const, errors: ["not an object"] };
const isGoalCode = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= GOAL_CODE_MAX;

export function parseGoal(raw: unknown): Parsed<Goal> {
  const r = reader(raw);
  if (!r) return notAnObject;
  const scene = (raw as Record<string, unknown>).scene ?? null;
  if (scene !== null && !isSceneId(scene)) {
    r.problem("scene: unexpected value", { field: "scene", kind: "unexpected", fallback: null });
  }
  return r.result({
    id: r.id("id"),
    order: r.order(),
    code: r.text("code", PLAN_TEXT_LIMITS.goals.code, true),
    term: r.oneOf("term", isGoalTerm, "short"),
    scene: scene as SceneId | null,
    text: r.text("text", PLAN_TEXT_LIMITS.goals.text),
    // Only a true flag is kept: anything else is a row of people's own.
    ...((raw as Record<string, unknown>).demo === true ? { demo: true as const } : {}),
  });
}

export function parseProblem(raw: unknown): Parsed<Problem> {
  const r = reader(raw);
  if (!r) return notAnObject;
  return r.result({
    id: r.id("id"),
    order: r.order(),
    title: r.text("title", PLAN_TEXT_LIMITS.problems.title),
    detail: r.text("detail", PLAN_TEXT_LIMITS.problems.detail),
    scenes: r.list("scenes", isSceneId),
    items: r.list("items", isItemId),
    source: r.oneOf("source", isProblemSource, "meeting"),
    ownerGroupId: r.nullableId("ownerGroupId"),
    status: r.oneOf("status", isProblemStatus, "open"),
    actionIds: r.list("actionIds", isId),
  });
}

function parsePeriod(r: Reader, raw: unknown): Period {
  const p = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const start = p.start ?? null;
  const end = p.end ?? null;
  if (start !== null && !isPeriodPoint(start)) {
    r.problem("period.start: not a month or date", {
      field: "period.start",
      kind: "unexpected",
      fallback: null,
    });
  }
  if (end !== null && !isPeriodPoint(end)) {
    r.problem("period.end: not a month or date", { field: "period.end", kind: "unexpected", fallback: null });
  }
  if (isPeriodPoint(start) && isPeriodPoint(end) && start.slice(0, 7) > end.slice(0, 7)) {
    r.problem("period: ends before it starts", { field: "period.end", kind: "order", fallback: null });
  }
  return { start: start as string | null, end: end as string | null };
}

export function parseAction(raw: unknown): Parsed<Action> {
  const r = reader(raw);
  if (!r) return notAnObject;
  const o = raw as Record<string, unknown>;
  const ev = (typeof o.evaluation === "object" && o.evaluation !== null ? o.evaluation : {}) as Record<
    string,
    unknown
  >;
  const grade = ev.grade ?? null;
  if (grade !== null && !isGrade(grade)) {
    r.problem("evaluation.grade: unexpected value", {
      field: "evaluation.grade",
      kind: "unexpected",
      fallback: null,
    });
  }
  const comment = typeof ev.comment === "string" ? ev.comment : "";
  const commentMax = PLAN_TEXT_LIMITS.actions["evaluation.comment"];
  if (comment.length > commentMax) {
    r.problem(`evaluation.comment: longer than ${commentMax}`, {
      field: "evaluation.comment",
      kind: "tooLong",
      max: commentMax,
      length: comment.length,
    });
  }
  const carried = o.carriedFrom ?? null;
  let carriedFrom: Action["carriedFrom"] = null;
  if (carried !== null) {
    const c = carried as Record<string, unknown>;
    if (typeof c.fiscalYear === "number" && Number.isInteger(c.fiscalYear) && isId(c.actionId)) {
      carriedFrom = { fiscalYear: c.fiscalYear, actionId: c.actionId };
    } else
      r.problem("carriedFrom: unexpected value", {
        field: "carriedFrom",
        kind: "unexpected",
        fallback: null,
      });
  }
  return r.result({
    id: r.id("id"),
    order: r.order(),
    title: r.text("title", PLAN_TEXT_LIMITS.actions.title),
    detail: r.text("detail", PLAN_TEXT_LIMITS.actions.detail),
    scenes: r.list("scenes", isSceneId),
    items: r.list("items", isItemId),
    goalCodes: r.list("goalCodes", isGoalCode),
    ownerGroupId: r.nullableId("ownerGroupId"),
    ownerUserId: r.nullableId("ownerUserId"),
    ownerName: r.text("ownerName", PLAN_TEXT_LIMITS.actions.ownerName),
    period: parsePeriod(r, o.period),
    status: r.oneOf("status", isActionStatus, "notStarted"),
    progress: r.int("progress", 0, 100, 0),
    weight: r.int("weight", 1, 10, 1),
    problemIds: r.list("problemIds", isId),
    indicatorIds: r.list("indicatorIds", isId),
    evaluation: { grade: grade as Grade | null, comment },
    nextStep: r.text("nextStep", PLAN_TEXT_LIMITS.actions.nextStep),
    carriedFrom,
    budget: r.nullableInt("budget", 0, BUDGET_MAX),
    fundingSource: r.oneOf("fundingSource", isFundingSourceOrNull, null),
  });
}

const isFundingSourceOrNull = (v: unknown): v is FundingSource | null => v === null || isFundingSource(v);

export function parseScheduleRow(raw: unknown): Parsed<ScheduleRow> {
  const r = reader(raw);
  if (!r) return notAnObject;
  return r.result({
    id: r.id("id"),
    order: r.order(),
    activity: r.text("activity", PLAN_TEXT_LIMITS.scheduleRows.activity, true),
    actionIds: r.list("actionIds", isId),
  });
}

export function parseScheduleEvent(raw: unknown): Parsed<ScheduleEvent> {
  const r = reader(raw);
  if (!r) return notAnObject;
  return r.result({
    id: r.id("id"),
    rowId: r.id("rowId"),
    when: r.oneOf("when", isPeriodPoint),
    label: r.text("label", PLAN_TEXT_LIMITS.scheduleEvents.label),
  });
}

export function parsePlanPeriod(raw: unknown): Parsed<PlanPeriod> {
  const r = reader(raw);
  if (!r) return notAnObject;
  const start = r.int("startFiscalYear", 1989, 2200, 0);
  const end = r.int("endFiscalYear", 1989, 2200, 0);
  if (start > end) {
    r.problem("endFiscalYear: before startFiscalYear", {
      field: "endFiscalYear",
      kind: "order",
      fallback: start,
    });
  }
  return r.result({
    id: r.id("id"),
    order: r.order(),
    name: r.text("name", PLAN_TEXT_LIMITS.planPeriods.name, true),
    series: r.text("series", PLAN_TEXT_LIMITS.planPeriods.series),
    startFiscalYear: start,
    endFiscalYear: end,
    milestones: parseMilestones(r, (raw as Record<string, unknown>).milestones),
  });
}

const isMilestone = (v: unknown): v is Milestone => {
  if (typeof v !== "object" || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    typeof m.fiscalYear === "number" &&
    Number.isInteger(m.fiscalYear) &&
    m.fiscalYear >= 1989 &&
    m.fiscalYear <= 2200 &&
    typeof m.label === "string" &&
    m.label.trim() !== "" &&
    m.label.length <= MILESTONE_LABEL_MAX
  );
};

/** Milestones in year order; a list with a bad entry is reported with the good ones as its fix. */
function parseMilestones(r: Reader, raw: unknown): Milestone[] {
  const list = raw ?? [];
  const byYear = (a: Milestone, b: Milestone) => a.fiscalYear - b.fiscalYear;
  if (!Array.isArray(list) || list.length > MILESTONES_MAX || !list.every(isMilestone)) {
    const fallback = Array.isArray(list)
      ? list
          .filter(isMilestone)
          .slice(0, MILESTONES_MAX)
          .map((m) => ({ fiscalYear: m.fiscalYear, label: m.label }))
      : [];
    r.problem("milestones: unexpected list", { field: "milestones", kind: "unexpected", fallback });
    return [];
  }
  return list.map((m) => ({ fiscalYear: m.fiscalYear, label: m.label })).sort(byYear);
}
