/**
 * /api/workspaces/:wid/indicators — definitions, values (entered and derived), population
 * bases, value history, import with preview, CSV export, live change events (SSE) for charts
 * that follow other people's entries, and comparison with the region groups' municipalities.
 */
import {
  CompareQuery,
  CreateIndicator,
  EnterValue,
  ImportIndicatorValues,
  IndicatorComparison,
  IndicatorHistory,
  IndicatorImportResult,
  IndicatorListing,
  IndicatorResult,
  IndicatorYear,
  Ok,
  SetPopulation,
} from "@tsumugi/contract";
import { can, isId } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import { allowIn, callerOf, describe, jsonBody, load, queryParams } from "../http/operation.js";
import { changeStream } from "../http/sse.js";
import { loadActor } from "../workspaces/actor.js";
import {
  createIndicator,
  enterValue,
  importValues,
  indicatorNotFound,
  setPopulation,
  valueProblems,
} from "./indicator-commands.js";
import type { IndicatorEvents } from "./indicator-events.js";
import {
  definitionsCsv,
  presentHistoryEntry,
  presentIndicator,
  presentValue,
  valuesCsv,
} from "./indicator-presenter.js";
import { indicatorListing, indicatorValues } from "./indicator-queries.js";
import { catalogueOf, findIndicator, type IndicatorRecord } from "./indicator-repository.js";
import { compareIndicator } from "./region-comparison.js";
import { valueHistory } from "./value-repository.js";

const tag = "indicators";

const loadIndicator = load(
  "indicator",
  async (c) => {
    const iid = c.req.param("iid");
    return isId(iid) ? findIndicator(c.var.app.kysely, c.var.workspaceId, iid) : undefined;
  },
  indicatorNotFound,
);

const loadYear = load(
  "fiscalYear",
  async (c) => {
    const fy = Number(c.req.param("fy"));
    return IndicatorYear.safeParse(fy).success ? fy : undefined;
  },
  () => invalid({ fiscalYear: "wrongYear" }),
);

function csv(c: Context<AppEnv>, filename: string, body: string): Response {
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return c.body(body);
}

export function indicatorRoutes(events: IndicatorEvents): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary:
        "Indicator definitions (the starter catalogue on first use), values incl. derived, population bases",
      tag,
      response: IndicatorListing,
    }),
    allowIn("indicators.read"),
    async (c) => {
      const { app, actor, workspaceId } = c.var;
      const { indicators, values, populations } = await indicatorListing(app.kysely, workspaceId);
      return c.json({
        indicators: indicators.map((i) => presentIndicator(actor, i)),
        values: values.map(presentValue),
        populations: [...populations].map(([fiscalYear, p]) => ({ fiscalYear, ...p })),
        can: { enter: can(actor, "indicators.enter"), define: can(actor, "indicators.define") },
      } satisfies IndicatorListing);
    },
  );

  r.post(
    "/",
    describe({ summary: "Add an indicator definition", tag, ok: 201, response: IndicatorResult }),
    jsonBody(CreateIndicator),
    allowIn("indicators.define"),
    async (c) => {
      const indicator = await createIndicator(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ id: indicator.id, indicator: presentIndicator(c.var.actor, indicator) }, 201);
    },
  );

  r.put(
    "/populations/:fy",
    describe({ summary: "Population base of a 年度 (total, 65+, 75+)", tag, response: Ok }),
    loadYear,
    jsonBody(SetPopulation),
    allowIn("indicators.enter"),
    async (c) => {
      await setPopulation(c.var.app, callerOf(c), events, c.var.fiscalYear, c.req.valid("json"));
      return c.json({ ok: true as const });
    },
  );

  r.put(
    "/:iid/values",
    describe({
      summary: "Enter or clear a value of a 年度 (and month) with target, source and note",
      tag,
      response: Ok,
      errors: [409],
    }),
    loadIndicator,
    jsonBody(EnterValue, {
      check: async (c, body) => valueProblems(c.get("indicator" as never) as IndicatorRecord, body),
    }),
    allowIn("indicators.enter"),
    async (c) => {
      await enterValue(c.var.app, callerOf(c), events, c.var.indicator, c.req.valid("json"));
      return c.json({ ok: true as const });
    },
  );

  r.get(
    "/:iid/history",
    describe({ summary: "Changes of an indicator's values, newest first", tag, response: IndicatorHistory }),
    loadIndicator,
    allowIn("indicators.read"),
    async (c) => {
      const history = await valueHistory(c.var.app.kysely, c.var.indicator.id);
      return c.json({ history: history.map(presentHistoryEntry) } satisfies IndicatorHistory);
    },
  );

  r.post(
    "/import",
    describe({
      summary: "Check (dryRun) or write rows read from a CSV/Excel file",
      description: "Nothing is written while a row has a problem; the rows are written in one transaction.",
      tag,
      response: IndicatorImportResult,
    }),
    jsonBody(ImportIndicatorValues),
    allowIn("indicators.enter"),
    async (c) => {
      const { rows, dryRun } = c.req.valid("json");
      return c.json(await importValues(c.var.app, callerOf(c), events, rows, dryRun !== false));
    },
  );

  r.get(
    "/export.csv",
    describe({ summary: "Values as CSV (UTF-8 with BOM), as the import reads them", tag, file: "text/csv" }),
    allowIn("indicators.read"),
    async (c) => {
      const { app, workspaceId } = c.var;
      const { indicators, values } = await indicatorValues(app.kysely, workspaceId);
      return csv(c, "指標値.csv", valuesCsv(indicators, values));
    },
  );

  r.get(
    "/definitions.csv",
    describe({ summary: "Indicator definitions as CSV", tag, file: "text/csv" }),
    allowIn("indicators.read"),
    async (c) =>
      csv(c, "指標定義.csv", definitionsCsv(await catalogueOf(c.var.app.kysely, c.var.workspaceId))),
  );

  r.get(
    "/events",
    describe({
      summary: "Server-sent events: 'changed' when a value is entered",
      tag,
      file: "text/event-stream",
    }),
    allowIn("indicators.read"),
    async (c) => {
      const { actor, workspaceId, app } = c.var;
      return changeStream<readonly string[]>(c, {
        subscribe: (listener) => events.on(workspaceId, listener),
        toData: (batch) => ({ indicatorIds: [...new Set(batch.flat())] }),
        stillAllowed: async () =>
          can(await loadActor(app.kysely, actor.userId, workspaceId), "indicators.read"),
      });
    },
  );

  r.get(
    "/compare",
    describe({
      summary: "One indicator normalised across the region groups' municipalities, with averages",
      tag,
      response: IndicatorComparison,
    }),
    queryParams(CompareQuery),
    allowIn("indicators.read"),
    async (c) => {
      const { code, fy } = c.req.valid("query");
      return c.json(await compareIndicator(c.var.app, c.var.workspaceId, code, fy));
    },
  );

  return r;
}
