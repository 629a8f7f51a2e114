/** /api/workspaces/:wid/event-series — recurring events (つむぐ会, 出前講座) and their report over the years. */
import { CreateEventSeries, EventSeriesResult, SeriesDetail, UpdateEventSeries } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { createSeries, seriesNotFound, updateSeries } from "./series-commands.js";
import { presentSeries, seriesResource } from "./series-presenter.js";
import { seriesDetail } from "./series-report.js";
import { findSeries } from "./series-repository.js";

const tag = "events";

const loadSeries = load(
  "series",
  async (c) => {
    const sid = c.req.param("sid");
    return isId(sid) ? findSeries(c.var.app.kysely, c.var.workspaceId, sid) : undefined;
  },
  seriesNotFound,
);

export function eventSeriesRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/",
    describe({
      summary: "Create a series of events (e.g. つむぐ会)",
      tag,
      ok: 201,
      response: EventSeriesResult,
      errors: [409],
    }),
    jsonBody(CreateEventSeries),
    allowIn("series.create"),
    async (c) => {
      const series = await createSeries(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ series: presentSeries(c.var.actor, series) }, 201);
    },
  );

  r.get(
    "/:sid",
    describe({
      summary: "A series over the years: events, participants by profession, trend, questionnaire figures",
      tag,
      response: SeriesDetail,
    }),
    loadSeries,
    allowIn("events.read"),
    async (c) =>
      c.json({
        series: presentSeries(c.var.actor, c.var.series),
        ...(await seriesDetail(c.var.app.kysely, c.var.workspaceId, c.var.series)),
      } satisfies SeriesDetail),
  );

  r.patch(
    "/:sid",
    describe({ summary: "Rename or describe a series", tag, response: EventSeriesResult, errors: [409] }),
    jsonBody(UpdateEventSeries),
    loadSeries,
    allow("update", "series", seriesResource),
    async (c) => {
      const series = await updateSeries(c.var.app, callerOf(c), c.var.series, c.req.valid("json"));
      return c.json({ series: presentSeries(c.var.actor, series) });
    },
  );

  return r;
}
