/**
 * Indicators (評価指標) of a workspace: /api/workspaces/{wid}/indicators — definitions, values
 * (entered, and counted by Tsumugi from its own records), population bases, history, import,
 * comparison with the region groups; and the region groups: /api/workspaces/{wid}/regions.
 */
import {
  currentFiscalYear,
  DERIVED_SOURCES,
  DIRECTIONS,
  INDICATOR_KINDS,
  INDICATOR_TYPES,
  INDICATOR_VERBS,
  ITEMS,
  type ItemId,
  NORMALISATIONS,
  REGION_GROUP_VERBS,
  type RegionKind,
  type RegionMembership,
  SCENES,
  type SceneId,
} from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, oneOf, optionalText, requiredText, Timestamp } from "./fields.js";

export const INDICATOR_NAME_MAX = 100;
/** The first 年度 a value may be entered for; the last is next 年度. */
export const INDICATOR_MIN_YEAR = 2000;
export const indicatorMaxYear = () => currentFiscalYear() + 1;
/** Rows of values an import takes, besides its header row. */
export const INDICATOR_IMPORT_MAX_ROWS = 5000;
/** Cells of one imported row. */
export const INDICATOR_IMPORT_MAX_CELLS = 50;

const SCENE_IDS = SCENES.map((s) => s.id) as [SceneId, ...SceneId[]];
const ITEM_IDS = ITEMS.map((i) => i.id) as [ItemId, ...ItemId[]];
const REGION_KINDS = ["wide", "prefecture"] as const satisfies readonly RegionKind[];
const MEMBERSHIPS = ["owner", "member", "pending"] as const satisfies readonly RegionMembership[];

export const Indicator = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    type: z.enum(INDICATOR_TYPES),
    unit: z.string(),
    kind: z.enum(INDICATOR_KINDS),
    normalisation: z.enum(NORMALISATIONS),
    direction: z.enum(DIRECTIONS),
    source: z.string(),
    notes: z.string(),
    scenes: z.array(z.enum(SCENE_IDS)),
    items: z.array(z.enum(ITEM_IDS)),
    monthly: z.boolean().meta({ description: "Values per month of the 年度 as well" }),
    derived: z
      .enum(DERIVED_SOURCES)
      .nullable()
      .meta({ description: "Counted by Tsumugi from its own records (nobody types it), or null" }),
    abilities: abilities(INDICATOR_VERBS, "What the caller may do with this indicator"),
  })
  .meta({ id: "Indicator" });
export type Indicator = z.infer<typeof Indicator>;

/** The figures of a value (a rate's numerator and denominator) and where they come from. */
const ValueFigures = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  target: z.number().nullable(),
  source: z.string(),
  note: z.string(),
});

export const IndicatorValue = ValueFigures.extend({
  indicatorId: Id,
  fiscalYear: z.number().int(),
  month: z.number().int().meta({ description: "1–12, or 0 for the whole 年度" }),
  enteredBy: z.string().nullable().meta({ description: "null for a figure Tsumugi counts" }),
  enteredByName: z.string(),
  enteredAt: Timestamp,
}).meta({ id: "IndicatorValue" });
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const PopulationBase = z
  .object({
    fiscalYear: z.number().int(),
    total: z.number().nullable(),
    aged65: z.number().nullable(),
    aged75: z.number().nullable(),
  })
  .meta({ id: "PopulationBase" });
export type PopulationBase = z.infer<typeof PopulationBase>;

export const IndicatorListing = z.object({
  indicators: z.array(Indicator).meta({ description: "By code; a new workspace starts with the catalogue" }),
  values: z.array(IndicatorValue),
  populations: z.array(PopulationBase),
  can: z.object({ enter: z.boolean(), define: z.boolean() }),
});
export type IndicatorListing = z.infer<typeof IndicatorListing>;

export const CreateIndicator = z.object({
  code: z.string({ error: "format" }).regex(/^[A-Za-z0-9_-]{1,20}$/, { error: "format" }),
  name: requiredText(INDICATOR_NAME_MAX),
  type: oneOf(INDICATOR_TYPES),
  kind: oneOf(INDICATOR_KINDS),
  normalisation: oneOf(NORMALISATIONS).default("none"),
  direction: oneOf(DIRECTIONS).default("up"),
  unit: optionalText(20).default(""),
  source: optionalText(200).default(""),
  notes: optionalText(1000).default(""),
  scenes: z.array(oneOf(SCENE_IDS), { error: "unknown" }).default([]),
  items: z.array(oneOf(ITEM_IDS), { error: "unknown" }).default([]),
  monthly: z.boolean({ error: "format" }).default(false),
});
export type CreateIndicator = z.infer<typeof CreateIndicator>;

export const IndicatorResult = z.object({ id: Id, indicator: Indicator });
export type IndicatorResult = z.infer<typeof IndicatorResult>;

const emptyIsNull = (v: unknown) => (v === undefined || v === "" ? null : v);

/** A figure: a number of at most 10¹² in size, or null (left empty). */
const figure = () =>
  z.preprocess(
    emptyIsNull,
    z.number({ error: "number" }).min(-1e12, { error: "number" }).max(1e12, { error: "number" }).nullable(),
  );

/** A number of people: whole, not negative, or null. */
const headcount = () =>
  z.preprocess(
    emptyIsNull,
    z
      .number({ error: "number" })
      .int({ error: "number" })
      .min(0, { error: "number" })
      .max(1e12, { error: "number" })
      .nullable(),
  );

/** A 年度 a value may be entered for. */
export const IndicatorYear = z
  .number({ error: "wrongYear" })
  .int({ error: "wrongYear" })
  .min(INDICATOR_MIN_YEAR, { error: "wrongYear" })
  .refine((y) => y <= indicatorMaxYear(), { error: "wrongYear" });

export const SetPopulation = z
  .object({ total: headcount(), aged65: headcount(), aged75: headcount() })
  .superRefine((p, ctx) => {
    if (p.aged75 !== null && p.aged65 !== null && p.aged75 > p.aged65)
      ctx.addIssue({ code: "custom", path: ["aged75"], message: "moreThan65" });
    if (p.aged65 !== null && p.total !== null && p.aged65 > p.total)
      ctx.addIssue({ code: "custom", path: ["aged65"], message: "moreThanTotal" });
  });
export type SetPopulation = z.infer<typeof SetPopulation>;

export const EnterValue = z.object({
  fiscalYear: IndicatorYear,
  month: z
    .preprocess(
      (v) => (v === undefined || v === null ? 0 : v),
      z.number({ error: "badMonth" }).int({ error: "badMonth" }).min(0, { error: "badMonth" }).max(12, {
        error: "badMonth",
      }),
    )
    .meta({ description: "1–12 for a monthly indicator, 0 (or absent) for the whole 年度" }),
  value: figure(),
  numerator: figure(),
  denominator: figure().refine((d) => d !== 0, { error: "zeroDenominator" }),
  target: figure(),
  source: optionalText(200).default(""),
  note: optionalText(1000).default(""),
});
export type EnterValue = z.infer<typeof EnterValue>;

export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;

export const IndicatorHistory = z.object({
  history: z
    .array(
      z.object({
        fiscalYear: z.number().int(),
        month: z.number().int(),
        before: ValueFigures.nullable(),
        after: ValueFigures.nullable().meta({ description: "null when the value was cleared" }),
        by: z.string().meta({ description: "Who changed it (name)" }),
        at: Timestamp,
      }),
    )
    .meta({ description: "The latest 200 changes, newest first" }),
});
export type IndicatorHistory = z.infer<typeof IndicatorHistory>;

export const ImportIndicatorValues = z.object({
  rows: z
    .array(z.unknown(), { error: "invalid" })
    .max(INDICATOR_IMPORT_MAX_ROWS + 1, { error: "tooMany" })
    .refine((rows) => rows.every((row) => Array.isArray(row) && row.length <= INDICATOR_IMPORT_MAX_CELLS), {
      error: "invalid",
    })
    .meta({
      description: `Rows of cells read from the file: a header row, then at most ${INDICATOR_IMPORT_MAX_ROWS} rows of values`,
    }),
  dryRun: z
    .boolean({ error: "format" })
    .optional()
    .meta({ description: "Only check (the default); false writes when nothing is wrong" }),
});
export type ImportIndicatorValues = z.infer<typeof ImportIndicatorValues>;

export const IndicatorImportResult = z.object({
  noHeader: z.boolean(),
  rows: z.array(
    ValueFigures.extend({
      row: z.number().int(),
      code: z.string(),
      fiscalYear: z.number().int(),
      month: z.number().int().nullable(),
    }),
  ),
  issues: z.array(
    z.object({ row: z.number().int(), column: z.string(), code: z.string(), value: z.string() }),
  ),
  written: z.number().int().meta({ description: "Rows written (0 for a check or a file with issues)" }),
});
export type IndicatorImportResult = z.infer<typeof IndicatorImportResult>;

export const CompareQuery = z.object({
  code: z.string({ error: "format" }).regex(/^[A-Za-z0-9_-]{1,20}$/, { error: "format" }),
  fy: z.coerce.number({ error: "wrongYear" }).int({ error: "wrongYear" }),
});

export const IndicatorComparison = z.object({
  code: z.string(),
  fiscalYear: z.number().int(),
  groups: z.array(
    z.object({
      id: Id,
      name: z.string(),
      kind: z.enum(REGION_KINDS),
      members: z.array(
        z.object({
          workspaceId: Id,
          name: z.string(),
          value: z.number().nullable(),
          normalised: z.number().nullable(),
          isSelf: z.boolean(),
        }),
      ),
      average: z.number().nullable(),
    }),
  ),
});
export type IndicatorComparison = z.infer<typeof IndicatorComparison>;

export const RegionGroup = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(REGION_KINDS),
    membership: z.enum(MEMBERSHIPS),
    requests: z
      .array(z.object({ workspaceId: Id, name: z.string(), prefecture: z.string(), requestedAt: Timestamp }))
      .meta({ description: "Municipalities asking to join (shown to the owner's secretariat)" }),
    abilities: abilities(REGION_GROUP_VERBS, "What the caller may do with this region group"),
  })
  .meta({ id: "RegionGroup" });
export type RegionGroup = z.infer<typeof RegionGroup>;

export const RegionGroupList = z.object({ groups: z.array(RegionGroup) });
export type RegionGroupList = z.infer<typeof RegionGroupList>;

export const AvailableRegionGroups = z.object({
  groups: z.array(
    z.object({
      id: Id,
      name: z.string(),
      kind: z.enum(REGION_KINDS),
      owner: z.string().nullable().meta({ description: "The owning municipality's name" }),
    }),
  ),
});
export type AvailableRegionGroups = z.infer<typeof AvailableRegionGroups>;

export const CreateRegionGroup = z.object({ name: requiredText(100) });
export type CreateRegionGroup = z.infer<typeof CreateRegionGroup>;

export const RegionGroupCreated = z.object({ id: Id });

export const JoinRequested = z.object({ membership: z.literal("pending") });

export const RegionOverview = z.object({
  group: z.object({ id: Id, name: z.string(), kind: z.enum(REGION_KINDS) }),
  membership: z.enum(MEMBERSHIPS),
  showPlans: z.boolean().meta({ description: "Another municipality's plan progress may be shown" }),
  members: z.array(
    z.object({
      workspaceId: Id,
      name: z.string(),
      isSelf: z.boolean(),
      planShown: z.boolean(),
      indicators: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          unit: z.string(),
          normalisation: z.enum(NORMALISATIONS),
          fiscalYear: z.number().int().nullable(),
          value: z.number().nullable(),
          normalised: z.number().nullable(),
        }),
      ),
      plan: z
        .object({
          fiscalYear: z.number().int(),
          progress: z.number(),
          actions: z.number().int(),
          done: z.number().int(),
        })
        .nullable(),
    }),
  ),
});
export type RegionOverview = z.infer<typeof RegionOverview>;
