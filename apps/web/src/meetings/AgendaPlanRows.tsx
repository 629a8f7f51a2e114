/** The plan rows an agenda item is about, edited right here during the meeting. */
import {
  ACTION_STATUSES,
  type AgendaItem,
  type PlanLink,
  PROBLEM_STATUSES,
  planTextLimit,
  rowText,
  setMeetingField,
  setRowField,
} from "@tsumugi/domain";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { useMeetingContext } from "./meeting-context";

/** The plan rows an item is about, editable from the agenda (status, progress, title). */
export function LinkedPlanRows({ item }: { item: AgendaItem }) {
  const { plan, doc, editable } = useMeetingContext();
  if (!plan) return item.planLinks.length > 0 ? <p className="muted">{t("meeting.noPlan")}</p> : null;
  const { problems, actions } = plan.state.plan;
  const setLinks = (links: PlanLink[]) => setMeetingField(doc, "agenda", item.id, "planLinks", links);
  const linked = item.planLinks.flatMap((l) => {
    const row =
      l.table === "problems" ? problems.find((p) => p.id === l.id) : actions.find((a) => a.id === l.id);
    return row ? [{ link: l, row }] : [];
  });
  const options = [
    ...problems.map((p) => ({ key: `problems:${p.id}`, label: `${t("plan.problems")}：${p.title}` })),
    ...actions.map((a) => ({ key: `actions:${a.id}`, label: `${t("plan.actions")}：${a.title}` })),
  ].filter((o) => !item.planLinks.some((l) => `${l.table}:${l.id}` === o.key));
  return (
    <div className="linked-rows" data-testid="agenda-links">
      {linked.length > 0 && <div className="muted small">{t("meeting.linkedRows")}</div>}
      {linked.map(({ link, row }) => {
        const title = rowText(plan.doc, link.table, row.id, "title");
        return (
          <div key={`${link.table}:${row.id}`} className="linked-row" data-testid="agenda-linked-row">
            <span className="badge">
              {link.table === "problems" ? t("plan.problems") : t("plan.actions")}
            </span>
            {title && (
              <CollabTextInput
                text={title}
                label={t("plan.col.title")}
                readOnly={!plan.editable}
                className="cell-input"
                maxLength={planTextLimit(link.table, "title")}
                noLineBreaks
              />
            )}
            <select
              value={row.status}
              disabled={!plan.editable}
              aria-label={t("plan.col.status")}
              data-testid="linked-status"
              onChange={(e) => setRowField(plan.doc, link.table, row.id, "status", e.target.value)}
            >
              {(link.table === "problems" ? PROBLEM_STATUSES : ACTION_STATUSES).map((s) => (
                <option key={s.id} value={s.id}>
                  {t(`${link.table === "problems" ? "problemStatus" : "actionStatus"}.${s.id}` as MessageKey)}
                </option>
              ))}
            </select>
            {link.table === "actions" && "progress" in row && (
              <input
                type="number"
                min={0}
                max={100}
                step={5}
                value={row.progress}
                disabled={!plan.editable}
                aria-label={t("plan.col.progress")}
                onChange={(e) => {
                  const n = Math.round(Number(e.target.value));
                  if (n >= 0 && n <= 100) setRowField(plan.doc, "actions", row.id, "progress", n);
                }}
              />
            )}
            {editable && (
              <button
                type="button"
                className="icon no-print"
                title={t("plan.delete")}
                onClick={() => setLinks(item.planLinks.filter((l) => l !== link))}
              >
                ×
              </button>
            )}
          </div>
        );
      })}
      {editable && options.length > 0 && (
        <select
          className="no-print"
          value=""
          aria-label={t("meeting.agenda.link")}
          data-testid="agenda-link"
          onChange={(e) => {
            const [table, id] = e.target.value.split(":") as [PlanLink["table"], string];
            if (id) setLinks([...item.planLinks, { table, id }]);
          }}
        >
          <option value="">{t("meeting.agenda.link")}</option>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
