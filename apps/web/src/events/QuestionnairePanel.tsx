/**
 * The アンケート tab of an event: start a questionnaire (a template, a previous event's, or
 * blank), open or close the answering link (shown with a QR code for the last slide), edit the
 * questions, and read the results. Organisers build; everyone who sees the event reads.
 */
import type {
  Event,
  Questionnaire,
  QuestionnaireSources,
  QuestionnaireResults as Results,
  SaveQuestionnaire,
} from "@tsumugi/contract";
import { formatTimeRange, QUESTIONNAIRE_TEMPLATE_IDS, SCALE_PRESETS } from "@tsumugi/domain";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { QrCode } from "../auth/QrCode";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { QuestionnaireBuilder } from "./QuestionnaireBuilder";
import { PaperEntry, PaperForm } from "./QuestionnairePaper";
import { QuestionnaireResults } from "./QuestionnaireResults";
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
          <StartQuestionnaire
            eventId={event.id}
            sources={api.sources}
            onTemplate={(template) => run(() => api.fromTemplate(event.id, { template }), t("qn.created"))}
            onCopy={(fromEventId) => run(() => api.copy(event.id, { fromEventId }), t("qn.created"))}
            onBlank={() =>
              run(
                () =>
                  api.save(event.id, {
                    title: t("qn.blankTitle"),
                    intro: "",
                    questions: [
                      {
                        id: "q1",
                        type: "scale",
                        text: t("qn.blankSatisfaction"),
                        options: [...SCALE_PRESETS.satisfaction],
                        required: true,
                        measure: "satisfaction",
                      },
                    ],
                  }),
                t("qn.created"),
              ).then(() => setEditing(true))
            }
          />
        ) : (
          <p className="muted">{t("qn.none")}</p>
        )}
      </div>
    );

  const link = qn.publicPath ? `${window.location.origin}${qn.publicPath}` : null;
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
      <section className="card no-print" aria-labelledby="qn-link-title">
        <h2 id="qn-link-title">
          {qn.title}{" "}
          <span className={`badge ${qn.open ? "status-held" : ""}`} data-testid="qn-state">
            {qn.open ? t("qn.open") : t("qn.closed")}
          </span>
        </h2>
        <p className="muted small">
          {t("qn.answersSoFar", { n: qn.answers })}・{t("qn.questionsN", { n: qn.questions.length })}
        </p>
        {link && (
          <div className="qn-link">
            <div>
              <p className="small">{t("qn.linkHint")}</p>
              <p className="qn-url" data-testid="qn-url">
                <a href={qn.publicPath ?? ""} target="_blank" rel="noreferrer">
                  {link}
                </a>
              </p>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  void navigator.clipboard?.writeText(link).then(() => setNotice(t("common.copied")));
                }}
              >
                {t("qn.copyLink")}
              </button>
            </div>
            <QrCode text={link} label={t("qn.qrLabel", { title: event.title })} size={140} />
          </div>
        )}
        {event.status === "cancelled" && <p className="muted">{t("qn.cancelledEvent")}</p>}
        {manage && (
          <div className="row">
            {event.status !== "cancelled" && (
              <button
                type="button"
                className={qn.open ? "secondary" : ""}
                onClick={() =>
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
                data-testid="qn-toggle-open"
              >
                {qn.open ? t("qn.close") : t("qn.openAction")}
              </button>
            )}
            {!editing && (
              <button
                type="button"
                className="secondary"
                onClick={() => setEditing(true)}
                data-testid="qn-edit"
              >
                {t("qn.edit")}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => setPaper(true)}
              disabled={paper}
              data-testid="qn-paper-open"
            >
              {t("qn.paperEntry")}
            </button>
            {qn.answers === 0 && (
              <button
                type="button"
                className="link danger"
                onClick={() => {
                  if (!window.confirm(t("qn.confirmDelete"))) return;
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
              >
                {t("qn.delete")}
              </button>
            )}
          </div>
        )}
      </section>
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

function StartQuestionnaire(props: {
  eventId: string;
  sources(): Promise<QuestionnaireSources>;
  onTemplate(template: (typeof QUESTIONNAIRE_TEMPLATE_IDS)[number]): void;
  onCopy(fromEventId: string): void;
  onBlank(): void;
}) {
  const [sources, setSources] = useState<QuestionnaireSources["events"] | null>(null);
  const { sources: loadSources } = props;
  useEffect(() => {
    void loadSources()
      .then((s) => setSources(s.events))
      .catch(() => setSources([]));
  }, [loadSources]);
  const others = (sources ?? []).filter((s) => s.eventId !== props.eventId);
  return (
    <section className="card" aria-labelledby="qn-start-title" data-testid="qn-start">
      <h2 id="qn-start-title">{t("qn.start")}</h2>
      <p className="muted small">{t("qn.startHint")}</p>
      <h3>{t("qn.fromTemplate")}</h3>
      <div className="qn-templates">
        {QUESTIONNAIRE_TEMPLATE_IDS.map((id) => (
          <button
            key={id}
            type="button"
            className="secondary"
            onClick={() => props.onTemplate(id)}
            data-testid={`qn-template-${id}`}
          >
            <strong>{t(`qn.template.${id}` as MessageKey)}</strong>
            <br />
            <span className="small">{t(`qn.template.${id}.about` as MessageKey)}</span>
          </button>
        ))}
      </div>
      <h3>{t("qn.fromEvent")}</h3>
      {others.length === 0 ? (
        <p className="muted small">{t("qn.noSources")}</p>
      ) : (
        <select
          aria-label={t("qn.fromEvent")}
          value=""
          onChange={(e) => e.target.value && props.onCopy(e.target.value)}
          data-testid="qn-copy-from"
        >
          <option value="">{t("events.choose")}</option>
          {others.map((s) => (
            <option key={s.eventId} value={s.eventId}>
              {formatTimeRange(s.startsAt, null)} {s.title}（{s.questionnaireTitle}・
              {t("qn.answersN", { n: s.answers })}）
            </option>
          ))}
        </select>
      )}
      <h3>{t("qn.blank")}</h3>
      <button type="button" className="secondary" onClick={props.onBlank} data-testid="qn-blank">
        {t("qn.blankAction")}
      </button>
    </section>
  );
}
