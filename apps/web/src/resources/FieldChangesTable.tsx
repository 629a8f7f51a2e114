/**
 * A change to an entry's fields, field by field (before and after, as officials read the
 * values): the import's preview and the providers' update requests.
 */
import {
  type ContactMethod,
  contactMethodLabel,
  type Hours,
  hoursSummary,
  isServiceTag,
  serviceTagLabel,
} from "@tsumugi/domain";
import { t } from "../i18n/t";

export const FIELD_LABELS: Record<string, string> = {
  kind: "種別",
  subtype: "サービス・種類",
  name: "名称",
  kana: "フリガナ",
  address: "住所",
  building: "方書",
  lat: "緯度",
  lng: "経度",
  areaId: "日常生活圏域",
  phone: "電話番号",
  fax: "FAX番号",
  url: "ホームページ",
  hours: "営業・診療時間",
  services: "できること",
  homeCareSupport: "在宅療養支援",
  capacity: "定員",
  operator: "運営法人",
  status: "状態",
  contact: "連絡可能時間",
  liaison: "地域連携窓口",
  vacancy: "空き状況",
};

/** A field's value as officials read it (labels, not codes). */
export function shown(value: unknown, field = ""): string {
  if (value === null || value === undefined || value === "") return "（なし）";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "あり" : "なし";
  if (Array.isArray(value))
    return value
      .map((v) => (field === "services" && isServiceTag(v) ? serviceTagLabel(v) : String(v)))
      .join("・");
  const o = value as Record<string, unknown>;
  if (field === "hours") return hoursSummary(o as unknown as Hours) || "（なし）";
  if (field === "contact") {
    const methods = ((o.methods as ContactMethod[] | undefined) ?? []).map(contactMethodLabel).join("・");
    return [o.hours, methods && `（${methods}）`, o.note].filter(Boolean).join(" ") || "（なし）";
  }
  if (field === "vacancy")
    return (
      [o.beds === null || o.beds === undefined ? "" : `空き ${o.beds}床`, o.note].filter(Boolean).join(" ") ||
      "（なし）"
    );
  return (
    Object.entries(o)
      .filter(([k, v]) => v !== "" && v !== null && k !== "updatedAt")
      .map(([, v]) => String(v))
      .join(" ") || "（なし）"
  );
}

export function FieldChangesTable(props: {
  changes: readonly { field: string; before: unknown; after: unknown; kept?: boolean }[];
  /** The heading of the new values' column (ファイル, 変更後). */
  after: string;
}) {
  return (
    <div className="table-scroll">
      <table className="grid-table">
        <thead>
          <tr>
            <th scope="col">{t("resources.change.field")}</th>
            <th scope="col">{t("resources.import.before")}</th>
            <th scope="col">{props.after}</th>
          </tr>
        </thead>
        <tbody>
          {props.changes.map((ch) => (
            <tr key={ch.field} className={ch.kept ? "kept" : ""}>
              <th scope="row">{FIELD_LABELS[ch.field] ?? ch.field}</th>
              <td>{shown(ch.before, ch.field)}</td>
              <td>
                {shown(ch.after, ch.field)}
                {ch.kept && <span className="badge">{t("resources.import.keptMark")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
