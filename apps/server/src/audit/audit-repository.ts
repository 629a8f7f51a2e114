/**
 * All SQL on `audit_log`. The table is append-only (triggers refuse UPDATE, DELETE and a
 * replacing INSERT): there is an insert and reads, nothing else.
 */
import type { AuditEventCode } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface AuditRecord {
  id: number;
  at: number;
  event: AuditEventCode;
  workspaceId: string | null;
  actorUserId: string | null;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export async function insertAuditRecord(q: QueryBuilder, entry: Omit<AuditRecord, "id">): Promise<void> {
  await q
    .insertInto("audit_log")
    .values({
      at: entry.at,
      workspace_id: entry.workspaceId,
      actor_user_id: entry.actorUserId,
      event: entry.event,
      target: entry.target,
      ip: entry.ip,
      detail: JSON.stringify(entry.detail),
    })
    .execute();
}

/** The most entries one read answers. */
export const AUDIT_PAGE_MAX = 500;

export interface AuditFilter {
  /** Entries older than this id (paging back). */
  beforeId?: number;
  limit?: number;
  actorUserId?: string;
  events?: readonly string[];
  /** From this time (ms), inclusive. */
  from?: number;
  /** Before this time (ms). */
  to?: number;
}

/** The workspace's entries, newest first. */
export async function listAuditRecords(
  q: QueryBuilder,
  workspaceId: string,
  filter: AuditFilter = {},
): Promise<AuditRecord[]> {
  let query = q
    .selectFrom("audit_log")
    .select(["id", "at", "workspace_id", "actor_user_id", "event", "target", "ip", "detail"])
    // Account events (logins, password changes) carry no workspace: they are shown to the
    // workspaces the account belongs to.
    .where((eb) =>
      eb.or([
        eb("workspace_id", "=", workspaceId),
        eb.and([
          eb("workspace_id", "is", null),
          eb(
            "actor_user_id",
            "in",
            eb.selectFrom("memberships").select("user_id").where("workspace_id", "=", workspaceId),
          ),
        ]),
      ]),
    );
  if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
  if (filter.actorUserId !== undefined) query = query.where("actor_user_id", "=", filter.actorUserId);
  if (filter.events !== undefined) {
    if (filter.events.length === 0) return [];
    query = query.where("event", "in", filter.events);
  }
  if (filter.from !== undefined) query = query.where("at", ">=", filter.from);
  if (filter.to !== undefined) query = query.where("at", "<", filter.to);
  const rows = await query
    .orderBy("id", "desc")
    .limit(Math.min(filter.limit ?? 100, AUDIT_PAGE_MAX))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    workspaceId: r.workspace_id,
    actorUserId: r.actor_user_id,
    event: r.event as AuditEventCode,
    target: r.target,
    ip: r.ip,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
