/**
 * The plan's goals with their codes (1-③ …), short-term or mid/long-term, per scene. Actions
 * point at goals by code, so a code is edited as a whole value and must stay unique.
 */
import {
  GOAL_CODE_MAX,
  GOAL_TERMS,
  type Goal,
  type GoalTerm,
  newId,
  orderAfterLast,
  type SceneId,
  setRowField,
} from "@tsumugi/domain";
import { useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { Select, sceneOptions } from "./choice-cells";
import { gridKeyDown } from "./grid-keys";
import { usePlanContext } from "./plan-context";
import { addRow, moveRow, removeRow } from "./plan-edits";
import { useTable } from "./plan-store";
import { RowTools, useVisitorStyle, Visitors } from "./row-chrome";
import { RowText } from "./text-cells";

export function GoalsTable() {
  const { store, doc, editable } = usePlanContext();
  const goals = useTable(store, "goals");
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    let n = goals.length + 1;
    while (goals.some((g) => g.code === `${n}`)) n++;
    addRow(doc, "goals", {
      id: newId(),
      order: orderAfterLast(goals),
      code: String(n),
      term: "short",
      scene: null,
      text: "",
    });
  };

  return (
    <section className="goals" data-testid="goals">
      <h2>{t("plan.goals")}</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <table className="grid-table plan-grid goals-grid" onKeyDown={gridKeyDown}>
        <colgroup>
          <col className="col-code" />
          <col className="col-term" />
          <col className="col-scene" />
          <col />
          {editable && <col className="col-tools-small no-print" />}
        </colgroup>
        <thead>
          <tr>
            <th>{t("plan.goalCode")}</th>
            <th>{t("plan.goalTerm")}</th>
            <th>{t("plan.filter.scene")}</th>
            <th>{t("plan.goalText")}</th>
            {editable && <th className="no-print" />}
          </tr>
        </thead>
        <tbody>
          {goals.map((g) => (
            <GoalRow key={g.id} goal={g} goals={goals} onError={setError} />
          ))}
        </tbody>
      </table>
      {editable && (
        <button type="button" className="no-print" onClick={add} data-testid="add-goal">
          {t("plan.addGoal")}
        </button>
      )}
    </section>
  );
}

function GoalRow({
  goal: g,
  goals,
  onError,
}: {
  goal: Goal;
  goals: readonly Goal[];
  onError(m: string | null): void;
}) {
  const { doc, editable } = usePlanContext();
  const style = useVisitorStyle("goals", g.id);
  return (
    <tr data-row-id={g.id} data-testid="goal-row" style={style}>
      <td data-label={t("plan.goalCode")}>
        <GoalCode goal={g} goals={goals} onError={onError} />
      </td>
      <td data-label={t("plan.goalTerm")}>
        <Select
          value={g.term}
          options={GOAL_TERMS.map((x) => ({ id: x.id, label: t(`goalTerm.${x.id}` as MessageKey) }))}
          label={t("plan.goalTerm")}
          disabled={!editable}
          onChange={(v) => setRowField(doc, "goals", g.id, "term", (v ?? "short") as GoalTerm)}
        />
      </td>
      <td data-label={t("plan.filter.scene")}>
        <Select
          value={g.scene}
          options={sceneOptions()}
          allowEmpty={t("plan.noGroup")}
          label={t("plan.filter.scene")}
          disabled={!editable}
          onChange={(v) => setRowField(doc, "goals", g.id, "scene", v as SceneId | null)}
        />
      </td>
      <td className="wide-cell" data-label={t("plan.goalText")}>
        <RowText
          table="goals"
          id={g.id}
          field="text"
          label={t("plan.goalText")}
          multiline
          rows={1}
          testId="goal-text"
        />
        {g.demo && <DemoBadge />}
        <Visitors table="goals" id={g.id} />
      </td>
      {editable && (
        <td className="no-print">
          <RowTools
            disabled={!editable}
            onUp={() => moveRow(doc, "goals", goals, g.id, -1)}
            onDown={() => moveRow(doc, "goals", goals, g.id, 1)}
            onDelete={() => {
              if (window.confirm(t("plan.confirmDelete", { title: g.code }))) removeRow(doc, "goals", g.id);
            }}
          />
        </td>
      )}
    </tr>
  );
}

/** The code is written when the field is left, if it is unique and not empty. */
function GoalCode({
  goal,
  goals,
  onError,
}: {
  goal: Goal;
  goals: readonly Goal[];
  onError(m: string | null): void;
}) {
  const { doc, editable, store } = usePlanContext();
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const code = draft.trim();
    setDraft(null);
    if (code === goal.code) return;
    if (code === "" || code.length > GOAL_CODE_MAX)
      return onError(t("plan.goalCodeInvalid", { max: GOAL_CODE_MAX }));
    if (goals.some((g) => g.id !== goal.id && g.code === code))
      return onError(t("plan.goalCodeTaken", { code }));
    onError(null);
    // Actions follow the renamed code.
    doc.transact(() => {
      setRowField(doc, "goals", goal.id, "code", code);
      for (const a of store.rows("actions")) {
        if (a.goalCodes.includes(goal.code)) {
          setRowField(
            doc,
            "actions",
            a.id,
            "goalCodes",
            a.goalCodes.map((c) => (c === goal.code ? code : c)),
          );
        }
      }
    });
  };
  return (
    <input
      className="cell-input code-input"
      value={draft ?? goal.code}
      readOnly={!editable}
      aria-label={t("plan.goalCode")}
      maxLength={GOAL_CODE_MAX}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && !e.nativeEvent.isComposing && commit()}
    />
  );
}
