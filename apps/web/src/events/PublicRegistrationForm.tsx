/**
 * The registration form on a public event's page: name, organisation, 職種, a contact, a note
 * and consent (and sharing with co-hosting municipalities when there are any). Accepted, it
 * opens the registrant's own page.
 */
import type { PublicEventDetail } from "@tsumugi/contract";
import type { PROFESSION_CHOICES } from "@tsumugi/domain";
import { useState } from "react";
import { useNavigate } from "react-router";
import { t } from "../i18n/t";
import { Field } from "../ui/Field";
import { ProfessionSelect } from "./choice-selects";
import { publicEventsApi } from "./public-events-api";
import {
  ConsentBox,
  FormError,
  HoneypotField,
  requiredLabel,
  TextFields,
  type TextSpec,
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

const WHO: TextSpec<FormValues>[] = [
  {
    key: "name",
    label: "publicEvents.name",
    required: true,
    maxLength: 50,
    testId: "reg-name",
    name: "name",
    autoComplete: "name",
  },
  {
    key: "organisation",
    label: "publicEvents.organisation",
    required: false,
    maxLength: 100,
    testId: "reg-organisation",
    name: "organization",
    autoComplete: "organization",
  },
];

const CONTACT: TextSpec<FormValues>[] = [
  {
    key: "contact",
    label: "publicEvents.contactField",
    required: true,
    maxLength: 254,
    testId: "reg-contact",
    name: "contact",
    inputMode: "email",
    autoComplete: "email",
    hint: "publicEvents.contactHint",
  },
  {
    key: "note",
    label: "publicEvents.note",
    required: false,
    maxLength: 500,
    testId: "reg-note",
    multiline: true,
    hint: "publicEvents.noteHint",
  },
];

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
      <TextFields form={form} specs={WHO} />
      <Field label={requiredLabel(t("publicEvents.profession"))} error={fields.profession}>
        <ProfessionSelect
          value={v.profession}
          onChange={(x) => set("profession", x)}
          invalid={Boolean(fields.profession)}
          testId="reg-profession"
        />
      </Field>
      <TextFields form={form} specs={CONTACT} />
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
