/**
 * A 取組 outcome becomes an action of that year's plan: the server adds the action to the
 * plan document (owner group, period) and links it from the outcome, both as stored edits
 * that reach everyone with the plan or the meeting open.
 */
import type { OutcomeToAction } from "@tsumugi/contract";
import {
  type Actor,
  fiscalYearRange,
  insertRow,
  isId,
  newAction,
  newId,
  readOutcomes,
  readRows,
  setMeetingField,
} from "@tsumugi/domain";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext } from "../context.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import { findGroup } from "../groups/group-repository.js";
import { ApiError, invalid } from "../http/errors.js";
import type { MeetingRecord } from "./meeting-repository.js";

/**
 * The route has validated the body, loaded the meeting and its 年度's plan and authorized
 * `makeAction` on the outcome; what is left are the checks that need the stored data.
 */
export async function createActionFromOutcome(
  app: AppContext,
  collab: CollabServer,
  actor: Actor,
  m: MeetingRecord,
  plan: DocumentRecord,
  outcomeId: string,
  body: OutcomeToAction,
): Promise<{ actionId: string }> {
  if (!isId(outcomeId)) throw new ApiError(404, "outcome.notFound", "決定事項が見つかりません。");
  const ownerGroupId = body.ownerGroupId ?? m.groupId;
  if (ownerGroupId !== null && !(await findGroup(app.kysely, m.workspaceId, ownerGroupId)))
    throw invalid({ ownerGroupId: "unknown" });
  const start = body.periodStart ?? m.startsAt.slice(0, 7);
  const end = body.periodEnd ?? fiscalYearRange(m.fiscalYear).end.slice(0, 7);
  if (end.slice(0, 7) < start.slice(0, 7)) throw invalid({ periodEnd: "format" });

  await collab.flush();
  const meetingDoc = await collab.readDocument(m.docName);
  const outcome = readOutcomes(meetingDoc).find((o) => o.id === outcomeId);
  meetingDoc.destroy();
  if (outcome?.type !== "action")
    throw new ApiError(404, "outcome.notFound", "取組の決定事項が見つかりません。");
  if (outcome.actionId) return { actionId: outcome.actionId };
  const title = outcome.text.trim().slice(0, 200);
  if (title === "") throw invalid({ text: "required" });

  const actionId = newId();
  await collab.mutate(plan.docName, actor.userId, (doc) => {
    const action = newAction(readRows(doc, "actions"), {
      id: actionId,
      title,
      detail: `${m.title}で決定`,
      ownerGroupId,
      period: { start, end },
    });
    insertRow(doc, "actions", action);
  });
  await collab.mutate(m.docName, actor.userId, (doc) => {
    setMeetingField(doc, "outcomes", outcomeId, "actionId", actionId);
  });
  await app.audit.record({
    event: "meeting.outcome_action",
    workspaceId: m.workspaceId,
    actorUserId: actor.userId,
    target: m.id,
    detail: { outcomeId, actionId, plan: plan.docName },
  });
  return { actionId };
}
