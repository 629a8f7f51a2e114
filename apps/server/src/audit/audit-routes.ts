/** GET /api/workspaces/:wid/audit — the secretariat reads the append-only audit log. */
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import { authorize } from "../workspaces/workspace-guard.js";

export function auditRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/", async (c) => {
    authorize(c, "audit.read");
    const before = c.req.query("before");
    const limit = c.req.query("limit");
    const beforeId = before === undefined ? undefined : Number(before);
    const max = limit === undefined ? 100 : Number(limit);
    if ((beforeId !== undefined && !Number.isInteger(beforeId)) || !Number.isInteger(max) || max < 1) {
      throw invalid({ ...(beforeId !== undefined ? { before: "format" } : {}), limit: "format" });
    }
    const entries = await c.get("app").audit.list(c.get("workspaceId"), { beforeId, limit: max });
    return c.json({ entries });
  });
  return r;
}
