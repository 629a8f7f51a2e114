/**
 * A published example's texts (題名, 相談内容, 対応) as they are written: drafted from a contact
 * (ExampleDraftForm, in a case) and edited later in the examples view.
 */
import { useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import type { DeskApi } from "./desk-api";

export interface ExampleTexts {
  title: string;
  question: string;
  answer: string;
}

export function ExampleFields(props: {
  value: ExampleTexts;
  onChange: (value: ExampleTexts) => void;
  errors: Record<string, string>;
}) {
  const { value, onChange, errors } = props;
  return (
    <>
      <Field label={t("desk.examples.title")} error={errors.title}>
        <input
          value={value.title}
          maxLength={100}
          onChange={(e) => onChange({ ...value, title: e.target.value })}
          data-testid="example-title"
        />
      </Field>
      <Field label={t("desk.examples.question")} error={errors.question}>
        <textarea
          value={value.question}
          rows={3}
          onChange={(e) => onChange({ ...value, question: e.target.value })}
          data-testid="example-question"
        />
      </Field>
      <Field label={t("desk.examples.answer")} error={errors.answer}>
        <textarea
          value={value.answer}
          rows={3}
          onChange={(e) => onChange({ ...value, answer: e.target.value })}
          data-testid="example-answer"
        />
      </Field>
    </>
  );
}

/** A new example drafted from one contact of a case (its coded fields go with it). */
export function ExampleDraftForm(props: { api: DeskApi; consultationId: string; onDone: () => void }) {
  const [texts, setTexts] = useState<ExampleTexts>({ title: "", question: "", answer: "" });
  const [done, setDone] = useState(false);
  const form = useApiForm();
  if (done)
    return (
      <p className="success" role="status" data-testid="example-created">
        {t("desk.examples.created")}
      </p>
    );
  return (
    <form
      className="desk-example-form"
      onSubmit={form.onSubmit(async () => {
        await props.api.createExample({ consultationId: props.consultationId, ...texts });
        setDone(true);
      })}
      data-testid="example-draft-form"
    >
      <p className="muted small">{t("desk.examples.identifyingHelp")}</p>
      <ErrorBanner message={form.error} />
      <ExampleFields value={texts} onChange={setTexts} errors={form.fields} />
      <div className="actions">
        <button type="submit" className="primary" data-testid="example-save">
          {t("desk.examples.save")}
        </button>
        <button type="button" onClick={props.onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
