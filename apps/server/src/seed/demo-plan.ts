/**
 * The demo's fiscal-year plans. 流山市 令和5年度 follows the city's published plan (its scenes,
 * problems, actions per item with short-term goal codes, committee groups and meeting
 * dates); 高松市 平成26〜30年度 follows its published multi-year table, one plan per year,
 * so the multi-year view reads across real-looking years.
 */
import {
  type Action,
  type ActionStatus,
  emptyYearPlan,
  type ItemId,
  orderKeysAfter,
  type Problem,
  type ProblemStatus,
  type SceneId,
  type YearPlan,
} from "@tsumugi/domain";
import { newId } from "../ids.js";

type GroupKey = "plenary" | "system" | "training" | "hospital" | "professional" | "citizens" | "secretariat";

interface ActionSeed {
  title: string;
  scenes: SceneId[];
  items: ItemId[];
  goals: string[];
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

const GOALS: { code: string; scene: SceneId | null; text: string }[] = [
  { code: "1-①", scene: "daily", text: "多職種が顔の見える関係で日常の療養生活を支える" },
  { code: "1-②", scene: "daily", text: "専門職がACP（人生会議）を支援できる" },
  { code: "1-③", scene: "daily", text: "市民と専門職が在宅療養に必要な情報にたどり着ける" },
  { code: "1-④", scene: "daily", text: "在宅医療介護連携の相談窓口が知られ、使われている" },
  { code: "2-②", scene: "discharge", text: "入退院時に必要な情報が病院と在宅の間で確実に共有される" },
  { code: "3-①", scene: "emergency", text: "急変時に本人の意思と必要な情報が救急・医療に伝わる" },
];

const FY = "2023";
const NEXT = "2024";

const ACTIONS: ActionSeed[] = [
  {
    title: "GIS（地理情報システム）を活用した介護保険事業者情報の更新",
    scenes: ["daily"],
    items: ["a"],
    goals: ["1-③"],
    group: "secretariat",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 60,
  },
  {
    title: "医療に関する情報は「ちば医療ナビ」を案内する",
    scenes: ["daily"],
    items: ["a", "c"],
    goals: ["1-③"],
    group: "secretariat",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 80,
  },
  {
    title: "市HPを再編し、市民向けの窓口となるページを作成する",
    scenes: ["daily"],
    items: ["a", "g"],
    goals: ["1-③", "1-①"],
    group: "citizens",
    period: [`${FY}-06`, `${FY}-12`],
    status: "inProgress",
    progress: 40,
  },
  {
    title: "在宅療養支援診療所の看取りも含めた実態把握のための調査",
    scenes: ["daily", "endOfLife"],
    items: ["a", "b"],
    goals: ["3-①", "1-③"],
    group: "system",
    period: [`${FY}-07`, `${FY}-11`],
    status: "inProgress",
    progress: 50,
  },
  {
    title: "「医療・介護連携に関する連絡可能時間一覧表」の必要性と内容の妥当性をアンケートで検討",
    scenes: ["daily"],
    items: ["a", "c", "d"],
    goals: ["1-③", "2-②"],
    group: "system",
    period: [`${FY}-06`, `${FY}-09`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "医療・介護関係者間の情報共有の現状とカナミックの活用についての調査",
    scenes: ["daily"],
    items: ["b", "d"],
    goals: ["1-①", "3-①"],
    group: "system",
    period: [`${FY}-05`, `${FY}-10`],
    status: "inProgress",
    progress: 70,
  },
  {
    title: "ショートステイ等の空き状況掲載：アンケート集計の完了と利用者のニーズ調査",
    scenes: ["daily"],
    items: ["b", "d"],
    goals: ["1-③"],
    group: "secretariat",
    period: [`${FY}-04`, `${FY}-08`],
    status: "done",
    progress: 100,
  },
  {
    title: "入退院支援における課題把握と現状分析",
    scenes: ["discharge"],
    items: ["b"],
    goals: ["2-②"],
    group: "hospital",
    period: [`${FY}-05`, `${FY}-12`],
    status: "inProgress",
    progress: 45,
  },
  {
    title: "「千葉県地域生活連携シート」の活用実態調査と流山市版ツールの作成検討",
    scenes: ["discharge"],
    items: ["c", "d"],
    goals: ["2-②", "1-③"],
    group: "hospital",
    period: [`${FY}-07`, `${NEXT}-03`],
    status: "inProgress",
    progress: 30,
  },
  {
    title: "専門職間の情報連携方法の調査",
    scenes: ["discharge"],
    items: ["d"],
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
    goals: ["3-①"],
    group: "system",
    period: [`${FY}-07`, `${FY}-07`],
    status: "done",
    progress: 100,
  },
  {
    title: "本人情報連携シートと急変時対応マニュアルの作成、カナミックでの共有の検討",
    scenes: ["emergency"],
    items: ["d"],
    goals: ["3-①", "1-①"],
    group: "system",
    period: [`${FY}-09`, `${NEXT}-03`],
    status: "inProgress",
    progress: 20,
  },
  {
    title: "急変時における関係者情報連携シートの作成検討",
    scenes: ["emergency"],
    items: ["d"],
    goals: ["3-①"],
    group: "system",
    period: [`${FY}-10`, `${NEXT}-03`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "R4年度連携会議の職能紹介のまとめをカナミックに掲載",
    scenes: ["daily"],
    items: ["d"],
    goals: ["1-①"],
    group: "secretariat",
    period: [`${FY}-05`, `${FY}-06`],
    status: "done",
    progress: 100,
  },
  {
    title: "病院連携窓口一覧表の活用の検討",
    scenes: ["discharge"],
    items: ["d", "h"],
    goals: ["2-②"],
    group: "hospital",
    period: [`${FY}-10`, `${NEXT}-02`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "在宅医療介護連携の相談窓口の周知",
    scenes: ["daily"],
    items: ["e"],
    goals: ["1-④"],
    group: "secretariat",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 50,
  },
  {
    title: "つむぐ会へ気負わずに参加できる開催方法と内容の検討",
    scenes: ["daily"],
    items: ["f", "b"],
    goals: ["1-①"],
    group: "professional",
    period: [`${FY}-04`, `${FY}-09`],
    status: "inProgress",
    progress: 60,
  },
  {
    title: "看取り支援やACPに関する専門職向けの研修（VR、Zoom）の開催",
    scenes: ["endOfLife"],
    items: ["f"],
    goals: ["1-②"],
    group: "professional",
    period: [`${FY}-10`, `${FY}-12`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "在宅看取り推進のためのチームづくりとして症例検討会を開催",
    scenes: ["endOfLife"],
    items: ["f"],
    goals: ["1-②", "2-②"],
    group: "professional",
    period: [`${FY}-06`, `${NEXT}-03`],
    status: "inProgress",
    progress: 35,
  },
  {
    title: "市民公開講座の開催（テーマ・内容・開催方法の検討）",
    scenes: ["daily", "endOfLife"],
    items: ["g"],
    goals: ["1-①", "1-②"],
    group: "citizens",
    period: [`${FY}-06`, `${FY}-12`],
    status: "inProgress",
    progress: 40,
  },
  {
    title: "おうち療養情報紙の発行（3月）",
    scenes: ["daily", "emergency"],
    items: ["g"],
    goals: ["1-③", "1-②"],
    group: "citizens",
    period: [`${FY}-10`, `${NEXT}-03`],
    status: "notStarted",
    progress: 0,
  },
  {
    title: "出前講座・市民公開講座・情報紙によるACP（人生会議）の普及",
    scenes: ["emergency", "endOfLife"],
    items: ["g"],
    goals: ["1-②"],
    group: "citizens",
    period: [`${FY}-04`, `${NEXT}-03`],
    status: "inProgress",
    progress: 55,
  },
  {
    title: "東葛北部5市会議への参加",
    scenes: [],
    items: ["h"],
    goals: [],
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
    actions: ["出前講座・市民公開講座・情報紙によるACP（人生会議）の普及"],
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

/** Activities × dates of the year, as on the plan's 年間予定 slide. */
const SCHEDULE: { activity: string; events: [string, string][]; actions: string[] }[] = [
  {
    activity: "連携会議",
    events: [
      [`${FY}-05-25`, "第1回"],
      [`${FY}-07-31`, "第2回"],
      [`${FY}-09-15`, "第3回"],
      [`${NEXT}-01-25`, "第4回"],
      [`${NEXT}-03-28`, "第5回"],
    ],
    actions: [],
  },
  {
    activity: "つむぐ会",
    events: [
      [`${FY}-06-30`, "つむぐ会"],
      [`${FY}-08`, "つむぐ会（日程未定）"],
      [`${FY}-10`, "つむぐ会（10月か11月）"],
      [`${FY}-12-14`, "つむぐ会"],
      [`${NEXT}-03-01`, "つむぐ会"],
    ],
    actions: ["つむぐ会へ気負わずに参加できる開催方法と内容の検討"],
  },
  { activity: "ICT研修", events: [[`${FY}-10`, "カナミック研修会"]], actions: [] },
  {
    activity: "市民啓発",
    events: [
      [`${FY}-11`, "市民公開講座（11月か12月）"],
      [`${NEXT}-03`, "おうち療養情報紙"],
    ],
    actions: ["市民公開講座の開催（テーマ・内容・開催方法の検討）", "おうち療養情報紙の発行（3月）"],
  },
  {
    activity: "広域会議",
    events: [
      [`${FY}-07`, "東葛北部5市会議"],
      [`${NEXT}-01`, "東葛北部5市会議"],
    ],
    actions: ["東葛北部5市会議への参加"],
  },
];

function baseAction(fields: Partial<Action> & Pick<Action, "id" | "order" | "title">): Action {
  return {
    detail: "",
    scenes: [],
    items: [],
    goalCodes: [],
    ownerGroupId: null,
    ownerUserId: null,
    ownerName: "",
    period: { start: null, end: null },
    status: "notStarted",
    progress: 0,
    weight: 1,
    problemIds: [],
    indicatorIds: [],
    evaluation: { grade: null, comment: "" },
    nextStep: "",
    carriedFrom: null,
    budget: null,
    fundingSource: null,
    ...fields,
  };
}

/** 流山市 令和5年度. `groupIds` maps the demo's group keys to their ids. */
export function nagareyamaPlan2023(groupIds: ReadonlyMap<string, string>): YearPlan {
  const group = (key: GroupKey) => groupIds.get(key) ?? null;
  const actionKeys = orderKeysAfter(null, ACTIONS.length);
  const actions = ACTIONS.map((a, i) =>
    baseAction({
      id: newId(),
      order: actionKeys[i],
      title: a.title,
      scenes: a.scenes,
      items: a.items,
      goalCodes: a.goals,
      ownerGroupId: group(a.group),
      period: { start: a.period[0], end: a.period[1] },
      status: a.status,
      progress: a.progress,
    }),
  );
  const actionId = new Map(actions.map((a) => [a.title, a.id]));
  const problemKeys = orderKeysAfter(null, PROBLEMS.length);
  const problems: Problem[] = PROBLEMS.map((p, i) => ({
    id: newId(),
    order: problemKeys[i],
    title: p.title,
    detail: "",
    scenes: [p.scene],
    items: [],
    source: p.source,
    ownerGroupId: group(p.group),
    status: p.status,
    actionIds: p.actions.map((t) => actionId.get(t)).filter((id): id is string => id !== undefined),
  }));
  for (const p of problems) {
    for (const id of p.actionIds) actions.find((a) => a.id === id)?.problemIds.push(p.id);
  }
  const goalKeys = orderKeysAfter(null, GOALS.length);
  const rowKeys = orderKeysAfter(null, SCHEDULE.length);
  const scheduleRows = SCHEDULE.map((r, i) => ({
    id: newId(),
    order: rowKeys[i],
    activity: r.activity,
    actionIds: r.actions.map((t) => actionId.get(t)).filter((id): id is string => id !== undefined),
  }));
  const scheduleEvents = SCHEDULE.flatMap((r, i) =>
    r.events.map(([when, label]) => ({ id: newId(), rowId: scheduleRows[i].id, when, label })),
  );
  const periodKeys = orderKeysAfter(null, 3);
  return {
    ...emptyYearPlan(2023),
    vision: NAGAREYAMA_VISION,
    sceneGoals: { ...SCENE_GOALS },
    goals: GOALS.map((g, i) => ({ id: newId(), order: goalKeys[i], term: "short", ...g })),
    problems,
    actions,
    scheduleRows,
    scheduleEvents,
    planPeriods: [
      {
        id: newId(),
        order: periodKeys[0],
        name: "第7期",
        series: "流山市高齢者支援計画",
        startFiscalYear: 2018,
        endFiscalYear: 2020,
        milestones: [],
      },
      {
        id: newId(),
        order: periodKeys[1],
        name: "第8期",
        series: "流山市高齢者支援計画",
        startFiscalYear: 2021,
        endFiscalYear: 2023,
        milestones: [],
      },
      {
        id: newId(),
        order: periodKeys[2],
        name: "第9期",
        series: "流山市高齢者支援計画",
        startFiscalYear: 2024,
        endFiscalYear: 2026,
        milestones: [],
      },
    ],
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
    actions: titles.map(({ title, item }, i) =>
      baseAction({
        id: newId(),
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
