/**
 * An export of the desk's records or statistics (CSV or xlsx) for a 年度: a reason is required,
 * and the server records who exported what and why.
 */
import { EXPORT_REASONS } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { t } from "../i18n/t";
import { downloadBlob } from "../indicators/TrendChart";
import { ErrorBanner, Field } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import type { DeskApi } from "./desk-api";

export function DeskExportForm(props: { api: DeskApi; fiscalYear: number }) {
  const [kind, setKind] = useState<"statistics" | "records">("statistics");
  const [format, setFormat] = useState<"csv" | "xlsx">("xlsx");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const form = useApiForm();
  function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!reason) {
      form.setFields({ reason: "required" });
      return;
    }
    void form.run(async () => {
      const file = await props.api.exportFile({
        kind,
        format,
        fiscalYear: props.fiscalYear,
        reason: reason as never,
        note,
      });
      downloadBlob(file.blob, file.name);
    });
  }
  return (
    <form className="desk-export" onSubmit={submit} data-testid="desk-export">
      <h4>{t("desk.export.title")}</h4>
      <ErrorBanner message={form.error} />
      <Field label={t("desk.export.kind")}>
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as "statistics" | "records")}
          data-testid="export-kind"
        >
          <option value="statistics">{t("desk.export.kind.statistics")}</option>
          <option value="records">{t("desk.export.kind.records")}</option>
        </select>
      </Field>
      <Field label={t("desk.export.format")}>
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as "csv" | "xlsx")}
          data-testid="export-format"
        >
          <option value="xlsx">Excel（.xlsx）</option>
          <option value="csv">CSV</option>
        </select>
      </Field>
      <Field label={t("desk.export.reason")} error={form.fields.reason}>
        <select value={reason} onChange={(e) => setReason(e.target.value)} data-testid="export-reason">
          <option value="">—</option>
          {EXPORT_REASONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("desk.export.note")} error={form.fields.note}>
        <input
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.target.value)}
          data-testid="export-note"
        />
      </Field>
      <p className="muted small">{t("desk.export.logged")}</p>
      <button type="submit" data-testid="export-button">
        {t("desk.export.button")}
      </button>
    </form>
  );
}
