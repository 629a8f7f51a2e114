/** All SQL on `meeting_paper_settings`: what a workspace writes on its meeting papers. */
import { DEFAULT_MEETING_PAPER_SETTINGS, type MeetingPaperSettings } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface MeetingPaperSettingsRecord extends MeetingPaperSettings {
  workspaceId: string;
  /** Null until the secretariat first saves them (the defaults apply). */
  updatedAt: number | null;
}

export async function findMeetingPaperSettings(
  q: QueryBuilder,
  workspaceId: string,
): Promise<MeetingPaperSettingsRecord> {
  const row = await q
    .selectFrom("meeting_paper_settings")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) return { workspaceId, ...DEFAULT_MEETING_PAPER_SETTINGS, updatedAt: null };
  return {
    workspaceId,
    sender: row.sender,
    numberPrefix: row.number_prefix,
    contactOffice: row.contact_office,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    replyMethod: row.reply_method,
    minutesSigners: row.minutes_signers,
    updatedAt: row.updated_at,
  };
}

export async function saveMeetingPaperSettings(
  q: QueryBuilder,
  s: MeetingPaperSettingsRecord & { updatedAt: number },
  updatedBy: string,
): Promise<void> {
  const values = {
    sender: s.sender,
    number_prefix: s.numberPrefix,
    contact_office: s.contactOffice,
    contact_phone: s.contactPhone,
    contact_email: s.contactEmail,
    reply_method: s.replyMethod,
    minutes_signers: s.minutesSigners,
    updated_by: updatedBy,
    updated_at: s.updatedAt,
  };
  await q
    .insertInto("meeting_paper_settings")
    .values({ workspace_id: s.workspaceId, ...values })
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
    .execute();
}
