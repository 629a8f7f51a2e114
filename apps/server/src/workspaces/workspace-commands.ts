/** Changes to a workspace's own details. */
import type { UpdateWorkspace } from "@tsumugi/contract";
import { prefectureOfLgCode } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import * as workspaces from "./workspace-repository.js";

const lgCodeTaken = () =>
  new ApiError(409, "workspace.lgCodeTaken", "この地方公共団体コードは既に登録されています。");

/** Renames, or sets the prefecture and LG code (which must be of that prefecture). */
export async function updateWorkspace(
  app: AppContext,
  caller: Caller,
  current: workspaces.WorkspaceRecord,
  input: UpdateWorkspace,
): Promise<workspaces.WorkspaceRecord> {
  const next = { ...current, ...input };
  if (prefectureOfLgCode(next.lgCode) !== next.prefecture) throw invalid({ lgCode: "prefectureMismatch" });
  try {
    await workspaces.updateWorkspace(app.kysely, next);
  } catch (err) {
    throw isUniqueViolation(err) ? lgCodeTaken() : err;
  }
  await app.audit.record({
    event: "workspace.updated",
    workspaceId: current.id,
    actorUserId: caller.actor.userId,
    ip: caller.ip,
    detail: { name: next.name, prefecture: next.prefecture, lgCode: next.lgCode },
  });
  return next;
}
