/**
 * /api/workspaces/:wid/consultations/statistics and /exports — the desk's figures (事業評価):
 * counts over every desk (coded fields only), and exports of them or of the coded records of
 * the caller's desks, each export in the audit log with its reason.
 */
import { ConsultationStatistics, CreateExport, StatisticsQuery } from "@tsumugi/contract";
import { currentFiscalYear } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowIn, type BodyCheck, callerOf, describe, jsonBody, queryParams } from "../http/operation.js";
import { exportConsultations, XLSX } from "./consultation-export.js";
import { consultationStatistics } from "./consultation-statistics.js";
import { readableDeskIds } from "./desk-queries.js";

const tag = "desk";

/** A records export names one of the desks whose records the caller reads, or none. */
const deskOfExport: BodyCheck = async (c, body) => {
  if (typeof body.deskId !== "string") return {};
  const deskIds = await readableDeskIds(c.var.app.kysely, c.var.workspaceId, c.var.actor);
  const problems: Record<string, string> = deskIds.includes(body.deskId) ? {} : { deskId: "unknown" };
  return problems;
};

/** Mounted at /api/workspaces/:wid/consultations. */
export function statisticsRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.use("*", allowIn("consultations.use"));

  r.get(
    "/statistics",
    describe({
      summary: "Counts by month of a 年度 and by 年度, per consulter, topic, method, response, desk and area",
      description: "fy: the 年度 (this 年度 when left out).",
      tag,
      response: ConsultationStatistics,
    }),
    queryParams(StatisticsQuery),
    async (c) => {
      const { fy } = c.req.valid("query");
      const stats = await consultationStatistics(
        c.var.app.kysely,
        c.var.workspaceId,
        fy ?? currentFiscalYear(),
      );
      return c.json({ fiscalYear: stats.fiscalYear, year: stats.year, yearly: stats.yearly });
    },
  );

  r.post(
    "/exports",
    describe({
      summary: "Export statistics or the coded records of a 年度 as CSV or xlsx (reason required; logged)",
      description:
        "Answers the file. Records exports hold coded fields only (no name, contact or text as written) and only of the caller's desks.",
      tag,
      file: ["text/csv", XLSX],
    }),
    jsonBody(CreateExport, { check: deskOfExport }),
    async (c) => {
      const deskIds = await readableDeskIds(c.var.app.kysely, c.var.workspaceId, c.var.actor);
      const file = await exportConsultations(c.var.app, callerOf(c), c.req.valid("json"), deskIds);
      c.header("Content-Type", file.contentType);
      c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return c.body(file.data);
    },
  );

  return r;
}
