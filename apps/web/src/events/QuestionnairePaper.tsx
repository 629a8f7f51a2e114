/**
 * Paper questionnaires, for people who answer on paper (older residents at a lecture): the form
 * printed on A4 portrait with boxes to tick, and the organisers typing each returned sheet in
 * with the same fields as the answering page, one after another.
 */
import type { Event, Questionnaire } from "@tsumugi/contract";
import { formatTimeRange } from "@tsumugi/domain";
import { useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { QuestionField, type Value } from "./QuestionField";
import type { QuestionnaireApi } from "./questionnaire-api";

/** The blank form as printed (shown only on paper). */
export function PaperForm({ event, questionnaire: qn }: { event: Event; questionnaire: Questionnaire }) {
  return (
    <section className="qn-paper print-only" data-testid="qn-paper">
      <p className="qn-paper-event">
        {event.title}　{formatTimeRange(event.startsAt, event.endsAt)}
      </p>
      <h1>{qn.title}</h1>
      {qn.intro && <p>{qn.intro}</p>}
      <p className="small">{t("qn.paperHint")}</p>
      {qn.questions.map((q, i) => (
        <div className="qn-paper-question" key={q.id}>
          <p className="qn-paper-text">
            {t("qa.number", { n: i + 1 })} {q.text}
            {q.type === "multiple" && `（${t("qa.multipleHint")}）`}
          </p>
          {q.type === "text" ? (
            <div className="qn-paper-box" />
          ) : (
            <ul className={q.type === "scale" ? "qn-paper-scale" : "qn-paper-choices"}>
              {q.options.map((o, j) => (
                <li key={o}>
                  <span className="qn-paper-tick">□</span>
                  {q.type === "scale" ? `${j + 1} ${o}` : o}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <p className="qn-paper-thanks">{t("qn.paperThanks")}</p>
    </section>
  );
}

/** Typing in the sheets that came back: the fields of the answering page, cleared after each. */
export function PaperEntry(props: {
  eventId: string;
  questionnaire: Questionnaire;
  api: QuestionnaireApi;
  onEntered(answers: number): void;
  onClose(): void;
}) {
  const [values, setValues] = useState<Record<string, Value>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number>(0);
  const [busy, setBusy] = useState(false);
  const set = (id: string, v: Value | undefined) => {
    setValues((old) => {
      const next = { ...old };
      if (v === undefined || (Array.isArray(v) && v.length === 0) || v === "") delete next[id];
      else next[id] = v;
      return next;
    });
    setProblems(({ [`answers.${id}`]: _, ...rest }) => rest);
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await props.api.enterPaper(props.eventId, { answers: values });
      setValues({});
      setProblems({});
      setDone((n) => n + 1);
      props.onEntered(res.answers);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        setProblems(e.fields);
        setError(t("qa.fixProblems"));
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card no-print" aria-labelledby="qn-paper-entry" data-testid="qn-paper-entry">
      <h2 id="qn-paper-entry">{t("qn.paperEntry")}</h2>
      <p className="muted small">{t("qn.paperEntryHint")}</p>
      {done > 0 && (
        <p className="notice" role="status" data-testid="qn-paper-done">
          {t("qn.paperEntered", { n: done })}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        {props.questionnaire.questions.map((q, i) => (
          <QuestionField
            key={q.id}
            number={i + 1}
            question={q}
            value={values[q.id]}
            problem={problems[`answers.${q.id}`]}
            onChange={(v) => set(q.id, v)}
          />
        ))}
        <ErrorBanner message={error} />
        <div className="row">
          <button type="submit" disabled={busy} data-testid="qn-paper-submit">
            {t("qn.paperSubmit")}
          </button>
          <button type="button" className="secondary" onClick={props.onClose}>
            {t("qn.paperClose")}
          </button>
        </div>
      </form>
    </section>
  );
}
