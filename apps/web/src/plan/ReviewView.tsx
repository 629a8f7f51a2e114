/** The year-end review (Check/Act): grade and comment each action, summaries per scene and item. */
import { type Action, GRADES, type Grade, ITEMS, itemMark, SCENES, setRowField } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { RowText, Select, Visitors, visitorStyle } from "./cells";
import { usePlanContext } from "./PlanPage";

type GradeCounts = Record<Grade | "none", number>;

export function gradeCounts(actions: readonly Action[]): GradeCounts {
  const counts: GradeCounts = { A: 0, B: 0, C: 0, D: 0, none: 0 };
  for (const a of actions) {
    if (a.status === "cancelled") continue;
    counts[a.evaluation.grade ?? "none"] += 1;
  }
  return counts;
}

export function ReviewView() {
  const { plan, doc, editable, presence } = usePlanContext();
  const summary = (label: string, actions: Action[], key: string) => {
    const c = gradeCounts(actions);
    return (
      <tr key={key} data-testid={`review-summary-${key}`}>
        <th scope="row">{label}</th>
        {GRADES.map((g) => (
          <td key={g.id}>{c[g.id]}</td>
        ))}
        <td>{c.none}</td>
      </tr>
    );
  };
  const head = (
    <thead>
      <tr>
        <th />
        {GRADES.map((g) => (
          <th key={g.id}>{t(`grade.${g.id}` as MessageKey)}</th>
        ))}
        <th>{t("review.ungraded")}</th>
      </tr>
    </thead>
  );
  return (
    <div className="review" data-testid="review-view">
      <div className="dashboard-grid">
        <section className="card">
          <h2>{t("review.summaryScene")}</h2>
          <table className="grid-table">
            {head}
            <tbody>
              {SCENES.map((s) =>
                summary(
                  t(`scene.${s.id}` as MessageKey),
                  plan.actions.filter((a) => a.scenes.includes(s.id)),
                  s.id,
                ),
              )}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>{t("review.summaryItem")}</h2>
          <table className="grid-table">
            {head}
            <tbody>
              {ITEMS.map((i) =>
                summary(
                  `${itemMark(i.id)} ${t(`item.${i.id}` as MessageKey)}`,
                  plan.actions.filter((a) => a.items.includes(i.id)),
                  i.id,
                ),
              )}
            </tbody>
          </table>
        </section>
      </div>
      <table className="grid-table">
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
          {plan.actions.map((a) => (
            <tr key={a.id} data-testid="review-row" style={visitorStyle(presence, "actions", a.id)}>
              <td>
                {a.title}
                <Visitors table="actions" id={a.id} />
              </td>
              <td>{t(`actionStatus.${a.status}` as MessageKey)}</td>
              <td>
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
              <td className="wide-cell">
                <RowText
                  table="actions"
                  id={a.id}
                  field="evaluation.comment"
                  label={t("plan.col.comment")}
                  multiline
                />
              </td>
              <td className="wide-cell">
                <RowText
                  table="actions"
                  id={a.id}
                  field="nextStep"
                  label={t("plan.col.nextStep")}
                  multiline
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
