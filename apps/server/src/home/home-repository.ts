/**
 * The rows the home page is made of: the workspace's meetings and the caller's invitations
 * (through the meetings' repository, in one read transaction), and, in another, the plan of the
 * 年度 (its read model), the caller's unread mentions and the plan's latest changes with their
 * authors' names. Each part's rows agree among themselves.
 */
import { type Actor, can, fiscalYearOfIsoDate } from "@tsumugi/domain";
import type { DocumentRecord } from "../documents/document-repository.js";
import { listMeetings, type MeetingRecord, meetingsInvitedTo } from "../meetings/meeting-repository.js";
import { readProjection } from "../plan/plan-read-model.js";
import { listPlanDocuments } from "../plan/plan-repository.js";
import type { Database } from "../storage/database.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface MentionRow {
  comment_id: string;
  body: string;
  created_at: number;
  tbl: string;
  row_id: string;
  author_name: string;
  fiscal_year: number;
  row_title: string | null;
}

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
  mentions: MentionRow[];
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
  const [meetings, rest] = await Promise.all([
    can(actor, "meetings.read")
      ? app.kysely
          .transaction()
          .setAccessMode("read only")
          .execute(async (trx) => ({
            list: await listMeetings(trx, workspaceId),
            invited: await meetingsInvitedTo(trx, workspaceId, actor.userId),
          }))
      : { list: [], invited: new Set<string>() },
    readPlanRows(app.db, workspaceId, actor, today, changes),
  ]);
  return { meetings: meetings.list, invited: meetings.invited, ...rest };
}

async function readPlanRows(
  database: Database,
  workspaceId: string,
  actor: Actor,
  today: string,
  changes: number,
): Promise<Omit<HomeRows, "meetings" | "invited">> {
  return database.read(async (db) => {
    // This 年度's plan, or else the latest one before it (or the first one planned ahead).
    const thisYear = fiscalYearOfIsoDate(today);
    const plans = can(actor, "plans.read") ? await listPlanDocuments(db, workspaceId) : [];
    const plan = plans.find((p) => (p.fiscalYear ?? 0) <= thisYear) ?? plans.at(-1) ?? null;
    const projection = plan ? await readProjection(db, plan.docName) : null;
    const mentions = await db.all<MentionRow>(
      `SELECT m.comment_id, c.body, c.created_at, c.tbl, c.row_id, u.name AS author_name, d.fiscal_year,
              COALESCE(pa.title, pp.title, NULLIF(c.row_title, '')) AS row_title
         FROM mentions m
         JOIN plan_comments c ON c.id = m.comment_id
         JOIN documents d ON d.doc_name = c.doc_name
         JOIN users u ON u.id = c.author_id
         LEFT JOIN plan_actions pa ON c.tbl = 'actions' AND pa.doc_name = c.doc_name AND pa.id = c.row_id
         LEFT JOIN plan_problems pp ON c.tbl = 'problems' AND pp.doc_name = c.doc_name AND pp.id = c.row_id
        WHERE m.user_id = ? AND d.workspace_id = ? AND m.read_at IS NULL
        ORDER BY c.created_at DESC`,
      [actor.userId, workspaceId],
    );
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
      mentions,
      changes: changeRows,
      userNames: new Map(users.map((u) => [u.id, u.name])),
    };
  });
}
