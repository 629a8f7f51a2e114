/**
 * 配布物 (printed materials handed out) of a 年度: 情報紙 全戸配布, チラシ, ACP冊子 … — the totals
 * per kind, the records by date, and recording, correcting and deleting one. The indicator
 * 啓発資材 配布部数 is counted from these records.
 */
import type { Distribution, DistributionList, Event, SaveDistribution } from "@tsumugi/contract";
import {
  currentFiscalYear,
  fiscalYearLabel,
  formatIsoDate,
  formatMonthOrDate,
  MATERIAL_KIND_IDS,
  type MaterialKind,
} from "@tsumugi/domain";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { type EventsApi, eventsApi } from "./events-api";
import "../ui/table-scroll.css";
import "./distributions.css";

const kindLabel = (k: string) => t(`materialKind.${k}` as MessageKey);
const number = (n: number) => n.toLocaleString("ja-JP");

interface FormValues {
  kind: string;
  title: string;
  quantity: string;
  where: string;
  monthOnly: boolean;
  distributedOn: string;
  eventId: string;
  note: string;
}

const emptyForm = (fy: number): FormValues => {
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

const formOf = (d: Distribution): FormValues => ({
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

export function DistributionsView({ wid, data }: { wid: string; data: WorkspaceData }) {
  const [params, setParams] = useSearchParams();
  const current = currentFiscalYear();
  const fy = Number(params.get("fy")) || current;
  const api = eventsApi(wid);
  const [list, setList] = useState<DistributionList | null>(null);
  const [events, setEvents] = useState<Event[]>([]);
  const [years, setYears] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Distribution | null>(null);
  const mayRecord = Boolean(data.detail.can["outreach.record"]);

  const load = useCallback(async () => {
    try {
      const api = eventsApi(wid);
      const [year, all] = await Promise.all([api.distributions(fy), api.list()]);
      setList(year);
      setEvents(all.events.filter((e) => !e.cohost));
      setYears([...new Set(all.events.map((e) => e.fiscalYear))]);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [wid, fy]);
  useEffect(() => {
    void load();
  }, [load]);

  const choices = [...new Set([...years, current - 1, current, current + 1, fy])].sort((a, b) => a - b);
  const setYear = (y: number) => {
    const next = new URLSearchParams(params);
    next.set("fy", String(y));
    setParams(next);
    setEditing(null);
  };
  const total = list?.totals.reduce((n, x) => n + x.quantity, 0) ?? 0;

  return (
    <div className="distributions" data-testid="distributions-view">
      <ErrorBanner message={error} />
      <div className="row">
        <label>
          {t("events.year")}{" "}
          <select
            value={fy}
            onChange={(e) => setYear(Number(e.target.value))}
            data-testid="distributions-year"
          >
            {choices.map((y) => (
              <option key={y} value={y}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t("outreach.help")}</p>

      {list && (
        <section className="card distribution-totals" aria-labelledby="distribution-totals-title">
          <h2 id="distribution-totals-title">{t("outreach.totals", { year: fiscalYearLabel(fy) })}</h2>
          {list.totals.length === 0 ? (
            <p className="muted" data-testid="distributions-empty">
              {t("outreach.empty")}
            </p>
          ) : (
            <table className="grid-table totals-table" data-testid="distribution-totals">
              <thead>
                <tr>
                  <th scope="col">{t("outreach.kind")}</th>
                  <th scope="col">{t("outreach.quantity")}</th>
                  <th scope="col">{t("outreach.entries")}</th>
                </tr>
              </thead>
              <tbody>
                {list.totals.map((x) => (
                  <tr key={x.kind}>
                    <th scope="row">{kindLabel(x.kind)}</th>
                    <td className="num">{t("outreach.copies", { n: number(x.quantity) })}</td>
                    <td className="num">{t("outreach.entriesN", { n: x.entries })}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("outreach.total")}</th>
                  <td className="num" data-testid="distribution-total">
                    {t("outreach.copies", { n: number(total) })}
                  </td>
                  <td className="num">{t("outreach.entriesN", { n: list.distributions.length })}</td>
                </tr>
              </tfoot>
            </table>
          )}
        </section>
      )}

      {list && list.distributions.length > 0 && (
        <div className="table-scroll">
          <table className="grid-table distribution-table" data-testid="distribution-rows">
            <caption className="distribution-caption">
              {t("outreach.listCaption", { year: fiscalYearLabel(fy) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("outreach.date")}</th>
                <th scope="col">{t("outreach.kind")}</th>
                <th scope="col">{t("outreach.title")}</th>
                <th scope="col">{t("outreach.quantity")}</th>
                <th scope="col">{t("outreach.where")}</th>
                <th scope="col">{t("outreach.event")}</th>
                <th scope="col">{t("outreach.note")}</th>
                {mayRecord && <th scope="col">{t("outreach.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.distributions.map((d) => (
                <tr key={d.id} data-testid="distribution-row">
                  <td className="nowrap" data-label={t("outreach.date")}>
                    {formatMonthOrDate(d.distributedOn)}
                  </td>
                  <td className="nowrap" data-label={t("outreach.kind")}>
                    {kindLabel(d.kind)}
                  </td>
                  <th scope="row" className="distribution-title">
                    {d.title}
                  </th>
                  <td className="num" data-label={t("outreach.quantity")}>
                    {t("outreach.copies", { n: number(d.quantity) })}
                  </td>
                  <td className="long-text" data-label={t("outreach.where")}>
                    {d.where}
                  </td>
                  <td className="long-text" data-label={t("outreach.event")}>
                    {d.eventTitle ?? "—"}
                  </td>
                  <td className="long-text muted small" data-label={t("outreach.note")}>
                    {d.note}
                  </td>
                  {mayRecord && (
                    <td className="nowrap">
                      {d.abilities.update && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => setEditing(d)}
                          aria-label={t("outreach.editOne", { title: d.title })}
                        >
                          {t("outreach.edit")}
                        </button>
                      )}{" "}
                      {d.abilities.delete && (
                        <button
                          type="button"
                          className="link danger"
                          aria-label={t("outreach.deleteOne", { title: d.title })}
                          onClick={() => {
                            if (!window.confirm(t("outreach.confirmDelete", { title: d.title }))) return;
                            api
                              .removeDistribution(d.id)
                              .then(() => {
                                if (editing?.id === d.id) setEditing(null);
                                return load();
                              })
                              .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
                          }}
                        >
                          {t("common.delete")}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {mayRecord && list && editing && (
        <section className="card" aria-labelledby="distribution-edit-title">
          <h2 id="distribution-edit-title">{t("outreach.editTitle", { title: editing.title })}</h2>
          <DistributionForm
            key={editing.id}
            api={api}
            events={events}
            initial={formOf(editing)}
            submitLabel={t("common.save")}
            testId="distribution-edit-form"
            onCancel={() => setEditing(null)}
            onSaved={async (body) => {
              await api.updateDistribution(editing.id, body);
              setEditing(null);
              await load();
            }}
          />
        </section>
      )}
      {mayRecord && list && !editing && (
        <details className="card new-distribution">
          <summary data-testid="distribution-new">{t("outreach.new")}</summary>
          <DistributionForm
            key={`new-${fy}`}
            api={api}
            events={events}
            initial={emptyForm(fy)}
            submitLabel={t("outreach.add")}
            testId="distribution-form"
            onSaved={async (body) => {
              await api.addDistribution(body);
              await load();
            }}
            resetAfterSave
          />
        </details>
      )}
    </div>
  );
}

function DistributionForm(props: {
  api: EventsApi;
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
