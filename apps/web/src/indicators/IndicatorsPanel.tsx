/**
 * The indicators tab: the catalogue with values per 年度 (entered in a grid), each
 * indicator's trend chart, comparison with the region's municipalities, import and export,
 * and the population bases normalisation needs.
 */
import {
  currentFiscalYear,
  figureOf,
  fiscalYearLabel,
  ITEMS,
  itemMark,
  parseFiscalYear,
  roundFigure,
  SCENES,
} from "@tsumugi/domain";
import { type FormEvent, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError, api, post } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { readWorkbookInWorker } from "../import/read-workbook";
import { planApi } from "../plan/plan-api";
import { ErrorBanner } from "../ui/Field";
import { FiscalYearInput } from "../ui/FiscalYearInput";
import { importErrorText } from "../ui/import-errors";
import { CompareView } from "./CompareView";
import { markersFor, type PlanMarker, TrendChart, yearRange } from "./TrendChart";
import { type IndicatorData, type IndicatorInfo, useIndicators } from "./useIndicators";
import "../ui/table-scroll.css";
import "./indicators.css";

const VIEWS = ["grid", "trend", "compare", "import", "population"] as const;
type View = (typeof VIEWS)[number];

export function IndicatorsPanel({ wid }: { wid: string }) {
  const { data, reload } = useIndicators(wid);
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get("iview") ?? "")
    ? (params.get("iview") as View)
    : "grid";
  const selected = params.get("indicator");
  const go = (v: View, indicator?: string) => {
    const next = new URLSearchParams(params);
    next.set("iview", v);
    if (indicator) next.set("indicator", indicator);
    setParams(next);
  };
  if (!data) return <p className="muted">{t("common.loading")}</p>;
  return (
    <section data-testid="indicators-panel">
      <nav className="subtabs">
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={v === view ? "link active" : "link"}
            aria-current={v === view ? "page" : undefined}
            onClick={() => go(v)}
            data-testid={`indicators-view-${v}`}
          >
            {t(`indicators.view.${v}` as MessageKey)}
          </button>
        ))}
      </nav>
      {view === "grid" && (
        <>
          <ValueGrid wid={wid} data={data} onOpen={(id) => go("trend", id)} />
          {data.can.define && <NewIndicator wid={wid} onDone={() => void reload()} />}
        </>
      )}
      {view === "trend" && (
        <TrendView wid={wid} data={data} selected={selected} onSelect={(id) => go("trend", id)} />
      )}
      {view === "compare" && <CompareView wid={wid} data={data} />}
      {view === "import" && <ImportView wid={wid} onDone={reload} />}
      {view === "population" && <PopulationView wid={wid} data={data} />}
    </section>
  );
}

function NewIndicator({ wid, onDone }: { wid: string; onDone(): void }) {
  const [form, setForm] = useState({
    code: "",
    name: "",
    type: "P",
    kind: "count",
    unit: "",
    normalisation: "none",
    direction: "up",
    source: "",
    notes: "",
  });
  const [scenes, setScenes] = useState<string[]>([]);
  const [items, setItems] = useState<string[]>([]);
  const [monthly, setMonthly] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/workspaces/${wid}/indicators`, { ...form, scenes, items, monthly });
      setFields({});
      setForm({ ...form, code: "", name: "" });
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setFields(err.fields);
    }
  };
  return (
    <details className="card">
      <summary data-testid="indicator-new">{t("indicators.new")}</summary>
      <form className="inline-form" onSubmit={submit}>
        <label>
          {t("indicators.code")}
          <input value={form.code} onChange={set("code")} />
          {fields.code && (
            <span className="field-error">
              {t(fields.code === "taken" ? "indicators.codeTaken" : "field.format")}
            </span>
          )}
        </label>
        <label>
          {t("indicators.name")}
          <input value={form.name} onChange={set("name")} />
          {fields.name && <span className="field-error">{t("field.required")}</span>}
        </label>
        <label>
          {t("indicators.type")}
          <select value={form.type} onChange={set("type")}>
            {(["S", "P", "O"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicatorType.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.kind")}
          <select value={form.kind} onChange={set("kind")}>
            {(["count", "rate", "yesno", "score"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicatorKind.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.unit")}
          <input value={form.unit} onChange={set("unit")} className="short" />
        </label>
        <label>
          {t("indicators.normalisation")}
          <select value={form.normalisation} onChange={set("normalisation")}>
            <option value="none">{t("indicators.per.none")}</option>
            {(["per10k75", "per10k65", "per10kPop"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicators.per.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.directionLabel")}
          <select value={form.direction} onChange={set("direction")}>
            {(["up", "down", "none"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicators.direction.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.source")}
          <input value={form.source} onChange={set("source")} />
        </label>
        <label>
          {t("indicators.note")}
          <input value={form.notes} onChange={set("notes")} />
        </label>
        <fieldset className="checks">
          <legend>{t("plan.col.scenes")}</legend>
          {SCENES.map((x) => (
            <label key={x.id} className="check">
              <input
                type="checkbox"
                checked={scenes.includes(x.id)}
                onChange={(e) =>
                  setScenes(e.target.checked ? [...scenes, x.id] : scenes.filter((v) => v !== x.id))
                }
              />
              {t(`scene.${x.id}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>{t("plan.col.items")}</legend>
          {ITEMS.map((x) => (
            <label key={x.id} className="check">
              <input
                type="checkbox"
                checked={items.includes(x.id)}
                onChange={(e) =>
                  setItems(e.target.checked ? [...items, x.id] : items.filter((v) => v !== x.id))
                }
              />
              {itemMark(x.id)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={monthly} onChange={(e) => setMonthly(e.target.checked)} />
          {t("indicators.monthly")}
        </label>
        <button type="submit">{t("common.create")}</button>
      </form>
    </details>
  );
}

const GRID_YEARS = 6;

function ValueGrid({ wid, data, onOpen }: { wid: string; data: IndicatorData; onOpen(id: string): void }) {
  const fy = currentFiscalYear();
  const { min, max } = enterableYears();
  const allYears = data.values.map((v) => v.fiscalYear);
  const [chosenLast, setChosenLast] = useState<number | null>(null);
  const last = Math.min(max, chosenLast ?? Math.max(fy, ...allYears));
  const years = Array.from({ length: GRID_YEARS }, (_, i) => last - GRID_YEARS + 1 + i);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const show = () => {
    const y = parseFiscalYear(typed);
    if (y === null) return setError(t("fiscalYear.invalid"));
    if (y < min || y > max) {
      return setError(t("fiscalYear.outOfRange", { from: fiscalYearLabel(min), to: fiscalYearLabel(max) }));
    }
    setError(null);
    setTyped("");
    if (y < years[0]) setChosenLast(y + GRID_YEARS - 1);
    else if (y > last) setChosenLast(y);
  };
  const move = (by: number) => setChosenLast(Math.max(min + GRID_YEARS - 1, Math.min(max, last + by)));
  return (
    <>
      <form
        className="inline-form grid-years no-print"
        onSubmit={(e) => {
          e.preventDefault();
          show();
        }}
      >
        <button
          type="button"
          onClick={() => move(-1)}
          disabled={years[0] <= min}
          data-testid="grid-years-earlier"
        >
          {t("indicators.yearsEarlier")}
        </button>
        <button type="button" onClick={() => move(1)} disabled={last >= max} data-testid="grid-years-later">
          {t("indicators.yearsLater")}
        </button>
        <FiscalYearInput
          label={t("indicators.showYear")}
          value={typed}
          onChange={(text) => {
            setTyped(text);
            setError(null);
          }}
          testId="grid-year"
        />
        <button type="submit" data-testid="grid-year-show">
          {t("indicators.show")}
        </button>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </form>
      <div className="table-scroll">
        <table className="grid-table indicator-grid" data-testid="indicator-grid">
          <thead>
            <tr>
              <th scope="col" className="sticky-col">
                {t("indicators.name")}
              </th>
              {years.map((y) => (
                <th key={y} scope="col">
                  {fiscalYearLabel(y)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.indicators.map((i) => (
              <tr key={i.id} data-testid="indicator-row" data-code={i.code}>
                <th scope="row" className="sticky-col">
                  <span className="indicator-code">{i.code}</span>
                  <button
                    type="button"
                    className="link"
                    onClick={() => onOpen(i.id)}
                    data-testid="indicator-open"
                  >
                    {i.name}
                  </button>
                  <span className="indicator-meta">
                    {t(`indicatorType.${i.type}` as MessageKey)}
                    {i.unit && `・${i.unit}`}
                    {i.derived && <span className="badge">{t("indicators.derived")}</span>}
                  </span>
                </th>
                {years.map((y) => (
                  <td key={y}>
                    <ValueCell wid={wid} indicator={i} data={data} fiscalYear={y} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One cell: counts and scores typed in place; rates from numerator and denominator. */
function ValueCell(props: {
  wid: string;
  indicator: IndicatorInfo;
  data: IndicatorData;
  fiscalYear: number;
}) {
  const { indicator, data, fiscalYear } = props;
  const entry = data.values.find(
    (v) => v.indicatorId === indicator.id && v.fiscalYear === fiscalYear && v.month === 0,
  );
  const shown = entry ? roundFigure(figureOf(indicator.kind, entry)) : null;
  const [draft, setDraft] = useState<string | null>(null);
  const [parts, setParts] = useState<{ numerator: string; denominator: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editable = indicator.abilities.enterValues;

  const save = async (body: Record<string, unknown>) => {
    try {
      await api("PUT", `/api/workspaces/${props.wid}/indicators/${indicator.id}/values`, {
        fiscalYear,
        target: entry?.target ?? null,
        source: entry?.source ?? "",
        note: entry?.note ?? "",
        ...body,
      });
      setError(null);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? Object.values(err.fields)
              .map((f) => t(`indicators.error.${f}` as MessageKey))
              .join(" ") || err.message
          : String(err),
      );
    }
  };

  if (!editable) return <span data-testid="indicator-value">{shown ?? ""}</span>;
  if (indicator.kind === "rate") {
    return (
      <span className="rate-cell">
        {parts ? (
          <span className="rate-parts">
            <input
              aria-label={t("indicators.numerator")}
              value={parts.numerator}
              onChange={(e) => setParts({ ...parts, numerator: e.target.value })}
            />
            /
            <input
              aria-label={t("indicators.denominator")}
              value={parts.denominator}
              onChange={(e) => setParts({ ...parts, denominator: e.target.value })}
            />
            <button
              type="button"
              className="icon"
              onClick={async () => {
                const n = Number(parts.numerator);
                const d = Number(parts.denominator);
                if (
                  parts.numerator === "" ||
                  parts.denominator === "" ||
                  !Number.isFinite(n) ||
                  !Number.isFinite(d)
                ) {
                  setError(t("indicators.error.number"));
                  return;
                }
                await save({ value: null, numerator: n, denominator: d });
                setParts(null);
              }}
            >
              {t("common.save")}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="link"
            data-testid="indicator-value"
            onClick={() =>
              setParts({
                numerator: String(entry?.numerator ?? ""),
                denominator: String(entry?.denominator ?? ""),
              })
            }
          >
            {shown !== null ? `${shown}%` : "＋"}
          </button>
        )}
        {error && <span className="field-error">{error}</span>}
      </span>
    );
  }
  return (
    <span>
      <input
        className="value-input"
        inputMode="decimal"
        aria-label={`${indicator.name} ${fiscalYearLabel(fiscalYear)}`}
        value={draft ?? (shown === null ? "" : String(shown))}
        data-testid="indicator-input"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={async () => {
          if (draft === null) return;
          const text = draft.normalize("NFKC").replace(/,/g, "").trim();
          setDraft(null);
          if (text === (shown === null ? "" : String(shown))) return;
          const n = text === "" ? null : Number(text);
          if (n !== null && !Number.isFinite(n)) {
            setError(t("indicators.error.number"));
            return;
          }
          await save({ value: n });
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.nativeEvent.isComposing) (e.target as HTMLInputElement).blur();
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}

function TrendView(props: {
  wid: string;
  data: IndicatorData;
  selected: string | null;
  onSelect(id: string): void;
}) {
  const { data } = props;
  const indicator = data.indicators.find((i) => i.id === props.selected) ?? data.indicators[0];
  const [normalised, setNormalised] = useState(false);
  const [markers, setMarkers] = useState<PlanMarker[]>([]);
  useEffect(() => {
    if (!indicator) return;
    void planApi(props.wid)
      .years()
      .then((r) =>
        setMarkers(
          markersFor(
            indicator.id,
            r.years.flatMap((y) => y.actions.map((a) => ({ ...a, period: { start: a.periodStart } }))),
          ),
        ),
      );
  }, [props.wid, indicator]);
  if (!indicator) return null;
  const [from, to] = yearRange(data, indicator.id, currentFiscalYear());
  return (
    <div data-testid="trend-view">
      <div className="row">
        <label className="inline-field">
          {t("indicators.name")}
          <select
            value={indicator.id}
            onChange={(e) => props.onSelect(e.target.value)}
            data-testid="trend-select"
          >
            {data.indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} {i.name}
              </option>
            ))}
          </select>
        </label>
        {indicator.normalisation !== "none" && (
          <label className="check">
            <input
              type="checkbox"
              checked={normalised}
              onChange={(e) => setNormalised(e.target.checked)}
              data-testid="trend-normalised"
            />
            {t(`indicators.per.${indicator.normalisation}` as MessageKey)}
          </label>
        )}
      </div>
      <p className="muted small">
        {t(indicator.notes ? "indicators.summaryWithNotes" : "indicators.summary", {
          type: t(`indicatorType.${indicator.type}` as MessageKey),
          direction: t(`indicators.direction.${indicator.direction}` as MessageKey),
          source: indicator.source,
          notes: indicator.notes,
        })}
      </p>
      <TrendChart
        indicator={indicator}
        data={data}
        from={from}
        to={to}
        normalised={normalised}
        markers={markers}
      />
    </div>
  );
}

function ImportView({ wid, onDone }: { wid: string; onDone(): Promise<void> }) {
  const [rows, setRows] = useState<unknown[][] | null>(null);
  const [preview, setPreview] = useState<{
    rows: { row: number; code: string; fiscalYear: number; value: number | null }[];
    issues: { row: number; column: string; code: string; value: string }[];
    noHeader: boolean;
    written: number;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/workspaces/${wid}/indicators/import`;

  const read = async (file: File) => {
    setPreview(null);
    setError(null);
    try {
      const io = await import("@tsumugi/plan-io");
      if (file.size > io.IMPORT_LIMITS.fileBytes) throw new io.ImportLimitError("fileTooLarge");
      const cells = /\.csv$/i.test(file.name)
        ? io.readCsvRows(io.decodeCsv(await file.arrayBuffer()))
        : await readWorkbookInWorker(await file.arrayBuffer(), "actions");
      const plain = cells.map((r) => r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)));
      setRows(plain);
      setPreview(await post(url, { dryRun: true, rows: plain }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : importErrorText(err));
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!rows) return;
    const res = await post<typeof preview>(url, { dryRun: false, rows });
    setPreview(res);
    await onDone();
  };
  return (
    <form className="card" onSubmit={confirm} data-testid="indicator-import">
      <p className="muted">{t("indicators.importHint")}</p>
      <label className="inline-field">
        {t("import.file")}
        <input
          type="file"
          accept=".csv,.xlsx"
          data-testid="indicator-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void read(f);
          }}
        />
      </label>
      <div className="row export-links">
        <a href={`/api/workspaces/${wid}/indicators/export.csv`} data-testid="indicator-export">
          {t("indicators.export")}
        </a>
        <a
          href={`/api/workspaces/${wid}/indicators/definitions.csv`}
          data-testid="indicator-export-definitions"
        >
          {t("indicators.exportDefinitions")}
        </a>
      </div>
      <ErrorBanner message={error} />
      {preview?.noHeader && <p className="field-error">{t("indicators.noHeader")}</p>}
      {preview && preview.issues.length > 0 && (
        <div className="preview-errors" role="alert" data-testid="indicator-import-errors">
          <p>{t("import.errors", { count: preview.issues.length })}</p>
          <ul>
            {preview.issues.map((i) => (
              <li key={`${i.row}-${i.column}-${i.code}`} data-testid="indicator-import-error">
                {t("import.row", { row: i.row })}　{i.column}：{t(`indicators.error.${i.code}` as MessageKey)}
                {i.value && `（「${i.value}」）`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && preview.written > 0 && (
        <p className="notice">{t("import.done", { count: preview.written })}</p>
      )}
      {preview && !preview.noHeader && preview.written === 0 && (
        <button
          type="submit"
          disabled={preview.issues.length > 0 || preview.rows.length === 0}
          data-testid="indicator-import-confirm"
        >
          {t("import.confirm", { count: preview.rows.length })}
        </button>
      )}
    </form>
  );
}

/** The 年度 the server accepts values for: 2000 to next year. */
function enterableYears(): { min: number; max: number } {
  return { min: 2000, max: currentFiscalYear() + 1 };
}

function PopulationView({ wid, data }: { wid: string; data: IndicatorData }) {
  const fy = currentFiscalYear();
  // Years a person added here that have no figures yet.
  const [added, setAdded] = useState<number[]>([]);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  // Every 年度 from the first with figures (or last year) to this one, and any added.
  const known = [...data.populations.keys(), fy - 1, fy, ...added];
  const first = Math.min(...known);
  const years = Array.from({ length: Math.max(...known) - first + 1 }, (_, i) => first + i);
  const add = () => {
    const y = parseFiscalYear(typed);
    const { min, max } = enterableYears();
    if (y === null) {
      setError(t("fiscalYear.invalid"));
      return;
    }
    if (y < min || y > max) {
      setError(t("fiscalYear.outOfRange", { from: fiscalYearLabel(min), to: fiscalYearLabel(max) }));
      return;
    }
    setAdded((a) => (a.includes(y) ? a : [...a, y]));
    setTyped("");
    setError(null);
  };
  return (
    <div className="population-view">
      <div className="table-scroll">
        <table className="grid-table population-table" data-testid="population">
          <thead>
            <tr>
              <th className="sticky-col">{t("plans.year")}</th>
              <th>{t("indicators.pop.total")}</th>
              <th>{t("indicators.pop.aged65")}</th>
              <th>{t("indicators.pop.aged75")}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <PopulationRow key={y} wid={wid} fiscalYear={y} data={data} />
            ))}
          </tbody>
        </table>
      </div>
      {data.can.enter && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <FiscalYearInput
            label={t("indicators.pop.addYear")}
            value={typed}
            onChange={(text) => {
              setTyped(text);
              setError(null);
            }}
            testId="population-year"
          />
          <button type="submit" data-testid="population-add">
            {t("indicators.pop.add")}
          </button>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
    </div>
  );
}

function PopulationRow({ wid, fiscalYear, data }: { wid: string; fiscalYear: number; data: IndicatorData }) {
  const p = data.populations.get(fiscalYear);
  const [values, setValues] = useState({
    total: String(p?.total ?? ""),
    aged65: String(p?.aged65 ?? ""),
    aged75: String(p?.aged75 ?? ""),
  });
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const num = (s: string) => {
      const text = s.normalize("NFKC").replace(/[,\s]/g, "");
      return text === "" ? null : Number(text);
    };
    try {
      await api("PUT", `/api/workspaces/${wid}/indicators/populations/${fiscalYear}`, {
        total: num(values.total),
        aged65: num(values.aged65),
        aged75: num(values.aged75),
      });
      setError(null);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? Object.values(err.fields)
              .map((f) => t(`indicators.error.${f}` as MessageKey))
              .join(" ")
          : String(err),
      );
    }
  };
  return (
    <tr data-testid="population-row" data-year={fiscalYear}>
      <th scope="row" className="sticky-col">
        {fiscalYearLabel(fiscalYear)}
      </th>
      {(["total", "aged65", "aged75"] as const).map((k) => (
        <td key={k}>
          <input
            className="value-input"
            value={values[k]}
            disabled={!data.can.enter}
            aria-label={`${fiscalYearLabel(fiscalYear)} ${t(`indicators.pop.${k}`)}`}
            onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            onBlur={() => void save()}
          />
        </td>
      ))}
      {error && <td className="field-error">{error}</td>}
    </tr>
  );
}
