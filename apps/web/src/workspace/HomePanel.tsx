/**
 * The home page: what this person does next. The meetings ahead of them, minutes waiting
 * for their step, the plan actions in their charge (overdue first), for the secretariat the
 * whole plan's overdue actions, comments addressed to them and the plan's recent changes.
 * Which lists are shown is the server's answer (`abilities`), never decided here by role.
 */
import type { HomeAction, HomeMeeting } from "@tsumugi/contract";
import { type ReactNode, useCallback } from "react";
import { Link } from "react-router";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { useMeetingEvents } from "../meetings/useMeetingEvents";
import { useReloadWhenServerBack } from "../offline/remembered";
import { DemoBadge } from "../ui/DemoBadge";
import { formatMonthOrDate, formatTimeRange, formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner } from "../ui/Field";
import { useLoaded } from "../ui/use-loaded";
import { homeApi } from "./home-api";
import "./home.css";

type Todo = HomeMeeting["todo"];

const TODO_TAB: Record<Exclude<Todo, null>, string> = {
  publish: "agenda",
  circulate: "minutes",
  review: "review",
  fix: "review",
};

export function HomePanel({ wid, groupName }: { wid: string; groupName(id: string | null): string }) {
  const { data, error, reload: load } = useLoaded(useCallback(() => homeApi(wid).get(), [wid]));
  useReloadWhenServerBack(load);
  // Meetings added or moved on (公開 → 開催中 → 終了 → 確定) by others show up here live.
  useMeetingEvents(wid, load);
  if (error) return <ErrorBanner message={error} />;
  if (!data) return <p className="muted">{t("common.loading")}</p>;

  const planLink = (fy: number, view: string) => `/w/${wid}/plans/${fy}?view=${view}`;
  const fy = data.plan?.fiscalYear;

  const actionList = (list: HomeAction[], testId: string) => (
    <ul className="plain home-list" data-testid={testId}>
      {list.map((a) => (
        <li key={a.id} data-testid="home-action" className={a.overdue ? "overdue" : ""}>
          <div className="home-line">
            {fy !== undefined ? <Link to={planLink(fy, "actions")}>{a.title}</Link> : a.title}
            {a.overdue && <span className="badge warn">{t("home.overdue")}</span>}
          </div>
          <div className="muted small">
            {[
              t(`actionStatus.${a.status}` as MessageKey),
              `${a.progress}%`,
              a.periodEnd ? t("home.until", { end: formatMonthOrDate(a.periodEnd) }) : "",
              a.mine ? t("home.mine") : groupName(a.ownerGroupId),
            ]
              .filter(Boolean)
              .join("　")}
          </div>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="home" data-testid="home">
      <p className="home-intro">{t(`home.intro.${data.role}` as MessageKey)}</p>
      <div className="home-grid">
        <section className="card" aria-labelledby="home-meetings">
          <h2 id="home-meetings">{t("home.meetings")}</h2>
          {data.meetings.length === 0 ? (
            <p className="muted">{t("home.noMeetings")}</p>
          ) : (
            <ul className="plain home-list" data-testid="home-meetings">
              {data.meetings.map((m) => (
                <MeetingItem
                  key={m.id}
                  wid={wid}
                  meeting={m}
                  testId="home-meeting"
                  badge={t(`meetingState.${m.state}` as MessageKey)}
                  flags={
                    <>
                      {m.demo && <DemoBadge />}
                      {m.startsAt.slice(0, 10) < data.today && (
                        <span className="badge warn" data-testid="home-meeting-passed">
                          {t("home.meetingPassed")}
                        </span>
                      )}
                    </>
                  }
                  detail={
                    <>
                      {formatTimeRange(m.startsAt, m.endsAt)}
                      {m.place && `　${m.place}`}
                    </>
                  }
                />
              ))}
            </ul>
          )}
        </section>

        {data.minutes.length > 0 && (
          <section className="card" aria-labelledby="home-minutes">
            <h2 id="home-minutes">{t("home.minutes")}</h2>
            <ul className="plain home-list" data-testid="home-minutes">
              {data.minutes.map((m) => (
                <MeetingItem
                  key={m.id}
                  wid={wid}
                  meeting={m}
                  testId="home-minutes-item"
                  badge={t(`minutesState.${m.minutesState}` as MessageKey)}
                  detail={formatTimeRange(m.startsAt, m.endsAt)}
                />
              ))}
            </ul>
          </section>
        )}

        {data.abilities.ownActions && (
          <section className="card" aria-labelledby="home-actions">
            <h2 id="home-actions">
              {t("home.myActions")}
              {data.plan && <span className="muted small">　{data.plan.fiscalYearLabel}</span>}
            </h2>
            {data.myActions.length === 0 ? (
              <p className="muted">{t(data.plan ? "home.noActions" : "home.noPlan")}</p>
            ) : (
              actionList(data.myActions, "home-my-actions")
            )}
          </section>
        )}

        {data.abilities.overdueActions && (
          <section className="card" aria-labelledby="home-overdue">
            <h2 id="home-overdue">
              {t("home.overdueAll")}
              <span className="muted small" data-testid="home-overdue-count">
                {t("home.count", { count: data.overdueCount })}
              </span>
            </h2>
            {data.overdueActions.length === 0 ? (
              <p className="muted">{t("dashboard.none")}</p>
            ) : (
              actionList(
                data.overdueActions.map((a) => ({ ...a, overdue: true })),
                "home-overdue-actions",
              )
            )}
            {fy !== undefined && data.overdueCount > data.overdueActions.length && (
              <Link to={planLink(fy, "dashboard")}>{t("home.allOverdue")}</Link>
            )}
          </section>
        )}

        <section className="card" aria-labelledby="home-mentions">
          <h2 id="home-mentions">
            {t("home.mentions")}
            {data.unreadMentions > 0 && (
              <span className="badge warn" data-testid="home-unread">
                {t("home.unread", { count: data.unreadMentions })}
              </span>
            )}
          </h2>
          {data.mentions.length === 0 ? (
            <p className="muted">{t("home.noMentions")}</p>
          ) : (
            <>
              <ul className="plain home-list" data-testid="home-mentions">
                {data.mentions.map((m) => (
                  <li key={m.commentId} data-testid="home-mention">
                    <div className="home-line">
                      <Link to={planLink(m.fiscalYear, m.table === "problems" ? "problems" : "actions")}>
                        {m.rowTitle}
                      </Link>
                    </div>
                    <div className="home-quote">{m.body}</div>
                    <div className="muted small">
                      {m.authorName}　{formatWarekiDateTime(m.createdAt)}
                    </div>
                  </li>
                ))}
              </ul>
              <Link to="?tab=mentions">{t("home.allMentions")}</Link>
            </>
          )}
        </section>

        <section className="card" aria-labelledby="home-changes">
          <h2 id="home-changes">{t("dashboard.recentChanges")}</h2>
          {data.changes.length === 0 ? (
            <p className="muted">{t("dashboard.none")}</p>
          ) : (
            <ul className="plain home-list" data-testid="home-changes">
              {data.changes.map((c) => (
                <li key={`${c.at}-${c.table}-${c.rowId}-${c.change}`} data-testid="home-change">
                  <div>
                    {t("dashboard.changeEntry", {
                      by: c.userNames.filter(Boolean).join("、") || t("home.someone"),
                      table: t(`dashboard.table.${c.table}` as MessageKey),
                      title: c.rowTitle,
                      change: t(`dashboard.change.${c.change}` as MessageKey),
                    })}
                  </div>
                  <div className="muted small">{formatWarekiDateTime(c.at)}</div>
                </li>
              ))}
            </ul>
          )}
          {fy !== undefined && <Link to={planLink(fy, "dashboard")}>{t("home.toDashboard")}</Link>}
        </section>
      </div>
    </div>
  );
}

/** A meeting in one of the home page's lists: its title and state, when, and this person's step. */
function MeetingItem({
  wid,
  meeting: m,
  testId,
  badge,
  flags,
  detail,
}: {
  wid: string;
  meeting: HomeMeeting;
  testId: string;
  badge: string;
  flags?: ReactNode;
  detail: ReactNode;
}) {
  const meetingLink = (tab?: string) => `/w/${wid}/meetings/${m.id}${tab ? `?tab=${tab}` : ""}`;
  return (
    <li data-testid={testId}>
      <div className="home-line">
        <Link to={meetingLink()}>{m.title}</Link>
        <span className="badge">{badge}</span>
        {flags}
      </div>
      <div className="muted small">{detail}</div>
      {m.todo && (
        <Link className="home-todo" to={meetingLink(TODO_TAB[m.todo])} data-testid="home-todo">
          {t(`home.todo.${m.todo}` as MessageKey)}
        </Link>
      )}
    </li>
  );
}
