/** Invitations as the API answers them (contract: Invite), with what the caller may do to each. */
import type { Invite, InviteOffer } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type InviteResource } from "@tsumugi/domain";
import type { Config } from "../config.js";
import { type InviteRecord, inviteStatus } from "./invite-repository.js";

export function inviteResource(invite: InviteRecord, now = Date.now()): InviteResource {
  return { kind: "invite", pending: inviteStatus(invite, now) === "pending" };
}

export function presentInvite(actor: Actor, invite: InviteRecord, now = Date.now()): Invite {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    groupIds: invite.groupIds,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    status: inviteStatus(invite, now),
    abilities: abilitiesOf(actor, inviteResource(invite, now)),
  };
}

/** The link the secretariat sends: the web app's page for the token. */
export function inviteUrl(config: Config, token: string): string {
  return `${config.publicUrl}/invite/${token}`;
}

/** What an invitation's link offers the person invited, before they join. */
export function presentInviteOffer(
  invite: InviteRecord,
  workspace: { name: string } | undefined,
  groups: readonly { name: string }[],
): InviteOffer {
  return {
    workspaceName: workspace?.name ?? "",
    role: invite.role,
    groupNames: groups.map((g) => g.name),
    email: invite.email,
    expiresAt: invite.expiresAt,
  };
}
