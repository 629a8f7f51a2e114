/** A series' name, kind and description: the form that creates one and the one that changes it. */
import { EVENT_TEXT_LIMITS } from "@tsumugi/contract";
import type { EventKind } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { EventKindSelect } from "./choice-selects";

export interface SeriesValues {
  name: string;
  kind: EventKind;
  description: string;
}

export function SeriesForm(props: {
  initial: SeriesValues;
  submitLabel: string;
  /** Sends the values; the form empties itself after a new series (`resetOnSave`). */
  onSubmit(values: SeriesValues): Promise<void>;
  resetOnSave?: boolean;
  testId?: string;
}) {
  const [name, setName] = useState(props.initial.name);
  const [kind, setKind] = useState<EventKind>(props.initial.kind);
  const [description, setDescription] = useState(props.initial.description);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await props.onSubmit({ name, kind, description });
      if (props.resetOnSave) {
        setName("");
        setDescription("");
      }
      setFields({});
      setError(null);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(String(err));
    }
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate data-testid={props.testId}>
      <ErrorBanner message={error} />
      <Field label={t("events.seriesName")} error={fields.name}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={EVENT_TEXT_LIMITS.seriesName}
          data-testid="series-name"
        />
        <LimitHint value={name} max={EVENT_TEXT_LIMITS.seriesName} />
      </Field>
      <Field label={t("events.kind")} error={fields.kind}>
        <EventKindSelect value={kind} onChange={setKind} />
      </Field>
      <Field label={t("events.seriesDescription")} error={fields.description}>
        <input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={EVENT_TEXT_LIMITS.seriesDescription}
          data-testid="series-description"
        />
      </Field>
      <div className="form-actions">
        <button type="submit" data-testid="series-submit">
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
