/** The meeting papers' settings as the API answers them (contract: MeetingPaperSettings). */
import type { MeetingPaperSettings } from "@tsumugi/contract";
import { type Actor, abilitiesOf } from "@tsumugi/domain";
import type { MeetingPaperSettingsRecord } from "./meeting-paper-repository.js";

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
