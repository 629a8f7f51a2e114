/**
 * The quick entry form, fit for a phone call: one column in the order a call goes, every
 * control reachable by Tab, choices by typing (selects) or Space (checkboxes), Ctrl+Enter to
 * record. Defaults come from the desk (method, 圏域). Coded fields are kept as a draft on the
 * device (desk-draft.ts); identifying fields and free text never are.
 */
import {
  AGE_BANDS,
  CARE_LEVELS,
  CONSULTATION_METHODS,
  CONSULTATION_RESPONSES,
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  FOLLOW_UP_STATUSES,
  japanNow,
  LIVING_SITUATIONS,
  MAIN_CONDITIONS,
  SEXES,
} from "@tsumugi/domain";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { asciiDigits, type Coded, type Texts } from "./consultation-entry";
import { CodeChecks, EntryText, type Vocabulary, VocabularySelect } from "./EntryFields";
import { ReferralPicker } from "./ReferralPicker";
import { type EntryProps, useConsultationEntry } from "./use-consultation-entry";

export function ConsultationForm(props: EntryProps) {
  const { wid, desks, forCase } = props;
  const entry = useConsultationEntry(props);
  const { coded, texts, errors, set, setText, first, desk, writable } = entry;

  if (!forCase && writable.length === 0) return <p className="muted">{t("desk.noDesk")}</p>;

  const select = (k: keyof Coded, label: string, vocabulary: Vocabulary, testId: string) => (
    <VocabularySelect
      label={label}
      value={coded[k] as string}
      onChange={(v) => set(k, v as never)}
      vocabulary={vocabulary}
      error={errors[k]}
      testId={testId}
    />
  );
  const text = (
    k: keyof Texts,
    label: string,
    testId: string,
    opts: { multiline?: boolean; type?: string; max?: number } = {},
  ) => (
    <EntryText
      label={label}
      value={texts[k]}
      onChange={(v) => setText(k, v)}
      error={errors[k]}
      testId={testId}
      {...opts}
    />
  );
  const checks = (k: "topics" | "responses", label: string, vocabulary: Vocabulary) => (
    <CodeChecks
      name={k}
      label={label}
      value={coded[k]}
      onChange={(v) => set(k, v)}
      vocabulary={vocabulary}
      error={errors[k]}
    />
  );

  return (
    <form
      className="desk-form"
      onSubmit={entry.submit}
      onKeyDown={entry.onKeyDown}
      noValidate
      data-testid="consultation-form"
    >
      <p className="muted small">
        {t("desk.entry.keys")}
        {desk?.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </p>
      {entry.restored && <p className="notice small">{t("desk.entry.draftRestored")}</p>}
      <ErrorBanner message={entry.banner} />
      {entry.saved && (
        <p className="success" role="status" data-testid="consultation-saved">
          {t("desk.entry.saved", { no: entry.saved.caseNo })}
        </p>
      )}
      <div className="desk-form-grid">
        {!forCase && (
          <Field label={t("desk.field.desk")} error={errors.deskId}>
            <select
              ref={(el) => {
                first.current = el;
              }}
              value={coded.deskId}
              onChange={(e) => entry.changeDesk(e.target.value)}
              data-testid="entry-desk"
            >
              {writable.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t("desk.field.receivedAt")} error={errors.receivedAt}>
          <input
            ref={(el) => {
              if (forCase) first.current = el;
            }}
            type="datetime-local"
            value={coded.receivedAt}
            max={japanNow()}
            onChange={(e) => set("receivedAt", e.target.value)}
            data-testid="entry-received-at"
            aria-invalid={errors.receivedAt ? true : undefined}
          />
          {entry.readBack && (
            <span className="muted small" data-testid="entry-received-readback">
              {entry.readBack}
            </span>
          )}
        </Field>
        {select("method", t("desk.field.method"), CONSULTATION_METHODS, "entry-method")}
        {select("consulterType", t("desk.field.consulterType"), CONSULTER_TYPES, "entry-consulter-type")}
      </div>
      {checks("topics", t("desk.field.topics"), CONSULTATION_TOPICS)}
      {text("content", t("desk.field.content"), "entry-content", { multiline: true, max: 4000 })}
      {checks("responses", t("desk.field.responses"), CONSULTATION_RESPONSES)}
      {text("responseDetail", t("desk.field.responseDetail"), "entry-response-detail", {
        multiline: true,
        max: 4000,
      })}
      <ReferralPicker
        wid={wid}
        value={entry.referral}
        onChange={entry.setReferral}
        error={errors.referralResourceId}
      />
      <div className="desk-form-grid">
        {text("referral", t("desk.field.referral"), "entry-referral", { max: 200 })}
        <Field label={t("desk.field.minutes")} error={errors.minutes}>
          <input
            inputMode="numeric"
            value={coded.minutes}
            onChange={(e) => set("minutes", asciiDigits(e.target.value))}
            data-testid="entry-minutes"
          />
        </Field>
        {select(
          "followUpStatus",
          t("desk.field.followUpStatus"),
          FOLLOW_UP_STATUSES,
          "entry-follow-up-status",
        )}
        <Field label={t("desk.field.followUpDue")} error={errors.followUpDue}>
          <input
            type="date"
            value={coded.followUpDue}
            onChange={(e) => set("followUpDue", e.target.value)}
            data-testid="entry-follow-up-due"
          />
        </Field>
      </div>
      <fieldset className="desk-group">
        <legend>{t("desk.identifyingGroup")}</legend>
        <div className="desk-form-grid">
          {text("consulterName", t("desk.field.consulterName"), "entry-consulter-name", { max: 100 })}
          {text(
            "consulterOrganisation",
            t("desk.field.consulterOrganisation"),
            "entry-consulter-organisation",
            { max: 200 },
          )}
          {text("consulterContact", t("desk.field.consulterContact"), "entry-consulter-contact", {
            max: 200,
          })}
        </div>
        {!forCase && (
          <div className="desk-form-grid">
            {text("personName", t("desk.field.personName"), "entry-person-name", { max: 100 })}
            {text("personKana", t("desk.field.personKana"), "entry-person-kana", { max: 100 })}
            {text("personContact", t("desk.field.personContact"), "entry-person-contact", { max: 200 })}
            {text("personAddress", t("desk.field.personAddress"), "entry-person-address", { max: 300 })}
            {text("personBirthDate", t("desk.field.personBirthDate"), "entry-person-birth-date", {
              type: "date",
            })}
            {text("personNotes", t("desk.field.personNotes"), "entry-person-notes", { max: 2000 })}
          </div>
        )}
      </fieldset>
      {!forCase && (
        <fieldset className="desk-group">
          <legend>{t("desk.codedGroup")}</legend>
          <div className="desk-form-grid">
            {select("ageBand", t("desk.field.ageBand"), AGE_BANDS, "entry-age-band")}
            {select("sex", t("desk.field.sex"), SEXES, "entry-sex")}
            {select("careLevel", t("desk.field.careLevel"), CARE_LEVELS, "entry-care-level")}
            {select("living", t("desk.field.living"), LIVING_SITUATIONS, "entry-living")}
            {select("condition", t("desk.field.condition"), MAIN_CONDITIONS, "entry-condition")}
            {select(
              "areaId",
              t("desk.field.area"),
              [
                { id: "", label: t("desk.areaUnset") },
                ...desks.areas.map((a) => ({ id: a.id, label: a.name })),
              ],
              "entry-area",
            )}
          </div>
        </fieldset>
      )}
      <p className="muted small">{t("desk.entry.draftNote")}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={entry.busy} data-testid="entry-save">
          {entry.busy ? t("desk.entry.saving") : t("desk.entry.save")}
        </button>
        <button type="button" onClick={entry.discard} data-testid="entry-discard">
          {t("desk.entry.discardDraft")}
        </button>
      </div>
    </form>
  );
}
