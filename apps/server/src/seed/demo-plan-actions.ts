/**
 * 流山市 令和5年度's 取組, row by row as the demo writes them (demo-plan.ts): seed 003's
 * actions per 事業項目 with the demo's statuses, progress and months.
 */
import type { ActionStatus, ItemId, SceneId } from "@tsumugi/domain";

export type GroupKey =
  | "plenary"
  | "system"
  | "training"
  | "hospital"
  | "professional"
  | "citizens"
  | "secretariat";

export interface ActionSeed {
  title: string;
  scenes: SceneId[];
  items: ItemId[];
  /** Codes of an action filed under no item; others cite their items' codes. */
  goals?: string[];
  group: GroupKey;
  period: [string, string];
  status: ActionStatus;
  progress: number;
}

export const FY = "2023";
export const NEXT = "2024";

/**
 * The actions of seed 003's pages per 事業項目 (an action listed under several items is one
 * row filed under each), plus the 入退院支援 scene's 取り組み that no item lists. An action is
 * in the scenes whose slide lists it among its 取り組み, and in none when no slide does.
 * Statuses, progress and months are the demo's.
 */
export const ACTIONS: ActionSeed[] = [
  {
    title: "GIS（地理情報システム）を活用した介護保険事業者情報の更新",
    scenes: [],
    items: ["a"],
    group: "secretariat",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 60,
  },
  {
    title: "医療に関する情報は「ちば医療ナビ」を案内する",
    scenes: [],
    items: ["a", "c"],
    group: "secretariat",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 80,
  },
  {
    title: "市HPを再編し、市民向けの窓口となるページを作成する",
    scenes: ["daily"],
    items: ["a", "g"],
    group: "citizens",
    period: [`${FY}-06`, `${FY}-12`],
    status: "inProgress",
    progress: 40,
  },
  {
    title: "在宅療養支援診療所の看取りも含めた実態把握のための調査",
    scenes: ["daily", "endOfLife"],
    items: ["a", "b"],
    group: "system",
    period: [`${FY}-07`, `${FY}-11`],
    status: "inProgress",
    progress: 50,
  },
  {
    title: "「医療・介護連携に関する連絡可能時間一覧表」の必要性と内容の妥当性をアンケートで検討",
    scenes: [],
    items: ["a", "c", "d"],
    group: "system",
    period: [`${FY}-06`, `${FY}-09`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "医療・介護関係者間の情報共有の現状とカナミックの活用についての調査",
    scenes: ["daily"],
    items: ["b", "d"],
    group: "system",
    period: [`${FY}-05`, `${FY}-10`],
    status: "inProgress",
    progress: 70,
  },
  {
    title: "ショートステイ等の空き状況掲載：アンケート集計の完了と利用者のニーズ調査",
    scenes: [],
    items: ["b", "d"],
    group: "secretariat",
    period: [`${FY}-04`, `${FY}-08`],
    status: "done",
    progress: 100,
  },
  {
    title: "つむぐ会の目的（顔の見える関係づくり・現場の課題抽出）への目的意識を強く持った実施",
    scenes: ["daily"],
    items: ["b", "f"],
    group: "professional",
    period: [`${FY}-06`, `${NEXT}-03`],
    status: "inProgress",
    progress: 40,
  },
  {
    title: "入退院支援における課題把握と現状分析",
    scenes: ["discharge"],
    items: ["b"],
    group: "hospital",
    period: [`${FY}-05`, `${FY}-12`],
    status: "inProgress",
    progress: 45,
  },
  {
    title: "「千葉県地域生活連携シート」の活用実態調査と流山市版ツールの作成検討",
    scenes: ["discharge"],
    items: ["c", "d"],
    group: "hospital",
    period: [`${FY}-07`, `${NEXT}-03`],
    status: "inProgress",
    progress: 30,
  },
  {
    title: "専門職間の情報連携方法の調査",
    scenes: ["discharge"],
    items: [],
    goals: ["2-②"],
    group: "hospital",
    period: [`${FY}-09`, `${NEXT}-01`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "消防との情報交換の実施",
    scenes: ["emergency"],
    items: ["b", "c"],
    group: "system",
    period: [`${FY}-07`, `${FY}-07`],
    status: "done",
    progress: 100,
  },
  {
    title: "本人情報連携シートと急変時対応マニュアルの作成、カナミックでの共有の検討",
    scenes: ["emergency"],
    items: ["d"],
    group: "system",
    period: [`${FY}-09`, `${NEXT}-03`],
    status: "inProgress",
    progress: 20,
  },
  {
    title: "急変時における関係者情報連携シートの作成検討",
    scenes: ["emergency"],
    items: ["d"],
    group: "system",
    period: [`${FY}-10`, `${NEXT}-03`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "R4年度連携会議の職能紹介のまとめをカナミックに掲載",
    scenes: [],
    items: ["d"],
    group: "secretariat",
    period: [`${FY}-05`, `${FY}-06`],
    status: "done",
    progress: 100,
  },
  {
    title: "カナミックの研修会の内容・方法を必要時全体会等で検討",
    scenes: ["daily"],
    items: ["d"],
    group: "plenary",
    period: [`${FY}-07`, `${FY}-10`],
    status: "inProgress",
    progress: 50,
  },
  {
    title: "病院連携窓口一覧表の活用の検討",
    scenes: [],
    items: ["d", "h"],
    group: "hospital",
    period: [`${FY}-10`, `${NEXT}-02`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "在宅医療介護連携の相談窓口の周知",
    scenes: [],
    items: ["e"],
    group: "secretariat",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 50,
  },
  {
    title: "つむぐ会へ気負わずに参加できる開催方法と内容の検討",
    scenes: ["daily"],
    items: ["f"],
    group: "professional",
    period: [`${FY}-04`, `${FY}-09`],
    status: "inProgress",
    progress: 60,
  },
  {
    title: "ACPに関する専門職向けの研修の実施の検討",
    scenes: [],
    items: ["f"],
    group: "professional",
    period: [`${FY}-06`, `${FY}-09`],
    status: "inProgress",
    progress: 30,
  },
  {
    title: "看取り支援やACPに関する専門職向けの研修（VR、Zoom）の開催",
    scenes: ["endOfLife"],
    items: ["f"],
    group: "professional",
    period: [`${FY}-10`, `${FY}-12`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "在宅看取り推進のためのチームづくりとして症例検討会を開催",
    scenes: ["endOfLife"],
    items: ["f"],
    group: "professional",
    period: [`${FY}-06`, `${NEXT}-03`],
    status: "inProgress",
    progress: 35,
  },
  {
    title: "市民公開講座の開催（テーマ・内容・開催方法の検討）",
    scenes: ["daily", "emergency"],
    items: ["g"],
    group: "citizens",
    period: [`${FY}-06`, `${FY}-12`],
    status: "inProgress",
    progress: 40,
  },
  {
    title: "おうち療養情報紙の発行（3月）",
    scenes: ["daily", "emergency"],
    items: ["g"],
    group: "citizens",
    period: [`${FY}-10`, `${NEXT}-03`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "依頼に基づく出前講座の開催",
    scenes: ["daily", "emergency"],
    items: ["g"],
    group: "citizens",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 50,
  },
  {
    title: "市民公開講座や出前講座、おうち療養情報紙等を活用したACP（人生会議）の普及",
    scenes: ["daily", "emergency"],
    items: ["g"],
    group: "citizens",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 55,
  },
  {
    title: "東葛北部5市会議への参加",
    scenes: [],
    items: ["h"],
    group: "secretariat",
    period: [`${FY}-07`, `${NEXT}-01`],
    status: "inProgress",
    progress: 50,
  },
];
