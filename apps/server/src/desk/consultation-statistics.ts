/**
 * Statistics of the desk (事業評価) and the tables the exports write. Only coded fields are
 * read: neither the statistics nor any export holds an identifying field.
 */
import type { ConsultationStatistics, CreateExport } from "@tsumugi/contract";
import {
  AGE_BANDS,
  CARE_LEVELS,
  CONSULTATION_METHODS,
  CONSULTATION_RESPONSES,
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  FISCAL_MONTHS,
  FOLLOW_UP_STATUSES,
  fiscalYearLabel,
  formatIsoDate,
  LIVING_SITUATIONS,
  labelOf,
  MAIN_CONDITIONS,
  SEXES,
  STATISTIC_DIMENSION_LABELS,
  STATISTIC_DIMENSIONS,
  yearlyStatistics,
  yearStatistics,
} from "@tsumugi/domain";
import type { CsvCell } from "@tsumugi/plan-io/csv";
import { type AreaRecord, listAreas } from "../areas/area-repository.js";
import { findResourcesByIds } from "../resources/resource-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import * as contactRepo from "./contact-repository.js";
import { type DeskWithStaff, listDesks } from "./desk-repository.js";
import * as statsRepo from "./statistics-repository.js";

export const STATISTICS_YEARS = 5;

/** The 年度's figures and the totals of the five 年度 up to it, over every desk. */
export async function consultationStatistics(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear: number,
  deskIds?: readonly string[],
): Promise<ConsultationStatistics & { desks: DeskWithStaff[]; areas: AreaRecord[] }> {
  const years = Array.from({ length: STATISTICS_YEARS }, (_, i) => fiscalYear - STATISTICS_YEARS + 1 + i);
  const [desks, areas, facts] = await Promise.all([
    listDesks(q, workspaceId),
    listAreas(q, workspaceId),
    statsRepo.consultationFacts(q, workspaceId, years, deskIds),
  ]);
  const named = desks
    .filter((d) => !deskIds || deskIds.includes(d.id))
    .map((d) => ({ id: d.id, name: d.name }));
  return {
    fiscalYear,
    year: yearStatistics(facts, fiscalYear, named, areas),
    yearly: yearlyStatistics(facts, years, named, areas),
    desks,
    areas,
  };
}

export interface ExportTable {
  name: string;
  title: string;
  header: string[];
  rows: CsvCell[][];
  widths?: number[];
}

const monthHeader = () => FISCAL_MONTHS.map((m) => `${m}月`);

/** The statistics as tables: the 年度 by month (every dimension), and the totals by 年度. */
export function statisticsTables(stats: ConsultationStatistics, municipality: string): ExportTable[] {
  const fy = fiscalYearLabel(stats.fiscalYear);
  const monthly: CsvCell[][] = [["相談件数", "合計", ...stats.year.months, stats.year.total]];
  for (const d of STATISTIC_DIMENSIONS) {
    for (const r of stats.year.dimensions[d])
      monthly.push([STATISTIC_DIMENSION_LABELS[d], r.label, ...r.months, r.total]);
  }
  const yearly: CsvCell[][] = [["相談件数", "合計", ...stats.yearly.totals]];
  for (const d of STATISTIC_DIMENSIONS) {
    for (const r of stats.yearly.dimensions[d])
      yearly.push([STATISTIC_DIMENSION_LABELS[d], r.label, ...r.counts]);
  }
  return [
    {
      name: "月別",
      title: `${municipality} ${fy} 相談件数（月別）`,
      header: ["区分", "項目", ...monthHeader(), "合計"],
      rows: monthly,
      widths: [14, 24, ...FISCAL_MONTHS.map(() => 7), 8],
    },
    {
      name: "年度別",
      title: `${municipality} 相談件数（年度別）`,
      header: ["区分", "項目", ...stats.yearly.years.map((y) => fiscalYearLabel(y))],
      rows: yearly,
      widths: [14, 24, ...stats.yearly.years.map(() => 12)],
    },
  ];
}

/** Where a contact was referred: the directory entry's name, with the organisation as typed when it adds to it. */
function referralText(entry: string | undefined, organisation: string | null): string {
  if (entry && organisation && organisation !== entry) return `${entry}（${organisation}）`;
  return entry ?? organisation ?? "";
}

/** The contacts of a 年度 as a table of coded fields: no name, contact, or text as written. */
export async function recordsTable(
  q: QueryBuilder,
  workspaceId: string,
  input: CreateExport,
  deskIds: readonly string[],
  municipality: string,
  today: string,
): Promise<{ table: ExportTable; count: number }> {
  const [desks, areas] = await Promise.all([listDesks(q, workspaceId), listAreas(q, workspaceId)]);
  const deskName = new Map(desks.map((d) => [d.id, d.name]));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const rows: CsvCell[][] = [];
  const filter: contactRepo.ContactFilter = {
    deskIds,
    fiscalYear: input.fiscalYear,
    ...(input.deskId ? { deskId: input.deskId } : {}),
    today,
  };
  const pageSize = 500;
  for (let offset = 0; ; offset += pageSize) {
    const page = await contactRepo.listContacts(q, workspaceId, filter, { offset, limit: pageSize });
    const referred = new Map(
      (
        await findResourcesByIds(q, workspaceId, [
          ...new Set(page.rows.map((r) => r.referralResourceId).filter((id): id is string => id !== null)),
        ])
      ).map((e) => [e.id, e.fields.name]),
    );
    for (const r of page.rows) {
      rows.push([
        r.caseNo,
        r.seq,
        formatIsoDate(r.receivedAt.slice(0, 10)),
        r.receivedAt.slice(11, 16),
        deskName.get(r.deskId) ?? "",
        labelOf(CONSULTATION_METHODS, r.method),
        labelOf(CONSULTER_TYPES, r.consulterType),
        r.topics.map((t) => labelOf(CONSULTATION_TOPICS, t)).join("・"),
        r.responses.map((t) => labelOf(CONSULTATION_RESPONSES, t)).join("・"),
        referralText(
          r.referralResourceId ? referred.get(r.referralResourceId) : undefined,
          r.referralOrganisation,
        ),
        r.minutes,
        labelOf(FOLLOW_UP_STATUSES, r.followUpStatus),
        r.followUpDue ? formatIsoDate(r.followUpDue) : "",
        labelOf(AGE_BANDS, r.ageBand),
        labelOf(SEXES, r.sex),
        labelOf(CARE_LEVELS, r.careLevel),
        labelOf(LIVING_SITUATIONS, r.living),
        labelOf(MAIN_CONDITIONS, r.condition),
        r.areaId ? (areaName.get(r.areaId) ?? "") : "",
        r.anonymisedAt !== null ? "匿名化済み" : "",
      ]);
    }
    if (page.rows.length < pageSize) break;
  }
  // The oldest first, as a register reads.
  rows.reverse();
  return {
    count: rows.length,
    table: {
      name: "相談記録",
      title: `${municipality} ${fiscalYearLabel(input.fiscalYear)} 相談記録（個人を特定する情報を含みません）`,
      header: [
        "相談番号",
        "回",
        "受付日",
        "時刻",
        "相談窓口",
        "相談方法",
        "相談者",
        "相談内容",
        "対応",
        "つないだ機関",
        "対応時間（分）",
        "フォローアップ",
        "期日",
        "年齢",
        "性別",
        "要介護度",
        "世帯",
        "主な疾患",
        "日常生活圏域",
        "備考",
      ],
      rows,
      widths: [9, 5, 22, 7, 18, 10, 16, 28, 24, 20, 9, 11, 22, 10, 7, 10, 14, 14, 14, 10],
    },
  };
}
