/**
 * The edits the plan screens make, as Yjs transactions through the domain's document layout.
 * New rows get an order key after the last row; moves swap in a key between neighbours, so
 * concurrent moves never duplicate a row.
 */
import {
  type Action,
  deleteRow,
  type ItemId,
  insertRow,
  itemNoteText,
  newAction,
  newProblem,
  type Ordered,
  orderKeyBetween,
  type PlanTable,
  type Problem,
  rowText,
  setRowField,
  sortOrdered,
} from "@tsumugi/domain";
import type { YearTablePreview } from "@tsumugi/plan-io";
import type * as Y from "yjs";
import { replaceText } from "../collab/text-diff";

export function addRow<R extends { id: string }>(doc: Y.Doc, table: PlanTable, row: R): string {
  insertRow(doc, table, row);
  return row.id;
}

/** Moves a row one place up (-1) or down (+1) among `rows` (in display order). */
export function moveRow(
  doc: Y.Doc,
  table: PlanTable | "agenda" | "outcomes",
  rows: readonly Ordered[],
  id: string,
  step: -1 | 1,
): void {
  const sorted = sortOrdered(rows);
  const index = sorted.findIndex((r) => r.id === id);
  const target = index + step;
  if (index < 0 || target < 0 || target >= sorted.length) return;
  const before = step < 0 ? (sorted[target - 1]?.order ?? null) : sorted[target].order;
  const after = step < 0 ? sorted[target].order : (sorted[target + 1]?.order ?? null);
  const fields = doc.getMap<Y.Map<unknown>>(table).get(id);
  fields?.set("order", orderKeyBetween(before, after));
}

/** Deletes a row and the links other rows hold to it. */
export function removeRow(doc: Y.Doc, table: PlanTable, id: string): void {
  doc.transact(() => {
    deleteRow(doc, table, id);
    const linkField = table === "actions" ? "actionIds" : table === "problems" ? "problemIds" : null;
    if (!linkField) return;
    for (const other of ["problems", "actions", "scheduleRows"] as const) {
      for (const [, fields] of doc.getMap<Y.Map<unknown>>(other)) {
        const links = fields.get(linkField);
        if (Array.isArray(links) && links.includes(id)) {
          fields.set(
            linkField,
            links.filter((x) => x !== id),
          );
        }
      }
    }
    if (table === "scheduleRows") {
      for (const [eventId, fields] of doc.getMap<Y.Map<unknown>>("scheduleEvents")) {
        if (fields.get("rowId") === id) deleteRow(doc, "scheduleEvents", eventId);
      }
    }
  });
}

/** Toggles `value` in a list field. */
export function toggleInList(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Links a problem and an action both ways (or unlinks them). */
export function setLink(doc: Y.Doc, problem: Problem, action: Action, linked: boolean): void {
  doc.transact(() => {
    const p = doc.getMap<Y.Map<unknown>>("problems").get(problem.id);
    const a = doc.getMap<Y.Map<unknown>>("actions").get(action.id);
    const withOrWithout = (list: readonly string[], id: string) =>
      linked ? [...new Set([...list, id])] : list.filter((x) => x !== id);
    p?.set("actionIds", withOrWithout(problem.actionIds, action.id));
    a?.set("problemIds", withOrWithout(action.problemIds, problem.id));
  });
}

const ACTION_TEXT = new Set(["title", "detail", "nextStep"]);
const PROBLEM_TEXT = new Set(["title", "detail"]);

/** Writes imported values into an existing row: text through its collaborative text. */
function updateRow(
  doc: Y.Doc,
  table: "actions" | "problems",
  id: string,
  values: Record<string, unknown>,
): void {
  const textFields = table === "actions" ? ACTION_TEXT : PROBLEM_TEXT;
  for (const [key, value] of Object.entries(values)) {
    if (textFields.has(key)) {
      const text = rowText(doc, table, id, key);
      if (text) replaceText(text, String(value ?? ""));
    } else if (key === "period" || key === "evaluation") {
      for (const [part, v] of Object.entries(value as Record<string, unknown>)) {
        const field = `${key}.${part}`;
        const text = rowText(doc, table, id, field);
        if (text) replaceText(text, String(v ?? ""));
        else setRowField(doc, table, id, field, v);
      }
    } else {
      setRowField(doc, table, id, key, value);
    }
  }
}

/** Applies a confirmed import in one transaction: updates rows it names, appends the rest. */
export function applyImport(
  doc: Y.Doc,
  table: "actions" | "problems",
  existing: readonly Ordered[],
  rows: readonly { id: string | null; values: Record<string, unknown> }[],
): { added: number; updated: number } {
  let added = 0;
  let updated = 0;
  doc.transact(() => {
    const ordered: Ordered[] = [...existing];
    for (const row of rows) {
      if (row.id) {
        updateRow(doc, table, row.id, row.values);
        updated++;
        continue;
      }
      const fresh =
        table === "actions"
          ? newAction(ordered, row.values as Partial<Action>)
          : newProblem(ordered, row.values as Partial<Problem>);
      insertRow(doc, table, fresh);
      ordered.push(fresh);
      added++;
    }
  });
  return { added, updated };
}

/**
 * Brings a multi-year table's (seed 004) part for this year into the plan in one transaction:
 * the items' 目的 and 取組例 replace this year's where the file states them, new actions are
 * added under their item, an action already in the plan gains the item.
 */
export function applyYearTable(
  doc: Y.Doc,
  existing: readonly (Ordered & { items: readonly ItemId[] })[],
  preview: YearTablePreview,
): { notes: number; added: number; updated: number } {
  let notes = 0;
  doc.transact(() => {
    for (const n of preview.notes) {
      for (const field of ["purpose", "examples"] as const) {
        const value = n.note[field];
        if (!value) continue;
        const text = itemNoteText(doc, n.item, field);
        if (text.toString() === value) continue;
        replaceText(text, value);
        notes++;
      }
    }
  });
  if (!preview.hasYear) return { notes, added: 0, updated: 0 };
  const gained = new Map<string, ItemId[]>();
  const rows: { id: string | null; values: Record<string, unknown> }[] = [];
  for (const a of preview.actions) {
    if (a.existingId) {
      const items = gained.get(a.existingId) ?? [
        ...(existing.find((e) => e.id === a.existingId)?.items ?? []),
      ];
      if (!items.includes(a.item)) items.push(a.item);
      gained.set(a.existingId, items);
    } else {
      rows.push({ id: null, values: { title: a.title, items: [a.item], fundingSource: a.fundingSource } });
    }
  }
  for (const [id, items] of gained) rows.push({ id, values: { items } });
  const result = applyImport(doc, "actions", existing, rows);
  return { notes, ...result };
}
