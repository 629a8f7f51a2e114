/**
 * The agenda: ordered items with planned minutes and presenter, the plan rows each is about
 * (edited right here, AgendaPlanRows), and meeting mode: the current item highlighted with its
 * timer. Items not reached are offered to the next meeting as its backlog (AgendaBacklog).
 */
import {
  AGENDA_STATES,
  type AgendaItem,
  type AgendaState,
  deleteMeetingRow,
  insertMeetingRow,
  MEETING_TEXT_LIMITS,
  meetingText,
  newAgendaItem,
  setMeetingField,
  startAgendaItem,
} from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { moveRow } from "../plan/plan-edits";
import { RowTools } from "../plan/row-chrome";
import { AgendaBacklog } from "./AgendaBacklog";
import { LinkedPlanRows } from "./AgendaPlanRows";
import { useMeetingContext } from "./meeting-context";
import { elapsedText } from "./meeting-format";

export function AgendaView() {
  const ctx = useMeetingContext();
  const { agenda, doc, editable, live, meeting } = ctx;
  const total = agenda.reduce((sum, a) => sum + a.minutes, 0);

  const add = (fields: Partial<AgendaItem> = {}) => {
    insertMeetingRow(doc, "agenda", newAgendaItem(agenda, { title: t("meeting.agenda.new"), ...fields }));
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
      {editable && meeting.state !== "closed" && <AgendaBacklog onAdd={add} />}
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
