/**
 * /api/workspaces/:wid/indicators — definitions, values (entered and derived), population
 * bases, value history, import with preview, CSV export, live change events (SSE) for charts
 * that follow other people's entries, and comparison with the region groups' municipalities.
 */

import { EventEmitter } from "node:events";
import {
  averageOf,
  type Cell,
  can,
  currentFiscalYear,
  figureOf,
  isDirection,
  isIndicatorCode,
  isIndicatorKind,
  isIndicatorType,
  isItemId,
  isNormalisation,
  isSceneId,
  normalise,
  parseValueRows,
  VALUE_COLUMNS,
} from "@tsumugi/domain";
import { type CsvCell, toCsv } from "@tsumugi/plan-io/csv";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { FieldErrors, INDICATOR_IMPORT_MAX_ROWS, readJsonObject } from "../http/request-body.js";
import { changeStream } from "../http/sse.js";
import { loadActor } from "../workspaces/actor.js";
import { authorize } from "../workspaces/workspace-guard.js";
import {
  type IndicatorRecord,
  insertIndicator,
  listIndicators,
  listValues,
  populations,
  valuesWithDerived,
  writeValue,
} from "./indicator-repository.js";
import { activeGroupsOf, activeMembersOf } from "./region-routes.js";

/** Value changes per workspace, for the live charts. */
export class IndicatorEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  /** Set on several nodes: carries each change to the other nodes' charts. */
  relay: ((change: { workspaceId: string; indicatorIds: readonly string[] }) => void) | null = null;
  emit(workspaceId: string, indicatorIds: readonly string[]): void {
    this.deliver(workspaceId, indicatorIds);
    this.relay?.({ workspaceId, indicatorIds });
  }
  /** Announced on this node only (another node's change). */
  deliver(workspaceId: string, indicatorIds: readonly string[]): void {
    this.emitter.emit(workspaceId, indicatorIds);
  }
  on(workspaceId: string, listener: (ids: readonly string[]) => void): () => void {
    this.emitter.on(workspaceId, listener);
    return () => this.emitter.off(workspaceId, listener);
  }
}

const MIN_YEAR = 2000;
const maxYear = () => currentFiscalYear() + 1;
const notFound = () => new ApiError(404, "indicator.notFound", "指標が見つかりません。");

function numberOrNull(body: Record<string, unknown>, field: string, errors: FieldErrors): number | null {
  const v = body[field];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > 1e12) {
    errors.add(field, "number");
    return null;
  }
  return v;
}

async function indicatorOf(c: Context<AppEnv>): Promise<IndicatorRecord> {
  const list = await listIndicators(c.get("app").db, c.get("workspaceId"));
  const found = list.find((i) => i.id === c.req.param("iid"));
  if (!found) throw notFound();
  return found;
}

export function indicatorRoutes(events: IndicatorEvents): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    const actor = authorize(c, "indicators.read");
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const indicators = await listIndicators(db, wid);
    const values = await valuesWithDerived(db, wid, indicators);
    const pops = await populations(db, wid);
    return c.json({
      indicators,
      values,
      populations: [...pops].map(([fiscalYear, p]) => ({ fiscalYear, ...p })),
      can: { enter: can(actor, "indicators.enter"), define: can(actor, "indicators.define") },
    });
  });

  r.post("/", async (c) => {
    authorize(c, "indicators.define");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const name = errors.string(body, "name", { max: 100 });
    if (!isIndicatorCode(body.code)) errors.add("code", "format");
    if (!isIndicatorType(body.type)) errors.add("type", "unknown");
    if (!isIndicatorKind(body.kind)) errors.add("kind", "unknown");
    const normalisation = body.normalisation ?? "none";
    if (!isNormalisation(normalisation)) errors.add("normalisation", "unknown");
    const direction = body.direction ?? "up";
    if (!isDirection(direction)) errors.add("direction", "unknown");
    const scenes = Array.isArray(body.scenes) ? body.scenes.filter(isSceneId) : [];
    const items = Array.isArray(body.items) ? body.items.filter(isItemId) : [];
    const text = (f: string, max: number) =>
      typeof body[f] === "string" ? (body[f] as string).trim().slice(0, max) : "";
    if (errors.any) throw invalid(errors.fields);
    try {
      const id = await insertIndicator(c.get("app").db, c.get("workspaceId"), {
        code: body.code as string,
        name,
        type: body.type as IndicatorRecord["type"],
        unit: text("unit", 20),
        kind: body.kind as IndicatorRecord["kind"],
        normalisation: normalisation as IndicatorRecord["normalisation"],
        direction: direction as IndicatorRecord["direction"],
        source: text("source", 200),
        notes: text("notes", 1000),
        scenes,
        items,
        monthly: body.monthly === true,
        derived: null,
      });
      return c.json({ id }, 201);
    } catch (err) {
      if (String((err as Error).message).includes("UNIQUE")) throw invalid({ code: "taken" });
      throw err;
    }
  });

  r.put("/populations/:fy", async (c) => {
    authorize(c, "indicators.enter");
    const fy = Number(c.req.param("fy"));
    if (!Number.isInteger(fy) || fy < MIN_YEAR || fy > maxYear()) throw invalid({ fiscalYear: "wrongYear" });
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const count = (f: string) => {
      const v = numberOrNull(body, f, errors);
      if (v !== null && (!Number.isInteger(v) || v < 0)) errors.add(f, "number");
      return v;
    };
    const total = count("total");
    const aged65 = count("aged65");
    const aged75 = count("aged75");
    if (aged75 !== null && aged65 !== null && aged75 > aged65) errors.add("aged75", "moreThan65");
    if (aged65 !== null && total !== null && aged65 > total) errors.add("aged65", "moreThanTotal");
    if (errors.any) throw invalid(errors.fields);
    await c.get("app").db.run(
      `INSERT INTO populations (workspace_id, fiscal_year, total, aged65, aged75) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, fiscal_year) DO UPDATE SET total = excluded.total, aged65 = excluded.aged65, aged75 = excluded.aged75`,
      [c.get("workspaceId"), fy, total, aged65, aged75],
    );
    events.emit(c.get("workspaceId"), []);
    return c.json({ ok: true });
  });

  r.put("/:iid/values", async (c) => {
    const actor = authorize(c, "indicators.enter");
    const indicator = await indicatorOf(c);
    if (indicator.derived)
      throw new ApiError(
        409,
        "indicator.derived",
        "この指標は紡ぎの記録（会議・相談）から自動で集計されます。",
      );
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const fy = body.fiscalYear;
    if (typeof fy !== "number" || !Number.isInteger(fy) || fy < MIN_YEAR || fy > maxYear())
      errors.add("fiscalYear", "wrongYear");
    const month = body.month ?? 0;
    if (typeof month !== "number" || !Number.isInteger(month) || month < 0 || month > 12)
      errors.add("month", "badMonth");
    else if (month !== 0 && !indicator.monthly) errors.add("month", "notMonthly");
    const value = numberOrNull(body, "value", errors);
    const numerator = numberOrNull(body, "numerator", errors);
    const denominator = numberOrNull(body, "denominator", errors);
    const target = numberOrNull(body, "target", errors);
    if (denominator === 0) errors.add("denominator", "zeroDenominator");
    if (indicator.kind === "yesno" && value !== null && value !== 0 && value !== 1)
      errors.add("value", "badYesNo");
    const text = (f: string, max: number) =>
      typeof body[f] === "string" ? (body[f] as string).trim().slice(0, max) : "";
    if (errors.any) throw invalid(errors.fields);
    await c.get("app").db.transaction((tx) =>
      writeValue(
        tx,
        {
          indicatorId: indicator.id,
          fiscalYear: fy as number,
          month: month as number,
          value,
          numerator,
          denominator,
          target,
          source: text("source", 200),
          note: text("note", 1000),
        },
        actor.userId,
      ),
    );
    events.emit(c.get("workspaceId"), [indicator.id]);
    return c.json({ ok: true });
  });

  r.get("/:iid/history", async (c) => {
    authorize(c, "indicators.read");
    const indicator = await indicatorOf(c);
    const rows = await c.get("app").db.all<{
      fiscal_year: number;
      month: number;
      before: string | null;
      after: string | null;
      name: string | null;
      changed_at: number;
    }>(
      `SELECT h.fiscal_year, h.month, h.before, h.after, u.name, h.changed_at FROM indicator_value_history h
         LEFT JOIN users u ON u.id = h.changed_by WHERE h.indicator_id = ? ORDER BY h.id DESC LIMIT 200`,
      [indicator.id],
    );
    return c.json({
      history: rows.map((h) => ({
        fiscalYear: h.fiscal_year,
        month: h.month,
        before: h.before ? JSON.parse(h.before) : null,
        after: h.after ? JSON.parse(h.after) : null,
        by: h.name ?? "",
        at: h.changed_at,
      })),
    });
  });

  // Rows read from a CSV/Excel file in the browser: checked here; written only when there is
  // no error and the user confirmed (dryRun false), all in one transaction.
  r.post("/import", async (c) => {
    const actor = authorize(c, "indicators.enter");
    const body = await readJsonObject(c);
    const rows = body.rows;
    if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row) && row.length <= 50)) {
      throw invalid({ rows: "invalid" });
    }
    // A header row and at most INDICATOR_IMPORT_MAX_ROWS rows of values (docs/api.md).
    if (rows.length > INDICATOR_IMPORT_MAX_ROWS + 1) throw invalid({ rows: "tooMany" });
    const cells = (rows as unknown[][]).map((row) =>
      row.map((cell): Cell => (typeof cell === "string" || typeof cell === "number" ? cell : null)),
    );
    const db = c.get("app").db;
    const wid = c.get("workspaceId");
    const indicators = await listIndicators(db, wid);
    const preview = parseValueRows(cells, new Map(indicators.map((i) => [i.code, i])), {
      min: MIN_YEAR,
      max: maxYear(),
    });
    if (preview.noHeader || preview.issues.length > 0 || body.dryRun !== false) {
      return c.json({ ...preview, written: 0 });
    }
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    await db.transaction(async (tx) => {
      for (const row of preview.rows) {
        const indicator = byCode.get(row.code) as IndicatorRecord;
        await writeValue(
          tx,
          {
            indicatorId: indicator.id,
            fiscalYear: row.fiscalYear,
            month: row.month ?? 0,
            value: row.value,
            numerator: row.numerator,
            denominator: row.denominator,
            target: row.target,
            source: row.source,
            note: row.note,
          },
          actor.userId,
        );
      }
    });
    events.emit(wid, [...new Set(preview.rows.map((r) => (byCode.get(r.code) as IndicatorRecord).id))]);
    return c.json({ ...preview, written: preview.rows.length });
  });

  r.get("/export.csv", async (c) => {
    authorize(c, "indicators.read");
    const wid = c.get("workspaceId");
    // One read: the definitions and the values as of the same committed state.
    const { indicators, values } = await c.get("app").db.read(async (db) => {
      const indicators = await listIndicators(db, wid);
      const values = await valuesWithDerived(db, wid, indicators);
      return { indicators, values };
    });
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const rows: CsvCell[][] = [[...VALUE_COLUMNS]];
    for (const v of values) {
      const i = byId.get(v.indicatorId);
      if (!i) continue;
      rows.push([
        i.code,
        i.name,
        v.fiscalYear,
        v.month || "",
        v.value,
        v.numerator,
        v.denominator,
        v.target,
        v.source,
        v.note,
      ]);
    }
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent("指標値.csv")}`);
    return c.body(toCsv(rows));
  });

  // The catalogue itself, for the municipality's own records and for other tools.
  r.get("/definitions.csv", async (c) => {
    authorize(c, "indicators.read");
    const indicators = await listIndicators(c.get("app").db, c.get("workspaceId"));
    const header = [
      "指標コード",
      "指標名",
      "種類",
      "単位",
      "値の種類",
      "換算",
      "良い方向",
      "出典",
      "備考",
      "場面",
      "事業項目",
      "月別",
      "自動集計",
    ];
    const rows: CsvCell[][] = [header];
    for (const i of indicators) {
      rows.push([
        i.code,
        i.name,
        i.type,
        i.unit,
        i.kind,
        i.normalisation,
        i.direction,
        i.source,
        i.notes,
        i.scenes.join(" "),
        i.items.join(" "),
        i.monthly ? "1" : "0",
        i.derived ?? "",
      ]);
    }
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent("指標定義.csv")}`);
    return c.body(toCsv(rows));
  });

  r.get("/events", async (c) => {
    const actor = authorize(c, "indicators.read");
    const wid = c.get("workspaceId");
    const kysely = c.get("app").kysely;
    return changeStream<readonly string[]>(c, {
      subscribe: (listener) => events.on(wid, listener),
      toData: (batch) => ({ indicatorIds: [...new Set(batch.flat())] }),
      stillAllowed: async () => can(await loadActor(kysely, actor.userId, wid), "indicators.read"),
    });
  });

  // One indicator side by side with the municipalities of this workspace's region groups,
  // normalised, with each group's average. Only indicator values cross workspaces.
  r.get("/compare", async (c) => {
    authorize(c, "indicators.read");
    const code = c.req.query("code") ?? "";
    const fy = Number(c.req.query("fy"));
    if (!isIndicatorCode(code)) throw invalid({ code: "format" });
    if (!Number.isInteger(fy)) throw invalid({ fy: "wrongYear" });
    const wid = c.get("workspaceId");
    // One read: every group and member as of the same committed state. Only groups this
    // municipality was let into, and only their members (a pending request sees nothing).
    const result = await c.get("app").db.read(async (db) => {
      const result = [];
      for (const g of await activeGroupsOf(db, wid)) {
        const members = await activeMembersOf(db, g.id);
        const rows = [];
        for (const w of members) {
          const indicators = await listIndicators(db, w.id);
          const indicator = indicators.find((i) => i.code === code);
          if (!indicator) {
            rows.push({
              workspaceId: w.id,
              name: w.name,
              value: null,
              normalised: null,
              isSelf: w.id === wid,
            });
            continue;
          }
          const values = await valuesWithDerived(db, w.id, [indicator], indicator.id);
          const entry = values.find((v) => v.fiscalYear === fy && v.month === 0);
          const value = entry ? figureOf(indicator.kind, entry) : null;
          const pop = (await populations(db, w.id)).get(fy);
          rows.push({
            workspaceId: w.id,
            name: w.name,
            value,
            normalised: normalise(value, indicator.normalisation, pop),
            isSelf: w.id === wid,
          });
        }
        result.push({
          id: g.id,
          name: g.name,
          kind: g.kind,
          members: rows,
          average: averageOf(rows.map((x) => x.normalised)),
        });
      }
      return result;
    });
    return c.json({ code, fiscalYear: fy, groups: result });
  });

  return r;
}
