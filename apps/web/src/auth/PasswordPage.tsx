import { useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import { authApi } from "./auth-api";

export function PasswordPage() {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const form = useApiForm();
  const [done, setDone] = useState(false);

  const submit = form.onSubmit(async () => {
    await authApi.changePassword({ currentPassword, newPassword });
    setDone(true);
    setCurrent("");
    setNew("");
  });

  return (
    <main className="narrow">
      <form onSubmit={submit} className="card" noValidate>
        <h2>{t("password.title")}</h2>
        {done && <p className="notice">{t("password.done")}</p>}
        <ErrorBanner message={form.error} />
        <Field label={t("password.current")} error={form.fields.currentPassword}>
          <input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <Field label={t("password.new")} error={form.fields.newPassword}>
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
