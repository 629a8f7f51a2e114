/** One activity of the yearly schedule (年間予定): its name, tools and each month's events. */
import type { Event } from "@tsumugi/contract";
import { FISCAL_MONTHS, type ScheduleEvent, weekdayOfIsoDate } from "@tsumugi/domain";
import { memo, useCallback } from "react";
import { ScheduleEventEntries } from "../events/ScheduleEvents";
import { t } from "../i18n/t";
import { usePlanContext } from "./plan-context";
import { moveRow, removeRow } from "./plan-edits";
import { useRow, useTableSelect } from "./plan-store";
import { countRender, DetailsButton, useVisitorStyle, Visitors } from "./row-chrome";
import { RowText } from "./text-cells";

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

export const NO_EVENTS: Event[] = [];

export const ScheduleRowView = memo(function ScheduleRowView(props: {
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
          <DetailsButton
            rowId={row.id}
            open={props.open}
            onOpen={props.onOpen}
            testId="schedule-details-toggle"
          />
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
