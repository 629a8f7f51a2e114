/** What a multi-year table (seed 004) would bring into this year's plan, before anything is written. */
import { fiscalYearLabel, fundingMark, itemMark } from "@tsumugi/domain";
import type { YearTablePreview } from "@tsumugi/plan-io";
import { t } from "../i18n/t";
import { ImportIssues } from "./ImportIssues";
import { usePlanContext } from "./plan-context";

export const yearCanApply = (p: YearTablePreview | null): boolean =>
  p !== null &&
  !p.noHeader &&
  p.issues.length === 0 &&
  (p.notes.length > 0 || (p.hasYear && p.actions.length > 0));

/** What a multi-year table (seed 004) would bring into this year's plan, before anything is written. */
export function YearTablePreviewView({ preview }: { preview: YearTablePreview }) {
  const ctx = usePlanContext();
  if (preview.noHeader) {
    return (
      <p className="field-error" role="alert" data-testid="import-no-header">
        {t("import.years.noHeader")}
      </p>
    );
  }
  return (
    <div data-testid="year-import-preview">
      <ImportIssues issues={preview.issues} />
      <p>
        {t("import.years.found", {
          years: preview.years.map(fiscalYearLabel).join("、"),
          notes: preview.notes.length,
        })}
      </p>
      {!preview.hasYear && (
        <p className="notice" role="status" data-testid="import-years-missing">
          {t("import.years.noColumn", { year: fiscalYearLabel(ctx.info.fiscalYear) })}
        </p>
      )}
      {preview.hasYear && (
        <p>
          {t("import.years.actions", {
            year: fiscalYearLabel(ctx.info.fiscalYear),
            added: preview.actions.filter((a) => !a.existingId).length,
            updated: preview.actions.filter((a) => a.existingId).length,
          })}
        </p>
      )}
      {preview.otherYears.length > 0 && (
        <p className="muted">
          {t("import.years.others", {
            years: preview.otherYears.map((y) => `${fiscalYearLabel(y.fiscalYear)} ${y.count}件`).join("、"),
          })}
        </p>
      )}
      {preview.actions.length > 0 && (
        <table className="grid-table" data-testid="import-preview">
          <thead>
            <tr>
              <th>{t("import.row", { row: "" })}</th>
              <th />
              <th>{t("plan.col.items")}</th>
              <th>{t("plan.col.title")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.actions.map((a) => (
              <tr key={`${a.row}-${a.item}-${a.title}`}>
                <td>{a.row}</td>
                <td>{a.existingId ? t("import.years.addItem") : t("import.add")}</td>
                <td>{itemMark(a.item)}</td>
                <td>
                  {fundingMark(a.fundingSource)}
                  {a.title}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
