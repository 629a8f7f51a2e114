/**
 * The action list (取組一覧): filter, sort and edit inline. The essential columns fit a
 * 1366-pixel projector without scrolling sideways; the secondary fields (content, person in
 * charge, period, links, indicators) are in the row's detail panel. Rows are memoised and
 * read their own row from the store, so typing in one row re-renders that row only.
 */
import { ACTION_STATUSES, type Action, newAction, setRowField } from "@tsumugi/domain";
import { memo, useCallback } from "react";
import { t } from "../i18n/t";
import { ActionPanel } from "./ActionPanel";
import { filterActions, type RowFilter, type SortKey, sortActions } from "./filters";
import { PeriodText } from "./month-cells";
import { GroupCell, RowToolsCell, ScopeCells, StatusCell, TitleCell } from "./PlanRowCells";
import { type PlanColumn, PlanRowList, type PlanRowProps } from "./PlanRowList";
import { usePlanContext } from "./plan-context";
import { useFiscalYear, useRow } from "./plan-store";
import { countRender, useVisitorStyle } from "./row-chrome";
import { ProgressBar } from "./shown-cells";
import "./plan-papers.css";

const ACTION_COLUMNS: readonly PlanColumn[] = [
  { col: "col-title", label: "plan.col.title" },
  { col: "col-scenes", label: "plan.col.scenes" },
  { col: "col-items", label: "plan.col.items" },
  { col: "col-codes", label: "plan.col.goalCodes" },
  { col: "col-group", label: "plan.col.group" },
  { col: "col-period", label: "plan.col.period" },
  { col: "col-status", label: "plan.col.status" },
  { col: "col-progress", label: "plan.col.progress" },
];

const selectActions = (
  rows: readonly Action[],
  filter: RowFilter,
  sort: SortKey,
  groupName: (id: string | null) => string,
) => sortActions(filterActions(rows, filter), sort, groupName).map((a) => a.id);

export function ActionList() {
  const { store } = usePlanContext();
  const fiscalYear = useFiscalYear(store);
  // A new action starts from what the filter shows, over this 年度.
  const newActionFor = useCallback(
    (rows: readonly Action[], filter: RowFilter) =>
      newAction(rows, {
        scenes: filter.scene ? [filter.scene as never] : [],
        items: filter.item ? [filter.item as never] : [],
        ownerGroupId: filter.group && filter.group !== "none" ? filter.group : null,
        period: { start: `${fiscalYear}-04`, end: `${fiscalYear + 1}-03` },
      }),
    [fiscalYear],
  );
  return (
    <PlanRowList
      table="actions"
      kind="action"
      columns={ACTION_COLUMNS}
      statuses={ACTION_STATUSES}
      statusPrefix="actionStatus"
      sorts={["manual", "status", "progress", "period", "group"]}
      withPerson
      addLabel="plan.addAction"
      select={selectActions}
      newRow={newActionFor}
      Row={ActionRow}
      Panel={ActionPanel}
    />
  );
}

const ActionRow = memo(function ActionRow(props: PlanRowProps) {
  const { store } = usePlanContext();
  const a = useRow(store, "actions", props.id);
  const style = useVisitorStyle("actions", props.id);
  countRender("action", props.id);
  if (!a) return null;
  return (
    <tr data-row-id={a.id} data-testid="action-row" style={style} className={props.open ? "panel-open" : ""}>
      <TitleCell table="actions" kind="action" id={a.id}>
        {a.carriedFrom && <span className="badge">{t("plan.col.carried")}</span>}
      </TitleCell>
      <ScopeCells scenes={a.scenes} items={a.items} />
      <td data-label={t("plan.col.goalCodes")}>
        <span className="tags">
          {a.goalCodes.map((c) => (
            <span key={c} className="tag">
              {c}
            </span>
          ))}
        </span>
      </td>
      <GroupCell table="actions" id={a.id} value={a.ownerGroupId} testId="action-group" />
      <td data-label={t("plan.col.period")}>
        <PeriodText start={a.period.start} end={a.period.end} />
      </td>
      <StatusCell table="actions" id={a.id} value={a.status} />
      <td data-label={t("plan.col.progress")}>
        <ProgressInput action={a} />
      </td>
      <RowToolsCell {...props} table="actions" kind="action" row={a} />
    </tr>
  );
});

function ProgressInput({ action }: { action: Action }) {
  const { doc, editable } = usePlanContext();
  return (
    <span className="progress-edit">
      <input
        type="number"
        min={0}
        max={100}
        step={5}
        value={action.progress}
        disabled={!editable}
        aria-label={t("plan.col.progress")}
        data-testid="action-progress"
        onChange={(e) => {
          const n = Math.round(Number(e.target.value));
          if (Number.isFinite(n) && n >= 0 && n <= 100) setRowField(doc, "actions", action.id, "progress", n);
        }}
      />
      <ProgressBar value={action.progress} />
    </span>
  );
}
