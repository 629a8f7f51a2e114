/**
 * GET /api/workspaces/:wid/audit — the secretariat reads the append-only audit log (操作記録),
 * newest first, with names resolved. Filters: `actor` (user id), `kind` (account, members,
 * groups, documents, meetings, indicators, refused, workspace), `from` and `to` (Japan dates,
 * YYYY-MM-DD, both inclusive); `before` (an entry id) pages back.
 */
import { AuditList, AuditQuery } from "@tsumugi/contract";
import { auditEventsOfKind, japanMidnight } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowIn, describe, queryParams } from "../http/operation.js";
import { describeAuditRecords } from "./audit-names.js";
import { listAuditRecords } from "./audit-repository.js";

export function auditRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get(
    "/",
    describe({
      summary: "Audit log (操作記録), newest first, with names",
      tag: "audit",
      response: AuditList,
      errors: [400],
    }),
    queryParams(AuditQuery),
    allowIn("audit.read"),
    async (c) => {
      const query = c.req.valid("query");
      const q = c.var.app.kysely;
      const records = await listAuditRecords(q, c.var.workspaceId, {
        beforeId: query.before,
        limit: query.limit,
        actorUserId: query.actor,
        events: query.kind === undefined ? undefined : auditEventsOfKind(query.kind),
        from: query.from === undefined ? undefined : (japanMidnight(query.from) ?? undefined),
        // `to` names the last day shown: entries before the next midnight.
        to: query.to === undefined ? undefined : (japanMidnight(query.to) ?? 0) + 86_400_000,
      });
      return c.json({
        entries: await describeAuditRecords(q, c.var.workspaceId, records),
      } satisfies AuditList);
    },
  );
  return r;
}
