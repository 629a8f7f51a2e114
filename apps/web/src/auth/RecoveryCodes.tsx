/** The recovery codes, shown once after enrolment or renewal: to print or write down. */
import { t } from "../i18n/t";

export function RecoveryCodes({ codes, email }: { codes: string[]; email: string }) {
  return (
    <section className="recovery-codes" data-testid="recovery-codes">
      <h3>{t("twoFactor.recoveryTitle")}</h3>
      <p>{t("twoFactor.recoveryExplain")}</p>
      <p className="print-only">
        {t("app.name")} — {email}
      </p>
      <ol className="recovery-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary no-print" onClick={() => window.print()}>
        {t("twoFactor.print")}
      </button>
    </section>
  );
}
