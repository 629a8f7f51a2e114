/**
 * The agenda: ordered items with planned minutes and presenter, the plan rows each is about
 * (edited right here), and meeting mode: the current item highlighted with its timer.
 * Items not reached are offered to the next meeting as its backlog.
 */
import type { MeetingBacklog } from "@tsumugi/contract";
import {
  ACTION_STATUSES,
  AGENDA_STATES,
  type AgendaItem,
  type AgendaState,
  deleteMeetingRow,
  insertMeetingRow,
  MEETING_TEXT_LIMITS,
  meetingText,
  newId,
  orderAfterLast,
  type PlanLink,
  PROBLEM_STATUSES,
  planTextLimit,
  rowText,
  setMeetingField,
  setRowField,
  startAgendaItem,
} from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { RowTools } from "../plan/cells";
import { moveRow } from "../plan/plan-edits";
import { useMeetingContext } from "./meeting-context";
import { elapsedText } from "./meeting-format";
import { meetingsApi } from "./meetings-api";

export function AgendaView() {
  const ctx = useMeetingContext();
  const { agenda, doc, editable, live, meeting } = ctx;
  const total = agenda.reduce((sum, a) => sum + a.minutes, 0);

  const add = (fields: Partial<AgendaItem> = {}) => {
    insertMeetingRow(doc, "agenda", {
      id: newId(),
      order: orderAfterLast(agenda),
      title: t("meeting.agenda.new"),
      notes: "",
      minutes: 10,
      presenter: "",
      planLinks: [],
      state: "pending",
      carriedFrom: null,
      ...fields,
    });
  };

  return (
    <section className="agenda" data-testid="agenda">
      <h2>
        {t("meeting.tab.agenda")}{" "}
        <span className="muted small">{t("meeting.agenda.total", { minutes: total })}</span>
      </h2>
      <ol className="agenda-list">
        {agenda.map((item) => (
          <AgendaRow
            key={item.id}
            item={item}
            current={live.currentItemId === item.id}
            startedAt={live.currentStartedAt}
          />
        ))}
      </ol>
      {editable && (
        <div className="row no-print">
          <button type="button" onClick={() => add()} data-testid="agenda-add">
            {t("meeting.agenda.add")}
          </button>
          {meeting.state === "inProgress" && live.currentItemId && (
            <button type="button" className="link" onClick={() => startAgendaItem(doc, null, Date.now())}>
              {t("meeting.agenda.stop")}
            </button>
          )}
        </div>
      )}
      {editable && meeting.state !== "closed" && <Backlog onAdd={add} />}
    </section>
  );
}

function AgendaRow({
  item,
  current,
  startedAt,
}: {
  item: AgendaItem;
  current: boolean;
  startedAt: number | null;
}) {
  const ctx = useMeetingContext();
  const { doc, editable, meeting } = ctx;
  const title = meetingText(doc, "agenda", item.id, "title");
  return (
    <li
      className={current ? "agenda-item current" : "agenda-item"}
      data-testid="agenda-item"
      data-current={current}
    >
      <div className="agenda-head">
        {title && (
          <CollabTextInput
            text={title}
            label={t("meeting.agenda.title")}
            readOnly={!editable}
            className="cell-input agenda-title"
            testId="agenda-title"
            maxLength={MEETING_TEXT_LIMITS.agenda.title}
            noLineBreaks
          />
        )}
        {current && <Timer startedAt={startedAt} planned={item.minutes} />}
        {meeting.state === "inProgress" && editable && !current && (
          <button
            type="button"
            className="no-print"
            onClick={() => startAgendaItem(doc, item.id, Date.now())}
            data-testid="agenda-start"
          >
            {t("meeting.agenda.start")}
          </button>
        )}
        {current && <span className="badge">{t("meeting.agenda.current")}</span>}
      </div>
      <div className="agenda-fields">
        <label>
          {t("meeting.agenda.minutes")}
          <input
            type="number"
            min={0}
            max={600}
            value={item.minutes}
            disabled={!editable}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (n >= 0 && n <= 600) setMeetingField(doc, "agenda", item.id, "minutes", n);
            }}
          />
        </label>
        <label>
          {t("meeting.agenda.presenter")}
          <input
            value={item.presenter}
            disabled={!editable}
            maxLength={MEETING_TEXT_LIMITS.agenda.presenter}
            onChange={(e) => setMeetingField(doc, "agenda", item.id, "presenter", e.target.value)}
          />
        </label>
        <label>
          {t("meeting.agenda.state")}
          <select
            value={item.state}
            disabled={!editable}
            data-testid="agenda-state"
            onChange={(e) => setMeetingField(doc, "agenda", item.id, "state", e.target.value as AgendaState)}
          >
            {AGENDA_STATES.map((s) => (
              <option key={s.id} value={s.id}>
                {t(`agendaState.${s.id}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {editable && (
          <span className="no-print">
            <RowTools
              disabled={!editable}
              onUp={() => moveRow(doc, "agenda", ctx.agenda, item.id, -1)}
              onDown={() => moveRow(doc, "agenda", ctx.agenda, item.id, 1)}
              onDelete={() => {
                if (window.confirm(t("plan.confirmDelete", { title: item.title })))
                  deleteMeetingRow(doc, "agenda", item.id);
              }}
            />
          </span>
        )}
      </div>
      <LinkedPlanRows item={item} />
    </li>
  );
}

function Timer({ startedAt, planned }: { startedAt: number | null; planned: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (startedAt === null) return null;
  const elapsed = now - startedAt;
  const over = planned > 0 && elapsed > planned * 60_000;
  return (
    <span className={over ? "timer over" : "timer"} data-testid="agenda-timer" role="timer">
      {t("meeting.agenda.elapsed", { elapsed: elapsedText(elapsed), planned })}
      {over && `（${t("meeting.agenda.over")}）`}
    </span>
  );
}

/** The plan rows an item is about, editable from the agenda (status, progress, title). */
function LinkedPlanRows({ item }: { item: AgendaItem }) {
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

/** The previous meeting's unreached items, offered for this agenda. */
function Backlog({ onAdd }: { onAdd(fields: Partial<AgendaItem>): void }) {
  const { wid, meeting, agenda } = useMeetingContext();
  const [offer, setOffer] = useState<MeetingBacklog | null>(null);
  useEffect(() => {
    void meetingsApi(wid).backlog(meeting.id).then(setOffer);
  }, [wid, meeting.id]);
  if (!offer?.previous) return null;
  const previous = offer.previous;
  const open = offer.items.filter((i) => !agenda.some((a) => a.carriedFrom?.itemId === i.id));
  if (open.length === 0) return null;
  return (
    <div className="card backlog no-print" data-testid="backlog">
      <h3>{t("meeting.backlog", { title: previous.title })}</h3>
      <ul className="plain">
        {open.map((i) => (
          <li key={i.id}>
            {i.title}{" "}
            <button
              type="button"
              className="link"
              data-testid="backlog-add"
              onClick={() =>
                onAdd({
                  title: i.title,
                  minutes: i.minutes,
                  presenter: i.presenter,
                  planLinks: i.planLinks,
                  carriedFrom: { meetingId: previous.id, itemId: i.id },
                })
              }
            >
              {t("meeting.backlog.add")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
