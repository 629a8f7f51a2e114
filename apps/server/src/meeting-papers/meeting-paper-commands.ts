/**
 * Changes to the meeting papers' settings, and the papers themselves: the 開催通知 and the
 * 議事録 as Word files, read from the meeting's live document (flushed first, so what was
 * typed a moment ago is in them).
 */
import type { UpdateMeetingPaperSettings } from "@tsumugi/contract";
import {
  minutesPaper,
  noticePaper,
  PAPER_TEXT,
  type PaperMeeting,
  RICH_TEXT_FIELD,
  readAgenda,
  readAttendance,
  readOutcomes,
  todayInJapan,
} from "@tsumugi/domain";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext, Caller } from "../context.js";
import { findGroup } from "../groups/group-repository.js";
import type { MeetingRecord } from "../meetings/meeting-repository.js";
import { listMembers } from "../members/member-repository.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import * as settingsStore from "./meeting-paper-repository.js";
import { minutesDocx, noticeDocx } from "./paper-docx.js";

export async function updateMeetingPaperSettings(
  app: AppContext,
  caller: Caller,
  input: UpdateMeetingPaperSettings,
): Promise<settingsStore.MeetingPaperSettingsRecord> {
  const saved = await app.kysely.transaction().execute(async (trx) => {
    const current = await settingsStore.findMeetingPaperSettings(trx, caller.workspaceId);
    const next = { ...current, ...input, updatedAt: Date.now() };
    await settingsStore.saveMeetingPaperSettings(trx, next, caller.actor.userId);
    return next;
  });
  await app.audit.byCaller(caller, "meeting_papers.updated", caller.workspaceId, {
    fields: Object.keys(input),
  });
  return saved;
}

/** A Word file with the name officials would give it. */
export interface PaperFile {
  fileName: string;
  data: Buffer;
}

function paperMeeting(m: MeetingRecord): PaperMeeting {
  return {
    title: m.title,
    kind: m.kind,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    onlineUrl: m.onlineUrl,
    minutesState: m.minutesState,
  };
}

/** What both papers read: the workspace, its people and settings, and the meeting's document. */
async function gather(app: AppContext, collab: CollabServer, m: MeetingRecord) {
  const [workspace, members, settings, group] = await Promise.all([
    findWorkspace(app.kysely, m.workspaceId),
    listMembers(app.kysely, m.workspaceId),
    settingsStore.findMeetingPaperSettings(app.kysely, m.workspaceId),
    m.groupId ? findGroup(app.kysely, m.workspaceId, m.groupId) : undefined,
  ]);
  await collab.flush();
  const doc = await collab.readDocument(m.docName);
  const municipality = workspace ? `${workspace.prefecture} ${workspace.name}`.trim() : "";
  return { workspace, members, settings, group, doc, municipality };
}

export async function meetingNoticeFile(
  app: AppContext,
  collab: CollabServer,
  m: MeetingRecord,
  query: { number?: string; date?: string },
): Promise<PaperFile> {
  const g = await gather(app, collab, m);
  try {
    const paper = noticePaper({
      meeting: paperMeeting(m),
      groupName: g.group?.name ?? null,
      agenda: readAgenda(g.doc),
      people: g.members,
      municipality: g.municipality,
      settings: g.settings,
      date: query.date ?? todayInJapan(),
      number: query.number,
    });
    return { fileName: `${m.title} 開催通知.docx`, data: await noticeDocx(paper, g.municipality) };
  } finally {
    g.doc.destroy();
  }
}

export async function meetingMinutesFile(
  app: AppContext,
  collab: CollabServer,
  m: MeetingRecord,
): Promise<PaperFile> {
  const g = await gather(app, collab, m);
  try {
    const paper = minutesPaper({
      meeting: paperMeeting(m),
      agenda: readAgenda(g.doc),
      outcomes: readOutcomes(g.doc),
      people: g.members,
      attendance: readAttendance(g.doc),
      settings: g.settings,
    });
    const title = paper.title + (paper.draft ? PAPER_TEXT.draftMark : "");
    const data = await minutesDocx(paper, g.doc.getXmlFragment(RICH_TEXT_FIELD), {
      author: g.municipality,
      header: [g.municipality, title].filter(Boolean).join("　"),
    });
    return { fileName: `${title}.docx`, data };
  } finally {
    g.doc.destroy();
  }
}
