/**
 * The figures Tsumugi derives from its own records (meetings held, attendance, consultations,
 * trainings, the resource directory), read through the repositories of those features, and
 * the values of a workspace's indicators with them.
 */
import {
  currentFiscalYear,
  DIRECTORY_COUNTS,
  directoryCounts,
  formatIsoDate,
  indicatorCounts,
  todayInJapan,
} from "@tsumugi/domain";
import { consultationMonthCounts } from "../desk/statistics-repository.js";
import { attendedByYearAndItem } from "../events/attendance-repository.js";
import { distributedByYear } from "../events/outreach-repository.js";
import { satisfactionByYearAndItem } from "../events/questionnaire-figures.js";
import { closedMeetingCounts } from "../meetings/closed-meeting-repository.js";
import { countedEntries } from "../resources/resource-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { IndicatorRecord } from "./indicator-repository.js";
import { keyOf, listValues, type ValueRecord } from "./value-repository.js";

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
