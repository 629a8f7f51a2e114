import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { t } from "../i18n/t";
import { pendingLogout, useLogoutPending } from "../offline/remembered";
import { ErrorBanner, Field } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import { authApi } from "./auth-api";
import { useSession } from "./session";

export function LoginPage() {
  const { setMe } = useSession();
  const logoutPending = useLogoutPending();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useApiForm(
    new URLSearchParams(location.search).get("ended")
      ? t("login.sessionEnded")
      : new URLSearchParams(location.search).get("expired")
        ? t("twoFactor.stepExpired")
        : null,
  );
  const sessionEnded = new URLSearchParams(location.search).get("ended") !== null;
  useEffect(() => {
    if (sessionEnded) setMe(null);
  }, [sessionEnded, setMe]);

  const submit = form.onSubmit(async () => {
    try {
      // A logout's answer clears the cookie: none may arrive after this login's.
      await pendingLogout.hold();
      const answer = await authApi.login({ email, password });
      const next = new URLSearchParams(location.search).get("next");
      const target = next?.startsWith("/") ? next : "/";
      if ("secondStep" in answer) {
        // The password was right; no session yet: the code (or the enrolment) comes first.
        pendingLogout.release();
        navigate(`/login/verify?step=${answer.secondStep}&next=${encodeURIComponent(target)}`, {
          replace: true,
        });
        return;
      }
      setMe(answer);
      navigate(target, { replace: true });
    } catch (err) {
      pendingLogout.release();
      throw err;
    }
  });

  return (
    <main className="narrow">
      <h1 className="brand">
        {t("app.name")} <small>Tsumugi</small>
      </h1>
      <p className="muted">{t("app.tagline")}</p>
      <form onSubmit={submit} className="card" noValidate>
        <h2>{t("login.title")}</h2>
        {logoutPending && (
          <p className="notice" role="status" data-testid="logout-pending">
            {t("login.logoutPending")}
          </p>
        )}
        <ErrorBanner message={form.error} />
        <Field label={t("login.email")} error={form.fields.email}>
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
            required
          />
        </Field>
        <Field label={t("login.password")} error={form.fields.password}>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
            required
          />
        </Field>
        <button type="submit" disabled={form.busy} data-testid="login-submit">
          {form.busy ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </main>
  );
}
