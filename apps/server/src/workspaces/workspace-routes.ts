/** GET/PATCH /api/workspaces/:wid — the municipality's name, prefecture and LG code. */
import { can, PREFECTURES, prefectureOfLgCode, validateLgCode, WORKSPACE_ACTIONS } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { authorize } from "./workspace-guard.js";

interface WorkspaceRow {
  id: string;
  name: string;
  prefecture: string;
  lg_code: string;
}

export function workspaceRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    const actor = authorize(c, "workspace.read");
    const w = await c
      .get("app")
      .db.get<WorkspaceRow>("SELECT * FROM workspaces WHERE id = ?", [c.get("workspaceId")]);
    if (!w) throw new ApiError(404, "workspace.notFound", "自治体が見つかりません。");
    return c.json({
      workspace: { id: w.id, name: w.name, prefecture: w.prefecture, lgCode: w.lg_code },
      role: actor.role,
      groupIds: actor.groupIds,
      can: Object.fromEntries(WORKSPACE_ACTIONS.map((a) => [a, can(actor, a)])),
    });
  });

  r.patch("/", async (c) => {
    const actor = authorize(c, "workspace.update");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const body = await readJsonObject(c);
    const current = await app.db.get<WorkspaceRow>("SELECT * FROM workspaces WHERE id = ?", [wid]);
    if (!current) throw new ApiError(404, "workspace.notFound", "自治体が見つかりません。");
    const errors = new FieldErrors();
    const name = "name" in body ? errors.string(body, "name", { max: 100 }) : current.name;
    const prefecture =
      "prefecture" in body ? errors.string(body, "prefecture", { max: 10 }) : current.prefecture;
    const lgCode = "lgCode" in body ? errors.string(body, "lgCode", { max: 6 }) : current.lg_code;
    if (!(PREFECTURES as readonly string[]).includes(prefecture)) errors.add("prefecture", "unknown");
    const lgProblem = validateLgCode(lgCode);
    if (lgProblem) errors.add("lgCode", lgProblem);
    else if (prefectureOfLgCode(lgCode) !== prefecture) errors.add("lgCode", "prefectureMismatch");
    if (errors.any) throw invalid(errors.fields);
    try {
      await app.db.run("UPDATE workspaces SET name = ?, prefecture = ?, lg_code = ? WHERE id = ?", [
        name,
        prefecture,
        lgCode,
        wid,
      ]);
    } catch (err) {
      if (String(err).includes("UNIQUE")) {
        throw new ApiError(409, "workspace.lgCodeTaken", "この地方公共団体コードは既に登録されています。");
      }
      throw err;
    }
    await app.audit.record({
      event: "workspace.updated",
      workspaceId: wid,
      actorUserId: actor.userId,
      ip: c.get("ip"),
      detail: { name, prefecture, lgCode },
    });
    return c.json({ workspace: { id: wid, name, prefecture, lgCode } });
  });

  return r;
}
