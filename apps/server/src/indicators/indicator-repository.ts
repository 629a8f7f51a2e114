/**
 * Indicators in SQL: each workspace's definitions (the starter catalogue is added on first
 * use), values with their history, population bases, and the figures Tsumugi derives from
 * its own records (meetings held, attendance).
 */
import {
  currentFiscalYear,
  DIRECTORY_COUNTS,
  directoryCounts,
  formatIsoDate,
  type IndicatorDefinition,
  indicatorCounts,
  type Population,
  STARTER_CATALOGUE,
  todayInJapan,
  type ValueInput,
} from "@tsumugi/domain";
import { consultationMonthCounts } from "../desk/consultation-repository.js";
import { attendedByYearAndItem } from "../events/event-repository.js";
import { newId } from "../ids.js";
import { countedEntries } from "../resources/resource-repository.js";
import type { Queryable } from "../storage/database.js";

export interface IndicatorRecord extends IndicatorDefinition {
  id: string;
}

export interface ValueRecord extends ValueInput {
  indicatorId: string;
  fiscalYear: number;
  /** 0 for the whole year. */
  month: number;
  target: number | null;
  source: string;
  note: string;
  enteredBy: string | null;
  enteredByName: string;
  enteredAt: number;
}

interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  type: IndicatorDefinition["type"];
  unit: string;
  kind: IndicatorDefinition["kind"];
  normalisation: IndicatorDefinition["normalisation"];
  direction: IndicatorDefinition["direction"];
  source: string;
  notes: string;
  scenes: string;
  items: string;
  monthly: number;
  derived: IndicatorDefinition["derived"];
}

const toIndicator = (r: IndicatorRow): IndicatorRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: r.type,
  unit: r.unit,
  kind: r.kind,
  normalisation: r.normalisation,
  direction: r.direction,
  source: r.source,
  notes: r.notes,
  scenes: JSON.parse(r.scenes),
  items: JSON.parse(r.items),
  monthly: r.monthly === 1,
  derived: r.derived,
});

export async function insertIndicator(
  q: Queryable,
  workspaceId: string,
  d: IndicatorDefinition,
): Promise<string> {
  const id = newId();
  await q.run(
    `INSERT INTO indicators (id, workspace_id, code, name, type, unit, kind, normalisation, direction, source, notes,
       scenes, items, monthly, derived, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      workspaceId,
      d.code,
      d.name,
      d.type,
      d.unit,
      d.kind,
      d.normalisation,
      d.direction,
      d.source,
      d.notes,
      JSON.stringify(d.scenes),
      JSON.stringify(d.items),
      d.monthly ? 1 : 0,
      d.derived,
      Date.now(),
    ],
  );
  return id;
}

/** The workspace's definitions; a workspace without any gets the starter catalogue. */
export async function listIndicators(q: Queryable, workspaceId: string): Promise<IndicatorRecord[]> {
  let rows = await q.all<IndicatorRow>("SELECT * FROM indicators WHERE workspace_id = ? ORDER BY code", [
    workspaceId,
  ]);
  if (rows.length === 0) {
    for (const d of STARTER_CATALOGUE) {
      try {
        await insertIndicator(q, workspaceId, d);
      } catch {
        // Two first visitors at once: the other one inserted it.
      }
    }
    rows = await q.all<IndicatorRow>("SELECT * FROM indicators WHERE workspace_id = ? ORDER BY code", [
      workspaceId,
    ]);
  }
  return rows.map(toIndicator);
}

interface ValueRow {
  indicator_id: string;
  fiscal_year: number;
  month: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  source: string;
  note: string;
  entered_by: string | null;
  name: string | null;
  entered_at: number;
}

const toValue = (r: ValueRow): ValueRecord => ({
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
});

export async function listValues(
  q: Queryable,
  workspaceId: string,
  indicatorId?: string,
): Promise<ValueRecord[]> {
  const rows = await q.all<ValueRow>(
    `SELECT v.*, u.name FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
       LEFT JOIN users u ON u.id = v.entered_by
      WHERE i.workspace_id = ?${indicatorId ? " AND v.indicator_id = ?" : ""}
      ORDER BY v.indicator_id, v.fiscal_year, v.month`,
    indicatorId ? [workspaceId, indicatorId] : [workspaceId],
  );
  return rows.map(toValue);
}

export interface ValueWrite {
  indicatorId: string;
  fiscalYear: number;
  month: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  source: string;
  note: string;
}

/** Writes a value (or clears it when everything is null) and appends the change to history. */
export async function writeValue(q: Queryable, v: ValueWrite, userId: string | null): Promise<void> {
  const before = await q.get<ValueRow>(
    "SELECT * FROM indicator_values WHERE indicator_id = ? AND fiscal_year = ? AND month = ?",
    [v.indicatorId, v.fiscalYear, v.month],
  );
  const now = Date.now();
  const empty = v.value === null && v.numerator === null && v.denominator === null && v.target === null;
  if (empty) {
    await q.run("DELETE FROM indicator_values WHERE indicator_id = ? AND fiscal_year = ? AND month = ?", [
      v.indicatorId,
      v.fiscalYear,
      v.month,
    ]);
  } else {
    await q.run(
      `INSERT INTO indicator_values (indicator_id, fiscal_year, month, value, numerator, denominator, target, source, note, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (indicator_id, fiscal_year, month) DO UPDATE SET value = excluded.value, numerator = excluded.numerator,
         denominator = excluded.denominator, target = excluded.target, source = excluded.source, note = excluded.note,
         entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
      [
        v.indicatorId,
        v.fiscalYear,
        v.month,
        v.value,
        v.numerator,
        v.denominator,
        v.target,
        v.source,
        v.note,
        userId,
        now,
      ],
    );
  }
  const pick = (r: {
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    target: number | null;
    source: string;
    note: string;
  }) =>
    JSON.stringify({
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      target: r.target,
      source: r.source,
      note: r.note,
    });
  await q.run(
    "INSERT INTO indicator_value_history (indicator_id, fiscal_year, month, before, after, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [v.indicatorId, v.fiscalYear, v.month, before ? pick(before) : null, empty ? null : pick(v), userId, now],
  );
}

export async function populations(q: Queryable, workspaceId: string): Promise<Map<number, Population>> {
  const rows = await q.all<{
    fiscal_year: number;
    total: number | null;
    aged65: number | null;
    aged75: number | null;
  }>(
    "SELECT fiscal_year, total, aged65, aged75 FROM populations WHERE workspace_id = ? ORDER BY fiscal_year",
    [workspaceId],
  );
  return new Map(rows.map((r) => [r.fiscal_year, { total: r.total, aged65: r.aged65, aged75: r.aged75 }]));
}

/**
 * The values of the workspace's indicators: those entered, and those Tsumugi counts itself.
 * A counted figure replaces an entered one for the same 年度 and month (相談件数 typed before
 * the desk kept its records in Tsumugi stays for the years without records).
 */
export async function valuesWithDerived(
  q: Queryable,
  workspaceId: string,
  indicators: readonly IndicatorRecord[],
  indicatorId?: string,
): Promise<ValueRecord[]> {
  const derived = await derivedValues(
    q,
    workspaceId,
    indicatorId ? indicators.filter((i) => i.id === indicatorId) : indicators,
  );
  const key = (v: ValueRecord) => `${v.indicatorId}|${v.fiscalYear}|${v.month}`;
  const counted = new Set(derived.map(key));
  const entered = (await listValues(q, workspaceId, indicatorId)).filter((v) => !counted.has(key(v)));
  return [...entered, ...derived];
}

/** What Tsumugi counts itself: closed meetings per 年度, attendances at them, consultations per month. */
export async function derivedValues(
  q: Queryable,
  workspaceId: string,
  indicators: readonly IndicatorRecord[],
): Promise<ValueRecord[]> {
  const out: ValueRecord[] = [];
  const consultations = indicators.find((i) => i.derived === "consultations");
  if (consultations) {
    for (const c of indicatorCounts(await consultationMonthCounts(q, workspaceId))) {
      out.push({
        indicatorId: consultations.id,
        fiscalYear: c.fiscalYear,
        month: c.month,
        value: c.count,
        numerator: null,
        denominator: null,
        target: null,
        source: "紡ぎの相談記録",
        note: "",
        enteredBy: null,
        enteredByName: "",
        enteredAt: 0,
      });
    }
  }
  out.push(...(await directoryValues(q, workspaceId, indicators)));
  out.push(...(await eventValues(q, workspaceId, indicators)));
  const held = indicators.find((i) => i.derived === "meetingsHeld");
  const attendance = indicators.find((i) => i.derived === "meetingAttendance");
  if (!held && !attendance) return out;
  const rows = await q.all<{ fiscal_year: number; held: number; attended: number }>(
    `SELECT m.fiscal_year, COUNT(*) AS held,
            COALESCE(SUM((SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.status = 'attended')), 0) AS attended
       FROM meetings m WHERE m.workspace_id = ? AND m.state = 'closed' GROUP BY m.fiscal_year`,
    [workspaceId],
  );
  const base = {
    month: 0,
    numerator: null,
    denominator: null,
    target: null,
    source: "紡ぎの会議記録",
    note: "",
    enteredBy: null,
    enteredByName: "",
    enteredAt: 0,
  };
  for (const r of rows) {
    if (held) out.push({ ...base, indicatorId: held.id, fiscalYear: r.fiscal_year, value: r.held });
    if (attendance)
      out.push({ ...base, indicatorId: attendance.id, fiscalYear: r.fiscal_year, value: r.attended });
  }
  return out;
}

/** Participants of the trainings (カ) and of the outreach to residents (キ) held, per 年度. */
async function eventValues(
  q: Queryable,
  workspaceId: string,
  indicators: readonly IndicatorRecord[],
): Promise<ValueRecord[]> {
  const training = indicators.find((i) => i.derived === "trainingAttendance");
  const outreach = indicators.find((i) => i.derived === "outreachAttendance");
  if (!training && !outreach) return [];
  const out: ValueRecord[] = [];
  for (const r of await attendedByYearAndItem(q, workspaceId)) {
    const indicator = r.item === "f" ? training : outreach;
    if (!indicator) continue;
    out.push({
      indicatorId: indicator.id,
      fiscalYear: r.fiscalYear,
      month: 0,
      value: r.attended,
      numerator: null,
      denominator: null,
      target: null,
      source: "紡ぎの研修記録",
      note: `開催${r.held}回`,
      enteredBy: null,
      enteredByName: "",
      enteredAt: 0,
    });
  }
  return out;
}

/**
 * The structure indicators the resource directory counts (訪問看護ステーション数 …): the
 * entries open today, as the current 年度's figure; nothing when the directory is empty.
 */
async function directoryValues(
  q: Queryable,
  workspaceId: string,
  indicators: readonly IndicatorRecord[],
): Promise<ValueRecord[]> {
  const counted = indicators.filter((i) => i.code in DIRECTORY_COUNTS);
  if (counted.length === 0) return [];
  const counts = directoryCounts(await countedEntries(q, workspaceId));
  const today = todayInJapan();
  const out: ValueRecord[] = [];
  for (const indicator of counted) {
    const value = counts.get(indicator.code);
    if (value === undefined) continue;
    out.push({
      indicatorId: indicator.id,
      fiscalYear: currentFiscalYear(),
      month: 0,
      value,
      numerator: null,
      denominator: null,
      target: null,
      source: `紡ぎの医療・介護資源一覧（${formatIsoDate(today)}現在）`,
      note: "",
      enteredBy: null,
      enteredByName: "",
      enteredAt: 0,
    });
  }
  return out;
}
