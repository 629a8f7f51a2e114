/**
 * The append-only audit log (access log): the table refuses UPDATE, DELETE and a replacing
 * INSERT by trigger, and the application only ever inserts (append-only.int.test.ts). Records
 * logins, role and membership changes, refused access (REST and WebSocket), and reads of
 * sensitive records (`recordRead`).
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

/** A read of a sensitive record (a consultation case, a person's entry): who, what, why. */
export interface RecordRead {
  actor: { userId: string; workspaceId: string };
  /** What kind of record, e.g. "consultation". */
  kind: string;
  id: string;
  /** Why it was opened, when the screen asks (e.g. 退院前カンファレンスの準備). */
  reason?: string;
  ip?: string | null;
}

const RECORD_KIND = /^[a-z][a-zA-Z0-9_-]{0,39}$/;
const MAX_REASON = 500;

export class AuditLog {
  constructor(private readonly db: Database) {}

  /**
   * Records that `actor` read a sensitive record (MHLW guideline 6.0: every read of personal
   * data logged). Resolves once the entry is stored: a caller shows the record only then.
   */
  async recordRead(read: RecordRead): Promise<void> {
    if (!RECORD_KIND.test(read.kind))
      throw new RangeError(`record kind must match ${RECORD_KIND}: "${read.kind}"`);
    if (read.id === "" || read.id.length > 100) throw new RangeError("record id must be 1–100 characters");
    if (read.reason !== undefined && read.reason.length > MAX_REASON)
      throw new RangeError(`reason must be at most ${MAX_REASON} characters`);
    await this.record({
      event: "record.read",
      workspaceId: read.actor.workspaceId,
      actorUserId: read.actor.userId,
      target: `${read.kind}:${read.id}`,
      ip: read.ip ?? null,
      detail: { kind: read.kind, id: read.id, ...(read.reason ? { reason: read.reason } : {}) },
    });
  }

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
