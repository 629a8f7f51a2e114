/**
 * The registration form on a public event's page: name, organisation, 職種, a contact, a note
 * and consent (and sharing with co-hosting municipalities when there are any). Accepted, it
 * opens the registrant's own page.
 */
import type { PublicEventDetail } from "@tsumugi/contract";
import { PROFESSION_CHOICES } from "@tsumugi/domain";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { Field } from "../ui/Field";
import { publicEventsApi } from "./public-events-api";
import {
  ConsentBox,
  FormError,
  HoneypotField,
  optionalLabel,
  requiredLabel,
  TextAreaField,
  TextField,
  usePublicForm,
} from "./public-form";

interface FormValues {
  name: string;
  organisation: string;
  profession: string;
  contact: string;
  note: string;
  consent: boolean;
  shareWithCohosts: boolean;
  website: string;
}

const EMPTY: FormValues = {
  name: "",
  organisation: "",
  profession: "",
  contact: "",
  note: "",
  consent: false,
  shareWithCohosts: false,
  website: "",
};

export function PublicRegistrationForm({
  lg,
  pid,
  detail,
}: {
  lg: string;
  pid: string;
  detail: PublicEventDetail;
}) {
  const navigate = useNavigate();
  const { event } = detail;
  const form = usePublicForm(EMPTY);
  const { values: v, set, fields } = form;
  const [token, setToken] = useState(detail.formToken);

  const submit = form.submit({
    send: async () => {
      const res = await publicEventsApi(lg).register(pid, {
        ...v,
        profession: v.profession as (typeof PROFESSION_CHOICES)[number],
        consent: v.consent as true,
        formToken: token ?? "",
      });
      navigate(res.path, { replace: false });
    },
    fixFields: t("publicEvents.fixFields"),
    renewToken: async () => setToken((await publicEventsApi(lg).get(pid)).formToken),
  });

  return (
    <form className="pe-form" onSubmit={submit} noValidate data-testid="registration-form">
      <FormError error={form.error} errorRef={form.errorRef} />
      {event.registrationState === "waitingList" && (
        <p className="pe-notice" data-testid="waiting-notice">
          {t("publicEvents.waitingNotice")}
        </p>
      )}
      <TextField
        label={requiredLabel(t("publicEvents.name"))}
        error={fields.name}
        name="name"
        autoComplete="name"
        value={v.name}
        maxLength={50}
        onChange={(x) => set("name", x)}
        testId="reg-name"
      />
      <TextField
        label={optionalLabel(t("publicEvents.organisation"))}
        error={fields.organisation}
        name="organization"
        autoComplete="organization"
        value={v.organisation}
        maxLength={100}
        onChange={(x) => set("organisation", x)}
        testId="reg-organisation"
      />
      <Field label={requiredLabel(t("publicEvents.profession"))} error={fields.profession}>
        <select
          value={v.profession}
          onChange={(e) => set("profession", e.target.value)}
          aria-invalid={Boolean(fields.profession)}
          data-testid="reg-profession"
        >
          <option value="">{t("events.choose")}</option>
          {PROFESSION_CHOICES.map((p) => (
            <option key={p} value={p}>
              {t(`profession.${p}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <TextField
        label={requiredLabel(t("publicEvents.contactField"))}
        error={fields.contact}
        name="contact"
        inputMode="email"
        autoComplete="email"
        value={v.contact}
        maxLength={254}
        onChange={(x) => set("contact", x)}
        testId="reg-contact"
      >
        <span className="pe-hint">{t("publicEvents.contactHint")}</span>
      </TextField>
      <TextAreaField
        label={optionalLabel(t("publicEvents.note"))}
        error={fields.note}
        value={v.note}
        maxLength={500}
        onChange={(x) => set("note", x)}
        testId="reg-note"
        hint={t("publicEvents.noteHint")}
      />
      <HoneypotField value={v.website} onChange={(x) => set("website", x)} />
      <ConsentBox
        text={t("publicEvents.consentText", { days: detail.retentionDays })}
        label={t("publicEvents.consent")}
        checked={v.consent}
        onChange={(x) => set("consent", x)}
        error={fields.consent}
        testId="reg-consent"
      >
        {event.cohosts.length > 0 && (
          <label className="pe-check">
            <input
              type="checkbox"
              checked={v.shareWithCohosts}
              onChange={(e) => set("shareWithCohosts", e.target.checked)}
              data-testid="reg-share"
            />
            {t("publicEvents.shareWithCohosts", {
              names: event.cohosts.map((c) => c.name).join("・"),
            })}
          </label>
        )}
      </ConsentBox>
      <button type="submit" className="pe-submit" disabled={form.busy} data-testid="reg-submit">
        {event.registrationState === "waitingList"
          ? t("publicEvents.submitWaiting")
          : t("publicEvents.submit")}
      </button>
    </form>
  );
}
