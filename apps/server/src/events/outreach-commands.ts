/**
 * Records of printed materials handed out (配布物: 情報紙 全戸配布, チラシ, ACP冊子): adding,
 * correcting and deleting one. The 年度 follows the date; a linked event must be the
 * workspace's own. Each change is audited and announced on the indicators' stream, since the
 * indicator 啓発資材 配布部数 is counted from these records.
 */
import type { SaveDistribution } from "@tsumugi/contract";
import { fiscalYearOfIsoDate, newId } from "@tsumugi/domain";
import type * as z from "zod";
import type { AuditEvent } from "../audit/audit-log.js";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import type { IndicatorEvents } from "../indicators/indicator-events.js";
import * as repo from "./outreach-repository.js";

export const distributionNotFound = () =>
  new ApiError(404, "distribution.notFound", "配布物の記録が見つかりません。");

type SaveInput = z.output<typeof SaveDistribution>;

/** The 年度 of a day or of a month (YYYY-MM: its first day decides, as April starts a 年度). */
export const fiscalYearOfDistribution = (distributedOn: string): number =>
  fiscalYearOfIsoDate(distributedOn.length === 7 ? `${distributedOn}-01` : distributedOn);

async function checkEvent(app: AppContext, workspaceId: string, eventId: string | null): Promise<void> {
  if (eventId === null) return;
  if (!(await repo.eventOfWorkspace(app.kysely, workspaceId, eventId))) throw invalid({ eventId: "unknown" });
}

const detailOf = (d: Pick<repo.DistributionRecord, "title" | "kind" | "quantity" | "fiscalYear">) => ({
  title: d.title,
  kind: d.kind,
  quantity: d.quantity,
  fiscalYear: d.fiscalYear,
});

/** What the form sets: the 年度 follows the day or month it was handed out. */
const fieldsOf = (input: SaveInput) => ({
  fiscalYear: fiscalYearOfDistribution(input.distributedOn),
  kind: input.kind,
  title: input.title,
  quantity: input.quantity,
  place: input.where,
  distributedOn: input.distributedOn,
  eventId: input.eventId,
  note: input.note,
});

/** Audits a change to a record and tells the indicators' stream (配布部数 follows the records). */
async function announce(
  app: AppContext,
  caller: Caller,
  events: IndicatorEvents,
  name: AuditEvent,
  distributionId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await app.audit.byCaller(caller, name, distributionId, detail);
  events.emit(caller.workspaceId, []);
}

export async function recordDistribution(
  app: AppContext,
  caller: Caller,
  events: IndicatorEvents,
  input: SaveInput,
): Promise<repo.DistributionRecord> {
  await checkEvent(app, caller.workspaceId, input.eventId);
  const now = Date.now();
  const record: repo.NewDistribution = {
    id: newId(),
    workspaceId: caller.workspaceId,
    ...fieldsOf(input),
    createdBy: caller.actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await app.kysely.transaction().execute((trx) => repo.insertDistribution(trx, record));
  await announce(app, caller, events, "event.distribution_recorded", record.id, detailOf(record));
  return (await repo.findDistribution(app.kysely, caller.workspaceId, record.id)) as repo.DistributionRecord;
}

export async function changeDistribution(
  app: AppContext,
  caller: Caller,
  events: IndicatorEvents,
  before: repo.DistributionRecord,
  input: SaveInput,
): Promise<repo.DistributionRecord> {
  await checkEvent(app, caller.workspaceId, input.eventId);
  const next = {
    id: before.id,
    workspaceId: caller.workspaceId,
    ...fieldsOf(input),
    updatedAt: Date.now(),
  };
  await app.kysely.transaction().execute(async (trx) => {
    if (!(await repo.findDistribution(trx, caller.workspaceId, before.id))) throw distributionNotFound();
    await repo.updateDistribution(trx, next);
  });
  await announce(app, caller, events, "event.distribution_updated", before.id, {
    ...detailOf(next),
    before: detailOf(before),
  });
  return (await repo.findDistribution(app.kysely, caller.workspaceId, before.id)) as repo.DistributionRecord;
}

export async function removeDistribution(
  app: AppContext,
  caller: Caller,
  events: IndicatorEvents,
  record: repo.DistributionRecord,
): Promise<void> {
  await app.kysely
    .transaction()
    .execute((trx) => repo.deleteDistribution(trx, caller.workspaceId, record.id));
  await announce(app, caller, events, "event.distribution_deleted", record.id, detailOf(record));
}
