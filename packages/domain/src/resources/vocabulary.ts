/**
 * The resource directory's fixed vocabularies (医療・介護資源): kinds of resource, care facility
 * types, services offered, ways professionals may be contacted, days of the week. Ids are
 * stored; labels are what officials and residents read.
 */

export const RESOURCE_KINDS = [
  { id: "hospital", label: "病院" },
  { id: "clinic", label: "診療所" },
  { id: "dental", label: "歯科診療所" },
  { id: "pharmacy", label: "薬局" },
  { id: "visitingNursing", label: "訪問看護ステーション" },
  { id: "careManagement", label: "居宅介護支援事業所" },
  { id: "communityCenter", label: "地域包括支援センター" },
  { id: "careFacility", label: "介護施設" },
  { id: "shortStay", label: "ショートステイ" },
  { id: "careService", label: "在宅介護サービス" },
  { id: "other", label: "その他" },
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number]["id"];
export const RESOURCE_KIND_IDS = RESOURCE_KINDS.map((k) => k.id) as [ResourceKind, ...ResourceKind[]];

export function isResourceKind(value: unknown): value is ResourceKind {
  return typeof value === "string" && (RESOURCE_KIND_IDS as readonly string[]).includes(value);
}

export function resourceKindLabel(kind: ResourceKind): string {
  return RESOURCE_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** Types of care facility (介護施設 by type), shown as the entry's 種別. */
export const CARE_FACILITY_TYPES = [
  "特別養護老人ホーム",
  "介護老人保健施設",
  "介護医療院",
  "認知症高齢者グループホーム",
  "有料老人ホーム",
  "サービス付き高齢者向け住宅",
  "軽費老人ホーム",
  "小規模多機能型居宅介護",
  "看護小規模多機能型居宅介護",
] as const;

/** Services offered, as tags (what "who can do X" searches for). */
export const SERVICE_TAGS = [
  { id: "homeVisits", label: "訪問診療" },
  { id: "urgentVisits", label: "往診" },
  { id: "allHours", label: "24時間対応" },
  { id: "endOfLife", label: "看取り" },
  { id: "palliative", label: "緩和ケア" },
  { id: "homeOxygen", label: "在宅酸素" },
  { id: "parenteralNutrition", label: "中心静脈栄養" },
  { id: "tubeFeeding", label: "経管栄養・胃ろう" },
  { id: "suction", label: "喀痰吸引" },
  { id: "ventilator", label: "人工呼吸器" },
  { id: "pressureUlcer", label: "褥瘡処置" },
  { id: "dementia", label: "認知症対応" },
  { id: "dentalVisits", label: "訪問歯科" },
  { id: "sterileCompounding", label: "無菌調剤" },
  { id: "pharmacistVisits", label: "訪問薬剤管理指導" },
  { id: "rehabilitation", label: "訪問リハビリ" },
  { id: "emergencyBeds", label: "急変時の受入れ" },
  { id: "respite", label: "レスパイト入院" },
] as const;
export type ServiceTag = (typeof SERVICE_TAGS)[number]["id"];
export const SERVICE_TAG_IDS = SERVICE_TAGS.map((s) => s.id) as [ServiceTag, ...ServiceTag[]];

export function isServiceTag(value: unknown): value is ServiceTag {
  return typeof value === "string" && (SERVICE_TAG_IDS as readonly string[]).includes(value);
}

export function serviceTagLabel(tag: ServiceTag): string {
  return SERVICE_TAGS.find((s) => s.id === tag)?.label ?? tag;
}

/** How professionals may get in touch (連絡可能時間一覧表). */
export const CONTACT_METHODS = [
  { id: "phone", label: "電話" },
  { id: "fax", label: "FAX" },
  { id: "email", label: "メール" },
  { id: "ict", label: "ICT（カナミック等）" },
  { id: "visit", label: "来訪" },
] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number]["id"];
export const CONTACT_METHOD_IDS = CONTACT_METHODS.map((m) => m.id) as [ContactMethod, ...ContactMethod[]];

export function contactMethodLabel(method: ContactMethod): string {
  return CONTACT_METHODS.find((m) => m.id === method)?.label ?? method;
}

/** Days of an opening-hours table: Monday to Sunday, then public holidays. */
export const WEEK_DAYS = [
  { id: "mon", label: "月" },
  { id: "tue", label: "火" },
  { id: "wed", label: "水" },
  { id: "thu", label: "木" },
  { id: "fri", label: "金" },
  { id: "sat", label: "土" },
  { id: "sun", label: "日" },
  { id: "hol", label: "祝" },
] as const;
export type WeekDay = (typeof WEEK_DAYS)[number]["id"];
export const WEEK_DAY_IDS = WEEK_DAYS.map((d) => d.id) as [WeekDay, ...WeekDay[]];

/** Opening hours: per day a short text ("9:00〜12:00／14:00〜18:00", "休"; "" not stated). */
export type Hours = Record<WeekDay, string> & { note: string };

export const EMPTY_HOURS: Hours = {
  mon: "",
  tue: "",
  wed: "",
  thu: "",
  fri: "",
  sat: "",
  sun: "",
  hol: "",
  note: "",
};

export const HOURS_DAY_MAX = 40;
export const HOURS_NOTE_MAX = 200;

/** One line per day with hours, for lists and print: "月〜金 9:00〜18:00 / 土 9:00〜12:00". */
export function hoursSummary(hours: Hours): string {
  const groups: { from: WeekDay; to: WeekDay; text: string }[] = [];
  for (const day of WEEK_DAY_IDS) {
    const text = hours[day].trim();
    if (!text) continue;
    const last = groups.at(-1);
    const adjacent = last && WEEK_DAY_IDS.indexOf(last.to) === WEEK_DAY_IDS.indexOf(day) - 1;
    if (last && adjacent && last.text === text && day !== "hol") last.to = day;
    else groups.push({ from: day, to: day, text });
  }
  const label = (d: WeekDay) => WEEK_DAYS.find((x) => x.id === d)?.label ?? d;
  const parts = groups.map((g) =>
    g.from === g.to ? `${label(g.from)} ${g.text}` : `${label(g.from)}〜${label(g.to)} ${g.text}`,
  );
  if (hours.note.trim()) parts.push(hours.note.trim());
  return parts.join(" / ");
}
