/**
 * Marks what the demo made up (texts its sources do not give, made-up records) so that nobody
 * takes it for a municipality's own: 「デモ用の例」, with why on hover.
 */
import { t } from "../i18n/t";
import "./demo-badge.css";

export function DemoBadge() {
  return (
    <span className="badge demo-badge" title={t("demo.badgeExplain")} data-testid="demo-badge">
      {t("demo.badge")}
    </span>
  );
}
