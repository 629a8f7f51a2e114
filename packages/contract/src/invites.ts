/**
 * Invitations: /api/workspaces/{wid}/invites (the secretariat's) and /api/invites/{token}
 * (the person invited, before they have a session).
 */
import { INVITE_VERBS, ROLES } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, emailAddress, Id, oneOf, optionalText, Timestamp } from "./fields.js";

export const INVITE_STATUSES = ["pending", "used", "expired", "revoked"] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];

export const Invite = z
  .object({
    id: Id,
    email: z.string().nullable().meta({ description: "The only address that may join; null: anyone" }),
    role: z.enum(ROLES),
    groupIds: z.array(Id).meta({ description: "Groups the person joins" }),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    status: z.enum(INVITE_STATUSES),
    abilities: abilities(INVITE_VERBS, "What the caller may do with this invitation"),
  })
  .meta({ id: "Invite" });
export type Invite = z.infer<typeof Invite>;

export const InviteList = z.object({ invites: z.array(Invite).meta({ description: "Newest first" }) });
export type InviteList = z.infer<typeof InviteList>;

export const CreatedInvite = z.object({
  invite: Invite,
  url: z.string().meta({ description: "The link to send; shown once (only a hash of its secret is kept)" }),
});
export type CreatedInvite = z.infer<typeof CreatedInvite>;

export const CreateInvite = z.object({
  email: emailAddress()
    .optional()
    .meta({ description: "Lets only this address join; empty or left out: anyone with the link" }),
  role: oneOf(ROLES),
  groupIds: z
    .array(Id, { error: "unknown" })
    .default([])
    .meta({ description: "Groups of the workspace the person joins" }),
});
export type CreateInvite = z.input<typeof CreateInvite>;

/** What the link offers, shown to the person invited before they join. */
export const InviteOffer = z
  .object({
    workspaceName: z.string(),
    role: z.enum(ROLES),
    groupNames: z.array(z.string()),
    email: z.string().nullable(),
    expiresAt: Timestamp,
  })
  .meta({ id: "InviteOffer" });
export type InviteOffer = z.infer<typeof InviteOffer>;

export const INVITE_NAME_MAX = 100;
export const INVITE_ORGANIZATION_MAX = 100;

/**
 * Joining. `mode: new` creates an account (name and a password the policy accepts), `mode:
 * existing` joins with an account's password; without `mode`, a name means new. The e-mail is
 * the invitation's when it names one (what is sent is then ignored).
 */
export const AcceptInvite = z.object({
  mode: oneOf(["new", "existing"]).optional(),
  email: z.string({ error: "required" }).optional(),
  name: optionalText(INVITE_NAME_MAX).optional().meta({ description: "Required for a new account" }),
  organization: optionalText(INVITE_ORGANIZATION_MAX).optional(),
  password: z.string({ error: "required" }).optional(),
});
export type AcceptInvite = z.infer<typeof AcceptInvite>;
