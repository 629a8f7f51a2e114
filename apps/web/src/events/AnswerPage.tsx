/**
 * /q/:publicId — answering an event's questionnaire on a phone, without an account. Anonymous:
 * the browser answers once (the server keeps a hashed cookie token). What was chosen stays on
 * screen whatever the server answers; problems are shown at their questions in Japanese.
 */
import type { PublicQuestionnaire } from "@tsumugi/contract";
import { formatTimeRange } from "@tsumugi/domain";
import { useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { QuestionField, type Value } from "./QuestionField";
import { publicQuestionnaireApi } from "./questionnaire-api";
import "./questionnaire.css";

export function AnswerPage() {
  const { publicId = "" } = useParams();
  const [page, setPage] = useState<PublicQuestionnaire | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, Value>>({});
  const [website, setWebsite] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<"thanks" | "already" | "closed" | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // A link handed to each registrant carries their token after # (never sent in the address).
  const registrant = useRef(new URLSearchParams(window.location.hash.slice(1)).get("r") ?? undefined);

  useEffect(() => {
    document.title = t("qa.pageTitle");
    publicQuestionnaireApi
      .get(publicId)
      .then((p) => {
        setPage(p);
        document.title = `${p.title}｜${p.event.title}`;
        if (p.answered) setDone("already");
        else if (!p.open) setDone("closed");
      })
      .catch((e) => setLoadError(e instanceof ApiError ? e.message : t("error.unknown")));
  }, [publicId]);

  if (loadError)
    return (
      <main className="qa-page">
        <ErrorBanner message={loadError} />
      </main>
    );
  if (!page) return <p className="muted pad">{t("common.loading")}</p>;

  const set = (id: string, v: Value | undefined) => {
    setValues((old) => {
      const next = { ...old };
      if (v === undefined || (Array.isArray(v) && v.length === 0) || v === "") delete next[id];
      else next[id] = v;
      return next;
    });
    setProblems((old) => {
      if (!(`answers.${id}` in old)) return old;
      const next = { ...old };
      delete next[`answers.${id}`];
      return next;
    });
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await publicQuestionnaireApi.answer(publicId, {
        answers: values,
        website,
        ...(registrant.current ? { registrant: registrant.current } : {}),
      });
      setDone("thanks");
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.fields.registrant) {
        setError(t("qa.registrantUnknown"));
      } else if (e instanceof ApiError && e.status === 400 && Object.keys(e.fields).length) {
        setProblems(e.fields);
        setError(t("qa.fixProblems"));
        const first = page.questions.find((q) => e.fields[`answers.${q.id}`]);
        if (first) document.getElementById(`qa-${first.id}`)?.scrollIntoView({ block: "center" });
      } else if (e instanceof ApiError && e.code === "questionnaire.alreadyAnswered") {
        setDone("already");
      } else if (e instanceof ApiError && e.status === 410) {
        setDone("closed");
      } else {
        setError(e instanceof Error ? e.message : t("error.unknown"));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="qa-page" data-testid="answer-page">
      <header className="qa-header">
        <p className="qa-host">{page.event.host}</p>
        <p className="qa-event">{page.event.title}</p>
        <p className="qa-when">{formatTimeRange(page.event.startsAt, page.event.endsAt)}</p>
        <h1>{page.title}</h1>
      </header>
      {done ? (
        <section className="qa-done" role="status" data-testid="answer-done">
          <h2>{t(`qa.done.${done}` as MessageKey)}</h2>
          <p>{t(`qa.done.${done}.text` as MessageKey)}</p>
        </section>
      ) : (
        <form
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) void submit();
          }}
        >
          {page.intro && <p className="qa-intro">{page.intro}</p>}
          <p className="muted small">{t("qa.requiredHint")}</p>
          {page.questions.map((q, i) => (
            <QuestionField
              key={q.id}
              number={i + 1}
              question={q}
              value={values[q.id]}
              problem={problems[`answers.${q.id}`]}
              onChange={(v) => set(q.id, v)}
            />
          ))}
          {/* People do not see this field; a program filling every field fills it too. */}
          <div className="qa-trap" aria-hidden="true">
            <label>
              {t("qa.trap")}
              <input
                name="website"
                tabIndex={-1}
                autoComplete="off"
                value={website}
                onChange={(e) => setWebsite(e.target.value)}
              />
            </label>
          </div>
          <ErrorBanner message={error} />
          <button type="submit" className="qa-submit" disabled={busy} data-testid="answer-submit">
            {busy ? t("qa.sending") : t("qa.submit")}
          </button>
          <p className="muted small">{t("qa.anonymous")}</p>
        </form>
      )}
    </main>
  );
}
