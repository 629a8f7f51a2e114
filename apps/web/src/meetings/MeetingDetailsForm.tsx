/** Changing a meeting's title, time, place and online URL (those who run it, before it closes). */

import type { Meeting as MeetingInfo } from "@tsumugi/contract";
import { MEETING_PLACE_MAX, MEETING_TITLE_MAX } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { Field } from "../ui/Field";
import { meetingWhenTyped } from "./meeting-format";
import { meetingsApi } from "./meetings-api";

export function MeetingDetailsForm({
  wid,
  meeting,
  onSaved,
}: {
  wid: string;
  meeting: MeetingInfo;
  onSaved(m: MeetingInfo): void;
}) {
  const [form, setForm] = useState({
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt ?? "",
    place: meeting.place,
    onlineUrl: meeting.onlineUrl,
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const res = await meetingsApi(wid).update(meeting.id, {
        ...form,
        endsAt: form.endsAt || null,
      });
      setFields({});
      setError(null);
      onSaved(res.meeting);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(String(err));
    }
  };
  return (
    <details className="card no-print">
      <summary data-testid="meeting-edit">{t("meeting.editDetails")}</summary>
      <form className="form-grid" onSubmit={submit}>
        <Field label={t("meetings.name")} error={fields.title}>
          <input value={form.title} onChange={set("title")} maxLength={MEETING_TITLE_MAX} />
          <LimitHint value={form.title} max={MEETING_TITLE_MAX} />
        </Field>
        <Field label={t("meetings.startsAt")} error={fields.startsAt}>
          <input type="datetime-local" value={form.startsAt} onChange={set("startsAt")} />
        </Field>
        <Field label={t("meetings.endsAt")} error={fields.endsAt}>
          <input type="datetime-local" value={form.endsAt} onChange={set("endsAt")} />
        </Field>
        <p className="muted small" aria-live="polite">
          {meetingWhenTyped(form.startsAt, form.endsAt)}
        </p>
        <Field label={t("meetings.place")} error={fields.place}>
          <input value={form.place} onChange={set("place")} maxLength={MEETING_PLACE_MAX} />
          <LimitHint value={form.place} max={MEETING_PLACE_MAX} />
        </Field>
        <Field label={t("meetings.onlineUrl")} error={fields.onlineUrl}>
          <input value={form.onlineUrl} onChange={set("onlineUrl")} />
        </Field>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t("common.save")}</button>
      </form>
    </details>
  );
}
