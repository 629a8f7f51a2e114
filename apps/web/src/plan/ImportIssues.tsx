import type { ImportIssue } from "@tsumugi/plan-io";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

/** The rows a file cannot be read from, each with its reason, as a list above the preview. */
export function ImportIssues({ issues }: { issues: readonly ImportIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="preview-errors" role="alert" data-testid="import-errors">
      <p>{t("import.errors", { count: issues.length })}</p>
      <ul>
        {issues.map((i) => (
          <li key={`${i.row}-${i.column}-${i.code}`} data-testid="import-error">
            {t("import.row", { row: i.row })}　
            {t(`import.error.${i.code}` as MessageKey, { column: i.column, value: i.value })}
          </li>
        ))}
      </ul>
    </div>
  );
}
