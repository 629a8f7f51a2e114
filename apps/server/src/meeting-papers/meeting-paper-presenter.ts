/** The meeting papers' settings as the API answers them (contract: MeetingPaperSettings). */
import type { MeetingPaperSettings } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type MeetingResource } from "@tsumugi/domain";
import type { MeetingRecord } from "../meetings/meeting-repository.js";
import type { MeetingPaperSettingsRecord } from "./meeting-paper-repository.js";

export function meetingResource(m: MeetingRecord): MeetingResource {
  return { kind: "meeting", id: m.id, groupId: m.groupId };
}

export function presentMeetingPaperSettings(
  actor: Actor,
  s: MeetingPaperSettingsRecord,
): MeetingPaperSettings {
  return {
    sender: s.sender,
    numberPrefix: s.numberPrefix,
    contactOffice: s.contactOffice,
    contactPhone: s.contactPhone,
    contactEmail: s.contactEmail,
    replyMethod: s.replyMethod,
    minutesSigners: s.minutesSigners,
    updatedAt: s.updatedAt,
    abilities: abilitiesOf(actor, { kind: "meetingPaperSettings" }),
  };
}
