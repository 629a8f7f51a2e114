/**
 * 「Excel/CSV から取り込む」: a problem or action table, or a multi-year table (seed 004), read
 * from .xlsx/CSV into a preview with a row-by-row error report; written into the plan only
 * when the user confirms a file without errors.
 */
import type { Action, Problem } from "@tsumugi/domain";
import type { ImportPreview, YearTablePreview } from "@tsumugi/plan-io";
import { useState } from "react";
import { isChunkLoadError } from "../app/lazy";
import { t } from "../i18n/t";
import { readWorkbookInWorker } from "../import/read-workbook";
import { importErrorText } from "../ui/import-errors";
import { ImportIssues } from "./ImportIssues";
import { usePlanContext } from "./plan-context";
import { applyImport, applyYearTable } from "./plan-edits";
import { YearTablePreviewView, yearCanApply } from "./YearTablePreview";

export type ImportKind = "actions" | "problems" | "years";

export function ImportDialog({ initialKind, onClose }: { initialKind: ImportKind; onClose(): void }) {
  const ctx = usePlanContext();
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [preview, setPreview] = useState<ImportPreview<Action> | ImportPreview<Problem> | null>(null);
  const [yearPreview, setYearPreview] = useState<YearTablePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const read = async (file: File, as: ImportKind) => {
    setPreview(null);
    setYearPreview(null);
    setDone(null);
    setError(null);
    try {
      const io = await import("@tsumugi/plan-io");
      if (file.size > io.IMPORT_LIMITS.fileBytes) throw new io.ImportLimitError("fileTooLarge");
      const rows = /\.csv$/i.test(file.name)
        ? io.readCsvRows(io.decodeCsv(await file.arrayBuffer()))
        : await readWorkbookInWorker(await file.arrayBuffer(), as);
      if (as === "years") {
        setYearPreview(
          io.parseYearTable(rows, {
            fiscalYear: ctx.info.fiscalYear,
            existing: ctx.store.rows("actions").map((a) => ({ id: a.id, title: a.title, items: a.items })),
          }),
        );
        return;
      }
      const importCtx = {
        groups: ctx.groups,
        members: ctx.members,
        existingIds: new Set(
          (as === "actions" ? ctx.store.rows("actions") : ctx.store.rows("problems")).map((r) => r.id),
        ),
      };
      setPreview(
        as === "actions" ? io.parseActionRows(rows, importCtx) : io.parseProblemRows(rows, importCtx),
      );
    } catch (err) {
      // The reader's code is fetched on first use: offline, before any use, it cannot be.
      setError(isChunkLoadError(err) ? t("lazy.excelUnavailable") : importErrorText(err));
    }
  };
  const [file, setFile] = useState<File | null>(null);

  const confirmYears = () => {
    if (!yearPreview || yearPreview.issues.length > 0) return;
    const result = applyYearTable(ctx.doc, ctx.store.rows("actions"), yearPreview);
    setDone(t("import.years.done", { notes: result.notes, added: result.added, updated: result.updated }));
    setYearPreview(null);
  };

  const confirm = () => {
    if (kind === "years") return confirmYears();
    if (!preview || preview.issues.length > 0) return;
    const existing = kind === "actions" ? ctx.store.rows("actions") : ctx.store.rows("problems");
    const result = applyImport(
      ctx.doc,
      kind,
      existing,
      preview.rows.map((r) => ({ id: r.id, values: r.values as Record<string, unknown> })),
    );
    setDone(t("import.done", { count: result.added + result.updated }));
    setPreview(null);
  };

  const added = preview?.rows.filter((r) => r.id === null).length ?? 0;
  const updated = (preview?.rows.length ?? 0) - added;
  return (
    <div className="dialog-backdrop">
      <dialog open className="dialog wide-dialog" aria-label={t("import.title")} data-testid="import-dialog">
        <h2>{t("import.title")}</h2>
        <div className="inline-form">
          <label>
            {t("import.kind")}
            <select
              value={kind}
              data-testid="import-kind"
              onChange={(e) => {
                const k = e.target.value as ImportKind;
                setKind(k);
                if (file) void read(file, k);
              }}
            >
              <option value="actions">{t("import.kind.actions")}</option>
              <option value="problems">{t("import.kind.problems")}</option>
              <option value="years">{t("import.kind.years")}</option>
            </select>
          </label>
          <label>
            {t("import.file")}
            <input
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="import-file"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                if (f) void read(f, kind);
              }}
            />
          </label>
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="import-failed">
            {error}
          </p>
        )}
        {done && (
          <p className="notice" data-testid="import-done">
            {done}
          </p>
        )}
        {preview?.noHeader && (
          <p className="field-error" role="alert" data-testid="import-no-header">
            {t("import.noHeader", { title: t(kind === "actions" ? "plan.actions" : "plan.problems") })}
          </p>
        )}
        {preview && !preview.noHeader && (
          <>
            <ImportIssues issues={preview.issues} />
            <p>{t("import.summary", { added, updated })}</p>
            <table className="grid-table" data-testid="import-preview">
              <thead>
                <tr>
                  <th>{t("import.row", { row: "" })}</th>
                  <th />
                  <th>{t("plan.col.title")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.row} className={preview.issues.some((i) => i.row === r.row) ? "has-error" : ""}>
                    <td>{r.row}</td>
                    <td>{r.id ? t("import.update") : t("import.add")}</td>
                    <td>{String((r.values as { title?: string }).title ?? "")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.rows.length === 0 && <p className="muted">{t("import.nothing")}</p>}
          </>
        )}
        {yearPreview && <YearTablePreviewView preview={yearPreview} />}
        <div className="row">
          <button
            type="button"
            onClick={confirm}
            disabled={
              kind === "years"
                ? !yearCanApply(yearPreview)
                : !preview || preview.noHeader || preview.issues.length > 0 || preview.rows.length === 0
            }
            data-testid="import-confirm"
          >
            {kind === "years"
              ? t("import.years.confirm")
              : t("import.confirm", { count: preview?.rows.length ?? 0 })}
          </button>
          <button type="button" className="link" onClick={onClose} data-testid="import-close">
            {t("common.cancel")}
          </button>
        </div>
      </dialog>
    </div>
  );
}
