/** Groups of a workspace (全体会, 部会, 班, 事務局): /api/workspaces/{wid}/groups. */
import { GROUP_KINDS, GROUP_VERBS } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, oneOf, requiredText } from "./fields.js";

export const GROUP_NAME_MAX = 100;

export const Group = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(GROUP_KINDS),
    memberIds: z.array(Id).meta({ description: "User ids of the group's members" }),
    abilities: abilities(GROUP_VERBS, "What the caller may do with this group"),
  })
  .meta({ id: "Group" });
export type Group = z.infer<typeof Group>;

export const GroupList = z.object({ groups: z.array(Group).meta({ description: "In order of creation" }) });
export type GroupList = z.infer<typeof GroupList>;

export const GroupResult = z.object({ group: Group });
export type GroupResult = z.infer<typeof GroupResult>;

export const CreateGroup = z.object({ name: requiredText(GROUP_NAME_MAX), kind: oneOf(GROUP_KINDS) });
export type CreateGroup = z.infer<typeof CreateGroup>;

export const UpdateGroup = CreateGroup.partial();
export type UpdateGroup = z.infer<typeof UpdateGroup>;
