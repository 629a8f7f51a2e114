/**
 * The plan papers (計画書) as A4 pages for the browser to print or save as PDF: the same
 * sections, in the same order, as the workbook 「計画書を出力」 saves (表紙, 理念・めざすべき姿,
 * 4つの場面, 目標一覧, 事業項目表, 年次計画表, 年間予定, 組織図), each starting a page. Opened
 * from the export dialog with the 年度 range and 作成日 in the address.
 */
import {
  compareGoalCodes,
  FISCAL_MONTHS,
  fiscalYearLabel,
  formatIsoDate,
  fundingMark,
  GOAL_TERMS,
  goalResolver,
  ITEMS,
  type ItemId,
  type ItemNote,
  itemMark,
  type PlanPeriod,
  planPeriodLines,
  SCENES,
  type ScheduleEvent,
  sortGoalCodes,
  todayInJapan,
  weekdayOfIsoDate,
} from "@tsumugi/domain";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { get } from "../api/client";
import {
  placeScheduleEvents,
  ScheduleEventEntries,
  UnlinkedEventsRow,
  useScheduleEventsState,
} from "../events/ScheduleEvents";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import type { YearColumn } from "./MultiYearTable";
import { usePlanContext } from "./PlanPage";
import { cssString } from "./PrintHeader";
import { useTable } from "./plan-store";
import "./plan-papers.css";

const itemName = (id: ItemId) => `${itemMark(id)} ${t(`item.${id}` as MessageKey)}`;
const sceneName = (id: string) => t(`scene.${id}` as MessageKey);

export function cityOf(municipality: string): string {
  const parts = municipality.trim().split(/\s+/);
  return parts[parts.length - 1] ?? municipality;
}

function Lines({ values }: { values: readonly string[] }) {
  return (
    <ul className="paper-list">
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same text may appear twice
        <li key={i}>{v}</li>
      ))}
    </ul>
  );
}

function Page({ title, children, testId }: { title?: string; children: React.ReactNode; testId: string }) {
  return (
    <section className="paper-page" data-testid={testId}>
      {title && <h2 className="paper-title">{title}</h2>}
      {children}
    </section>
  );
}

export function PapersPrint() {
  const ctx = usePlanContext();
  const [params] = useSearchParams();
  const plan = useMemo(() => ctx.store.yearPlan(), [ctx.store]);
  // Re-read on every change of the tables the papers show.
  useTable(ctx.store, "actions");
  useTable(ctx.store, "problems");
  useTable(ctx.store, "goals");
  const live = ctx.store.yearPlan();
  const [others, setOthers] = useState<YearColumn[] | null>(null);
  useEffect(() => {
    void get<{ years: YearColumn[] }>(`/api/workspaces/${ctx.wid}/plans/multi-year`).then((r) =>
      setOthers(r.years),
    );
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
        <table className="paper-table paper-scenes">
          <thead>
            <tr>
              <th />
              {SCENES.map((s) => (
                <th key={s.id}>{sceneName(s.id)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">目指す姿</th>
              {SCENES.map((s) => (
                <td key={s.id}>{live.sceneGoals[s.id] ?? ""}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">課題</th>
              {SCENES.map((s) => (
                <td key={s.id}>
                  <Lines values={live.problems.filter((p) => p.scenes.includes(s.id)).map((p) => p.title)} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">取り組み</th>
              {SCENES.map((s) => (
                <td key={s.id}>
                  <Lines
                    values={live.actions
                      .filter((a) => a.scenes.includes(s.id))
                      .map((a) => `${fundingMark(a.fundingSource)}${a.title}`)}
                  />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">目標番号</th>
              {SCENES.map((s) => (
                <td key={s.id}>
                  {sortGoalCodes([
                    ...live.goals.filter((g) => g.scene === s.id).map((g) => g.code),
                    ...live.actions.filter((a) => a.scenes.includes(s.id)).flatMap((a) => a.goalCodes),
                  ]).join("、")}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </Page>
      <Page title={`${heading} 目標一覧`} testId="paper-goals">
        <GoalList />
      </Page>
      <Page title={`${heading} 事業項目別の取組`} testId="paper-items">
        <table className="paper-table">
          <thead>
            <tr>
              <th>事業項目</th>
              <th>取組</th>
              <th>短期目標</th>
              <th>担当</th>
            </tr>
          </thead>
          <tbody>
            {ITEMS.map((item) => {
              const actions = live.actions.filter((a) => a.items.includes(item.id));
              return (
                <tr key={item.id}>
                  <th scope="row">{itemName(item.id)}</th>
                  <td>
                    <Lines values={actions.map((a) => `${fundingMark(a.fundingSource)}${a.title}`)} />
                  </td>
                  <td>{sortGoalCodes(actions.flatMap((a) => a.goalCodes)).join("、")}</td>
                  <td>
                    {[...new Set(actions.map((a) => ctx.groupName(a.ownerGroupId)).filter(Boolean))].join(
                      "、",
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
        <OrgChart program={program} />
      </Page>
    </div>
  );
}

function GoalList() {
  const { store } = usePlanContext();
  const goals = useTable(store, "goals");
  const actions = useTable(store, "actions");
  const resolve = goalResolver(goals);
  const missing = sortGoalCodes(actions.flatMap((a) => a.goalCodes).filter((c) => !resolve(c)));
  const rows = [
    ...goals.map((g) => ({
      code: g.code,
      term: GOAL_TERMS.find((x) => x.id === g.term)?.label ?? "",
      scene: g.scene ? sceneName(g.scene) : "",
      text: g.text,
      demo: g.demo === true,
    })),
    ...missing.map((code) => ({ code, term: "", scene: "", text: "（目標の文が未登録です）", demo: false })),
  ].sort((a, b) => compareGoalCodes(a.code, b.code));
  return (
    <table className="paper-table">
      <thead>
        <tr>
          <th>目標番号</th>
          <th>区分</th>
          <th>場面</th>
          <th>目標</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code}>
            <th scope="row">{r.code}</th>
            <td>{r.term}</td>
            <td>{r.scene}</td>
            <td>
              {r.text}
              {r.demo && <DemoBadge />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function YearsTable({ others, from, to }: { others: YearColumn[]; from: number; to: number }) {
  const { store } = usePlanContext();
  const live = store.yearPlan();
  const byYear = new Map<number, YearColumn>(others.map((y) => [y.fiscalYear, y]));
  byYear.set(live.fiscalYear, {
    fiscalYear: live.fiscalYear,
    label: fiscalYearLabel(live.fiscalYear),
    actions: live.actions,
    itemNotes: live.itemNotes,
  });
  const years: number[] = [];
  for (let y = from; y <= to && years.length < 30; y++) years.push(y);
  const known = [...byYear.keys()].sort((a, b) => b - a);
  const note = (item: ItemId, field: keyof ItemNote) =>
    live.itemNotes[item]?.[field]?.trim() ||
    known.map((y) => byYear.get(y)?.itemNotes?.[item]?.[field]?.trim()).find(Boolean) ||
    "";
  return (
    <table className="paper-table paper-years">
      <thead>
        <tr>
          <th>事業項目</th>
          <th>目的</th>
          <th>国が示す具体的取組例</th>
          {years.map((y) => (
            <th key={y}>{fiscalYearLabel(y)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ITEMS.map((item) => (
          <tr key={item.id}>
            <th scope="row">{itemName(item.id)}</th>
            <td className="pre">{note(item.id, "purpose")}</td>
            <td className="pre">{note(item.id, "examples")}</td>
            {years.map((y) => (
              <td key={y}>
                <Lines
                  values={(byYear.get(y)?.actions ?? [])
                    .filter((a) => a.items.includes(item.id))
                    .map((a) => `○${fundingMark(a.fundingSource ?? null)}${a.title}`)}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PeriodGrid({ periods, fiscalYear }: { periods: readonly PlanPeriod[]; fiscalYear: number }) {
  if (periods.length === 0) return null;
  const lo = Math.max(fiscalYear - 5, Math.min(fiscalYear, ...periods.map((p) => p.startFiscalYear)));
  const hi = Math.min(lo + 9, Math.max(fiscalYear, ...periods.map((p) => p.endFiscalYear)));
  const years: number[] = [];
  for (let y = lo; y <= hi; y++) years.push(y);
  const lines = planPeriodLines(periods);
  return (
    <table className="paper-table paper-periods">
      <thead>
        <tr>
          <th>計画期間</th>
          {years.map((y) => (
            <th key={y}>{fiscalYearLabel(y)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const cells: React.ReactNode[] = [];
          for (let i = 0; i < years.length; ) {
            const y = years[i];
            const p = line.periods.find((x) => x.startFiscalYear <= y && x.endFiscalYear >= y);
            const markers = line.periods.flatMap((x) => x.milestones).filter((m) => m.fiscalYear === y);
            if (!p) {
              cells.push(
                <td key={y}>
                  {markers.map((m) => (
                    <span key={m.label} className="milestone">
                      ◆{m.label}
                    </span>
                  ))}
                </td>,
              );
              i++;
              continue;
            }
            const end = years.indexOf(Math.min(p.endFiscalYear, years[years.length - 1]));
            const span = end - i + 1;
            const inside = line.periods
              .flatMap((x) => x.milestones)
              .filter((m) => m.fiscalYear >= y && m.fiscalYear <= years[end]);
            cells.push(
              <td key={y} colSpan={span} className="period-bar">
                {line.label === p.name ? "" : p.name}
                {inside.map((m) => (
                  <span
                    key={`${m.fiscalYear}-${m.label}`}
                    className="milestone"
                    style={{ left: `${((m.fiscalYear - y + 1) / span) * 100}%` }}
                  >
                    ◆{m.label}
                  </span>
                ))}
              </td>,
            );
            i = end + 1;
          }
          return (
            <tr key={line.label}>
              <th scope="row">{line.label}</th>
              {cells}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function eventText(e: ScheduleEvent): string {
  return e.when.length === 10
    ? `${Number(e.when.slice(5, 7))}/${Number(e.when.slice(8, 10))}（${weekdayOfIsoDate(e.when)}） ${e.label}`.trim()
    : e.label;
}

function MonthGrid() {
  const { store, wid } = usePlanContext();
  const rows = useTable(store, "scheduleRows");
  const plan = store.yearPlan();
  const fy = plan.fiscalYear;
  // The year's trainings and lectures, where and as the screen's 年間予定 shows them.
  const { events: yearEvents, settled } = useScheduleEventsState(wid, fy);
  const { byRow, unlinked } = placeScheduleEvents(yearEvents, new Set(rows.map((r) => r.id)));
  const monthOf = (m: number) => `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
  return (
    <table className="paper-table paper-months" data-events={settled ? "ready" : "loading"}>
      <thead>
        <tr>
          <th rowSpan={2}>活動</th>
          <th colSpan={12}>{fiscalYearLabel(fy)}</th>
        </tr>
        <tr>
          {FISCAL_MONTHS.map((m) => (
            <th key={m}>{m}月</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.activity}</th>
            {FISCAL_MONTHS.map((m) => {
              const month = monthOf(m);
              return (
                <td key={m}>
                  <ScheduleEventEntries
                    wid={wid}
                    events={(byRow.get(r.id) ?? []).filter((e) => e.startsAt.startsWith(month))}
                    print
                  />
                  <Lines
                    values={plan.scheduleEvents
                      .filter((e) => e.rowId === r.id && e.when.startsWith(month))
                      .map(eventText)}
                  />
                </td>
              );
            })}
          </tr>
        ))}
        <UnlinkedEventsRow wid={wid} events={unlinked} monthOf={monthOf} print />
      </tbody>
    </table>
  );
}

function OrgChart({ program }: { program: string }) {
  const ctx = usePlanContext();
  const profile = ctx.store.yearPlan().profile;
  // The secretariat's group is drawn beside the committee, not in it.
  const groups = ctx.groups.filter((g) => g.kind !== "secretariat");
  const ids = new Set(groups.map((g) => g.id));
  const children = (parent: string | null) =>
    groups.filter((g) =>
      parent === null ? g.parentId === null || !ids.has(g.parentId ?? "") : g.parentId === parent,
    );
  const plenary = groups.find((g) => g.kind === "plenary" || g.name.includes("全体会"));
  const tree = (parent: string | null, seen: Set<string>): React.ReactNode => {
    const list = children(parent).filter((g) => !seen.has(g.id));
    if (list.length === 0) return null;
    return (
      <ul className="org-tree">
        {list.map((g) => {
          seen.add(g.id);
          return (
            <li key={g.id}>
              <div className="org-box">
                <strong>{g.name}</strong>
                {g.id === plenary?.id && profile.plenaryRole && <p>{profile.plenaryRole}</p>}
              </div>
              {tree(g.id, seen)}
            </li>
          );
        })}
      </ul>
    );
  };
  const bodies = profile.bodies
    .split("\n")
    .map((b) => b.replace(/^[・\s]+/, "").trim())
    .filter(Boolean);
  return (
    <div className="paper-org">
      <div className="org-main">
        <div className="org-box">
          <strong>{program}</strong>
        </div>
        <ul className="org-tree">
          <li>
            <div className="org-box">
              <strong>
                {profile.committeeName.trim() || `${cityOf(ctx.municipality)}在宅医療介護連携会議`}
              </strong>
              {profile.committeeRole && <p>{profile.committeeRole}</p>}
            </div>
            {!plenary && profile.plenaryRole ? (
              <ul className="org-tree">
                <li>
                  <div className="org-box">
                    <strong>全体会</strong>
                    <p>{profile.plenaryRole}</p>
                  </div>
                  {tree(null, new Set())}
                </li>
              </ul>
            ) : (
              tree(null, new Set())
            )}
          </li>
        </ul>
      </div>
      <div className="org-side">
        <div className="org-box">
          <strong>事務局</strong>
          <p>{profile.department.trim() || ctx.municipality}</p>
        </div>
        {bodies.length > 0 && (
          <div className="org-box">
            <strong>構成団体（職能団体）</strong>
            <Lines values={bodies} />
          </div>
        )}
      </div>
    </div>
  );
}
