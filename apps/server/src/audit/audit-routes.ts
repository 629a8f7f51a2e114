/**
 * GET /api/workspaces/:wid/audit — the secretariat reads the append-only audit log (操作記録),
 * newest first, with names resolved. Filters: `actor` (user id), `kind` (account, members,
 * groups, documents, meetings, indicators, refused, workspace), `from` and `to` (Japan dates,
 * YYYY-MM-DD, both inclusive); `before` (an entry id) pages back.
 */
import { AuditList, AuditQuery } from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowIn, describe, queryParams } from "../http/operation.js";
import { presentAuditLog } from "./audit-presenter.js";
import { readAuditLog } from "./audit-queries.js";

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
      const q = c.var.app.kysely;
      const records = await readAuditLog(q, c.var.workspaceId, c.req.valid("query"));
      return c.json(await presentAuditLog(q, c.var.workspaceId, records));
    },
  );
  return r;
}
