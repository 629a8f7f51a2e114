/**
 * The results of an event's questionnaire: the figures the indicators and the series use
 * (満足度, 理解度 before and after, ACP), each question's counts as a chart with its table, the
 * free texts as a list, the answers by 職種, and the downloads (CSV, Excel).
 */
import type { QuestionnaireResults as Results } from "@tsumugi/contract";
import { Deferred, lazyNamed } from "../app/lazy";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { formatMean, formatRate } from "./figures";
import type { AnswerSourceFilter, QuestionnaireApi } from "./questionnaire-api";

const SOURCES: readonly AnswerSourceFilter[] = ["all", "phone", "paper"];

const ChoiceChart = lazyNamed(() => import("./QuestionnaireCharts"), "ChoiceChart");

const percent = (n: number, of: number) => (of === 0 ? "—" : `${((n / of) * 100).toFixed(1)}%`);

export function QuestionnaireResults(props: {
  eventId: string;
  results: Results;
  api: QuestionnaireApi;
  source: AnswerSourceFilter;
  onSource(source: AnswerSourceFilter): void;
}) {
  const { results: r, source } = props;
  const total = r.sources.phone + r.sources.paper;
  const m = r.measures;
  return (
    <section className="card qn-results" aria-labelledby="qn-results-title" data-testid="qn-results">
      <h2 id="qn-results-title">{t("qn.results")}</h2>
      <fieldset className="qn-source no-print" data-testid="qn-source">
        <legend>{t("qn.source")}</legend>
        {SOURCES.map((s) => (
          <label key={s} className={s === source ? "chosen" : undefined}>
            <input
              type="radio"
              name={`qn-source-${props.eventId}`}
              value={s}
              checked={s === source}
              onChange={() => props.onSource(s)}
            />
            {t(`qn.source.${s}` as MessageKey)}
            <span className="muted"> {t("qn.answersN", { n: s === "all" ? total : r.sources[s] })}</span>
          </label>
        ))}
      </fieldset>
      <dl className="qn-figures" data-testid="qn-figures" aria-live="polite">
        <div>
          <dt>{source === "all" ? t("qn.answerCount") : t(`qn.answerCountOf.${source}` as MessageKey)}</dt>
          <dd data-testid="qn-answer-count">{t("qn.answersN", { n: r.answers })}</dd>
        </div>
        {source === "all" && total > 0 && (
          <div>
            <dt>{t("qn.bySource")}</dt>
            <dd data-testid="qn-by-source">
              {t("qn.bySourceText", { phone: r.sources.phone, paper: r.sources.paper })}
            </dd>
          </div>
        )}
        {m.satisfaction !== null && (
          <div>
            <dt>{t("events.satisfaction")}</dt>
            <dd data-testid="qn-satisfaction">
              {t("events.scaleMean", { mean: formatMean(m.satisfaction) })}
            </dd>
          </div>
        )}
        {m.understandingBefore !== null && (
          <div>
            <dt>{t("qn.understandingBefore")}</dt>
            <dd>{t("events.scaleMean", { mean: formatMean(m.understandingBefore) })}</dd>
          </div>
        )}
        {m.understanding !== null && (
          <div>
            <dt>{m.understandingBefore !== null ? t("qn.understandingAfter") : t("events.understanding")}</dt>
            <dd>{t("events.scaleMean", { mean: formatMean(m.understanding) })}</dd>
          </div>
        )}
        {m.acpTalkRate !== null && (
          <div>
            <dt>{t("events.acpTalk")}</dt>
            <dd>{formatRate(m.acpTalkRate)}</dd>
          </div>
        )}
      </dl>
      <p className="row no-print">
        <a
          className="button-link"
          href={props.api.exportUrl(props.eventId, "xlsx", source)}
          download
          data-testid="qn-xlsx"
        >
          {t("qn.downloadXlsx")}
        </a>
        <a
          className="button-link"
          href={props.api.exportUrl(props.eventId, "csv", source)}
          download
          data-testid="qn-csv"
        >
          {t("qn.downloadCsv")}
        </a>
      </p>
      {r.answers === 0 && <p className="muted">{t("qn.noAnswers")}</p>}
      {r.answers > 0 && r.byProfession.some((p) => p.answers > 0) && (
        <div className="qn-result" data-testid="qn-by-profession">
          <h3>{t("qn.byProfession")}</h3>
          <div className="table-scroll">
            <table className="grid-table">
              <thead>
                <tr>
                  <th>{t("events.profession")}</th>
                  <th>{t("qn.answerCount")}</th>
                  <th>{t("events.satisfaction")}</th>
                  <th>{t("events.understanding")}</th>
                </tr>
              </thead>
              <tbody>
                {r.byProfession
                  .filter((p) => p.answers > 0)
                  .map((p) => (
                    <tr key={p.profession}>
                      <th scope="row">{p.profession}</th>
                      <td className="num">{p.answers}</td>
                      <td className="num">{formatMean(p.satisfaction)}</td>
                      <td className="num">{formatMean(p.understanding)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {r.answers > 0 &&
        r.questions.map((q, i) => (
          <div className="qn-result" key={q.questionId} data-testid={`qn-result-${q.questionId}`}>
            <h3>
              {t("qa.number", { n: i + 1 })} {q.text}
            </h3>
            <p className="muted small">
              {t("qn.answeredOf", { n: q.answered, of: r.answers })}
              {q.mean !== null && `・${t("qn.mean")} ${formatMean(q.mean)}`}
            </p>
            {q.type === "text" ? (
              q.texts.length ? (
                <ol className="qn-texts" data-testid="qn-texts">
                  {q.texts.map((text, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the same text may be given twice
                    <li key={j}>{text}</li>
                  ))}
                </ol>
              ) : (
                <p className="muted">{t("qn.noTexts")}</p>
              )
            ) : (
              <div className="qn-result-body">
                <figure className="series-chart" aria-label={t("qn.chartAlt", { text: q.text })}>
                  <Deferred>
                    <ChoiceChart
                      rows={q.counts.map((count, j) => ({
                        label: q.type === "scale" ? `${j + 1} ${q.options[j] ?? ""}` : q.options[j],
                        count,
                      }))}
                    />
                  </Deferred>
                </figure>
                <div className="table-scroll">
                  <table className="grid-table">
                    <thead>
                      <tr>
                        <th>{q.type === "scale" ? t("qn.point") : t("qn.choice")}</th>
                        <th>{t("qn.count")}</th>
                        <th>{t("qn.share")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.counts.map((count, j) => (
                        <tr key={q.options[j] ?? j}>
                          <th scope="row">
                            {q.type === "scale" ? `${j + 1}：${q.options[j]}` : q.options[j]}
                          </th>
                          <td className="num">{count}</td>
                          <td className="num">{percent(count, q.answered)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
          </div>
        ))}
    </section>
  );
}
