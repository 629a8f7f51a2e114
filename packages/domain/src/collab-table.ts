/**
 * Tables of rows inside a Y.Doc: a top-level Y.Map from row id to a Y.Map of fields. Rows are
 * found by stable id, never by position, so concurrent inserts, deletes and reorders (a change
 * of an `order` key) cannot duplicate or lose a row, and two people editing different fields
 * of one row both keep their change. Listed fields are Y.Text so two people can type in one
 * field; nested objects named in `split` are stored one leaf per field ("period.start").
 */
import * as Y from "yjs";
import { sortOrdered } from "./plan/order-key.js";

export interface TableShape {
  textFields: readonly string[];
  split?: Readonly<Record<string, readonly string[]>>;
}

export function tableOf(doc: Y.Doc, name: string): Y.Map<Y.Map<unknown>> {
  return doc.getMap(name);
}

function flatten(row: object, shape: TableShape): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(row)) {
    const parts = shape.split?.[key];
    if (parts && typeof value === "object" && value !== null) {
      for (const part of parts) flat.set(`${key}.${part}`, (value as Record<string, unknown>)[part] ?? null);
    } else {
      flat.set(key, value);
    }
  }
  return flat;
}

/** Adds a row (or replaces one with the same id). */
export function insertRecord<R extends { id: string }>(
  doc: Y.Doc,
  name: string,
  row: R,
  shape: TableShape,
): void {
  doc.transact(() => {
    const fields = new Y.Map<unknown>();
    for (const [key, value] of flatten(row, shape)) {
      if (shape.textFields.includes(key)) fields.set(key, new Y.Text(typeof value === "string" ? value : ""));
      else fields.set(key, value);
    }
    tableOf(doc, name).set(row.id, fields);
  });
}

/** Sets one plain field; a row deleted meanwhile stays deleted. */
export function setRecordField(
  doc: Y.Doc,
  name: string,
  id: string,
  field: string,
  value: unknown,
  shape: TableShape,
): boolean {
  if (shape.textFields.includes(field))
    throw new Error(`${name}.${field} is text: edit it as Y.Text (rowText)`);
  const fields = tableOf(doc, name).get(id);
  if (!fields) return false;
  fields.set(field, value);
  return true;
}

export function recordText(doc: Y.Doc, name: string, id: string, field: string): Y.Text | null {
  const value = tableOf(doc, name).get(id)?.get(field);
  return value instanceof Y.Text ? value : null;
}

/** One row as a plain object (nested fields rebuilt), or null when there is no such row. */
export function readRecord(doc: Y.Doc, name: string, id: string): Record<string, unknown> | null {
  const fields = tableOf(doc, name).get(id);
  return fields ? plainRecord(id, fields) : null;
}

function plainRecord(id: string, fields: Y.Map<unknown>): Record<string, unknown> {
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
  return row;
}

/** Rows in display order: ordered rows by key (ties by id), then rows without a key. */
export function orderRecords<R extends Record<string, unknown>>(rows: readonly R[]): R[] {
  const ordered = rows.filter((r) => typeof r.order === "string") as unknown as (R & {
    id: string;
    order: string;
  })[];
  const unordered = rows.filter((r) => typeof r.order !== "string");
  return [...sortOrdered(ordered), ...unordered];
}

/** Rows as plain objects: ordered rows by key (ties by id), then rows without a key. */
export function readRecords(doc: Y.Doc, name: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const [id, fields] of tableOf(doc, name)) rows.push(plainRecord(id, fields));
  return orderRecords(rows);
}
