/**
 * The append-only audit log (access log): the table refuses UPDATE, DELETE and a replacing
 * INSERT by trigger, and the application only ever inserts (append-only.int.test.ts). Records
 * logins, role and membership changes, refused access (REST and WebSocket), and reads of
 * sensitive records (`recordRead`).
 */
import type { AuditEventCode } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { insertAuditRecord } from "./audit-repository.js";

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

export type { AuditRecord } from "./audit-repository.js";

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
  constructor(private readonly q: QueryBuilder) {}

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

  /**
   * Records that the caller did `event` to `target` (null when it is not one record: a search,
   * an export, the workspace's settings): the person, their workspace and the address the
   * request came from, as every command of a person's records them.
   */
  byCaller(
    caller: { actor: { userId: string }; workspaceId: string; ip: string },
    event: AuditEvent,
    target: string | null,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    return this.record({
      event,
      workspaceId: caller.workspaceId,
      actorUserId: caller.actor.userId,
      target,
      ip: caller.ip,
      detail,
    });
  }

  async record(entry: AuditEntry): Promise<void> {
    await insertAuditRecord(this.q, {
      at: Date.now(),
      workspaceId: entry.workspaceId ?? null,
      actorUserId: entry.actorUserId ?? null,
      event: entry.event,
      target: entry.target ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ?? {},
    });
  }
}
