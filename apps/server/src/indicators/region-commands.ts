/**
 * Changes to region groups: creating one (this municipality owns it and decides who joins),
 * asking to join, the owner's decision on a request, leaving. Each is audited for the
 * municipalities it concerns. Nothing is shared with a municipality until the owner lets it in.
 */

import type { CreateRegionGroup } from "@tsumugi/contract";
import { newId } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import * as regions from "./region-repository.js";

export const regionGroupNotFound = () =>
  new ApiError(404, "region.notFound", "地域グループが見つかりません。");
const alreadyAsked = () =>
  new ApiError(409, "region.alreadyAsked", "この地域グループには参加中か、参加を申請済みです。");
const requestNotFound = () =>
  new ApiError(
    404,
    "region.requestNotFound",
    "この参加申請は見つかりません（取り下げられたか、決定済みです）。",
  );
const ownerHasMembers = () =>
  new ApiError(
    409,
    "region.ownerHasMembers",
    "ほかの自治体が参加しているため、グループを管理する自治体は脱退できません。",
  );

/** A new 広域 group, owned by the caller's municipality. */
export async function createRegionGroup(
  app: AppContext,
  caller: Caller,
  input: CreateRegionGroup,
): Promise<string> {
  const id = newId();
  await app.kysely
    .transaction()
    .execute((trx) =>
      regions.insertRegionGroup(
        trx,
        { id, name: input.name, kind: "wide", ownerWorkspaceId: caller.workspaceId },
        [caller.workspaceId],
        caller.actor.userId,
        Date.now(),
      ),
    );
  await app.audit.byCaller(caller, "region.joined", id, { name: input.name, created: true });
  return id;
}

/** Asks to join a group of the caller's prefecture; the group's owner decides. */
export async function askToJoin(app: AppContext, caller: Caller, groupId: string): Promise<void> {
  const group = await regions.findRegionGroup(app.kysely, groupId, { inPrefectureOf: caller.workspaceId });
  if (!group) throw regionGroupNotFound();
  const asked = await regions.insertJoinRequest(
    app.kysely,
    group.id,
    caller.workspaceId,
    caller.actor.userId,
    Date.now(),
  );
  if (!asked) throw alreadyAsked();
  await app.audit.byCaller(caller, "region.join_requested", group.id);
}

/** The owner lets a municipality in, or refuses it (the request is removed). */
export async function decideJoinRequest(
  app: AppContext,
  caller: Caller,
  group: regions.RegionGroupRecord,
  requester: string,
  decision: "approve" | "refuse",
): Promise<void> {
  const approved = decision === "approve";
  const done = approved
    ? await regions.approveJoinRequest(app.kysely, group.id, requester, caller.actor.userId, Date.now())
    : await regions.deleteJoinRequest(app.kysely, group.id, requester);
  if (!done) throw requestNotFound();
  // Recorded for both municipalities: the owner's decision, and what happened to the request.
  for (const workspaceId of [caller.workspaceId, requester]) {
    await app.audit.record({
      event: approved ? "region.join_approved" : "region.join_refused",
      workspaceId,
      actorUserId: caller.actor.userId,
      target: group.id,
      ip: caller.ip,
      detail: { requester },
    });
  }
}

/** Leaves a group, or withdraws the request. The owner stays while others are in its group. */
export async function leaveRegionGroup(
  app: AppContext,
  caller: Caller,
  group: regions.PlacedRegionGroup,
): Promise<void> {
  await app.kysely.transaction().execute(async (trx) => {
    if (group.membership === "owner" && (await regions.othersInGroup(trx, group.id, caller.workspaceId)) > 0)
      throw ownerHasMembers();
    await regions.deleteMembership(trx, group.id, caller.workspaceId);
  });
  await app.audit.byCaller(
    caller,
    group.membership === "pending" ? "region.request_withdrawn" : "region.left",
    group.id,
  );
}
