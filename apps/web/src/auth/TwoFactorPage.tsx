/** 2段階認証 settings of the logged-in person: set up, renew recovery codes, turn off. */
import type { TwoFactorStatus } from "@tsumugi/contract";
import { useCallback, useEffect, useState } from "react";
import { useLocation } from "react-router";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import { CodeField } from "./CodeField";
import { type Enrolment, EnrolSteps } from "./EnrolSteps";
import { RecoveryCodes } from "./RecoveryCodes";
import { useSession } from "./session";
import { twoFactorApi } from "./two-factor-api";
import "./auth.css";

export function TwoFactorPage() {
  const { me } = useSession();
  const location = useLocation();
  const recoveryLeft = new URLSearchParams(location.search).get("recoveryLeft");
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setStatus(await twoFactorApi.status());
  }, []);
  useEffect(() => {
    reload().catch((err) => setError(err instanceof ApiError ? err.message : t("error.unknown")));
  }, [reload]);

  async function startSetup() {
    setError(null);
    setNotice(null);
    try {
      setEnrolment(await twoFactorApi.setup());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("error.unknown"));
    }
  }

  const email = me?.user.email ?? "";
  return (
    <main className="narrow two-factor-page">
      <section className={codes ? "card has-recovery-codes" : "card"}>
        <h2>{t("twoFactor.title")}</h2>
        <p>{t("twoFactor.explain")}</p>
        {recoveryLeft !== null && (
          <p className="notice" role="status">
            {t("twoFactor.recoveryUsed", { n: recoveryLeft })}
          </p>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <ErrorBanner message={error} />
        {status && !status.enabled && !enrolment && (
          <>
            <p data-testid="two-factor-status">{t("twoFactor.statusOff")}</p>
            {status.required && <p className="notice">{t("twoFactor.requiredNotice")}</p>}
            <button type="button" onClick={startSetup} data-testid="two-factor-setup">
              {t("twoFactor.setup")}
            </button>
          </>
        )}
        {status && !status.enabled && enrolment && (
          <EnrolSteps
            enrolment={enrolment}
            confirm={async (code) => {
              const res = await twoFactorApi.enable({ code });
              setEnrolment(null);
              setCodes(res.recoveryCodes);
              setNotice(t("twoFactor.enabledNotice"));
              await reload();
            }}
          />
        )}
        {codes && <RecoveryCodes codes={codes} email={email} />}
        {status?.enabled && (
          <>
            <p data-testid="two-factor-status">
              {t("twoFactor.statusOn", { n: status.recoveryCodesLeft })}
              {status.required && <> {t("twoFactor.requiredByWorkspace")}</>}
            </p>
            <RenewCodes
              onDone={async (next) => {
                setCodes(next);
                setNotice(t("twoFactor.renewedNotice"));
                await reload();
              }}
            />
            {!status.required && (
              <TurnOff
                onDone={async () => {
                  setCodes(null);
                  setNotice(t("twoFactor.disabledNotice"));
                  await reload();
                }}
              />
            )}
          </>
        )}
      </section>
    </main>
  );
}

function RenewCodes({ onDone }: { onDone(codes: string[]): Promise<void> }) {
  const [code, setCode] = useState("");
  const form = useApiForm();
  return (
    <form
      className="sub-card"
      noValidate
      onSubmit={form.onSubmit(async () => {
        const res = await twoFactorApi.renewRecoveryCodes({ code });
        setCode("");
        await onDone(res.recoveryCodes);
      })}
    >
      <h3>{t("twoFactor.renewTitle")}</h3>
      <ErrorBanner message={form.error} />
      <CodeField value={code} onChange={setCode} error={form.fields.code} />
      <button type="submit" className="secondary">
        {t("twoFactor.renew")}
      </button>
    </form>
  );
}

function TurnOff({ onDone }: { onDone(): Promise<void> }) {
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const form = useApiForm();
  return (
    <form
      className="sub-card"
      noValidate
      onSubmit={form.onSubmit(async () => {
        await twoFactorApi.disable({ password, code });
        await onDone();
      })}
    >
      <h3>{t("twoFactor.disableTitle")}</h3>
      <ErrorBanner message={form.error} />
      <Field label={t("password.current")} error={form.fields.password}>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <CodeField
        label={t("twoFactor.codeOrRecovery")}
        value={code}
        onChange={setCode}
        error={form.fields.code}
        inputMode="text"
      />
      <button type="submit" className="danger">
        {t("twoFactor.disable")}
      </button>
    </form>
  );
}
