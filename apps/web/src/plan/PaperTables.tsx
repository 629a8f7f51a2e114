/** The plan papers' tables: the four scenes, the goals, the actions by item, the years. */
import type { PlanYear } from "@tsumugi/contract";
import {
  compareGoalCodes,
  fiscalYearLabel,
  fundingMark,
  GOAL_TERMS,
  goalResolver,
  ITEMS,
  type ItemId,
  type ItemNote,
  SCENES,
  type SceneId,
  sortGoalCodes,
} from "@tsumugi/domain";
import { DemoBadge } from "../ui/DemoBadge";
import type { YearColumn } from "./MultiYearTable";
import { itemName, Lines, sceneName } from "./PaperParts";
import { usePlanContext } from "./plan-context";
import { useTable } from "./plan-store";

/** 4つの場面ごとの目指す姿・課題・取り組み: a column per scene. */
export function ScenesTable() {
  const live = usePlanContext().store.yearPlan();
  const actionsIn = (scene: SceneId) => live.actions.filter((a) => a.scenes.includes(scene));
  const rows: [string, (scene: SceneId) => React.ReactNode][] = [
    ["目指す姿", (scene) => live.sceneGoals[scene] ?? ""],
    [
      "課題",
      (scene) => <Lines values={live.problems.filter((p) => p.scenes.includes(scene)).map((p) => p.title)} />,
    ],
    [
      "取り組み",
      (scene) => <Lines values={actionsIn(scene).map((a) => `${fundingMark(a.fundingSource)}${a.title}`)} />,
    ],
    [
      "目標番号",
      (scene) =>
        sortGoalCodes([
          ...live.goals.filter((g) => g.scene === scene).map((g) => g.code),
          ...actionsIn(scene).flatMap((a) => a.goalCodes),
        ]).join("、"),
    ],
  ];
  return (
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
        {rows.map(([label, cell]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {SCENES.map((s) => (
              <td key={s.id}>{cell(s.id)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 事業項目別の取組: each item's actions, goals and groups in charge. */
export function ItemsTable() {
  const ctx = usePlanContext();
  const live = ctx.store.yearPlan();
  return (
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
                {[...new Set(actions.map((a) => ctx.groupName(a.ownerGroupId)).filter(Boolean))].join("、")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function GoalList() {
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

export function YearsTable({ others, from, to }: { others: PlanYear[]; from: number; to: number }) {
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
