/** Meetings as the API answers them, with the caller's access to the minutes and abilities. */
import type { Meeting } from "@tsumugi/contract";
import {
  type Actor,
  abilitiesOf,
  documentAccess,
  fiscalYearLabel,
  type MeetingOutcomeResource,
  type MeetingResource,
} from "@tsumugi/domain";
import type { DocumentRecord } from "../documents/document-repository.js";
import type { MeetingRecord } from "./meeting-repository.js";

export const meetingResource = (m: MeetingRecord, invited = false): MeetingResource => ({
  kind: "meeting",
  id: m.id,
  groupId: m.groupId,
  invited,
  state: m.state,
  minutesState: m.minutesState,
});

/** The minutes of a meeting, as the policy sees that document. */
export const minutesRef = (m: MeetingRecord) => ({
  workspaceId: m.workspaceId,
  groupId: m.groupId,
  locked: m.locked,
  reviewing: m.reviewing,
});

/** An outcome of the meeting, to be made an action of `plan` (the meeting's 年度). */
export const meetingOutcomeResource = (m: MeetingRecord, plan: DocumentRecord): MeetingOutcomeResource => ({
  kind: "meetingOutcome",
  minutes: minutesRef(m),
  plan: {
    workspaceId: plan.workspaceId,
    groupId: plan.groupId,
    locked: plan.locked,
    reviewing: plan.reviewing,
  },
});

export function presentMeeting(actor: Actor, m: MeetingRecord, invitees: string[]): Meeting {
  const abilities = abilitiesOf(actor, meetingResource(m, invitees.includes(actor.userId)));
  return {
    id: m.id,
    kind: m.kind,
    groupId: m.groupId,
    fiscalYear: m.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(m.fiscalYear),
    number: m.number,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    onlineUrl: m.onlineUrl,
    state: m.state,
    minutesState: m.minutesState,
    documentId: m.documentId,
    docName: m.docName,
    access: documentAccess(actor, minutesRef(m)),
    invitees,
    closedAt: m.closedAt,
    demo: m.demo,
    abilities,
  };
}

/** The previous meeting of the same kind and group, as a meeting's details and change report name it. */
export const presentPrevious = (m: MeetingRecord) => ({ id: m.id, title: m.title, startsAt: m.startsAt });
