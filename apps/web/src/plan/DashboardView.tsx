/**
 * The secretariat's dashboard: figures from the server's read model (the same numbers the
 * documents hold), refreshed when the server announces a new projection of the plan, so it
 * follows the committee's edits within a couple of seconds.
 */

import type { DashboardResponse } from "@tsumugi/contract";
import { ITEMS, itemMark, PROBLEM_STATUSES } from "@tsumugi/domain";
import { useCallback, useEffect } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { formatMonthOrDate, formatWarekiDateTime } from "../ui/dates";
import { useLoaded } from "../ui/use-loaded";
import { planApi } from "./plan-api";
import { usePlanContext } from "./plan-context";
import { ProgressBar } from "./shown-cells";

/** A safety net: the event stream normally says when to refresh. */
export const DASHBOARD_REFRESH_MS = 30_000;

/** One line of a roll-up (by scene, item or group); progress null when nothing counts. */
type RollupRow = DashboardResponse["dashboard"]["byItem"][number];

export function DashboardView() {
  const { wid, info, groupName } = usePlanContext();
  const {
    data,
    error,
    reload: load,
  } = useLoaded(useCallback(() => planApi(wid).dashboard(info.fiscalYear), [wid, info.fiscalYear]));

  useEffect(() => {
    const timer = setInterval(load, DASHBOARD_REFRESH_MS);
    // The server says when the plan's figures were recomputed after someone's edit.
    const source = new EventSource(planApi(wid).eventsUrl(info.fiscalYear));
    source.addEventListener("changed", () => void load());
    source.addEventListener("ready", () => void load());
    // The server ended the stream (logout, access taken away): do not reconnect.
    source.addEventListener("end", () => source.close());
    return () => {
      clearInterval(timer);
      source.close();
    };
  }, [wid, info.fiscalYear, load]);

  if (error && !data) return <p className="field-error">{error}</p>;
  if (!data) return <p className="muted">{t("common.loading")}</p>;
  const d = data.dashboard;
  const sceneLabel = (k: string) => t(`scene.${k}` as MessageKey);
  const itemLabel = (k: string) => `${itemMark(k as never)} ${t(`item.${k}` as MessageKey)}`;
  const groupLabel = (k: string) => (k === "" ? t("plan.noGroup") : groupName(k) || k);
  const itemRows = ITEMS.map((i) => d.byItem.find((r) => r.key === i.id)).filter((r): r is RollupRow => !!r);

  return (
    <div className="dashboard" data-testid="dashboard">
      <p className="muted">{t("dashboard.asOf", { date: formatWarekiDateTime(data.projectedAt) })}</p>
      <section className="card">
        <h2>{t("dashboard.overall")}</h2>
        <div className="overall" data-testid="dashboard-overall">
          <ProgressBar value={d.overall.progress ?? Number.NaN} />
          <span className="muted">
            {t("dashboard.actionsDone", { done: d.overall.done, total: d.overall.actions })}
          </span>
        </div>
      </section>
      <div className="dashboard-grid">
        <RollupTable
          title={t("dashboard.byScene")}
          rows={d.byScene}
          label={sceneLabel}
          testId="dashboard-scenes"
        />
        <RollupTable
          title={t("dashboard.byItem")}
          rows={itemRows}
          label={itemLabel}
          testId="dashboard-items"
        />
        <RollupTable
          title={t("dashboard.byGroup")}
          rows={d.byGroup}
          label={groupLabel}
          testId="dashboard-groups"
        />
        <section className="card">
          <h2>{t("dashboard.problemsByStatus")}</h2>
          <table className="grid-table" data-testid="dashboard-problems">
            <tbody>
              {PROBLEM_STATUSES.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{t(`problemStatus.${s.id}` as MessageKey)}</th>
                  <td data-testid={`problems-${s.id}`}>{d.problemsByStatus[s.id]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <ActionCard title={t("dashboard.overdue")} actions={d.overdue} testId="dashboard-overdue" />
        <ActionCard title={t("dashboard.unstarted")} actions={d.unstarted} testId="dashboard-unstarted" />
        <EventCard title={t("dashboard.eventsThisMonth")} events={d.eventsThisMonth} />
        <EventCard title={t("dashboard.eventsNextMonth")} events={d.eventsNextMonth} />
      </div>
      <section className="card">
        <h2>{t("dashboard.recentChanges")}</h2>
        {data.recentChanges.length === 0 && <p className="muted">{t("dashboard.none")}</p>}
        <ul className="plain" data-testid="dashboard-changes">
          {data.recentChanges.map((c) => (
            <li key={c.id}>
              <span className="muted">{formatWarekiDateTime(c.at)}</span>{" "}
              {t("dashboard.changeEntry", {
                by: c.by.join("、"),
                table: t(`dashboard.table.${c.table}` as MessageKey),
                title: c.title,
                change: t(`dashboard.change.${c.change}` as MessageKey),
              })}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function RollupTable(props: {
  title: string;
  rows: RollupRow[];
  label(key: string): string;
  testId: string;
}) {
  return (
    <section className="card">
      <h2>{props.title}</h2>
      <table className="grid-table rollup-table" data-testid={props.testId}>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{props.label(r.key)}</th>
              <td>
                <ProgressBar value={r.progress ?? Number.NaN} />
              </td>
              <td className="muted">{t("dashboard.actionsDone", { done: r.done, total: r.actions })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ActionCard(props: {
  title: string;
  actions: { id: string; title: string; periodEnd: string | null }[];
  testId: string;
}) {
  return (
    <section className="card">
      <h2>
        {props.title}（{props.actions.length}）
      </h2>
      {props.actions.length === 0 && <p className="muted">{t("dashboard.none")}</p>}
      <ul className="plain" data-testid={props.testId}>
        {props.actions.map((a) => (
          <li key={a.id}>
            {a.title}
            {a.periodEnd && <span className="muted">（〜{formatMonthOrDate(a.periodEnd)}）</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EventCard(props: {
  title: string;
  events: { id: string; when: string; label: string; activity: string }[];
}) {
  return (
    <section className="card">
      <h2>{props.title}</h2>
      {props.events.length === 0 && <p className="muted">{t("dashboard.none")}</p>}
      <ul className="plain">
        {props.events.map((e) => (
          <li key={e.id}>
            {e.when} {e.activity}：{e.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
