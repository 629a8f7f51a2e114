/**
 * The professionals' 連絡可能時間一覧表 and 病院連携窓口一覧表: printable, and as Excel from the
 * server.
 */
import type { Resource } from "@tsumugi/contract";
import type { ProfessionalTable } from "@tsumugi/domain";
import { t } from "../i18n/t";
import { fieldsOf } from "./ResourceCard";

/** The active entries, in the shape the domain's tables read. */
export function tableEntries(resources: readonly Resource[]) {
  return resources
    .filter((r) => r.status === "active")
    .map((r) => ({ id: r.id, status: r.status, fields: fieldsOf(r) }));
}

export function ProfessionalTableView(props: { table: ProfessionalTable; excel: string; testid: string }) {
  const { table } = props;
  return (
    <div className="professional-table" data-testid={`table-${props.testid}`}>
      <div className="toolbar no-print">
        <button type="button" onClick={() => window.print()} data-testid="resources-print">
          {t("resources.print")}
        </button>
        <a className="button" href={props.excel} download data-testid="resources-excel">
          {t("resources.excel")}
        </a>
      </div>
      <h2>{table.title}</h2>
      <p className="muted small">{t("resources.tableNote")}</p>
      {table.groups.length === 0 && <p className="muted">{t("resources.tableEmpty")}</p>}
      {table.groups.map((g) => (
        <div key={g.label} className="table-scroll">
          <table className="grid-table">
            <caption>{g.label}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.rows.map((row) => (
                <tr key={row.id}>
                  {row.cells.map((cell, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed per table
                    <td key={i} data-label={table.columns[i]}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
