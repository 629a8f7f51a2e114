/** Reading the audit log by the API's filters (contract: AuditQuery). */
import type { AuditQuery } from "@tsumugi/contract";
import { auditEventsOfKind, japanMidnight } from "@tsumugi/domain";
import type * as z from "zod";
import type { QueryBuilder } from "../storage/query-builder.js";
import { type AuditRecord, listAuditRecords } from "./audit-repository.js";

/**
 * The workspace's entries, newest first: `kind` names a set of events, `from` and `to` are
 * Japan days, both inclusive.
 */
export function readAuditLog(
  q: QueryBuilder,
  workspaceId: string,
  query: z.output<typeof AuditQuery>,
): Promise<AuditRecord[]> {
  return listAuditRecords(q, workspaceId, {
    beforeId: query.before,
    limit: query.limit,
    actorUserId: query.actor,
    events: query.kind === undefined ? undefined : auditEventsOfKind(query.kind),
    from: query.from === undefined ? undefined : (japanMidnight(query.from) ?? undefined),
    // `to` names the last day shown: entries before the next midnight.
    to: query.to === undefined ? undefined : (japanMidnight(query.to) ?? 0) + 86_400_000,
  });
}
