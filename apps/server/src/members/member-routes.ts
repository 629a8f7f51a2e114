/**
 * /api/workspaces/:wid/members — list, change role, disable/enable, end sessions.
 * Every change that alters what a person may open is announced on AccessEvents, so their
 * open document sockets are closed or downgraded at once.
 */
import { can, canChangeRole, canDisableUser, isActiveMember, isId, isRole, type Role } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, forbidden, invalid } from "../http/errors.js";
import { readJsonObject } from "../http/request-body.js";
import { loadActor } from "../workspaces/actor.js";
import { authorize } from "../workspaces/workspace-guard.js";

interface MemberRow {
  user_id: string;
  name: string;
  email: string;
  organization: string;
  role: Role;
  disabled_at: number | null;
  user_disabled_at: number | null;
}

const memberNotFound = () => new ApiError(404, "member.notFound", "メンバーが見つかりません。");

export function memberRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    authorize(c, "members.list");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const rows = await db.all<MemberRow>(
      `SELECT m.user_id, u.name, u.email, u.organization, m.role, m.disabled_at, u.disabled_at AS user_disabled_at
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY u.name`,
      [wid],
    );
    const groups = await db.all<{ user_id: string; group_id: string }>(
      `SELECT gm.user_id, gm.group_id FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE g.workspace_id = ?`,
      [wid],
    );
    return c.json({
      members: rows.map((m) => ({
        userId: m.user_id,
        name: m.name,
        email: m.email,
        organization: m.organization,
        role: m.role,
        disabled: m.disabled_at !== null || m.user_disabled_at !== null,
        groupIds: groups.filter((g) => g.user_id === m.user_id).map((g) => g.group_id),
      })),
    });
  });

  r.patch("/:uid", async (c) => {
    authorize(c, "members.manage");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const uid = c.req.param("uid");
    const body = await readJsonObject(c);
    if ("role" in body && !isRole(body.role)) throw invalid({ role: "unknown" });
    if ("disabled" in body && typeof body.disabled !== "boolean") throw invalid({ disabled: "required" });
    if (!isId(uid)) throw memberNotFound();
    const ip = c.get("ip");

    // Decided and written in one transaction, on the actor and counts as they are then: two
    // secretariats demoting or disabling each other at once cannot leave the workspace
    // without one.
    const changes = await app.db.transaction(async (tx) => {
      const actor = await loadActor(tx, c.get("actor").userId, wid);
      if (!isActiveMember(actor)) throw forbidden();
      const target = await tx.get<{ role: Role; disabled_at: number | null }>(
        "SELECT role, disabled_at FROM memberships WHERE workspace_id = ? AND user_id = ?",
        [wid, uid],
      );
      if (!target) throw memberNotFound();
      const done: { role?: { from: Role; to: Role }; disabled?: boolean; actorId: string } = {
        actorId: actor.userId,
      };
      if (isRole(body.role) && body.role !== target.role) {
        const count = await tx.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM memberships WHERE workspace_id = ? AND role = 'secretariat' AND disabled_at IS NULL",
          [wid],
        );
        if (!canChangeRole(actor, { userId: uid, role: target.role }, body.role, count?.n ?? 0)) {
          if (!can(actor, "members.manage")) throw forbidden();
          throw new ApiError(
            409,
            "member.lastSecretariat",
            "事務局が一人もいなくなるため、この変更はできません。",
          );
        }
        await tx.run("UPDATE memberships SET role = ? WHERE workspace_id = ? AND user_id = ?", [
          body.role,
          wid,
          uid,
        ]);
        done.role = { from: target.role, to: body.role };
      }
      if (typeof body.disabled === "boolean" && body.disabled !== (target.disabled_at !== null)) {
        if (!canDisableUser(actor, uid)) throw forbidden();
        await tx.run("UPDATE memberships SET disabled_at = ? WHERE workspace_id = ? AND user_id = ?", [
          body.disabled ? Date.now() : null,
          wid,
          uid,
        ]);
        done.disabled = body.disabled;
      }
      return done;
    });

    if (changes.role) {
      await app.audit.record({
        event: "member.role_changed",
        workspaceId: wid,
        actorUserId: changes.actorId,
        target: uid,
        ip,
        detail: changes.role,
      });
    }
    if (changes.disabled !== undefined) {
      await app.audit.record({
        event: changes.disabled ? "member.disabled" : "member.enabled",
        workspaceId: wid,
        actorUserId: changes.actorId,
        target: uid,
        ip,
      });
      if (changes.disabled) {
        const ended = await app.sessions.invalidateAllForUser(uid);
        app.events.emit({ type: "sessions-ended", sessionIds: ended });
      }
    }
    if (changes.role || changes.disabled !== undefined)
      app.events.emit({ type: "user-access-changed", userId: uid, workspaceId: wid });
    return c.body(null, 204);
  });

  r.post("/:uid/end-sessions", async (c) => {
    const actor = authorize(c, "members.manage");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const uid = c.req.param("uid");
    const member = isId(uid)
      ? await app.db.get("SELECT 1 FROM memberships WHERE workspace_id = ? AND user_id = ?", [wid, uid])
      : undefined;
    if (!member) throw memberNotFound();
    const ended = await app.sessions.invalidateAllForUser(uid);
    app.events.emit({ type: "sessions-ended", sessionIds: ended });
    await app.audit.record({
      event: "member.sessions_ended",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: uid,
      ip: c.get("ip"),
      detail: { count: ended.length },
    });
    return c.body(null, 204);
  });

  return r;
}
