/**
 * All SQL on `indicators`, `indicator_values`, `indicator_value_history` and `populations`:
 * each workspace's definitions (the starter catalogue is added on first use), values with
 * their history, population bases, and the figures Tsumugi derives from its own records
 * (meetings held, attendance, consultations, trainings, the resource directory), read
 * through the repositories of those features.
 */
import {
  currentFiscalYear,
  DIRECTORY_COUNTS,
  directoryCounts,
  formatIsoDate,
  type IndicatorDefinition,
  indicatorCounts,
  newId,
  type Population,
  STARTER_CATALOGUE,
  todayInJapan,
  type ValueInput,
} from "@tsumugi/domain";
import { consultationMonthCounts } from "../desk/statistics-repository.js";
import { attendedByYearAndItem } from "../events/attendance-repository.js";
import { distributedByYear } from "../events/outreach-repository.js";
import { satisfactionByYearAndItem } from "../events/questionnaire-figures.js";
import { closedMeetingCounts } from "../meetings/meeting-repository.js";
import { countedEntries } from "../resources/resource-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface IndicatorRecord extends IndicatorDefinition {
  id: string;
}

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

const indicatorColumns = [
  "id",
  "code",
  "name",
  "type",
  "unit",
  "kind",
  "normalisation",
  "direction",
  "source",
  "notes",
  "scenes",
  "items",
  "monthly",
  "derived",
] as const;

function toIndicator(r: {
  id: string;
  code: string;
  name: string;
  type: string;
  unit: string;
  kind: string;
  normalisation: string;
  direction: string;
  source: string;
  notes: string;
  scenes: string;
  items: string;
  monthly: number;
  derived: string | null;
}): IndicatorRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    type: r.type as IndicatorRecord["type"],
    unit: r.unit,
    kind: r.kind as IndicatorRecord["kind"],
    normalisation: r.normalisation as IndicatorRecord["normalisation"],
    direction: r.direction as IndicatorRecord["direction"],
    source: r.source,
    notes: r.notes,
    scenes: JSON.parse(r.scenes),
    items: JSON.parse(r.items),
    monthly: Number(r.monthly) === 1,
    derived: r.derived as IndicatorRecord["derived"],
  };
}

function indicatorRow(workspaceId: string, d: IndicatorDefinition, id: string, now: number) {
  return {
    id,
    workspace_id: workspaceId,
    code: d.code,
    name: d.name,
    type: d.type,
    unit: d.unit,
    kind: d.kind,
    normalisation: d.normalisation,
    direction: d.direction,
    source: d.source,
    notes: d.notes,
    scenes: JSON.stringify(d.scenes),
    items: JSON.stringify(d.items),
    monthly: d.monthly ? 1 : 0,
    derived: d.derived,
    created_at: now,
  };
}

/** Adds a definition; null when the workspace already has one with this code. */
export async function insertIndicator(
  q: QueryBuilder,
  workspaceId: string,
  d: IndicatorDefinition,
): Promise<IndicatorRecord | null> {
  const id = newId();
  const res = await q
    .insertInto("indicators")
    .values(indicatorRow(workspaceId, d, id, Date.now()))
    .onConflict((oc) => oc.columns(["workspace_id", "code"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1 ? { ...d, id } : null;
}

/** The workspace's definitions by code (none before the catalogue is added). */
export async function listIndicators(q: QueryBuilder, workspaceId: string): Promise<IndicatorRecord[]> {
  const rows = await q
    .selectFrom("indicators")
    .select(indicatorColumns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("code")
    .execute();
  return rows.map(toIndicator);
}

export async function findIndicator(
  q: QueryBuilder,
  workspaceId: string,
  indicatorId: string,
): Promise<IndicatorRecord | undefined> {
  const row = await q
    .selectFrom("indicators")
    .select(indicatorColumns)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", indicatorId)
    .executeTakeFirst();
  return row ? toIndicator(row) : undefined;
}

/**
 * The workspace's definitions, the starter catalogue added first when it has none (two first
 * visitors at once add it once: the codes are unique). Not inside a read transaction.
 */
export async function catalogueOf(q: QueryBuilder, workspaceId: string): Promise<IndicatorRecord[]> {
  const list = await listIndicators(q, workspaceId);
  if (list.length > 0) return list;
  const now = Date.now();
  await q
    .insertInto("indicators")
    .values(STARTER_CATALOGUE.map((d) => indicatorRow(workspaceId, d, newId(), now)))
    .onConflict((oc) => oc.columns(["workspace_id", "code"]).doNothing())
    .execute();
  return listIndicators(q, workspaceId);
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

const keyOf = (v: { indicatorId: string; fiscalYear: number; month: number }) =>
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

export async function populations(q: QueryBuilder, workspaceId: string): Promise<Map<number, Population>> {
  const rows = await q
    .selectFrom("populations")
    .select(["fiscal_year", "total", "aged65", "aged75"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("fiscal_year")
    .execute();
  return new Map(rows.map((r) => [r.fiscal_year, { total: r.total, aged65: r.aged65, aged75: r.aged75 }]));
}

export async function setPopulation(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear: number,
  p: Population,
): Promise<void> {
  await q
    .insertInto("populations")
    .values({ workspace_id: workspaceId, fiscal_year: fiscalYear, ...p })
    .onConflict((oc) =>
      oc.columns(["workspace_id", "fiscal_year"]).doUpdateSet((eb) => ({
        total: eb.ref("excluded.total"),
        aged65: eb.ref("excluded.aged65"),
        aged75: eb.ref("excluded.aged75"),
      })),
    )
    .execute();
}

/**
 * The values of the workspace's indicators: those entered, and those Tsumugi counts itself.
 * A counted figure replaces an entered one for the same 年度 and month (相談件数 typed before
 * the desk kept its records in Tsumugi stays for the years without records).
 */
export async function valuesWithDerived(
  q: QueryBuilder,
  workspaceId: string,
  indicators: readonly IndicatorRecord[],
  indicatorId?: string,
): Promise<ValueRecord[]> {
  const derived = await derivedValues(
    q,
    workspaceId,
    indicatorId ? indicators.filter((i) => i.id === indicatorId) : indicators,
  );
  const counted = new Set(derived.map(keyOf));
  const entered = (await listValues(q, workspaceId, indicatorId)).filter((v) => !counted.has(keyOf(v)));
  return [...entered, ...derived];
}

/** A figure Tsumugi counts: no denominator, target or author. */
function counted(
  indicatorId: string,
  fiscalYear: number,
  month: number,
  value: number,
  source: string,
  note = "",
): ValueRecord {
  return {
    indicatorId,
    fiscalYear,
    month,
    value,
    numerator: null,
    denominator: null,
    target: null,
    source,
    note,
    enteredBy: null,
    enteredByName: "",
    enteredAt: 0,
  };
}

/**
 * What Tsumugi counts itself: consultations per month, the resource directory's entries,
 * participants of the events held, closed meetings per 年度 and attendances at them.
 */
export async function derivedValues(
  q: QueryBuilder,
  workspaceId: string,
  indicators: readonly IndicatorRecord[],
): Promise<ValueRecord[]> {
  const out: ValueRecord[] = [];
  const consultations = indicators.find((i) => i.derived === "consultations");
  if (consultations) {
    for (const c of indicatorCounts(await consultationMonthCounts(q, workspaceId)))
      out.push(counted(consultations.id, c.fiscalYear, c.month, c.count, "紡ぎの相談記録"));
  }
  for (const read of [directoryValues, eventValues, distributionValues, meetingValues])
    out.push(...(await read(q, workspaceId, indicators)));
  return out;
}

/** Reads the figures Tsumugi counts for one kind of record, for the indicators defined. */
type DerivedReader = (
  q: QueryBuilder,
  workspaceId: string,
  indicators: readonly IndicatorRecord[],
) => Promise<ValueRecord[]>;

/** The indicators counted as these two kinds; null when neither is defined (nothing to read). */
function definedPair(
  indicators: readonly IndicatorRecord[],
  kinds: [IndicatorRecord["derived"], IndicatorRecord["derived"]],
): [IndicatorRecord | undefined, IndicatorRecord | undefined] | null {
  const pair = kinds.map((kind) => indicators.find((i) => i.derived === kind)) as [
    IndicatorRecord | undefined,
    IndicatorRecord | undefined,
  ];
  return pair[0] || pair[1] ? pair : null;
}

/** Closed meetings per 年度 (all kinds) and the attendances at them. */
const meetingValues: DerivedReader = async (q, workspaceId, indicators) => {
  const pair = definedPair(indicators, ["meetingsHeld", "meetingAttendance"]);
  if (!pair) return [];
  const [held, attendance] = pair;
  const perYear = new Map<number, { held: number; attended: number }>();
  for (const r of await closedMeetingCounts(q, workspaceId)) {
    const year = perYear.get(r.fiscalYear) ?? { held: 0, attended: 0 };
    year.held += r.held;
    year.attended += r.attended;
    perYear.set(r.fiscalYear, year);
  }
  const out: ValueRecord[] = [];
  for (const [fiscalYear, r] of perYear) {
    if (held) out.push(counted(held.id, fiscalYear, 0, r.held, "紡ぎの会議記録"));
    if (attendance) out.push(counted(attendance.id, fiscalYear, 0, r.attended, "紡ぎの会議記録"));
  }
  return out;
};

/**
 * Satisfaction (5段階, from their questionnaires) and participants of the trainings (カ) and of
 * the outreach to residents (キ) held, per 年度.
 */
const eventValues: DerivedReader = async (q, workspaceId, indicators) => {
  const satisfaction = await perEventItem(
    indicators,
    ["trainingSatisfaction", "outreachSatisfaction"],
    () => satisfactionByYearAndItem(q, workspaceId),
    (id, r) =>
      counted(id, r.fiscalYear, 0, r.satisfaction, "紡ぎのアンケート", `回答${r.answered}件・${r.events}回`),
  );
  const attendance = await perEventItem(
    indicators,
    ["trainingAttendance", "outreachAttendance"],
    () => attendedByYearAndItem(q, workspaceId),
    (id, r) => counted(id, r.fiscalYear, 0, r.attended, "紡ぎの研修記録", `開催${r.held}回`),
  );
  return [...satisfaction, ...attendance];
};

/**
 * A figure per 年度 and kind of event, for the indicator counted from the trainings (item カ,
 * "f") or from the outreach (キ); the rows are read only when one of the two is defined.
 */
async function perEventItem<R extends { item: string }>(
  indicators: readonly IndicatorRecord[],
  kinds: [IndicatorRecord["derived"], IndicatorRecord["derived"]],
  rows: () => Promise<readonly R[]>,
  figure: (indicatorId: string, row: R) => ValueRecord,
): Promise<ValueRecord[]> {
  const pair = definedPair(indicators, kinds);
  if (!pair) return [];
  const [forTraining, forOutreach] = pair;
  const out: ValueRecord[] = [];
  for (const r of await rows()) {
    const indicator = r.item === "f" ? forTraining : forOutreach;
    if (indicator) out.push(figure(indicator.id, r));
  }
  return out;
}

/** Copies of outreach materials handed out per 年度, from the records of 配布物. */
const distributionValues: DerivedReader = async (q, workspaceId, indicators) => {
  const indicator = indicators.find((i) => i.derived === "materialsDistributed");
  if (!indicator) return [];
  return (await distributedByYear(q, workspaceId)).map((r) =>
    counted(indicator.id, r.fiscalYear, 0, r.quantity, "紡ぎの配布記録", `記録${r.entries}件`),
  );
};

/**
 * The structure indicators the resource directory counts (訪問看護ステーション数 …): the
 * entries open today, as the current 年度's figure; nothing when the directory is empty.
 */
const directoryValues: DerivedReader = async (q, workspaceId, indicators) => {
  const countedIndicators = indicators.filter((i) => i.code in DIRECTORY_COUNTS);
  if (countedIndicators.length === 0) return [];
  const counts = directoryCounts(await countedEntries(q, workspaceId));
  const source = `紡ぎの医療・介護資源一覧（${formatIsoDate(todayInJapan())}現在）`;
  const out: ValueRecord[] = [];
  for (const indicator of countedIndicators) {
    const value = counts.get(indicator.code);
    if (value !== undefined) out.push(counted(indicator.id, currentFiscalYear(), 0, value, source));
  }
  return out;
};
