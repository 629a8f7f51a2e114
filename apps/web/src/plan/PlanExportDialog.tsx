/**
 * 「計画書を出力」: the papers as one .xlsx or as pages to print, for a range of 年度 of the
 * multi-year table and the 作成日 printed on the cover.
 */
import type { PlanYear } from "@tsumugi/contract";
import { fiscalYearLabel, todayInJapan } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { isChunkLoadError } from "../app/lazy";
import { scheduleEventEntries, useScheduleEventsState } from "../events/ScheduleEvents";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { planApi } from "./plan-api";
import { usePlanContext } from "./plan-context";

/** The 年度 the multi-year table may span: the years with plans, five before and five after. */
function yearChoices(known: readonly number[], fiscalYear: number): number[] {
  const lo = Math.min(fiscalYear, ...known) - 5;
  const hi = Math.max(fiscalYear, ...known) + 5;
  const out: number[] = [];
  for (let y = lo; y <= hi; y++) out.push(y);
  return out;
}

/**
 * 「計画書を出力」: the papers as one .xlsx (表紙 … 組織図, then the working tables). The user
 * chooses the 年度 of the 年次計画表 (later years allowed before their plans exist) and the
 * 作成日 printed on the cover.
 */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const ctx = usePlanContext();
  const navigate = useNavigate();
  const fiscalYear = ctx.info.fiscalYear;
  const [known, setKnown] = useState<PlanYear[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [createdOn, setCreatedOn] = useState(todayInJapan());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The year's trainings and lectures, for the 年間予定 sheet as the screen shows them.
  const { events: yearEvents, settled: eventsSettled } = useScheduleEventsState(ctx.wid, fiscalYear);

  useEffect(() => {
    void planApi(ctx.wid)
      .years()
      .then((r) => {
        setKnown(r.years);
        const years = r.years.map((y) => y.fiscalYear);
        setFrom(Math.max(Math.min(fiscalYear, ...years), fiscalYear - 4));
        setTo(fiscalYear + 2);
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [ctx.wid, fiscalYear]);

  const choices = yearChoices(known?.map((y) => y.fiscalYear) ?? [], fiscalYear);
  const rangeBad = from !== null && to !== null && from > to;

  const save = async () => {
    if (!known || from === null || to === null || rangeBad || !eventsSettled) return;
    setBusy(true);
    setError(null);
    try {
      const { planWorkbookBytes } = await import("@tsumugi/plan-io");
      const bytes = await planWorkbookBytes(ctx.store.yearPlan(), {
        municipality: ctx.municipality,
        groupName: ctx.groupName,
        memberName: ctx.memberName,
        years: known,
        yearRange: { from, to },
        createdOn: ISO_DATE.test(createdOn) ? createdOn : todayInJapan(),
        groups: ctx.groups.map((g) => ({ id: g.id, name: g.name, parentId: g.parentId, kind: g.kind })),
        scheduleEvents: scheduleEventEntries(
          yearEvents,
          new Set(ctx.store.rows("scheduleRows").map((r) => r.id)),
        ),
      });
      const blob = new Blob([bytes as BlobPart], {
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${ctx.info.title}_${ctx.municipality.replace(/\s/g, "")}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      onClose();
    } catch (err) {
      setError(isChunkLoadError(err) ? t("lazy.excelUnavailable") : String(err));
    } finally {
      setBusy(false);
    }
  };

  const yearSelect = (value: number | null, set: (y: number) => void, testId: string, label: MessageKey) => (
    <label>
      {t(label)}
      <select value={value ?? ""} data-testid={testId} onChange={(e) => set(Number(e.target.value))}>
        {choices.map((y) => (
          <option key={y} value={y}>
            {fiscalYearLabel(y)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="dialog-backdrop">
      <dialog open className="dialog" aria-label={t("papers.title")} data-testid="export-dialog">
        <h2>{t("papers.title")}</h2>
        <p className="muted">{t("papers.contents")}</p>
        {!known && !error && <p className="muted">{t("common.loading")}</p>}
        {known && (
          <fieldset className="inline-form">
            <legend>{t("papers.years")}</legend>
            {yearSelect(from, setFrom, "papers-from", "papers.from")}
            {yearSelect(to, setTo, "papers-to", "papers.to")}
          </fieldset>
        )}
        {rangeBad && (
          <p className="field-error" role="alert">
            {t("papers.rangeBad")}
          </p>
        )}
        <label>
          {t("papers.createdOn")}
          <input
            type="date"
            value={createdOn}
            data-testid="papers-created"
            onChange={(e) => setCreatedOn(e.target.value)}
          />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button
            type="button"
            onClick={save}
            disabled={busy || !known || rangeBad || !eventsSettled}
            data-testid="papers-xlsx"
          >
            {t("papers.xlsx")}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (from === null || to === null || rangeBad) return;
              const created = ISO_DATE.test(createdOn) ? createdOn : todayInJapan();
              onClose();
              navigate(`?view=papers&from=${from}&to=${to}&created=${created}`);
            }}
            disabled={!known || rangeBad}
            data-testid="papers-print-view"
          >
            {t("papers.printView")}
          </button>
          <button type="button" className="link" onClick={onClose} data-testid="papers-close">
            {t("common.cancel")}
          </button>
        </div>
      </dialog>
    </div>
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
