/**
 * A series over the years (e.g. 介護と医療をつむぐ会): participants by 年度 with the trend the
 * secretariat worries about, each event's participants by profession, and the questionnaire
 * figures compared event by event. Every chart has its numbers in a table below it. Those the
 * series' `abilities` allow rename and describe it here.
 */
import type { SeriesDetail } from "@tsumugi/contract";
import { fiscalYearLabel, formatIsoDate, PROFESSION_IDS, type Profession } from "@tsumugi/domain";
import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { Deferred, lazyNamed } from "../app/lazy";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { useLoaded } from "../ui/use-loaded";
import { eventsApi } from "./events-api";
import { formatMean, formatRate } from "./figures";
import { SeriesForm } from "./SeriesForm";
import "../ui/table-scroll.css";
import "./events.css";
import { DemoBadge } from "../ui/DemoBadge";
import "./series.css";

const ParticipationChart = lazyNamed(() => import("./SeriesCharts"), "ParticipationChart");
const MeasuresChart = lazyNamed(() => import("./SeriesCharts"), "MeasuresChart");
const ProfessionChart = lazyNamed(() => import("./SeriesCharts"), "ProfessionChart");

export function SeriesPage() {
  const { wid = "", sid = "" } = useParams();
  const {
    data: detail,
    error,
    reload: load,
  } = useLoaded(useCallback(() => eventsApi(wid).series(sid), [wid, sid]));
  if (error) return <ErrorBanner message={error} />;
  if (!detail) return <p className="muted pad">{t("common.loading")}</p>;
  const { series, events, trend, years } = detail;
  const professions = PROFESSION_IDS.filter((p) =>
    events.some((e) => e.byProfession.some((c) => c.profession === p && c.attended > 0)),
  );
  const attendedBy = (e: Pick<SeriesDetail["events"][number], "byProfession">, p: Profession) =>
    e.byProfession.find((c) => c.profession === p)?.attended ?? 0;
  const rollupOf = (fy: number) => years.find((y) => y.fiscalYear === fy);
  const withAnswers = events.filter((e) => e.answers > 0);
  // Columns only for what some event's questionnaire asked.
  const asked = {
    before: withAnswers.some((e) => e.measures?.understandingBefore != null),
    acp: withAnswers.some((e) => e.measures?.acpTalkRate != null),
  };
  return (
    <main className="wide series-page" data-testid="series-page">
      <p className="no-print">
        <Link to={`/w/${wid}?tab=events&eview=series`}>{t("events.seriesBack")}</Link>
      </p>
      <h1>{series.name}</h1>
      <p className="muted">
        {t(`eventKind.${series.kind}` as MessageKey)}・{t("events.seriesEvents", { n: series.events })}
        {series.demo && <DemoBadge />}
      </p>
      {series.description && <p>{series.description}</p>}
      {series.abilities.update && (
        <details className="card no-print" data-testid="series-edit">
          <summary>{t("events.seriesEdit")}</summary>
          <SeriesForm
            initial={series}
            submitLabel={t("common.save")}
            onSubmit={async (values) => {
              await eventsApi(wid).updateSeries(series.id, values);
              await load();
            }}
          />
        </details>
      )}

      <section className="card" aria-labelledby="trend-title">
        <h2 id="trend-title">{t("events.trend")}</h2>
        <TrendSentence trend={trend} />
        {trend.years.length > 0 && (
          <div className="series-pair">
            <figure className="series-chart" aria-label={t("events.chartAlt", { title: series.name })}>
              <Deferred>
                <ParticipationChart
                  rows={trend.years.map((y) => ({
                    year: fiscalYearLabel(y.fiscalYear),
                    attended: y.attended,
                    perEvent: y.perEvent === null ? null : Math.round(y.perEvent * 10) / 10,
                  }))}
                />
              </Deferred>
            </figure>
            <div className="table-scroll">
              <table className="grid-table" data-testid="series-years">
                <caption className="muted small">{t("events.byYear")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("events.year")}</th>
                    <th scope="col">{t("events.heldCount")}</th>
                    <th scope="col">{t("events.attendedTotal")}</th>
                    <th scope="col">{t("events.perEvent")}</th>
                    <th scope="col">{t("events.answers")}</th>
                    <th scope="col">{t("events.satisfaction")}</th>
                  </tr>
                </thead>
                <tbody>
                  {trend.years.map((y) => {
                    const r = rollupOf(y.fiscalYear);
                    return (
                      <tr key={y.fiscalYear}>
                        <th scope="row" className="nowrap">
                          {fiscalYearLabel(y.fiscalYear)}
                        </th>
                        <td className="num">{y.held}</td>
                        <td className="num">{y.attended}</td>
                        <td className="num">
                          {y.perEvent === null ? "—" : (Math.round(y.perEvent * 10) / 10).toFixed(1)}
                        </td>
                        <td className="num">{r?.answers ?? 0}</td>
                        <td className="num">{formatMean(r?.satisfaction ?? null)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>

      {years.length > 0 && professions.length > 0 && (
        <section className="card" aria-labelledby="years-professions-title">
          <h2 id="years-professions-title">{t("events.yearsByProfession")}</h2>
          <div className="series-pair table-first-fit">
            <figure
              className="series-chart"
              aria-label={t("events.yearsByProfessionAlt", { title: series.name })}
            >
              <Deferred>
                <ProfessionChart
                  rows={years.map((y) => ({
                    year: fiscalYearLabel(y.fiscalYear),
                    ...Object.fromEntries(professions.map((p) => [p, attendedBy(y, p)])),
                  }))}
                  professions={professions.map((p) => ({
                    key: p,
                    label: t(`profession.${p}` as MessageKey),
                  }))}
                />
              </Deferred>
            </figure>
            <div className="table-scroll">
              <table className="grid-table series-years-professions" data-testid="series-years-professions">
                <caption className="muted small">{t("events.yearsByProfessionCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("events.year")}</th>
                    {professions.map((p) => (
                      <th key={p} scope="col">
                        {t(`profession.${p}` as MessageKey)}
                      </th>
                    ))}
                    <th scope="col">{t("events.total")}</th>
                  </tr>
                </thead>
                <tbody>
                  {years.map((y) => (
                    <tr key={y.fiscalYear}>
                      <th scope="row" className="nowrap">
                        {fiscalYearLabel(y.fiscalYear)}
                      </th>
                      {professions.map((p) => (
                        <td key={p} className="num">
                          {attendedBy(y, p)}
                        </td>
                      ))}
                      <td className="num">{y.attended}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </section>
      )}

      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t("events.seriesRuns")}</h2>
        <div className="table-scroll">
          <table className="grid-table series-events" data-testid="series-events">
            <thead>
              <tr>
                <th className="sticky-col">{t("events.title")}</th>
                <th>{t("events.status")}</th>
                <th>{t("events.attendedTotal")}</th>
                {professions.map((p) => (
                  <th key={p}>{t(`profession.${p}` as MessageKey)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <th scope="row" className="sticky-col">
                    <Link to={`/w/${wid}/events/${e.id}`}>{e.title}</Link>
                    <div className="muted small">{formatIsoDate(e.startsAt.slice(0, 10))}</div>
                  </th>
                  <td className="nowrap">{t(`eventStatus.${e.status}` as MessageKey)}</td>
                  <td className="num">{e.status === "held" ? e.attended : "—"}</td>
                  {professions.map((p) => (
                    <td key={p} className="num">
                      {e.status === "held" ? attendedBy(e, p) : ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {withAnswers.length > 0 && (
        <section className="card" aria-labelledby="compare-title">
          <h2 id="compare-title">{t("events.compare")}</h2>
          <>
            <figure className="series-chart">
              <Deferred>
                <MeasuresChart
                  rows={withAnswers.map((e) => ({
                    label: `${fiscalYearLabel(e.fiscalYear)} ${e.startsAt.slice(5, 7).replace(/^0/, "")}月`,
                    satisfaction: e.measures?.satisfaction ?? null,
                    understanding: e.measures?.understanding ?? null,
                  }))}
                />
              </Deferred>
            </figure>
            <div className="table-scroll">
              <table className="grid-table" data-testid="series-compare">
                <thead>
                  <tr>
                    <th>{t("events.title")}</th>
                    <th>{t("events.answers")}</th>
                    <th>{t("events.satisfaction")}</th>
                    {asked.before && <th>{t("qn.understandingBefore")}</th>}
                    <th>{asked.before ? t("qn.understandingAfter") : t("events.understanding")}</th>
                    {asked.acp && <th>{t("events.acpTalk")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {withAnswers.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">
                        {e.title}
                        <div className="muted small">{formatIsoDate(e.startsAt.slice(0, 10))}</div>
                      </th>
                      <td className="num">{e.answers}</td>
                      <td className="num">{formatMean(e.measures?.satisfaction ?? null)}</td>
                      {asked.before && (
                        <td className="num">{formatMean(e.measures?.understandingBefore ?? null)}</td>
                      )}
                      <td className="num">{formatMean(e.measures?.understanding ?? null)}</td>
                      {asked.acp && <td className="num">{formatRate(e.measures?.acpTalkRate ?? null)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        </section>
      )}
    </main>
  );
}

function TrendSentence({ trend }: { trend: SeriesDetail["trend"] }) {
  if (trend.direction === null || trend.change === null || trend.years.length < 2)
    return <p className="muted">{t("events.trendNone")}</p>;
  const first = trend.years[0];
  const last = trend.years[trend.years.length - 1];
  const params = {
    from: fiscalYearLabel(first.fiscalYear),
    to: fiscalYearLabel(last.fiscalYear),
    first: Math.round(first.perEvent ?? 0),
    last: Math.round(last.perEvent ?? 0),
    pct: Math.abs(Math.round(trend.change * 100)),
  };
  const key = `events.trend${trend.direction[0].toUpperCase()}${trend.direction.slice(1)}` as MessageKey;
  return (
    <p className={`trend-sentence ${trend.direction}`} data-testid="trend-sentence">
      {t(key, params)}
    </p>
  );
}
