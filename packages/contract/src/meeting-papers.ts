/**
 * Meeting papers: what a workspace writes on its 開催通知 and 議事録 (settings), and the Word
 * files themselves: /api/workspaces/{wid}/meeting-papers/settings,
 * /api/workspaces/{wid}/meetings/{mid}/notice.docx and …/minutes.docx.
 */
import { MEETING_PAPER_SETTINGS_VERBS, MEETING_PAPER_TEXT_MAX, MINUTES_SIGNERS_MAX } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, IsoDate, optionalText, Timestamp } from "./fields.js";

export const MeetingPaperSettings = z
  .object({
    sender: z
      .string()
      .meta({ description: "発信者, one line each; empty: the municipality and its secretariat" }),
    numberPrefix: z.string().meta({ description: "Before the notice's number (流介支第); empty: 事務連絡" }),
    contactOffice: z.string(),
    contactPhone: z.string(),
    contactEmail: z.string(),
    replyMethod: z
      .string()
      .meta({ description: "How to answer about attendance; {date} is the answer-by day" }),
    minutesSigners: z.number().int().meta({ description: "People who sign the minutes (署名欄); 0: none" }),
    updatedAt: Timestamp.nullable(),
    abilities: abilities(MEETING_PAPER_SETTINGS_VERBS, "What the caller may do with the settings"),
  })
  .meta({ id: "MeetingPaperSettings" });
export type MeetingPaperSettings = z.infer<typeof MeetingPaperSettings>;

export const MeetingPaperSettingsResult = z.object({ settings: MeetingPaperSettings });
export type MeetingPaperSettingsResult = z.infer<typeof MeetingPaperSettingsResult>;

const email = optionalText(MEETING_PAPER_TEXT_MAX.contact).refine(
  (v) => v === "" || z.email().safeParse(v).success,
  {
    error: "format",
  },
);

export const UpdateMeetingPaperSettings = z
  .object({
    sender: optionalText(MEETING_PAPER_TEXT_MAX.sender),
    numberPrefix: optionalText(MEETING_PAPER_TEXT_MAX.numberPrefix),
    contactOffice: optionalText(MEETING_PAPER_TEXT_MAX.contact),
    contactPhone: optionalText(MEETING_PAPER_TEXT_MAX.contact),
    contactEmail: email,
    replyMethod: optionalText(MEETING_PAPER_TEXT_MAX.replyMethod),
    minutesSigners: z
      .number({ error: "format" })
      .int({ error: "format" })
      .min(0, { error: "format" })
      .max(MINUTES_SIGNERS_MAX, { error: "format" }),
  })
  .partial();
export type UpdateMeetingPaperSettings = z.infer<typeof UpdateMeetingPaperSettings>;

/** The notice's own number and date, asked when it is made. */
export const NoticeQuery = z.object({
  number: optionalText(MEETING_PAPER_TEXT_MAX.numberPrefix)
    .optional()
    .meta({ description: "The notice's number (123), written after the workspace's prefix" }),
  date: IsoDate.optional().meta({ description: "The notice's date; today in Japan when left out" }),
});
export type NoticeQuery = z.infer<typeof NoticeQuery>;
