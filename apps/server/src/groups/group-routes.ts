/** /api/workspaces/:wid/groups — 全体会, 部会, 班, 事務局 and their members. */
import { type GroupKind, isGroupKind, isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { newId } from "../ids.js";
import type { Queryable } from "../storage/database.js";
import { authorize } from "../workspaces/workspace-guard.js";

export interface GroupView {
  id: string;
  name: string;
  kind: GroupKind;
  memberIds: string[];
}

const groupNotFound = () => new ApiError(404, "group.notFound", "グループが見つかりません。");
const nameTaken = () => new ApiError(409, "group.nameTaken", "同じ名前のグループが既にあります。");

export async function listGroups(db: Queryable, workspaceId: string): Promise<GroupView[]> {
  const groups = await db.all<{ id: string; name: string; kind: GroupKind }>(
    "SELECT id, name, kind FROM groups WHERE workspace_id = ? ORDER BY created_at, name",
    [workspaceId],
  );
  const members = await db.all<{ group_id: string; user_id: string }>(
    "SELECT gm.group_id, gm.user_id FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE g.workspace_id = ?",
    [workspaceId],
  );
  return groups.map((g) => ({
    ...g,
    memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.user_id),
  }));
}

async function groupOf(db: Queryable, workspaceId: string, gid: string) {
  if (!isId(gid)) return undefined;
  return db.get<{ id: string; name: string; kind: GroupKind }>(
    "SELECT id, name, kind FROM groups WHERE id = ? AND workspace_id = ?",
    [gid, workspaceId],
  );
}

function isUniqueViolation(err: unknown): boolean {
  return String(err).includes("UNIQUE");
}

export function groupRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    authorize(c, "members.list");
    return c.json({ groups: await listGroups(c.get("app").db, c.get("workspaceId")) });
  });

  r.post("/", async (c) => {
    const actor = authorize(c, "groups.manage");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const name = errors.string(body, "name", { max: 100 });
    if (!isGroupKind(body.kind)) errors.add("kind", "unknown");
    if (errors.any) throw invalid(errors.fields);
    const id = newId();
    try {
      await app.db.run(
        "INSERT INTO groups (id, workspace_id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)",
        [id, wid, name, body.kind as GroupKind, Date.now()],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
    await app.audit.record({
      event: "group.created",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: id,
      ip: c.get("ip"),
      detail: { name, kind: body.kind },
    });
    return c.json({ group: { id, name, kind: body.kind, memberIds: [] } }, 201);
  });

  r.patch("/:gid", async (c) => {
    const actor = authorize(c, "groups.manage");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const group = await groupOf(app.db, wid, c.req.param("gid"));
    if (!group) throw groupNotFound();
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const name = "name" in body ? errors.string(body, "name", { max: 100 }) : group.name;
    if ("kind" in body && !isGroupKind(body.kind)) errors.add("kind", "unknown");
    if (errors.any) throw invalid(errors.fields);
    const kind = (body.kind as GroupKind | undefined) ?? group.kind;
    try {
      await app.db.run("UPDATE groups SET name = ?, kind = ? WHERE id = ?", [name, kind, group.id]);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
    await app.audit.record({
      event: "group.updated",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: group.id,
      ip: c.get("ip"),
      detail: { name, kind },
    });
    return c.json({ group: { id: group.id, name, kind } });
  });

  r.delete("/:gid", async (c) => {
    const actor = authorize(c, "groups.manage");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const group = await groupOf(app.db, wid, c.req.param("gid"));
    if (!group) throw groupNotFound();
    // Deleting would turn the group's documents into workspace-wide ones anyone may edit.
    const owned = await app.db.get("SELECT 1 FROM documents WHERE group_id = ? LIMIT 1", [group.id]);
    if (owned)
      throw new ApiError(409, "group.hasDocuments", "このグループには文書があるため削除できません。");
    const members = await app.db.all<{ user_id: string }>(
      "SELECT user_id FROM group_members WHERE group_id = ?",
      [group.id],
    );
    await app.db.run("DELETE FROM groups WHERE id = ?", [group.id]);
    await app.audit.record({
      event: "group.deleted",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: group.id,
      ip: c.get("ip"),
      detail: { name: group.name },
    });
    for (const m of members)
      app.events.emit({ type: "user-access-changed", userId: m.user_id, workspaceId: wid });
    return c.body(null, 204);
  });

  const membership = (add: boolean) =>
    r[add ? "put" : "delete"]("/:gid/members/:uid", async (c) => {
      const actor = authorize(c, "groups.manage");
      const app = c.get("app");
      const wid = c.get("workspaceId");
      const uid = c.req.param("uid");
      const group = await groupOf(app.db, wid, c.req.param("gid"));
      if (!group) throw groupNotFound();
      const member = isId(uid)
        ? await app.db.get("SELECT 1 FROM memberships WHERE workspace_id = ? AND user_id = ?", [wid, uid])
        : undefined;
      if (!member) throw new ApiError(404, "member.notFound", "メンバーが見つかりません。");
      const result = add
        ? await app.db.run("INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)", [
            group.id,
            uid,
          ])
        : await app.db.run("DELETE FROM group_members WHERE group_id = ? AND user_id = ?", [group.id, uid]);
      if (result.changes > 0) {
        await app.audit.record({
          event: add ? "group.member_added" : "group.member_removed",
          workspaceId: wid,
          actorUserId: actor.userId,
          target: uid,
          ip: c.get("ip"),
          detail: { groupId: group.id, group: group.name },
        });
        app.events.emit({ type: "user-access-changed", userId: uid, workspaceId: wid });
      }
      return c.body(null, 204);
    });
  membership(true);
  membership(false);

  return r;
}
