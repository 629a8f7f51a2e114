/** The secretariat's switch: 2段階認証 mandatory for the workspace's secretariat and coordinators. */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { twoFactorPolicyApi } from "./two-factor-api";

export function TwoFactorPolicy({ wid }: { wid: string }) {
  const policy = twoFactorPolicyApi(wid);
  const [required, setRequired] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    twoFactorPolicyApi(wid)
      .get()
      .then((r) => setRequired(r.required))
      .catch((err) => setError(err instanceof ApiError ? err.message : t("error.unknown")));
  }, [wid]);

  async function change(next: boolean) {
    setError(null);
    setNotice(null);
    const before = required;
    setRequired(next);
    try {
      const r = await policy.set({ required: next });
      setRequired(r.required);
      setNotice(r.required ? t("twoFactor.policyOnDone") : t("twoFactor.policyOffDone"));
    } catch (err) {
      setRequired(before);
      setError(err instanceof ApiError ? err.message : t("error.unknown"));
    }
  }

  if (required === null && !error) return null;
  return (
    <section className="card two-factor-policy" data-testid="two-factor-policy">
      <h3>{t("twoFactor.policyTitle")}</h3>
      <ErrorBanner message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={Boolean(required)}
          onChange={(e) => void change(e.target.checked)}
          data-testid="two-factor-required"
        />{" "}
        {t("twoFactor.policyLabel")}
      </label>
      <p className="muted small">
        {t("twoFactor.policyExplain")} <Link to="/security">{t("twoFactor.ownSettings")}</Link>
      </p>
    </section>
  );
}
