/**
 * The yearly schedule (年間予定): activities × April→March with dated or month-level events,
 * and the multi-year plan periods (介護保険事業計画 第9期 …) as bars across fiscal years.
 */
import {
  FISCAL_MONTHS,
  fiscalYearLabel,
  fiscalYearOfPoint,
  isPeriodPoint,
  orderKeyBetween,
  type ScheduleEvent,
  setRowField,
  sortOrdered,
  weekdayOfIsoDate,
} from "@tsumugi/domain";
import { useState } from "react";
import { t } from "../i18n/t";
import { RowText, RowTools, Visitors, visitorStyle } from "./cells";
import { usePlanContext } from "./PlanPage";
import { addRow, moveRow, newRowId, removeRow } from "./plan-edits";

/** "2023-05" for month 5 of FY2023; January–March belong to the next calendar year. */
export function monthOfFiscalYear(fy: number, month: number): string {
  return `${month >= 4 ? fy : fy + 1}-${String(month).padStart(2, "0")}`;
}

function eventLabel(e: ScheduleEvent): string {
  if (e.when.length === 10) {
    return `${Number(e.when.slice(5, 7))}/${Number(e.when.slice(8, 10))}（${weekdayOfIsoDate(e.when)}） ${e.label}`;
  }
  return e.label;
}

export function ScheduleView() {
  const { plan, doc, editable, presence } = usePlanContext();
  const fy = plan.fiscalYear;
  const [adding, setAdding] = useState<{ rowId: string; month: string } | null>(null);

  const addActivity = () => {
    const last = sortOrdered(plan.scheduleRows).at(-1);
    addRow(doc, "scheduleRows", {
      id: newRowId(),
      order: orderKeyBetween(last?.order ?? null, null),
      activity: t("plan.schedule.newRow"),
      actionIds: [],
    });
  };

  return (
    <div className="schedule" data-testid="schedule-view">
      <div className="scroll-x">
        <table className="grid-table schedule-grid" data-testid="schedule-grid">
          <thead>
            <tr>
              <th>{t("plan.schedule.activity")}</th>
              {FISCAL_MONTHS.map((m) => (
                <th key={m}>{t("plan.schedule.month", { month: m })}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.scheduleRows.map((row) => (
              <tr
                key={row.id}
                data-testid="schedule-row"
                style={visitorStyle(presence, "scheduleRows", row.id)}
              >
                <th scope="row">
                  <RowText
                    table="scheduleRows"
                    id={row.id}
                    field="activity"
                    label={t("plan.schedule.activity")}
                  />
                  <Visitors table="scheduleRows" id={row.id} />
                  <LinkedActions rowId={row.id} actionIds={row.actionIds} />
                  {editable && (
                    <RowTools
                      disabled={!editable}
                      onUp={() => moveRow(doc, "scheduleRows", plan.scheduleRows, row.id, -1)}
                      onDown={() => moveRow(doc, "scheduleRows", plan.scheduleRows, row.id, 1)}
                      onDelete={() => {
                        if (window.confirm(t("plan.confirmDelete", { title: row.activity })))
                          removeRow(doc, "scheduleRows", row.id);
                      }}
                    />
                  )}
                </th>
                {FISCAL_MONTHS.map((m) => {
                  const month = monthOfFiscalYear(fy, m);
                  const events = plan.scheduleEvents.filter(
                    (e) => e.rowId === row.id && e.when.startsWith(month),
                  );
                  return (
                    <td key={m} data-testid={`schedule-cell-${month}`}>
                      {events.map((e) => (
                        <div key={e.id} className="event" data-testid="schedule-event">
                          {eventLabel(e)}
                          {editable && (
                            <button
                              type="button"
                              className="icon no-print"
                              title={t("plan.schedule.removeEvent")}
                              onClick={() => removeRow(doc, "scheduleEvents", e.id)}
                            >
                              ×
                            </button>
                          )}
                        </div>
                      ))}
                      {editable && (
                        <button
                          type="button"
                          className="icon add-event no-print"
                          title={t("plan.schedule.addEvent")}
                          onClick={() => setAdding({ rowId: row.id, month })}
                        >
                          ＋
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable && (
        <button type="button" className="no-print" onClick={addActivity} data-testid="add-schedule-row">
          {t("plan.schedule.addRow")}
        </button>
      )}
      {adding && <EventForm fy={fy} {...adding} onDone={() => setAdding(null)} />}
      <PeriodBars />
    </div>
  );
}

/** The actions a schedule row carries out, linked by id. */
function LinkedActions({ rowId, actionIds }: { rowId: string; actionIds: string[] }) {
  const { plan, doc, editable } = usePlanContext();
  const set = (ids: string[]) => setRowField(doc, "scheduleRows", rowId, "actionIds", ids);
  const linked = plan.actions.filter((a) => actionIds.includes(a.id));
  return (
    <div className="linked-actions">
      {linked.map((a) => (
        <span key={a.id} className="link-chip">
          {a.title}
          {editable && (
            <button
              type="button"
              className="icon no-print"
              title={t("plan.delete")}
              onClick={() => set(actionIds.filter((id) => id !== a.id))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {editable && (
        <select
          className="no-print"
          aria-label={t("plan.linkAction")}
          value=""
          onChange={(e) => e.target.value && set([...actionIds, e.target.value])}
        >
          <option value="">{t("plan.linkAction")}</option>
          {plan.actions
            .filter((a) => !actionIds.includes(a.id))
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
        </select>
      )}
    </div>
  );
}

function EventForm(props: { fy: number; rowId: string; month: string; onDone(): void }) {
  const { doc } = usePlanContext();
  const [label, setLabel] = useState("");
  const [when, setWhen] = useState(props.month);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const value = when.trim();
    if (!isPeriodPoint(value) || fiscalYearOfPoint(value) !== props.fy) {
      setError(t("plan.schedule.badWhen"));
      return;
    }
    if (label.trim() === "") {
      setError(t("field.required"));
      return;
    }
    addRow(doc, "scheduleEvents", { id: newRowId(), rowId: props.rowId, when: value, label: label.trim() });
    props.onDone();
  };
  return (
    <form
      className="inline-form no-print"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="event-form"
    >
      <label>
        {t("plan.schedule.eventLabel")}
        <input value={label} onChange={(e) => setLabel(e.target.value)} data-testid="event-label" />
      </label>
      <label>
        {t("plan.schedule.eventWhen")}
        <input value={when} onChange={(e) => setWhen(e.target.value)} data-testid="event-when" />
      </label>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      <button type="submit">{t("common.save")}</button>
      <button type="button" className="link" onClick={props.onDone}>
        {t("common.cancel")}
      </button>
    </form>
  );
}

/** Plan periods as bars over a span of fiscal years around this plan's year. */
function PeriodBars() {
  const { plan, doc, editable } = usePlanContext();
  const fy = plan.fiscalYear;
  const periods = plan.planPeriods;
  const from = Math.min(fy - 2, ...periods.map((p) => p.startFiscalYear));
  const to = Math.max(fy + 3, ...periods.map((p) => p.endFiscalYear));
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const [name, setName] = useState("");
  const [start, setStart] = useState(String(fy));
  const [end, setEnd] = useState(String(fy + 2));
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    const s = Number(start);
    const e = Number(end);
    if (name.trim() === "" || !Number.isInteger(s) || !Number.isInteger(e) || s < 1989 || e > 2200 || s > e) {
      setError(t("field.invalid"));
      return;
    }
    const last = sortOrdered(periods).at(-1);
    addRow(doc, "planPeriods", {
      id: newRowId(),
      order: orderKeyBetween(last?.order ?? null, null),
      name: name.trim(),
      startFiscalYear: s,
      endFiscalYear: e,
    });
    setName("");
    setError(null);
  };

  return (
    <section className="period-bars" data-testid="period-bars">
      <h2>{t("plan.periods")}</h2>
      <div className="scroll-x">
        <table className="grid-table bars">
          <thead>
            <tr>
              <th />
              {years.map((y) => (
                <th key={y} className={y === fy ? "current" : ""}>
                  {fiscalYearLabel(y)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.id} data-testid="period-row">
                <th scope="row">
                  {p.name}
                  {editable && (
                    <button
                      type="button"
                      className="icon danger no-print"
                      title={t("plan.delete")}
                      onClick={() => removeRow(doc, "planPeriods", p.id)}
                    >
                      ×
                    </button>
                  )}
                </th>
                {years.map((y) => (
                  <td key={y} className={y >= p.startFiscalYear && y <= p.endFiscalYear ? "bar-on" : ""}>
                    {y === p.startFiscalYear ? p.name : ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable && (
        <form
          className="inline-form no-print"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label>
            {t("plan.periods.name")}
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t("plan.periods.start")}
            <input type="number" value={start} onChange={(e) => setStart(e.target.value)} />
          </label>
          <label>
            {t("plan.periods.end")}
            <input type="number" value={end} onChange={(e) => setEnd(e.target.value)} />
          </label>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
          <button type="submit">{t("plan.periods.add")}</button>
        </form>
      )}
    </section>
  );
}
