import type { InviteOffer } from "@tsumugi/contract";
import { type FormEvent, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client";
import { useSession } from "../auth/session";
import { t } from "../i18n/t";
import { pendingLogout } from "../offline/remembered";
import { formatWarekiDate } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import { inviteLinkApi } from "./invites-api";
import "../auth/auth.css";

export function AcceptInvitePage() {
  const { token = "" } = useParams();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [offer, setOffer] = useState<InviteOffer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: "", email: "", organization: "", password: "" });
  /** A new account, or an account this person already has (joins with its password). */
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  useEffect(() => {
    inviteLinkApi(token)
      .offer()
      .then((o) => {
        setOffer(o);
        if (o.email) setForm((f) => ({ ...f, email: o.email ?? "" }));
      })
      .catch((err) => setLoadError(err instanceof ApiError ? err.message : t("error.unknown")));
  }, [token]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      await pendingLogout.hold();
      const body = mode === "new" ? { ...form, mode } : { email: form.email, password: form.password, mode };
      const answer = await inviteLinkApi(token).accept(body);
      if ("secondStep" in answer) {
        // Joined; logging in needs the second step (or the enrolment the workspace requires).
        pendingLogout.release();
        navigate(`/login/verify?step=${answer.secondStep}`, { replace: true });
        return;
      }
      setMe(answer);
      navigate(answer.workspaces[0] ? `/w/${answer.workspaces[0].id}` : "/", { replace: true });
    } catch (err) {
      pendingLogout.release();
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      }
    }
  }

  if (loadError) {
    return (
      <main className="narrow">
        <ErrorBanner message={loadError} />
      </main>
    );
  }
  if (!offer) return <p className="muted pad">{t("common.loading")}</p>;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <main className="narrow">
      <form onSubmit={submit} className="card" noValidate>
        <h2>{t("accept.title", { workspace: offer.workspaceName })}</h2>
        <p>
          {t("accept.offer", {
            role: t(`role.${offer.role}`),
            groups: offer.groupNames.join("、") || t("common.none"),
          })}
        </p>
        <p className="muted">
          {t("invites.expires")}：{formatWarekiDate(offer.expiresAt)}
        </p>
        <ErrorBanner message={error} />
        <fieldset className="accept-mode">
          <legend>{t("accept.modeLegend")}</legend>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === "new"}
              onChange={() => setMode("new")}
              data-testid="accept-mode-new"
            />{" "}
            {t("accept.modeNew")}
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === "existing"}
              onChange={() => setMode("existing")}
              data-testid="accept-mode-existing"
            />{" "}
            {t("accept.modeExisting")}
          </label>
        </fieldset>
        <Field label={t("login.email")} error={fields.email}>
          <input
            type="email"
            value={form.email}
            onChange={set("email")}
            readOnly={Boolean(offer.email)}
            autoComplete={mode === "new" ? "email" : "username"}
          />
        </Field>
        {mode === "new" && (
          <>
            <Field label={t("accept.name")} error={fields.name}>
              <input value={form.name} onChange={set("name")} autoComplete="name" />
            </Field>
            <Field label={t("accept.organization")} error={fields.organization}>
              <input value={form.organization} onChange={set("organization")} autoComplete="organization" />
            </Field>
          </>
        )}
        <Field label={mode === "new" ? t("accept.password") : t("login.password")} error={fields.password}>
          <input
            type="password"
            value={form.password}
            onChange={set("password")}
            autoComplete={mode === "new" ? "new-password" : "current-password"}
          />
        </Field>
        <p className="muted small">{mode === "new" ? t("password.hint") : t("accept.existingHint")}</p>
        <button type="submit">{t("accept.submit")}</button>
      </form>
    </main>
  );
}
