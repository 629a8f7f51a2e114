/**
 * Excel out and in: the whole plan as a workbook in the layouts users file (PlanExportDialog),
 * and a problem or action table read back from .xlsx/CSV with a preview and a row-by-row error
 * report (PlanImportDialog); nothing is written until the user confirms a file without errors.
 * The spreadsheet code loads only when used.
 */
import { useState } from "react";
import { t } from "../i18n/t";
import { ExportDialog } from "./PlanExportDialog";
import { ImportDialog } from "./PlanImportDialog";
import { type PlanView, usePlanContext } from "./plan-context";

export function PlanTransfer({ view }: { view: PlanView }) {
  const ctx = usePlanContext();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  return (
    <div className="transfer no-print">
      <button type="button" onClick={() => setExporting(true)} data-testid="plan-export">
        {t("plan.export")}
      </button>
      {ctx.editable && (
        <button type="button" onClick={() => setImporting(true)} data-testid="plan-import">
          {t("plan.import")}
        </button>
      )}
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {importing && (
        <ImportDialog
          initialKind={view === "problems" ? "problems" : "actions"}
          onClose={() => setImporting(false)}
        />
      )}
    </div>
  );
}
