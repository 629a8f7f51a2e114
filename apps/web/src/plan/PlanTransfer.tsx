/**
 * Excel out and in: the whole plan as a workbook in the layouts users file, and a problem
 * or action table read back from .xlsx/CSV with a preview and a row-by-row error report;
 * nothing is written until the user confirms a file without errors. The spreadsheet code
 * loads only when used.
 */
import {
  type Action,
  fiscalYearLabel,
  fundingMark,
  itemMark,
  type Problem,
  todayInJapan,
} from "@tsumugi/domain";
import type { ImportPreview, YearTablePreview } from "@tsumugi/plan-io";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { isChunkLoadError } from "../app/lazy";
import { scheduleEventEntries, useScheduleEventsState } from "../events/ScheduleEvents";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { readWorkbookInWorker } from "../import/read-workbook";
import { importErrorText } from "../ui/import-errors";
import type { YearColumn } from "./MultiYearTable";
import { type PlanView, usePlanContext } from "./PlanPage";
import { planApi } from "./plan-api";
import { applyImport, applyYearTable } from "./plan-edits";

type Kind = "actions" | "problems" | "years";

export function PlanTransfer({ view }: { view: PlanView }) {
  const ctx = usePlanContext();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  return (
    <div className="transfer no-print">
      <button type="button" onClick={() => setExporting(true)} data-testid="plan-export">
        {t("plan.export")}
      </button>
      {ctx.editable && (
        <button type="button" onClick={() => setImporting(true)} data-testid="plan-import">
          {t("plan.import")}
        </button>
      )}
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {importing && (
        <ImportDialog
          initialKind={view === "problems" ? "problems" : "actions"}
          onClose={() => setImporting(false)}
        />
      )}
    </div>
  );
}

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
function ExportDialog({ onClose }: { onClose(): void }) {
  const ctx = usePlanContext();
  const navigate = useNavigate();
  const fiscalYear = ctx.info.fiscalYear;
  const [known, setKnown] = useState<YearColumn[] | null>(null);
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

function ImportDialog({ initialKind, onClose }: { initialKind: Kind; onClose(): void }) {
  const ctx = usePlanContext();
  const [kind, setKind] = useState<Kind>(initialKind);
  const [preview, setPreview] = useState<ImportPreview<Action> | ImportPreview<Problem> | null>(null);
  const [yearPreview, setYearPreview] = useState<YearTablePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const read = async (file: File, as: Kind) => {
    setPreview(null);
    setYearPreview(null);
    setDone(null);
    setError(null);
    try {
      const io = await import("@tsumugi/plan-io");
      if (file.size > io.IMPORT_LIMITS.fileBytes) throw new io.ImportLimitError("fileTooLarge");
      const rows = /\.csv$/i.test(file.name)
        ? io.readCsvRows(io.decodeCsv(await file.arrayBuffer()))
        : await readWorkbookInWorker(await file.arrayBuffer(), as);
      if (as === "years") {
        setYearPreview(
          io.parseYearTable(rows, {
            fiscalYear: ctx.info.fiscalYear,
            existing: ctx.store.rows("actions").map((a) => ({ id: a.id, title: a.title, items: a.items })),
          }),
        );
        return;
      }
      const importCtx = {
        groups: ctx.groups,
        members: ctx.members,
        existingIds: new Set(
          (as === "actions" ? ctx.store.rows("actions") : ctx.store.rows("problems")).map((r) => r.id),
        ),
      };
      setPreview(
        as === "actions" ? io.parseActionRows(rows, importCtx) : io.parseProblemRows(rows, importCtx),
      );
    } catch (err) {
      // The reader's code is fetched on first use: offline, before any use, it cannot be.
      setError(isChunkLoadError(err) ? t("lazy.excelUnavailable") : importErrorText(err));
    }
  };
  const [file, setFile] = useState<File | null>(null);

  const confirmYears = () => {
    if (!yearPreview || yearPreview.issues.length > 0) return;
    const result = applyYearTable(ctx.doc, ctx.store.rows("actions"), yearPreview);
    setDone(t("import.years.done", { notes: result.notes, added: result.added, updated: result.updated }));
    setYearPreview(null);
  };

  const confirm = () => {
    if (kind === "years") return confirmYears();
    if (!preview || preview.issues.length > 0) return;
    const existing = kind === "actions" ? ctx.store.rows("actions") : ctx.store.rows("problems");
    const result = applyImport(
      ctx.doc,
      kind,
      existing,
      preview.rows.map((r) => ({ id: r.id, values: r.values as Record<string, unknown> })),
    );
    setDone(t("import.done", { count: result.added + result.updated }));
    setPreview(null);
  };

  const added = preview?.rows.filter((r) => r.id === null).length ?? 0;
  const updated = (preview?.rows.length ?? 0) - added;
  return (
    <div className="dialog-backdrop">
      <dialog open className="dialog wide-dialog" aria-label={t("import.title")} data-testid="import-dialog">
        <h2>{t("import.title")}</h2>
        <div className="inline-form">
          <label>
            {t("import.kind")}
            <select
              value={kind}
              data-testid="import-kind"
              onChange={(e) => {
                const k = e.target.value as Kind;
                setKind(k);
                if (file) void read(file, k);
              }}
            >
              <option value="actions">{t("import.kind.actions")}</option>
              <option value="problems">{t("import.kind.problems")}</option>
              <option value="years">{t("import.kind.years")}</option>
            </select>
          </label>
          <label>
            {t("import.file")}
            <input
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="import-file"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                if (f) void read(f, kind);
              }}
            />
          </label>
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="import-failed">
            {error}
          </p>
        )}
        {done && (
          <p className="notice" data-testid="import-done">
            {done}
          </p>
        )}
        {preview?.noHeader && (
          <p className="field-error" role="alert" data-testid="import-no-header">
            {t("import.noHeader", { title: t(kind === "actions" ? "plan.actions" : "plan.problems") })}
          </p>
        )}
        {preview && !preview.noHeader && (
          <>
            {preview.issues.length > 0 && (
              <div className="preview-errors" role="alert" data-testid="import-errors">
                <p>{t("import.errors", { count: preview.issues.length })}</p>
                <ul>
                  {preview.issues.map((i) => (
                    <li key={`${i.row}-${i.column}-${i.code}`} data-testid="import-error">
                      {t("import.row", { row: i.row })}　
                      {t(`import.error.${i.code}` as MessageKey, { column: i.column, value: i.value })}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <p>{t("import.summary", { added, updated })}</p>
            <table className="grid-table" data-testid="import-preview">
              <thead>
                <tr>
                  <th>{t("import.row", { row: "" })}</th>
                  <th />
                  <th>{t("plan.col.title")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.row} className={preview.issues.some((i) => i.row === r.row) ? "has-error" : ""}>
                    <td>{r.row}</td>
                    <td>{r.id ? t("import.update") : t("import.add")}</td>
                    <td>{String((r.values as { title?: string }).title ?? "")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.rows.length === 0 && <p className="muted">{t("import.nothing")}</p>}
          </>
        )}
        {yearPreview && <YearTablePreviewView preview={yearPreview} />}
        <div className="row">
          <button
            type="button"
            onClick={confirm}
            disabled={
              kind === "years"
                ? !yearCanApply(yearPreview)
                : !preview || preview.noHeader || preview.issues.length > 0 || preview.rows.length === 0
            }
            data-testid="import-confirm"
          >
            {kind === "years"
              ? t("import.years.confirm")
              : t("import.confirm", { count: preview?.rows.length ?? 0 })}
          </button>
          <button type="button" className="link" onClick={onClose} data-testid="import-close">
            {t("common.cancel")}
          </button>
        </div>
      </dialog>
    </div>
  );
}

const yearCanApply = (p: YearTablePreview | null): boolean =>
  p !== null &&
  !p.noHeader &&
  p.issues.length === 0 &&
  (p.notes.length > 0 || (p.hasYear && p.actions.length > 0));

/** What a multi-year table (seed 004) would bring into this year's plan, before anything is written. */
function YearTablePreviewView({ preview }: { preview: YearTablePreview }) {
  const ctx = usePlanContext();
  if (preview.noHeader) {
    return (
      <p className="field-error" role="alert" data-testid="import-no-header">
        {t("import.years.noHeader")}
      </p>
    );
  }
  return (
    <div data-testid="year-import-preview">
      {preview.issues.length > 0 && (
        <div className="preview-errors" role="alert" data-testid="import-errors">
          <p>{t("import.errors", { count: preview.issues.length })}</p>
          <ul>
            {preview.issues.map((i) => (
              <li key={`${i.row}-${i.column}-${i.code}`} data-testid="import-error">
                {t("import.row", { row: i.row })}　
                {t(`import.error.${i.code}` as MessageKey, { column: i.column, value: i.value })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        {t("import.years.found", {
          years: preview.years.map(fiscalYearLabel).join("、"),
          notes: preview.notes.length,
        })}
      </p>
      {!preview.hasYear && (
        <p className="notice" role="status" data-testid="import-years-missing">
          {t("import.years.noColumn", { year: fiscalYearLabel(ctx.info.fiscalYear) })}
        </p>
      )}
      {preview.hasYear && (
        <p>
          {t("import.years.actions", {
            year: fiscalYearLabel(ctx.info.fiscalYear),
            added: preview.actions.filter((a) => !a.existingId).length,
            updated: preview.actions.filter((a) => a.existingId).length,
          })}
        </p>
      )}
      {preview.otherYears.length > 0 && (
        <p className="muted">
          {t("import.years.others", {
            years: preview.otherYears.map((y) => `${fiscalYearLabel(y.fiscalYear)} ${y.count}件`).join("、"),
          })}
        </p>
      )}
      {preview.actions.length > 0 && (
        <table className="grid-table" data-testid="import-preview">
          <thead>
            <tr>
              <th>{t("import.row", { row: "" })}</th>
              <th />
              <th>{t("plan.col.items")}</th>
              <th>{t("plan.col.title")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.actions.map((a) => (
              <tr key={`${a.row}-${a.item}-${a.title}`}>
                <td>{a.row}</td>
                <td>{a.existingId ? t("import.years.addItem") : t("import.add")}</td>
                <td>{itemMark(a.item)}</td>
                <td>
                  {fundingMark(a.fundingSource)}
                  {a.title}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
