/** Members of a workspace: /api/workspaces/{wid}/members. */
import { MEMBER_VERBS, ROLES } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, flag, Id, oneOf } from "./fields.js";

export const Member = z
  .object({
    userId: Id,
    name: z.string(),
    email: z.string(),
    organization: z.string(),
    role: z.enum(ROLES),
    disabled: z.boolean().meta({ description: "Disabled in this workspace, or the whole account" }),
    groupIds: z.array(Id),
    abilities: abilities(MEMBER_VERBS, "What the caller may do with this member"),
  })
  .meta({ id: "Member" });
export type Member = z.infer<typeof Member>;

export const MemberList = z.object({ members: z.array(Member).meta({ description: "By name" }) });
export type MemberList = z.infer<typeof MemberList>;

export const UpdateMember = z.object({ role: oneOf(ROLES).optional(), disabled: flag().optional() });
export type UpdateMember = z.infer<typeof UpdateMember>;
