/**
 * The append-only audit log (the table refuses UPDATE and DELETE by trigger).
 * Records logins, role and membership changes, and refused access (REST and WebSocket).
 */
import type { AuditEventCode } from "@tsumugi/domain";
import type { Database, SqlValue } from "../storage/database.js";

/** The events recorded: the domain's catalogue (the web app has a Japanese label for each). */
export type AuditEvent = AuditEventCode;

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

  /**
   * Newest first. Filters: the person who acted, a set of events, and a time range
   * (`from` inclusive, `to` exclusive, in ms).
   */
  async list(
    workspaceId: string,
    opts: {
      beforeId?: number;
      limit?: number;
      actorUserId?: string;
      events?: readonly string[];
      from?: number;
      to?: number;
    } = {},
  ): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (opts.actorUserId !== undefined) {
      where.push("actor_user_id = ?");
      params.push(opts.actorUserId);
    }
    if (opts.events !== undefined) {
      where.push(`event IN (${opts.events.map(() => "?").join(", ") || "NULL"})`);
      params.push(...opts.events);
    }
    if (opts.from !== undefined) {
      where.push("at >= ?");
      params.push(opts.from);
    }
    if (opts.to !== undefined) {
      where.push("at < ?");
      params.push(opts.to);
    }
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
          AND id < ? ${where.map((w) => `AND ${w}`).join(" ")} ORDER BY id DESC LIMIT ?`,
      [
        workspaceId,
        workspaceId,
        opts.beforeId ?? Number.MAX_SAFE_INTEGER,
        ...params,
        Math.min(opts.limit ?? 100, 500),
      ],
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
