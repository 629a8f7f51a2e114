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
  type ProblemStatus,
  setRowField,
} from "@tsumugi/domain";
import { memo, useCallback, useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { CommentsButton } from "./Comments";
import {
  Chips,
  countRender,
  ItemMarks,
  itemOptions,
  RowText,
  RowTools,
  SceneTags,
  Select,
  sceneOptions,
  useVisitorStyle,
  Visitors,
} from "./cells";
import { FilterBar } from "./FilterBar";
import { filterProblems, NO_FILTER, type SortKey, sortProblems } from "./filters";
import { gridKeyDown } from "./grid-keys";
import { usePlanContext } from "./PlanPage";
import { addRow, moveRow, removeRow, setLink } from "./plan-edits";
import { useRow, useTable, useTableSelect } from "./plan-store";
import { focusRowControl, PanelField, RowPanel } from "./RowPanel";

export function ProblemList() {
  const { store, editable, groupName } = usePlanContext();
  const [filter, setFilter] = useState(NO_FILTER);
  const [sort, setSort] = useState<SortKey>("manual");
  const select = useCallback(
    (rows: readonly Problem[]) =>
      sortProblems(filterProblems(rows, filter), sort, groupName).map((p) => p.id),
    [filter, sort, groupName],
  );
  const ids = useTableSelect(store, "problems", select);
  const [open, setOpen] = useState<string | null>(null);
  const onOpen = useCallback((id: string) => setOpen((current) => (current === id ? null : id)), []);
  const close = useCallback(() => {
    if (open) focusRowControl(open, "problem-details-toggle");
    setOpen(null);
  }, [open]);
  // A new row appears once the store has it: its title takes the focus then.
  const [focusId, setFocusId] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the rows change, until the new one is there
  useEffect(() => {
    if (!focusId) return;
    const el = document.querySelector<HTMLElement>(
      `[data-row-id="${focusId}"] [data-testid="problem-title"]`,
    );
    if (el) {
      el.focus();
      setFocusId(null);
    }
  }, [focusId, ids]);

  const add = () => {
    const row = newProblem(store.rows("problems"), {
      scenes: filter.scene ? [filter.scene as never] : [],
      status: "open",
    });
    addRow(store.doc, "problems", row);
    setFocusId(row.id);
  };

  return (
    <div className="plan-list" data-testid="problem-list">
      <FilterBar
        filter={filter}
        onFilter={setFilter}
        sort={sort}
        onSort={setSort}
        statuses={PROBLEM_STATUSES}
        statusPrefix="problemStatus"
        sorts={["manual", "status", "group"]}
        count={ids.length}
      >
        {editable && (
          <button type="button" className="no-print" onClick={add} data-testid="add-problem">
            {t("plan.addProblem")}
          </button>
        )}
      </FilterBar>
      <table className="grid-table plan-grid problem-grid" onKeyDown={gridKeyDown}>
        <colgroup>
          <col className="col-title" />
          <col className="col-scenes" />
          <col className="col-items" />
          <col className="col-source" />
          <col className="col-group" />
          <col className="col-status" />
          <col className="col-links" />
          <col className="col-tools no-print" />
        </colgroup>
        <thead>
          <tr>
            <th>{t("plan.col.title")}</th>
            <th>{t("plan.col.scenes")}</th>
            <th>{t("plan.col.items")}</th>
            <th>{t("plan.col.source")}</th>
            <th>{t("plan.col.group")}</th>
            <th>{t("plan.col.status")}</th>
            <th>{t("plan.col.actionsLinked")}</th>
            <th className="no-print">
              <span className="visually-hidden">{t("plan.col.tools")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <ProblemRow key={id} id={id} manual={sort === "manual"} open={open === id} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
      {ids.length === 0 && <p className="muted">{t("plan.noRows")}</p>}
      {open && <ProblemPanel id={open} onClose={close} />}
    </div>
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

const ProblemRow = memo(function ProblemRow(props: {
  id: string;
  manual: boolean;
  open: boolean;
  onOpen(id: string): void;
}) {
  const { store, doc, editable, groups } = usePlanContext();
  const p = useRow(store, "problems", props.id);
  const style = useVisitorStyle("problems", props.id);
  const linked = useLinkedTitles(p?.actionIds ?? NO_IDS);
  countRender("problem", props.id);
  if (!p) return null;
  return (
    <tr data-row-id={p.id} data-testid="problem-row" style={style} className={props.open ? "panel-open" : ""}>
      <td className="cell-title" data-label={t("plan.col.title")}>
        <RowText
          table="problems"
          id={p.id}
          field="title"
          label={t("plan.col.title")}
          testId="problem-title"
          multiline
          rows={2}
        />
        <Visitors table="problems" id={p.id} />
      </td>
      <td data-label={t("plan.col.scenes")}>
        <SceneTags scenes={p.scenes} />
      </td>
      <td data-label={t("plan.col.items")}>
        <ItemMarks items={p.items} />
      </td>
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
      <td data-label={t("plan.col.group")}>
        <Select
          value={p.ownerGroupId}
          options={groups.map((g) => ({ id: g.id, label: g.name }))}
          allowEmpty={t("plan.noGroup")}
          label={t("plan.col.group")}
          wrap
          disabled={!editable}
          onChange={(v) => setRowField(doc, "problems", p.id, "ownerGroupId", v)}
        />
      </td>
      <td data-label={t("plan.col.status")}>
        <Select
          value={p.status}
          options={PROBLEM_STATUSES.map((s) => ({
            id: s.id,
            label: t(`problemStatus.${s.id}` as MessageKey),
          }))}
          label={t("plan.col.status")}
          disabled={!editable}
          testId="problem-status"
          onChange={(v) => setRowField(doc, "problems", p.id, "status", (v ?? "open") as ProblemStatus)}
        />
      </td>
      <td className="links" data-label={t("plan.col.actionsLinked")}>
        <ul className="link-list">
          {linked.map((title, i) => (
            <li key={p.actionIds[i]} className="link-chip">
              {title}
            </li>
          ))}
        </ul>
      </td>
      <td className="cell-tools no-print">
        <span className="row-tools">
          <button
            type="button"
            className="icon details-button"
            aria-expanded={props.open}
            aria-haspopup="dialog"
            onClick={() => props.onOpen(p.id)}
            data-testid="problem-details-toggle"
          >
            {t("plan.details")}
          </button>
          <CommentsButton table="problems" rowId={p.id} title={p.title} />
          <RowTools
            disabled={!editable || !props.manual}
            onUp={() => moveRow(doc, "problems", store.rows("problems"), p.id, -1)}
            onDown={() => moveRow(doc, "problems", store.rows("problems"), p.id, 1)}
            onDelete={() => {
              if (window.confirm(t("plan.confirmDelete", { title: p.title })))
                removeRow(doc, "problems", p.id);
            }}
          />
        </span>
      </td>
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
          <PanelField label={t("plan.col.title")} wide>
            <RowText
              table="problems"
              id={problem.id}
              field="title"
              label={t("plan.col.title")}
              multiline
              rows={3}
              testId="panel-problem-title"
            />
          </PanelField>
          <PanelField label={t("plan.col.detail")} wide>
            <RowText
              table="problems"
              id={problem.id}
              field="detail"
              label={t("plan.col.detail")}
              multiline
              rows={4}
              testId="problem-detail"
            />
          </PanelField>
          <PanelField label={t("plan.col.scenes")} wide>
            <Chips
              options={sceneOptions()}
              value={problem.scenes}
              disabled={!editable}
              label={t("plan.col.scenes")}
              testId="problem-scenes"
              onChange={(v) => setRowField(doc, "problems", problem.id, "scenes", v)}
            />
          </PanelField>
          <PanelField label={t("plan.col.items")} wide>
            <Chips
              options={itemOptions()}
              value={problem.items}
              disabled={!editable}
              label={t("plan.col.items")}
              testId="problem-items"
              onChange={(v) => setRowField(doc, "problems", problem.id, "items", v)}
            />
          </PanelField>
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
