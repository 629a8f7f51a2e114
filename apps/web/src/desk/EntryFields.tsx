/**
 * The quick entry form's controls: a choice from a vocabulary (typed to choose), a text, and
 * several codes as checkboxes (Space to tick); each marked invalid with its problem.
 */
import { fieldMessage } from "../api/client";
import { t } from "../i18n/t";
import { Field } from "../ui/Field";

export type Vocabulary = readonly { readonly id: string; readonly label: string }[];

export function VocabularySelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  vocabulary: Vocabulary;
  error?: string;
  testId: string;
}) {
  return (
    <Field label={props.label} error={props.error}>
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
        aria-invalid={props.error ? true : undefined}
      >
        {props.vocabulary.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function EntryText(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  testId: string;
  multiline?: boolean;
  type?: string;
  max?: number;
}) {
  const invalid = props.error ? true : undefined;
  return (
    <Field label={props.label} error={props.error}>
      {props.multiline ? (
        <textarea
          value={props.value}
          rows={4}
          maxLength={props.max}
          onChange={(e) => props.onChange(e.target.value)}
          data-testid={props.testId}
          aria-invalid={invalid}
        />
      ) : (
        <input
          type={props.type ?? "text"}
          value={props.value}
          maxLength={props.max}
          autoComplete="off"
          onChange={(e) => props.onChange(e.target.value)}
          data-testid={props.testId}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

/** Several codes of a vocabulary; "required" reads as "choose at least one". */
export function CodeChecks(props: {
  name: string;
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  vocabulary: Vocabulary;
  error?: string;
}) {
  const { value, error } = props;
  return (
    <fieldset className="desk-checks" aria-invalid={error ? true : undefined}>
      <legend>{props.label}</legend>
      {props.vocabulary.map((v) => (
        <label key={v.id} className="desk-check">
          <input
            type="checkbox"
            checked={value.includes(v.id)}
            onChange={(e) =>
              props.onChange(e.target.checked ? [...value, v.id] : value.filter((x) => x !== v.id))
            }
            data-testid={`${props.name}-${v.id}`}
          />
          {v.label}
        </label>
      ))}
      {error && (
        <span className="field-error">
          {error === "required" ? t("desk.entry.chooseOne") : fieldMessage(error)}
        </span>
      )}
    </fieldset>
  );
}
