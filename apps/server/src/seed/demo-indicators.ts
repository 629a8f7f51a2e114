/**
 * The demo's indicators: 流山市 and its four 東葛北部 neighbours (the 5市会議 of the plan),
 * population bases and five years of plausible values for a dozen catalogue indicators
 * (自宅死の割合 around 13%), in one 広域 group and the prefecture's group, so comparison is
 * visible on first start. Figures are illustrative, shaped like the public statistics, and
 * say so: their source reads 「デモ用の値」. Where months are given, the year is their sum.
 */

import { newId } from "@tsumugi/domain";
import { catalogueOf } from "../indicators/indicator-repository.js";
import { setPopulation } from "../indicators/population-repository.js";
import { insertRegionGroup } from "../indicators/region-repository.js";
import { type ValueWrite, writeValues } from "../indicators/value-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { insertWorkspace } from "../workspaces/workspace-repository.js";

interface City {
  name: string;
  lgCode: string;
  /** FY2023 population: total, 65+, 75+. */
  population: [number, number, number];
  /** Relative strength of home care (scales the counts). */
  homeCare: number;
}

export const TOKATSU_NEIGHBOURS: City[] = [
  { name: "松戸市", lgCode: "122076", population: [497_000, 125_000, 70_000], homeCare: 1.05 },
  { name: "野田市", lgCode: "122084", population: [151_000, 45_000, 25_000], homeCare: 0.85 },
  { name: "柏市", lgCode: "122173", population: [435_000, 111_000, 60_000], homeCare: 1.2 },
  { name: "我孫子市", lgCode: "122220", population: [130_000, 42_000, 24_000], homeCare: 0.9 },
];
export const NAGAREYAMA: Omit<City, "lgCode" | "name"> = {
  population: [209_000, 47_000, 26_000],
  homeCare: 1,
};

export const DEMO_YEARS = [2019, 2020, 2021, 2022, 2023] as const;
/** The source every demo value names: nobody should take them for a municipality's figures. */
export const DEMO_VALUE_SOURCE = "デモ用の値";
/** The year whose 相談件数 (P06) is entered month by month. */
const MONTHLY_YEAR = 2023;

/** 相談件数 of each month (1–12) of the monthly year. */
function consultationMonths(cityIndex: number): number[] {
  return Array.from({ length: 12 }, (_, i) => Math.round(28 + 6 * wobble(i + 1 + cityIndex)));
}

/** A small deterministic wobble, so the series look measured rather than drawn. */
function wobble(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

export async function seedIndicatorValues(
  q: QueryBuilder,
  workspaceId: string,
  city: Omit<City, "lgCode" | "name">,
  cityIndex: number,
  enteredBy: string | null,
): Promise<void> {
  const indicators = await catalogueOf(q, workspaceId);
  const id = (code: string) => indicators.find((i) => i.code === code)?.id ?? "";
  const [total, aged65, aged75] = city.population;
  const writes: ValueWrite[] = [];
  const entry = (
    code: string,
    fiscalYear: number,
    month: number,
    figures: Partial<ValueWrite>,
  ): ValueWrite => ({
    indicatorId: id(code),
    fiscalYear,
    month,
    value: null,
    numerator: null,
    denominator: null,
    target: null,
    source: DEMO_VALUE_SOURCE,
    note: "",
    ...figures,
  });
  for (const fy of DEMO_YEARS) {
    const t = fy - 2023;
    // The old grow older: 75+ by about 4% a year, 65+ by 1%, the total by 0.8%.
    const p75 = Math.round(aged75 * 1.04 ** t);
    await setPopulation(q, workspaceId, fy, {
      total: Math.round(total * 1.008 ** t),
      aged65: Math.round(aged65 * 1.01 ** t),
      aged75: p75,
    });
    const per75 = (rate: number, code: string) =>
      Math.max(
        0,
        Math.round(
          (p75 / 10_000) * rate * city.homeCare * (1 + 0.05 * wobble(fy * 31 + cityIndex * 7 + code.length)),
        ),
      );
    const deaths = Math.round((p75 / 10_000) * 420);
    const homeDeathRate = 0.11 + 0.006 * (fy - 2019) * city.homeCare + 0.01 * wobble(fy + cityIndex * 13);
    const values: [string, number | null, number | null, number | null, number | null][] = [
      ["S01", per75(4.6 + 0.15 * (fy - 2019), "S01"), null, null, null],
      ["S04", per75(5.2 + 0.3 * (fy - 2019), "S04"), null, null, null],
      ["S05", Math.round((aged65 / 10_000) * 9.5 * city.homeCare), null, null, null],
      ["S06", fy >= 2021 ? 1 : 0, null, null, null],
      ["S07", fy >= 2020 ? 2 : 1, null, null, null],
      ["P01", per75(380 + 22 * (fy - 2019), "P01"), null, null, 500],
      ["P02", per75(95 + 6 * (fy - 2019), "P02"), null, null, null],
      [
        "P06",
        fy === MONTHLY_YEAR
          ? consultationMonths(cityIndex).reduce((a, b) => a + b, 0)
          : Math.round(180 + 35 * (fy - 2019) * city.homeCare),
        null,
        null,
        350,
      ],
      ["P07", Math.round(120 + 15 * (fy - 2019) + 20 * wobble(fy + cityIndex)), null, null, null],
      ["P08", fy === 2020 ? 40 : Math.round(150 + 30 * (fy - 2019)), null, null, 300],
      ["O01", null, Math.round(deaths * homeDeathRate), deaths, 15],
      ["O03", per75(34 + 3 * (fy - 2019), "O03"), null, null, null],
    ];
    for (const [code, value, numerator, denominator, target] of values)
      writes.push(entry(code, fy, 0, { value, numerator, denominator, target }));
  }
  // The consultation desk counts monthly in that year; the year's figure above is their sum.
  for (const [i, value] of consultationMonths(cityIndex).entries())
    writes.push(entry("P06", MONTHLY_YEAR, i + 1, { value }));
  await writeValues(q, writes, enteredBy);
}

/** The neighbours as workspaces of their own, and the two region groups. */
export async function seedRegion(q: QueryBuilder, nagareyamaId: string): Promise<void> {
  const now = Date.now();
  const ids = [nagareyamaId];
  for (const [i, city] of TOKATSU_NEIGHBOURS.entries()) {
    const wid = newId();
    ids.push(wid);
    await insertWorkspace(q, { id: wid, name: city.name, prefecture: "千葉県", lgCode: city.lgCode }, now);
    await seedIndicatorValues(q, wid, city, i + 1, null);
  }
  for (const [name, kind] of [
    ["東葛北部5市", "wide"],
    ["千葉県", "prefecture"],
  ] as const) {
    // 流山市 keeps (owns) the demo's groups: it decides who else joins.
    await insertRegionGroup(q, { id: newId(), name, kind, ownerWorkspaceId: nagareyamaId }, ids, null, now);
  }
}
