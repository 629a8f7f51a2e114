/**
 * The demo's fiscal-year plans. 流山市 令和5年度 follows the city's published plan (its scenes,
 * problems, actions per item with short-term goal codes, committee groups and meeting
 * dates); 高松市 平成26〜30年度 follows its published multi-year table, one plan per year,
 * so the multi-year view reads across real-looking years.
 */
import {
  type ActionStatus,
  emptyProfile,
  emptyYearPlan,
  type ItemId,
  type ItemNote,
  newAction,
  newId,
  newProblem,
  nextYearPlan,
  orderKeysAfter,
  type PlanProfile,
  type Problem,
  type ProblemStatus,
  type SceneId,
  sortGoalCodes,
  type YearPlan,
} from "@tsumugi/domain";

type GroupKey = "plenary" | "system" | "training" | "hospital" | "professional" | "citizens" | "secretariat";

interface ActionSeed {
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

interface ProblemSeed {
  title: string;
  scene: SceneId;
  status: ProblemStatus;
  source: Problem["source"];
  group: GroupKey;
  /** Titles of the actions that answer it. */
  actions: string[];
}

const NAGAREYAMA_VISION =
  "医療や介護が必要になっても住み慣れた地域で安心・安全に自分らしく生活ができる。希望すれば最期は自宅で亡くなることができる。";

const SCENE_GOALS: Record<SceneId, string> = {
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
const GOALS: { code: string; scene: SceneId | null; text: string }[] = [
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

function goalsOfItems(items: readonly ItemId[], own: readonly string[]): string[] {
  if (items.length === 0) return [...own];
  const [first, ...rest] = items;
  return sortGoalCodes(
    NAGAREYAMA_ITEM_GOALS[first].filter((code) => rest.every((i) => NAGAREYAMA_ITEM_GOALS[i].includes(code))),
  );
}

const FY = "2023";
const NEXT = "2024";

/**
 * The actions of seed 003's pages per 事業項目 (an action listed under several items is one
 * row filed under each), plus the 入退院支援 scene's 取り組み that no item lists. An action is
 * in the scenes whose slide lists it among its 取り組み, and in none when no slide does.
 * Statuses, progress and months are the demo's.
 */
const ACTIONS: ActionSeed[] = [
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

const PROBLEMS: ProblemSeed[] = [
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
function nagareyamaPeriods(): YearPlan["planPeriods"] {
  const periods: Omit<YearPlan["planPeriods"][number], "id" | "order">[] = [
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
  const keys = orderKeysAfter(null, periods.length);
  return periods.map((p, i) => ({ id: newId(), order: keys[i], ...p }));
}

/** 流山市 令和5年度. `groupIds` maps the demo's group keys to their ids. */
export function nagareyamaPlan2023(groupIds: ReadonlyMap<string, string>): YearPlan {
  const group = (key: GroupKey) => groupIds.get(key) ?? null;
  const actionKeys = orderKeysAfter(null, ACTIONS.length);
  const actions = ACTIONS.map((a, i) =>
    newAction([], {
      order: actionKeys[i],
      title: a.title,
      scenes: a.scenes,
      items: a.items,
      goalCodes: goalsOfItems(a.items, a.goals ?? []),
      ownerGroupId: group(a.group),
      period: { start: a.period[0], end: a.period[1] },
      status: a.status,
      progress: a.progress,
    }),
  );
  const actionId = new Map(actions.map((a) => [a.title, a.id]));
  const problemKeys = orderKeysAfter(null, PROBLEMS.length);
  const problems = PROBLEMS.map((p, i) =>
    newProblem([], {
      order: problemKeys[i],
      title: p.title,
      scenes: [p.scene],
      source: p.source,
      ownerGroupId: group(p.group),
      status: p.status,
      actionIds: p.actions.map((t) => actionId.get(t)).filter((id): id is string => id !== undefined),
    }),
  );
  for (const p of problems) {
    for (const id of p.actionIds) actions.find((a) => a.id === id)?.problemIds.push(p.id);
  }
  const goalKeys = orderKeysAfter(null, GOALS.length);
  const rowKeys = orderKeysAfter(null, NAGAREYAMA_SCHEDULE.length);
  const scheduleRows = NAGAREYAMA_SCHEDULE.map((r, i) => ({
    id: newId(),
    order: rowKeys[i],
    activity: r.activity,
    actionIds: r.actions.map((t) => actionId.get(t)).filter((id): id is string => id !== undefined),
  }));
  const scheduleEvents = NAGAREYAMA_SCHEDULE.flatMap((r, i) =>
    r.events.map(([when, label]) => ({ id: newId(), rowId: scheduleRows[i].id, when, label })),
  );
  return {
    ...emptyYearPlan(2023),
    vision: NAGAREYAMA_VISION,
    sceneGoals: { ...SCENE_GOALS },
    profile: { ...NAGAREYAMA_PROFILE },
    goals: GOALS.map((g, i) => ({ id: newId(), order: goalKeys[i], term: "short", ...g, demo: true })),
    problems,
    actions,
    scheduleRows,
    scheduleEvents,
    planPeriods: nagareyamaPeriods(),
  };
}

/** A weekday on or after the date (meetings and events are held Monday to Friday). */
export function weekdayOnOrAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The plan carried over year by year (unfinished actions and open problems, as people carry
 * it) into `toYear`, each carried action pointing at the one it started as; the 年間予定
 * recurs on the same days (moved to a weekday).
 */
export function rolledOverPlan(plan: YearPlan, toYear: number): YearPlan {
  const origin = new Map<string, string>();
  let next = plan;
  while (next.fiscalYear < toYear) {
    next = nextYearPlan(next, newId);
    for (const a of next.actions) {
      const from = a.carriedFrom?.actionId ?? "";
      origin.set(a.id, origin.get(from) ?? from);
    }
  }
  const shift = toYear - plan.fiscalYear;
  const rowOf = new Map(plan.scheduleRows.map((r, i) => [r.id, next.scheduleRows[i]?.id]));
  const moved = (when: string) => {
    const shifted = `${Number(when.slice(0, 4)) + shift}${when.slice(4)}`;
    return shifted.length === 10 ? weekdayOnOrAfter(shifted) : shifted;
  };
  return {
    ...next,
    actions: next.actions.map((a) => ({
      ...a,
      carriedFrom: { fiscalYear: plan.fiscalYear, actionId: origin.get(a.id) ?? "" },
    })),
    scheduleEvents: plan.scheduleEvents.flatMap((e) => {
      const rowId = rowOf.get(e.rowId);
      return rowId ? [{ ...e, id: newId(), rowId, when: moved(e.when) }] : [];
    }),
  };
}

/** 高松市 年次計画: per item, what each 年度 (FY2014–FY2018) planned. */
const TAKAMATSU: { item: ItemId; years: Partial<Record<number, string[]>> }[] = [
  {
    item: "a",
    years: {
      2015: [
        "医療・薬局・介護サービス等の情報を1か所で集約できるシステムづくりに関する情報収集",
        "掲載情報の調査、配布先の検討等",
      ],
      2016: ["医療介護情報便利帳(仮称)の作成・配布、高松市ホームページにアップ(PDF)"],
      2017: ["医療介護情報便利帳(仮称)のWebページを作成、更新"],
    },
  },
  {
    item: "b",
    years: {
      2014: ["「在宅医療連携会議」を開催(年4回)し、委員より現状と課題を抽出"],
      2015: ["在宅医療連携会議の開催(2か月毎、年6回)"],
    },
  },
  {
    item: "c",
    years: {
      2016: [
        "在宅医療連携会議等から出された意見等を踏まえ、実施事業等を部会で検討",
        "事例検討を通じた課題の抽出と対応策の検討(年3回)",
      ],
    },
  },
  {
    item: "d",
    years: {
      2016: [
        "他自治体等の既存のツールの情報収集",
        "情報共有ツールのひな形を作成する",
        "地域連携パスの仕様を決定する",
      ],
      2017: ["情報共有ツールの活用", "地域連携パスの作成"],
    },
  },
  {
    item: "e",
    years: {
      2014: ["医療につながりにくいケース等について専門医受診等の判断、受診方法の検討などの実施"],
      2015: ["【基金】在宅医療コーディネーター養成研修を実施"],
      2016: ["在宅医療コーディネーターフォローアップ研修を実施"],
    },
  },
  {
    item: "f",
    years: {
      2014: [
        "グループワーク等の多職種参加型研修の実施(年1回)",
        "市内の医療機関の地域医療連携室の職員との研修を実施",
        "介護支援専門員への医療知識の研修を実施(年1回)",
      ],
      2015: ["多職種連携研修会開催(医師、歯科医師、薬剤師、訪問看護師、ケアマネジャー等)(年1回)"],
    },
  },
  {
    item: "g",
    years: {
      2016: ["市民、医療介護関係者向けシンポジウムの開催"],
      2017: ["周知用ちらし・ポスター作成・配布"],
    },
  },
  { item: "h", years: { 2016: ["同一医療圏の三木町及び直島町と協議"] } },
];

/** 高松市's 目的 and 国が示す具体的取組例 per 事業項目, as its table (seed 004) writes them. */
export const TAKAMATSU_ITEM_NOTES: Record<ItemId, ItemNote> = {
  a: {
    purpose: [
      "①市区町村が現状を把握し、施策の立案等に活用するとともに、医療・介護関係者がそれぞれの役割について理解を深める。",
      "②医療・介護関係者の連携に必要な情報を提供することにより、照会先や協力依頼先を適切に選択、連絡できるようにする。",
      "③把握した情報を活用して、地域住民の医療・介護へのアクセスの向上を支援する。",
    ].join("\n"),
    examples: [
      "◆地域の医療機関の分布、医療機関を把握し、リスト・マップ化",
      "◆必要に応じて、連携に有用な項目を調査",
      "◆結果を関係者間で共有",
    ].join("\n"),
  },
  b: {
    purpose: "在宅医療と介護の連携に関する地域の課題を抽出し、その対応策を検討する。",
    examples: "◆地域の医療・介護関係者等が参画する会議を開催し、現状と課題の抽出、対応策を検討",
  },
  c: {
    purpose:
      "医療と介護が必要になっても、住み慣れた地域で可能な限り暮らし続けることができるよう、地域の医療・介護関係者の協力を得ながら、在宅医療と介護が切れ目なく提供される体制の構築を目指した取組を行う。",
    examples: "◆地域の医療・介護関係者の協力を得て、在宅医療・介護サービスの提供体制の構築を推進",
  },
  d: {
    purpose:
      "患者・利用者の在宅療養生活を支えるために、状態の変化等に応じて、医療・介護関係者間で速やかな情報共有が行われる。",
    examples: [
      "◆情報共有シート、地域連携パス等の活用により、医療・介護関係者の情報共有を支援",
      "◆在宅での看取り、急変時の情報共有にも活用",
    ].join("\n"),
  },
  e: {
    purpose:
      "在宅医療・介護連携を支援する相談窓口を設置することにより、地域の医療・介護関係者や地域包括支援センターから、在宅医療・介護連携に関する相談を受け付け、連携調整、情報提供等により、その対応を支援する。",
    examples:
      "◆医療・介護関係者の連携を支援するコーディネーターの配置等による、在宅医療・介護連携に関する相談窓口の設置・運営により、連携の取組を支援",
  },
  f: {
    purpose: [
      "①多職種が連携するためのグループワーク等の研修",
      "地域の医療・介護関係者が、お互いの業務の現状等を知り、忌憚のない意見交換ができる関係を構築するなど、現場レベルで医療と介護の連携が促進されるような研修を提供する。",
      "②医療・介護関係者に対する研修",
      "医療・介護関係者間での連携を円滑にするため、それぞれの職種が、お互いの分野についての知識等を身につける。",
    ].join("\n"),
    examples: [
      "◆地域の医療・介護関係者がグループワーク等を通じ、多職種連携の実際を習得",
      "◆介護職を対象とした医療関連の研修会を開催等",
    ].join("\n"),
  },
  g: {
    purpose:
      "地域住民が、在宅医療や介護、終末期ケアの在り方や在宅での看取りについて理解し、在宅療養が必要になった時に必要なサービスを適切に選択できるように啓発する。",
    examples: [
      "◆地域住民を対象にしたシンポジウム等の開催",
      "◆パンフレット、ちらし、市報、HP等を活用した、在宅医療・介護サービスに関する普及啓発",
      "◆在宅での看取りについての講演会の開催等",
    ].join("\n"),
  },
  h: {
    purpose:
      "複数の関係市区町村が協力して、共通の情報共有の方法等、広域連携が必要な事項について地域の実情に応じて検討する。",
    examples:
      "◆同一の二次医療圏内にある市区町村や隣接する市区町村等が連携して、広域連携が必要な事項について検討",
  },
};

/** 高松市's four 部会 (seed 004: 【4部会設置】). */
export const TAKAMATSU_DIVISIONS = [
  "医療介護情報便利帳(仮称)部会",
  "在宅医療コーディネーター養成研修部会",
  "多職種連携研修部会",
  "退院支援・医療介護連携部会",
] as const;

export const TAKAMATSU_YEARS = [2014, 2015, 2016, 2017, 2018] as const;

/** 高松市's plan of one 年度 from its multi-year table (past years are done). */
export function takamatsuPlan(fiscalYear: number): YearPlan {
  const titles = TAKAMATSU.flatMap((row) =>
    (row.years[fiscalYear] ?? []).map((title) => ({ title, item: row.item })),
  );
  const keys = orderKeysAfter(null, titles.length);
  return {
    ...emptyYearPlan(fiscalYear),
    vision: "医療と介護が必要になっても、住み慣れた地域で可能な限り暮らし続けることができる",
    itemNotes: Object.fromEntries(Object.entries(TAKAMATSU_ITEM_NOTES).map(([k, v]) => [k, { ...v }])),
    profile: {
      ...emptyProfile(),
      programName: "高松市在宅医療・介護連携推進事業",
      committeeName: "在宅医療連携会議",
    },
    actions: titles.map(({ title, item }, i) =>
      newAction([], {
        order: keys[i],
        title,
        items: [item],
        period: { start: `${fiscalYear}-04`, end: `${fiscalYear + 1}-03` },
        status: "done",
        progress: 100,
        evaluation: { grade: "B", comment: "" },
      }),
    ),
  };
}
