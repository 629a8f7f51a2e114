/** The year-end review (Check/Act): grade and comment each action, summaries per scene and item. */
import { type Action, GRADES, type Grade, ITEMS, itemMark, SCENES, setRowField } from "@tsumugi/domain";
import { memo, useCallback } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { Select } from "./choice-cells";
import { gridKeyDown } from "./grid-keys";
import { usePlanContext } from "./plan-context";
import { useRow, useTableSelect } from "./plan-store";
import { countRender, useVisitorStyle, Visitors } from "./row-chrome";
import { RowText } from "./text-cells";

type GradeCounts = Record<Grade | "none", number>;

export function gradeCounts(actions: readonly Action[]): GradeCounts {
  const counts: GradeCounts = { A: 0, B: 0, C: 0, D: 0, none: 0 };
  for (const a of actions) {
    if (a.status === "cancelled") continue;
    counts[a.evaluation.grade ?? "none"] += 1;
  }
  return counts;
}

const COLUMNS = [...GRADES.map((g) => g.id), "none"] as const;

/**
 * Grade counts per group (a scene, an item), as one flat list of numbers so that the table
 * renders again only when a count changes, not on every keystroke in a comment.
 */
function useCounts(groups: readonly ((a: Action) => boolean)[]): number[] {
  const { store } = usePlanContext();
  return useTableSelect(
    store,
    "actions",
    useCallback(
      (rows: readonly Action[]) =>
        groups.flatMap((inGroup) => {
          const c = gradeCounts(rows.filter(inGroup));
          return COLUMNS.map((k) => c[k]);
        }),
      [groups],
    ),
  );
}

const SCENE_GROUPS = SCENES.map((s) => (a: Action) => a.scenes.includes(s.id));
const ITEM_GROUPS = ITEMS.map((i) => (a: Action) => a.items.includes(i.id));

function SummaryTable(props: {
  title: string;
  rows: { key: string; label: string }[];
  groups: readonly ((a: Action) => boolean)[];
}) {
  const counts = useCounts(props.groups);
  return (
    <section className="card review-summary">
      <h2>{props.title}</h2>
      <div className="table-scroll">
        <table className="grid-table summary-table">
          <colgroup>
            <col className="col-label" />
            {COLUMNS.map((k) => (
              <col key={k} className="col-count" />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th />
              {GRADES.map((g) => (
                <th key={g.id}>{t(`grade.${g.id}` as MessageKey)}</th>
              ))}
              <th>{t("review.ungraded")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r, i) => (
              <tr key={r.key} data-testid={`review-summary-${r.key}`}>
                <th scope="row">{r.label}</th>
                {COLUMNS.map((k, j) => (
                  <td key={k} className="num">
                    {counts[i * COLUMNS.length + j]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ReviewView() {
  const { store } = usePlanContext();
  const ids = useTableSelect(
    store,
    "actions",
    useCallback((rows: readonly Action[]) => rows.map((a) => a.id), []),
  );
  return (
    <div className="review" data-testid="review-view">
      <div className="review-summaries">
        <SummaryTable
          title={t("review.summaryScene")}
          rows={SCENES.map((s) => ({ key: s.id, label: t(`scene.${s.id}` as MessageKey) }))}
          groups={SCENE_GROUPS}
        />
        <SummaryTable
          title={t("review.summaryItem")}
          rows={ITEMS.map((i) => ({
            key: i.id,
            label: `${itemMark(i.id)} ${t(`item.${i.id}` as MessageKey)}`,
          }))}
          groups={ITEM_GROUPS}
        />
      </div>
      <table className="grid-table plan-grid review-grid" onKeyDown={gridKeyDown}>
        <colgroup>
          <col className="col-title" />
          <col className="col-status" />
          <col className="col-grade" />
          <col />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>{t("plan.actions")}</th>
            <th>{t("plan.col.status")}</th>
            <th>{t("plan.col.grade")}</th>
            <th>{t("plan.col.comment")}</th>
            <th>{t("plan.col.nextStep")}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <ReviewRow key={id} id={id} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ReviewRow = memo(function ReviewRow({ id }: { id: string }) {
  const { store, doc, editable } = usePlanContext();
  const a = useRow(store, "actions", id);
  const style = useVisitorStyle("actions", id);
  countRender("review", id);
  if (!a) return null;
  return (
    <tr data-row-id={a.id} data-testid="review-row" style={style}>
      <td data-label={t("plan.actions")}>
        <span className="review-title">{a.title}</span>
        <Visitors table="actions" id={a.id} />
      </td>
      <td data-label={t("plan.col.status")}>{t(`actionStatus.${a.status}` as MessageKey)}</td>
      <td data-label={t("plan.col.grade")}>
        <Select
          value={a.evaluation.grade}
          options={GRADES.map((g) => ({ id: g.id, label: t(`grade.${g.id}` as MessageKey) }))}
          allowEmpty={t("review.ungraded")}
          label={t("plan.col.grade")}
          disabled={!editable}
          testId="review-grade"
          onChange={(v) => setRowField(doc, "actions", a.id, "evaluation.grade", v)}
        />
      </td>
      <td data-label={t("plan.col.comment")}>
        <RowText
          table="actions"
          id={a.id}
          field="evaluation.comment"
          label={t("plan.col.comment")}
          multiline
          rows={2}
        />
      </td>
      <td data-label={t("plan.col.nextStep")}>
        <RowText
          table="actions"
          id={a.id}
          field="nextStep"
          label={t("plan.col.nextStep")}
          multiline
          rows={2}
        />
      </td>
    </tr>
  );
});
