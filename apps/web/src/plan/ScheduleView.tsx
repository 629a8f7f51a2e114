/**
 * The yearly schedule (年間予定): activities × April→March with dated or month-level events,
 * and the multi-year plan periods (介護保険事業計画 第9期 …) as bars across fiscal years.
 * A row is in ScheduleRow, its panels in SchedulePanels.
 */
import { FISCAL_MONTHS, newId, orderAfterLast } from "@tsumugi/domain";
import { useCallback, useMemo, useState } from "react";
import { useParams } from "react-router";
import { placeScheduleEvents, UnlinkedEventsRow, useScheduleEvents } from "../events/ScheduleEvents";
import { t } from "../i18n/t";
import { gridKeyDown } from "./grid-keys";
import { PeriodBars } from "./PeriodBars";
import { usePlanContext } from "./plan-context";
import { addRow } from "./plan-edits";
import { useFiscalYear, useTableSelect } from "./plan-store";
import { focusRowControl, RowPanel } from "./RowPanel";
import { EventForm, ScheduleRowPanel } from "./SchedulePanels";
import { monthOfFiscalYear, NO_EVENTS, ScheduleRowView } from "./ScheduleRow";

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
