/** Enrolment: the QR code and the key as text for the authenticator app, then its first code. */
import type { TotpEnrolment } from "@tsumugi/contract";
import { useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import { CodeField } from "./CodeField";
import { QrCode } from "./QrCode";

/** A key being set up, as the server answers it. */
export type Enrolment = TotpEnrolment;

export function EnrolSteps({
  enrolment,
  confirm,
}: {
  enrolment: Enrolment;
  confirm(code: string): Promise<void>;
}) {
  const [code, setCode] = useState("");
  const form = useApiForm();

  return (
    <form onSubmit={form.onSubmit(() => confirm(code))} noValidate className="enrol-steps">
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
      <ErrorBanner message={form.error} />
      <CodeField value={code} onChange={setCode} error={form.fields.code} maxLength={12} testId="totp-code" />
      <button type="submit" disabled={form.busy} data-testid="totp-confirm">
        {t("twoFactor.confirm")}
      </button>
    </form>
  );
}
