/**
 * What the public pages without an account share (the event announcements, the registration
 * form and page, the 出前講座 request form): loading a page's data, the municipality line, the
 * fields of a form with their errors, the hidden honeypot field, the consent box, and sending
 * a form with its signed token — every wrong field says why and keeps what was typed, a
 * too-fast form says so, a stale one gets a fresh token and is sent again by the person.
 */
import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import "./public-events.css";

/** What a public page says when its data did not come: the server's reason, or that it is offline. */
export function publicLoadError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return t("publicEvents.offline");
}

/** Loads a public page's data once per `key`; the error is said in Japanese. */
export function usePublicData<T>(key: string, load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches
  useEffect(() => {
    load()
      .then(setData)
      .catch((e) => setError(publicLoadError(e)));
  }, [key]);
  return { data, setData, error, setError };
}

/** The page while its data has not come: loading, or why it cannot be shown. */
export function PublicPageWaiting({ error }: { error: string | null }) {
  return (
    <main className="pe-page">
      {error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>}
    </main>
  );
}

/** 千葉県 流山市 在宅医療・介護連携推進事業 */
export function MunicipalityLine({ municipality }: { municipality: { name: string; prefecture: string } }) {
  return (
    <p className="pe-org">
      {municipality.prefecture} {municipality.name} {t("publicEvents.program")}
    </p>
  );
}

export const requiredLabel = (label: string) => `${label}（${t("publicEvents.required")}）`;
export const optionalLabel = (label: string) => `${label}（${t("publicEvents.optional")}）`;

/** The keys of a form's text values. */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/** A text field of a public form, as data: which value, its label, limits and hints. */
export interface TextSpec<V> {
  key: TextKey<V>;
  label: MessageKey;
  required: boolean;
  maxLength: number;
  testId: string;
  /** A free text (notes, a message) rather than one line. */
  multiline?: boolean;
  name?: string;
  autoComplete?: string;
  inputMode?: "email";
  placeholder?: MessageKey;
  hint?: MessageKey;
}

/**
 * Text fields in order, each with its label (必須 or 任意), its hint and the server's problem
 * under it; a problem marks a one-line input invalid.
 */
export function TextFields<V extends object>({
  form,
  specs,
}: {
  form: Pick<PublicForm<V>, "values" | "set" | "fields">;
  specs: readonly TextSpec<V>[];
}) {
  return specs.map((spec) => {
    const label = (spec.required ? requiredLabel : optionalLabel)(t(spec.label));
    const value = form.values[spec.key] as string;
    const error = form.fields[spec.key];
    const onChange = (e: { target: { value: string } }) =>
      form.set(spec.key, e.target.value as V[TextKey<V>]);
    return (
      <Field key={spec.key} label={label} error={error}>
        {spec.multiline ? (
          <textarea
            rows={3}
            value={value}
            maxLength={spec.maxLength}
            onChange={onChange}
            data-testid={spec.testId}
          />
        ) : (
          <input
            name={spec.name}
            autoComplete={spec.autoComplete}
            inputMode={spec.inputMode}
            placeholder={spec.placeholder && t(spec.placeholder)}
            value={value}
            maxLength={spec.maxLength}
            onChange={onChange}
            aria-invalid={Boolean(error)}
            data-testid={spec.testId}
          />
        )}
        {spec.hint && <span className="pe-hint">{t(spec.hint)}</span>}
      </Field>
    );
  });
}

/** People never see this field; programs that fill every field do (the server refuses them). */
export function HoneypotField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div className="pe-trap" aria-hidden="true">
      <label>
        Website
        <input
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
    </div>
  );
}

/** The personal-data notice and the box to agree to it (more boxes may follow as children). */
export function ConsentBox(props: {
  text: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <div className="pe-consent">
      <p>{props.text}</p>
      <label className="pe-check">
        <input
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          data-testid={props.testId}
        />
        {props.label}
      </label>
      {props.error && <span className="field-error">{t("field.consent")}</span>}
      {props.children}
    </div>
  );
}

/** The form's error line, scrolled into view when the form is refused. */
export function FormError({
  error,
  errorRef,
}: {
  error: string | null;
  errorRef: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div ref={errorRef}>
      <ErrorBanner message={error} />
    </div>
  );
}

export interface SendOptions {
  /** Sends the form; resolves when it was accepted. */
  send: () => Promise<void>;
  /** What the error line says when fields are wrong. */
  fixFields: string;
  /** The fields' problems as the form shows them (default: as the server named them). */
  placeFields?: (fields: Record<string, string>) => Record<string, string>;
  /** Fetches a fresh form token after a stale one was refused. */
  renewToken: () => Promise<void>;
}

export type PublicForm<V extends object> = ReturnType<typeof usePublicForm<V>>;

/** The state of a public form: its values, each field's problem, the error line, sending. */
export function usePublicForm<V extends object>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof V>(k: K, value: V[K]) => setValues((x) => ({ ...x, [k]: value }));

  const submit = (options: SendOptions) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await options.send();
    } catch (err) {
      if (err instanceof ApiError && err.code === "validation") {
        setFields(options.placeFields ? options.placeFields(err.fields) : err.fields);
        setError(options.fixFields);
      } else if (err instanceof ApiError && err.code === "publicForm.refused") {
        // Sent too soon, or a stale page: what was typed stays; a fresh token when needed.
        if (err.fields.formToken === "tooFast") setError(t("publicEvents.tooFast"));
        else {
          try {
            await options.renewToken();
            setError(t("publicEvents.renewed"));
          } catch (e2) {
            setError(publicLoadError(e2));
          }
        }
      } else {
        // Closed, full, already registered: the server says what to do.
        setError(publicLoadError(err));
      }
      requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: "center" }));
    } finally {
      setBusy(false);
    }
  };

  return { values, set, fields, error, busy, errorRef, submit };
}
