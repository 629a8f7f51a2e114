/**
 * Closing a meeting and fixing its minutes. At close the minutes and that year's plan are
 * snapshotted (versions), and attendance and outcomes are recorded in SQL for the indicators
 * and the decisions list. Circulated minutes are edited by the secretariat only; fixed minutes
 * are locked: read-only for everyone. Open sockets are downgraded at once in both cases.
 */
import { readAttendance, readOutcomes, startAgendaItem } from "@tsumugi/domain";
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext } from "../context.js";
import { setMinutesAccess } from "../documents/document-repository.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import { saveVersion } from "../versions/version-store.js";
import { recordClose } from "./closed-meeting-repository.js";
import type { MeetingRecord } from "./meeting-repository.js";
import * as meetings from "./meeting-repository.js";

export async function closeMeeting(
  app: AppContext,
  collab: CollabServer,
  m: MeetingRecord,
  userId: string,
): Promise<void> {
  // The timer stops; then everything said so far is on disk before the snapshots.
  await collab.mutate(m.docName, userId, (doc) => startAgendaItem(doc, null, Date.now()));
  await collab.flush();
  const minutes = await collab.readDocument(m.docName);
  const attendance = readAttendance(minutes);
  const outcomes = readOutcomes(minutes);
  const label = `第${m.number}回 終了時`;
  const minutesVersionId = await saveVersion(app.kysely, {
    docName: m.docName,
    state: Y.encodeStateAsUpdate(minutes),
    reason: "meetingClose",
    label,
    userId,
  });
  minutes.destroy();
  const plan = await findPlanDocument(app.kysely, m.workspaceId, m.fiscalYear);
  let planVersionId: number | null = null;
  if (plan) {
    const planDoc = await collab.readDocument(plan.docName);
    planVersionId = await saveVersion(app.kysely, {
      docName: plan.docName,
      state: Y.encodeStateAsUpdate(planDoc),
      reason: "meetingClose",
      label: `${m.title} 終了時`,
      userId,
    });
    planDoc.destroy();
  }
  await app.kysely.transaction().execute((trx) =>
    recordClose(trx, m.id, {
      at: Date.now(),
      minutesVersionId,
      planVersionId,
      attendance,
      outcomes,
    }),
  );
}

/**
 * Circulates the minutes for review: from now on attendees comment and suggest, and only the
 * secretariat edits the text. Open sockets are decided again at once (members' become
 * read-only), as when minutes are fixed.
 */
export async function circulateMinutes(app: AppContext, m: MeetingRecord): Promise<void> {
  const now = Date.now();
  await app.kysely.transaction().execute(async (trx) => {
    await meetings.setMinutesState(trx, m.id, "circulating", now);
    await setMinutesAccess(trx, m.documentId, { reviewAt: now }, now);
  });
  app.events.emit({ type: "document-access-changed", docName: m.docName });
}

export async function fixMinutes(
  app: AppContext,
  collab: CollabServer,
  m: MeetingRecord,
  userId: string,
): Promise<void> {
  // Lock first, then copy: once the lock is announced, open sockets hold their frames and are
  // closed as read-only, so what the flush leaves in the document is exactly what is locked
  // and the 確定版 version cannot miss an edit that landed in between.
  const now = Date.now();
  await app.kysely.transaction().execute(async (trx) => {
    await meetings.setMinutesState(trx, m.id, "fixed", now);
    await setMinutesAccess(trx, m.documentId, { reviewAt: null, lockedAt: now }, now);
  });
  app.events.emit({ type: "document-access-changed", docName: m.docName });
  await collab.flush();
  const minutes = await collab.readDocument(m.docName);
  await saveVersion(app.kysely, {
    docName: m.docName,
    state: Y.encodeStateAsUpdate(minutes),
    reason: "approval",
    label: "確定版",
    userId,
  });
  minutes.destroy();
}
