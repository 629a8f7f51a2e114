/**
 * What every printed page of a document carries in its margins: the municipality and title
 * (top left), the print date in 和暦 with 曜日 (top right) and the page number (bottom).
 * Chromium prints CSS @page margin boxes; their text is data, so it is written into a style
 * element for the named page the document prints on.
 */
import { formatIsoDate, todayInJapan } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { t } from "../i18n/t";

/** A CSS string literal holding `text`. */
export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/[\n\r]+/g, " ")}"`;
}

/** The CSS `content` for "{page} / {pages} ページ": message text around the page counters. */
function pageContent(): string {
  const marker = "\u0000";
  return t("print.page", { page: `${marker}page${marker}`, pages: `${marker}pages${marker}` })
    .split(marker)
    .filter((p) => p !== "")
    .map((p) => (p === "page" || p === "pages" ? `counter(${p})` : cssString(p)))
    .join(" ");
}

/** The day of printing (Japan), ISO; read again when the print dialog opens. */
export function usePrintDay(): string {
  const [today, setToday] = useState(() => todayInJapan());
  useEffect(() => {
    const update = () => setToday(todayInJapan());
    window.addEventListener("beforeprint", update);
    return () => window.removeEventListener("beforeprint", update);
  }, []);
  return today;
}

export function PrintMargins({ page, heading }: { page: string; heading: string }) {
  const date = t("print.date", { date: formatIsoDate(usePrintDay()) });
  const css = `@page ${page} {
  @top-left { content: ${cssString(heading)}; font-size: 8pt; color: #344054; }
  @top-right { content: ${cssString(date)}; font-size: 8pt; color: #344054; }
  @bottom-center { content: ${pageContent()}; font-size: 8pt; color: #344054; }
}`;
  return <style data-testid="print-margins">{css}</style>;
}
