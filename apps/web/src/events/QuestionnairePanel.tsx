/**
 * The アンケート tab of an event: start a questionnaire (a template, a previous event's, or
 * blank), open or close the answering link (shown with a QR code for the last slide), edit the
 * questions, and read the results. Organisers build; everyone who sees the event reads.
 */
import type {
  Event,
  Questionnaire,
  QuestionnaireResults as Results,
  SaveQuestionnaire,
} from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { QuestionnaireBuilder } from "./QuestionnaireBuilder";
import { QuestionnaireLinkCard } from "./QuestionnaireLinkCard";
import { PaperEntry, PaperForm } from "./QuestionnairePaper";
import { QuestionnaireResults } from "./QuestionnaireResults";
import { blankQuestionnaire, QuestionnaireStart } from "./QuestionnaireStart";
import { type AnswerSourceFilter, questionnaireApi } from "./questionnaire-api";
import { useAnswerEvents } from "./useAnswerEvents";
import "./questionnaire.css";

export function QuestionnairePanel({ wid, event }: { wid: string; event: Event }) {
  const api = useMemo(() => questionnaireApi(wid), [wid]);
  const [qn, setQn] = useState<Questionnaire | null | undefined>(undefined);
  const [results, setResults] = useState<Results | null>(null);
  const [editing, setEditing] = useState(false);
  const [paper, setPaper] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const manage = event.abilities.manageQuestionnaire;

  // Which answers the results count (all, phones, paper); kept when answers arrive.
  const [source, setSource] = useState<AnswerSourceFilter>("all");
  const sourceNow = useRef(source);
  sourceNow.current = source;
  const refreshResults = useCallback(
    () => api.results(event.id, sourceNow.current).then((r) => setResults(r.results)),
    [api, event.id],
  );

  const load = useCallback(async () => {
    try {
      const [q, r] = await Promise.all([api.get(event.id), api.results(event.id, sourceNow.current)]);
      setQn(q.questionnaire);
      setResults(r.results);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [api, event.id]);
  useEffect(() => {
    void load();
  }, [load]);
  // An answer arrived (a phone, or paper typed in by someone else): the count and the results.
  // Only the count of the questionnaire changes, so a builder open on this page keeps its edits.
  useAnswerEvents(wid, event.id, () => {
    void Promise.all([api.get(event.id), refreshResults()])
      .then(([q]) => {
        const answers = q.questionnaire?.answers;
        if (answers !== undefined) setQn((prev) => (prev ? { ...prev, answers } : prev));
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  });
  const chooseSource = (next: AnswerSourceFilter) => {
    setSource(next);
    sourceNow.current = next;
    void refreshResults().catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  const run = async (action: () => Promise<{ questionnaire: Questionnaire | null }>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      const res = await action();
      setQn(res.questionnaire);
      setNotice(done);
      void refreshResults();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (qn === undefined)
    return error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>;

  const status = notice && (
    <p className="notice" role="status">
      {notice}
    </p>
  );

  if (qn === null)
    return (
      <div className="qn-panel" data-testid="qn-panel">
        <ErrorBanner message={error} />
        {status}
        {manage ? (
          <QuestionnaireStart
            eventId={event.id}
            sources={api.sources}
            onTemplate={(template) => run(() => api.fromTemplate(event.id, { template }), t("qn.created"))}
            onCopy={(fromEventId) => run(() => api.copy(event.id, { fromEventId }), t("qn.created"))}
            onBlank={() =>
              run(() => api.save(event.id, blankQuestionnaire()), t("qn.created")).then(() =>
                setEditing(true),
              )
            }
          />
        ) : (
          <p className="muted">{t("qn.none")}</p>
        )}
      </div>
    );

  const save = async (body: SaveQuestionnaire) => {
    const res = await api.save(event.id, { ...body, open: qn.open });
    setQn(res.questionnaire);
    setEditing(false);
    setNotice(t("qn.saved"));
    void refreshResults();
  };

  return (
    <div className="qn-panel qn-has-paper" data-testid="qn-panel">
      <ErrorBanner message={error} />
      {status}
      <QuestionnaireLinkCard
        event={event}
        questionnaire={qn}
        manage={manage}
        editing={editing}
        paper={paper}
        onToggleOpen={() =>
          run(
            () =>
              api.save(event.id, {
                title: qn.title,
                intro: qn.intro,
                questions: qn.questions,
                open: !qn.open,
              }),
            qn.open ? t("qn.closedNow") : t("qn.openedNow"),
          )
        }
        onEdit={() => setEditing(true)}
        onPaper={() => setPaper(true)}
        onDelete={() => {
          void api
            .remove(event.id)
            .then(() => {
              setQn(null);
              setResults(null);
              setEditing(false);
              setNotice(t("qn.deleted"));
            })
            .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
        }}
        onCopied={() => setNotice(t("common.copied"))}
      />
      {editing && manage && (
        <section className="card no-print" aria-label={t("qn.edit")}>
          <QuestionnaireBuilder
            initial={qn}
            answers={qn.answers}
            onSave={save}
            onCancel={() => setEditing(false)}
          />
        </section>
      )}
      {paper && manage && (
        <PaperEntry
          eventId={event.id}
          questionnaire={qn}
          api={api}
          onEntered={(answers) => {
            setQn({ ...qn, answers });
            void refreshResults();
          }}
          onClose={() => setPaper(false)}
        />
      )}
      {results && (
        <QuestionnaireResults
          eventId={event.id}
          results={results}
          api={api}
          source={source}
          onSource={chooseSource}
        />
      )}
      <PaperForm event={event} questionnaire={qn} />
    </div>
  );
}
