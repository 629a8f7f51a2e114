/**
 * 流山市 令和5年度 as its published plan has it (seed 003): the vision, the scenes' goals, the
 * short-term goals per 事業項目, the 課題 with the 取組 that answer them, the 年間予定, the
 * cover and organisation chart, and the multi-year plans. Its 取組 are in demo-plan-actions.ts;
 * demo-plan.ts makes the plan of them.
 */
import type { ItemId, PlanProfile, Problem, ProblemStatus, SceneId, YearPlan } from "@tsumugi/domain";
import { FY, type GroupKey, NEXT } from "./demo-plan-actions.js";

export interface ProblemSeed {
  title: string;
  scene: SceneId;
  status: ProblemStatus;
  source: Problem["source"];
  group: GroupKey;
  /** Titles of the actions that answer it. */
  actions: string[];
}

export const NAGAREYAMA_VISION =
  "医療や介護が必要になっても住み慣れた地域で安心・安全に自分らしく生活ができる。希望すれば最期は自宅で亡くなることができる。";

export const SCENE_GOALS: Record<SceneId, string> = {
  daily:
    "医療・介護関係者の多職種協働によって、患者・利用者・家族の日常の療養生活を支援することで、医療と介護の両方を必要とする状態の高齢者が住み慣れた場所で生活が出来るようにする",
  discharge:
    "一体的でスムーズな医療・介護サービスが提供され、医療と介護の両方を必要とする状態の高齢者が、希望する場所で望む日常生活が過ごせるようにする",
  emergency:
    "在宅で療養生活を送る医療と介護の両方を必要とする状態の高齢者の急変時にも、本人の意思も尊重された対応を踏まえた適切な対応が行われるようにする",
  endOfLife:
    "人生の最終段階における望む場所での看取りを行えるように、医療・看護関係者が、対象者本人等と人生の最終段階における意思を共有し、それを実現できる",
};

/**
 * The goals the plan's rows cite. Seed 003 gives their codes only: the texts (and the scene
 * each is filed under) are the demo's, flagged so the screens say 「デモ用の例」.
 */
export const GOALS: { code: string; scene: SceneId | null; text: string }[] = [
  { code: "1-①", scene: "daily", text: "多職種が顔の見える関係で日常の療養生活を支える" },
  { code: "1-②", scene: "daily", text: "専門職がACP（人生会議）を支援できる" },
  { code: "1-③", scene: "daily", text: "市民と専門職が在宅療養に必要な情報にたどり着ける" },
  { code: "1-④", scene: "daily", text: "在宅医療介護連携の相談窓口が知られ、使われている" },
  { code: "2-②", scene: "discharge", text: "入退院時に必要な情報が病院と在宅の間で確実に共有される" },
  { code: "3-①", scene: "emergency", text: "急変時に本人の意思と必要な情報が救急・医療に伝わる" },
];

/**
 * 短期目標 per 事業項目 as seed 003 lists them under each item ((ク) lists none). An action
 * cites the codes listed under every item it is filed under, so each item's codes, gathered
 * from its actions, are the seed's.
 */
export const NAGAREYAMA_ITEM_GOALS: Record<ItemId, string[]> = {
  a: ["1-③", "3-①", "2-②"],
  b: ["3-①", "1-③", "2-②"],
  c: ["3-①", "1-③"],
  d: ["1-①", "3-①", "1-③"],
  e: ["1-④"],
  f: ["1-①", "1-③", "2-②", "1-②"],
  g: ["1-①", "1-③", "2-②", "1-②"],
  h: [],
};

export const PROBLEMS: ProblemSeed[] = [
  {
    title: "市民に在宅療養の選択肢が周知されていない",
    scene: "daily",
    status: "inProgress",
    source: "meeting",
    group: "citizens",
    actions: ["市民公開講座の開催（テーマ・内容・開催方法の検討）", "おうち療養情報紙の発行（3月）"],
  },
  {
    title: "相談窓口の周知が不十分",
    scene: "daily",
    status: "inProgress",
    source: "consultation",
    group: "secretariat",
    actions: ["在宅医療介護連携の相談窓口の周知"],
  },
  {
    title: "カナミックが普及していない",
    scene: "daily",
    status: "considering",
    source: "survey",
    group: "system",
    actions: ["医療・介護関係者間の情報共有の現状とカナミックの活用についての調査"],
  },
  {
    title: "「医療・介護連携に関する連絡可能時間一覧表」の活用実態が不明",
    scene: "daily",
    status: "open",
    source: "meeting",
    group: "system",
    actions: ["「医療・介護連携に関する連絡可能時間一覧表」の必要性と内容の妥当性をアンケートで検討"],
  },
  {
    title: "つむぐ会の参加者が減っている",
    scene: "daily",
    status: "considering",
    source: "workingGroup",
    group: "professional",
    actions: ["つむぐ会へ気負わずに参加できる開催方法と内容の検討"],
  },
  {
    title: "医療・介護職種が連携できるようお互いの理解及び連携の促進が必要",
    scene: "discharge",
    status: "inProgress",
    source: "meeting",
    group: "hospital",
    actions: ["入退院支援における課題把握と現状分析", "専門職間の情報連携方法の調査"],
  },
  {
    title: "急変時の情報共有が不足している",
    scene: "emergency",
    status: "inProgress",
    source: "meeting",
    group: "system",
    actions: ["本人情報連携シートと急変時対応マニュアルの作成、カナミックでの共有の検討"],
  },
  {
    title: "ACPなどについて、本人・家族とスタッフの認識に違いがある",
    scene: "emergency",
    status: "considering",
    source: "meeting",
    group: "citizens",
    actions: ["市民公開講座や出前講座、おうち療養情報紙等を活用したACP（人生会議）の普及"],
  },
  {
    title: "急変（緊急）時の対応方法が定まっていない",
    scene: "emergency",
    status: "open",
    source: "workingGroup",
    group: "system",
    actions: ["急変時における関係者情報連携シートの作成検討"],
  },
  {
    title: "救急現場での情報不足",
    scene: "emergency",
    status: "resolved",
    source: "meeting",
    group: "system",
    actions: ["消防との情報交換の実施"],
  },
  {
    title: "看取りに関する本人・家族の意向のすり合わせが難しく、本人の希望が尊重されないケースがある",
    scene: "endOfLife",
    status: "inProgress",
    source: "meeting",
    group: "professional",
    actions: ["看取り支援やACPに関する専門職向けの研修（VR、Zoom）の開催"],
  },
  {
    title: "看取り期の支援で多職種がスムーズに連携するための体制と関係性づくりが必要",
    scene: "endOfLife",
    status: "considering",
    source: "meeting",
    group: "professional",
    actions: ["在宅看取り推進のためのチームづくりとして症例検討会を開催"],
  },
  {
    title: "看取り支援の経験の少ない職員でも不安なく支援できる体制づくりが必要",
    scene: "endOfLife",
    status: "open",
    source: "workingGroup",
    group: "professional",
    actions: [],
  },
];

/**
 * The 年間予定 grid of seed 003, row by row with its cells' words: a dated cell (5/25) is an
 * event on that day with no words of its own, a month's cell holds what the seed wrote.
 */
export const NAGAREYAMA_SCHEDULE: { activity: string; events: [string, string][]; actions: string[] }[] = [
  {
    activity: "連携会議",
    events: [
      [`${FY}-05-25`, ""],
      [`${FY}-07-31`, ""],
      [`${FY}-09-15`, ""],
      [`${NEXT}-01-25`, ""],
      [`${NEXT}-03-28`, ""],
    ],
    actions: [],
  },
  {
    activity: "つむぐ会",
    events: [
      [`${FY}-06-30`, ""],
      [`${FY}-08`, "未定"],
      [`${FY}-10`, "10月か11月"],
      [`${FY}-12-14`, ""],
      [`${NEXT}-03-01`, ""],
    ],
    actions: ["つむぐ会へ気負わずに参加できる開催方法と内容の検討"],
  },
  {
    activity: "ICT",
    events: [[`${FY}-10`, "研修会"]],
    actions: ["カナミックの研修会の内容・方法を必要時全体会等で検討"],
  },
  {
    activity: "市民啓発",
    events: [
      [`${FY}-10`, "市民公開講座 (11月か12月)"],
      [`${NEXT}-03`, "おうち療養情報紙"],
    ],
    actions: ["市民公開講座の開催（テーマ・内容・開催方法の検討）", "おうち療養情報紙の発行（3月）"],
  },
  {
    activity: "その他",
    events: [
      [`${FY}-07`, "東葛北部5市会議"],
      [`${NEXT}-01`, "東葛北部5市会議"],
    ],
    actions: ["東葛北部5市会議への参加"],
  },
];

/** The cover and organisation chart of seed 003 (組織構成, 全体会検討事項). */
export const NAGAREYAMA_PROFILE: PlanProfile = {
  programName: "流山市在宅医療介護連携推進事業",
  department: "流山市役所健康福祉部介護支援課",
  committeeName: "流山市在宅医療介護連携会議",
  committeeRole: "情報共有・分析・課題抽出・対策案検討",
  plenaryRole: "各班は全体会の意見を受けて、班の活動に反映させる",
  bodies: [
    "医師会",
    "歯科医師会",
    "薬剤師会",
    "訪問看護ステーション連絡会",
    "地域リハビリ連絡会 (PT, ST, OT)",
    "東葛北部認定栄養ケア・ステーション",
    "市内病院に所属する地域連携に携わる者",
    "介護支援専門員連絡会",
    "シルバーサービス事業者連絡会 (訪問介護 入所施設)",
    "定期巡回・随時対応型訪問介護看護サービス事業者",
    "学識経験者",
    "地域包括支援センター",
  ].join("\n"),
  plenaryTopics: [
    "急変時の対応の場面における具体的施策の検討",
    "入退院支援における現状分析及び連携ツール作成の検討",
  ].join("\n"),
};

/** The multi-year plans of seed 003's 年間予定 (R1–R7), with the program's 事業評価 years. */
export const PLAN_PERIODS: Omit<YearPlan["planPeriods"][number], "id" | "order">[] = [
  { name: "第3期", series: "地域福祉計画", startFiscalYear: 2019, endFiscalYear: 2020, milestones: [] },
  { name: "第4期", series: "地域福祉計画", startFiscalYear: 2021, endFiscalYear: 2025, milestones: [] },
  {
    name: "第7期",
    series: "流山市高齢者支援計画",
    startFiscalYear: 2018,
    endFiscalYear: 2020,
    milestones: [],
  },
  {
    name: "第8期",
    series: "流山市高齢者支援計画",
    startFiscalYear: 2021,
    endFiscalYear: 2023,
    milestones: [],
  },
  {
    name: "第9期",
    series: "流山市高齢者支援計画",
    startFiscalYear: 2024,
    endFiscalYear: 2026,
    milestones: [],
  },
  {
    name: "流山市在宅医療介護連携推進事業",
    series: "",
    startFiscalYear: 2019,
    endFiscalYear: 2025,
    milestones: [
      { fiscalYear: 2020, label: "事業評価 ※毎年度末に総括し次期計画を見直し" },
      { fiscalYear: 2023, label: "事業評価" },
    ],
  },
];
