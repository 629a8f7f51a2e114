/**
 * Changes to series of events (つむぐ会, 出前講座): a name is the workspace's once; each change
 * is in the audit log.
 */
import type { CreateEventSeries, UpdateEventSeries } from "@tsumugi/contract";
import { newId } from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import type { SeriesRecord } from "./series-repository.js";
import * as series from "./series-repository.js";

export const seriesNotFound = () => new ApiError(404, "event.seriesNotFound", "シリーズが見つかりません。");
const seriesNameTaken = () =>
  new ApiError(409, "event.seriesNameTaken", "同じ名前のシリーズが既にあります。");

type CreateSeriesInput = z.output<typeof CreateEventSeries>;
type UpdateSeriesInput = z.output<typeof UpdateEventSeries>;

export async function createSeries(
  app: AppContext,
  caller: Caller,
  input: CreateSeriesInput,
): Promise<SeriesRecord> {
  const record = {
    id: newId(),
    workspaceId: caller.workspaceId,
    name: input.name,
    kind: input.kind,
    description: input.description,
    createdAt: Date.now(),
  };
  if (!(await series.insertSeries(app.kysely, record))) throw seriesNameTaken();
  await app.audit.byCaller(caller, "event.series_created", record.id, {
    name: record.name,
    kind: record.kind,
  });
  return { ...record, events: 0, demo: false };
}

export async function updateSeries(
  app: AppContext,
  caller: Caller,
  current: SeriesRecord,
  input: UpdateSeriesInput,
): Promise<SeriesRecord> {
  const fields = {
    name: input.name ?? current.name,
    kind: input.kind ?? current.kind,
    description: input.description ?? current.description,
  };
  await series.updateSeries(app.kysely, current.id, fields).catch((err: unknown) => {
    throw isUniqueViolation(err) ? seriesNameTaken() : err;
  });
  await app.audit.byCaller(caller, "event.series_updated", current.id, fields);
  return { ...current, ...fields };
}
