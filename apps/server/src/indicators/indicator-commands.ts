/**
 * Changes to indicators: a new definition, a population base, a value entered, an import.
 * Each writes in one transaction (a value with its history) and announces the change to the
 * open charts (IndicatorEvents). The history table is the record of who changed which value.
 */
import type { CreateIndicator, EnterValue, SetPopulation } from "@tsumugi/contract";
import { INDICATOR_MIN_YEAR, indicatorMaxYear } from "@tsumugi/contract";
import { type Cell, parseValueRows, type ValueIssue, type ValueRow } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import type { IndicatorEvents } from "./indicator-events.js";
import * as indicators from "./indicator-repository.js";
import * as populations from "./population-repository.js";
import * as values from "./value-repository.js";

export const indicatorNotFound = () => new ApiError(404, "indicator.notFound", "指標が見つかりません。");
const derivedIndicator = () =>
  new ApiError(409, "indicator.derived", "この指標は紡ぎの記録（会議・相談）から自動で集計されます。");

export async function createIndicator(
  app: AppContext,
  caller: Caller,
  input: CreateIndicator,
): Promise<indicators.IndicatorRecord> {
  const created = await indicators.insertIndicator(app.kysely, caller.workspaceId, {
    ...input,
    derived: null,
  });
  if (!created) throw invalid({ code: "taken" });
  return created;
}

export async function setPopulation(
  app: AppContext,
  caller: Caller,
  events: IndicatorEvents,
  fiscalYear: number,
  input: SetPopulation,
): Promise<void> {
  await populations.setPopulation(app.kysely, caller.workspaceId, fiscalYear, input);
  events.emit(caller.workspaceId, []);
}

/** Problems of a value that depend on its indicator: a month of a yearly one, 0/1 of a yes/no. */
export function valueProblems(
  indicator: indicators.IndicatorRecord,
  body: Record<string, unknown>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const month = body.month;
  if (typeof month === "number" && month !== 0 && Number.isInteger(month) && !indicator.monthly)
    problems.month = "notMonthly";
  const value = body.value;
  if (indicator.kind === "yesno" && typeof value === "number" && value !== 0 && value !== 1)
    problems.value = "badYesNo";
  return problems;
}

/** Enters (or clears, all figures empty) one value; Tsumugi's own counts are not typed. */
export async function enterValue(
  app: AppContext,
  caller: Caller,
  events: IndicatorEvents,
  indicator: indicators.IndicatorRecord,
  input: EnterValue,
): Promise<void> {
  if (indicator.derived) throw derivedIndicator();
  await app.kysely
    .transaction()
    .execute((trx) =>
      values.writeValues(trx, [{ indicatorId: indicator.id, ...input }], caller.actor.userId),
    );
  events.emit(caller.workspaceId, [indicator.id]);
}

export interface ImportResult {
  noHeader: boolean;
  rows: ValueRow[];
  issues: ValueIssue[];
  written: number;
}

/**
 * Rows read from a CSV/Excel file in the browser, checked against the workspace's
 * definitions; written only when there is no problem and the user confirmed (`dryRun`
 * false), all in one transaction of a few batched statements.
 */
export async function importValues(
  app: AppContext,
  caller: Caller,
  events: IndicatorEvents,
  rows: readonly unknown[],
  dryRun: boolean,
): Promise<ImportResult> {
  const cells = rows.map((row) =>
    (row as unknown[]).map(
      (cell): Cell => (typeof cell === "string" || typeof cell === "number" ? cell : null),
    ),
  );
  const list = await indicators.catalogueOf(app.kysely, caller.workspaceId);
  const byCode = new Map(list.map((i) => [i.code, i]));
  const preview = parseValueRows(cells, byCode, { min: INDICATOR_MIN_YEAR, max: indicatorMaxYear() });
  if (preview.noHeader || preview.issues.length > 0 || dryRun) return { ...preview, written: 0 };
  const writes = preview.rows.map((row) => ({
    indicatorId: (byCode.get(row.code) as indicators.IndicatorRecord).id,
    fiscalYear: row.fiscalYear,
    month: row.month ?? 0,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    target: row.target,
    source: row.source,
    note: row.note,
  }));
  await app.kysely.transaction().execute((trx) => values.writeValues(trx, writes, caller.actor.userId));
  events.emit(caller.workspaceId, [...new Set(writes.map((w) => w.indicatorId))]);
  return { ...preview, written: writes.length };
}
