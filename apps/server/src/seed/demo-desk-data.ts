/**
 * What the demo's consultation desk is made of: its 日常生活圏域 and desks, the kinds of
 * consultation and how often each comes, made-up names, and its examples. Written by
 * demo-desk.ts, drawn with a deterministic generator so the demo is the same everywhere.
 */
import type {
  AgeBand,
  CareLevel,
  ConsultationMethod,
  ConsultationResponse,
  ConsultationTopic,
  ConsulterType,
  LivingSituation,
  MainCondition,
  Sex,
} from "@tsumugi/domain";
import type { DeskRecord } from "../desk/desk-repository.js";

export const DEMO_DESK_NAME = "流山市在宅医療・介護連携支援センター";
export const AREAS = ["北部", "中部", "南部", "東部"];

/** Deterministic pseudo-random numbers (the demo is the same on every machine). */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function pick<T>(r: () => number, items: readonly T[], weights?: readonly number[]): T {
  if (!weights) return items[Math.floor(r() * items.length)];
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

export const METHODS: ConsultationMethod[] = ["phone", "walkIn", "visit", "email", "fax", "online"];
export const METHOD_WEIGHTS = [60, 15, 10, 8, 4, 3];
export const CONSULTERS: ConsulterType[] = [
  "careManager",
  "family",
  "hospitalLiaison",
  "communityCenter",
  "nurse",
  "doctor",
  "self",
  "pharmacy",
  "other",
];
export const CONSULTER_WEIGHTS = [30, 22, 14, 10, 8, 6, 5, 3, 2];

/** What a consultation was about, how it was answered, in words a coordinator writes. */
export const SCENARIOS: {
  topics: ConsultationTopic[];
  responses: ConsultationResponse[];
  content: string;
  response: string;
  referral?: string;
}[] = [
  {
    topics: ["admission"],
    responses: ["coordination"],
    content: "入院中の利用者の退院日が急に決まった。退院前カンファレンスの調整を相談したい。",
    response: "病院地域連携室に連絡し、退院前カンファレンスの日程を調整した。",
  },
  {
    topics: ["homeCareStart", "referral"],
    responses: ["information", "connect"],
    content: "通院が難しくなってきたので、訪問診療をしてくれる医師を探している。",
    response: "地区の訪問診療医の一覧を説明し、希望の医療機関へつないだ。",
    referral: "訪問診療を行う診療所（例）",
  },
  {
    topics: ["endOfLife", "acp"],
    responses: ["information", "coordination"],
    content: "自宅で最期を迎えたいという本人の希望を家族が知り、何を準備すればよいか知りたい。",
    response: "看取りまでの流れと人生会議（ACP）の進め方を説明し、主治医・訪問看護と話し合う場を調整した。",
  },
  {
    topics: ["emergency"],
    responses: ["information"],
    content: "夜間に容体が変わったときの連絡先を、本人・家族とどう共有すればよいか。",
    response: "救急医療情報キットと、急変時の連絡先を整理するシートを紹介した。",
  },
  {
    topics: ["dementia"],
    responses: ["coordination", "accompany"],
    content: "認知症の進行で服薬の管理が難しくなっている。支援の方法を相談したい。",
    response: "薬局・訪問看護と服薬支援の方法を検討し、同行訪問で状況を確認した。",
  },
  {
    topics: ["collaboration"],
    responses: ["meeting"],
    content: "医療と介護の関係者で情報の共有がうまくいかない事例がある。",
    response: "関係者による事例検討の場を設け、情報共有の方法を確認した。",
  },
  {
    topics: ["system"],
    responses: ["information"],
    content: "医療保険と介護保険の訪問看護の違いを知りたい。",
    response: "制度の違いと利用の流れを説明した。",
  },
  {
    topics: ["referral"],
    responses: ["information", "connect"],
    content: "医療的ケア（在宅酸素）に対応できる通所サービスを探している。",
    response: "対応できる事業所の情報を提供し、地域包括支援センターへつないだ。",
    referral: "地域包括支援センター（例）",
  },
];

export const GIVEN = ["一郎", "花子", "次郎", "和子", "三郎", "幸子", "正", "節子", "清", "美代子"];
export const FAMILY = ["デモ", "見本", "例"];

/** The case's facts, drawn in this order, with their weights where some are commoner. */
export const AGE_BANDS: AgeBand[] = ["65to74", "75to84", "85to94", "95plus", "40to64"];
export const AGE_WEIGHTS = [20, 35, 30, 5, 10];
export const SEXES: Sex[] = ["female", "male"];
export const CARE_LEVELS: CareLevel[] = [
  "none",
  "applying",
  "support2",
  "care1",
  "care2",
  "care3",
  "care4",
  "care5",
];
export const LIVING: LivingSituation[] = ["alone", "elderlyOnly", "withFamily", "inHospital"];
export const CONDITIONS: MainCondition[] = [
  "cancer",
  "dementia",
  "stroke",
  "heart",
  "respiratory",
  "frailty",
];

type DeskText = Pick<
  DeskRecord,
  "name" | "hours" | "phone" | "email" | "address" | "howToConsult" | "defaultMethod"
>;

/** The center, on the public desk page, and its 出張相談 in the east (東部). */
export const DESKS: { main: DeskText; east: DeskText } = {
  main: {
    name: DEMO_DESK_NAME,
    hours: "月〜金 8:30〜17:15（祝日・年末年始を除く）",
    phone: "04-0000-0000（デモ）",
    email: "renkei@demo.tsumugi.jp",
    address: "流山市平和台1-1-1（デモ）",
    howToConsult:
      "在宅での療養や介護について、医療・介護の関係者や市民の方からの相談を受けます。電話でご相談ください。来所・訪問も承ります。相談は無料で、秘密は守ります。",
    defaultMethod: "phone",
  },
  east: {
    name: "東部 出張相談窓口",
    hours: "毎月第2・第4水曜 13:00〜16:00",
    phone: "04-0000-0001（デモ）",
    email: "",
    address: "東部地域の公民館（デモ）",
    howToConsult: "予約なしでご相談いただけます。混み合うときはお待ちいただくことがあります。",
    defaultMethod: "walkIn",
  },
};

/** Published examples (主な相談内容と対応) and one waiting for approval. */
export const EXAMPLES: {
  title: string;
  question: string;
  answer: string;
  topics: ConsultationTopic[];
  consulterType: ConsulterType;
  status: "published" | "submitted";
}[] = [
  {
    title: "退院が急に決まったとき",
    question: "ケアマネジャーから「入院中の利用者の退院日が急に決まり、在宅の準備が間に合わない」との相談。",
    answer:
      "病院の地域連携室と連絡を取り、退院前カンファレンスを開いて、訪問診療・訪問看護・福祉用具の準備を関係者で分担した。",
    topics: ["admission"],
    consulterType: "careManager",
    status: "published",
  },
  {
    title: "自宅で最期を迎えたい",
    question: "家族から「本人が自宅で最期を迎えたいと言っている。何を準備すればよいか」との相談。",
    answer:
      "看取りまでの経過と、人生会議（ACP）で本人の思いを共有する方法を説明し、主治医・訪問看護と話し合う場を設けた。",
    topics: ["endOfLife", "acp"],
    consulterType: "family",
    status: "published",
  },
  {
    title: "訪問診療をしてくれる医師を探したい",
    question: "家族から「通院が難しくなった。家に来てくれる医師はいるか」との相談。",
    answer: "地区で訪問診療を行う医療機関の情報を提供し、希望する医療機関へ連絡をつないだ。",
    topics: ["homeCareStart", "referral"],
    consulterType: "family",
    status: "published",
  },
  {
    title: "服薬の管理が難しくなった",
    question: "訪問看護師から「認知症の進行で薬の飲み忘れが増えている」との相談。",
    answer: "薬局と連携して一包化とお薬カレンダーを導入し、訪問の曜日に合わせた確認の方法を決めた。",
    topics: ["dementia"],
    consulterType: "nurse",
    status: "submitted",
  },
];
