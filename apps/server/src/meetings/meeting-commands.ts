/**
 * Changes to meetings: creating one (numbered 第N回 within its 年度, kind and group, with its
 * minutes' document and invitees), editing its details, moving it through its states and its
 * minutes through theirs. Each writes in one transaction, records the audit entry, writes the
 * states into the minutes' document (open pages switch without a reload) and announces the
 * change to open meeting lists (MeetingEvents).
 */
import type { CreateMeeting, UpdateMeeting } from "@tsumugi/contract";
import {
  canMoveMeeting,
  canMoveMinutes,
  docNameOf,
  fiscalYearLabel,
  fiscalYearOfIsoDate,
  MEETING_KINDS,
  type MeetingKind,
  type MeetingState,
  newId,
  nextMeetingNumber,
  writeMeetingStatus,
} from "@tsumugi/domain";
import type { CollabServer } from "../collab/collab-server.js";
import { storeInitialState } from "../collab/initial-state.js";
import type { AppContext, Caller } from "../context.js";
import { insertDocument } from "../documents/document-repository.js";
import { findGroup } from "../groups/group-repository.js";
import { ApiError, invalid } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import { activeMemberIds, setInvitees } from "./invitee-repository.js";
import { circulateMinutes, closeMeeting, fixMinutes } from "./meeting-close.js";
import type { MeetingEvents } from "./meeting-events.js";
import * as meetings from "./meeting-repository.js";

export const meetingNotFound = () => new ApiError(404, "meeting.notFound", "会議が見つかりません。");
const meetingClosed = () => new ApiError(409, "meeting.closed", "終了した会議は変更できません。");
const badTransition = () => new ApiError(409, "meeting.badTransition", "この状態には変更できません。");
export const notCirculating = () =>
  new ApiError(409, "minutes.notCirculating", "議事録は確認依頼中ではありません。");
const badMinutesTransition = () =>
  new ApiError(409, "minutes.badTransition", "議事録をこの状態には変更できません。");

function kindLabel(kind: MeetingKind): string {
  return MEETING_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** Invitees must be active members of the workspace: a problem code, or none. */
export async function inviteeProblems(
  app: AppContext,
  workspaceId: string,
  invitees: unknown,
): Promise<Record<string, string>> {
  if (!Array.isArray(invitees) || !invitees.every((id) => typeof id === "string")) return {};
  const unique = [...new Set(invitees as string[])];
  const found = await activeMemberIds(app.kysely, workspaceId, unique);
  return found.length === unique.length ? {} : { invitees: "unknown" };
}

/** The meeting's states written into its minutes' document, for the pages that have it open. */
async function announce(collab: CollabServer, m: meetings.MeetingRecord, userId: string): Promise<void> {
  await collab.mutate(m.docName, userId, (doc) =>
    writeMeetingStatus(doc, { state: m.state, minutesState: m.minutesState }),
  );
}

async function reread(
  app: AppContext,
  m: { workspaceId: string; id: string },
): Promise<meetings.MeetingRecord> {
  return (await meetings.findMeeting(app.kysely, m.workspaceId, m.id)) as meetings.MeetingRecord;
}

/**
 * Creates a meeting of `group` (null: the whole committee). The group is one of the
 * workspace's, checked before (`groupProblems`). Two meetings created at once may take the
 * same number: the second takes the next one.
 */
export async function createMeeting(
  app: AppContext,
  caller: Caller,
  events: MeetingEvents,
  input: CreateMeeting,
): Promise<meetings.MeetingRecord> {
  const wid = caller.workspaceId;
  const groupId = input.groupId ?? null;
  const group = groupId ? await findGroup(app.kysely, wid, groupId) : undefined;
  const fiscalYear = fiscalYearOfIsoDate(input.startsAt.slice(0, 10));
  const invitees = [...new Set(input.invitees ?? [])];
  for (let attempt = 0; ; attempt++) {
    const id = newId();
    const documentId = newId();
    const docName = docNameOf(wid, documentId);
    const now = Date.now();
    try {
      const created = await app.kysely.transaction().execute(async (trx) => {
        const number = nextMeetingNumber(
          await meetings.meetingNumbers(trx, wid, fiscalYear),
          input.kind,
          groupId,
          fiscalYear,
        );
        const title =
          input.title ||
          `${fiscalYearLabel(fiscalYear)} 第${number}回 ${group?.name || kindLabel(input.kind)}`;
        await insertDocument(trx, {
          id: documentId,
          workspaceId: wid,
          groupId,
          kind: "minutes",
          title: `${title} 議事録`,
          docName,
          fiscalYear: null,
          locked: false,
          reviewing: false,
          draftStatus: null,
          publicId: null,
          createdBy: caller.actor.userId,
          createdAt: now,
          updatedAt: now,
          demo: false,
        });
        await storeInitialState(trx, docName, (doc) => {
          const attendance = doc.getMap("attendance");
          for (const userId of invitees) attendance.set(userId, "invited");
        });
        await meetings.insertMeeting(
          trx,
          {
            id,
            workspaceId: wid,
            groupId,
            kind: input.kind,
            fiscalYear,
            number,
            title,
            startsAt: input.startsAt,
            endsAt: input.endsAt || null,
            place: input.place ?? "",
            onlineUrl: input.onlineUrl ?? "",
            documentId,
            createdBy: caller.actor.userId,
          },
          now,
        );
        await setInvitees(trx, id, invitees);
        return { title, number };
      });
      await app.audit.byCaller(caller, "meeting.created", id, {
        title: created.title,
        kind: input.kind,
        number: created.number,
      });
      events.emit(wid, id);
      return reread(app, { workspaceId: wid, id });
    } catch (err) {
      // Two meetings created at once took the same number: take the next one.
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

/** Edits the details and invitees of a meeting not yet closed, within its 年度. */
export async function updateMeeting(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  events: MeetingEvents,
  m: meetings.MeetingRecord,
  input: UpdateMeeting,
): Promise<meetings.MeetingRecord> {
  if (m.state === "closed") throw meetingClosed();
  const startsAt = input.startsAt ?? m.startsAt;
  if (fiscalYearOfIsoDate(startsAt.slice(0, 10)) !== m.fiscalYear)
    throw invalid({ startsAt: "otherFiscalYear" });
  const invitees = input.invitees ? [...new Set(input.invitees)] : null;
  await app.kysely.transaction().execute(async (trx) => {
    await meetings.updateMeetingDetails(
      trx,
      m.id,
      {
        title: input.title || m.title,
        startsAt,
        endsAt: input.endsAt === undefined ? m.endsAt : input.endsAt || null,
        place: input.place ?? m.place,
        onlineUrl: input.onlineUrl ?? m.onlineUrl,
      },
      Date.now(),
    );
    if (invitees) await setInvitees(trx, m.id, invitees);
  });
  if (invitees) {
    // Newly invited people appear in the attendance list as 招集.
    await collab.mutate(m.docName, caller.actor.userId, (doc) => {
      const attendance = doc.getMap("attendance");
      for (const userId of invitees) if (!attendance.has(userId)) attendance.set(userId, "invited");
    });
  }
  events.emit(m.workspaceId, m.id);
  return reread(app, m);
}

/** 下書き → 公開 → 開催中 → 終了: closing snapshots the minutes and the plan (meeting-close.ts). */
export async function moveMeeting(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  events: MeetingEvents,
  m: meetings.MeetingRecord,
  state: MeetingState,
): Promise<meetings.MeetingRecord> {
  if (!canMoveMeeting(m.state, state)) throw badTransition();
  if (state === "closed") await closeMeeting(app, collab, m, caller.actor.userId);
  else await meetings.setMeetingState(app.kysely, m.id, state, Date.now());
  await app.audit.byCaller(caller, "meeting.state_changed", m.id, { from: m.state, to: state });
  return moved(app, collab, caller, events, m);
}

/** 作成中 → 確認依頼中 → 確定: circulated minutes are edited by the secretariat only; fixed ones by nobody. */
export async function moveMinutes(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  events: MeetingEvents,
  m: meetings.MeetingRecord,
  state: "circulating" | "fixed",
): Promise<meetings.MeetingRecord> {
  if (!canMoveMinutes(m.state, m.minutesState, state)) throw badMinutesTransition();
  if (state === "fixed") await fixMinutes(app, collab, m, caller.actor.userId);
  else await circulateMinutes(app, m);
  await app.audit.byCaller(caller, "minutes.state_changed", m.id, { to: state });
  return moved(app, collab, caller, events, m);
}

async function moved(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  events: MeetingEvents,
  m: meetings.MeetingRecord,
): Promise<meetings.MeetingRecord> {
  const now = await reread(app, m);
  await announce(collab, now, caller.actor.userId);
  events.emit(m.workspaceId, m.id);
  return now;
}
