/**
 * What the workspace writes on its meeting papers (開催通知 and 議事録, printed and Word): the
 * sender, the number's prefix, whom to ask, how to answer about attendance and the 署名欄.
 * Shown to the secretariat, who words them (the answer's abilities say so).
 */
import type { MeetingPaperSettings, UpdateMeetingPaperSettings } from "@tsumugi/contract";
import { MEETING_PAPER_TEXT_MAX, MINUTES_SIGNERS_MAX } from "@tsumugi/domain";
import { type FormEvent, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { meetingPapersApi } from "./meeting-papers-api";

const SIGNER_CHOICES = Array.from({ length: MINUTES_SIGNERS_MAX + 1 }, (_, n) => n);

type Form = Omit<MeetingPaperSettings, "updatedAt" | "abilities">;

export function MeetingPaperSettingsForm({ wid }: { wid: string }) {
  const [form, setForm] = useState<Form | null>(null);
  const [canUpdate, setCanUpdate] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    meetingPapersApi(wid)
      .settings()
      .then(({ settings: { updatedAt: _, abilities, ...rest } }) => {
        setForm(rest);
        setCanUpdate(abilities.update);
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : t("error.unknown")));
  }, [wid]);
  if (!canUpdate || !form) return error ? <ErrorBanner message={error} /> : null;

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const body: UpdateMeetingPaperSettings = form;
      const { settings } = await meetingPapersApi(wid).updateSettings(body);
      const { updatedAt: _, abilities: __, ...rest } = settings;
      setForm(rest);
      setFields({});
      setNotice(t("papers.saved"));
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields ?? {});
      } else setError(String(err));
    }
  };
  const text = (
    key: "numberPrefix" | "contactOffice" | "contactPhone" | "contactEmail",
    max: number,
    hint?: string,
  ) => (
    <Field label={t(`papers.${key}`)} error={fields[key]}>
      <input
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
        maxLength={max}
        placeholder={hint}
        type={key === "contactEmail" ? "email" : key === "contactPhone" ? "tel" : "text"}
        data-testid={`papers-${key}`}
      />
    </Field>
  );
  return (
    <details className="card paper-settings" data-testid="paper-settings">
      <summary>{t("papers.settings")}</summary>
      <form onSubmit={submit} className="form-grid" noValidate>
        <p className="muted small">{t("papers.settingsExplain")}</p>
        <ErrorBanner message={error} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <Field label={t("papers.sender")} error={fields.sender}>
          <textarea
            value={form.sender}
            onChange={(e) => set("sender", e.target.value)}
            rows={2}
            maxLength={MEETING_PAPER_TEXT_MAX.sender}
            placeholder={t("papers.senderHint")}
            data-testid="papers-sender"
          />
          <LimitHint value={form.sender} max={MEETING_PAPER_TEXT_MAX.sender} />
        </Field>
        {text("numberPrefix", MEETING_PAPER_TEXT_MAX.numberPrefix, t("papers.numberPrefixHint"))}
        {text("contactOffice", MEETING_PAPER_TEXT_MAX.contact)}
        {text("contactPhone", MEETING_PAPER_TEXT_MAX.contact)}
        {text("contactEmail", MEETING_PAPER_TEXT_MAX.contact)}
        <Field label={t("papers.replyMethod")} error={fields.replyMethod}>
          <textarea
            value={form.replyMethod}
            onChange={(e) => set("replyMethod", e.target.value)}
            rows={3}
            maxLength={MEETING_PAPER_TEXT_MAX.replyMethod}
            data-testid="papers-replyMethod"
          />
          <span className="muted small">{t("papers.replyMethodHint")}</span>
        </Field>
        <Field label={t("papers.minutesSigners")} error={fields.minutesSigners}>
          <select
            value={form.minutesSigners}
            onChange={(e) => set("minutesSigners", Number(e.target.value))}
            data-testid="papers-minutesSigners"
          >
            {SIGNER_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? t("papers.signers.0") : t("papers.signers.n", { n })}
              </option>
            ))}
          </select>
        </Field>
        <div>
          <button type="submit" data-testid="papers-save">
            {t("common.save")}
          </button>
        </div>
      </form>
    </details>
  );
}
