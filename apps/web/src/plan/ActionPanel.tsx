/** An action's detail panel: content, person in charge, period, goals, budget, links and indicators. */
import { type Action, BUDGET_MAX, FUNDING_SOURCES, parseYen, setRowField } from "@tsumugi/domain";
import { useCallback, useState } from "react";
import { t } from "../i18n/t";
import { ActionResources } from "../resources/ActionResources";
import { Chips, Select } from "./choice-cells";
import { LinkedCharts } from "./LinkedCharts";
import { MonthSelect } from "./month-cells";
import { PlanRowPanelFields } from "./PlanRowList";
import { usePlanContext } from "./plan-context";
import { setLink } from "./plan-edits";
import { useFiscalYear, useRow, useTable, useTableSelect } from "./plan-store";
import { PanelField, RowPanel } from "./RowPanel";
import { RowText } from "./text-cells";

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
export function ActionPanel({ id, onClose }: { id: string; onClose(): void }) {
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
