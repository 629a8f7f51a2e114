/**
 * The coded fields of a consultation record (相談支援, item (オ)): how the consultation came
 * in, who consulted, the person concerned, what it was about, how the desk responded, and the
 * follow-up. Ids are stored and counted; labels are what coordinators and officials read (the
 * web app shows these labels, the statistics and exports print them).
 */

export const CONSULTATION_METHODS = [
  { id: "phone", label: "電話" },
  { id: "walkIn", label: "来所" },
  { id: "visit", label: "訪問" },
  { id: "email", label: "メール" },
  { id: "fax", label: "FAX" },
  { id: "online", label: "オンライン" },
] as const;
export type ConsultationMethod = (typeof CONSULTATION_METHODS)[number]["id"];

/** Who consulted the desk (相談者). */
export const CONSULTER_TYPES = [
  { id: "self", label: "本人" },
  { id: "family", label: "家族" },
  { id: "doctor", label: "医師" },
  { id: "nurse", label: "看護師" },
  { id: "careManager", label: "ケアマネジャー" },
  { id: "communityCenter", label: "地域包括支援センター" },
  { id: "hospitalLiaison", label: "病院地域連携室" },
  { id: "pharmacy", label: "薬局" },
  { id: "other", label: "その他" },
] as const;
export type ConsulterType = (typeof CONSULTER_TYPES)[number]["id"];

export const AGE_BANDS = [
  { id: "under40", label: "40歳未満" },
  { id: "40to64", label: "40〜64歳" },
  { id: "65to74", label: "65〜74歳" },
  { id: "75to84", label: "75〜84歳" },
  { id: "85to94", label: "85〜94歳" },
  { id: "95plus", label: "95歳以上" },
  { id: "unknown", label: "不明" },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]["id"];

export const SEXES = [
  { id: "female", label: "女性" },
  { id: "male", label: "男性" },
  { id: "other", label: "その他" },
  { id: "unknown", label: "不明" },
] as const;
export type Sex = (typeof SEXES)[number]["id"];

/** 要介護度 (care need level), with the states before a level is known. */
export const CARE_LEVELS = [
  { id: "none", label: "未申請" },
  { id: "applying", label: "申請中" },
  { id: "notEligible", label: "非該当" },
  { id: "programme", label: "事業対象者" },
  { id: "support1", label: "要支援1" },
  { id: "support2", label: "要支援2" },
  { id: "care1", label: "要介護1" },
  { id: "care2", label: "要介護2" },
  { id: "care3", label: "要介護3" },
  { id: "care4", label: "要介護4" },
  { id: "care5", label: "要介護5" },
  { id: "unknown", label: "不明" },
] as const;
export type CareLevel = (typeof CARE_LEVELS)[number]["id"];

export const LIVING_SITUATIONS = [
  { id: "alone", label: "独居" },
  { id: "elderlyOnly", label: "高齢者のみ世帯" },
  { id: "withFamily", label: "家族と同居" },
  { id: "facility", label: "施設入所" },
  { id: "inHospital", label: "入院中" },
  { id: "other", label: "その他" },
  { id: "unknown", label: "不明" },
] as const;
export type LivingSituation = (typeof LIVING_SITUATIONS)[number]["id"];

/** The main condition of the person concerned (主な疾患・状態). */
export const MAIN_CONDITIONS = [
  { id: "cancer", label: "がん" },
  { id: "dementia", label: "認知症" },
  { id: "stroke", label: "脳血管疾患" },
  { id: "heart", label: "心疾患" },
  { id: "respiratory", label: "呼吸器疾患" },
  { id: "intractable", label: "神経難病" },
  { id: "musculoskeletal", label: "骨折・運動器疾患" },
  { id: "frailty", label: "老衰・フレイル" },
  { id: "other", label: "その他" },
  { id: "unknown", label: "不明" },
] as const;
export type MainCondition = (typeof MAIN_CONDITIONS)[number]["id"];

/** What the consultation was about; several may apply. */
export const CONSULTATION_TOPICS = [
  { id: "admission", label: "入退院" },
  { id: "homeCareStart", label: "在宅医療の導入" },
  { id: "referral", label: "医療機関・事業所の紹介" },
  { id: "endOfLife", label: "看取り" },
  { id: "acp", label: "ACP" },
  { id: "emergency", label: "急変時" },
  { id: "dementia", label: "認知症" },
  { id: "collaboration", label: "多職種連携" },
  { id: "system", label: "制度" },
  { id: "other", label: "その他" },
] as const;
export type ConsultationTopic = (typeof CONSULTATION_TOPICS)[number]["id"];

/** How the desk responded; several may apply. `connect` names the organisation. */
export const CONSULTATION_RESPONSES = [
  { id: "information", label: "情報提供" },
  { id: "coordination", label: "連絡調整" },
  { id: "accompany", label: "同行訪問" },
  { id: "meeting", label: "会議の開催" },
  { id: "connect", label: "他機関へつなぐ" },
] as const;
export type ConsultationResponse = (typeof CONSULTATION_RESPONSES)[number]["id"];

export const FOLLOW_UP_STATUSES = [
  { id: "none", label: "不要" },
  { id: "open", label: "対応予定" },
  { id: "done", label: "完了" },
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]["id"];

/** A published example (主な相談内容と対応): drafted, approved by the secretariat, public. */
export const EXAMPLE_STATUSES = [
  { id: "draft", label: "作成中" },
  { id: "submitted", label: "承認待ち" },
  { id: "returned", label: "差し戻し" },
  { id: "published", label: "公開中" },
  { id: "withdrawn", label: "公開停止" },
] as const;
export type ExampleStatus = (typeof EXAMPLE_STATUSES)[number]["id"];

/** Why records or statistics are exported (kept in the access log with who and when). */
export const EXPORT_REASONS = [
  { id: "evaluation", label: "事業評価・統計" },
  { id: "meeting", label: "会議資料" },
  { id: "report", label: "報告（県・国）" },
  { id: "audit", label: "監査・点検" },
  { id: "other", label: "その他" },
] as const;
export type ExportReason = (typeof EXPORT_REASONS)[number]["id"];

type Vocabulary = readonly { readonly id: string; readonly label: string }[];

/** The ids of a vocabulary, as a tuple for zod's enum. */
export function vocabularyIds<const V extends Vocabulary>(v: V): [V[number]["id"], ...V[number]["id"][]] {
  return v.map((x) => x.id) as [V[number]["id"], ...V[number]["id"][]];
}

/** The label of an id, or the id itself when the vocabulary does not know it. */
export function labelOf(v: Vocabulary, id: string): string {
  return v.find((x) => x.id === id)?.label ?? id;
}

export function isCodeOf<const V extends Vocabulary>(v: V, value: unknown): value is V[number]["id"] {
  return typeof value === "string" && v.some((x) => x.id === value);
}

/** The coded dimensions statistics are counted by (desk and 日常生活圏域 are the workspace's own). */
export const STATISTIC_DIMENSIONS = ["consulterType", "topic", "method", "response", "desk", "area"] as const;
export type StatisticDimension = (typeof STATISTIC_DIMENSIONS)[number];

export const STATISTIC_DIMENSION_LABELS: Record<StatisticDimension, string> = {
  consulterType: "相談者",
  topic: "相談内容",
  method: "相談方法",
  response: "対応",
  desk: "相談窓口",
  area: "日常生活圏域",
};

/** The fixed vocabulary of a coded dimension (desk and area have none: they are named rows). */
export const DIMENSION_VOCABULARY: Partial<Record<StatisticDimension, Vocabulary>> = {
  consulterType: CONSULTER_TYPES,
  topic: CONSULTATION_TOPICS,
  method: CONSULTATION_METHODS,
  response: CONSULTATION_RESPONSES,
};
