/**
 * /api/workspaces/:wid/plans — the fiscal-year plans: list, create (optionally carrying last
 * year's plan over), every year's actions, the dashboard from the read model, its live events
 * and its rebuild. The plan itself is edited over the collab WebSocket (`docName`).
 */
import {
  CreatePlan,
  DashboardQuery,
  DashboardResponse,
  PLAN_YEAR_MAX,
  PLAN_YEAR_MIN,
  PlanList,
  PlanResult,
  PlanYears,
  RebuildResult,
} from "@tsumugi/contract";
import { can, currentFiscalYear, planDashboard, todayInJapan } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, load, queryParams } from "../http/operation.js";
import { changeStream } from "../http/sse.js";
import { loadActor } from "../workspaces/actor.js";
import { createPlan, planNotFound, rebuildPlan } from "./plan-commands.js";
import { planResource, presentPlan, presentPlanYear } from "./plan-presenter.js";
import type { PlanProjector } from "./plan-projector.js";
import { planYears, projectionWithChanges } from "./plan-queries.js";
import { findPlanDocument, listPlanDocuments } from "./plan-repository.js";

const tag = "plans";

/** The plan of the 年度 in the path (`:fy`, 2025); a malformed year is simply not found. */
export const loadPlan = load(
  "plan",
  async (c) => {
    const fy = Number(c.req.param("fy"));
    if (!Number.isInteger(fy) || fy < PLAN_YEAR_MIN || fy > PLAN_YEAR_MAX) return undefined;
    return (await findPlanDocument(c.var.app.kysely, c.var.workspaceId, fy)) ?? undefined;
  },
  planNotFound,
);

export function planRoutes(collab: CollabServer, projector: PlanProjector): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const services = { collab, projector };

  r.get(
    "/",
    describe({
      summary: "Fiscal-year plans with the caller's access, and the current 年度",
      tag,
      response: PlanList,
    }),
    allowIn("plans.read"),
    async (c) => {
      const plans = await listPlanDocuments(c.var.app.kysely, c.var.workspaceId);
      return c.json({
        plans: plans.map((p) => presentPlan(c.var.actor, p)),
        currentFiscalYear: currentFiscalYear(),
      });
    },
  );

  r.post(
    "/",
    describe({
      summary: "Create a 年度's plan; carryOver copies last year's open rows",
      description:
        "409 `plan.exists` when the 年度 has a plan, `plan.noPreviousPlan` (fields.carryOver) when there is nothing to carry over.",
      tag,
      ok: 201,
      response: PlanResult,
      errors: [409],
    }),
    jsonBody(CreatePlan),
    allowIn("plans.create"),
    async (c) => {
      const plan = await createPlan(c.var.app, services, callerOf(c), c.req.valid("json"));
      return c.json({ plan: presentPlan(c.var.actor, plan) }, 201);
    },
  );

  // Items × years: each year's actions from the read model (seed 004's 年次計画 layout).
  r.get(
    "/multi-year",
    describe({ summary: "Every year's actions by item, from the read model", tag, response: PlanYears }),
    allowIn("plans.read"),
    async (c) => {
      const years = await planYears(c.var.app.kysely, c.var.workspaceId);
      return c.json({
        years: years.map((y) => presentPlanYear(y.plan, y.projection)),
      } satisfies PlanYears);
    },
  );

  r.get(
    "/:fy",
    describe({ summary: "One plan; its docName opens /collab/{docName}", tag, response: PlanResult }),
    loadPlan,
    allow("read", "plan", planResource),
    (c) => c.json({ plan: presentPlan(c.var.actor, c.var.plan) }),
  );

  r.get(
    "/:fy/dashboard",
    describe({
      summary: "Progress roll-ups, overdue/unstarted actions, problems by status, events, recent changes",
      description: "503 `plan.notProjected` while the plan's read model is being written for the first time.",
      tag,
      response: DashboardResponse,
      errors: [400, 503],
    }),
    queryParams(DashboardQuery),
    loadPlan,
    allow("read", "plan", planResource),
    async (c) => {
      const today = c.req.valid("query").today ?? todayInJapan();
      const { projection, changes } = await projectionWithChanges(c.var.app.kysely, c.var.plan.docName, 30);
      return c.json({
        dashboard: planDashboard(projection.plan, today),
        projectedAt: projection.projectedAt,
        invalidRows: projection.invalid.length,
        recentChanges: changes,
      } satisfies DashboardResponse);
    },
  );

  // The dashboard's figures changed: a new projection of the plan was written.
  r.get(
    "/:fy/events",
    describe({
      summary: "Server-sent events: 'changed' after each new projection of the plan",
      tag,
      file: "text/event-stream",
    }),
    loadPlan,
    allow("read", "plan", planResource),
    async (c) => {
      const { actor, plan, workspaceId } = c.var;
      const kysely = c.var.app.kysely;
      // The stream reads only the request's own variables (session, user, workspace).
      return changeStream<string>(c as unknown as Context<AppEnv>, {
        subscribe: (listener) => projector.events.on(plan.docName, listener),
        toData: () => ({ projected: true }),
        stillAllowed: async () => can(await loadActor(kysely, actor.userId, workspaceId), "plans.read"),
      });
    },
  );

  r.post(
    "/:fy/rebuild",
    describe({
      summary: "Rebuild the plan's read model from the stored document",
      tag,
      response: RebuildResult,
    }),
    loadPlan,
    allow("rebuild", "plan", planResource),
    async (c) => {
      const invalidRows = await rebuildPlan(c.var.app, services, callerOf(c), c.var.plan);
      return c.json({ invalidRows } satisfies RebuildResult);
    },
  );

  return r;
}
