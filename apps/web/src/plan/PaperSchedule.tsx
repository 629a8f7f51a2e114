/** The plan papers' 年間予定 page: the plan periods over the years, and the year's months. */
import {
  FISCAL_MONTHS,
  fiscalYearLabel,
  type PlanPeriod,
  planPeriodLines,
  type ScheduleEvent,
  weekdayOfIsoDate,
} from "@tsumugi/domain";
import {
  placeScheduleEvents,
  ScheduleEventEntries,
  UnlinkedEventsRow,
  useScheduleEventsState,
} from "../events/ScheduleEvents";
import { Lines } from "./PaperParts";
import { usePlanContext } from "./plan-context";
import { useTable } from "./plan-store";

export function PeriodGrid({ periods, fiscalYear }: { periods: readonly PlanPeriod[]; fiscalYear: number }) {
  if (periods.length === 0) return null;
  const lo = Math.max(fiscalYear - 5, Math.min(fiscalYear, ...periods.map((p) => p.startFiscalYear)));
  const hi = Math.min(lo + 9, Math.max(fiscalYear, ...periods.map((p) => p.endFiscalYear)));
  const years: number[] = [];
  for (let y = lo; y <= hi; y++) years.push(y);
  const lines = planPeriodLines(periods);
  return (
    <table className="paper-table paper-periods">
      <thead>
        <tr>
          <th>計画期間</th>
          {years.map((y) => (
            <th key={y}>{fiscalYearLabel(y)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const cells: React.ReactNode[] = [];
          for (let i = 0; i < years.length; ) {
            const y = years[i];
            const p = line.periods.find((x) => x.startFiscalYear <= y && x.endFiscalYear >= y);
            const markers = line.periods.flatMap((x) => x.milestones).filter((m) => m.fiscalYear === y);
            if (!p) {
              cells.push(
                <td key={y}>
                  {markers.map((m) => (
                    <span key={m.label} className="milestone">
                      ◆{m.label}
                    </span>
                  ))}
                </td>,
              );
              i++;
              continue;
            }
            const end = years.indexOf(Math.min(p.endFiscalYear, years[years.length - 1]));
            const span = end - i + 1;
            const inside = line.periods
              .flatMap((x) => x.milestones)
              .filter((m) => m.fiscalYear >= y && m.fiscalYear <= years[end]);
            cells.push(
              <td key={y} colSpan={span} className="period-bar">
                {line.label === p.name ? "" : p.name}
                {inside.map((m) => (
                  <span
                    key={`${m.fiscalYear}-${m.label}`}
                    className="milestone"
                    style={{ left: `${((m.fiscalYear - y + 1) / span) * 100}%` }}
                  >
                    ◆{m.label}
                  </span>
                ))}
              </td>,
            );
            i = end + 1;
          }
          return (
            <tr key={line.label}>
              <th scope="row">{line.label}</th>
              {cells}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function eventText(e: ScheduleEvent): string {
  return e.when.length === 10
    ? `${Number(e.when.slice(5, 7))}/${Number(e.when.slice(8, 10))}（${weekdayOfIsoDate(e.when)}） ${e.label}`.trim()
    : e.label;
}

export function MonthGrid() {
  const { store, wid } = usePlanContext();
  const rows = useTable(store, "scheduleRows");
  const plan = store.yearPlan();
  const fy = plan.fiscalYear;
  // The year's trainings and lectures, where and as the screen's 年間予定 shows them.
  const { events: yearEvents, settled } = useScheduleEventsState(wid, fy);
  const { byRow, unlinked } = placeScheduleEvents(yearEvents, new Set(rows.map((r) => r.id)));
  const monthOf = (m: number) => `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
  return (
    <table className="paper-table paper-months" data-events={settled ? "ready" : "loading"}>
      <thead>
        <tr>
          <th rowSpan={2}>活動</th>
          <th colSpan={12}>{fiscalYearLabel(fy)}</th>
        </tr>
        <tr>
          {FISCAL_MONTHS.map((m) => (
            <th key={m}>{m}月</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.activity}</th>
            {FISCAL_MONTHS.map((m) => {
              const month = monthOf(m);
              return (
                <td key={m}>
                  <ScheduleEventEntries
                    wid={wid}
                    events={(byRow.get(r.id) ?? []).filter((e) => e.startsAt.startsWith(month))}
                    print
                  />
                  <Lines
                    values={plan.scheduleEvents
                      .filter((e) => e.rowId === r.id && e.when.startsWith(month))
                      .map(eventText)}
                  />
                </td>
              );
            })}
          </tr>
        ))}
        <UnlinkedEventsRow wid={wid} events={unlinked} monthOf={monthOf} print />
      </tbody>
    </table>
  );
}
