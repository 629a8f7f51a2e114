/** Desks as the policy lets an actor see their records. */
import { type Actor, authorize } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { deskResource } from "./desk-presenter.js";
import { listDesks } from "./desk-repository.js";

/** The desks whose records the actor reads: every desk for the secretariat, their own for a coordinator. */
export async function readableDeskIds(q: QueryBuilder, workspaceId: string, actor: Actor): Promise<string[]> {
  const desks = await listDesks(q, workspaceId);
  return desks.filter((d) => authorize(actor, "readRecords", deskResource(d))).map((d) => d.id);
}
