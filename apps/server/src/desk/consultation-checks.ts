/**
 * What every change to the desk's records checks before it writes: the errors it answers, the
 * case or desk still as the route authorized the change on it (see `asAuthorized`), and the
 * referral and 日常生活圏域 named being this municipality's.
 */
import { areaExists } from "../areas/area-repository.js";
import { ApiError, invalid } from "../http/errors.js";
import { findResource } from "../resources/resource-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { CaseWithStaff } from "./consultation-rows.js";
import { type DeskWithStaff, findDesk } from "./desk-repository.js";

export const caseNotFound = () =>
  new ApiError(404, "consultation.caseNotFound", "相談記録が見つかりません。");
export const contactNotFound = () => new ApiError(404, "consultation.notFound", "相談記録が見つかりません。");
export const anonymised = () =>
  new ApiError(409, "consultation.anonymised", "保存期間を過ぎて匿名化された相談記録は変更できません。");
export const recordChanged = () =>
  new ApiError(
    409,
    "consultation.changed",
    "この相談記録は他の人が先に変更しました。画面を読み込み直してください。",
  );

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The case is kept by the same desk and coordinators as when it was loaded (what the policy decided on). */
export function sameKeepers(loaded: CaseWithStaff, current: CaseWithStaff): boolean {
  return current.deskId === loaded.deskId && sameIds(current.deskStaffIds, loaded.deskStaffIds);
}

/**
 * The case as read inside the change's transaction, if it is still as the route authorized
 * the change on it: there (else `gone`), not anonymised since (409 `anonymised`), and kept by
 * the same desk and coordinators (else 409 `changed`).
 */
export function asAuthorized(
  loaded: CaseWithStaff,
  current: CaseWithStaff | undefined,
  gone: () => ApiError,
): CaseWithStaff {
  if (!current) throw gone();
  if (current.anonymisedAt !== null) throw anonymised();
  if (!sameKeepers(loaded, current)) throw recordChanged();
  return current;
}

/** The desk as read inside the transaction, if it is still as the route authorized it. */
export async function deskAsAuthorized(
  q: QueryBuilder,
  loaded: DeskWithStaff,
  gone: () => ApiError,
): Promise<DeskWithStaff> {
  const current = await findDesk(q, loaded.workspaceId, loaded.id);
  if (!current) throw gone();
  if (!sameIds(current.staffIds, loaded.staffIds)) throw recordChanged();
  return current;
}

/** A referral names an entry of this municipality's resource directory (or none). */
export async function checkReferral(
  q: QueryBuilder,
  workspaceId: string,
  referralResourceId: string | null | undefined,
) {
  if (referralResourceId === undefined || referralResourceId === null) return;
  if (!(await findResource(q, workspaceId, referralResourceId)))
    throw invalid({ referralResourceId: "unknown" });
}

export async function checkArea(q: QueryBuilder, workspaceId: string, areaId: string | null, field: string) {
  if (areaId !== null && !(await areaExists(q, workspaceId, areaId))) throw invalid({ [field]: "unknown" });
}
