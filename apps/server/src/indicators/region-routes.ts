/**
 * /api/workspaces/:wid/regions — the region groups of this municipality: asking to join one
 * (the group's owner lets it in or refuses), creating one (its owner), leaving, and an overview
 * of the members. What a member sees of the others is the policy's decision (`regionView`):
 * every member's key indicators, and a municipality's plan progress only where the viewer may
 * read that plan anyway, or, in a prefecture group, to the owner's secretariat and observers.
 */
import {
  type Actor,
  canDecideRegionRequest,
  canManageRegionMembership,
  currentFiscalYear,
  figureOf,
  isRole,
  normalise,
  planDashboard,
  type RegionKind,
  type RegionMembership,
  regionView,
  todayInJapan,
} from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, forbidden, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { newId } from "../ids.js";
import { readProjection } from "../plan/plan-read-model.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import type { Queryable } from "../storage/database.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { listIndicators, populations, valuesWithDerived } from "./indicator-repository.js";

const KEY_INDICATORS = ["S01", "S04", "P01", "P09", "O01", "O03"];

const notFound = () => new ApiError(404, "region.notFound", "地域グループが見つかりません。");

interface GroupRow {
  id: string;
  name: string;
  kind: RegionKind;
  owner_workspace_id: string | null;
}

/** This workspace's place in a group, or null (not in it). */
export async function membershipOf(
  q: Queryable,
  group: GroupRow,
  workspaceId: string,
): Promise<RegionMembership | null> {
  const row = await q.get<{ status: string }>(
    "SELECT status FROM region_group_members WHERE group_id = ? AND workspace_id = ?",
    [group.id, workspaceId],
  );
  if (!row) return null;
  if (row.status === "pending") return "pending";
  return group.owner_workspace_id === workspaceId ? "owner" : "member";
}

async function groupOf(q: Queryable, gid: string): Promise<GroupRow | null> {
  return (
    (await q.get<GroupRow>("SELECT id, name, kind, owner_workspace_id FROM region_groups WHERE id = ?", [
      gid,
    ])) ?? null
  );
}

/** The groups a workspace is an owner or member of (pending requests excluded). */
export function activeGroupsOf(q: Queryable, workspaceId: string): Promise<GroupRow[]> {
  return q.all<GroupRow>(
    `SELECT g.id, g.name, g.kind, g.owner_workspace_id FROM region_groups g
       JOIN region_group_members m ON m.group_id = g.id
      WHERE m.workspace_id = ? AND m.status = 'active' ORDER BY g.name`,
    [workspaceId],
  );
}

/** The member municipalities of a group (pending ones excluded). */
export function activeMembersOf(q: Queryable, groupId: string): Promise<{ id: string; name: string }[]> {
  return q.all<{ id: string; name: string }>(
    `SELECT w.id, w.name FROM region_group_members m JOIN workspaces w ON w.id = m.workspace_id
      WHERE m.group_id = ? AND m.status = 'active' ORDER BY w.lg_code`,
    [groupId],
  );
}

/** The same person's Actor in each workspace they belong to (for "may they read it anyway"). */
async function actorsOfUser(q: Queryable, userId: string): Promise<Map<string, Actor>> {
  const rows = await q.all<{ workspace_id: string; role: string; disabled: number }>(
    `SELECT m.workspace_id, m.role, CASE WHEN m.disabled_at IS NOT NULL OR u.disabled_at IS NOT NULL THEN 1 ELSE 0 END AS disabled
       FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = ?`,
    [userId],
  );
  return new Map(
    rows.map((r) => [
      r.workspace_id,
      { userId, role: isRole(r.role) ? r.role : null, groupIds: [], disabled: r.disabled === 1 },
    ]),
  );
}

export function regionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  /** The group named in the path, with this workspace's membership; 404 when it sees nothing of it. */
  async function groupAndMembership(c: Context<AppEnv>) {
    const db = c.get("app").db;
    const group = await groupOf(db, c.req.param("gid") ?? "");
    if (!group) throw notFound();
    return { group, membership: await membershipOf(db, group, c.get("workspaceId")) };
  }

  r.get("/", async (c) => {
    authorize(c, "indicators.read");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const rows = await db.all<GroupRow & { status: string }>(
      `SELECT g.id, g.name, g.kind, g.owner_workspace_id, m.status FROM region_groups g
         JOIN region_group_members m ON m.group_id = g.id
        WHERE m.workspace_id = ? ORDER BY g.name`,
      [wid],
    );
    const groups = [];
    for (const g of rows) {
      const membership: RegionMembership =
        g.status === "pending" ? "pending" : g.owner_workspace_id === wid ? "owner" : "member";
      // The owner's secretariat sees who asked to join.
      const requests = canDecideRegionRequest(c.get("actor"), membership)
        ? await db.all<{ workspaceId: string; name: string; prefecture: string; requestedAt: number }>(
            `SELECT w.id AS workspaceId, w.name, w.prefecture, m.requested_at AS requestedAt
               FROM region_group_members m JOIN workspaces w ON w.id = m.workspace_id
              WHERE m.group_id = ? AND m.status = 'pending' ORDER BY m.requested_at`,
            [g.id],
          )
        : [];
      groups.push({ id: g.id, name: g.name, kind: g.kind, membership, requests });
    }
    return c.json({ groups });
  });

  // Groups this municipality may ask to join: those of its prefecture it is not in.
  r.get("/available", async (c) => {
    authorize(c, "indicators.read");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const groups = await db.all<{ id: string; name: string; kind: string; owner: string | null }>(
      `SELECT g.id, g.name, g.kind, o.name AS owner FROM region_groups g
         LEFT JOIN workspaces o ON o.id = g.owner_workspace_id
        WHERE EXISTS (SELECT 1 FROM region_group_members m JOIN workspaces w ON w.id = m.workspace_id
                       WHERE m.group_id = g.id AND m.status = 'active'
                         AND w.prefecture = (SELECT prefecture FROM workspaces WHERE id = ?))
          AND g.id NOT IN (SELECT group_id FROM region_group_members WHERE workspace_id = ?)
        ORDER BY g.name`,
      [wid, wid],
    );
    return c.json({ groups });
  });

  // Creating a group makes this municipality its owner: it decides who joins.
  r.post("/", async (c) => {
    const actor = authorize(c, "indicators.define");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const name = errors.string(body, "name", { max: 100 });
    if (errors.any) throw invalid(errors.fields);
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const id = newId();
    const now = Date.now();
    await db.transaction(async (tx) => {
      await tx.run(
        "INSERT INTO region_groups (id, name, kind, owner_workspace_id, created_at) VALUES (?, ?, 'wide', ?, ?)",
        [id, name, wid, now],
      );
      await tx.run(
        `INSERT INTO region_group_members (group_id, workspace_id, status, requested_by, requested_at, decided_by, decided_at)
         VALUES (?, ?, 'active', ?, ?, ?, ?)`,
        [id, wid, actor.userId, now, actor.userId, now],
      );
    });
    await c.get("app").audit.record({
      event: "region.joined",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: id,
      ip: c.get("ip"),
      detail: { name, created: true },
    });
    return c.json({ id }, 201);
  });

  // Asking to join: nothing is shared until the group's owner lets this municipality in.
  r.post("/:gid/join", async (c) => {
    const actor = authorize(c, "indicators.define");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const group = await db.get<GroupRow>(
      `SELECT g.id, g.name, g.kind, g.owner_workspace_id FROM region_groups g
        WHERE g.id = ? AND EXISTS (SELECT 1 FROM region_group_members m JOIN workspaces w ON w.id = m.workspace_id
                                    WHERE m.group_id = g.id AND m.status = 'active'
                                      AND w.prefecture = (SELECT prefecture FROM workspaces WHERE id = ?))`,
      [c.req.param("gid"), wid],
    );
    if (!group) throw notFound();
    const res = await db.run(
      `INSERT INTO region_group_members (group_id, workspace_id, status, requested_by, requested_at)
       VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (group_id, workspace_id) DO NOTHING`,
      [group.id, wid, actor.userId, Date.now()],
    );
    if (res.changes === 0)
      throw new ApiError(409, "region.alreadyAsked", "この地域グループには参加中か、参加を申請済みです。");
    await c.get("app").audit.record({
      event: "region.join_requested",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: group.id,
      ip: c.get("ip"),
    });
    return c.json({ membership: "pending" }, 202);
  });

  // The owner's secretariat lets a municipality in, or refuses it (the request is removed).
  const decide = (decision: "approve" | "refuse") => async (c: Context<AppEnv>) => {
    const actor = authorize(c, "indicators.read");
    const { group, membership } = await groupAndMembership(c);
    if (membership === null || membership === "pending") throw notFound();
    if (!canDecideRegionRequest(actor, membership) || !canManageRegionMembership(actor)) throw forbidden();
    const app = c.get("app");
    const requester = c.req.param("rid") ?? "";
    const res =
      decision === "approve"
        ? await app.db.run(
            `UPDATE region_group_members SET status = 'active', decided_by = ?, decided_at = ?
              WHERE group_id = ? AND workspace_id = ? AND status = 'pending'`,
            [actor.userId, Date.now(), group.id, requester],
          )
        : await app.db.run(
            "DELETE FROM region_group_members WHERE group_id = ? AND workspace_id = ? AND status = 'pending'",
            [group.id, requester],
          );
    if (res.changes === 0)
      throw new ApiError(
        404,
        "region.requestNotFound",
        "この参加申請は見つかりません（取り下げられたか、決定済みです）。",
      );
    // Recorded for both municipalities: the owner's decision, and what happened to the request.
    const approved = decision === "approve";
    for (const workspaceId of [c.get("workspaceId"), requester]) {
      await app.audit.record({
        event: approved ? "region.join_approved" : "region.join_refused",
        workspaceId,
        actorUserId: actor.userId,
        target: group.id,
        ip: c.get("ip"),
        detail: { requester },
      });
    }
    return c.json({ ok: true });
  };
  r.post("/:gid/requests/:rid/approve", decide("approve"));
  r.post("/:gid/requests/:rid/refuse", decide("refuse"));

  // Leaving, or withdrawing a request. The owner stays while others are in its group.
  r.delete("/:gid/membership", async (c) => {
    const actor = authorize(c, "indicators.define");
    const wid = c.get("workspaceId");
    const db = c.get("app").db;
    const { group, membership } = await groupAndMembership(c);
    if (membership === null) throw notFound();
    if (membership === "owner") {
      const others = await db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM region_group_members WHERE group_id = ? AND workspace_id <> ?",
        [group.id, wid],
      );
      if ((others?.n ?? 0) > 0)
        throw new ApiError(
          409,
          "region.ownerHasMembers",
          "ほかの自治体が参加しているため、グループを管理する自治体は脱退できません。",
        );
    }
    await db.run("DELETE FROM region_group_members WHERE group_id = ? AND workspace_id = ?", [group.id, wid]);
    const withdrawn = membership === "pending";
    await c.get("app").audit.record({
      event: withdrawn ? "region.request_withdrawn" : "region.left",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: group.id,
      ip: c.get("ip"),
    });
    return c.json({ ok: true });
  });

  r.get("/:gid/overview", async (c) => {
    const actor = authorize(c, "indicators.read");
    const wid = c.get("workspaceId");
    const fy = currentFiscalYear();
    const today = todayInJapan();
    // One read: every member as of the same committed state.
    const result = await c.get("app").db.read(async (db) => {
      const group = await groupOf(db, c.req.param("gid"));
      if (!group) return null;
      const membership = await membershipOf(db, group, wid);
      if (membership !== "owner" && membership !== "member") return null;
      const actorsThere = await actorsOfUser(db, actor.userId);
      const rows = [];
      for (const w of await activeMembersOf(db, group.id)) {
        const view = regionView({
          kind: group.kind,
          viewer: actor,
          viewerMembership: membership,
          viewerThere: actorsThere.get(w.id) ?? null,
        });
        if (!view.indicators) continue;
        const indicators = await listIndicators(db, w.id);
        const values = await valuesWithDerived(db, w.id, indicators);
        const pops = await populations(db, w.id);
        const key = KEY_INDICATORS.flatMap((code) => {
          const i = indicators.find((x) => x.code === code);
          if (!i) return [];
          const latest = values
            .filter((v) => v.indicatorId === i.id && v.month === 0 && figureOf(i.kind, v) !== null)
            .sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
          const value = latest ? figureOf(i.kind, latest) : null;
          return [
            {
              code,
              name: i.name,
              unit: i.unit,
              normalisation: i.normalisation,
              fiscalYear: latest?.fiscalYear ?? null,
              value,
              normalised: latest ? normalise(value, i.normalisation, pops.get(latest.fiscalYear)) : null,
            },
          ];
        });
        let plan = null;
        if (view.planProgress) {
          // The latest plan up to this 年度.
          for (let year = fy; year >= fy - 5 && !plan; year--) {
            const doc = await findPlanDocument(db, w.id, year);
            const projection = doc ? await readProjection(db, doc.docName) : null;
            if (projection) {
              const d = planDashboard(projection.plan, today);
              plan = {
                fiscalYear: year,
                progress: d.overall.progress,
                actions: d.overall.actions,
                done: d.overall.done,
              };
            }
          }
        }
        rows.push({
          workspaceId: w.id,
          name: w.name,
          isSelf: w.id === wid,
          planShown: view.planProgress,
          indicators: key,
          plan,
        });
      }
      // The plan column is shown when another municipality's progress may be; then each row says
      // whether its own is (a hidden one is not "no plan").
      const showPlans = rows.some((m) => !m.isSelf && m.planShown);
      const members = showPlans ? rows : rows.map((m) => ({ ...m, planShown: false, plan: null }));
      return { group: { id: group.id, name: group.name, kind: group.kind }, membership, showPlans, members };
    });
    if (!result) throw notFound();
    return c.json(result);
  });

  return r;
}
