/**
 * The demo's meetings: 流山市's 令和5年度 第1回 連携会議 (5/25, held, minutes fixed) with its
 * agenda, attendance, decisions and minutes, and 第2回 (7/31, announced), which opens with
 * the first meeting's backlog and the plan's changes since then.
 */
import {
  docNameOf,
  fiscalYearLabel,
  insertMeetingRow,
  type MeetingKind,
  newId,
  orderKeysAfter,
  RICH_TEXT_FIELD,
  readOutcomes,
  setAttendance,
} from "@tsumugi/domain";
import * as Y from "yjs";
import { storeInitialState } from "../collab/initial-state.js";
import { insertDocument, setMinutesAccess } from "../documents/document-repository.js";
import * as meetings from "../meetings/meeting-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { saveVersion } from "../versions/version-store.js";
import { weekdayOnOrAfter } from "./demo-plan.js";

interface Seed {
  workspaceId: string;
  userIds: string[];
  absentUserIds: string[];
  secretariatId: string;
  planDocName: string;
  /** The plan's first state, kept as it stood when the first meeting closed. */
  planState: Uint8Array;
  /** The plan action the first meeting's 取組 outcome links to. */
  linkedActionId: string | null;
}

const MINUTES = [
  "# 1. 令和5年度の事業計画について",
  "事務局より、4つの場面（日常の療養支援・入退院支援・急変時の対応・看取り）ごとの課題と取組、事業項目別の取組と短期目標について説明があった。",
  "委員より、急変時の対応について消防との意見交換を早期に行うべきとの意見があり、7月に実施することとなった。",
  "# 2. 入退院支援ルールの運用状況",
  "病診施連携班より、千葉県地域生活連携シートの活用状況の調査方法について報告があった。",
  "# 3. 市民公開講座の企画",
  "時間の都合により次回に持ち越し。",
];

function minutesDoc(
  agendaKeys: string[],
  actionId: string | null,
  attendees: string[],
  absent: string[],
): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
    fragment.insert(
      0,
      MINUTES.map((p) => {
        const heading = p.startsWith("# ");
        const el = new Y.XmlElement(heading ? "heading" : "paragraph");
        if (heading) el.setAttribute("level", 2 as unknown as string);
        el.insert(0, [new Y.XmlText(heading ? p.slice(2) : p)]);
        return el;
      }),
    );
    const items = [
      { title: "令和5年度の事業計画について", minutes: 40, presenter: "事務局", state: "done" },
      { title: "入退院支援ルールの運用状況", minutes: 30, presenter: "病診施連携班", state: "done" },
      { title: "市民公開講座の企画", minutes: 20, presenter: "市民啓発班", state: "deferred" },
    ];
    for (const [i, item] of items.entries()) {
      insertMeetingRow(doc, "agenda", {
        id: newId(),
        order: agendaKeys[i],
        notes: "",
        planLinks: [],
        carriedFrom: null,
        ...item,
      });
    }
    const [k1, k2] = orderKeysAfter(null, 2);
    insertMeetingRow(doc, "outcomes", {
      id: newId(),
      order: k1,
      type: "decision",
      text: "令和5年度の事業計画を承認する",
      agendaItemId: null,
      actionId: null,
    });
    insertMeetingRow(doc, "outcomes", {
      id: newId(),
      order: k2,
      type: "action",
      text: "消防との情報交換の実施",
      agendaItemId: null,
      actionId,
    });
    for (const id of attendees) setAttendance(doc, id, "attended");
    for (const id of absent) setAttendance(doc, id, "absent");
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

interface MeetingSeed {
  workspaceId: string;
  secretariatId: string;
  invitees: readonly string[];
  fiscalYear: number;
  number: number;
  title: string;
  kind?: MeetingKind;
  groupId?: string | null;
  place: string;
  startsAt: string;
  endsAt: string;
  state0: Uint8Array;
}

interface SeededMeeting {
  id: string;
  docName: string;
  documentId: string;
}

/**
 * A meeting as the app makes one: its minutes' document with `state0` as first content, the
 * meeting and its invitees, announced. Marked as the demo's, like its minutes.
 */
async function announceMeeting(trx: QueryBuilder, m: MeetingSeed): Promise<SeededMeeting> {
  const now = Date.now();
  const id = newId();
  const documentId = newId();
  const docName = docNameOf(m.workspaceId, documentId);
  await insertDocument(trx, {
    id: documentId,
    workspaceId: m.workspaceId,
    groupId: null,
    kind: "minutes",
    title: `${m.title} 議事録`,
    docName,
    fiscalYear: null,
    locked: false,
    reviewing: false,
    draftStatus: null,
    publicId: null,
    createdBy: m.secretariatId,
    createdAt: now,
    updatedAt: now,
    demo: true,
  });
  await storeInitialState(trx, docName, m.state0);
  await meetings.insertMeeting(
    trx,
    {
      id,
      workspaceId: m.workspaceId,
      groupId: m.groupId ?? null,
      kind: m.kind ?? "liaison",
      fiscalYear: m.fiscalYear,
      number: m.number,
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      place: m.place,
      onlineUrl: "",
      documentId,
      createdBy: m.secretariatId,
      demo: true,
    },
    now,
  );
  await meetings.setInvitees(trx, id, m.invitees);
  await meetings.setMeetingState(trx, id, "published", now);
  return { id, docName, documentId };
}

/** A meeting held: closed with what closing records, its minutes fixed (locked). */
async function holdMeeting(
  trx: QueryBuilder,
  m: SeededMeeting,
  close: Omit<Parameters<typeof meetings.recordClose>[2], "at" | "outcomes"> & {
    outcomes?: Parameters<typeof meetings.recordClose>[2]["outcomes"];
  },
): Promise<void> {
  const now = Date.now();
  await meetings.recordClose(trx, m.id, { outcomes: [], ...close, at: now });
  await meetings.setMinutesState(trx, m.id, "fixed", now);
  await setMinutesAccess(trx, m.documentId, { reviewAt: null, lockedAt: now }, now);
}

/** Everyone attended. */
const attendedBy = (userIds: readonly string[]) => new Map(userIds.map((id) => [id, "attended"]));

const NAGAREYAMA_PLACE = "流山市役所 第1庁舎 3階 庁議室";

/** A held meeting's short minutes: its agenda as headings, a line under each, everyone present. */
function heldMeetingDoc(agenda: readonly { title: string; line: string }[], attendees: readonly string[]) {
  const doc = new Y.Doc();
  doc.transact(() => {
    const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
    fragment.insert(
      0,
      agenda.flatMap((a, i) => {
        const heading = new Y.XmlElement("heading");
        heading.setAttribute("level", 2 as unknown as string);
        heading.insert(0, [new Y.XmlText(`${i + 1}. ${a.title}`)]);
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(a.line)]);
        return [heading, paragraph];
      }),
    );
    const keys = orderKeysAfter(null, agenda.length);
    for (const [i, a] of agenda.entries()) {
      insertMeetingRow(doc, "agenda", {
        id: newId(),
        order: keys[i],
        title: a.title,
        notes: "",
        minutes: 30,
        presenter: "事務局",
        planLinks: [],
        state: "done",
        carriedFrom: null,
      });
    }
    for (const id of attendees) setAttendance(doc, id, "attended");
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** What the current year's held meetings discussed (the demo's: its minutes are made up). */
const CURRENT_AGENDA: { title: string; line: string }[][] = [
  [
    {
      title: "今年度の事業計画について",
      line: "事務局より、令和5年度からの取組の継続と今年度の予定について説明があり、承認された。",
    },
    { title: "全体会検討事項について", line: "急変時の対応と入退院支援について、各班の進め方を確認した。" },
  ],
  [
    { title: "各班の活動報告", line: "病診施連携班・専門職研修班・市民啓発班より、活動状況の報告があった。" },
    {
      title: "市民公開講座の企画",
      line: "テーマを人生会議（ACP）とし、開催方法は次回までに市民啓発班で案を作る。",
    },
  ],
  [
    {
      title: "急変時の対応について",
      line: "消防との情報交換の結果を共有し、関係者情報連携シートの案を検討した。",
    },
  ],
  [{ title: "事業評価について", line: "今年度の取組の評価の進め方を確認した。" }],
  [{ title: "次年度の計画について", line: "次年度に引き継ぐ取組を確認した。" }],
];

/**
 * This 年度's 連携会議 on the days of seed 003's 年間予定 (moved to a weekday): those before
 * `today` held with their minutes fixed, the others announced, so the home page's 次の会議
 * lies ahead. When the year's last meeting has passed, next 年度's first is announced.
 */
export async function seedCurrentYearMeetings(
  trx: QueryBuilder,
  s: { workspaceId: string; userIds: string[]; secretariatId: string; fiscalYear: number; today: string },
): Promise<void> {
  const fy = s.fiscalYear;
  const days = [`${fy}-05-25`, `${fy}-07-31`, `${fy}-09-15`, `${fy + 1}-01-25`, `${fy + 1}-03-28`].map(
    weekdayOnOrAfter,
  );
  const label = fiscalYearLabel(fy);
  for (const [i, day] of days.entries()) {
    const held = day < s.today;
    const invited = new Y.Doc();
    for (const id of s.userIds) setAttendance(invited, id, "invited");
    const state0 = held ? heldMeetingDoc(CURRENT_AGENDA[i], s.userIds) : Y.encodeStateAsUpdate(invited);
    invited.destroy();
    const m = await announceMeeting(trx, {
      workspaceId: s.workspaceId,
      secretariatId: s.secretariatId,
      invitees: s.userIds,
      fiscalYear: fy,
      number: i + 1,
      title: `${label} 第${i + 1}回 連携会議`,
      place: NAGAREYAMA_PLACE,
      startsAt: `${day}T14:00`,
      endsAt: `${day}T16:00`,
      state0,
    });
    if (held)
      await holdMeeting(trx, m, {
        minutesVersionId: null,
        planVersionId: null,
        attendance: attendedBy(s.userIds),
      });
  }
  if (days.every((d) => d < s.today)) {
    const invited = new Y.Doc();
    for (const id of s.userIds) setAttendance(invited, id, "invited");
    const day = weekdayOnOrAfter(`${fy + 1}-05-25`);
    await announceMeeting(trx, {
      workspaceId: s.workspaceId,
      secretariatId: s.secretariatId,
      invitees: s.userIds,
      fiscalYear: fy + 1,
      number: 1,
      title: `${fiscalYearLabel(fy + 1)} 第1回 連携会議`,
      place: NAGAREYAMA_PLACE,
      startsAt: `${day}T14:00`,
      endsAt: `${day}T16:00`,
      state0: Y.encodeStateAsUpdate(invited),
    });
    invited.destroy();
  }
}

/**
 * 高松市's 在宅医療連携会議 as its table plans them: four in 平成26年度 and one every two
 * months (six) in 平成27年度, all held. The days are the demo's (the table gives none).
 */
export async function seedTakamatsuMeetings(
  trx: QueryBuilder,
  s: { workspaceId: string; secretariatId: string; groupId: string | null },
): Promise<void> {
  const plan: [number, string[]][] = [
    [2014, ["2014-06-19", "2014-09-18", "2014-12-18", "2015-03-19"]],
    [2015, ["2015-05-21", "2015-07-16", "2015-09-17", "2015-11-19", "2016-01-21", "2016-03-17"]],
  ];
  for (const [fy, days] of plan) {
    for (const [i, day] of days.entries()) {
      const doc = heldMeetingDoc(
        [{ title: "在宅医療・介護連携の現状と課題", line: "委員より現状と課題について意見があった。" }],
        [s.secretariatId],
      );
      const m = await announceMeeting(trx, {
        workspaceId: s.workspaceId,
        secretariatId: s.secretariatId,
        invitees: [s.secretariatId],
        fiscalYear: fy,
        number: i + 1,
        title: `${fiscalYearLabel(fy)} 第${i + 1}回 在宅医療連携会議`,
        groupId: s.groupId,
        place: "高松市役所",
        startsAt: `${day}T18:30`,
        endsAt: `${day}T20:00`,
        state0: doc,
      });
      await holdMeeting(trx, m, {
        minutesVersionId: null,
        planVersionId: null,
        attendance: attendedBy([s.secretariatId]),
      });
    }
  }
}

export async function seedDemoMeetings(trx: QueryBuilder, s: Seed): Promise<void> {
  const attendees = s.userIds.filter((u) => !s.absentUserIds.includes(u));
  const first = minutesDoc(orderKeysAfter(null, 3), s.linkedActionId, attendees, s.absentUserIds);
  const meeting = {
    workspaceId: s.workspaceId,
    secretariatId: s.secretariatId,
    invitees: s.userIds,
    fiscalYear: 2023,
    place: NAGAREYAMA_PLACE,
  };
  const m1 = await announceMeeting(trx, {
    ...meeting,
    number: 1,
    title: "令和5年度 第1回 連携会議",
    startsAt: "2023-05-25T14:00",
    endsAt: "2023-05-25T16:00",
    state0: first,
  });
  // What closing recorded: the minutes and the plan as they stood, attendance and outcomes.
  const now = Date.now();
  const minutesVersionId = await saveVersion(trx, {
    docName: m1.docName,
    state: first,
    reason: "meetingClose",
    label: "第1回 終了時",
    userId: s.secretariatId,
    at: now,
  });
  await saveVersion(trx, {
    docName: m1.docName,
    state: first,
    reason: "approval",
    label: "確定版",
    userId: s.secretariatId,
    at: now,
  });
  const planVersionId = await saveVersion(trx, {
    docName: s.planDocName,
    state: s.planState,
    reason: "meetingClose",
    label: "令和5年度 第1回 連携会議 終了時",
    userId: s.secretariatId,
    at: now,
  });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, first);
  const outcomes = readOutcomes(doc);
  doc.destroy();
  await holdMeeting(trx, m1, {
    minutesVersionId,
    planVersionId,
    attendance: new Map(s.userIds.map((id) => [id, s.absentUserIds.includes(id) ? "absent" : "attended"])),
    outcomes,
  });

  const second = new Y.Doc();
  for (const id of s.userIds) setAttendance(second, id, "invited");
  await announceMeeting(trx, {
    ...meeting,
    number: 2,
    title: "令和5年度 第2回 連携会議",
    startsAt: "2023-07-31T14:00",
    endsAt: "2023-07-31T16:00",
    state0: Y.encodeStateAsUpdate(second),
  });
  second.destroy();
}
