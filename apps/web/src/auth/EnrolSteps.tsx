/** Enrolment: the QR code and the key as text for the authenticator app, then its first code. */
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { QrCode } from "./QrCode";

export interface Enrolment {
  email: string;
  secret: string;
  uri: string;
}

export function EnrolSteps({
  enrolment,
  confirm,
}: {
  enrolment: Enrolment;
  confirm(code: string): Promise<void>;
}) {
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await confirm(code);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(t("error.unknown"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="enrol-steps">
      <ol className="steps">
        <li>{t("twoFactor.stepApp")}</li>
        <li>
          {t("twoFactor.stepScan")}
          <div className="enrol-qr">
            <QrCode text={enrolment.uri} label={t("twoFactor.qrLabel")} />
            <div>
              <p className="muted small">{t("twoFactor.secretText")}</p>
              <code className="totp-secret" data-testid="totp-secret">
                {enrolment.secret}
              </code>
              <p className="muted small">{t("twoFactor.account", { email: enrolment.email })}</p>
            </div>
          </div>
        </li>
        <li>{t("twoFactor.stepCode")}</li>
      </ol>
      <ErrorBanner message={error} />
      <Field label={t("twoFactor.code")} error={fields.code}>
        <input
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="totp-code"
          maxLength={12}
        />
      </Field>
      <button type="submit" disabled={busy} data-testid="totp-confirm">
        {t("twoFactor.confirm")}
      </button>
    </form>
  );
}
