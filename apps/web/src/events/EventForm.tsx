/**
 * An event's details, for creating one and for changing it: kind, name, series, date and
 * time, place or online address, capacity and waiting list, audience, organiser groups,
 * what the announcement says about organisers and whom to ask.
 */
import type { CreateEvent, Event, EventSeries, UpdateEvent } from "@tsumugi/contract";
import { EVENT_TEXT_LIMITS } from "@tsumugi/contract";
import { EVENT_AUDIENCE_IDS, type EventAudience, type EventKind } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { meetingWhenTyped } from "../meetings/meeting-format";
import { ErrorBanner, Field } from "../ui/Field";
import { EventKindSelect } from "./choice-selects";

const L = EVENT_TEXT_LIMITS;

export interface EventFormValues {
  kind: EventKind;
  title: string;
  seriesId: string;
  theme: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  capacity: string;
  waitingList: boolean;
  audience: EventAudience;
  audienceNote: string;
  organiserGroupIds: string[];
  organiserNote: string;
  contact: string;
}

export function formValuesOf(e: Event | null, defaults: Partial<EventFormValues> = {}): EventFormValues {
  return {
    kind: e?.kind ?? "multidisciplinary",
    title: e?.title ?? "",
    seriesId: e?.seriesId ?? "",
    theme: e?.theme ?? "",
    startsAt: e?.startsAt ?? "",
    endsAt: e?.endsAt ?? "",
    place: e?.place ?? "",
    onlineUrl: e?.onlineUrl ?? "",
    capacity: e?.capacity === null || e?.capacity === undefined ? "" : String(e.capacity),
    waitingList: e?.waitingList ?? true,
    audience: e?.audience ?? "professionals",
    audienceNote: e?.audienceNote ?? "",
    organiserGroupIds: e?.organiserGroupIds ?? [],
    organiserNote: e?.organiserNote ?? "",
    contact: e?.contact ?? "",
    ...defaults,
  };
}

/** The request body for the values as typed: a capacity that is not a number is sent as typed, so the server names it. */
export function bodyOf(v: EventFormValues): CreateEvent & UpdateEvent {
  const capacity = v.capacity.trim() === "" ? null : Number(v.capacity.normalize("NFKC"));
  return {
    kind: v.kind,
    title: v.title,
    seriesId: v.seriesId || null,
    theme: v.theme,
    startsAt: v.startsAt,
    endsAt: v.endsAt || null,
    place: v.place,
    onlineUrl: v.onlineUrl,
    capacity: capacity !== null && Number.isNaN(capacity) ? (v.capacity as unknown as number) : capacity,
    waitingList: v.waitingList,
    audience: v.audience,
    audienceNote: v.audienceNote,
    organiserGroupIds: v.organiserGroupIds,
    organiserNote: v.organiserNote,
    contact: v.contact,
  };
}

export function EventForm(props: {
  initial: EventFormValues;
  /** The series an event may belong to (only their ids and names are shown). */
  series: Pick<EventSeries, "id" | "name">[];
  /** Groups the person may choose as organisers. */
  groups: { id: string; name: string }[];
  submitLabel: string;
  onSubmit(values: EventFormValues): Promise<void>;
  testId?: string;
}) {
  const [v, setV] = useState(props.initial);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof EventFormValues>(k: K) =>
    (value: EventFormValues[K]) =>
      setV((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await props.onSubmit(v);
      setFields({});
      setError(null);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-grid event-form" onSubmit={submit} noValidate data-testid={props.testId}>
      <ErrorBanner message={error} />
      <Field label={t("events.kind")} error={fields.kind}>
        <EventKindSelect value={v.kind} onChange={set("kind")} testId="event-kind" />
      </Field>
      <Field label={t("events.title")} error={fields.title}>
        <input
          value={v.title}
          onChange={(e) => set("title")(e.target.value)}
          maxLength={L.title}
          data-testid="event-title"
        />
        <LimitHint value={v.title} max={L.title} />
      </Field>
      <Field label={t("events.series")} error={fields.seriesId}>
        <select
          value={v.seriesId}
          onChange={(e) => set("seriesId")(e.target.value)}
          data-testid="event-series"
        >
          <option value="">{t("events.noSeries")}</option>
          {props.series.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("events.startsAt")} error={fields.startsAt}>
        <input
          type="datetime-local"
          value={v.startsAt}
          onChange={(e) => set("startsAt")(e.target.value)}
          data-testid="event-starts"
        />
      </Field>
      <Field label={t("events.endsAt")} error={fields.endsAt}>
        <input
          type="datetime-local"
          value={v.endsAt}
          onChange={(e) => set("endsAt")(e.target.value)}
          data-testid="event-ends"
        />
      </Field>
      <p className="muted small when-typed" aria-live="polite" data-testid="event-when-typed">
        {meetingWhenTyped(v.startsAt, v.endsAt)}
      </p>
      <Field label={t("events.place")} error={fields.place}>
        <input
          value={v.place}
          onChange={(e) => set("place")(e.target.value)}
          maxLength={L.place}
          data-testid="event-place"
        />
        <LimitHint value={v.place} max={L.place} />
      </Field>
      <Field label={t("events.onlineUrl")} error={fields.onlineUrl}>
        <input
          value={v.onlineUrl}
          onChange={(e) => set("onlineUrl")(e.target.value)}
          inputMode="url"
          maxLength={L.onlineUrl}
        />
      </Field>
      <Field label={t("events.capacity")} error={fields.capacity}>
        <input
          value={v.capacity}
          onChange={(e) => set("capacity")(e.target.value)}
          inputMode="numeric"
          className="short"
          data-testid="event-capacity"
        />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={v.waitingList}
          onChange={(e) => set("waitingList")(e.target.checked)}
        />
        <span>{t("events.waitingList")}</span>
      </label>
      <Field label={t("events.audience")} error={fields.audience}>
        <select
          value={v.audience}
          onChange={(e) => set("audience")(e.target.value as EventAudience)}
          data-testid="event-audience"
        >
          {EVENT_AUDIENCE_IDS.map((a) => (
            <option key={a} value={a}>
              {t(`eventAudience.${a}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("events.audienceNote")} error={fields.audienceNote}>
        <input
          value={v.audienceNote}
          onChange={(e) => set("audienceNote")(e.target.value)}
          maxLength={L.audienceNote}
        />
      </Field>
      <fieldset className="organisers wide-field">
        <legend>{t("events.organisers")}</legend>
        {props.groups.map((g) => (
          <label key={g.id} className="check">
            <input
              type="checkbox"
              checked={v.organiserGroupIds.includes(g.id)}
              onChange={(e) =>
                set("organiserGroupIds")(
                  e.target.checked
                    ? [...v.organiserGroupIds, g.id]
                    : v.organiserGroupIds.filter((x) => x !== g.id),
                )
              }
            />
            <span>{g.name}</span>
          </label>
        ))}
        <p className="muted small">{t("events.organisersHint")}</p>
        {fields.organiserGroupIds && <span className="field-error">{t("field.unknown")}</span>}
      </fieldset>
      <Field label={t("events.organiserNote")} error={fields.organiserNote}>
        <input
          value={v.organiserNote}
          onChange={(e) => set("organiserNote")(e.target.value)}
          maxLength={L.organiserNote}
        />
      </Field>
      <Field label={t("events.contact")} error={fields.contact}>
        <input value={v.contact} onChange={(e) => set("contact")(e.target.value)} maxLength={L.contact} />
      </Field>
      <Field label={t("events.theme")} error={fields.theme}>
        <textarea
          value={v.theme}
          onChange={(e) => set("theme")(e.target.value)}
          maxLength={L.theme}
          rows={4}
          data-testid="event-theme"
        />
        <LimitHint value={v.theme} max={L.theme} />
      </Field>
      <div className="form-actions wide-field">
        <button type="submit" disabled={busy} data-testid="event-submit">
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
