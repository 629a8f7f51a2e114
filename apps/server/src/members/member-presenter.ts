/** Members as the API answers them (contract: Member), with what the caller may do to each. */
import type { Member } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type MemberResource } from "@tsumugi/domain";
import type { MemberRecord } from "./member-repository.js";

/** The member as the policy sees it. */
export function memberResource(member: { userId: string; disabled: boolean }): MemberResource {
  return { kind: "member", userId: member.userId, disabled: member.disabled };
}

export function presentMember(actor: Actor, member: MemberRecord): Member {
  return { ...member, abilities: abilitiesOf(actor, memberResource(member)) };
}
