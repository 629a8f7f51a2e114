/** The problem list (課題一覧): filter, sort and edit inline, live with everyone else. */
import {
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  type ProblemSource,
  type ProblemStatus,
  setRowField,
} from "@tsumugi/domain";
import { Fragment, useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { CommentsButton } from "./Comments";
import {
  Chips,
  itemOptions,
  RowText,
  RowTools,
  Select,
  sceneChipOptions,
  Visitors,
  visitorStyle,
} from "./cells";
import { FilterBar } from "./FilterBar";
import { filterProblems, NO_FILTER, type SortKey, sortProblems } from "./filters";
import { usePlanContext } from "./PlanPage";
import { addRow, moveRow, newProblem, removeRow, setLink } from "./plan-edits";

export function ProblemList() {
  const ctx = usePlanContext();
  const { plan, doc, editable, groups } = ctx;
  const [filter, setFilter] = useState(NO_FILTER);
  const [sort, setSort] = useState<SortKey>("manual");
  const [open, setOpen] = useState<string | null>(null);
  // A new row appears once the document is re-read: its title takes the focus then.
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
  }, [focusId, plan.problems]);
  const rows = sortProblems(filterProblems(plan.problems, filter), sort, ctx.groupName);
  const actionTitle = new Map(plan.actions.map((a) => [a.id, a.title]));
  const groupOptions = groups.map((g) => ({ id: g.id, label: g.name }));

  const add = () => {
    const row = newProblem(plan.problems, {
      scenes: filter.scene ? [filter.scene as never] : [],
      status: "open",
    });
    addRow(doc, "problems", row);
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
      />
      <div className="scroll-x">
        <table className="grid-table">
          <thead>
            <tr>
              <th>{t("plan.col.title")}</th>
              <th>{t("plan.col.scenes")}</th>
              <th>{t("plan.col.items")}</th>
              <th>{t("plan.col.source")}</th>
              <th>{t("plan.col.group")}</th>
              <th>{t("plan.col.status")}</th>
              <th>{t("plan.col.actionsLinked")}</th>
              <th className="no-print" />
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <Fragment key={p.id}>
                <tr
                  data-row-id={p.id}
                  data-testid="problem-row"
                  style={visitorStyle(ctx.presence, "problems", p.id)}
                >
                  <td className="wide-cell">
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
                  <td>
                    <Chips
                      options={sceneChipOptions()}
                      value={p.scenes}
                      disabled={!editable}
                      label={t("plan.col.scenes")}
                      onChange={(v) => setRowField(doc, "problems", p.id, "scenes", v)}
                    />
                  </td>
                  <td>
                    <Chips
                      options={itemOptions()}
                      value={p.items}
                      disabled={!editable}
                      label={t("plan.col.items")}
                      onChange={(v) => setRowField(doc, "problems", p.id, "items", v)}
                    />
                  </td>
                  <td>
                    <Select
                      value={p.source}
                      options={PROBLEM_SOURCES.map((s) => ({
                        id: s.id,
                        label: t(`problemSource.${s.id}` as MessageKey),
                      }))}
                      label={t("plan.col.source")}
                      disabled={!editable}
                      onChange={(v) =>
                        setRowField(doc, "problems", p.id, "source", (v ?? "meeting") as ProblemSource)
                      }
                    />
                  </td>
                  <td>
                    <Select
                      value={p.ownerGroupId}
                      options={groupOptions}
                      allowEmpty={t("plan.noGroup")}
                      label={t("plan.col.group")}
                      disabled={!editable}
                      onChange={(v) => setRowField(doc, "problems", p.id, "ownerGroupId", v)}
                    />
                  </td>
                  <td>
                    <Select
                      value={p.status}
                      options={PROBLEM_STATUSES.map((s) => ({
                        id: s.id,
                        label: t(`problemStatus.${s.id}` as MessageKey),
                      }))}
                      label={t("plan.col.status")}
                      disabled={!editable}
                      testId="problem-status"
                      onChange={(v) =>
                        setRowField(doc, "problems", p.id, "status", (v ?? "open") as ProblemStatus)
                      }
                    />
                  </td>
                  <td className="links">
                    {p.actionIds.map((id) => (
                      <span key={id} className="link-chip">
                        {actionTitle.get(id) ?? ""}
                      </span>
                    ))}
                  </td>
                  <td className="no-print">
                    <RowTools
                      disabled={!editable || sort !== "manual"}
                      onUp={() => moveRow(doc, "problems", plan.problems, p.id, -1)}
                      onDown={() => moveRow(doc, "problems", plan.problems, p.id, 1)}
                      onDelete={() => {
                        if (window.confirm(t("plan.confirmDelete", { title: p.title })))
                          removeRow(doc, "problems", p.id);
                      }}
                    >
                      <button
                        type="button"
                        className="icon"
                        aria-expanded={open === p.id}
                        onClick={() => setOpen(open === p.id ? null : p.id)}
                        data-testid="problem-details-toggle"
                      >
                        {t("plan.details")}
                      </button>
                      <CommentsButton table="problems" rowId={p.id} title={p.title} />
                    </RowTools>
                  </td>
                </tr>
                {open === p.id && (
                  <tr className="details-row">
                    <td colSpan={8}>
                      <div className="details-grid">
                        <div className="detail-field">
                          <span>{t("plan.col.detail")}</span>
                          <RowText
                            table="problems"
                            id={p.id}
                            field="detail"
                            label={t("plan.col.detail")}
                            multiline
                            testId="problem-detail"
                          />
                        </div>
                        <fieldset className="links-edit">
                          <legend>{t("plan.col.actionsLinked")}</legend>
                          {plan.actions.map((a) => (
                            <label key={a.id} className="check">
                              <input
                                type="checkbox"
                                checked={p.actionIds.includes(a.id)}
                                disabled={!editable}
                                onChange={(e) => setLink(doc, p, a, e.target.checked)}
                              />
                              {a.title}
                            </label>
                          ))}
                        </fieldset>
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">{t("plan.noRows")}</p>}
      {editable && (
        <button type="button" className="no-print" onClick={add} data-testid="add-problem">
          {t("plan.addProblem")}
        </button>
      )}
    </div>
  );
}
