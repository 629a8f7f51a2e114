/**
 * All SQL on `indicator_values` and `indicator_value_history`: the values entered for a
 * workspace's indicators, written in batches with each change appended to the history.
 */
import type { ValueInput } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

/** The figures of a value and where they come from. */
export interface ValueFigures extends ValueInput {
  target: number | null;
  source: string;
  note: string;
}

/** A value of an indicator's 年度 (month 0) or month; all four figures null clears it. */
export interface ValueWrite extends ValueFigures {
  indicatorId: string;
  fiscalYear: number;
  /** 0 for the whole year. */
  month: number;
}

export interface ValueRecord extends ValueWrite {
  enteredBy: string | null;
  enteredByName: string;
  enteredAt: number;
}
const valueColumns = [
  "v.indicator_id",
  "v.fiscal_year",
  "v.month",
  "v.value",
  "v.numerator",
  "v.denominator",
  "v.target",
  "v.source",
  "v.note",
  "v.entered_by",
  "v.entered_at",
] as const;

/** The values entered for the workspace's indicators (or one of them). */
export async function listValues(
  q: QueryBuilder,
  workspaceId: string,
  indicatorId?: string,
): Promise<ValueRecord[]> {
  let query = q
    .selectFrom("indicator_values as v")
    .innerJoin("indicators as i", "i.id", "v.indicator_id")
    .leftJoin("users as u", "u.id", "v.entered_by")
    .select([...valueColumns, "u.name"])
    .where("i.workspace_id", "=", workspaceId);
  if (indicatorId) query = query.where("v.indicator_id", "=", indicatorId);
  const rows = await query.orderBy("v.indicator_id").orderBy("v.fiscal_year").orderBy("v.month").execute();
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    fiscalYear: r.fiscal_year,
    month: r.month,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    target: r.target,
    source: r.source,
    note: r.note,
    enteredBy: r.entered_by,
    enteredByName: r.name ?? "",
    enteredAt: r.entered_at,
  }));
}

/** Rows per statement: 11 parameters each, far below SQLite's and PostgreSQL's limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export const keyOf = (v: { indicatorId: string; fiscalYear: number; month: number }) =>
  `${v.indicatorId}|${v.fiscalYear}|${v.month}`;

const isEmpty = (v: ValueWrite) =>
  v.value === null && v.numerator === null && v.denominator === null && v.target === null;

/** What the history keeps of a value. */
function historyState(r: ValueFigures): string {
  return JSON.stringify({
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    target: r.target,
    source: r.source,
    note: r.note,
  });
}

/**
 * Writes values (an empty one clears its row) and appends each change to the history, in a
 * few statements whatever the number of values: the current rows are read once, then the
 * clears, the upserts and the history rows are written in batches. At most one write per
 * indicator, 年度 and month (an import refuses duplicates). Run it in a transaction.
 */
export async function writeValues(
  q: QueryBuilder,
  writes: readonly ValueWrite[],
  userId: string | null,
): Promise<void> {
  if (writes.length === 0) return;
  const indicatorIds = [...new Set(writes.map((w) => w.indicatorId))];
  const before = new Map<string, string>();
  for (const ids of chunks(indicatorIds)) {
    const rows = await q
      .selectFrom("indicator_values")
      .select([
        "indicator_id",
        "fiscal_year",
        "month",
        "value",
        "numerator",
        "denominator",
        "target",
        "source",
        "note",
      ])
      .where("indicator_id", "in", ids)
      .execute();
    for (const r of rows)
      before.set(
        keyOf({ indicatorId: r.indicator_id, fiscalYear: r.fiscal_year, month: r.month }),
        historyState(r),
      );
  }
  const now = Date.now();
  const cleared = writes.filter((w) => isEmpty(w) && before.has(keyOf(w)));
  for (const batch of chunks(cleared)) {
    await q
      .deleteFrom("indicator_values")
      .where((eb) =>
        eb.or(
          batch.map((w) =>
            eb.and([
              eb("indicator_id", "=", w.indicatorId),
              eb("fiscal_year", "=", w.fiscalYear),
              eb("month", "=", w.month),
            ]),
          ),
        ),
      )
      .execute();
  }
  for (const batch of chunks(writes.filter((w) => !isEmpty(w)))) {
    await q
      .insertInto("indicator_values")
      .values(
        batch.map((w) => ({
          indicator_id: w.indicatorId,
          fiscal_year: w.fiscalYear,
          month: w.month,
          value: w.value,
          numerator: w.numerator,
          denominator: w.denominator,
          target: w.target,
          source: w.source,
          note: w.note,
          entered_by: userId,
          entered_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["indicator_id", "fiscal_year", "month"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          numerator: eb.ref("excluded.numerator"),
          denominator: eb.ref("excluded.denominator"),
          target: eb.ref("excluded.target"),
          source: eb.ref("excluded.source"),
          note: eb.ref("excluded.note"),
          entered_by: eb.ref("excluded.entered_by"),
          entered_at: eb.ref("excluded.entered_at"),
        })),
      )
      .execute();
  }
  for (const batch of chunks(writes)) {
    await q
      .insertInto("indicator_value_history")
      .values(
        batch.map((w) => ({
          indicator_id: w.indicatorId,
          fiscal_year: w.fiscalYear,
          month: w.month,
          before: before.get(keyOf(w)) ?? null,
          after: isEmpty(w) ? null : historyState(w),
          changed_by: userId,
          changed_at: now,
        })),
      )
      .execute();
  }
}

export interface HistoryEntry {
  fiscalYear: number;
  month: number;
  before: string | null;
  after: string | null;
  byName: string;
  at: number;
}

/** The latest changes of an indicator's values, newest first. */
export async function valueHistory(
  q: QueryBuilder,
  indicatorId: string,
  limit = 200,
): Promise<HistoryEntry[]> {
  const rows = await q
    .selectFrom("indicator_value_history as h")
    .leftJoin("users as u", "u.id", "h.changed_by")
    .select(["h.fiscal_year", "h.month", "h.before", "h.after", "u.name", "h.changed_at"])
    .where("h.indicator_id", "=", indicatorId)
    .orderBy("h.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((h) => ({
    fiscalYear: h.fiscal_year,
    month: h.month,
    before: h.before,
    after: h.after,
    byName: h.name ?? "",
    at: h.changed_at,
  }));
}
