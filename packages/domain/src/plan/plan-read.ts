/**
 * A whole fiscal year's plan in and out of its Y.Doc: validated reading for the views, the
 * server's read model and the exports, and writing for the demo seed and next year's plan.
 */
import type * as Y from "yjs";
import {
  ITEM_NOTE_FIELDS,
  type ItemNote,
  initPlanDoc,
  insertRow,
  itemNoteText,
  PLAN_TABLES,
  type PlanProfile,
  type PlanTable,
  PROFILE_FIELDS,
  planMeta,
  planVision,
  profileText,
  readRows,
  sceneGoalText,
  VISION_MAX,
} from "./plan-doc.js";
import {
  type FieldProblem,
  type Parsed,
  parseAction,
  parseGoal,
  parsePlanPeriod,
  parseProblem,
  parseScheduleEvent,
  parseScheduleRow,
  type ScheduleEvent,
} from "./plan-schema.js";
import type { YearPlan } from "./rollover.js";
import { ITEMS, type ItemId, SCENES, type SceneId } from "./vocabulary.js";

/**
 * A row that failed validation: left out of the plan (its totals and exports), reported
 * with its problems so that people can see it and fix or delete it.
 */
export interface InvalidRow {
  table: PlanTable;
  id: string;
  errors: string[];
  problems: FieldProblem[];
}

/**
 * A free text of the plan (the vision) that failed validation: left out of the plan as read
 * (its exports, next year's plan), reported with its problems; the document keeps it, and
 * its field shows it with the limit, so that people can shorten it.
 */
export interface InvalidText {
  field: "vision";
  errors: string[];
  problems: FieldProblem[];
}

const PARSERS: { [T in PlanTable]: (raw: unknown) => Parsed<YearPlan[T][number]> } = {
  goals: parseGoal,
  problems: parseProblem,
  actions: parseAction,
  scheduleRows: parseScheduleRow,
  scheduleEvents: parseScheduleEvent,
  planPeriods: parsePlanPeriod,
};

/** Validates one plain row of a table (as `readRows`/`readRow` give it). */
export function parsePlanRow<T extends PlanTable>(table: T, raw: unknown): Parsed<YearPlan[T][number]> {
  return PARSERS[table](raw) as Parsed<YearPlan[T][number]>;
}

function readTable<T extends PlanTable>(doc: Y.Doc, table: T, invalid: InvalidRow[]): YearPlan[T] {
  const rows: YearPlan[T][number][] = [];
  for (const raw of readRows(doc, table)) {
    const parsed = PARSERS[table](raw);
    if (parsed.ok) rows.push(parsed.value);
    else invalid.push({ table, id: String(raw.id), errors: parsed.errors, problems: parsed.problems ?? [] });
  }
  return rows as YearPlan[T];
}

/** Events have no order key: they sort by date, then id. */
export function sortEvents<T extends ScheduleEvent>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => (a.when === b.when ? (a.id < b.id ? -1 : 1) : a.when < b.when ? -1 : 1));
}

/** The plan's free texts (vision, scene goals, item notes, profile) as plain strings. */
export function readPlanTexts(doc: Y.Doc): Pick<YearPlan, "vision" | "sceneGoals" | "itemNotes" | "profile"> {
  const sceneGoals: Partial<Record<SceneId, string>> = {};
  const goalTexts = doc.getMap<Y.Text>("sceneGoals");
  for (const scene of SCENES) {
    const text = goalTexts.get(scene.id);
    if (text) sceneGoals[scene.id] = text.toString();
  }
  const itemNotes: Partial<Record<ItemId, ItemNote>> = {};
  for (const item of ITEMS) {
    const purpose = itemNoteText(doc, item.id, "purpose").toString();
    const examples = itemNoteText(doc, item.id, "examples").toString();
    if (purpose || examples) itemNotes[item.id] = { purpose, examples };
  }
  const profile = Object.fromEntries(
    PROFILE_FIELDS.map((f) => [f, profileText(doc, f).toString()]),
  ) as PlanProfile;
  return { vision: planVision(doc).toString(), sceneGoals, itemNotes, profile };
}

/** Reads and validates every row and the vision; invalid ones are left out and listed. */
export function readYearPlan(doc: Y.Doc): {
  plan: YearPlan;
  invalid: InvalidRow[];
  invalidTexts: InvalidText[];
} {
  const invalid: InvalidRow[] = [];
  const invalidTexts: InvalidText[] = [];
  const texts = readPlanTexts(doc);
  if (texts.vision.length > VISION_MAX) {
    invalidTexts.push({
      field: "vision",
      errors: [`vision: longer than ${VISION_MAX}`],
      problems: [{ field: "vision", kind: "tooLong", max: VISION_MAX, length: texts.vision.length }],
    });
    texts.vision = "";
  }
  const plan: YearPlan = {
    fiscalYear: planMeta(doc)?.fiscalYear ?? 0,
    ...texts,
    goals: readTable(doc, "goals", invalid),
    problems: readTable(doc, "problems", invalid),
    actions: readTable(doc, "actions", invalid),
    scheduleRows: readTable(doc, "scheduleRows", invalid),
    scheduleEvents: sortEvents(readTable(doc, "scheduleEvents", invalid)),
    planPeriods: readTable(doc, "planPeriods", invalid),
  };
  return { plan, invalid, invalidTexts };
}

/** Writes a plan into an empty document (the demo seed, next year's plan). */
export function writeYearPlan(doc: Y.Doc, plan: YearPlan): void {
  doc.transact(() => {
    initPlanDoc(doc, plan.fiscalYear);
    const vision = planVision(doc);
    if (vision.length === 0) vision.insert(0, plan.vision);
    for (const [scene, goal] of Object.entries(plan.sceneGoals)) {
      const text = sceneGoalText(doc, scene);
      if (text.length === 0 && goal) text.insert(0, goal);
    }
    for (const [item, note] of Object.entries(plan.itemNotes ?? {})) {
      for (const field of ITEM_NOTE_FIELDS) {
        const text = itemNoteText(doc, item as ItemId, field);
        if (text.length === 0 && note?.[field]) text.insert(0, note[field]);
      }
    }
    for (const field of PROFILE_FIELDS) {
      const text = profileText(doc, field);
      const value = plan.profile?.[field];
      if (text.length === 0 && value) text.insert(0, value);
    }
    for (const table of PLAN_TABLES) {
      for (const row of plan[table]) insertRow(doc, table, row);
    }
  });
}

/** An empty plan of a year, for writing a new document. */
export function emptyYearPlan(fiscalYear: number): YearPlan {
  return {
    fiscalYear,
    vision: "",
    sceneGoals: {},
    itemNotes: {},
    profile: emptyProfile(),
    goals: [],
    problems: [],
    actions: [],
    scheduleRows: [],
    scheduleEvents: [],
    planPeriods: [],
  };
}

export function emptyProfile(): PlanProfile {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, ""])) as PlanProfile;
}
