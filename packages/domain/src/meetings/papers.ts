/**
 * A meeting's papers as officials write them, independent of the medium: the 開催通知 (number
 * and date lines, addressee, sender, 「…の開催について（通知）」, 記 with 日時・場所・議題・出欠の回答・
 * 問い合わせ先, 以上) and the 議事録's header (日時, 場所, 出席者 by role — 委員, オブザーバー, 事務局
 * apart — and by body, 欠席者), its agenda, outcomes and 署名欄. The print view and the Word
 * files both render these, so the two read the same.
 */
import { formatIsoDate } from "../dates.js";
import type { Role } from "../roles.js";
import type { AgendaItem, Outcome } from "./meeting-doc.js";
import { noticeDateTime, replyByDate } from "./notice.js";
import { type Attendance, MEETING_KINDS, type MeetingKind, type MinutesState } from "./vocabulary.js";

/** The most people who sign the minutes (議事録署名人). */
export const MINUTES_SIGNERS_MAX = 3;

/**
 * What a workspace writes on its meeting papers (the secretariat keeps it). Empty texts fall
 * back on what the workspace knows: its name, the secretariat's organisation and e-mail.
 */
export interface MeetingPaperSettings {
  /** 発信者, one line each: 「流山市健康福祉部介護支援課長」, 「（公印省略）」. */
  sender: string;
  /** The notice's number before the number itself: 「流介支第」 → 流介支第123号; none → 事務連絡. */
  numberPrefix: string;
  /** 問い合わせ先: the office (流山市健康福祉部介護支援課 在宅医療介護連携係). */
  contactOffice: string;
  contactPhone: string;
  contactEmail: string;
  /** How to answer about attendance; {date} is the answer-by day (令和5年7月24日（月）). */
  replyMethod: string;
  /** 署名欄 on the minutes: how many people sign (0: none). */
  minutesSigners: number;
}

export const MEETING_PAPER_TEXT_MAX = {
  sender: 200,
  numberPrefix: 30,
  contact: 100,
  replyMethod: 400,
} as const;

export const DEFAULT_MEETING_PAPER_SETTINGS: MeetingPaperSettings = {
  sender: "",
  numberPrefix: "",
  contactOffice: "",
  contactPhone: "",
  contactEmail: "",
  replyMethod: "",
  minutesSigners: 0,
};

/** The reply wording when the workspace has not written its own. */
export const DEFAULT_REPLY_METHOD =
  "{date}までに、出欠を事務局へお知らせください（紡ぎの会議ページ、電話またはメール）。代理出席の場合は、出席者の氏名もお知らせください。";

/** A person of the workspace as the papers name them. */
export interface PaperPerson {
  userId: string;
  name: string;
  organization: string;
  role: Role;
  disabled?: boolean;
  email?: string;
}

export interface PaperMeeting {
  title: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt: string | null;
  place: string;
  onlineUrl: string;
  minutesState: MinutesState;
}

/** A labelled item of a paper (記 1 日時, the minutes' 場所 …): its lines. */
export interface PaperItem {
  label: string;
  lines: string[];
}

/** People of one body (organisation), in the order they are listed. */
export interface BodyLine {
  organization: string;
  names: string[];
}

/** One line per body: 「流山市医師会　井上 誠、…」. */
export function bodyLineText(line: BodyLine): string {
  return [line.organization, line.names.join("、")].filter(Boolean).join("　");
}

export interface NoticePaper {
  /** 流介支第123号, 流介支第　　　号 or 事務連絡 (top right). */
  numberLine: string;
  /** 令和5年7月10日 (top right, no weekday, as letters are dated). */
  dateLine: string;
  addressee: string;
  senderLines: string[];
  title: string;
  body: string;
  items: PaperItem[];
}

/** The minutes' 出席者, 委員・オブザーバー・事務局 apart, each by body. */
export interface MinutesPeople {
  members: BodyLine[];
  observers: BodyLine[];
  secretariat: BodyLine[];
  absent: BodyLine[];
}

export interface MinutesPaper {
  title: string;
  /** Not yet fixed: the paper says （案）. */
  draft: boolean;
  facts: PaperItem[];
  people: MinutesPeople;
  agenda: string[];
  outcomes: { heading: string; items: string[] }[];
  signature: { statement: string; dateLine: string; signers: number } | null;
}

export const PAPER_TEXT = {
  numberBlank: "　　　",
  noNumber: "事務連絡",
  noticeTitle: (title: string) => `${title}の開催について（通知）`,
  noticeBody:
    "標記の会議を下記のとおり開催しますので、御多忙のところ恐縮ですが、御出席くださいますようお願いいたします。",
  addressee: (whom: string) => `${whom} 委員 各位`,
  secretariat: "（事務局）",
  ki: "記",
  end: "以上",
  when: "日時",
  place: "場所",
  agenda: "議題",
  reply: "出欠の回答",
  contact: "問い合わせ先",
  onlineOnly: "オンライン開催",
  online: (url: string) => `オンライン参加：${url}`,
  later: "追って連絡します",
  presenter: (name: string) => `（説明：${name}）`,
  phone: (n: string) => `電話　${n}`,
  email: (e: string) => `メール　${e}`,
  minutesTitle: (title: string) => `${title} 議事録`,
  draftMark: "（案）",
  attended: "出席者",
  absent: "欠席者",
  members: "委員",
  observers: "オブザーバー",
  secretariatRole: "事務局",
  none: "なし",
  proceedings: "議事の経過",
  outcomes: { report: "報告事項", decision: "決定事項", action: "今後の取組" },
  signatureStatement: "上記のとおり相違ないことを確認し、ここに署名する。",
  signatureDate: "令和　　年　　月　　日",
  signer: "議事録署名人",
} as const;

function kindLabel(kind: MeetingKind): string {
  return MEETING_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** The agenda as numbered lines: (1) 議題（説明：…）. */
export function agendaLines(agenda: readonly AgendaItem[]): string[] {
  return agenda.map(
    (a, i) => `(${i + 1}) ${a.title || "—"}${a.presenter ? PAPER_TEXT.presenter(a.presenter) : ""}`,
  );
}

function placeLines(m: PaperMeeting): string[] {
  const place = m.place.trim();
  const out = [place || (m.onlineUrl ? PAPER_TEXT.onlineOnly : PAPER_TEXT.later)];
  if (m.onlineUrl) out.push(PAPER_TEXT.online(m.onlineUrl));
  return out;
}

function activeSecretariat(people: readonly PaperPerson[]): PaperPerson[] {
  return people.filter((p) => p.role === "secretariat" && !p.disabled);
}

/** The secretariat's office: the settings', else the first secretariat member's organisation. */
function secretariatOffice(people: readonly PaperPerson[], settings: MeetingPaperSettings): string {
  return (
    settings.contactOffice.trim() || activeSecretariat(people).find((p) => p.organization)?.organization || ""
  );
}

export function noticePaper(input: {
  meeting: PaperMeeting;
  /** The group the meeting belongs to (its name addresses the notice), if any. */
  groupName?: string | null;
  agenda: readonly AgendaItem[];
  people: readonly PaperPerson[];
  /** 千葉県 流山市, or 流山市. */
  municipality: string;
  settings: MeetingPaperSettings;
  /** The notice's date (ISO). */
  date: string;
  /** The number given to this notice (123), if any. */
  number?: string;
}): NoticePaper {
  const { meeting, settings, people } = input;
  const number = (input.number ?? "").trim();
  const prefix = settings.numberPrefix.trim();
  const numberLine = prefix
    ? `${prefix}${number || PAPER_TEXT.numberBlank}号`
    : number
      ? /号$/.test(number)
        ? number
        : `第${number}号`
      : PAPER_TEXT.noNumber;
  const office = secretariatOffice(people, settings);
  const senderLines = lines(settings.sender);
  if (senderLines.length === 0) {
    senderLines.push(input.municipality);
    if (office && office !== input.municipality) senderLines.push(office);
    senderLines.push(PAPER_TEXT.secretariat);
  }
  const replyBy = formatIsoDate(replyByDate(meeting.startsAt));
  const reply = (settings.replyMethod.trim() || DEFAULT_REPLY_METHOD).replaceAll("{date}", replyBy);
  const contact: string[] = [];
  const secretariat = activeSecretariat(people);
  if (settings.contactOffice.trim() || settings.contactPhone.trim() || settings.contactEmail.trim()) {
    if (office) contact.push(office);
    if (settings.contactPhone.trim()) contact.push(PAPER_TEXT.phone(settings.contactPhone.trim()));
    if (settings.contactEmail.trim()) contact.push(PAPER_TEXT.email(settings.contactEmail.trim()));
  } else {
    for (const p of secretariat) {
      contact.push([p.organization, p.name, p.email].filter(Boolean).join("　"));
    }
    if (contact.length === 0) contact.push(PAPER_TEXT.secretariat);
  }
  const agenda = agendaLines(input.agenda);
  return {
    numberLine,
    dateLine: formatIsoDate(input.date, { weekday: false }),
    addressee: PAPER_TEXT.addressee(input.groupName?.trim() || kindLabel(meeting.kind)),
    senderLines,
    title: PAPER_TEXT.noticeTitle(meeting.title),
    body: PAPER_TEXT.noticeBody,
    items: [
      { label: PAPER_TEXT.when, lines: [noticeDateTime(meeting.startsAt, meeting.endsAt)] },
      { label: PAPER_TEXT.place, lines: placeLines(meeting) },
      { label: PAPER_TEXT.agenda, lines: agenda.length ? agenda : [PAPER_TEXT.later] },
      { label: PAPER_TEXT.reply, lines: [reply] },
      { label: PAPER_TEXT.contact, lines: contact },
    ],
  };
}

/** The role column a person is listed under in the minutes. */
export function minutesRoleOf(role: Role): "members" | "observers" | "secretariat" {
  if (role === "observer") return "observers";
  // The consultation desk's coordinator works for the secretariat (委託) and is listed with it.
  if (role === "secretariat" || role === "coordinator") return "secretariat";
  return "members";
}

function byBody(people: readonly PaperPerson[]): BodyLine[] {
  const bodies = new Map<string, string[]>();
  for (const p of people) {
    const org = p.organization.trim();
    bodies.set(org, [...(bodies.get(org) ?? []), p.name]);
  }
  return [...bodies]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b, "ja")))
    .map(([organization, names]) => ({ organization, names }));
}

/** Who attended (委員, オブザーバー, 事務局 apart) and who sent apologies, each by body. */
export function minutesPeople(
  people: readonly PaperPerson[],
  attendance: ReadonlyMap<string, Attendance>,
): MinutesPeople {
  const attended = people.filter((p) => attendance.get(p.userId) === "attended");
  const of = (column: ReturnType<typeof minutesRoleOf>) =>
    byBody(attended.filter((p) => minutesRoleOf(p.role) === column));
  return {
    members: of("members"),
    observers: of("observers"),
    secretariat: of("secretariat"),
    absent: byBody(people.filter((p) => attendance.get(p.userId) === "absent")),
  };
}

export function minutesPaper(input: {
  meeting: PaperMeeting;
  agenda: readonly AgendaItem[];
  outcomes: readonly Outcome[];
  people: readonly PaperPerson[];
  attendance: ReadonlyMap<string, Attendance>;
  settings: MeetingPaperSettings;
}): MinutesPaper {
  const { meeting, settings } = input;
  const people = minutesPeople(input.people, input.attendance);
  if (people.secretariat.length === 0) {
    const office = secretariatOffice(input.people, settings);
    if (office) people.secretariat.push({ organization: office, names: [] });
  }
  const outcomes = (["report", "decision", "action"] as const)
    .map((type) => ({
      heading: PAPER_TEXT.outcomes[type],
      items: input.outcomes.filter((o) => o.type === type && o.text.trim() !== "").map((o) => o.text.trim()),
    }))
    .filter((o) => o.items.length > 0);
  const signers = Math.max(0, Math.min(MINUTES_SIGNERS_MAX, Math.trunc(settings.minutesSigners)));
  return {
    title: PAPER_TEXT.minutesTitle(meeting.title),
    draft: meeting.minutesState !== "fixed",
    facts: [
      { label: PAPER_TEXT.when, lines: [noticeDateTime(meeting.startsAt, meeting.endsAt)] },
      { label: PAPER_TEXT.place, lines: placeLines(meeting) },
    ],
    people,
    agenda: agendaLines(input.agenda),
    outcomes,
    signature:
      signers > 0
        ? { statement: PAPER_TEXT.signatureStatement, dateLine: PAPER_TEXT.signatureDate, signers }
        : null,
  };
}
