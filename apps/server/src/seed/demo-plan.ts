/**
 * The demo's fiscal-year plans. 流山市 令和5年度 follows the city's published plan (its scenes,
 * problems, actions per item with short-term goal codes, committee groups and meeting
 * dates); 高松市 平成26〜30年度 follows its published multi-year table, one plan per year,
 * so the multi-year view reads across real-looking years. The tables are in
 * demo-plan-nagareyama.ts, demo-plan-actions.ts and demo-plan-takamatsu.ts.
 */
import {
  emptyProfile,
  emptyYearPlan,
  type ItemId,
  newAction,
  newId,
  newProblem,
  nextYearPlan,
  orderKeysAfter,
  sortGoalCodes,
  type YearPlan,
} from "@tsumugi/domain";
import { ACTIONS, type GroupKey } from "./demo-plan-actions.js";
import {
  GOALS,
  NAGAREYAMA_ITEM_GOALS,
  NAGAREYAMA_PROFILE,
  NAGAREYAMA_SCHEDULE,
  NAGAREYAMA_VISION,
  PLAN_PERIODS,
  PROBLEMS,
  SCENE_GOALS,
} from "./demo-plan-nagareyama.js";
import { TAKAMATSU, TAKAMATSU_ITEM_NOTES } from "./demo-plan-takamatsu.js";

function goalsOfItems(items: readonly ItemId[], own: readonly string[]): string[] {
  if (items.length === 0) return [...own];
  const [first, ...rest] = items;
  return sortGoalCodes(
    NAGAREYAMA_ITEM_GOALS[first].filter((code) => rest.every((i) => NAGAREYAMA_ITEM_GOALS[i].includes(code))),
  );
}

/** The multi-year plans, each with an id and its order. */
function nagareyamaPeriods(): YearPlan["planPeriods"] {
  const keys = orderKeysAfter(null, PLAN_PERIODS.length);
  return PLAN_PERIODS.map((p, i) => ({ id: newId(), order: keys[i], ...p }));
}

/** 流山市 令和5年度. `groupIds` maps the demo's group keys to their ids. */
export function nagareyamaPlan2023(groupIds: ReadonlyMap<string, string>): YearPlan {
  const group = (key: GroupKey) => groupIds.get(key) ?? null;
  const actionKeys = orderKeysAfter(null, ACTIONS.length);
  const actions = ACTIONS.map((a, i) =>
    newAction([], {
      order: actionKeys[i],
      title: a.title,
      scenes: a.scenes,
      items: a.items,
      goalCodes: goalsOfItems(a.items, a.goals ?? []),
      ownerGroupId: group(a.group),
      period: { start: a.period[0], end: a.period[1] },
      status: a.status,
      progress: a.progress,
    }),
  );
  const actionId = new Map(actions.map((a) => [a.title, a.id]));
  const problemKeys = orderKeysAfter(null, PROBLEMS.length);
  const problems = PROBLEMS.map((p, i) =>
    newProblem([], {
      order: problemKeys[i],
      title: p.title,
      scenes: [p.scene],
      source: p.source,
      ownerGroupId: group(p.group),
      status: p.status,
      actionIds: p.actions.map((t) => actionId.get(t)).filter((id): id is string => id !== undefined),
    }),
  );
  for (const p of problems) {
    for (const id of p.actionIds) actions.find((a) => a.id === id)?.problemIds.push(p.id);
  }
  const goalKeys = orderKeysAfter(null, GOALS.length);
  const rowKeys = orderKeysAfter(null, NAGAREYAMA_SCHEDULE.length);
  const scheduleRows = NAGAREYAMA_SCHEDULE.map((r, i) => ({
    id: newId(),
    order: rowKeys[i],
    activity: r.activity,
    actionIds: r.actions.map((t) => actionId.get(t)).filter((id): id is string => id !== undefined),
  }));
  const scheduleEvents = NAGAREYAMA_SCHEDULE.flatMap((r, i) =>
    r.events.map(([when, label]) => ({ id: newId(), rowId: scheduleRows[i].id, when, label })),
  );
  return {
    ...emptyYearPlan(2023),
    vision: NAGAREYAMA_VISION,
    sceneGoals: { ...SCENE_GOALS },
    profile: { ...NAGAREYAMA_PROFILE },
    goals: GOALS.map((g, i) => ({ id: newId(), order: goalKeys[i], term: "short", ...g, demo: true })),
    problems,
    actions,
    scheduleRows,
    scheduleEvents,
    planPeriods: nagareyamaPeriods(),
  };
}

/** A weekday on or after the date (meetings and events are held Monday to Friday). */
export function weekdayOnOrAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The plan carried over year by year (unfinished actions and open problems, as people carry
 * it) into `toYear`, each carried action pointing at the one it started as; the 年間予定
 * recurs on the same days (moved to a weekday).
 */
export function rolledOverPlan(plan: YearPlan, toYear: number): YearPlan {
  const origin = new Map<string, string>();
  let next = plan;
  while (next.fiscalYear < toYear) {
    next = nextYearPlan(next, newId);
    for (const a of next.actions) {
      const from = a.carriedFrom?.actionId ?? "";
      origin.set(a.id, origin.get(from) ?? from);
    }
  }
  const shift = toYear - plan.fiscalYear;
  const rowOf = new Map(plan.scheduleRows.map((r, i) => [r.id, next.scheduleRows[i]?.id]));
  const moved = (when: string) => {
    const shifted = `${Number(when.slice(0, 4)) + shift}${when.slice(4)}`;
    return shifted.length === 10 ? weekdayOnOrAfter(shifted) : shifted;
  };
  return {
    ...next,
    actions: next.actions.map((a) => ({
      ...a,
      carriedFrom: { fiscalYear: plan.fiscalYear, actionId: origin.get(a.id) ?? "" },
    })),
    scheduleEvents: plan.scheduleEvents.flatMap((e) => {
      const rowId = rowOf.get(e.rowId);
      return rowId ? [{ ...e, id: newId(), rowId, when: moved(e.when) }] : [];
    }),
  };
}

/** 高松市's plan of one 年度 from its multi-year table (past years are done). */
export function takamatsuPlan(fiscalYear: number): YearPlan {
  const titles = TAKAMATSU.flatMap((row) =>
    (row.years[fiscalYear] ?? []).map((title) => ({ title, item: row.item })),
  );
  const keys = orderKeysAfter(null, titles.length);
  return {
    ...emptyYearPlan(fiscalYear),
    vision: "医療と介護が必要になっても、住み慣れた地域で可能な限り暮らし続けることができる",
    itemNotes: Object.fromEntries(Object.entries(TAKAMATSU_ITEM_NOTES).map(([k, v]) => [k, { ...v }])),
    profile: {
      ...emptyProfile(),
      programName: "高松市在宅医療・介護連携推進事業",
      committeeName: "在宅医療連携会議",
    },
    actions: titles.map(({ title, item }, i) =>
      newAction([], {
        order: keys[i],
        title,
        items: [item],
        period: { start: `${fiscalYear}-04`, end: `${fiscalYear + 1}-03` },
        status: "done",
        progress: 100,
        evaluation: { grade: "B", comment: "" },
      }),
    ),
  };
}
