/** Recording or correcting one 配布物 record: kind, title, copies, where, the day or month, the event. */
import type { Distribution, Event, SaveDistribution } from "@tsumugi/contract";
import { currentFiscalYear, formatIsoDate, MATERIAL_KIND_IDS, type MaterialKind } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";

export const kindLabel = (k: string) => t(`materialKind.${k}` as MessageKey);

export interface FormValues {
  kind: string;
  title: string;
  quantity: string;
  where: string;
  monthOnly: boolean;
  distributedOn: string;
  eventId: string;
  note: string;
}

export const emptyForm = (fy: number): FormValues => {
  // A date inside the 年度 shown, so a record is not saved into another one by accident.
  const today = new Date().toISOString().slice(0, 10);
  const inYear = currentFiscalYear() === fy ? today : `${fy}-04-01`;
  return {
    kind: "",
    title: "",
    quantity: "",
    where: "",
    monthOnly: false,
    distributedOn: inYear,
    eventId: "",
    note: "",
  };
};

export const formOf = (d: Distribution): FormValues => ({
  kind: d.kind,
  title: d.title,
  quantity: String(d.quantity),
  where: d.where,
  monthOnly: d.distributedOn.length === 7,
  distributedOn: d.distributedOn,
  eventId: d.eventId ?? "",
  note: d.note,
});

function bodyOf(v: FormValues): SaveDistribution {
  const n = Number(v.quantity.replace(/[,，]/g, ""));
  return {
    kind: v.kind as MaterialKind,
    title: v.title,
    quantity: v.quantity.trim() === "" || !Number.isFinite(n) ? Number.NaN : n,
    where: v.where,
    distributedOn: v.distributedOn,
    eventId: v.eventId || null,
    note: v.note,
  };
}

export function DistributionForm(props: {
  events: Event[];
  initial: FormValues;
  submitLabel: string;
  testId: string;
  onSaved(body: SaveDistribution): Promise<void>;
  onCancel?(): void;
  resetAfterSave?: boolean;
}) {
  const [v, setV] = useState<FormValues>(props.initial);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FormValues>(k: K, value: FormValues[K]) => setV((x) => ({ ...x, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    setFields({});
    try {
      await props.onSaved(bodyOf(v));
      if (props.resetAfterSave) {
        setSaved(t("outreach.saved", { title: v.title }));
        // Kind, place and date stay for the next record of the same handout.
        setV((x) => ({ ...x, title: "", quantity: "", note: "" }));
      }
    } catch (err) {
      if (err instanceof ApiError) {
        setFields(err.fields);
        setError(Object.keys(err.fields).length > 0 ? t("outreach.checkFields") : err.message);
      } else setError(String(err));
    } finally {
      setBusy(false);
    }
  };

  // Events near the date first: the handout at a lecture is recorded on its day.
  const events = [...props.events].sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  return (
    <form className="form-grid distribution-form" onSubmit={submit} noValidate data-testid={props.testId}>
      <div className="wide-field">
        <ErrorBanner message={error} />
        {saved && (
          <p className="notice small" role="status">
            {saved}
          </p>
        )}
      </div>
      <Field label={t("outreach.kind")} error={fields.kind}>
        <select value={v.kind} onChange={(e) => set("kind", e.target.value)} data-testid="distribution-kind">
          <option value="">{t("events.choose")}</option>
          {MATERIAL_KIND_IDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("outreach.title")} error={fields.title}>
        <input
          value={v.title}
          maxLength={100}
          onChange={(e) => set("title", e.target.value)}
          placeholder={t("outreach.titlePlaceholder")}
          data-testid="distribution-title"
        />
      </Field>
      <Field label={t("outreach.quantityCopies")} error={fields.quantity}>
        <input
          type="text"
          inputMode="numeric"
          value={v.quantity}
          onChange={(e) => set("quantity", e.target.value)}
          className="count-input"
          data-testid="distribution-quantity"
        />
      </Field>
      <Field label={t("outreach.where")} error={fields.where}>
        <input
          value={v.where}
          maxLength={200}
          onChange={(e) => set("where", e.target.value)}
          placeholder={t("outreach.wherePlaceholder")}
          data-testid="distribution-where"
        />
      </Field>
      <div className="distribution-when">
        <Field label={v.monthOnly ? t("outreach.month") : t("outreach.date")} error={fields.distributedOn}>
          <input
            type={v.monthOnly ? "month" : "date"}
            value={v.distributedOn}
            onChange={(e) => set("distributedOn", e.target.value)}
            data-testid="distribution-date"
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={v.monthOnly}
            onChange={(e) =>
              setV((x) => ({
                ...x,
                monthOnly: e.target.checked,
                distributedOn: e.target.checked
                  ? x.distributedOn.slice(0, 7)
                  : x.distributedOn.length === 7
                    ? `${x.distributedOn}-01`
                    : x.distributedOn,
              }))
            }
            data-testid="distribution-month-only"
          />
          {t("outreach.monthOnly")}
        </label>
      </div>
      <Field label={t("outreach.eventOptional")} error={fields.eventId}>
        <select
          value={v.eventId}
          onChange={(e) => set("eventId", e.target.value)}
          data-testid="distribution-event"
        >
          <option value="">{t("outreach.noEvent")}</option>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {formatIsoDate(e.startsAt.slice(0, 10), { weekday: false })} {e.title}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("outreach.note")} error={fields.note}>
        <input
          value={v.note}
          maxLength={500}
          onChange={(e) => set("note", e.target.value)}
          data-testid="distribution-note"
        />
      </Field>
      <div className="form-actions wide-field">
        <button type="submit" disabled={busy} data-testid="distribution-save">
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="link" onClick={props.onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
