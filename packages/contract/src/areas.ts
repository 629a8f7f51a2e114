/**
 * 日常生活圏域 (the municipality's daily-life areas): /api/workspaces/{wid}/areas. One list per
 * workspace, shared by the consultation desk (the area of the person concerned, a desk's
 * default) and the resource directory (an entry's area; the town names that place an imported
 * address in an area). Everyone in the workspace reads the names; the secretariat keeps them.
 */
import * as z from "zod";
import { Id, requiredText } from "./fields.js";

export const AREA_NAME_MAX = 50;
export const AREAS_MAX = 100;
export const AREA_TOWN_MAX = 40;
export const AREA_TOWNS_MAX = 200;

export const AreaUsage = z
  .object({
    cases: z.number().int().meta({ description: "Consultation cases of this area" }),
    desks: z.number().int().meta({ description: "Desks whose default area this is" }),
    resources: z.number().int().meta({ description: "Directory entries in this area" }),
  })
  .meta({ id: "AreaUsage", description: "What names the area (sent to the secretariat only)" });
export type AreaUsage = z.infer<typeof AreaUsage>;

export const Area = z
  .object({
    id: Id,
    name: z.string(),
    towns: z.array(z.string()).meta({ description: "Town names (町名) that place an address in this area" }),
    usage: AreaUsage.optional(),
  })
  .meta({ id: "Area", description: "日常生活圏域" });
export type Area = z.infer<typeof Area>;

export const AreaList = z.object({
  areas: z.array(Area).meta({ description: "In their order" }),
  abilities: z
    .object({ manage: z.boolean() })
    .meta({ description: "Whether the caller may add, rename, reorder and delete areas" }),
});
export type AreaList = z.infer<typeof AreaList>;

export const AreaResult = z.object({ area: Area });
export type AreaResult = z.infer<typeof AreaResult>;

const Towns = z
  .array(requiredText(AREA_TOWN_MAX), { error: "format" })
  .max(AREA_TOWNS_MAX, { error: "tooMany" })
  .refine((list) => new Set(list).size === list.length, { error: "duplicate" });

export const CreateArea = z.object({
  name: requiredText(AREA_NAME_MAX),
  towns: Towns.default([]),
});
export type CreateArea = z.infer<typeof CreateArea>;

export const UpdateArea = z
  .object({
    name: requiredText(AREA_NAME_MAX),
    towns: Towns,
    position: z
      .number({ error: "format" })
      .int({ error: "format" })
      .min(0, { error: "format" })
      .meta({ description: "Move the area to this place in the list (0 = first)" }),
  })
  .partial();
export type UpdateArea = z.infer<typeof UpdateArea>;

export const DeleteAreaQuery = z.object({
  moveTo: Id.optional().meta({
    description:
      "Another area that takes over the cases, desks and entries of this one (needed when something names it)",
  }),
});
export type DeleteAreaQuery = z.infer<typeof DeleteAreaQuery>;
