/**
 * The layout of a fiscal year's plan inside a Y.Doc, and the only code that touches it.
 *
 * Each table (problems, actions, …) is a collab table (collab-table.ts): rows by stable id,
 * text fields as Y.Text, nested period/evaluation split per leaf. Readers get plain objects
 * and validate them with the `parse*` functions of plan-schema.ts.
 */
import * as Y from "yjs";
import {
  insertRecord,
  readRecord,
  readRecords,
  recordText,
  setRecordField,
  type TableShape,
  tableOf,
} from "../collab-table.js";
import { PLAN_SCHEMA_VERSION, TEXT_MAX, TITLE_MAX } from "./plan-schema.js";
import type { ItemId } from "./vocabulary.js";

export const PLAN_TABLES = [
  "goals",
  "problems",
  "actions",
  "scheduleRows",
  "scheduleEvents",
  "planPeriods",
] as const;
export type PlanTable = (typeof PLAN_TABLES)[number];

/** Fields held as collaborative text, per table. Dotted names are nested in the plain row. */
export const TEXT_FIELDS: Record<PlanTable, readonly string[]> = {
  goals: ["text"],
  problems: ["title", "detail"],
  actions: ["title", "detail", "nextStep", "evaluation.comment"],
  scheduleRows: ["activity"],
  scheduleEvents: ["label"],
  planPeriods: [],
};

/** Nested objects stored as one field per leaf, so their parts merge independently. */
const SPLIT_FIELDS: Record<string, readonly string[]> = {
  period: ["start", "end"],
  evaluation: ["grade", "comment"],
};

export interface PlanMeta {
  schemaVersion: number;
  fiscalYear: number;
}

export function planMeta(doc: Y.Doc): PlanMeta | null {
  const meta = doc.getMap("meta");
  const schemaVersion = meta.get("schemaVersion");
  const fiscalYear = meta.get("fiscalYear");
  return typeof schemaVersion === "number" && typeof fiscalYear === "number"
    ? { schemaVersion, fiscalYear }
    : null;
}

/** Stamps a new plan document; idempotent, so two first visitors cannot conflict. */
export function initPlanDoc(doc: Y.Doc, fiscalYear: number): void {
  doc.transact(() => {
    const meta = doc.getMap("meta");
    if (meta.get("schemaVersion") === undefined) meta.set("schemaVersion", PLAN_SCHEMA_VERSION);
    if (meta.get("fiscalYear") === undefined) meta.set("fiscalYear", fiscalYear);
  });
}

/** The longest 目指す姿 (the plan's vision): what its input enforces and readers check. */
export const VISION_MAX = TEXT_MAX;

export function planVision(doc: Y.Doc): Y.Text {
  return doc.getText("vision");
}

/** The goal statement of a scene (日常の療養支援 …), as collaborative text. */
export function sceneGoalText(doc: Y.Doc, scene: string): Y.Text {
  const goals = doc.getMap<Y.Text>("sceneGoals");
  let text = goals.get(scene);
  if (!text) {
    text = new Y.Text();
    goals.set(scene, text);
  }
  return text;
}

/**
 * What the plan papers say besides the tables: the program's name on the cover, the office
 * that writes the plan, and the committee as the organisation chart shows it (seed 003).
 * Each is a top-level Y.Text (named `profile.<field>`): top-level types are found by name,
 * so two people opening an old document at once cannot create two competing texts.
 */
export const PROFILE_FIELDS = [
  "programName",
  "department",
  "committeeName",
  "committeeRole",
  "plenaryRole",
  "bodies",
  "plenaryTopics",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type PlanProfile = Record<ProfileField, string>;

/** The longest text of each profile field (what inputs enforce and readers check). */
export const PROFILE_LIMITS: Record<ProfileField, number> = {
  programName: TITLE_MAX,
  department: TITLE_MAX,
  committeeName: TITLE_MAX,
  committeeRole: TEXT_MAX,
  plenaryRole: TEXT_MAX,
  bodies: TEXT_MAX,
  plenaryTopics: TEXT_MAX,
};

export function profileText(doc: Y.Doc, field: ProfileField): Y.Text {
  return doc.getText(`profile.${field}`);
}

/** Per 事業項目 and year: its purpose (目的) and the national example actions (国が示す具体的取組例), seed 004. */
export const ITEM_NOTE_FIELDS = ["purpose", "examples"] as const;
export type ItemNoteField = (typeof ITEM_NOTE_FIELDS)[number];
export type ItemNote = Record<ItemNoteField, string>;
export const ITEM_NOTE_MAX = TEXT_MAX;

export function itemNoteText(doc: Y.Doc, item: ItemId, field: ItemNoteField): Y.Text {
  return doc.getText(`item.${item}.${field}`);
}

const shape = (name: PlanTable): TableShape => ({ textFields: TEXT_FIELDS[name], split: SPLIT_FIELDS });

/** Adds a row (or replaces one with the same id). `row.id` must be set. */
export function insertRow<R extends { id: string }>(doc: Y.Doc, name: PlanTable, row: R): void {
  insertRecord(doc, name, row, shape(name));
}

export function deleteRow(doc: Y.Doc, name: PlanTable, id: string): void {
  tableOf(doc, name).delete(id);
}

/**
 * Sets one plain field of a row (status, progress, order, scenes, `period.start` …). A row
 * deleted meanwhile stays deleted: editing does not bring it back.
 */
export function setRowField(doc: Y.Doc, name: PlanTable, id: string, field: string, value: unknown): boolean {
  return setRecordField(doc, name, id, field, value, shape(name));
}

/** The collaborative text of a row's text field (for an editor to bind to). */
export function rowText(doc: Y.Doc, name: PlanTable, id: string, field: string): Y.Text | null {
  return recordText(doc, name, id, field);
}

/** The rows of a table as plain objects, in display order. Validate them with plan-schema. */
export function readRows(doc: Y.Doc, name: PlanTable): Record<string, unknown>[] {
  return readRecords(doc, name);
}

/** One row as a plain object, or null when it does not exist. Validate it with plan-schema. */
export function readRow(doc: Y.Doc, name: PlanTable, id: string): Record<string, unknown> | null {
  return readRecord(doc, name, id);
}

/**
 * A demo goal text (marked 「デモ用の例」) becomes the municipality's own once someone here
 * rewrites it: a local edit of a flagged goal's text drops the flag in the same person's next
 * transaction, so the mark leaves every screen and paper with the text that earned it. Edits
 * received from others are theirs to clear. Returns the function that stops watching.
 */
export function clearDemoMarksOnRewrite(doc: Y.Doc): () => void {
  const goals = tableOf(doc, "goals");
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
    if (!tr.local) return;
    const rewritten = new Set<string>();
    for (const event of events) {
      const [id, field] = event.path;
      if (typeof id === "string" && field === "text" && event.target instanceof Y.Text) rewritten.add(id);
    }
    const flagged = [...rewritten].filter((id) => goals.get(id)?.get("demo") === true);
    if (flagged.length === 0) return;
    doc.transact(() => {
      for (const id of flagged) goals.get(id)?.delete("demo");
    }, tr.origin);
  };
  goals.observeDeep(observer);
  return () => goals.unobserveDeep(observer);
}
