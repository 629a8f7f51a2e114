/**
 * The professionals' 一覧表 as seed 003 names them: the 医療・介護連携に関する連絡可能時間一覧表
 * (when and how to reach each clinic, station, office) and the 病院連携窓口一覧表 (each
 * hospital's 地域連携室). One definition of their columns and rows for the screen, print and
 * the .xlsx export.
 */
import type { ResourceFields } from "./model.js";
import { CONTACT_METHODS, RESOURCE_KINDS, resourceKindLabel } from "./vocabulary.js";

export interface TableEntry {
  id: string;
  status: "active" | "closed";
  fields: ResourceFields;
}

export interface ProfessionalTable {
  title: string;
  columns: string[];
  /** Rows grouped by kind, each a list of cells (text). */
  groups: { label: string; rows: { id: string; cells: string[] }[] }[];
}

const byKindThenKana = (a: TableEntry, b: TableEntry) =>
  a.fields.kana.localeCompare(b.fields.kana, "ja") || a.fields.name.localeCompare(b.fields.name, "ja");

function grouped(
  entries: readonly TableEntry[],
  cells: (e: TableEntry) => string[],
): ProfessionalTable["groups"] {
  return RESOURCE_KINDS.map((k) => ({
    label: resourceKindLabel(k.id),
    rows: entries
      .filter((e) => e.fields.kind === k.id)
      .sort(byKindThenKana)
      .map((e) => ({ id: e.id, cells: cells(e) })),
  })).filter((g) => g.rows.length > 0);
}

const methodLabels = (f: ResourceFields) =>
  CONTACT_METHODS.filter((m) => f.contact.methods.includes(m.id))
    .map((m) => m.label)
    .join("・");

export function contactTimesTable(
  entries: readonly TableEntry[],
  areaName: (id: string | null) => string,
): ProfessionalTable {
  const stated = entries.filter(
    (e) =>
      e.status === "active" &&
      (e.fields.contact.hours.trim() || e.fields.contact.methods.length || e.fields.contact.note.trim()),
  );
  return {
    title: "医療・介護連携に関する連絡可能時間一覧表",
    columns: ["名称", "圏域", "電話", "FAX", "連絡可能時間", "連絡方法", "備考"],
    groups: grouped(stated, (e) => [
      e.fields.name,
      areaName(e.fields.areaId),
      e.fields.phone,
      e.fields.fax,
      e.fields.contact.hours,
      methodLabels(e.fields),
      e.fields.contact.note,
    ]),
  };
}

export function liaisonTable(entries: readonly TableEntry[]): ProfessionalTable {
  const stated = entries.filter(
    (e) =>
      e.status === "active" &&
      (e.fields.liaison.department.trim() || e.fields.liaison.phone.trim() || e.fields.liaison.email.trim()),
  );
  return {
    title: "病院連携窓口一覧表",
    columns: ["医療機関名", "窓口（部署）", "電話", "FAX", "メール", "受付時間", "備考"],
    groups: grouped(stated, (e) => [
      e.fields.name,
      e.fields.liaison.department,
      e.fields.liaison.phone,
      e.fields.liaison.fax,
      e.fields.liaison.email,
      e.fields.liaison.hours,
      e.fields.liaison.note,
    ]),
  };
}
