/**
 * The layout of a fiscal year's plan inside a Y.Doc, and the only code that touches it.
 *
 * Each table (problems, actions, …) is a top-level Y.Map from row id to a Y.Map of fields,
 * so rows are found by stable id, never by position: concurrent inserts, deletes and
 * reorders (a change of the `order` key) cannot duplicate or lose a row, and two people
 * editing different fields of one row both keep their change. Text fields are Y.Text so
 * two people can type in the same field. Readers get plain objects and validate them with
 * the `parse*` functions of plan-schema.ts.
 */
import * as Y from "yjs";
import { sortOrdered } from "./order-key.js";
import { PLAN_SCHEMA_VERSION } from "./plan-schema.js";

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

function table(doc: Y.Doc, name: PlanTable): Y.Map<Y.Map<unknown>> {
  return doc.getMap(name);
}

function flatten(row: object): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(row)) {
    const parts = SPLIT_FIELDS[key];
    if (parts && typeof value === "object" && value !== null) {
      for (const part of parts) flat.set(`${key}.${part}`, (value as Record<string, unknown>)[part] ?? null);
    } else {
      flat.set(key, value);
    }
  }
  return flat;
}

/** Adds a row (or replaces one with the same id). `row.id` must be set. */
export function insertRow<R extends { id: string }>(doc: Y.Doc, name: PlanTable, row: R): void {
  doc.transact(() => {
    const fields = new Y.Map<unknown>();
    for (const [key, value] of flatten(row)) {
      if (TEXT_FIELDS[name].includes(key))
        fields.set(key, new Y.Text(typeof value === "string" ? value : ""));
      else fields.set(key, value);
    }
    table(doc, name).set(row.id, fields);
  });
}

export function deleteRow(doc: Y.Doc, name: PlanTable, id: string): void {
  table(doc, name).delete(id);
}

/**
 * Sets one plain field of a row (status, progress, order, scenes, `period.start` …). A row
 * deleted meanwhile stays deleted: editing does not bring it back.
 */
export function setRowField(doc: Y.Doc, name: PlanTable, id: string, field: string, value: unknown): boolean {
  if (TEXT_FIELDS[name].includes(field)) throw new Error(`${name}.${field} is text: edit it with rowText()`);
  const fields = table(doc, name).get(id);
  if (!fields) return false;
  fields.set(field, value);
  return true;
}

/** The collaborative text of a row's text field (for an editor to bind to). */
export function rowText(doc: Y.Doc, name: PlanTable, id: string, field: string): Y.Text | null {
  const value = table(doc, name).get(id)?.get(field);
  return value instanceof Y.Text ? value : null;
}

/** The rows of a table as plain objects, in display order. Validate them with plan-schema. */
export function readRows(doc: Y.Doc, name: PlanTable): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const [id, fields] of table(doc, name)) {
    const row: Record<string, unknown> = { id };
    for (const [key, value] of fields) {
      const plain = value instanceof Y.Text ? value.toString() : value;
      const dot = key.indexOf(".");
      if (dot > 0) {
        const outer = key.slice(0, dot);
        row[outer] = { ...((row[outer] as Record<string, unknown>) ?? {}), [key.slice(dot + 1)]: plain };
      } else {
        row[key] = plain;
      }
    }
    row.id = id;
    rows.push(row);
  }
  const ordered = rows.filter((r) => typeof r.order === "string") as (Record<string, unknown> & {
    id: string;
    order: string;
  })[];
  const unordered = rows.filter((r) => typeof r.order !== "string");
  return [...sortOrdered(ordered), ...unordered];
}
