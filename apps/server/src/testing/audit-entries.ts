/** Reading the audit log in tests: who recorded an event, in which workspace, from where. */
import { expect } from "vitest";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface AuditEntryRow {
  workspaceId: string | null;
  actorUserId: string | null;
  target: string | null;
  ip: string | null;
  detail: unknown;
}

/** The entries of one event, oldest first, their detail parsed. */
export async function auditEntries(q: QueryBuilder, event: string): Promise<AuditEntryRow[]> {
  const rows = await q
    .selectFrom("audit_log")
    .select(["workspace_id", "actor_user_id", "target", "ip", "detail"])
    .where("event", "=", event)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    actorUserId: r.actor_user_id,
    target: r.target,
    ip: r.ip,
    detail: JSON.parse(r.detail),
  }));
}

/** An entry made by `userId` of the workspace, from a known address. */
export const byPerson = (workspaceId: string, userId: string) => ({
  workspaceId,
  actorUserId: userId,
  ip: expect.stringMatching(/\S/),
});
