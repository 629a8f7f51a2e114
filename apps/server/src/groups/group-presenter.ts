/** Groups as the API answers them (contract: Group), with what the caller may do to each. */
import type { Group } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type GroupResource } from "@tsumugi/domain";
import type { GroupRecord, GroupWithMembers } from "./group-repository.js";

/** The group as the policy sees it. */
export function groupResource(group: GroupRecord): GroupResource {
  return { kind: "group", id: group.id };
}

export function presentGroup(actor: Actor, group: GroupWithMembers): Group {
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    parentId: group.parentId,
    memberIds: group.memberIds,
    abilities: abilitiesOf(actor, groupResource(group)),
  };
}
