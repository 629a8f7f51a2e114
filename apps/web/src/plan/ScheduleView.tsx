/**
 * The yearly schedule (年間予定): activities × April→March with dated or month-level events,
 * and the multi-year plan periods (介護保険事業計画 第9期 …) as bars across fiscal years.
 */

import type { Event } from "@tsumugi/contract";
import {
  FISCAL_MONTHS,
  fiscalYearLabel,
  fiscalYearOfPoint,
  isPeriodPoint,
  newId,
  orderAfterLast,
  PLAN_TEXT_LIMITS,
  parseFiscalYear,
  type ScheduleEvent,
  setRowField,
  weekdayOfIsoDate,
} from "@tsumugi/domain";
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useParams } from "react-router";
import { LimitHint } from "../collab/LimitHint";
import {
  placeScheduleEvents,
  ScheduleEventEntries,
  UnlinkedEventsRow,
  useScheduleEvents,
} from "../events/ScheduleEvents";
import { t } from "../i18n/t";
import { FiscalYearInput } from "../ui/FiscalYearInput";
import { countRender, RowText, useVisitorStyle, Visitors } from "./cells";
import { gridKeyDown } from "./grid-keys";
import { PeriodBars } from "./PeriodBars";
import { usePlanContext } from "./PlanPage";
import { addRow, moveRow, removeRow } from "./plan-edits";
import { useFiscalYear, useRow, useTable, useTableSelect } from "./plan-store";
import { focusRowControl, PanelField, RowPanel } from "./RowPanel";

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
  const { store, doc, editable } = usePlanContext();
  const fy = useFiscalYear(store);
  const ids = useTableSelect(
    store,
    "scheduleRows",
    useCallback((rows) => rows.map((r) => r.id), []),
  );
  const [adding, setAdding] = useState<{ rowId: string; month: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const onOpen = useCallback((id: string) => setOpen((current) => (current === id ? null : id)), []);
  const onAdd = useCallback((rowId: string, month: string) => setAdding({ rowId, month }), []);
  // Trainings and lectures of the 年度 (研修・啓発), shown where they are held, read-only.
  const { wid = "" } = useParams();
  const yearEvents = useScheduleEvents(wid, fy);
  const { byRow: eventsOfRow, unlinked } = useMemo(
    () => placeScheduleEvents(yearEvents, new Set(ids)),
    [yearEvents, ids],
  );

  const addActivity = () => {
    addRow(doc, "scheduleRows", {
      id: newId(),
      order: orderAfterLast(store.rows("scheduleRows")),
      activity: t("plan.schedule.newRow"),
      actionIds: [],
    });
  };

  return (
    <div className="schedule" data-testid="schedule-view">
      <table
        className="grid-table plan-grid schedule-grid"
        data-testid="schedule-grid"
        onKeyDown={gridKeyDown}
      >
        <colgroup>
          <col className="col-activity" />
          {FISCAL_MONTHS.map((m) => (
            <col key={m} className="col-month" />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th>{t("plan.schedule.activity")}</th>
            {FISCAL_MONTHS.map((m) => (
              <th key={m}>{t("plan.schedule.month", { month: m })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <ScheduleRowView
              key={id}
              id={id}
              fy={fy}
              open={open === id}
              onOpen={onOpen}
              onAdd={onAdd}
              wid={wid}
              trainings={eventsOfRow.get(id) ?? NO_EVENTS}
            />
          ))}
          <UnlinkedEventsRow wid={wid} events={unlinked} monthOf={(m) => monthOfFiscalYear(fy, m)} />
        </tbody>
      </table>
      {editable && (
        <button type="button" className="no-print" onClick={addActivity} data-testid="add-schedule-row">
          {t("plan.schedule.addRow")}
        </button>
      )}
      {adding && (
        <RowPanel title={t("plan.schedule.addEvent")} onClose={() => setAdding(null)} testId="event-panel">
          <EventForm fy={fy} {...adding} onDone={() => setAdding(null)} />
        </RowPanel>
      )}
      {open && (
        <ScheduleRowPanel
          id={open}
          onClose={() => {
            focusRowControl(open, "schedule-details-toggle");
            setOpen(null);
          }}
        />
      )}
      <PeriodBars />
    </div>
  );
}

const NO_EVENTS: Event[] = [];

const ScheduleRowView = memo(function ScheduleRowView(props: {
  id: string;
  fy: number;
  open: boolean;
  onOpen(id: string): void;
  onAdd(rowId: string, month: string): void;
  wid: string;
  /** Events linked to this row (from 研修・啓発), read-only. */
  trainings: readonly Event[];
}) {
  const { store, doc, editable } = usePlanContext();
  const row = useRow(store, "scheduleRows", props.id);
  const events = useTableSelect(
    store,
    "scheduleEvents",
    useCallback((all) => all.filter((e) => e.rowId === props.id), [props.id]),
  );
  const linked = useTableSelect(
    store,
    "actions",
    useCallback(
      () => (row?.actionIds ?? []).map((id) => store.row("actions", id)?.title ?? ""),
      [row?.actionIds, store],
    ),
  );
  const style = useVisitorStyle("scheduleRows", props.id);
  countRender("scheduleRow", props.id);
  if (!row) return null;
  return (
    <tr data-row-id={row.id} data-testid="schedule-row" style={style}>
      <th scope="row" className="cell-activity">
        <RowText table="scheduleRows" id={row.id} field="activity" label={t("plan.schedule.activity")} />
        <Visitors table="scheduleRows" id={row.id} />
        {linked.length > 0 && (
          <ul className="link-list" aria-label={t("plan.col.actionsLinked")}>
            {linked.map((title, i) => (
              <li key={row.actionIds[i]} className="link-chip">
                {title}
              </li>
            ))}
          </ul>
        )}
        <span className="row-tools no-print">
          <button
            type="button"
            className="icon details-button"
            aria-expanded={props.open}
            aria-haspopup="dialog"
            onClick={() => props.onOpen(row.id)}
            data-testid="schedule-details-toggle"
          >
            {t("plan.details")}
          </button>
          {editable && (
            <button
              type="button"
              className="icon phone-only"
              onClick={() => props.onAdd(row.id, monthOfFiscalYear(props.fy, 4))}
            >
              {t("plan.schedule.addEvent")}
            </button>
          )}
          {editable && (
            <>
              <button
                type="button"
                className="icon"
                onClick={() => moveRow(doc, "scheduleRows", store.rows("scheduleRows"), row.id, -1)}
                title={t("plan.moveUp")}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon"
                onClick={() => moveRow(doc, "scheduleRows", store.rows("scheduleRows"), row.id, 1)}
                title={t("plan.moveDown")}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon danger"
                title={t("plan.delete")}
                data-testid="row-delete"
                onClick={() => {
                  if (window.confirm(t("plan.confirmDelete", { title: row.activity })))
                    removeRow(doc, "scheduleRows", row.id);
                }}
              >
                ×
              </button>
            </>
          )}
        </span>
      </th>
      {FISCAL_MONTHS.map((m) => {
        const month = monthOfFiscalYear(props.fy, m);
        const inMonth = events.filter((e) => e.when.startsWith(month));
        const trainings = props.trainings.filter((e) => e.startsAt.startsWith(month));
        return (
          <td
            key={m}
            data-testid={`schedule-cell-${month}`}
            data-label={t("plan.schedule.month", { month: m })}
            className={inMonth.length + trainings.length === 0 ? "empty" : ""}
          >
            <ScheduleEventEntries wid={props.wid} events={trainings} />
            {inMonth.map((e) => (
              <div key={e.id} className="event" data-testid="schedule-event">
                <span>{eventLabel(e)}</span>
                {editable && (
                  <button
                    type="button"
                    className="icon tiny no-print"
                    title={t("plan.schedule.removeEvent")}
                    aria-label={`${t("plan.schedule.removeEvent")}：${eventLabel(e)}`}
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
                className="icon tiny add-event no-print"
                title={t("plan.schedule.addEvent")}
                aria-label={`${t("plan.schedule.month", { month: m })} ${t("plan.schedule.addEvent")}`}
                onClick={() => props.onAdd(row.id, month)}
              >
                ＋
              </button>
            )}
          </td>
        );
      })}
    </tr>
  );
});

/** A schedule row's name and the actions it carries out, linked by id. */
function ScheduleRowPanel({ id, onClose }: { id: string; onClose(): void }) {
  const { store, doc, editable } = usePlanContext();
  const row = useRow(store, "scheduleRows", id);
  const actions = useTable(store, "actions");
  if (!row)
    return (
      <RowPanel title={t("plan.panel.schedule")} onClose={onClose} testId="schedule-panel">
        <p className="notice">{t("plan.panel.gone")}</p>
      </RowPanel>
    );
  const set = (ids: string[]) => setRowField(doc, "scheduleRows", id, "actionIds", ids);
  const linked = actions.filter((a) => row.actionIds.includes(a.id));
  return (
    <RowPanel title={t("plan.panel.schedule")} onClose={onClose} testId="schedule-panel">
      <div className="panel-grid">
        <PanelField label={t("plan.schedule.activity")} wide>
          <RowText table="scheduleRows" id={id} field="activity" label={t("plan.schedule.activity")} />
        </PanelField>
        <PanelField label={t("plan.col.actionsLinked")} wide>
          <ul className="plain linked-actions">
            {linked.map((a) => (
              <li key={a.id} className="link-chip">
                {a.title}
                {editable && (
                  <button
                    type="button"
                    className="icon tiny"
                    title={t("plan.delete")}
                    aria-label={`${t("plan.delete")}：${a.title}`}
                    onClick={() => set(row.actionIds.filter((x) => x !== a.id))}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {editable && (
            <select
              aria-label={t("plan.linkAction")}
              value=""
              onChange={(e) => e.target.value && set([...row.actionIds, e.target.value])}
            >
              <option value="">{t("plan.linkAction")}</option>
              {actions
                .filter((a) => !row.actionIds.includes(a.id))
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title}
                  </option>
                ))}
            </select>
          )}
        </PanelField>
      </div>
    </RowPanel>
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
    addRow(doc, "scheduleEvents", { id: newId(), rowId: props.rowId, when: value, label: label.trim() });
    props.onDone();
  };
  return (
    <form
      className="panel-form no-print"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="event-form"
    >
      <label>
        {t("plan.schedule.eventLabel")}
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={PLAN_TEXT_LIMITS.scheduleEvents.label}
          data-testid="event-label"
        />
        <LimitHint value={label} max={PLAN_TEXT_LIMITS.scheduleEvents.label} />
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
