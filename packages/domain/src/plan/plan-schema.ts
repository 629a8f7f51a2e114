/**
 * The rows of a fiscal year's plan as plain data, with validation. The Yjs documents hold
 * these rows (text fields as collaborative text); the server's read model and the exports
 * read them through `parse*`, which never throws: a bad row comes back with its problems.
 */
import { isId } from "../documents.js";
import { isOrderKey } from "./order-key.js";
import { isPeriodPoint, type Period } from "./period.js";
import {
  type ActionStatus,
  type GoalTerm,
  type Grade,
  type ItemId,
  isActionStatus,
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
export const PLAN_SCHEMA_VERSION = 1;

export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;

export interface Goal {
  id: string;
  order: string;
  /** The code plan rows point at, e.g. "1-③". */
  code: string;
  term: GoalTerm;
  scene: SceneId | null;
  text: string;
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

/** A multi-year plan period drawn as a bar across fiscal years (介護保険事業計画 第9期 …). */
export interface PlanPeriod {
  id: string;
  order: string;
  name: string;
  startFiscalYear: number;
  endFiscalYear: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Collects field problems while reading an unknown object. */
class Reader {
  readonly errors: string[] = [];
  constructor(private readonly raw: Record<string, unknown>) {}

  id(field: string): string {
    const v = this.raw[field];
    if (!isId(v)) this.errors.push(`${field}: not an id`);
    return String(v);
  }
  order(): string {
    const v = this.raw.order;
    if (!isOrderKey(v)) this.errors.push("order: not an order key");
    return String(v);
  }
  text(field: string, max = TEXT_MAX, required = false): string {
    const v = this.raw[field] ?? "";
    if (typeof v !== "string") {
      this.errors.push(`${field}: not text`);
      return "";
    }
    if (v.length > max) this.errors.push(`${field}: longer than ${max}`);
    if (required && v.trim() === "") this.errors.push(`${field}: empty`);
    return v;
  }
  oneOf<T>(field: string, guard: (v: unknown) => v is T, fallback?: T): T {
    const v = this.raw[field] ?? fallback;
    if (!guard(v)) this.errors.push(`${field}: unexpected value ${JSON.stringify(v)}`);
    return v as T;
  }
  list<T>(field: string, guard: (v: unknown) => v is T): T[] {
    const v = this.raw[field] ?? [];
    if (!Array.isArray(v) || !v.every(guard)) {
      this.errors.push(`${field}: unexpected list`);
      return [];
    }
    return [...new Set(v)];
  }
  nullableId(field: string): string | null {
    const v = this.raw[field] ?? null;
    if (v !== null && !isId(v)) this.errors.push(`${field}: not an id`);
    return v as string | null;
  }
  int(field: string, min: number, max: number, fallback: number): number {
    const v = this.raw[field] ?? fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.errors.push(`${field}: not an integer in ${min}–${max}`);
      return fallback;
    }
    return v;
  }
  result<T>(value: T): Parsed<T> {
    return this.errors.length === 0 ? { ok: true, value } : { ok: false, errors: this.errors };
  }
}

function reader(raw: unknown): Reader | null {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw)
    ? new Reader(raw as Record<string, unknown>)
    : null;
}

const notAnObject = { ok: false as const, errors: ["not an object"] };
const isGoalCode = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 20;

export function parseGoal(raw: unknown): Parsed<Goal> {
  const r = reader(raw);
  if (!r) return notAnObject;
  const scene = (raw as Record<string, unknown>).scene ?? null;
  if (scene !== null && !isSceneId(scene)) r.errors.push("scene: unexpected value");
  return r.result({
    id: r.id("id"),
    order: r.order(),
    code: r.text("code", 20, true),
    term: r.oneOf("term", isGoalTerm, "short"),
    scene: scene as SceneId | null,
    text: r.text("text"),
  });
}

export function parseProblem(raw: unknown): Parsed<Problem> {
  const r = reader(raw);
  if (!r) return notAnObject;
  return r.result({
    id: r.id("id"),
    order: r.order(),
    title: r.text("title", TITLE_MAX),
    detail: r.text("detail"),
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
  if (start !== null && !isPeriodPoint(start)) r.errors.push("period.start: not a month or date");
  if (end !== null && !isPeriodPoint(end)) r.errors.push("period.end: not a month or date");
  if (isPeriodPoint(start) && isPeriodPoint(end) && start.slice(0, 7) > end.slice(0, 7)) {
    r.errors.push("period: ends before it starts");
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
  if (grade !== null && !isGrade(grade)) r.errors.push("evaluation.grade: unexpected value");
  const comment = typeof ev.comment === "string" ? ev.comment : "";
  const carried = o.carriedFrom ?? null;
  let carriedFrom: Action["carriedFrom"] = null;
  if (carried !== null) {
    const c = carried as Record<string, unknown>;
    if (typeof c.fiscalYear === "number" && Number.isInteger(c.fiscalYear) && isId(c.actionId)) {
      carriedFrom = { fiscalYear: c.fiscalYear, actionId: c.actionId };
    } else r.errors.push("carriedFrom: unexpected value");
  }
  return r.result({
    id: r.id("id"),
    order: r.order(),
    title: r.text("title", TITLE_MAX),
    detail: r.text("detail"),
    scenes: r.list("scenes", isSceneId),
    items: r.list("items", isItemId),
    goalCodes: r.list("goalCodes", isGoalCode),
    ownerGroupId: r.nullableId("ownerGroupId"),
    ownerUserId: r.nullableId("ownerUserId"),
    ownerName: r.text("ownerName", 100),
    period: parsePeriod(r, o.period),
    status: r.oneOf("status", isActionStatus, "notStarted"),
    progress: r.int("progress", 0, 100, 0),
    weight: r.int("weight", 1, 10, 1),
    problemIds: r.list("problemIds", isId),
    indicatorIds: r.list("indicatorIds", isId),
    evaluation: { grade: grade as Grade | null, comment },
    nextStep: r.text("nextStep"),
    carriedFrom,
  });
}

export function parseScheduleRow(raw: unknown): Parsed<ScheduleRow> {
  const r = reader(raw);
  if (!r) return notAnObject;
  return r.result({
    id: r.id("id"),
    order: r.order(),
    activity: r.text("activity", TITLE_MAX, true),
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
    label: r.text("label", TITLE_MAX),
  });
}

export function parsePlanPeriod(raw: unknown): Parsed<PlanPeriod> {
  const r = reader(raw);
  if (!r) return notAnObject;
  const start = r.int("startFiscalYear", 1989, 2200, 0);
  const end = r.int("endFiscalYear", 1989, 2200, 0);
  if (start > end) r.errors.push("endFiscalYear: before startFiscalYear");
  return r.result({
    id: r.id("id"),
    order: r.order(),
    name: r.text("name", TITLE_MAX, true),
    startFiscalYear: start,
    endFiscalYear: end,
  });
}
