/**
 * The second step of a login (/login/verify?step=code|enrol): the authenticator app's code or
 * a recovery code; or, when a workspace requires it and this person has not set it up yet,
 * the enrolment, before anything else. No session exists until this step succeeds.
 */

import type { SessionInfo } from "@tsumugi/contract";
import { useCallback, useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { pendingLogout } from "../offline/remembered";
import { ErrorBanner } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import { CodeField } from "./CodeField";
import { type Enrolment, EnrolSteps } from "./EnrolSteps";
import { RecoveryCodes } from "./RecoveryCodes";
import { useSession } from "./session";
import { secondStepApi } from "./two-factor-api";
import "./auth.css";

export function SecondStepPage() {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const step = params.get("step") === "enrol" ? "enrol" : "code";
  const next = params.get("next");
  const target = next?.startsWith("/") ? next : "/";
  return (
    <main className="narrow">
      <h1 className="brand">
        {t("app.name")} <small>Tsumugi</small>
      </h1>
      {step === "code" ? <CodeStep target={target} /> : <EnrolStep target={target} />}
    </main>
  );
}

function useExpired() {
  const navigate = useNavigate();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.code === "login.stepExpired")
        navigate("/login?expired=1", { replace: true });
    },
    [navigate],
  );
}

function CodeStep({ target }: { target: string }) {
  const { setMe } = useSession();
  const navigate = useNavigate();
  const expired = useExpired();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const form = useApiForm();

  const submit = form.onSubmit(async () => {
    try {
      await pendingLogout.hold();
      const me = await secondStepApi.code({ code });
      setMe(me);
      navigate(
        me.recoveryCodesLeft !== undefined ? `/security?recoveryLeft=${me.recoveryCodesLeft}` : target,
        {
          replace: true,
        },
      );
    } catch (err) {
      pendingLogout.release();
      expired(err);
      throw err;
    }
  });

  return (
    <form onSubmit={submit} className="card" noValidate>
      <h2>{t("twoFactor.loginTitle")}</h2>
      <p>{recovery ? t("twoFactor.recoveryPrompt") : t("twoFactor.codePrompt")}</p>
      <ErrorBanner message={form.error} />
      <CodeField
        label={recovery ? t("twoFactor.recoveryCode") : t("twoFactor.code")}
        value={code}
        onChange={setCode}
        error={form.fields.code}
        inputMode={recovery ? "text" : "numeric"}
        maxLength={24}
        testId="second-step-code"
        autoFocus
      />
      <button type="submit" disabled={form.busy} data-testid="second-step-submit">
        {form.busy ? t("login.submitting") : t("twoFactor.verify")}
      </button>
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            setRecovery(!recovery);
            setCode("");
          }}
          data-testid="use-recovery"
        >
          {recovery ? t("twoFactor.useApp") : t("twoFactor.useRecovery")}
        </button>
      </p>
    </form>
  );
}

function EnrolStep({ target }: { target: string }) {
  const { setMe } = useSession();
  const navigate = useNavigate();
  const expired = useExpired();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ me: SessionInfo; codes: string[] } | null>(null);

  useEffect(() => {
    secondStepApi
      .enrolment()
      .then(setEnrolment)
      .catch((err) => {
        expired(err);
        setError(err instanceof ApiError ? err.message : t("error.unknown"));
      });
  }, [expired]);

  if (done) {
    return (
      <div className="card has-recovery-codes">
        <h2 className="no-print">{t("twoFactor.enabledTitle")}</h2>
        <RecoveryCodes codes={done.codes} email={done.me.user.email} />
        <button
          type="button"
          className="no-print"
          data-testid="recovery-continue"
          onClick={() => {
            setMe(done.me);
            navigate(target, { replace: true });
          }}
        >
          {t("twoFactor.continue")}
        </button>
      </div>
    );
  }
  return (
    <div className="card">
      <h2>{t("twoFactor.requiredTitle")}</h2>
      <p>{t("twoFactor.requiredExplain")}</p>
      <ErrorBanner message={error} />
      {enrolment && (
        <EnrolSteps
          enrolment={enrolment}
          confirm={async (code) => {
            try {
              await pendingLogout.hold();
              const res = await secondStepApi.enrol({ code });
              const { recoveryCodes, ...me } = res;
              setDone({ me, codes: recoveryCodes });
            } catch (err) {
              pendingLogout.release();
              expired(err);
              throw err;
            }
          }}
        />
      )}
    </div>
  );
}
