/** The secretariat's directory settings. */
import type { ResourceDirectory } from "@tsumugi/contract";
import { useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import { resourcesApi } from "./resources-api";

const MONTH_MS = 30.44 * 86_400_000;

/** The secretariat's settings, and the entries nobody has confirmed for the months set. */
export function DirectorySettings(props: {
  wid: string;
  data: ResourceDirectory;
  reload: () => Promise<void>;
}) {
  const api = useMemo(() => resourcesApi(props.wid), [props.wid]);
  const { settings } = props.data;
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async (body: Parameters<typeof api.settings>[0]) => {
    setError(null);
    setSaved(false);
    try {
      await api.settings(body);
      await props.reload();
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error.unknown"));
    }
  };
  const cutoff = Date.now() - settings.staleMonths * MONTH_MS;
  const stale = props.data.resources.filter(
    (r) => r.status === "active" && (r.confirmedAt === null || r.confirmedAt < cutoff),
  );
  return (
    <section className="directory-settings" data-testid="resources-settings">
      <ErrorBanner message={error} />
      {saved && (
        <p className="notice" role="status">
          {t("resources.settings.saved")}
        </p>
      )}
      <label className="check-line">
        <input
          type="checkbox"
          checked={settings.publicEnabled}
          onChange={(e) => save({ publicEnabled: e.target.checked })}
          data-testid="settings-public"
        />{" "}
        {t("resources.settings.public")}
      </label>
      <label className="check-line">
        <input
          type="checkbox"
          checked={settings.autoApply}
          onChange={(e) => save({ autoApply: e.target.checked })}
          data-testid="settings-auto-apply"
        />{" "}
        {t("resources.settings.autoApply")}
      </label>
      <div className="settings-numbers">
        <Field label={t("resources.settings.staleMonths")}>
          <select
            value={settings.staleMonths}
            onChange={(e) => save({ staleMonths: Number(e.target.value) })}
            data-testid="settings-stale-months"
          >
            {[3, 6, 12, 24].map((n) => (
              <option key={n} value={n}>
                {t("resources.settings.months", { n })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("resources.settings.linkDays")}>
          <select value={settings.linkDays} onChange={(e) => save({ linkDays: Number(e.target.value) })}>
            {[7, 14, 30, 60, 90].map((n) => (
              <option key={n} value={n}>
                {t("resources.settings.days", { n })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <h3>{t("resources.settings.stale", { months: settings.staleMonths, n: stale.length })}</h3>
      <ul className="stale-list" data-testid="stale-list">
        {stale.map((r) => (
          <li key={r.id}>
            {r.name}{" "}
            <span className="muted small">
              {r.confirmedAt === null
                ? t("resources.settings.neverConfirmed")
                : t("resources.settings.confirmedAt", { date: formatWarekiDate(r.confirmedAt) })}
            </span>{" "}
            {r.abilities.update && (
              <button
                type="button"
                className="secondary small-button"
                onClick={async () => {
                  try {
                    await api.update(r.id, { confirmed: true });
                    await props.reload();
                  } catch (e) {
                    setError(e instanceof ApiError ? e.message : t("error.unknown"));
                  }
                }}
              >
                {t("resources.settings.confirm")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
