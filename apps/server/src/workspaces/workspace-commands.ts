/** Changes to a workspace's own details. */
import type { UpdateWorkspace } from "@tsumugi/contract";
import { prefectureOfLgCode } from "@tsumugi/domain";
import { hasTotpKey } from "../auth/two-factor-repository.js";
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
  // The route's workspace is the caller's (current.id === caller.workspaceId).
  await app.audit.byCaller(caller, "workspace.updated", null, {
    name: next.name,
    prefecture: next.prefecture,
    lgCode: next.lgCode,
  });
  return next;
}

const enableFirst = () =>
  new ApiError(409, "twoFactor.enableFirst", "必須にする前に、ご自身の2段階認証を設定してください。");

/**
 * Makes two-step verification mandatory (or not) for the workspace's secretariat and
 * coordinators. Whoever makes it mandatory uses it already: they know the steps they ask of others.
 */
export async function setTwoFactorPolicy(
  app: AppContext,
  caller: Caller,
  required: boolean,
): Promise<boolean> {
  if (required && !(await hasTotpKey(app.kysely, caller.actor.userId))) throw enableFirst();
  await workspaces.setTwoFactorRequired(app.kysely, caller.workspaceId, required);
  await app.audit.byCaller(caller, "workspace.two_factor_policy", null, { required });
  return required;
}
