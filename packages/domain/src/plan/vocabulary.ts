/**
 * The fixed vocabularies of a 在宅医療・介護連携 plan: the four scenes, the eight program
 * items (ア)〜(ク), statuses, sources and evaluation grades. Ids are stored; labels are
 * what officials read (the web app shows them through its catalogue).
 */

export const SCENES = [
  { id: "daily", label: "日常の療養支援" },
  { id: "discharge", label: "入退院支援" },
  { id: "emergency", label: "急変時の対応" },
  { id: "endOfLife", label: "看取り" },
] as const;
export type SceneId = (typeof SCENES)[number]["id"];

export const ITEMS = [
  { id: "a", mark: "ア", label: "地域の医療・介護の資源の把握" },
  { id: "b", mark: "イ", label: "在宅医療・介護連携の課題の抽出と対応策の検討" },
  { id: "c", mark: "ウ", label: "切れ目のない在宅医療と在宅介護の提供体制の構築推進" },
  { id: "d", mark: "エ", label: "医療・介護関係者の情報共有の支援" },
  { id: "e", mark: "オ", label: "在宅医療・介護連携に関する相談支援" },
  { id: "f", mark: "カ", label: "医療・介護関係者の研修" },
  { id: "g", mark: "キ", label: "地域住民への普及啓発" },
  { id: "h", mark: "ク", label: "在宅医療・介護連携に関する関係市区町村の連携" },
] as const;
export type ItemId = (typeof ITEMS)[number]["id"];

export const PROBLEM_STATUSES = [
  { id: "open", label: "未着手" },
  { id: "considering", label: "検討中" },
  { id: "inProgress", label: "対応中" },
  { id: "resolved", label: "解決" },
  { id: "proposed", label: "地域ケア推進会議へ提案" },
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number]["id"];

export const PROBLEM_SOURCES = [
  { id: "meeting", label: "会議" },
  { id: "survey", label: "調査" },
  { id: "consultation", label: "相談" },
  { id: "workingGroup", label: "部会・班" },
] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number]["id"];

export const ACTION_STATUSES = [
  { id: "notStarted", label: "未着手" },
  { id: "inProgress", label: "実施中" },
  { id: "done", label: "完了" },
  { id: "postponed", label: "延期" },
  { id: "cancelled", label: "中止" },
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number]["id"];

export const GRADES = [
  { id: "A", label: "A（達成）" },
  { id: "B", label: "B（概ね達成）" },
  { id: "C", label: "C（一部達成）" },
  { id: "D", label: "D（未達成）" },
] as const;
export type Grade = (typeof GRADES)[number]["id"];

export const GOAL_TERMS = [
  { id: "short", label: "短期目標" },
  { id: "long", label: "中長期目標" },
] as const;
export type GoalTerm = (typeof GOAL_TERMS)[number]["id"];

/**
 * Where an action's money comes from, as plan tables mark it (seed 004: 「【基金】在宅医療
 * コーディネーター養成研修」). `mark` is the bracketed word printed before the title.
 */
export const FUNDING_SOURCES = [
  { id: "fund", mark: "基金", label: "地域医療介護総合確保基金" },
  { id: "support", mark: "地域支援事業", label: "地域支援事業交付金" },
  { id: "incentive", mark: "交付金", label: "保険者機能強化推進交付金・介護保険保険者努力支援交付金" },
  { id: "general", mark: "一般財源", label: "一般財源（市町村単独）" },
  { id: "other", mark: "その他", label: "その他" },
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number]["id"];

function ids<T extends { id: string }>(list: readonly T[]): ReadonlySet<string> {
  return new Set(list.map((x) => x.id));
}

const SCENE_IDS = ids(SCENES);
const ITEM_IDS = ids(ITEMS);
const PROBLEM_STATUS_IDS = ids(PROBLEM_STATUSES);
const PROBLEM_SOURCE_IDS = ids(PROBLEM_SOURCES);
const ACTION_STATUS_IDS = ids(ACTION_STATUSES);
const GRADE_IDS = ids(GRADES);
const GOAL_TERM_IDS = ids(GOAL_TERMS);
const FUNDING_SOURCE_IDS = ids(FUNDING_SOURCES);

export const isSceneId = (v: unknown): v is SceneId => typeof v === "string" && SCENE_IDS.has(v);
export const isItemId = (v: unknown): v is ItemId => typeof v === "string" && ITEM_IDS.has(v);
export const isProblemStatus = (v: unknown): v is ProblemStatus =>
  typeof v === "string" && PROBLEM_STATUS_IDS.has(v);
export const isProblemSource = (v: unknown): v is ProblemSource =>
  typeof v === "string" && PROBLEM_SOURCE_IDS.has(v);
export const isActionStatus = (v: unknown): v is ActionStatus =>
  typeof v === "string" && ACTION_STATUS_IDS.has(v);
export const isGrade = (v: unknown): v is Grade => typeof v === "string" && GRADE_IDS.has(v);
export const isGoalTerm = (v: unknown): v is GoalTerm => typeof v === "string" && GOAL_TERM_IDS.has(v);
export const isFundingSource = (v: unknown): v is FundingSource =>
  typeof v === "string" && FUNDING_SOURCE_IDS.has(v);

/** "【基金】" for a funding source, as printed before an action's title. */
export function fundingMark(id: FundingSource | null): string {
  const source = FUNDING_SOURCES.find((f) => f.id === id);
  return source ? `【${source.mark}】` : "";
}

/** "(ア)" for item "a": how plan tables write the items. */
export function itemMark(id: ItemId): string {
  return `（${ITEMS.find((i) => i.id === id)?.mark ?? "?"}）`;
}
