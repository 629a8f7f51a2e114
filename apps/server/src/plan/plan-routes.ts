/**
 * /api/workspaces/:wid/plans — the fiscal-year plans: list, create (optionally carrying last
 * year's plan over), the secretariat's dashboard from the read model, and its rebuild.
 * The plan itself is edited over the collab WebSocket (`docName`).
 */
import {
  can,
  currentFiscalYear,
  documentAccess,
  emptyYearPlan,
  fiscalYearLabel,
  newId,
  nextYearPlan,
  planDashboard,
  readYearPlan,
  todayInJapan,
  upgradeCopy,
} from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { readJsonObject } from "../http/request-body.js";
import { changeStream } from "../http/sse.js";
import { loadActor } from "../workspaces/actor.js";
import { authorize } from "../workspaces/workspace-guard.js";
import type { PlanProjector } from "./plan-projector.js";
import { readProjection } from "./plan-read-model.js";
import { createPlanDocument, findPlanDocument, listPlanDocuments, planTitle } from "./plan-repository.js";

const planNotFound = () => new ApiError(404, "plan.notFound", "この年度の計画はまだありません。");
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseYear(raw: string | undefined): number | null {
  const fy = Number(raw);
  return Number.isInteger(fy) && fy >= MIN_YEAR && fy <= MAX_YEAR ? fy : null;
}

function toPlanView(d: DocumentRecord, access: "write" | "read" | "none") {
  const fiscalYear = d.fiscalYear as number;
  return {
    id: d.id,
    fiscalYear,
    label: fiscalYearLabel(fiscalYear),
    title: d.title,
    docName: d.docName,
    access,
    createdAt: d.createdAt,
  };
}

export function planRoutes(collab: CollabServer, projector: PlanProjector): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  async function planOf(c: Context<AppEnv>) {
    const fy = parseYear(c.req.param("fy"));
    if (fy === null) throw planNotFound();
    const plan = await findPlanDocument(c.get("app").db, c.get("workspaceId"), fy);
    if (!plan) throw planNotFound();
    return plan;
  }

  r.get("/", async (c) => {
    const actor = authorize(c, "plans.read");
    const plans = await listPlanDocuments(c.get("app").db, c.get("workspaceId"));
    return c.json({
      plans: plans.map((p) => toPlanView(p, documentAccess(actor, p))),
      currentFiscalYear: currentFiscalYear(),
    });
  });

  r.post("/", async (c) => {
    const actor = authorize(c, "plans.create");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const body = await readJsonObject(c);
    const fy = typeof body.fiscalYear === "number" ? parseYear(String(body.fiscalYear)) : null;
    if (fy === null) throw invalid({ fiscalYear: "invalid" });
    const carryOver = body.carryOver === true;
    if (await findPlanDocument(app.db, wid, fy)) {
      throw new ApiError(409, "plan.exists", "この年度の計画はすでにあります。");
    }
    let content = emptyYearPlan(fy);
    let carriedFrom: number | null = null;
    if (carryOver) {
      const previous = await findPlanDocument(app.db, wid, fy - 1);
      if (!previous) {
        throw new ApiError(
          409,
          "plan.noPreviousPlan",
          `前年度（${fiscalYearLabel(fy - 1)}）の計画がないため引き継げません。「前年度の計画を引き継ぐ」を外して作成してください。`,
          { carryOver: "noPreviousPlan" },
        );
      }
      await collab.flush();
      const doc = await collab.readDocument(previous.docName);
      content = nextYearPlan(readYearPlan(upgradeCopy(doc)).plan, () => newId());
      doc.destroy();
      carriedFrom = fy - 1;
    }
    let record: DocumentRecord;
    try {
      // One transaction: the document row and its content appear together.
      record = await app.db.transaction((tx) =>
        createPlanDocument(tx, {
          workspaceId: wid,
          fiscalYear: fy,
          title: planTitle(fiscalYearLabel(fy)),
          createdBy: actor.userId,
          plan: content,
        }),
      );
    } catch (err) {
      // Two secretaries creating the same year at once: the unique index decides.
      if (String((err as Error).message).includes("UNIQUE")) {
        throw new ApiError(409, "plan.exists", "この年度の計画はすでにあります。");
      }
      throw err;
    }
    await projector.projectNow(record.docName);
    await app.audit.record({
      event: "plan.created",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: record.docName,
      ip: c.get("ip"),
      detail: { fiscalYear: fy, carriedFrom },
    });
    return c.json({ plan: toPlanView(record, documentAccess(actor, record)) }, 201);
  });

  // Items × years: each year's actions from the read model (seed 004's 年次計画 layout).
  r.get("/multi-year", async (c) => {
    authorize(c, "plans.read");
    // One read: every year as of the same committed state.
    const years = await c.get("app").db.read(async (db) => {
      const plans = await listPlanDocuments(db, c.get("workspaceId"));
      const years = [];
      for (const p of [...plans].reverse()) {
        const projection = await readProjection(db, p.docName);
        years.push({
          fiscalYear: p.fiscalYear as number,
          label: fiscalYearLabel(p.fiscalYear as number),
          actions: (projection?.plan.actions ?? []).map((a) => ({
            id: a.id,
            title: a.title,
            items: a.items,
            status: a.status,
            goalCodes: a.goalCodes,
            indicatorIds: a.indicatorIds,
            periodStart: a.period.start,
            fundingSource: a.fundingSource,
          })),
          planPeriods: projection?.plan.planPeriods ?? [],
          itemNotes: projection?.plan.itemNotes ?? {},
        });
      }
      return years;
    });
    return c.json({ years });
  });

  r.get("/:fy", async (c) => {
    const actor = authorize(c, "plans.read");
    const plan = await planOf(c);
    return c.json({ plan: toPlanView(plan, documentAccess(actor, plan)) });
  });

  r.get("/:fy/dashboard", async (c) => {
    authorize(c, "plans.read");
    const plan = await planOf(c);
    const today = c.req.query("today") ?? todayInJapan();
    if (!ISO_DATE.test(today)) throw invalid({ today: "invalid" });
    // One read: the projection and its change list as of the same committed state, never a
    // projection being written.
    const { projection, changes, users } = await c.get("app").db.read(async (db) => {
      const projection = await readProjection(db, plan.docName);
      const changes = await db.all<{
        id: number;
        at: number;
        user_ids: string;
        tbl: string;
        row_id: string;
        row_title: string;
        change: string;
        fields: string;
      }>("SELECT * FROM plan_changes WHERE doc_name = ? ORDER BY id DESC LIMIT 30", [plan.docName]);
      const userIds = [...new Set(changes.flatMap((ch) => JSON.parse(ch.user_ids) as string[]))];
      const users = userIds.length
        ? await db.all<{ id: string; name: string }>(
            `SELECT id, name FROM users WHERE id IN (${userIds.map(() => "?").join(", ")})`,
            userIds,
          )
        : [];
      return { projection, changes, users };
    });
    if (!projection)
      throw new ApiError(
        503,
        "plan.notProjected",
        "集計を準備しています。しばらくしてから再読み込みしてください。",
      );
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    return c.json({
      dashboard: planDashboard(projection.plan, today),
      projectedAt: projection.projectedAt,
      invalidRows: projection.invalid.length,
      recentChanges: changes.map((ch) => ({
        id: ch.id,
        at: ch.at,
        by: (JSON.parse(ch.user_ids) as string[]).map((id) => nameOf.get(id) ?? ""),
        table: ch.tbl,
        rowId: ch.row_id,
        title: ch.row_title,
        change: ch.change,
        fields: JSON.parse(ch.fields),
      })),
    });
  });

  // The dashboard's figures changed: a new projection of the plan was written.
  r.get("/:fy/events", async (c) => {
    const actor = authorize(c, "plans.read");
    const plan = await planOf(c);
    const kysely = c.get("app").kysely;
    const wid = c.get("workspaceId");
    return changeStream<string>(c, {
      subscribe: (listener) => projector.events.on(plan.docName, listener),
      toData: () => ({ projected: true }),
      stillAllowed: async () => can(await loadActor(kysely, actor.userId, wid), "plans.read"),
    });
  });

  r.post("/:fy/rebuild", async (c) => {
    const actor = authorize(c, "plans.rebuild");
    const plan = await planOf(c);
    await collab.flush();
    await projector.rebuild(plan.docName);
    await c.get("app").audit.record({
      event: "plan.rebuilt",
      workspaceId: c.get("workspaceId"),
      actorUserId: actor.userId,
      target: plan.docName,
      ip: c.get("ip"),
    });
    const projection = await c.get("app").db.read((q) => readProjection(q, plan.docName));
    return c.json({ invalidRows: projection?.invalid ?? [] });
  });

  return r;
}
