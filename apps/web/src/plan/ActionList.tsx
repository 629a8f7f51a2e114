/**
 * The action list (取組一覧): filter, sort and edit inline. The essential columns fit a
 * 1366-pixel projector without scrolling sideways; the secondary fields (content, person in
 * charge, period, links, indicators) are in the row's detail panel. Rows are memoised and
 * read their own row from the store, so typing in one row re-renders that row only.
 */
import {
  ACTION_STATUSES,
  type Action,
  BUDGET_MAX,
  FUNDING_SOURCES,
  newAction,
  parseYen,
  setRowField,
} from "@tsumugi/domain";
import { memo, useCallback, useState } from "react";
import { t } from "../i18n/t";
import { ActionResources } from "../resources/ActionResources";
import {
  Chips,
  countRender,
  MonthSelect,
  PeriodText,
  ProgressBar,
  RowText,
  Select,
  useVisitorStyle,
} from "./cells";
import { filterActions, type RowFilter, type SortKey, sortActions } from "./filters";
import { LinkedCharts } from "./LinkedCharts";
import { GroupCell, RowToolsCell, ScopeCells, StatusCell, TitleCell } from "./PlanRowCells";
import { type PlanColumn, PlanRowList, PlanRowPanelFields, type PlanRowProps } from "./PlanRowList";
import { usePlanContext } from "./plan-context";
import { setLink } from "./plan-edits";
import { useFiscalYear, useRow, useTable, useTableSelect } from "./plan-store";
import { PanelField, RowPanel } from "./RowPanel";
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

/** The goal codes of the plan's goals, plus any the action already carries. */
function GoalCodes({ action }: { action: Action }) {
  const { store, doc, editable } = usePlanContext();
  const codes = useTableSelect(
    store,
    "goals",
    useCallback((rows) => rows.map((g) => g.code), []),
  );
  const known = [...new Set([...codes, ...action.goalCodes])];
  return (
    <Chips
      options={known.map((c) => ({ id: c, label: c }))}
      value={action.goalCodes}
      disabled={!editable}
      label={t("plan.col.goalCodes")}
      onChange={(v) => setRowField(doc, "actions", action.id, "goalCodes", v)}
    />
  );
}

/** The period as months of the 年度; an end before the start is not written. */
function PeriodInputs({ action }: { action: Action }) {
  const { doc, editable, store } = usePlanContext();
  const fiscalYear = useFiscalYear(store);
  const set = (part: "start" | "end", v: string | null) => {
    const other = action.period[part === "start" ? "end" : "start"];
    if (v !== null && other !== null) {
      const [s, e] = part === "start" ? [v, other] : [other, v];
      if (s.slice(0, 7) > e.slice(0, 7)) return;
    }
    setRowField(doc, "actions", action.id, `period.${part}`, v);
  };
  return (
    <span className="period">
      <MonthSelect
        value={action.period.start}
        fiscalYear={fiscalYear}
        label={t("plan.col.periodStart")}
        disabled={!editable}
        onChange={(v) => set("start", v)}
      />
      <span>〜</span>
      <MonthSelect
        value={action.period.end}
        fiscalYear={fiscalYear}
        label={t("plan.col.periodEnd")}
        disabled={!editable}
        onChange={(v) => set("end", v)}
      />
    </span>
  );
}

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

/**
 * 予算額 in yen: typed freely (1,200,000, 1200000 or 120万), stored when it reads as a whole number
 * of yen in range; empty means not budgeted (not 0円). What does not read stays in the box
 * with a message, and the stored amount is left as it was.
 */
function BudgetInput({ action }: { action: Action }) {
  const { doc, editable } = usePlanContext();
  const stored = action.budget === null ? "" : action.budget.toLocaleString("ja-JP");
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? stored;
  const parsed = parseYen(value);
  return (
    <span className="budget-input">
      <input
        type="text"
        inputMode="numeric"
        value={value}
        disabled={!editable}
        aria-label={t("plan.col.budgetYen")}
        aria-invalid={parsed === undefined}
        data-testid="action-budget"
        onChange={(e) => {
          setDraft(e.target.value);
          const n = parseYen(e.target.value);
          if (n !== undefined) setRowField(doc, "actions", action.id, "budget", n);
        }}
        onBlur={() => {
          if (parseYen(value) !== undefined) setDraft(null);
        }}
      />
      {parsed === undefined && (
        <span className="field-error" role="alert" data-testid="action-budget-error">
          {t("plan.budget.invalid", { max: BUDGET_MAX.toLocaleString("ja-JP") })}
        </span>
      )}
    </span>
  );
}

/** The action's secondary fields, beside the list. */
function ActionPanel({ id, onClose }: { id: string; onClose(): void }) {
  const ctx = usePlanContext();
  const { store, doc, editable, members, groups } = ctx;
  const action = useRow(store, "actions", id);
  const problems = useTable(store, "problems");
  return (
    <RowPanel title={t("plan.panel.action")} onClose={onClose} testId="action-panel">
      {!action ? (
        <p className="notice">{t("plan.panel.gone")}</p>
      ) : (
        <div className="panel-grid">
          <PlanRowPanelFields table="actions" kind="action" row={action} />
          <PanelField label={t("plan.col.goalCodes")} wide>
            <GoalCodes action={action} />
          </PanelField>
          <PanelField label={t("plan.col.period")}>
            <PeriodInputs action={action} />
          </PanelField>
          <PanelField label={t("plan.col.group")}>
            <Select
              value={action.ownerGroupId}
              options={groups.map((g) => ({ id: g.id, label: g.name }))}
              allowEmpty={t("plan.noGroup")}
              label={t("plan.col.group")}
              disabled={!editable}
              onChange={(v) => setRowField(doc, "actions", action.id, "ownerGroupId", v)}
            />
          </PanelField>
          <PanelField label={t("plan.col.person")}>
            <Select
              value={action.ownerUserId}
              options={members.map((m) => ({ id: m.userId, label: m.name }))}
              allowEmpty={t("plan.noGroup")}
              label={t("plan.col.person")}
              disabled={!editable}
              testId="action-person"
              onChange={(v) => setRowField(doc, "actions", action.id, "ownerUserId", v)}
            />
          </PanelField>
          <PanelField label={t("plan.col.weight")}>
            <input
              type="number"
              min={1}
              max={10}
              value={action.weight}
              disabled={!editable}
              aria-label={t("plan.col.weight")}
              onChange={(e) => {
                const n = Math.round(Number(e.target.value));
                if (n >= 1 && n <= 10) setRowField(doc, "actions", action.id, "weight", n);
              }}
            />
          </PanelField>
          <PanelField label={t("plan.col.funding")}>
            <Select
              value={action.fundingSource}
              options={FUNDING_SOURCES.map((f) => ({ id: f.id, label: `【${f.mark}】${f.label}` }))}
              allowEmpty={t("plan.funding.none")}
              label={t("plan.col.funding")}
              disabled={!editable}
              testId="action-funding"
              onChange={(v) => setRowField(doc, "actions", action.id, "fundingSource", v)}
            />
          </PanelField>
          <PanelField label={t("plan.col.budgetYen")}>
            <BudgetInput action={action} />
          </PanelField>
          <PanelField label={t("plan.col.nextStep")} wide>
            <RowText
              table="actions"
              id={action.id}
              field="nextStep"
              label={t("plan.col.nextStep")}
              multiline
            />
          </PanelField>
          <fieldset className="links-edit wide">
            <legend>{t("plan.col.problemsLinked")}</legend>
            {problems.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={action.problemIds.includes(p.id)}
                  disabled={!editable}
                  onChange={(e) => setLink(doc, p, action, e.target.checked)}
                />
                {p.title}
              </label>
            ))}
          </fieldset>
          <fieldset className="links-edit wide" data-testid="action-indicators">
            <legend>{t("indicators.linked")}</legend>
            <p className="muted small">{t("indicators.linkHint")}</p>
            {ctx.indicators?.indicators.map((i) => (
              <label key={i.id} className="check">
                <input
                  type="checkbox"
                  checked={action.indicatorIds.includes(i.id)}
                  disabled={!editable}
                  data-code={i.code}
                  onChange={(e) =>
                    setRowField(
                      doc,
                      "actions",
                      action.id,
                      "indicatorIds",
                      e.target.checked
                        ? [...action.indicatorIds, i.id]
                        : action.indicatorIds.filter((x) => x !== i.id),
                    )
                  }
                />
                {i.code} {i.name}
              </label>
            ))}
          </fieldset>
          <div className="wide">
            <LinkedCharts indicatorIds={action.indicatorIds} testId="action-linked-charts" />
          </div>
          <ActionResources wid={ctx.wid} actionId={action.id} />
        </div>
      )}
    </RowPanel>
  );
}
