/**
 * /p/:lg/lecture-request — a residents' group asks for a 出前講座, without an account, on a
 * phone first: the group, a topic from the municipality's menu or its own, up to three wished
 * dates, how many people, where, and whom to call back. Each wrong field says why in Japanese
 * and keeps what was typed; a stale or too-fast form is sent again with a fresh token. The
 * answer is the 受付番号, shown on a confirmation page with what was sent.
 */
import type { PublicRequestPage as FormPage, PublicRequest, WishedDate } from "@tsumugi/contract";
import { formatIsoDate, todayInJapan } from "@tsumugi/domain";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, fieldMessage } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { publicRequestApi } from "./public-request-api";
import "./public-events.css";

const SLOTS: WishedDate["slot"][] = ["am", "pm", "evening", "any"];
const OTHER = "__other__";

interface Values {
  groupName: string;
  topicChoice: string;
  topicFree: string;
  dates: { date: string; slot: WishedDate["slot"] }[];
  people: string;
  place: string;
  contactName: string;
  contact: string;
  message: string;
  consent: boolean;
  website: string;
}

const EMPTY: Values = {
  groupName: "",
  topicChoice: "",
  topicFree: "",
  dates: [
    { date: "", slot: "pm" },
    { date: "", slot: "pm" },
    { date: "", slot: "pm" },
  ],
  people: "",
  place: "",
  contactName: "",
  contact: "",
  message: "",
  consent: false,
  website: "",
};

/** The rows sent as wishes: the first always (it is required), the others when a date is chosen. */
const sentRows = (v: Values) =>
  v.dates.map((d, i) => ({ ...d, row: i })).filter((d) => d.row === 0 || d.date !== "");

function bodyOf(v: Values, formToken: string): PublicRequest {
  const people = v.people.normalize("NFKC").trim();
  const n = Number(people);
  return {
    groupName: v.groupName,
    topic: v.topicChoice === OTHER || v.topicChoice === "" ? v.topicFree : v.topicChoice,
    wishedDates: sentRows(v).map(({ date, slot }) => ({ date, slot })),
    people:
      people === "" ? (null as unknown as number) : Number.isInteger(n) ? n : (people as unknown as number),
    place: v.place,
    contactName: v.contactName,
    contact: v.contact,
    message: v.message,
    consent: v.consent as true,
    formToken,
    website: v.website,
  };
}

export function PublicRequestPage() {
  const { lg = "" } = useParams();
  const [page, setPage] = useState<FormPage | null>(null);
  const [v, setV] = useState<Values>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ number: number; sent: Values } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    publicRequestApi(lg)
      .form()
      .then(setPage)
      .catch((e) => setError(e instanceof ApiError ? e.message : t("publicEvents.offline")));
  }, [lg]);
  useEffect(() => {
    if (page) document.title = `${t("publicRequest.title")}｜${page.municipality.name}`;
  }, [page]);

  if (!page)
    return (
      <main className="pe-page">
        {error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>}
      </main>
    );

  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((x) => ({ ...x, [k]: value }));
  const setDate = (i: number, change: Partial<Values["dates"][number]>) =>
    setV((x) => ({ ...x, dates: x.dates.map((d, j) => (j === i ? { ...d, ...change } : d)) }));
  const today = todayInJapan();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const res = await publicRequestApi(lg).send(bodyOf(v, page.formToken));
      setDone({ number: res.number, sent: v });
      window.scrollTo(0, 0);
    } catch (err) {
      if (err instanceof ApiError && err.code === "validation") {
        // A topic left out is the free text's problem when 「その他」 is chosen.
        const f: Record<string, string> = {};
        const rows = sentRows(v);
        for (const [key, code] of Object.entries(err.fields)) {
          // A wish's problem goes to the row it was typed in; an empty first date is missing.
          const m = /^wishedDates\.(\d+)\.(date|slot)$/.exec(key);
          if (!m) f[key] = code;
          else {
            const row = rows[Number(m[1])]?.row ?? 0;
            f[`wishedDates.${row}.${m[2]}`] = m[2] === "date" && v.dates[row].date === "" ? "required" : code;
          }
        }
        // Nothing chosen from the menu: choose, rather than type.
        if (f.topic === "required" && page.topics.length > 0 && v.topicChoice === "") f.topic = "unknown";
        if (f.topic && v.topicChoice === OTHER) {
          f.topicFree = f.topic;
          delete f.topic;
        }
        setFields(f);
        setError(t("publicRequest.fixFields"));
      } else if (err instanceof ApiError && err.code === "publicForm.refused") {
        if (err.fields.formToken === "tooFast") setError(t("publicEvents.tooFast"));
        else {
          try {
            const fresh = await publicRequestApi(lg).form();
            setPage(fresh);
            setError(t("publicEvents.renewed"));
          } catch (e2) {
            setError(e2 instanceof ApiError ? e2.message : t("publicEvents.offline"));
          }
        }
      } else setError(err instanceof ApiError ? err.message : t("publicEvents.offline"));
      requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: "center" }));
    } finally {
      setBusy(false);
    }
  };

  const header = (
    <p className="pe-org">
      {page.municipality.prefecture} {page.municipality.name} {t("publicEvents.program")}
    </p>
  );

  if (done) {
    const s = done.sent;
    const sent = bodyOf(s, "");
    return (
      <main className="pe-page" data-testid="request-done">
        {header}
        <h1>{t("publicRequest.doneTitle")}</h1>
        <section className="pe-ticket" aria-labelledby="number-title">
          <h2 id="number-title">{t("publicRequest.doneNumber")}</h2>
          <p className="pe-code">
            <strong data-testid="request-number">{done.number}</strong>
          </p>
        </section>
        <p>{t("publicRequest.doneText")}</p>
        <section className="pe-summary" aria-labelledby="sent-title">
          <h2 id="sent-title">{t("publicRequest.doneSummary")}</h2>
          <dl className="pe-facts">
            <dt>{t("publicRequest.groupName")}</dt>
            <dd>{sent.groupName}</dd>
            <dt>{t("publicRequest.topic")}</dt>
            <dd>{sent.topic}</dd>
            <dt>{t("publicRequest.wishedDates")}</dt>
            <dd>
              {sent.wishedDates.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the wishes as sent, in their fixed order
                <div key={i}>
                  {t("publicRequest.wishedDate", { n: i + 1 })}：{formatIsoDate(d.date)}{" "}
                  {t(`requests.slot.${d.slot}` as MessageKey)}
                </div>
              ))}
            </dd>
            <dt>{t("publicRequest.people")}</dt>
            <dd>
              {String(sent.people)}
              {t("publicRequest.peopleUnit")}
            </dd>
            {sent.place && (
              <>
                <dt>{t("publicRequest.place")}</dt>
                <dd>{sent.place}</dd>
              </>
            )}
            <dt>{t("publicRequest.contactName")}</dt>
            <dd>{sent.contactName}</dd>
            <dt>{t("publicRequest.contact")}</dt>
            <dd className="pe-break">{sent.contact}</dd>
          </dl>
        </section>
        <p>
          <Link to={`/p/${lg}/events`}>{t("publicRequest.toEvents")}</Link>
        </p>
      </main>
    );
  }

  const required = (label: string) => `${label}（${t("publicRequest.required")}）`;
  const optional = (label: string) => `${label}（${t("publicRequest.optional")}）`;
  return (
    <main className="pe-page" data-testid="public-request">
      <p className="pe-back">
        <Link to={`/p/${lg}/events`}>{t("publicEvents.backToList")}</Link>
      </p>
      {header}
      <h1>{t("publicRequest.title")}</h1>
      <p>{t("publicRequest.lead")}</p>
      {page.topics.length > 0 && (
        <section aria-labelledby="menu-title" className="pe-menu">
          <h2 id="menu-title">{t("publicRequest.menu")}</h2>
          <dl>
            {page.topics.map((x) => (
              <div key={x.name}>
                <dt>{x.name}</dt>
                {x.description && <dd className="pe-hint">{x.description}</dd>}
              </div>
            ))}
          </dl>
        </section>
      )}
      <form className="pe-form" onSubmit={submit} noValidate data-testid="request-form">
        <div ref={errorRef}>
          <ErrorBanner message={error} />
        </div>
        <Field label={required(t("publicRequest.groupName"))} error={fields.groupName}>
          <input
            name="organization"
            autoComplete="organization"
            value={v.groupName}
            maxLength={100}
            onChange={(e) => set("groupName", e.target.value)}
            aria-invalid={Boolean(fields.groupName)}
            data-testid="req-group"
          />
        </Field>
        {page.topics.length > 0 && (
          <Field label={required(t("publicRequest.topic"))} error={fields.topic}>
            <select
              value={v.topicChoice}
              onChange={(e) => set("topicChoice", e.target.value)}
              aria-invalid={Boolean(fields.topic)}
              data-testid="req-topic"
            >
              <option value="">{t("events.choose")}</option>
              {page.topics.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name}
                </option>
              ))}
              <option value={OTHER}>{t("publicRequest.topicOther")}</option>
            </select>
          </Field>
        )}
        {(page.topics.length === 0 || v.topicChoice === OTHER) && (
          <Field
            label={required(
              page.topics.length === 0 ? t("publicRequest.topic") : t("publicRequest.topicFree"),
            )}
            error={page.topics.length === 0 ? fields.topic : fields.topicFree}
          >
            <input
              value={v.topicFree}
              maxLength={200}
              onChange={(e) => set("topicFree", e.target.value)}
              aria-invalid={Boolean(page.topics.length === 0 ? fields.topic : fields.topicFree)}
              data-testid="req-topic-free"
            />
          </Field>
        )}
        <fieldset className="pe-dates">
          <legend>{required(t("publicRequest.wishedDates"))}</legend>
          {fields.wishedDates && <span className="field-error">{fieldMessage(fields.wishedDates)}</span>}
          {v.dates.map((d, i) => {
            const dateError = fields[`wishedDates.${i}.date`];
            const slotError = fields[`wishedDates.${i}.slot`];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the three rows are fixed (第1〜第3希望)
              <div className="pe-date-row" key={i} data-testid={`req-date-row-${i}`}>
                <span className="pe-date-label">{t("publicRequest.wishedDate", { n: i + 1 })}</span>
                <Field label={t("publicRequest.date")} error={dateError}>
                  <input
                    type="date"
                    min={today}
                    value={d.date}
                    onChange={(e) => setDate(i, { date: e.target.value })}
                    aria-invalid={Boolean(dateError)}
                    data-testid={`req-date-${i}`}
                  />
                </Field>
                <Field label={t("publicRequest.slot")} error={slotError}>
                  <select
                    value={d.slot}
                    onChange={(e) => setDate(i, { slot: e.target.value as WishedDate["slot"] })}
                    data-testid={`req-slot-${i}`}
                  >
                    {SLOTS.map((s) => (
                      <option key={s} value={s}>
                        {t(`requests.slot.${s}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
            );
          })}
        </fieldset>
        <Field label={required(t("publicRequest.people"))} error={fields.people}>
          <span className="pe-people">
            <input
              inputMode="numeric"
              value={v.people}
              maxLength={6}
              onChange={(e) => set("people", e.target.value)}
              aria-invalid={Boolean(fields.people)}
              data-testid="req-people"
            />
            {t("publicRequest.peopleUnit")}
          </span>
        </Field>
        <Field label={optional(t("publicRequest.place"))} error={fields.place}>
          <input
            value={v.place}
            maxLength={200}
            placeholder={t("publicRequest.placeHint")}
            onChange={(e) => set("place", e.target.value)}
            data-testid="req-place"
          />
        </Field>
        <Field label={required(t("publicRequest.contactName"))} error={fields.contactName}>
          <input
            name="name"
            autoComplete="name"
            value={v.contactName}
            maxLength={50}
            onChange={(e) => set("contactName", e.target.value)}
            aria-invalid={Boolean(fields.contactName)}
            data-testid="req-contact-name"
          />
        </Field>
        <Field label={required(t("publicRequest.contact"))} error={fields.contact}>
          <input
            name="contact"
            autoComplete="tel"
            value={v.contact}
            maxLength={254}
            onChange={(e) => set("contact", e.target.value)}
            aria-invalid={Boolean(fields.contact)}
            data-testid="req-contact"
          />
        </Field>
        <Field label={optional(t("publicRequest.message"))} error={fields.message}>
          <textarea
            rows={3}
            value={v.message}
            maxLength={1000}
            onChange={(e) => set("message", e.target.value)}
            data-testid="req-message"
          />
        </Field>
        {/* People never see this field; programs that fill every field do. */}
        <div className="pe-trap" aria-hidden="true">
          <label>
            Website
            <input
              name="website"
              tabIndex={-1}
              autoComplete="off"
              value={v.website}
              onChange={(e) => set("website", e.target.value)}
            />
          </label>
        </div>
        <div className="pe-consent">
          <p>{t("publicRequest.consentText", { days: page.retentionDays })}</p>
          <label className="pe-check">
            <input
              type="checkbox"
              checked={v.consent}
              onChange={(e) => set("consent", e.target.checked)}
              data-testid="req-consent"
            />
            {t("publicRequest.consent")}
          </label>
          {fields.consent && <span className="field-error">{t("field.consent")}</span>}
        </div>
        <button type="submit" className="pe-submit" disabled={busy} data-testid="req-submit">
          {t("publicRequest.submit")}
        </button>
      </form>
    </main>
  );
}
