/**
 * The demo's meetings: 流山市's 令和5年度 第1回 連携会議 (5/25, held, minutes fixed) with its
 * agenda, attendance, decisions and minutes, and 第2回 (7/31, announced), which opens with
 * the first meeting's backlog and the plan's changes since then; this 年度's meetings and
 * 高松市's. Written through the meetings', documents' and versions' repositories; the minutes'
 * first states are in demo-meeting-docs.ts.
 */
import { docNameOf, fiscalYearLabel, type MeetingKind, newId, readOutcomes } from "@tsumugi/domain";
import * as Y from "yjs";
import { storeInitialState } from "../collab/initial-state.js";
import { insertDocument, setMinutesAccess } from "../documents/document-repository.js";
import { recordClose } from "../meetings/closed-meeting-repository.js";
import { setInvitees } from "../meetings/invitee-repository.js";
import * as meetings from "../meetings/meeting-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { saveVersion } from "../versions/version-store.js";
import { CURRENT_AGENDA, firstMeetingMinutes, heldMeetingMinutes, invitation } from "./demo-meeting-docs.js";
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
  await setInvitees(trx, id, m.invitees);
  await meetings.setMeetingState(trx, id, "published", now);
  return { id, docName, documentId };
}

/** A meeting held: closed with what closing records, its minutes fixed (locked). */
async function holdMeeting(
  trx: QueryBuilder,
  m: SeededMeeting,
  close: Omit<Parameters<typeof recordClose>[2], "at" | "outcomes"> & {
    outcomes?: Parameters<typeof recordClose>[2]["outcomes"];
  },
): Promise<void> {
  const now = Date.now();
  await recordClose(trx, m.id, { outcomes: [], ...close, at: now });
  await meetings.setMinutesState(trx, m.id, "fixed", now);
  await setMinutesAccess(trx, m.documentId, { reviewAt: null, lockedAt: now }, now);
}

/** Everyone attended. */
const attendedBy = (userIds: readonly string[]) => new Map(userIds.map((id) => [id, "attended"]));

const NAGAREYAMA_PLACE = "流山市役所 第1庁舎 3階 庁議室";
const TAKAMATSU_AGENDA = [
  { title: "在宅医療・介護連携の現状と課題", line: "委員より現状と課題について意見があった。" },
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
    const state0 = held ? heldMeetingMinutes(CURRENT_AGENDA[i], s.userIds) : invitation(s.userIds);
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
      state0: invitation(s.userIds),
    });
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
  const days: [number, string[]][] = [
    [2014, ["2014-06-19", "2014-09-18", "2014-12-18", "2015-03-19"]],
    [2015, ["2015-05-21", "2015-07-16", "2015-09-17", "2015-11-19", "2016-01-21", "2016-03-17"]],
  ];
  for (const [fy, dates] of days) {
    for (const [i, day] of dates.entries()) {
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
        state0: heldMeetingMinutes(TAKAMATSU_AGENDA, [s.secretariatId]),
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
  const first = firstMeetingMinutes(s.linkedActionId, attendees, s.absentUserIds);
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

  await announceMeeting(trx, {
    ...meeting,
    number: 2,
    title: "令和5年度 第2回 連携会議",
    startsAt: "2023-07-31T14:00",
    endsAt: "2023-07-31T16:00",
    state0: invitation(s.userIds),
  });
}
