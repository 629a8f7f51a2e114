/**
 * /api/workspaces/:wid/outreach — printed materials handed out (配布物: 情報紙 全戸配布, チラシ,
 * ACP冊子): the records of a 年度 with totals per kind, adding, correcting and deleting one.
 */
import {
  DistributionList,
  DistributionListQuery,
  DistributionResult,
  SaveDistribution,
} from "@tsumugi/contract";
import { currentFiscalYear, isId, parseFiscalYear } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, load, queryParams } from "../http/operation.js";
import type { IndicatorEvents } from "../indicators/indicator-events.js";
import {
  changeDistribution,
  distributionNotFound,
  recordDistribution,
  removeDistribution,
} from "./outreach-commands.js";
import { distributionResource, presentDistribution, presentDistributionList } from "./outreach-presenter.js";
import { findDistribution, listDistributions } from "./outreach-repository.js";

const tag = "events";

const loadDistribution = load(
  "distribution",
  async (c) => {
    const id = c.req.param("did");
    return isId(id) ? findDistribution(c.var.app.kysely, c.var.workspaceId, id) : undefined;
  },
  distributionNotFound,
);

export function outreachRoutes(indicatorEvents: IndicatorEvents): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "Printed materials handed out in a 年度, with totals per kind",
      tag,
      response: DistributionList,
    }),
    queryParams(DistributionListQuery),
    allowIn("events.read"),
    async (c) => {
      const text = c.req.valid("query").fiscalYear;
      const fiscalYear = text === undefined ? currentFiscalYear() : (parseFiscalYear(text) as number);
      const records = await listDistributions(c.var.app.kysely, c.var.workspaceId, fiscalYear);
      return c.json(presentDistributionList(c.var.actor, fiscalYear, records));
    },
  );

  r.post(
    "/",
    describe({
      summary: "Record materials handed out (kind, title, how many, where, when; an event optional)",
      tag,
      ok: 201,
      response: DistributionResult,
    }),
    jsonBody(SaveDistribution),
    allowIn("outreach.record"),
    async (c) => {
      const d = await recordDistribution(c.var.app, callerOf(c), indicatorEvents, c.req.valid("json"));
      return c.json({ distribution: presentDistribution(c.var.actor, d) }, 201);
    },
  );

  r.patch(
    "/:did",
    describe({ summary: "Correct a record of materials handed out", tag, response: DistributionResult }),
    jsonBody(SaveDistribution),
    loadDistribution,
    allow("update", "distribution", distributionResource),
    async (c) => {
      const d = await changeDistribution(
        c.var.app,
        callerOf(c),
        indicatorEvents,
        c.var.distribution,
        c.req.valid("json"),
      );
      return c.json({ distribution: presentDistribution(c.var.actor, d) });
    },
  );

  r.delete(
    "/:did",
    describe({ summary: "Delete a record of materials handed out", tag, ok: 204 }),
    loadDistribution,
    allow("delete", "distribution", distributionResource),
    async (c) => {
      await removeDistribution(c.var.app, callerOf(c), indicatorEvents, c.var.distribution);
      return c.body(null, 204);
    },
  );

  return r;
}
