/**
 * The problem list (課題一覧): filter, sort and edit inline, live with everyone else. Its
 * essential columns fit the projector; the content and the links to actions are edited in the
 * row's detail panel. Rows are memoised and read their own row from the store.
 */
import {
  type Action,
  newProblem,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  type Problem,
  type ProblemSource,
  setRowField,
} from "@tsumugi/domain";
import { memo, useCallback } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { Select } from "./choice-cells";
import { filterProblems, type RowFilter, type SortKey, sortProblems } from "./filters";
import { GroupCell, RowToolsCell, ScopeCells, StatusCell, TitleCell } from "./PlanRowCells";
import { type PlanColumn, PlanRowList, PlanRowPanelFields, type PlanRowProps } from "./PlanRowList";
import { usePlanContext } from "./plan-context";
import { setLink } from "./plan-edits";
import { useRow, useTable, useTableSelect } from "./plan-store";
import { RowPanel } from "./RowPanel";
import { countRender, useVisitorStyle } from "./row-chrome";

const PROBLEM_COLUMNS: readonly PlanColumn[] = [
  { col: "col-title", label: "plan.col.title" },
  { col: "col-scenes", label: "plan.col.scenes" },
  { col: "col-items", label: "plan.col.items" },
  { col: "col-source", label: "plan.col.source" },
  { col: "col-group", label: "plan.col.group" },
  { col: "col-status", label: "plan.col.status" },
  { col: "col-links", label: "plan.col.actionsLinked" },
];

const selectProblems = (
  rows: readonly Problem[],
  filter: RowFilter,
  sort: SortKey,
  groupName: (id: string | null) => string,
) => sortProblems(filterProblems(rows, filter), sort, groupName).map((p) => p.id);

const newProblemFor = (rows: readonly Problem[], filter: RowFilter) =>
  newProblem(rows, { scenes: filter.scene ? [filter.scene as never] : [], status: "open" });

export function ProblemList() {
  return (
    <PlanRowList
      table="problems"
      kind="problem"
      columns={PROBLEM_COLUMNS}
      statuses={PROBLEM_STATUSES}
      statusPrefix="problemStatus"
      sorts={["manual", "status", "group"]}
      addLabel="plan.addProblem"
      select={selectProblems}
      newRow={newProblemFor}
      Row={ProblemRow}
      Panel={ProblemPanel}
    />
  );
}

/** Titles of the actions a problem links to; changes only when one of them does. */
function useLinkedTitles(actionIds: readonly string[]): string[] {
  const { store } = usePlanContext();
  return useTableSelect(
    store,
    "actions",
    useCallback(() => actionIds.map((id) => store.row("actions", id)?.title ?? ""), [actionIds, store]),
  );
}

const ProblemRow = memo(function ProblemRow(props: PlanRowProps) {
  const { store, doc, editable } = usePlanContext();
  const p = useRow(store, "problems", props.id);
  const style = useVisitorStyle("problems", props.id);
  const linked = useLinkedTitles(p?.actionIds ?? NO_IDS);
  countRender("problem", props.id);
  if (!p) return null;
  return (
    <tr data-row-id={p.id} data-testid="problem-row" style={style} className={props.open ? "panel-open" : ""}>
      <TitleCell table="problems" kind="problem" id={p.id} />
      <ScopeCells scenes={p.scenes} items={p.items} />
      <td data-label={t("plan.col.source")}>
        <Select
          value={p.source}
          options={PROBLEM_SOURCES.map((s) => ({
            id: s.id,
            label: t(`problemSource.${s.id}` as MessageKey),
          }))}
          label={t("plan.col.source")}
          disabled={!editable}
          onChange={(v) => setRowField(doc, "problems", p.id, "source", (v ?? "meeting") as ProblemSource)}
        />
      </td>
      <GroupCell table="problems" id={p.id} value={p.ownerGroupId} />
      <StatusCell table="problems" id={p.id} value={p.status} />
      <td className="links" data-label={t("plan.col.actionsLinked")}>
        <ul className="link-list">
          {linked.map((title, i) => (
            <li key={p.actionIds[i]} className="link-chip">
              {title}
            </li>
          ))}
        </ul>
      </td>
      <RowToolsCell {...props} table="problems" kind="problem" row={p} />
    </tr>
  );
});

const NO_IDS: readonly string[] = [];

/** The problem's secondary fields, beside the list. */
function ProblemPanel({ id, onClose }: { id: string; onClose(): void }) {
  const { store, doc, editable } = usePlanContext();
  const problem = useRow(store, "problems", id);
  const actions = useTable(store, "actions");
  return (
    <RowPanel title={t("plan.panel.problem")} onClose={onClose} testId="problem-panel">
      {!problem ? (
        <p className="notice">{t("plan.panel.gone")}</p>
      ) : (
        <div className="panel-grid">
          <PlanRowPanelFields table="problems" kind="problem" row={problem} />
          <fieldset className="links-edit wide">
            <legend>{t("plan.col.actionsLinked")}</legend>
            {actions.map((a: Action) => (
              <label key={a.id} className="check">
                <input
                  type="checkbox"
                  checked={problem.actionIds.includes(a.id)}
                  disabled={!editable}
                  onChange={(e) => setLink(doc, problem, a, e.target.checked)}
                />
                {a.title}
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </RowPanel>
  );
}
