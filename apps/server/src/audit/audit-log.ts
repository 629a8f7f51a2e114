/**
 * The append-only audit log (the table refuses UPDATE and DELETE by trigger).
 * Records logins, role and membership changes, and refused access (REST and WebSocket).
 */
import type { Database } from "../storage/database.js";

export type AuditEvent =
  | "login.success"
  | "login.failure"
  | "login.throttled"
  | "logout"
  | "password.changed"
  | "invite.created"
  | "invite.revoked"
  | "invite.accepted"
  | "invite.spent"
  | "member.role_changed"
  | "member.disabled"
  | "member.enabled"
  | "member.sessions_ended"
  | "group.created"
  | "group.updated"
  | "group.deleted"
  | "group.member_added"
  | "group.member_removed"
  | "workspace.created"
  | "workspace.updated"
  | "document.created"
  | "document.access_refused"
  | "access.refused"
  | "document.write_refused"
  | "document.write_limited"
  | "plan.created"
  | "plan.rebuilt"
  | "meeting.created"
  | "meeting.state_changed"
  | "meeting.outcome_action"
  | "minutes.state_changed"
  | "draft.status_changed"
  | "region.joined"
  | "region.left";

export interface AuditEntry {
  event: AuditEvent;
  workspaceId?: string | null;
  actorUserId?: string | null;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, "detail">> {
  id: number;
  at: number;
  detail: Record<string, unknown>;
}

export class AuditLog {
  constructor(private readonly db: Database) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.run(
      "INSERT INTO audit_log (at, workspace_id, actor_user_id, event, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [
        Date.now(),
        entry.workspaceId ?? null,
        entry.actorUserId ?? null,
        entry.event,
        entry.target ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }

  async list(workspaceId: string, opts: { beforeId?: number; limit?: number } = {}): Promise<AuditRecord[]> {
    const rows = await this.db.all<{
      id: number;
      at: number;
      workspace_id: string | null;
      actor_user_id: string | null;
      event: AuditEvent;
      target: string | null;
      ip: string | null;
      detail: string;
    }>(
      // Account events (logins, password changes) carry no workspace: they are shown to the
      // workspaces the account belongs to.
      `SELECT * FROM audit_log
        WHERE (workspace_id = ? OR (workspace_id IS NULL AND actor_user_id IN
                (SELECT user_id FROM memberships WHERE workspace_id = ?)))
          AND id < ? ORDER BY id DESC LIMIT ?`,
      [workspaceId, workspaceId, opts.beforeId ?? Number.MAX_SAFE_INTEGER, Math.min(opts.limit ?? 100, 500)],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      workspaceId: r.workspace_id,
      actorUserId: r.actor_user_id,
      event: r.event,
      target: r.target,
      ip: r.ip,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
