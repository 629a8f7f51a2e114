/**
 * Groups of a workspace (全体会, 部会, 班, 事務局): /api/workspaces/{wid}/groups. A group may
 * belong to a parent group (班 in a 部会, 部会 under the 全体会), as the organisation chart draws it.
 */
import { GROUP_KINDS, GROUP_VERBS } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, oneOf, requiredText } from "./fields.js";

export const GROUP_NAME_MAX = 100;

export const Group = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(GROUP_KINDS),
    parentId: Id.nullable().meta({ description: "The group this one belongs to (部会 of a 班), or null" }),
    memberIds: z.array(Id).meta({ description: "User ids of the group's members" }),
    abilities: abilities(GROUP_VERBS, "What the caller may do with this group"),
  })
  .meta({ id: "Group" });
export type Group = z.infer<typeof Group>;

export const GroupList = z.object({ groups: z.array(Group).meta({ description: "In order of creation" }) });
export type GroupList = z.infer<typeof GroupList>;

export const GroupResult = z.object({ group: Group });
export type GroupResult = z.infer<typeof GroupResult>;

/** A parent group's id, or null for none; a malformed id is "unknown" like a missing group. */
const ParentId = z
  .string({ error: "unknown" })
  .regex(/^[a-z0-9]{8,40}$/, { error: "unknown" })
  .nullable();

export const CreateGroup = z.object({
  name: requiredText(GROUP_NAME_MAX),
  kind: oneOf(GROUP_KINDS),
  parentId: ParentId.optional(),
});
export type CreateGroup = z.infer<typeof CreateGroup>;

export const UpdateGroup = CreateGroup.partial();
export type UpdateGroup = z.infer<typeof UpdateGroup>;
