/**
 * What a printed plan page carries besides the view: the municipality, the plan's title, the
 * view, the print date (和暦 with 曜日) and page numbers. The first page has them as a
 * heading; every page has them in its margins (CSS @page margin boxes of the named page
 * `plan`, which Chromium prints), written into a style element because their text is data.
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
  const parts = t("plan.print.page", { page: "\u0000page\u0000", pages: "\u0000pages\u0000" }).split(
    "\u0000",
  );
  return parts
    .filter((p) => p !== "")
    .map((p) => (p === "page" || p === "pages" ? `counter(${p})` : cssString(p)))
    .join(" ");
}

export function PrintHeader(props: { municipality: string; title: string; view: string }) {
  const [today, setToday] = useState(() => todayInJapan());
  useEffect(() => {
    const update = () => setToday(todayInJapan());
    window.addEventListener("beforeprint", update);
    return () => window.removeEventListener("beforeprint", update);
  }, []);
  const date = t("plan.print.date", { date: formatIsoDate(today) });
  const heading = [props.municipality, props.title].filter(Boolean).join("　");
  const margins = `@page plan {
  @top-left { content: ${cssString(`${heading}　${props.view}`)}; }
  @top-right { content: ${cssString(date)}; }
  @bottom-center { content: ${pageContent()}; }
}`;
  return (
    <>
      <style>{margins}</style>
      <div className="print-only plan-print-head" data-testid="plan-print-head">
        <h1 className="print-only">
          {props.title}　{props.view}
        </h1>
      </div>
    </>
  );
}
