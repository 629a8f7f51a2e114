/**
 * Changes to plans: a new 年度's plan (optionally carrying last year's open rows over) and a
 * rebuild of a plan's read model. Each command writes in one transaction, brings the read
 * model up to date, then records the audit entry.
 */
import type { CreatePlan } from "@tsumugi/contract";
import {
  emptyYearPlan,
  fiscalYearLabel,
  type InvalidRow,
  newId,
  nextYearPlan,
  readYearPlan,
  upgradeCopy,
} from "@tsumugi/domain";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext, Caller } from "../context.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import { ApiError } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import type { PlanProjector } from "./plan-projector.js";
import { readProjection } from "./plan-read-model.js";
import { createPlanDocument, findPlanDocument, planTitle } from "./plan-repository.js";

export const planNotFound = () => new ApiError(404, "plan.notFound", "この年度の計画はまだありません。");
const planExists = () => new ApiError(409, "plan.exists", "この年度の計画はすでにあります。");
const noPreviousPlan = (fiscalYear: number) =>
  new ApiError(
    409,
    "plan.noPreviousPlan",
    `前年度（${fiscalYearLabel(fiscalYear - 1)}）の計画がないため引き継げません。「前年度の計画を引き継ぐ」を外して作成してください。`,
    { carryOver: "noPreviousPlan" },
  );

/** What plan commands need besides the app: the documents and the read model. */
export interface PlanServices {
  collab: CollabServer;
  projector: PlanProjector;
}

export async function createPlan(
  app: AppContext,
  services: PlanServices,
  caller: Caller,
  input: CreatePlan,
): Promise<DocumentRecord> {
  const { fiscalYear } = input;
  const wid = caller.workspaceId;
  if (await findPlanDocument(app.kysely, wid, fiscalYear)) throw planExists();
  let content = emptyYearPlan(fiscalYear);
  let carriedFrom: number | null = null;
  if (input.carryOver === true) {
    const previous = await findPlanDocument(app.kysely, wid, fiscalYear - 1);
    if (!previous) throw noPreviousPlan(fiscalYear);
    await services.collab.flush();
    const doc = await services.collab.readDocument(previous.docName);
    content = nextYearPlan(readYearPlan(upgradeCopy(doc)).plan, () => newId());
    doc.destroy();
    carriedFrom = fiscalYear - 1;
  }
  let record: DocumentRecord;
  try {
    // One transaction: the document row and its content appear together.
    ({ document: record } = await app.kysely.transaction().execute((trx) =>
      createPlanDocument(trx, {
        workspaceId: wid,
        fiscalYear,
        title: planTitle(fiscalYearLabel(fiscalYear)),
        createdBy: caller.actor.userId,
        plan: content,
      }),
    ));
  } catch (err) {
    // Two secretaries creating the same year at once: the unique index decides.
    if (isUniqueViolation(err)) throw planExists();
    throw err;
  }
  await services.projector.projectNow(record.docName);
  await app.audit.byCaller(caller, "plan.created", record.docName, { fiscalYear, carriedFrom });
  return record;
}

/** Rebuilds the plan's read model from the stored document; answers the rows left out. */
export async function rebuildPlan(
  app: AppContext,
  services: PlanServices,
  caller: Caller,
  plan: DocumentRecord,
): Promise<InvalidRow[]> {
  await services.collab.flush();
  await services.projector.rebuild(plan.docName);
  await app.audit.byCaller(caller, "plan.rebuilt", plan.docName);
  const projection = await app.kysely
    .transaction()
    .setAccessMode("read only")
    .execute((trx) => readProjection(trx, plan.docName));
  return projection?.invalid ?? [];
}
