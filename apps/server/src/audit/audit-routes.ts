/**
 * GET /api/workspaces/:wid/audit — the secretariat reads the append-only audit log (操作記録),
 * newest first, with names resolved. Filters: `actor` (user id), `kind` (account, members,
 * groups, documents, meetings, indicators, refused, workspace), `from` and `to` (Japan dates,
 * YYYY-MM-DD, both inclusive); `before` (an entry id) pages back.
 */
import { auditEventsOfKind, isAuditKind, japanMidnight } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { describeAuditRecords } from "./audit-names.js";

export function auditRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/", async (c) => {
    authorize(c, "audit.read");
    const q = (name: string) => {
      const v = c.req.query(name);
      return v === undefined || v === "" ? undefined : v;
    };
    const before = q("before");
    const limit = q("limit");
    const beforeId = before === undefined ? undefined : Number(before);
    const max = limit === undefined ? 100 : Number(limit);
    const kind = q("kind");
    const from = q("from") === undefined ? undefined : japanMidnight(q("from") as string);
    const toDay = q("to") === undefined ? undefined : japanMidnight(q("to") as string);
    const errors: Record<string, string> = {};
    if (beforeId !== undefined && !Number.isInteger(beforeId)) errors.before = "format";
    if (!Number.isInteger(max) || max < 1) errors.limit = "format";
    if (kind !== undefined && !isAuditKind(kind)) errors.kind = "unknown";
    if (from === null) errors.from = "format";
    if (toDay === null) errors.to = "format";
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const records = await app.audit.list(wid, {
      beforeId,
      limit: max,
      actorUserId: q("actor"),
      events:
        kind === undefined ? undefined : auditEventsOfKind(kind as Parameters<typeof auditEventsOfKind>[0]),
      from: from ?? undefined,
      // `to` names the last day shown: entries before the next midnight.
      to: toDay === undefined || toDay === null ? undefined : toDay + 86_400_000,
    });
    return c.json({ entries: await describeAuditRecords(app.db, wid, records) });
  });
  return r;
}
