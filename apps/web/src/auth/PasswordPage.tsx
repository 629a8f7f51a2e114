import { type FormEvent, useState } from "react";
import { ApiError, post } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";

export function PasswordPage() {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      await post("/api/auth/password", { currentPassword, newPassword });
      setDone(true);
      setCurrent("");
      setNew("");
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      }
    }
  }

  return (
    <main className="narrow">
      <form onSubmit={submit} className="card" noValidate>
        <h2>{t("password.title")}</h2>
        {done && <p className="notice">{t("password.done")}</p>}
        <ErrorBanner message={error} />
        <Field label={t("password.current")} error={fields.currentPassword}>
          <input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <Field label={t("password.new")} error={fields.newPassword}>
          <input
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
          />
        </Field>
        <p className="muted small">{t("password.hint")}</p>
        <button type="submit">{t("common.save")}</button>
      </form>
    </main>
  );
}
