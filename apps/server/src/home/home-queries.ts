/**
 * The home page's query: the rows it is made of, in one read transaction through the
 * features' repositories: the workspace's meetings and the caller's invitations, the caller's unread
 * mentions, the plan of the 年度 (its read model) and the plan's latest changes with their
 * authors' names.
 */
import { type Actor, can, fiscalYearOfIsoDate } from "@tsumugi/domain";
import { listMentions, type MentionRecord } from "../comments/comment-repository.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import { meetingsInvitedTo } from "../meetings/invitee-repository.js";
import { listMeetings, type MeetingRecord } from "../meetings/meeting-repository.js";
import { type RecordedChange, readProjection, recentChanges } from "../plan/plan-read-model.js";
import { listPlanDocuments } from "../plan/plan-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface HomeRows {
  meetings: MeetingRecord[];
  invited: Set<string>;
  plan: DocumentRecord | null;
  projection: Awaited<ReturnType<typeof readProjection>>;
  /** The caller's unread mentions, newest first. */
  mentions: MentionRecord[];
  /** The plan's latest changes, newest first. */
  changes: RecordedChange[];
}

/** One read: every list as of the same committed state. */
export async function readHomeRows(
  app: { kysely: QueryBuilder },
  workspaceId: string,
  actor: Actor,
  today: string,
  changes: number,
): Promise<HomeRows> {
  return app.kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      const meetings = can(actor, "meetings.read");
      // This 年度's plan, or else the latest one before it (or the first one planned ahead).
      const thisYear = fiscalYearOfIsoDate(today);
      const plans = can(actor, "plans.read") ? await listPlanDocuments(trx, workspaceId) : [];
      const plan = plans.find((p) => (p.fiscalYear ?? 0) <= thisYear) ?? plans.at(-1) ?? null;
      return {
        meetings: meetings ? await listMeetings(trx, workspaceId) : [],
        invited: meetings ? await meetingsInvitedTo(trx, workspaceId, actor.userId) : new Set<string>(),
        mentions: await listMentions(trx, workspaceId, actor.userId, { unreadOnly: true }),
        plan,
        projection: plan ? await readProjection(trx, plan.docName) : null,
        changes: plan ? await recentChanges(trx, plan.docName, changes) : [],
      };
    });
}
