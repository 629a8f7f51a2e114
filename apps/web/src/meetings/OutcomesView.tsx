/**
 * Outcomes of the meeting, typed 報告 / 決定 / 取組. A 取組 becomes an action in the year's
 * plan (owner group and period), linked back from the outcome.
 */
import {
  deleteMeetingRow,
  insertMeetingRow,
  MEETING_TEXT_LIMITS,
  meetingText,
  newId,
  OUTCOME_TYPES,
  type Outcome,
  type OutcomeType,
  orderAfterLast,
  setMeetingField,
} from "@tsumugi/domain";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { useMeetingContext } from "./meeting-context";
import { meetingsApi } from "./meetings-api";

export function OutcomesView() {
  const { outcomes, doc, editable } = useMeetingContext();
  const [type, setType] = useState<OutcomeType>("decision");
  const add = () => {
    insertMeetingRow(doc, "outcomes", {
      id: newId(),
      order: orderAfterLast(outcomes),
      type,
      text: "",
      agendaItemId: null,
      actionId: null,
    });
  };
  return (
    <section className="outcomes" data-testid="outcomes">
      <h2>{t("meeting.tab.outcomes")}</h2>
      {OUTCOME_TYPES.map((ty) => {
        const list = outcomes.filter((o) => o.type === ty.id);
        if (list.length === 0) return null;
        return (
          <div key={ty.id}>
            <h3>{t(`outcomeType.${ty.id}` as MessageKey)}</h3>
            <ul className="plain outcome-list">
              {list.map((o) => (
                <OutcomeRow key={o.id} outcome={o} />
              ))}
            </ul>
          </div>
        );
      })}
      {editable && (
        <div className="row no-print">
          <select
            value={type}
            onChange={(e) => setType(e.target.value as OutcomeType)}
            aria-label={t("meeting.outcomes.type")}
            data-testid="outcome-type"
          >
            {OUTCOME_TYPES.map((o) => (
              <option key={o.id} value={o.id}>
                {t(`outcomeType.${o.id}` as MessageKey)}
              </option>
            ))}
          </select>
          <button type="button" onClick={add} data-testid="outcome-add">
            {t("meeting.outcomes.add")}
          </button>
        </div>
      )}
    </section>
  );
}

function OutcomeRow({ outcome }: { outcome: Outcome }) {
  const { doc, editable, agenda, wid, meeting, plan } = useMeetingContext();
  const [error, setError] = useState<string | null>(null);
  const text = meetingText(doc, "outcomes", outcome.id, "text");
  const makeAction = async () => {
    try {
      await meetingsApi(wid).outcomeToAction(meeting.id, outcome.id);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <li className="outcome" data-testid="outcome">
      {text && (
        <CollabTextInput
          text={text}
          label={t("meeting.outcomes.text")}
          readOnly={!editable}
          multiline
          rows={2}
          className="cell-input"
          testId="outcome-text"
          maxLength={MEETING_TEXT_LIMITS.outcomes.text}
        />
      )}
      <div className="row small">
        <select
          value={outcome.agendaItemId ?? ""}
          disabled={!editable}
          aria-label={t("meeting.outcomes.agendaItem")}
          onChange={(e) =>
            setMeetingField(doc, "outcomes", outcome.id, "agendaItemId", e.target.value || null)
          }
        >
          <option value="">{t("meeting.outcomes.agendaItem")}</option>
          {agenda.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
        {outcome.type === "action" && outcome.actionId && (
          <Link to={`/w/${wid}/plans/${meeting.fiscalYear}?view=actions`} data-testid="outcome-action-link">
            {plan?.state.plan.actions.find((a) => a.id === outcome.actionId)?.title ??
              t("meeting.outcomes.actionMade")}
          </Link>
        )}
        {outcome.type === "action" && !outcome.actionId && editable && plan?.editable && (
          <>
            <button type="button" className="no-print" onClick={makeAction} data-testid="outcome-make-action">
              {t("meeting.outcomes.makeAction")}
            </button>
            <select
              className="no-print"
              value=""
              aria-label={t("meeting.outcomes.linkAction")}
              data-testid="outcome-link-action"
              onChange={(e) =>
                e.target.value && setMeetingField(doc, "outcomes", outcome.id, "actionId", e.target.value)
              }
            >
              <option value="">{t("meeting.outcomes.linkAction")}</option>
              {plan.state.plan.actions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </select>
          </>
        )}
        {editable && (
          <button
            type="button"
            className="icon danger no-print"
            title={t("plan.delete")}
            onClick={() => deleteMeetingRow(doc, "outcomes", outcome.id)}
          >
            ×
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
