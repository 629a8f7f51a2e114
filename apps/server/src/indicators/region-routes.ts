/**
 * /api/workspaces/:wid/regions — the region groups this municipality belongs to, and an
 * overview of their members: key indicators (normalised) for everyone; for the prefecture's
 * observers in a prefecture group, each municipality's plan progress as well. Plans
 * themselves never cross workspaces.
 */
import {
  canSeeRegionPlans,
  currentFiscalYear,
  figureOf,
  normalise,
  planDashboard,
  todayInJapan,
} from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { newId } from "../ids.js";
import { readProjection } from "../plan/plan-read-model.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { derivedValues, listIndicators, listValues, populations } from "./indicator-repository.js";

const KEY_INDICATORS = ["S01", "S04", "P01", "P09", "O01", "O03"];

export function regionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    authorize(c, "indicators.read");
    const db = c.get("app").db;
    const groups = await db.all<{ id: string; name: string; kind: string }>(
      `SELECT g.id, g.name, g.kind FROM region_groups g JOIN region_group_members m ON m.group_id = g.id
        WHERE m.workspace_id = ? ORDER BY g.name`,
      [c.get("workspaceId")],
    );
    return c.json({ groups });
  });

  // Groups this municipality may join: those with a member in the same prefecture.
  r.get("/available", async (c) => {
    authorize(c, "indicators.read");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const groups = await db.all<{ id: string; name: string; kind: string; members: number }>(
      `SELECT g.id, g.name, g.kind, COUNT(m.workspace_id) AS members FROM region_groups g
         JOIN region_group_members m ON m.group_id = g.id JOIN workspaces w ON w.id = m.workspace_id
        WHERE w.prefecture = (SELECT prefecture FROM workspaces WHERE id = ?)
          AND g.id NOT IN (SELECT group_id FROM region_group_members WHERE workspace_id = ?)
        GROUP BY g.id ORDER BY g.name`,
      [wid, wid],
    );
    return c.json({ groups });
  });

  // Joining shares this municipality's indicator values (never its plans) with the members.
  r.post("/", async (c) => {
    const actor = authorize(c, "indicators.define");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const name = errors.string(body, "name", { max: 100 });
    if (errors.any) throw invalid(errors.fields);
    const db = c.get("app").db;
    const id = newId();
    await db.transaction(async (tx) => {
      await tx.run("INSERT INTO region_groups (id, name, kind, created_at) VALUES (?, ?, 'wide', ?)", [
        id,
        name,
        Date.now(),
      ]);
      await tx.run("INSERT INTO region_group_members (group_id, workspace_id) VALUES (?, ?)", [
        id,
        c.get("workspaceId"),
      ]);
    });
    await c.get("app").audit.record({
      event: "region.joined",
      workspaceId: c.get("workspaceId"),
      actorUserId: actor.userId,
      target: id,
      detail: { name, created: true },
    });
    return c.json({ id }, 201);
  });

  r.post("/:gid/join", async (c) => {
    const actor = authorize(c, "indicators.define");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const group = await db.get<{ id: string }>(
      `SELECT g.id FROM region_groups g JOIN region_group_members m ON m.group_id = g.id
         JOIN workspaces w ON w.id = m.workspace_id
        WHERE g.id = ? AND w.prefecture = (SELECT prefecture FROM workspaces WHERE id = ?) LIMIT 1`,
      [c.req.param("gid"), wid],
    );
    if (!group) throw new ApiError(404, "region.notFound", "地域グループが見つかりません。");
    await db.run("INSERT OR IGNORE INTO region_group_members (group_id, workspace_id) VALUES (?, ?)", [
      group.id,
      wid,
    ]);
    await c.get("app").audit.record({
      event: "region.joined",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: group.id,
    });
    return c.json({ ok: true });
  });

  r.delete("/:gid/membership", async (c) => {
    const actor = authorize(c, "indicators.define");
    const wid = c.get("workspaceId");
    const res = await c
      .get("app")
      .db.run("DELETE FROM region_group_members WHERE group_id = ? AND workspace_id = ?", [
        c.req.param("gid"),
        wid,
      ]);
    if (res.changes === 0) throw new ApiError(404, "region.notFound", "地域グループが見つかりません。");
    await c.get("app").audit.record({
      event: "region.left",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: c.req.param("gid"),
    });
    return c.json({ ok: true });
  });

  r.get("/:gid/overview", async (c) => {
    const actor = authorize(c, "indicators.read");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const group = await db.get<{ id: string; name: string; kind: string }>(
      `SELECT g.id, g.name, g.kind FROM region_groups g JOIN region_group_members m ON m.group_id = g.id
        WHERE g.id = ? AND m.workspace_id = ?`,
      [c.req.param("gid"), wid],
    );
    if (!group) throw new ApiError(404, "region.notFound", "地域グループが見つかりません。");
    const showPlans = canSeeRegionPlans(actor, group.kind);
    const fy = currentFiscalYear();
    const members = await db.all<{ id: string; name: string; prefecture: string }>(
      `SELECT w.id, w.name, w.prefecture FROM region_group_members m JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.group_id = ? ORDER BY w.lg_code`,
      [group.id],
    );
    const rows = [];
    for (const w of members) {
      const indicators = await listIndicators(db, w.id);
      const values = [...(await listValues(db, w.id)), ...(await derivedValues(db, w.id, indicators))];
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
      if (showPlans) {
        // The latest plan up to this 年度.
        for (let year = fy; year >= fy - 5 && !plan; year--) {
          const doc = await findPlanDocument(db, w.id, year);
          const projection = doc ? await readProjection(db, doc.docName) : null;
          if (projection) {
            const d = planDashboard(projection.plan, todayInJapan());
            plan = {
              fiscalYear: year,
              progress: d.overall.progress,
              actions: d.overall.actions,
              done: d.overall.done,
            };
          }
        }
      }
      rows.push({ workspaceId: w.id, name: w.name, isSelf: w.id === wid, indicators: key, plan });
    }
    return c.json({ group, showPlans, members: rows });
  });

  return r;
}
