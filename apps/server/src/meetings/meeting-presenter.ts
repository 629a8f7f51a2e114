/** Meetings as the API answers them, with the caller's access to the minutes and abilities. */
import type { Meeting } from "@tsumugi/contract";
import {
  type Actor,
  abilitiesOf,
  documentAccess,
  fiscalYearLabel,
  type MeetingResource,
} from "@tsumugi/domain";
import type { MeetingRecord } from "./meeting-repository.js";

export const meetingResource = (m: MeetingRecord, invited = false): MeetingResource => ({
  kind: "meeting",
  id: m.id,
  groupId: m.groupId,
  invited,
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
    access: documentAccess(actor, {
      workspaceId: m.workspaceId,
      groupId: m.groupId,
      locked: m.locked,
      reviewing: m.reviewing,
    }),
    canManage: abilities.manage,
    invitees,
    closedAt: m.closedAt,
    demo: m.demo,
    abilities,
  };
}
