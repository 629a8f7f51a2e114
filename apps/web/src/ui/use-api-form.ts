/**
 * A form sent to the API: whether it is being sent, and what came back wrong — the banner
 * (the answer's Japanese message) and each field's problem code (shown by `Field`).
 */
import { type FormEvent, useCallback, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";

export interface ApiForm {
  busy: boolean;
  /** The banner's message. */
  error: string | null;
  /** Field → problem code. */
  fields: Record<string, string>;
  /** Runs `action` with the last problems cleared; true when it succeeded. */
  run(action: () => Promise<unknown>): Promise<boolean>;
  /** A form's submit handler that runs `action`. */
  onSubmit(action: () => Promise<unknown>): (event: FormEvent) => void;
  setError(message: string | null): void;
  setFields(fields: Record<string, string>): void;
}

export function useApiForm(initialError: string | null = null): ApiForm {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await action();
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(t("error.unknown"));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const onSubmit = (action: () => Promise<unknown>) => (event: FormEvent) => {
    event.preventDefault();
    void run(action);
  };
  return { busy, error, fields, run, onSubmit, setError, setFields };
}
