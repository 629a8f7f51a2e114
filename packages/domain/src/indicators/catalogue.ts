/**
 * Indicator definitions (評価指標): structure, process and outcome indicators, how each is
 * counted and normalised for comparison between municipalities, and the starter catalogue
 * every workspace begins with (names and sources from public material).
 */
import type { ItemId, SceneId } from "../plan/vocabulary.js";

export const INDICATOR_TYPES = ["S", "P", "O"] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** count: a number; rate: numerator ÷ denominator in %; yesno: 1/0; score: a survey score. */
export const INDICATOR_KINDS = ["count", "rate", "yesno", "score"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const NORMALISATIONS = ["none", "per10k75", "per10k65", "per10kPop"] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

export const DIRECTIONS = ["up", "down", "none"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Indicators Tsumugi counts itself from its own records. */
export const DERIVED_SOURCES = [
  "meetingsHeld",
  "meetingAttendance",
  "consultations",
  // Participants of the events held: trainings of (カ), outreach to residents of (キ).
  "trainingAttendance",
  "outreachAttendance",
  // Satisfaction (5段階) from the questionnaires of those events.
  "trainingSatisfaction",
  "outreachSatisfaction",
  // Copies of leaflets, booklets and the information paper handed out (配布物の記録).
  "materialsDistributed",
] as const;
export type DerivedSource = (typeof DERIVED_SOURCES)[number];

export interface IndicatorDefinition {
  code: string;
  name: string;
  type: IndicatorType;
  unit: string;
  kind: IndicatorKind;
  normalisation: Normalisation;
  direction: Direction;
  source: string;
  notes: string;
  scenes: SceneId[];
  items: ItemId[];
  /** Values per 年度, or per month of the 年度 as well (operational indicators). */
  monthly: boolean;
  derived: DerivedSource | null;
}

const def = (
  d: Partial<IndicatorDefinition> & Pick<IndicatorDefinition, "code" | "name" | "type" | "unit">,
) =>
  ({
    kind: "count",
    normalisation: "none",
    direction: "up",
    source: "",
    notes: "",
    scenes: [],
    items: [],
    monthly: false,
    derived: null,
    ...d,
  }) satisfies IndicatorDefinition;

export const STARTER_CATALOGUE: readonly IndicatorDefinition[] = [
  def({
    code: "S01",
    name: "在宅療養支援診療所数・病院数",
    type: "S",
    unit: "か所",
    normalisation: "per10k75",
    source: "厚生局 届出、医療施設調査",
    scenes: ["daily", "endOfLife"],
    items: ["a"],
  }),
  def({
    code: "S02",
    name: "在宅療養後方支援病院数",
    type: "S",
    unit: "か所",
    source: "厚生局 届出",
    scenes: ["discharge", "emergency"],
    items: ["a"],
  }),
  def({
    code: "S03",
    name: "訪問薬剤管理指導を行う薬局数",
    type: "S",
    unit: "か所",
    normalisation: "per10k75",
    source: "厚生局 届出",
    scenes: ["daily"],
    items: ["a"],
  }),
  def({
    code: "S04",
    name: "訪問看護ステーション数",
    type: "S",
    unit: "か所",
    normalisation: "per10k75",
    source: "介護サービス情報公表 オープンデータ",
    scenes: ["daily", "endOfLife"],
    items: ["a"],
  }),
  def({
    code: "S05",
    name: "居宅介護支援事業所数",
    type: "S",
    unit: "か所",
    normalisation: "per10k65",
    source: "オープンデータ、見える化",
    items: ["a"],
  }),
  def({
    code: "S06",
    name: "入退院支援ルールの策定",
    type: "S",
    unit: "",
    kind: "yesno",
    source: "自治体",
    scenes: ["discharge"],
    items: ["d"],
  }),
  def({
    code: "S07",
    name: "相談窓口コーディネーター配置数",
    type: "S",
    unit: "人",
    source: "自治体",
    items: ["e"],
  }),
  def({ code: "S08", name: "ICT連携ツール登録者数", type: "S", unit: "人", source: "ツール", items: ["d"] }),
  def({
    code: "P01",
    name: "訪問診療を受けた患者数",
    type: "P",
    unit: "人/年",
    normalisation: "per10k75",
    source: "KDB・NDB",
    scenes: ["daily"],
    items: ["c"],
  }),
  def({
    code: "P02",
    name: "往診件数",
    type: "P",
    unit: "件/年",
    normalisation: "per10k75",
    source: "KDB・NDB",
    scenes: ["emergency"],
    items: ["c"],
  }),
  def({
    code: "P03",
    name: "訪問看護利用者数（介護保険）",
    type: "P",
    unit: "人/月",
    normalisation: "per10k75",
    source: "介護保険事業状況報告",
    scenes: ["daily"],
    items: ["c"],
    monthly: true,
  }),
  def({
    code: "P04",
    name: "入退院支援加算 算定件数",
    type: "P",
    unit: "件/年",
    source: "NDB",
    scenes: ["discharge"],
    items: ["c"],
  }),
  def({
    code: "P05",
    name: "退院調整率",
    type: "P",
    unit: "%",
    kind: "rate",
    source: "自治体調査",
    notes: "退院患者のうちケアマネジャーに引き継がれた割合",
    scenes: ["discharge"],
    items: ["d"],
  }),
  def({
    code: "P06",
    name: "相談件数",
    type: "P",
    unit: "件/年",
    source: "紡ぎの相談記録",
    items: ["e"],
    monthly: true,
    derived: "consultations",
  }),
  def({
    code: "P07",
    name: "多職種研修 参加者数",
    type: "P",
    unit: "人/年",
    source: "紡ぎの研修記録",
    items: ["f"],
    derived: "trainingAttendance",
  }),
  def({
    code: "P08",
    name: "住民啓発（ACP）参加者数",
    type: "P",
    unit: "人/年",
    source: "紡ぎの研修記録",
    derived: "outreachAttendance",
    scenes: ["endOfLife"],
    items: ["g"],
  }),
  def({
    code: "P09",
    name: "協議会・部会 開催回数",
    type: "P",
    unit: "回/年",
    source: "紡ぎの会議記録",
    items: ["b"],
    derived: "meetingsHeld",
  }),
  def({
    code: "P10",
    name: "協議会・部会 延べ出席者数",
    type: "P",
    unit: "人/年",
    source: "紡ぎの会議記録",
    items: ["b"],
    derived: "meetingAttendance",
  }),
  def({
    code: "P11",
    name: "ICT実利用率",
    type: "P",
    unit: "%",
    kind: "rate",
    source: "ツール",
    notes: "実際に利用した人 ÷ 登録者",
    items: ["d"],
  }),
  def({
    code: "P12",
    name: "多職種研修 満足度",
    type: "P",
    unit: "点（5段階）",
    kind: "score",
    source: "紡ぎのアンケート",
    notes: "開催済みの研修のアンケートで満足度（5段階）を答えた人の平均",
    items: ["f"],
    derived: "trainingSatisfaction",
  }),
  def({
    code: "P13",
    name: "住民啓発 満足度",
    type: "P",
    unit: "点（5段階）",
    kind: "score",
    source: "紡ぎのアンケート",
    notes: "開催済みの講座・講演会のアンケートで満足度（5段階）を答えた人の平均",
    scenes: ["endOfLife"],
    items: ["g"],
    derived: "outreachSatisfaction",
  }),
  def({
    code: "P14",
    name: "啓発資材 配布部数",
    type: "P",
    unit: "部/年",
    source: "紡ぎの配布記録",
    notes: "情報紙（全戸配布）・チラシ・ACP冊子などを配布した部数の合計",
    scenes: ["endOfLife"],
    items: ["g"],
    derived: "materialsDistributed",
  }),
  def({
    code: "O01",
    name: "自宅死の割合",
    type: "O",
    unit: "%",
    kind: "rate",
    source: "人口動態統計（死亡の場所）",
    notes: "自宅死には外因死（自殺・孤独死）を含む",
    scenes: ["endOfLife"],
  }),
  def({
    code: "O02",
    name: "老人ホーム死の割合",
    type: "O",
    unit: "%",
    kind: "rate",
    source: "人口動態統計（死亡の場所）",
    scenes: ["endOfLife"],
  }),
  def({
    code: "O03",
    name: "在宅看取り数",
    type: "O",
    unit: "人/年",
    normalisation: "per10k75",
    source: "KDB・NDB",
    scenes: ["endOfLife"],
  }),
  def({
    code: "O04",
    name: "在宅療養の満足度",
    type: "O",
    unit: "点",
    kind: "score",
    source: "自治体調査",
    scenes: ["daily"],
  }),
];

export function isIndicatorType(v: unknown): v is IndicatorType {
  return typeof v === "string" && (INDICATOR_TYPES as readonly string[]).includes(v);
}
export function isIndicatorKind(v: unknown): v is IndicatorKind {
  return typeof v === "string" && (INDICATOR_KINDS as readonly string[]).includes(v);
}
export function isNormalisation(v: unknown): v is Normalisation {
  return typeof v === "string" && (NORMALISATIONS as readonly string[]).includes(v);
}
export function isDirection(v: unknown): v is Direction {
  return typeof v === "string" && (DIRECTIONS as readonly string[]).includes(v);
}

const CODE = /^[A-Za-z0-9_-]{1,20}$/;
export const isIndicatorCode = (v: unknown): v is string => typeof v === "string" && CODE.test(v);
