/**
 * Values imported from a CSV or Excel file (checked by the server first: each row's problem is
 * shown and nothing is written until all are right), and the exports.
 */

import type { IndicatorImportResult } from "@tsumugi/contract";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { readWorkbookInWorker } from "../import/read-workbook";
import { ErrorBanner } from "../ui/Field";
import { importErrorText } from "../ui/import-errors";
import { indicatorsApi } from "./indicators-api";

export function IndicatorImport({ wid, onDone }: { wid: string; onDone(): Promise<void> }) {
  const [rows, setRows] = useState<unknown[][] | null>(null);
  const [preview, setPreview] = useState<IndicatorImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const server = indicatorsApi(wid);

  const read = async (file: File) => {
    setPreview(null);
    setError(null);
    try {
      const io = await import("@tsumugi/plan-io");
      if (file.size > io.IMPORT_LIMITS.fileBytes) throw new io.ImportLimitError("fileTooLarge");
      const cells = /\.csv$/i.test(file.name)
        ? io.readCsvRows(io.decodeCsv(await file.arrayBuffer()))
        : await readWorkbookInWorker(await file.arrayBuffer(), "actions");
      const plain = cells.map((r) => r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)));
      setRows(plain);
      setPreview(await server.importValues({ dryRun: true, rows: plain }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : importErrorText(err));
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!rows) return;
    const res = await server.importValues({ dryRun: false, rows });
    setPreview(res);
    await onDone();
  };
  return (
    <form className="card" onSubmit={confirm} data-testid="indicator-import">
      <p className="muted">{t("indicators.importHint")}</p>
      <label className="inline-field">
        {t("import.file")}
        <input
          type="file"
          accept=".csv,.xlsx"
          data-testid="indicator-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void read(f);
          }}
        />
      </label>
      <div className="row export-links">
        <a href={server.exportUrl} data-testid="indicator-export">
          {t("indicators.export")}
        </a>
        <a href={server.definitionsUrl} data-testid="indicator-export-definitions">
          {t("indicators.exportDefinitions")}
        </a>
      </div>
      <ErrorBanner message={error} />
      {preview?.noHeader && <p className="field-error">{t("indicators.noHeader")}</p>}
      {preview && preview.issues.length > 0 && (
        <div className="preview-errors" role="alert" data-testid="indicator-import-errors">
          <p>{t("import.errors", { count: preview.issues.length })}</p>
          <ul>
            {preview.issues.map((i) => (
              <li key={`${i.row}-${i.column}-${i.code}`} data-testid="indicator-import-error">
                {t("import.row", { row: i.row })}　{i.column}：{t(`indicators.error.${i.code}` as MessageKey)}
                {i.value && `（「${i.value}」）`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && preview.written > 0 && (
        <p className="notice">{t("import.done", { count: preview.written })}</p>
      )}
      {preview && !preview.noHeader && preview.written === 0 && (
        <button
          type="submit"
          disabled={preview.issues.length > 0 || preview.rows.length === 0}
          data-testid="indicator-import-confirm"
        >
          {t("import.confirm", { count: preview.rows.length })}
        </button>
      )}
    </form>
  );
}
