/**
 * The plan papers (計画書) as A4 pages for the browser to print or save as PDF: the same
 * sections, in the same order, as the workbook 「計画書を出力」 saves (表紙, 理念・めざすべき姿,
 * 4つの場面, 目標一覧, 事業項目表, 年次計画表, 年間予定, 組織図), each starting a page. Opened
 * from the export dialog with the 年度 range and 作成日 in the address. The pages' parts are
 * in PaperTables, PaperSchedule and PaperOrgChart.
 */
import type { PlanYear } from "@tsumugi/contract";
import { fiscalYearLabel, formatIsoDate, SCENES, todayInJapan } from "@tsumugi/domain";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { t } from "../i18n/t";
import { PaperOrgChart } from "./PaperOrgChart";
import { cityOf, Page, sceneName } from "./PaperParts";
import { MonthGrid, PeriodGrid } from "./PaperSchedule";
import { GoalList, ItemsTable, ScenesTable, YearsTable } from "./PaperTables";
import { cssString } from "./PrintHeader";
import { planApi } from "./plan-api";
import { usePlanContext } from "./plan-context";
import { useTable } from "./plan-store";
import "./plan-papers.css";

export function PapersPrint() {
  const ctx = usePlanContext();
  const [params] = useSearchParams();
  const plan = useMemo(() => ctx.store.yearPlan(), [ctx.store]);
  // Re-read on every change of the tables the papers show.
  useTable(ctx.store, "actions");
  useTable(ctx.store, "problems");
  useTable(ctx.store, "goals");
  const live = ctx.store.yearPlan();
  const [others, setOthers] = useState<PlanYear[] | null>(null);
  useEffect(() => {
    void planApi(ctx.wid)
      .years()
      .then((r) => setOthers(r.years));
  }, [ctx.wid]);

  const fy = plan.fiscalYear;
  const from = Number(params.get("from")) || fy;
  const to = Number(params.get("to")) || fy;
  const created = /^\d{4}-\d{2}-\d{2}$/.test(params.get("created") ?? "")
    ? (params.get("created") as string)
    : todayInJapan();
  const heading = `${fiscalYearLabel(fy)} ${ctx.municipality}`;
  const program = live.profile.programName.trim() || `${cityOf(ctx.municipality)}在宅医療介護連携推進事業`;

  return (
    <div className="papers" data-testid="papers-print">
      <style>{`@page plan {
  @bottom-left { content: ${cssString(ctx.municipality)}; }
  @bottom-center { content: counter(page) " / " counter(pages); }
}`}</style>
      <div className="papers-bar no-print">
        <p>{t("papers.print.hint")}</p>
        <button type="button" onClick={() => window.print()} data-testid="papers-print-button">
          {t("papers.print")}
        </button>
      </div>
      <Page testId="paper-cover">
        <div className="paper-cover">
          <p className="cover-title">
            {fiscalYearLabel(fy)}
            <br />
            {program}
            <br />
            事業計画
          </p>
          <p className="cover-office">
            {ctx.municipality}
            <br />
            {live.profile.department.trim() && (
              <>
                {live.profile.department.trim()}
                <br />
              </>
            )}
            {formatIsoDate(created)}
          </p>
        </div>
      </Page>
      <Page title={`${heading} 理念・めざすべき姿`} testId="paper-vision">
        <p className="paper-vision">{live.vision.trim() || t("papers.print.empty")}</p>
        <table className="paper-table">
          <tbody>
            {SCENES.map((s) => (
              <tr key={s.id}>
                <th scope="row">{sceneName(s.id)}</th>
                <td>{live.sceneGoals[s.id] ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Page>
      <Page title={`${heading} 4つの場面ごとの目指す姿・課題・取り組み`} testId="paper-scenes">
        <ScenesTable />
      </Page>
      <Page title={`${heading} 目標一覧`} testId="paper-goals">
        <GoalList />
      </Page>
      <Page title={`${heading} 事業項目別の取組`} testId="paper-items">
        <ItemsTable />
      </Page>
      <Page title={`${ctx.municipality} 在宅医療・介護連携推進事業 年次計画`} testId="paper-years">
        {others ? (
          <YearsTable others={others} from={from} to={to} />
        ) : (
          <p className="muted">{t("common.loading")}</p>
        )}
      </Page>
      <Page title={`${heading} 年間予定`} testId="paper-schedule">
        <PeriodGrid periods={live.planPeriods} fiscalYear={fy} />
        {live.profile.plenaryTopics.trim() && (
          <div className="paper-topics">
            <h3>全体会検討事項</h3>
            <p>{live.profile.plenaryTopics}</p>
          </div>
        )}
        <MonthGrid />
      </Page>
      <Page title={`${heading} 組織図`} testId="paper-org">
        <PaperOrgChart program={program} />
      </Page>
    </div>
  );
}
