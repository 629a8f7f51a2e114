/**
 * Trainings and outreach (研修・普及啓発, items (カ) and (キ)): the kinds of event, who attends
 * (職種), the event's life, 出前講座 requests and printed materials handed out.
 */
import type { ItemId } from "../plan/vocabulary.js";

/**
 * Kinds of event. `item` says which of the program's items the event counts towards:
 * (カ) 医療・介護関係者の研修 = "f", (キ) 地域住民への普及啓発 = "g". その他 counts towards
 * neither unless its audience says so (see `eventItem`).
 */
export const EVENT_KINDS = [
  { id: "multidisciplinary", label: "多職種研修", item: "f" },
  { id: "caseStudy", label: "症例検討会", item: "f" },
  { id: "coordinator", label: "コーディネーター研修", item: "f" },
  { id: "publicLecture", label: "市民公開講座", item: "g" },
  { id: "outreachLecture", label: "出前講座", item: "g" },
  { id: "symposium", label: "シンポジウム", item: "g" },
  { id: "awareness", label: "啓発イベント", item: "g" },
  { id: "other", label: "その他", item: null },
] as const satisfies readonly { id: string; label: string; item: ItemId | null }[];
export type EventKind = (typeof EVENT_KINDS)[number]["id"];
export const EVENT_KIND_IDS = EVENT_KINDS.map((k) => k.id) as [EventKind, ...EventKind[]];

/** Who the event is for. */
export const EVENT_AUDIENCES = [
  { id: "professionals", label: "医療・介護関係者" },
  { id: "residents", label: "市民" },
  { id: "everyone", label: "どなたでも" },
] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number]["id"];
export const EVENT_AUDIENCE_IDS = EVENT_AUDIENCES.map((a) => a.id) as [EventAudience, ...EventAudience[]];

/** 予定 → 開催済 (counted by the indicators) or 中止. */
export const EVENT_STATUSES = [
  { id: "planned", label: "予定" },
  { id: "held", label: "開催済" },
  { id: "cancelled", label: "中止" },
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number]["id"];
export const EVENT_STATUS_IDS = EVENT_STATUSES.map((s) => s.id) as [EventStatus, ...EventStatus[]];

/**
 * 職種 of participants, as the secretariat counts them (DOMAIN.md, Trainings and outreach).
 * `unknown` is for counts carried over from records that did not say (never offered on a form).
 */
export const PROFESSIONS = [
  { id: "doctor", label: "医師" },
  { id: "dentist", label: "歯科医師" },
  { id: "pharmacist", label: "薬剤師" },
  { id: "nurse", label: "看護師" },
  { id: "therapist", label: "理学療法士等" },
  { id: "careManager", label: "介護支援専門員" },
  { id: "careWorker", label: "介護職" },
  { id: "liaison", label: "MSW・地域連携室" },
  { id: "government", label: "行政" },
  { id: "resident", label: "住民" },
  { id: "other", label: "その他" },
  { id: "unknown", label: "不明" },
] as const;
export type Profession = (typeof PROFESSIONS)[number]["id"];
export const PROFESSION_IDS = PROFESSIONS.map((p) => p.id) as [Profession, ...Profession[]];
/** What a person may choose on a form (不明 is only for carried-over counts). */
export const PROFESSION_CHOICES = PROFESSION_IDS.filter((p) => p !== "unknown") as [
  Profession,
  ...Profession[],
];

export const professionLabel = (id: string): string => PROFESSIONS.find((p) => p.id === id)?.label ?? "不明";

/** A registration waits when the event is full; it moves up when someone cancels. */
export const PARTICIPANT_STATUSES = [
  { id: "registered", label: "申込済" },
  { id: "waitlisted", label: "キャンセル待ち" },
  { id: "cancelled", label: "取消" },
] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number]["id"];

/** 出前講座 requests: 受付 → 調整中 → 決定 → 実施済, or お断り. */
export const REQUEST_STATUSES = [
  { id: "received", label: "受付" },
  { id: "arranging", label: "調整中" },
  { id: "decided", label: "決定" },
  { id: "done", label: "実施済" },
  { id: "declined", label: "お断り" },
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number]["id"];
export const REQUEST_STATUS_IDS = REQUEST_STATUSES.map((s) => s.id) as [RequestStatus, ...RequestStatus[]];

const REQUEST_NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  received: ["arranging", "declined"],
  arranging: ["decided", "declined"],
  decided: ["done", "arranging", "declined"],
  done: [],
  declined: ["received"],
};

/** The steps a request may take from where it is (a declined one may be taken up again). */
export function requestNextStatuses(from: RequestStatus): readonly RequestStatus[] {
  return REQUEST_NEXT[from];
}

export function canMoveRequest(from: RequestStatus, to: RequestStatus): boolean {
  return REQUEST_NEXT[from].includes(to);
}

/** Printed materials handed out to residents and professionals. */
export const MATERIAL_KINDS = [
  { id: "newsletter", label: "情報紙" },
  { id: "flyer", label: "チラシ" },
  { id: "acpBooklet", label: "ACP冊子" },
  { id: "poster", label: "ポスター" },
  { id: "other", label: "その他" },
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number]["id"];
export const MATERIAL_KIND_IDS = MATERIAL_KINDS.map((m) => m.id) as [MaterialKind, ...MaterialKind[]];

/** Which item an event counts towards: its kind's, or for その他 its audience's. */
export function eventItem(kind: EventKind, audience: EventAudience): "f" | "g" | null {
  const item = EVENT_KINDS.find((k) => k.id === kind)?.item ?? null;
  if (item === "f" || item === "g") return item;
  if (audience === "professionals") return "f";
  if (audience === "residents") return "g";
  return null;
}

export const isEventKind = (v: unknown): v is EventKind =>
  typeof v === "string" && (EVENT_KIND_IDS as readonly string[]).includes(v);
export const isProfession = (v: unknown): v is Profession =>
  typeof v === "string" && (PROFESSION_IDS as readonly string[]).includes(v);
