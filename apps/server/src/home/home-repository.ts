/**
 * The rows the home page is made of: the workspace's meetings and the caller's invitations
 * (through the meetings' repository, in one read transaction), the caller's unread mentions
 * (through the comments' repository), and, in another read transaction, the plan of the 年度 (its
 * read model) and the plan's latest changes with their authors' names. Each part's rows agree
 * among themselves.
 */
import { type Actor, can, fiscalYearOfIsoDate } from "@tsumugi/domain";
import { listMentions, type MentionRecord } from "../comments/comment-repository.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import { listMeetings, type MeetingRecord, meetingsInvitedTo } from "../meetings/meeting-repository.js";
import { readProjection } from "../plan/plan-read-model.js";
import { listPlanDocuments } from "../plan/plan-repository.js";
import type { Database } from "../storage/database.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface ChangeRow {
  at: number;
  user_ids: string;
  tbl: string;
  row_id: string;
  row_title: string;
  change: "added" | "changed" | "removed";
  fields: string;
}

export interface HomeRows {
  meetings: MeetingRecord[];
  invited: Set<string>;
  plan: DocumentRecord | null;
  projection: Awaited<ReturnType<typeof readProjection>>;
  /** The caller's unread mentions, newest first. */
  mentions: MentionRecord[];
  changes: ChangeRow[];
  userNames: Map<string, string>;
}

export async function readHomeRows(
  app: { db: Database; kysely: QueryBuilder },
  workspaceId: string,
  actor: Actor,
  today: string,
  changes: number,
): Promise<HomeRows> {
  const [meetings, mentions, rest] = await Promise.all([
    can(actor, "meetings.read")
      ? app.kysely
          .transaction()
          .setAccessMode("read only")
          .execute(async (trx) => ({
            list: await listMeetings(trx, workspaceId),
            invited: await meetingsInvitedTo(trx, workspaceId, actor.userId),
          }))
      : { list: [], invited: new Set<string>() },
    listMentions(app.kysely, workspaceId, actor.userId, { unreadOnly: true }),
    readPlanRows(app.db, workspaceId, actor, today, changes),
  ]);
  return { meetings: meetings.list, invited: meetings.invited, mentions, ...rest };
}

async function readPlanRows(
  database: Database,
  workspaceId: string,
  actor: Actor,
  today: string,
  changes: number,
): Promise<Omit<HomeRows, "meetings" | "invited" | "mentions">> {
  return database.read(async (db) => {
    // This 年度's plan, or else the latest one before it (or the first one planned ahead).
    const thisYear = fiscalYearOfIsoDate(today);
    const plans = can(actor, "plans.read") ? await listPlanDocuments(db, workspaceId) : [];
    const plan = plans.find((p) => (p.fiscalYear ?? 0) <= thisYear) ?? plans.at(-1) ?? null;
    const projection = plan ? await readProjection(db, plan.docName) : null;
    const changeRows = plan
      ? await db.all<ChangeRow>(
          "SELECT at, user_ids, tbl, row_id, row_title, change, fields FROM plan_changes WHERE doc_name = ? ORDER BY id DESC LIMIT ?",
          [plan.docName, changes],
        )
      : [];
    const userIds = [...new Set(changeRows.flatMap((ch) => JSON.parse(ch.user_ids) as string[]))];
    const users = userIds.length
      ? await db.all<{ id: string; name: string }>(
          `SELECT id, name FROM users WHERE id IN (${userIds.map(() => "?").join(", ")})`,
          userIds,
        )
      : [];
    return {
      plan,
      projection,
      changes: changeRows,
      userNames: new Map(users.map((u) => [u.id, u.name])),
    };
  });
}
