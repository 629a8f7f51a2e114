/**
 * Reading open-data files of medical and care resources into directory entries:
 * - 介護サービス情報公表システム open data: one CSV per service type, keyed by 事業所番号
 *   (10 digits);
 * - 医療情報ネット (ナビイ) open data: facility CSVs for hospitals, clinics, dental clinics and
 *   pharmacies keyed by ID (13 digits), and a separate table of consultation hours.
 * The caller decodes the bytes (`decodeText`) and splits the CSV into rows; this module finds
 * the layout by its header, keeps the rows of the workspace's municipality, and reports every
 * problem by row and column in Japanese. Keys stay strings (leading zeros kept).
 */
import { isInJapan } from "./geo.js";
import type { ResourceFields } from "./model.js";
import {
  EMPTY_HOURS,
  type Hours,
  type ResourceKind,
  type ServiceTag,
  WEEK_DAYS,
  type WeekDay,
} from "./vocabulary.js";

export type TextEncoding = "utf-8-bom" | "utf-8" | "shift_jis";

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Shift_JIS; null when neither. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } | null {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    // not UTF-8: try Shift_JIS (Windows-31J), the other encoding these files come in
  }
  try {
    return { text: new TextDecoder("shift_jis", { fatal: true }).decode(bytes), encoding: "shift_jis" };
  } catch {
    return null;
  }
}

export type OpenDataFormat = "kaigo" | "iryoFacility" | "iryoHours";

export const OPEN_DATA_FORMAT_LABELS: Record<OpenDataFormat, string> = {
  kaigo: "介護サービス情報公表システム オープンデータ",
  iryoFacility: "医療情報ネット オープンデータ（施設）",
  iryoHours: "医療情報ネット オープンデータ（診療時間）",
};

/** A problem with the file or one of its rows. Errors skip the row; warnings import it with a fix. */
export interface ImportProblem {
  /** Line of the file (1 = header); 0 for the whole file. */
  row: number;
  column: string;
  severity: "error" | "warning";
  message: string;
}

/** One entry read from a file: a key within its scope and the fields the file provides. */
export interface ImportedEntry {
  row: number;
  /** The open-data source and type: "kaigo:訪問看護", "iryo:clinic". */
  scope: string;
  key: string;
  fields: Partial<ResourceFields>;
}

export interface ParsedOpenData {
  format: OpenDataFormat;
  /** Scopes the whole file covers (all municipalities): entries of these scopes missing from it are gone. */
  scopes: string[];
  entries: ImportedEntry[];
  problems: ImportProblem[];
  /** Data rows in the file, and those of the workspace's municipality. */
  totalRows: number;
  areaRows: number;
  /** Keys of the municipality's rows, refused ones included (an entry whose row was refused is not gone). */
  seenKeys: string[];
}

/** The municipality whose rows are kept. */
export interface Municipality {
  lgCode: string;
  prefecture: string;
  name: string;
}

const KAIGO = {
  code: "都道府県コード又は市町村コード",
  pref: "都道府県名",
  city: "市区町村名",
  name: "事業所名",
  kana: "事業所名カナ",
  service: "サービスの種類",
  address: "住所",
  building: "方書（ビル名等）",
  lat: "緯度",
  lng: "経度",
  phone: "電話番号",
  fax: "FAX番号",
  operator: "法人の名称",
  key: "事業所番号",
  days: "利用可能曜日",
  daysNote: "利用可能曜日特記事項",
  capacity: "定員",
  url: "URL",
} as const;
const KAIGO_REQUIRED = [KAIGO.code, KAIGO.name, KAIGO.service, KAIGO.address, KAIGO.key];

const IRYO = {
  id: "ID",
  name: ["正式名称", "名称"],
  kana: ["正式名称（フリガナ）", "フリガナ"],
  type: "機関区分",
  pref: "都道府県コード",
  city: "市区町村コード",
  address: "所在地",
  lat: "所在地座標（緯度）",
  lng: "所在地座標（経度）",
  url: ["案内用ホームページアドレス", "薬局のホームページアドレス"],
} as const;

/** Which layout a header row is, or null. */
export function detectFormat(header: readonly string[]): OpenDataFormat | null {
  const has = (name: string) => header.includes(name);
  if (has(KAIGO.key) && has(KAIGO.service)) return "kaigo";
  if (has(IRYO.id) && header.some((h) => /^.+_診療開始時間$/.test(h))) return "iryoHours";
  if (has(IRYO.id) && (has(IRYO.address) || IRYO.name.some(has))) return "iryoFacility";
  return null;
}

/** The kind of directory entry for a 介護サービス情報公表 service type, with its 種別. */
export function kindOfCareService(service: string): {
  kind: ResourceKind;
  subtype: string;
  services: ServiceTag[];
} {
  const s = service.trim();
  if (s === "訪問看護") return { kind: "visitingNursing", subtype: "", services: [] };
  if (s === "居宅介護支援") return { kind: "careManagement", subtype: "", services: [] };
  if (s.startsWith("短期入所")) return { kind: "shortStay", subtype: s, services: [] };
  const facility: [RegExp, string][] = [
    [/介護老人福祉施設/, "特別養護老人ホーム"],
    [/介護老人保健施設/, "介護老人保健施設"],
    [/介護医療院/, "介護医療院"],
    [/認知症対応型共同生活介護/, "認知症高齢者グループホーム"],
    [/特定施設入居者生活介護/, "有料老人ホーム"],
    [/^看護小規模多機能型居宅介護/, "看護小規模多機能型居宅介護"],
    [/^小規模多機能型居宅介護/, "小規模多機能型居宅介護"],
  ];
  for (const [pattern, subtype] of facility) {
    if (pattern.test(s)) return { kind: "careFacility", subtype, services: [] };
  }
  if (s === "訪問リハビリテーション")
    return { kind: "careService", subtype: s, services: ["rehabilitation"] };
  return { kind: "careService", subtype: s, services: [] };
}

const IRYO_TYPES: Record<string, ResourceKind> = {
  "1": "hospital",
  "2": "clinic",
  "3": "dental",
  "5": "pharmacy",
};

/** The kind of a 医療情報ネット facility file from its name, as downloaded (01-1_hospital_facility_info_…). */
export function iryoKindOfFileName(fileName: string): ResourceKind | null {
  const name = fileName.toLowerCase();
  if (name.includes("hospital")) return "hospital";
  if (name.includes("clinic") && !name.includes("dental")) return "clinic";
  if (name.includes("dental")) return "dental";
  if (name.includes("pharmacy")) return "pharmacy";
  return null;
}

/** "20250601" in a file name → "2025-06-01" (the data's date as published). */
export function dataDateOfFileName(fileName: string): string | null {
  const m = /(20\d{2})(\d{2})(\d{2})/.exec(fileName);
  if (!m) return null;
  const [mo, d] = [Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Full-width digits, hyphens and half-width kana made ordinary (NFKC), spaces trimmed. */
function normal(value: string | undefined): string {
  return (value ?? "").normalize("NFKC").replace(/\s+/g, " ").trim();
}

function plain(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, " ").trim();
}

class Rows {
  readonly problems: ImportProblem[] = [];
  readonly index: Map<string, number>;
  constructor(readonly header: readonly string[]) {
    this.index = new Map(header.map((h, i) => [h.trim(), i]));
  }
  has(column: string): boolean {
    return this.index.has(column);
  }
  first(columns: readonly string[]): string | null {
    return columns.find((c) => this.index.has(c)) ?? null;
  }
  cell(record: readonly string[], column: string | null): string {
    if (column === null) return "";
    const i = this.index.get(column);
    return i === undefined ? "" : (record[i] ?? "");
  }
  error(row: number, column: string, message: string): void {
    this.problems.push({ row, column, severity: "error", message });
  }
  warn(row: number, column: string, message: string): void {
    this.problems.push({ row, column, severity: "warning", message });
  }
  /**
   * Is the key that many digits? If not, the row's error says so, and (unless told not to)
   * that a spreadsheet may have dropped its leading zeros. `label` is the key's name as the
   * message starts with it ("事業所番号", "ID ").
   */
  digits(
    row: number,
    column: string,
    label: string,
    key: string,
    n: number,
    opts = { zeroHint: true },
  ): boolean {
    if (key.length === n && /^\d+$/.test(key)) return true;
    const hint = opts.zeroHint ? "表計算ソフトで先頭の0が消えていないか確かめてください。" : "";
    this.error(
      row,
      column,
      key ? `${label}は${n}桁の数字です（「${key}」）。${hint}` : `${label}が空欄です。`,
    );
    return false;
  }
  missing(required: readonly string[]): boolean {
    const missing = required.filter((c) => !this.has(c));
    if (missing.length === 0) return false;
    this.error(0, missing.join("、"), `必要な列がありません：${missing.map((c) => `「${c}」`).join("、")}`);
    return true;
  }
}

/** A file's header read into its columns, the records after it, and an empty result. */
function begin(
  table: readonly (readonly string[])[],
  format: ParsedOpenData["format"],
): { rows: Rows; records: readonly (readonly string[])[]; result: ParsedOpenData } {
  const [header = [], ...records] = table;
  const rows = new Rows(header);
  const result: ParsedOpenData = {
    format,
    scopes: [],
    entries: [],
    problems: rows.problems,
    totalRows: 0,
    areaRows: 0,
    seenKeys: [],
  };
  return { rows, records, result };
}

/** Each record that is not blank, with its row in the file (the header is row 1), counted. */
function eachRecord(
  records: readonly (readonly string[])[],
  result: ParsedOpenData,
  visit: (record: readonly string[], row: number) => void,
): void {
  records.forEach((record, i) => {
    if (record.every((c) => c.trim() === "")) return;
    result.totalRows++;
    visit(record, i + 2);
  });
}

/**
 * Coordinates of a row: both empty or 0 means none; a number outside Japan (or not a number)
 * is a warning and the entry is imported without coordinates.
 */
function coordinates(
  rows: Rows,
  row: number,
  rawLat: string,
  rawLng: string,
  columns: string,
): { lat: number | null; lng: number | null } {
  const latText = normal(rawLat);
  const lngText = normal(rawLng);
  if (latText === "" && lngText === "") return { lat: null, lng: null };
  const lat = Number(latText);
  const lng = Number(lngText);
  if (lat === 0 && lng === 0) return { lat: null, lng: null };
  if (!isInJapan(lat, lng)) {
    rows.warn(
      row,
      columns,
      `緯度・経度が日本の範囲外です（${latText || "空欄"}, ${lngText || "空欄"}）。位置なしで取り込みます。`,
    );
    return { lat: null, lng: null };
  }
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

function urlOf(rows: Rows, row: number, column: string, raw: string): string {
  const value = plain(raw);
  if (!value) return "";
  if (/^https?:\/\/[^\s]+$/i.test(value)) return value;
  if (/^www\.[^\s]+$/i.test(value)) return `https://${value}`;
  rows.warn(row, column, `URL ではないため取り込みません（「${value}」）。`);
  return "";
}

/** Does a row belong to the municipality (by its code, its name, or its address)? */
function inMunicipality(m: Municipality, code: string, pref: string, city: string, address: string): boolean {
  const c = normal(code);
  if (c && (c.padStart(6, "0") === m.lgCode || c.padStart(5, "0") === m.lgCode.slice(0, 5))) return true;
  if (city && normal(city) === m.name && (!pref || normal(pref) === m.prefecture)) return true;
  const a = normal(address);
  return a.startsWith(m.prefecture + m.name) || a.startsWith(m.name);
}

/** Days listed in 利用可能曜日 ("月,火,水" or "月火水"), as an hours table. */
function hoursOfDays(days: string, note: string): Hours {
  const hours: Hours = { ...EMPTY_HOURS, note: plain(note).slice(0, 200) };
  const text = normal(days);
  for (const d of WEEK_DAYS) {
    if (text.includes(d.label)) hours[d.id] = "利用可";
  }
  if (text.includes("祝") || text.includes("祭")) hours.hol = "利用可";
  return hours;
}

export function parseKaigo(table: readonly (readonly string[])[], m: Municipality): ParsedOpenData {
  const { rows, records, result } = begin(table, "kaigo");
  if (rows.missing(KAIGO_REQUIRED)) return result;
  const scopes = new Set<string>();
  const seen = new Map<string, number>();
  eachRecord(records, result, (record, row) => {
    const service = plain(rows.cell(record, KAIGO.service));
    if (service) scopes.add(`kaigo:${service}`);
    const address = plain(rows.cell(record, KAIGO.address));
    if (
      !inMunicipality(
        m,
        rows.cell(record, KAIGO.code),
        rows.cell(record, KAIGO.pref),
        rows.cell(record, KAIGO.city),
        address,
      )
    )
      return;
    result.areaRows++;
    const key = normal(rows.cell(record, KAIGO.key));
    if (key) result.seenKeys.push(key);
    const name = plain(rows.cell(record, KAIGO.name));
    let bad = false;
    if (!rows.digits(row, KAIGO.key, "事業所番号", key, 10)) bad = true;
    if (!name) {
      rows.error(row, KAIGO.name, "事業所名が空欄です。");
      bad = true;
    }
    if (!service) {
      rows.error(row, KAIGO.service, "サービスの種類が空欄です。");
      bad = true;
    }
    if (bad) return;
    const scope = `kaigo:${service}`;
    const dupKey = `${scope}|${key}`;
    const earlier = seen.get(dupKey);
    if (earlier !== undefined) {
      rows.error(row, KAIGO.key, `事業所番号「${key}」（${service}）が${earlier}行目と重複しています。`);
      return;
    }
    seen.set(dupKey, row);
    const { kind, subtype, services } = kindOfCareService(service);
    const capacityText = normal(rows.cell(record, KAIGO.capacity));
    const capacityNumber = Number(capacityText);
    const capacity =
      capacityText && Number.isInteger(capacityNumber) && capacityNumber > 0 ? capacityNumber : null;
    result.entries.push({
      row,
      scope,
      key,
      fields: {
        kind,
        subtype,
        name,
        kana: normal(rows.cell(record, KAIGO.kana)),
        address,
        building: plain(rows.cell(record, KAIGO.building)),
        ...coordinates(rows, row, rows.cell(record, KAIGO.lat), rows.cell(record, KAIGO.lng), "緯度・経度"),
        phone: normal(rows.cell(record, KAIGO.phone)),
        fax: normal(rows.cell(record, KAIGO.fax)),
        url: urlOf(rows, row, KAIGO.url, rows.cell(record, KAIGO.url)),
        operator: plain(rows.cell(record, KAIGO.operator)),
        capacity,
        hours: hoursOfDays(rows.cell(record, KAIGO.days), rows.cell(record, KAIGO.daysNote)),
        ...(services.length ? { services } : {}),
      },
    });
  });
  result.scopes = [...scopes].sort();
  return result;
}

export function parseIryoFacility(
  table: readonly (readonly string[])[],
  m: Municipality,
  fileName: string,
): ParsedOpenData {
  const { rows, records, result } = begin(table, "iryoFacility");
  const nameColumn = rows.first(IRYO.name);
  const required = [IRYO.id, nameColumn ?? IRYO.name[0], IRYO.address];
  if (rows.missing(required)) return result;
  const kanaColumn = rows.first(IRYO.kana);
  const urlColumn = rows.first(IRYO.url);
  const fileKind = iryoKindOfFileName(fileName) ?? (nameColumn === "名称" ? "pharmacy" : null);
  if (!rows.has(IRYO.type) && !fileKind) {
    rows.error(
      0,
      "ファイル名",
      "病院・診療所・歯科・薬局のどれのファイルか分かりません。ダウンロードしたときのファイル名のまま取り込んでください。",
    );
    return result;
  }
  const closedColumns = WEEK_DAYS.map((d) => ({
    day: d.id,
    column: rows.first(
      d.id === "hol"
        ? ["祝日に休診", "毎週決まった曜日に休診（祝）", "営業日（祝）"]
        : [`毎週決まった曜日に休診（${d.label}）`, `営業日（${d.label}）`],
    ),
  }));
  const scopes = new Set<string>();
  const seen = new Map<string, number>();
  eachRecord(records, result, (record, row) => {
    const typeCode = normal(rows.cell(record, IRYO.type));
    const kind: ResourceKind | null = typeCode
      ? (IRYO_TYPES[typeCode] ?? (typeCode === "4" ? "other" : null))
      : fileKind;
    if (kind) scopes.add(`iryo:${kind}`);
    const pref = normal(rows.cell(record, IRYO.pref));
    const city = normal(rows.cell(record, IRYO.city));
    const address = plain(rows.cell(record, IRYO.address));
    const code = pref && city ? pref.padStart(2, "0") + city.padStart(3, "0") : "";
    if (!inMunicipality(m, code, "", "", address)) return;
    result.areaRows++;
    const key = normal(rows.cell(record, IRYO.id));
    if (key) result.seenKeys.push(key);
    const name = plain(rows.cell(record, nameColumn));
    let bad = false;
    if (!rows.digits(row, IRYO.id, "ID ", key, 13)) bad = true;
    if (!name) {
      rows.error(row, nameColumn ?? IRYO.name[0], "名称が空欄です。");
      bad = true;
    }
    if (!kind) {
      rows.error(row, IRYO.type, `機関区分「${typeCode}」が分かりません。`);
      bad = true;
    }
    if (bad || !kind) return;
    const scope = `iryo:${kind}`;
    const earlier = seen.get(`${scope}|${key}`);
    if (earlier !== undefined) {
      rows.error(row, IRYO.id, `ID「${key}」が${earlier}行目と重複しています。`);
      return;
    }
    seen.set(`${scope}|${key}`, row);
    const hours: Hours = { ...EMPTY_HOURS };
    // 0 = closed that day (休診・休業), 1 = open; the times come from the hours table.
    for (const { day, column } of closedColumns) {
      if (column && normal(rows.cell(record, column)) === "0") hours[day] = "休診";
    }
    if (kind === "pharmacy") fillPharmacyHours(rows, record, hours);
    result.entries.push({
      row,
      scope,
      key,
      fields: {
        kind,
        subtype: kind === "other" ? "助産所" : "",
        name,
        kana: normal(rows.cell(record, kanaColumn)),
        address,
        ...coordinates(rows, row, rows.cell(record, IRYO.lat), rows.cell(record, IRYO.lng), "所在地座標"),
        url: urlColumn ? urlOf(rows, row, urlColumn, rows.cell(record, urlColumn)) : "",
        hours,
      },
    });
  });
  result.scopes = [...scopes].sort();
  return result;
}

/** Pharmacies list their opening hours in the facility file (月_開店時間帯1_開始時間 …). */
function fillPharmacyHours(rows: Rows, record: readonly string[], hours: Hours): void {
  for (const d of WEEK_DAYS) {
    const ranges: [string, string][] = [];
    for (let slot = 1; slot <= 4; slot++) {
      const start = time(rows.cell(record, `${d.label}_開店時間帯${slot}_開始時間`));
      const end = time(rows.cell(record, `${d.label}_開店時間帯${slot}_終了時間`));
      if (start && end && start < end) ranges.push([start, end]);
    }
    if (ranges.length) hours[d.id] = formatRanges(mergeRanges(ranges));
  }
}

/** "9:00" / "09:00" → "09:00"; anything else → null. */
function time(raw: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(normal(raw));
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${m[2]}`;
}

function mergeRanges(ranges: [string, string][]): [string, string][] {
  const sorted = [...ranges].sort((a, b) => a[0].localeCompare(b[0]));
  const out: [string, string][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = r[1] > last[1] ? r[1] : last[1];
    else out.push([r[0], r[1]]);
  }
  return out;
}

const shortTime = (t: string) => t.replace(/^0(\d)/, "$1");

function formatRanges(ranges: [string, string][]): string {
  return ranges.map(([a, b]) => `${shortTime(a)}〜${shortTime(b)}`).join("／");
}

/**
 * The hours table (診療科目ごとの診療時間): per facility and day, the union of every
 * department's consultation hours. Only the facility's `hours` change; days the facility file
 * marks closed stay closed.
 */
export function parseIryoHours(
  table: readonly (readonly string[])[],
  knownKeys?: ReadonlySet<string>,
): ParsedOpenData {
  const { rows, records, result } = begin(table, "iryoHours");
  if (rows.missing([IRYO.id])) return result;
  const byKey = new Map<string, { row: number; days: Map<WeekDay, [string, string][]> }>();
  eachRecord(records, result, (record, row) => {
    const key = normal(rows.cell(record, IRYO.id));
    if (knownKeys && !knownKeys.has(key)) return;
    result.areaRows++;
    if (!rows.digits(row, IRYO.id, "ID ", key, 13, { zeroHint: false })) return;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { row, days: new Map() };
      byKey.set(key, entry);
    }
    for (const d of WEEK_DAYS) {
      const start = time(rows.cell(record, `${d.label}_診療開始時間`));
      const end = time(rows.cell(record, `${d.label}_診療終了時間`));
      if (start && end && start < end) {
        const list = entry.days.get(d.id) ?? [];
        list.push([start, end]);
        entry.days.set(d.id, list);
      }
    }
  });
  for (const [key, { row, days }] of byKey) {
    const hours: Partial<Record<WeekDay, string>> = {};
    for (const [day, ranges] of days) hours[day] = formatRanges(mergeRanges(ranges));
    result.entries.push({ row, scope: "iryo:hours", key, fields: { hours: { ...EMPTY_HOURS, ...hours } } });
  }
  return result;
}

/** Reads a decoded, split file of any known layout. */
export function parseOpenData(
  table: readonly (readonly string[])[],
  m: Municipality,
  fileName: string,
  opts: { knownIryoKeys?: ReadonlySet<string> } = {},
): ParsedOpenData | { format: null; problems: ImportProblem[] } {
  const header = (table[0] ?? []).map((h) => h.trim());
  const format = detectFormat(header);
  const fixed = [header, ...table.slice(1)];
  if (format === "kaigo") return parseKaigo(fixed, m);
  if (format === "iryoFacility") return parseIryoFacility(fixed, m, fileName);
  if (format === "iryoHours") return parseIryoHours(fixed, opts.knownIryoKeys);
  return {
    format: null,
    problems: [
      {
        row: 1,
        column: "",
        severity: "error",
        message:
          "介護サービス情報公表システムまたは医療情報ネットのオープンデータの列が見つかりません。1行目が見出しの CSV ファイルを選んでください。",
      },
    ],
  };
}
