/** The action list (取組一覧): filter, sort and edit inline; details unfold under a row. */
import { ACTION_STATUSES, type Action, type ActionStatus, setRowField } from "@tsumugi/domain";
import { Fragment, useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { CommentsButton } from "./Comments";
import {
  Chips,
  itemOptions,
  MonthSelect,
  ProgressBar,
  RowText,
  RowTools,
  Select,
  sceneChipOptions,
  Visitors,
  visitorStyle,
} from "./cells";
import { FilterBar } from "./FilterBar";
import { filterActions, NO_FILTER, type SortKey, sortActions } from "./filters";
import { LinkedCharts } from "./LinkedCharts";
import { type PlanContextValue, usePlanContext } from "./PlanPage";
import { addRow, moveRow, newAction, removeRow, setLink } from "./plan-edits";

export function ActionList() {
  const ctx = usePlanContext();
  const { plan, doc, editable } = ctx;
  const [filter, setFilter] = useState(NO_FILTER);
  const [sort, setSort] = useState<SortKey>("manual");
  // A new row appears once the document is re-read: its title takes the focus then.
  const [focusId, setFocusId] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the rows change, until the new one is there
  useEffect(() => {
    if (!focusId) return;
    const el = document.querySelector<HTMLElement>(`[data-row-id="${focusId}"] [data-testid="action-title"]`);
    if (el) {
      el.focus();
      setFocusId(null);
    }
  }, [focusId, plan.actions]);
  const [open, setOpen] = useState<string | null>(null);
  const rows = sortActions(filterActions(plan.actions, filter), sort, ctx.groupName);

  const add = () => {
    const fy = plan.fiscalYear;
    const row = newAction(plan.actions, {
      scenes: filter.scene ? [filter.scene as never] : [],
      items: filter.item ? [filter.item as never] : [],
      ownerGroupId: filter.group && filter.group !== "none" ? filter.group : null,
      period: { start: `${fy}-04`, end: `${fy + 1}-03` },
    });
    addRow(doc, "actions", row);
    setFocusId(row.id);
  };

  return (
    <div className="plan-list" data-testid="action-list">
      <FilterBar
        filter={filter}
        onFilter={setFilter}
        sort={sort}
        onSort={setSort}
        statuses={ACTION_STATUSES}
        statusPrefix="actionStatus"
        sorts={["manual", "status", "progress", "period", "group"]}
        withPerson
      />
      <div className="scroll-x">
        <table className="grid-table">
          <thead>
            <tr>
              <th>{t("plan.col.title")}</th>
              <th>{t("plan.col.scenes")}</th>
              <th>{t("plan.col.items")}</th>
              <th>{t("plan.col.goalCodes")}</th>
              <th>{t("plan.col.group")}</th>
              <th>{t("plan.col.period")}</th>
              <th>{t("plan.col.status")}</th>
              <th>{t("plan.col.progress")}</th>
              <th className="no-print" />
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <Fragment key={a.id}>
                <tr
                  data-row-id={a.id}
                  data-testid="action-row"
                  style={visitorStyle(ctx.presence, "actions", a.id)}
                >
                  <td className="wide-cell">
                    <RowText
                      table="actions"
                      id={a.id}
                      field="title"
                      label={t("plan.col.title")}
                      testId="action-title"
                      multiline
                      rows={2}
                    />
                    <Visitors table="actions" id={a.id} />
                    {a.carriedFrom && <span className="badge">{t("plan.col.carried")}</span>}
                  </td>
                  <td>
                    <Chips
                      options={sceneChipOptions()}
                      value={a.scenes}
                      disabled={!editable}
                      label={t("plan.col.scenes")}
                      onChange={(v) => setRowField(doc, "actions", a.id, "scenes", v)}
                    />
                  </td>
                  <td>
                    <Chips
                      options={itemOptions()}
                      value={a.items}
                      disabled={!editable}
                      label={t("plan.col.items")}
                      onChange={(v) => setRowField(doc, "actions", a.id, "items", v)}
                    />
                  </td>
                  <td>
                    <GoalCodes action={a} />
                  </td>
                  <td>
                    <Select
                      value={a.ownerGroupId}
                      options={ctx.groups.map((g) => ({ id: g.id, label: g.name }))}
                      allowEmpty={t("plan.noGroup")}
                      label={t("plan.col.group")}
                      disabled={!editable}
                      testId="action-group"
                      onChange={(v) => setRowField(doc, "actions", a.id, "ownerGroupId", v)}
                    />
                  </td>
                  <td>
                    <PeriodInputs action={a} />
                  </td>
                  <td>
                    <Select
                      value={a.status}
                      options={ACTION_STATUSES.map((s) => ({
                        id: s.id,
                        label: t(`actionStatus.${s.id}` as MessageKey),
                      }))}
                      label={t("plan.col.status")}
                      disabled={!editable}
                      testId="action-status"
                      onChange={(v) =>
                        setRowField(doc, "actions", a.id, "status", (v ?? "notStarted") as ActionStatus)
                      }
                    />
                  </td>
                  <td>
                    <ProgressInput action={a} />
                  </td>
                  <td className="no-print">
                    <RowTools
                      disabled={!editable || sort !== "manual"}
                      onUp={() => moveRow(doc, "actions", plan.actions, a.id, -1)}
                      onDown={() => moveRow(doc, "actions", plan.actions, a.id, 1)}
                      onDelete={() => {
                        if (window.confirm(t("plan.confirmDelete", { title: a.title })))
                          removeRow(doc, "actions", a.id);
                      }}
                    >
                      <button
                        type="button"
                        className="icon"
                        aria-expanded={open === a.id}
                        onClick={() => setOpen(open === a.id ? null : a.id)}
                        data-testid="action-details-toggle"
                      >
                        {t("plan.details")}
                      </button>
                      <CommentsButton table="actions" rowId={a.id} title={a.title} />
                    </RowTools>
                  </td>
                </tr>
                {open === a.id && (
                  <tr className="details-row">
                    <td colSpan={9}>
                      <ActionDetails action={a} ctx={ctx} />
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
        <button type="button" className="no-print" onClick={add} data-testid="add-action">
          {t("plan.addAction")}
        </button>
      )}
    </div>
  );
}

function GoalCodes({ action }: { action: Action }) {
  const { doc, editable, plan } = usePlanContext();
  const known = [...new Set([...plan.goals.map((g) => g.code), ...action.goalCodes])];
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
  const { doc, editable, plan } = usePlanContext();
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
        fiscalYear={plan.fiscalYear}
        label={t("plan.col.periodStart")}
        disabled={!editable}
        onChange={(v) => set("start", v)}
      />
      <span>〜</span>
      <MonthSelect
        value={action.period.end}
        fiscalYear={plan.fiscalYear}
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

function ActionDetails({ action, ctx }: { action: Action; ctx: PlanContextValue }) {
  const { doc, editable, plan, members } = ctx;
  return (
    <div className="details-grid">
      <div className="detail-field">
        <span>{t("plan.col.detail")}</span>
        <RowText table="actions" id={action.id} field="detail" label={t("plan.col.detail")} multiline />
      </div>
      <div className="detail-field">
        <span>{t("plan.col.nextStep")}</span>
        <RowText table="actions" id={action.id} field="nextStep" label={t("plan.col.nextStep")} multiline />
      </div>
      <div className="detail-field">
        <span>{t("plan.col.person")}</span>
        <Select
          value={action.ownerUserId}
          options={members.map((m) => ({ id: m.userId, label: m.name }))}
          allowEmpty={t("plan.noGroup")}
          label={t("plan.col.person")}
          disabled={!editable}
          onChange={(v) => setRowField(doc, "actions", action.id, "ownerUserId", v)}
        />
      </div>
      <label>
        {t("plan.col.weight")}
        <input
          type="number"
          min={1}
          max={10}
          value={action.weight}
          disabled={!editable}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (n >= 1 && n <= 10) setRowField(doc, "actions", action.id, "weight", n);
          }}
        />
      </label>
      <fieldset className="links-edit" data-testid="action-indicators">
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
      <LinkedCharts indicatorIds={action.indicatorIds} testId="action-linked-charts" />
      <fieldset className="links-edit">
        <legend>{t("plan.col.problemsLinked")}</legend>
        {plan.problems.map((p) => (
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
    </div>
  );
}
