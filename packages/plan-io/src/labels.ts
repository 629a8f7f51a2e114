/**
 * How plan values are written in spreadsheets, both ways: labels officials read (場面, (ア),
 * 状況, 和暦 years) and the parsing of what they type back.
 */
import {
  ACTION_STATUSES,
  type ActionStatus,
  eraOfIsoDate,
  fiscalYearLabel,
  ITEMS,
  type ItemId,
  itemMark,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  type ProblemSource,
  type ProblemStatus,
  SCENES,
  type SceneId,
} from "@tsumugi/domain";

export const LIST_SEPARATOR = "、";

const SHORT_SCENE: Record<SceneId, string> = {
  daily: "日常",
  discharge: "入退院",
  emergency: "急変時",
  endOfLife: "看取り",
};

export const sceneLabel = (id: SceneId) => SCENES.find((s) => s.id === id)?.label ?? id;
export const itemCell = (id: ItemId) => itemMark(id);
export const itemTitle = (id: ItemId) => `${itemMark(id)} ${ITEMS.find((i) => i.id === id)?.label ?? ""}`;
export const actionStatusLabel = (id: ActionStatus) => ACTION_STATUSES.find((s) => s.id === id)?.label ?? id;
export const problemStatusLabel = (id: ProblemStatus) =>
  PROBLEM_STATUSES.find((s) => s.id === id)?.label ?? id;
export const problemSourceLabel = (id: ProblemSource) =>
  PROBLEM_SOURCES.find((s) => s.id === id)?.label ?? id;
export { fiscalYearLabel };

/** Splits a list cell: 、 , ，・ and line breaks all separate. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[、,，・\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const normalise = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[()（）]/g, "");

export function parseScene(text: string): SceneId | null {
  const n = normalise(text);
  for (const s of SCENES) {
    if (normalise(s.label) === n || normalise(SHORT_SCENE[s.id]) === n || s.id === text) return s.id;
  }
  return null;
}

/** "(ア)", "（ア）", "ア" or "a". */
export function parseItem(text: string): ItemId | null {
  const n = normalise(text);
  for (const i of ITEMS) if (n === i.mark || n.startsWith(`${i.mark}`) || text === i.id) return i.id;
  return null;
}

export function parseActionStatus(text: string): ActionStatus | null {
  const n = normalise(text);
  return ACTION_STATUSES.find((s) => normalise(s.label) === n || s.id === text)?.id ?? null;
}

export function parseProblemStatus(text: string): ProblemStatus | null {
  const n = normalise(text);
  return PROBLEM_STATUSES.find((s) => normalise(s.label) === n || s.id === text)?.id ?? null;
}

export function parseProblemSource(text: string): ProblemSource | null {
  const n = normalise(text);
  return PROBLEM_SOURCES.find((s) => normalise(s.label) === n || s.id === text)?.id ?? null;
}

const ERA_START: Record<string, number> = { 令和: 2018, 平成: 1988, R: 2018, H: 1988 };

/**
 * A month as spreadsheets hold it: "2023-04", "2023/4", "2023年4月", "令和5年4月", "R5.4"
 * or a date cell. Returns "YYYY-MM", or null when it is not a month.
 */
export function parseMonth(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, "0")}`;
  }
  if (typeof value !== "string") return null;
  const s = value.normalize("NFKC").trim();
  let m = /^(\d{4})[-/.年](\d{1,2})(?:月)?(?:[-/.](\d{1,2})日?)?$/.exec(s);
  let year: number | null = null;
  let month: number | null = null;
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    m = /^(令和|平成|R|H)(元|\d{1,2})[年.](\d{1,2})月?$/.exec(s);
    if (m) {
      year = ERA_START[m[1]] + (m[2] === "元" ? 1 : Number(m[2]));
      month = Number(m[3]);
    }
  }
  if (year === null || month === null || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** A month as officials print it: 令和5年4月. */
export function monthLabel(point: string | null): string {
  if (!point) return "";
  const { era, year } = eraOfIsoDate(`${point.slice(0, 7)}-01`);
  return `${era}${year === 1 ? "元" : year}年${Number(point.slice(5, 7))}月`;
}
