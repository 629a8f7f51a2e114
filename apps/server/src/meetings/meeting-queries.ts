/**
 * Reads of a meeting that look into collaborative documents: the plan's changes since the
 * previous meeting closed, and the previous meeting's agenda items not reached. Each reads
 * the documents as stored after this node's pending writes, and answers domain values.
 */
import {
  type AgendaItem,
  backlogOf,
  diffPlans,
  type PlanRowChange,
  readAgenda,
  readYearPlan,
} from "@tsumugi/domain";
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { loadVersion } from "../versions/version-store.js";
import { type MeetingRecord, previousMeeting } from "./meeting-repository.js";

/**
 * "前回の会議からの変更": the plan of the meeting's 年度 now against the version saved when the
 * previous meeting of its kind and group closed; null when there is no such meeting, plan or
 * version.
 */
export async function planChangesSincePrevious(
  q: QueryBuilder,
  collab: CollabServer,
  m: MeetingRecord,
): Promise<{ previous: MeetingRecord; changes: PlanRowChange[] } | null> {
  const previous = await previousMeeting(q, m);
  const plan = await findPlanDocument(q, m.workspaceId, m.fiscalYear);
  if (!previous || !plan || previous.planVersionId === null) return null;
  const before = await loadVersion(q, plan.docName, previous.planVersionId);
  if (!before) return null;
  const old = new Y.Doc();
  try {
    Y.applyUpdate(old, before);
    await collab.flush();
    const now = await collab.readDocument(plan.docName);
    try {
      return { previous, changes: diffPlans(readYearPlan(old).plan, readYearPlan(now).plan) };
    } finally {
      now.destroy();
    }
  } finally {
    old.destroy();
  }
}

/** The previous meeting's agenda items not reached; null when there is no previous meeting. */
export async function backlogOfPrevious(
  q: QueryBuilder,
  collab: CollabServer,
  m: MeetingRecord,
): Promise<{ previous: MeetingRecord; items: AgendaItem[] } | null> {
  const previous = await previousMeeting(q, m);
  if (!previous) return null;
  await collab.flush();
  const doc = await collab.readDocument(previous.docName);
  try {
    return { previous, items: backlogOf(readAgenda(doc)) };
  } finally {
    doc.destroy();
  }
}
