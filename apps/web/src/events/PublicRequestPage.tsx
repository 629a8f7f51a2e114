/**
 * /p/:lg/lecture-request — a residents' group asks for a 出前講座, without an account, on a
 * phone first: the group, a topic from the municipality's menu or its own, up to three wished
 * dates, how many people, where, and whom to call back. Each wrong field says why in Japanese
 * and keeps what was typed; a stale or too-fast form is sent again with a fresh token. The
 * answer is the 受付番号, shown on a confirmation page with what was sent (PublicRequestDone).
 */
import type { PublicRequestPage as FormPage, WishedDate } from "@tsumugi/contract";
import { todayInJapan } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { fieldMessage } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { Field } from "../ui/Field";
import { PublicRequestDone } from "./PublicRequestDone";
import {
  ConsentBox,
  FormError,
  HoneypotField,
  MunicipalityLine,
  PublicPageWaiting,
  requiredLabel,
  TextFields,
  type TextSpec,
  usePublicData,
  usePublicForm,
} from "./public-form";
import { publicRequestApi } from "./public-request-api";
import { bodyOf, EMPTY, OTHER, SLOTS, sentRows, type Values } from "./request-form-values";

const GROUP: TextSpec<Values>[] = [
  {
    key: "groupName",
    label: "publicRequest.groupName",
    required: true,
    maxLength: 100,
    testId: "req-group",
    name: "organization",
    autoComplete: "organization",
  },
];

const CONTACT: TextSpec<Values>[] = [
  {
    key: "place",
    label: "publicRequest.place",
    required: false,
    maxLength: 200,
    testId: "req-place",
    placeholder: "publicRequest.placeHint",
  },
  {
    key: "contactName",
    label: "publicRequest.contactName",
    required: true,
    maxLength: 50,
    testId: "req-contact-name",
    name: "name",
    autoComplete: "name",
  },
  {
    key: "contact",
    label: "publicRequest.contact",
    required: true,
    maxLength: 254,
    testId: "req-contact",
    name: "contact",
    autoComplete: "tel",
  },
  {
    key: "message",
    label: "publicRequest.message",
    required: false,
    maxLength: 1000,
    testId: "req-message",
    multiline: true,
  },
];

/**
 * The server's problems as the form shows them: a wish's goes to the row it was typed in (an
 * empty first date is missing), a topic's to the free text when 「その他」 is chosen.
 */
function placeFields(server: Record<string, string>, v: Values, hasMenu: boolean): Record<string, string> {
  const f: Record<string, string> = {};
  const rows = sentRows(v);
  for (const [key, code] of Object.entries(server)) {
    const m = /^wishedDates\.(\d+)\.(date|slot)$/.exec(key);
    if (!m) f[key] = code;
    else {
      const row = rows[Number(m[1])]?.row ?? 0;
      f[`wishedDates.${row}.${m[2]}`] = m[2] === "date" && v.dates[row].date === "" ? "required" : code;
    }
  }
  // Nothing chosen from the menu: choose, rather than type.
  if (f.topic === "required" && hasMenu && v.topicChoice === "") f.topic = "unknown";
  if (f.topic && v.topicChoice === OTHER) {
    f.topicFree = f.topic;
    delete f.topic;
  }
  return f;
}

export function PublicRequestPage() {
  const { lg = "" } = useParams();
  const { data: page, setData: setPage, error } = usePublicData(lg, () => publicRequestApi(lg).form());
  const form = usePublicForm<Values>(EMPTY);
  const { values: v, set, fields } = form;
  const [done, setDone] = useState<{ number: number; sent: Values } | null>(null);

  useEffect(() => {
    if (page) document.title = `${t("publicRequest.title")}｜${page.municipality.name}`;
  }, [page]);

  if (!page) return <PublicPageWaiting error={error} />;
  if (done) return <PublicRequestDone lg={lg} municipality={page.municipality} {...done} />;

  const submit = form.submit({
    send: async () => {
      const res = await publicRequestApi(lg).send(bodyOf(v, page.formToken));
      setDone({ number: res.number, sent: v });
      window.scrollTo(0, 0);
    },
    fixFields: t("publicRequest.fixFields"),
    placeFields: (f) => placeFields(f, v, page.topics.length > 0),
    renewToken: async () => setPage(await publicRequestApi(lg).form()),
  });

  return (
    <main className="pe-page" data-testid="public-request">
      <p className="pe-back">
        <Link to={`/p/${lg}/events`}>{t("publicEvents.backToList")}</Link>
      </p>
      <MunicipalityLine municipality={page.municipality} />
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
        <FormError error={form.error} errorRef={form.errorRef} />
        <TextFields form={form} specs={GROUP} />
        <TopicFields topics={page.topics} values={v} set={set} fields={fields} />
        <WishedDates
          dates={v.dates}
          fields={fields}
          onChange={(i, change) =>
            set(
              "dates",
              v.dates.map((d, j) => (j === i ? { ...d, ...change } : d)),
            )
          }
        />
        <Field label={requiredLabel(t("publicRequest.people"))} error={fields.people}>
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
        <TextFields form={form} specs={CONTACT} />
        <HoneypotField value={v.website} onChange={(x) => set("website", x)} />
        <ConsentBox
          text={t("publicRequest.consentText", { days: page.retentionDays })}
          label={t("publicRequest.consent")}
          checked={v.consent}
          onChange={(x) => set("consent", x)}
          error={fields.consent}
          testId="req-consent"
        />
        <button type="submit" className="pe-submit" disabled={form.busy} data-testid="req-submit">
          {t("publicRequest.submit")}
        </button>
      </form>
    </main>
  );
}

/** A topic from the menu, or the group's own (the only field when there is no menu). */
function TopicFields({
  topics,
  values,
  set,
  fields,
}: {
  topics: FormPage["topics"];
  values: Values;
  set: <K extends keyof Values>(k: K, value: Values[K]) => void;
  fields: Record<string, string>;
}) {
  return (
    <>
      {topics.length > 0 && (
        <Field label={requiredLabel(t("publicRequest.topic"))} error={fields.topic}>
          <select
            value={values.topicChoice}
            onChange={(e) => set("topicChoice", e.target.value)}
            aria-invalid={Boolean(fields.topic)}
            data-testid="req-topic"
          >
            <option value="">{t("events.choose")}</option>
            {topics.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
            <option value={OTHER}>{t("publicRequest.topicOther")}</option>
          </select>
        </Field>
      )}
      {(topics.length === 0 || values.topicChoice === OTHER) && (
        <Field
          label={requiredLabel(topics.length === 0 ? t("publicRequest.topic") : t("publicRequest.topicFree"))}
          error={topics.length === 0 ? fields.topic : fields.topicFree}
        >
          <input
            value={values.topicFree}
            maxLength={200}
            onChange={(e) => set("topicFree", e.target.value)}
            aria-invalid={Boolean(topics.length === 0 ? fields.topic : fields.topicFree)}
            data-testid="req-topic-free"
          />
        </Field>
      )}
    </>
  );
}

/** 第1〜第3希望: a date and a time of day each; the first is required. */
function WishedDates({
  dates,
  fields,
  onChange,
}: {
  dates: Values["dates"];
  fields: Record<string, string>;
  onChange: (row: number, change: Partial<Values["dates"][number]>) => void;
}) {
  const today = todayInJapan();
  return (
    <fieldset className="pe-dates">
      <legend>{requiredLabel(t("publicRequest.wishedDates"))}</legend>
      {fields.wishedDates && <span className="field-error">{fieldMessage(fields.wishedDates)}</span>}
      {dates.map((d, i) => {
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
                onChange={(e) => onChange(i, { date: e.target.value })}
                aria-invalid={Boolean(dateError)}
                data-testid={`req-date-${i}`}
              />
            </Field>
            <Field label={t("publicRequest.slot")} error={slotError}>
              <select
                value={d.slot}
                onChange={(e) => onChange(i, { slot: e.target.value as WishedDate["slot"] })}
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
  );
}
