/**
 * The Japanese message for a file that could not be imported: a file refused by the import
 * limits (plan-io's ImportLimitError, told apart without loading the Excel reader) names the
 * limit; anything else is "unreadable".
 */
import { hasMessage, t } from "../i18n/t";

export function importErrorText(err: unknown): string {
  const problem = (err as { problem?: unknown } | null)?.problem;
  // The reader (a Web Worker) could not be loaded: offline before its first use.
  if (problem === "unavailable") return t("lazy.excelUnavailable");
  const key = `import.limit.${String(problem)}`;
  return typeof problem === "string" && hasMessage(key) ? t(key) : t("import.unreadable");
}
