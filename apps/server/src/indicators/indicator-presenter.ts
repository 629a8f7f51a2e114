/** Indicators and region groups as the API answers them, with what the caller may do. */
import type { Indicator, IndicatorHistory, IndicatorValue, RegionGroup } from "@tsumugi/contract";
import {
  type Actor,
  abilitiesOf,
  type IndicatorResource,
  type RegionGroupResource,
  VALUE_COLUMNS,
} from "@tsumugi/domain";
import { type CsvCell, toCsv } from "@tsumugi/plan-io/csv";
import type { IndicatorRecord } from "./indicator-repository.js";
import type { JoinRequest, PlacedRegionGroup } from "./region-repository.js";
import type { HistoryEntry, ValueRecord } from "./value-repository.js";

export const indicatorResource = (indicator: IndicatorRecord): IndicatorResource => ({
  kind: "indicator",
  derived: indicator.derived !== null,
});

export function presentIndicator(actor: Actor, indicator: IndicatorRecord): Indicator {
  return { ...indicator, abilities: abilitiesOf(actor, indicatorResource(indicator)) };
}

/** One change of a value: the figures before and after (stored as JSON), who and when. */
export function presentHistoryEntry(h: HistoryEntry): IndicatorHistory["history"][number] {
  return {
    fiscalYear: h.fiscalYear,
    month: h.month,
    before: h.before ? JSON.parse(h.before) : null,
    after: h.after ? JSON.parse(h.after) : null,
    by: h.byName,
    at: h.at,
  };
}

export function presentValue(v: ValueRecord): IndicatorValue {
  return {
    indicatorId: v.indicatorId,
    fiscalYear: v.fiscalYear,
    month: v.month,
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
    target: v.target,
    source: v.source,
    note: v.note,
    enteredBy: v.enteredBy,
    enteredByName: v.enteredByName,
    enteredAt: v.enteredAt,
  };
}

export const regionGroupResource = (group: {
  membership: PlacedRegionGroup["membership"] | null;
}): RegionGroupResource => ({
  kind: "regionGroup",
  membership: group.membership,
});

/** A group of this municipality; `requests` only reach those who decide on them. */
export function presentRegionGroup(
  actor: Actor,
  group: PlacedRegionGroup,
  requests: JoinRequest[],
): RegionGroup {
  const abilities = abilitiesOf(actor, regionGroupResource(group));
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    membership: group.membership,
    requests: abilities.decideRequests ? requests : [],
    abilities,
  };
}

/** The values as the import reads them back (VALUE_COLUMNS), UTF-8 with a BOM. */
export function valuesCsv(indicators: readonly IndicatorRecord[], values: readonly ValueRecord[]): string {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const rows: CsvCell[][] = [[...VALUE_COLUMNS]];
  for (const v of values) {
    const i = byId.get(v.indicatorId);
    if (!i) continue;
    rows.push([
      i.code,
      i.name,
      v.fiscalYear,
      v.month || "",
      v.value,
      v.numerator,
      v.denominator,
      v.target,
      v.source,
      v.note,
    ]);
  }
  return toCsv(rows);
}

const DEFINITION_COLUMNS = [
  "指標コード",
  "指標名",
  "種類",
  "単位",
  "値の種類",
  "換算",
  "良い方向",
  "出典",
  "備考",
  "場面",
  "事業項目",
  "月別",
  "自動集計",
];

/** The catalogue itself, for the municipality's own records and for other tools. */
export function definitionsCsv(indicators: readonly IndicatorRecord[]): string {
  const rows: CsvCell[][] = [DEFINITION_COLUMNS];
  for (const i of indicators) {
    rows.push([
      i.code,
      i.name,
      i.type,
      i.unit,
      i.kind,
      i.normalisation,
      i.direction,
      i.source,
      i.notes,
      i.scenes.join(" "),
      i.items.join(" "),
      i.monthly ? "1" : "0",
      i.derived ?? "",
    ]);
  }
  return toCsv(rows);
}
