/**
 * /update/:token — a provider (事業所) keeps their own entry current without an account,
 * through the personal link the secretariat sent: telephone and FAX, hours, 連絡可能時間,
 * what they can do, vacancies and (hospitals) the 地域連携窓口. What they send applies at once
 * or waits for the secretariat, as the municipality chose.
 */
import type { ProviderUpdate, ProviderView } from "@tsumugi/contract";
import {
  CONTACT_METHODS,
  type ContactMethod,
  resourceKindLabel,
  SERVICE_TAGS,
  type ServiceTag,
  WEEK_DAYS,
} from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { ApiError, fieldMessage } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import "./kind-chips.css";
import { providerApi } from "./resources-api";
import "./resources.css";

type Form = Required<Omit<ProviderUpdate, "vacancy">> & { vacancy: { beds: string; note: string } };

function formOf(view: ProviderView): Form {
  const r = view.resource;
  return {
    phone: r.phone,
    fax: r.fax,
    url: r.url,
    hours: r.hours,
    services: r.services,
    contact: r.contact,
    liaison: r.liaison,
    vacancy: { beds: r.vacancy.beds === null ? "" : String(r.vacancy.beds), note: r.vacancy.note },
  };
}

export function ProviderUpdatePage() {
  const { token = "" } = useParams();
  const [view, setView] = useState<ProviderView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    providerApi(token)
      .get()
      .then((v) => {
        setView(v);
        setForm(formOf(v));
      })
      .catch((e) =>
        setError(e instanceof ApiError && e.status === 404 ? t("provider.invalid") : t("error.unknown")),
      );
  }, [token]);

  if (error && !view)
    return (
      <main className="narrow provider-page">
        <h1>{t("provider.title")}</h1>
        <ErrorBanner message={error} />
      </main>
    );
  if (!view || !form) return <p className="muted pad">{t("common.loading")}</p>;
  const r = view.resource;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  return (
    <main className="narrow provider-page" data-testid="provider-page">
      <p className="muted">
        {view.workspace.prefecture} {view.workspace.name} {t("provider.from")}
      </p>
      <h1>{t("provider.title")}</h1>
      <h2 data-testid="provider-name">
        {r.name} <span className="kind-chip">{resourceKindLabel(r.kind)}</span>
      </h2>
      <p className="muted">{r.address}</p>
      <p className="muted small">{t("provider.expires", { date: formatWarekiDate(view.expiresAt) })}</p>
      {view.pending && <p className="notice">{t("provider.pending")}</p>}
      <ErrorBanner message={error} />
      {result && (
        <p className="notice" role="status" data-testid="provider-result">
          {result}
        </p>
      )}
      <form
        className="provider-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          setFields({});
          try {
            const beds = form.vacancy.beds.trim();
            const all: ProviderUpdate = {
              ...form,
              vacancy: { beds: beds === "" ? null : Number(beds), note: form.vacancy.note },
            };
            // Only what the provider changed (restating the same vacancies is not a change).
            const before = formOf(view);
            const body = Object.fromEntries(
              Object.entries(all).filter(
                ([k, v]) =>
                  JSON.stringify(k === "vacancy" ? form.vacancy : v) !==
                  JSON.stringify(before[k as keyof Form]),
              ),
            ) as ProviderUpdate;
            const res = await providerApi(token).update(body);
            setResult(t(`provider.result.${res.status}`));
          } catch (err) {
            if (err instanceof ApiError) {
              setError(err.message);
              setFields(err.fields);
            } else setError(t("error.unknown"));
          } finally {
            setBusy(false);
          }
        }}
      >
        <fieldset>
          <legend>{t("provider.contactSection")}</legend>
          <Field label={t("resources.phone")} error={fields.phone}>
            <input
              value={form.phone}
              onChange={(e) => set("phone", e.target.value)}
              data-testid="provider-phone"
            />
          </Field>
          <Field label={t("resources.fax")} error={fields.fax}>
            <input value={form.fax} onChange={(e) => set("fax", e.target.value)} />
          </Field>
          <Field label={t("provider.url")} error={fields.url}>
            <input value={form.url} onChange={(e) => set("url", e.target.value)} inputMode="url" />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t("resources.hours")}</legend>
          <div className="provider-hours">
            {WEEK_DAYS.map((d) => (
              <Field key={d.id} label={d.label} error={fields[`hours.${d.id}`]}>
                <input
                  value={form.hours[d.id]}
                  onChange={(e) => set("hours", { ...form.hours, [d.id]: e.target.value })}
                  placeholder="9:00〜17:00"
                />
              </Field>
            ))}
          </div>
          <Field label={t("provider.note")} error={fields["hours.note"]}>
            <input
              value={form.hours.note}
              onChange={(e) => set("hours", { ...form.hours, note: e.target.value })}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>
            {t("resources.contact")} <span className="badge">{t("resources.professionalOnly")}</span>
          </legend>
          <Field label={t("provider.contactHours")} error={fields["contact.hours"]}>
            <input
              value={form.contact.hours}
              onChange={(e) => set("contact", { ...form.contact, hours: e.target.value })}
              data-testid="provider-contact-hours"
            />
          </Field>
          <div className="checks">
            {CONTACT_METHODS.map((m) => (
              <label key={m.id}>
                <input
                  type="checkbox"
                  checked={form.contact.methods.includes(m.id)}
                  onChange={(e) =>
                    set("contact", {
                      ...form.contact,
                      methods: toggled(form.contact.methods, m.id, e.target.checked) as ContactMethod[],
                    })
                  }
                />{" "}
                {m.label}
              </label>
            ))}
          </div>
          <Field label={t("provider.note")} error={fields["contact.note"]}>
            <input
              value={form.contact.note}
              onChange={(e) => set("contact", { ...form.contact, note: e.target.value })}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t("resources.filter.service")}</legend>
          <div className="checks">
            {SERVICE_TAGS.map((s) => (
              <label key={s.id}>
                <input
                  type="checkbox"
                  checked={form.services.includes(s.id)}
                  onChange={(e) =>
                    set("services", toggled(form.services, s.id, e.target.checked) as ServiceTag[])
                  }
                />{" "}
                {s.label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>
            {t("resources.vacancy")} <span className="badge">{t("resources.professionalOnly")}</span>
          </legend>
          <Field label={t("provider.beds")} error={fields["vacancy.beds"]}>
            <input
              value={form.vacancy.beds}
              inputMode="numeric"
              onChange={(e) => set("vacancy", { ...form.vacancy, beds: e.target.value })}
              data-testid="provider-beds"
            />
          </Field>
          <Field label={t("provider.note")} error={fields["vacancy.note"]}>
            <input
              value={form.vacancy.note}
              onChange={(e) => set("vacancy", { ...form.vacancy, note: e.target.value })}
            />
          </Field>
        </fieldset>
        {r.kind === "hospital" && (
          <fieldset>
            <legend>
              {t("resources.liaison")} <span className="badge">{t("resources.professionalOnly")}</span>
            </legend>
            {(["department", "phone", "fax", "email", "hours", "note"] as const).map((k) => (
              <Field key={k} label={t(`provider.liaison.${k}`)} error={fields[`liaison.${k}`]}>
                <input
                  value={form.liaison[k]}
                  onChange={(e) => set("liaison", { ...form.liaison, [k]: e.target.value })}
                />
              </Field>
            ))}
          </fieldset>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="provider-submit">
          {t("provider.submit")}
        </button>
        {Object.keys(fields).length > 0 && <p className="field-error">{fieldMessage("format")}</p>}
      </form>
    </main>
  );
}

function toggled<T extends string>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}
