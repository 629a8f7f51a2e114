/**
 * What a municipality sees of its region groups: one indicator side by side with the other
 * members, normalised, with each group's average; and a group's overview (key indicators, and
 * plan progress where the policy's `regionView` allows). Only indicator values cross
 * workspaces; a pending request sees nothing.
 */
import type { IndicatorComparison, RegionOverview } from "@tsumugi/contract";
import {
  type Actor,
  averageOf,
  currentFiscalYear,
  figureOf,
  normalise,
  planDashboard,
  regionView,
  todayInJapan,
} from "@tsumugi/domain";
import type { AppContext } from "../context.js";
import { readProjection } from "../plan/plan-read-model.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import { loadActor } from "../workspaces/actor.js";
import { valuesWithDerived } from "./derived-values.js";
import { listIndicators } from "./indicator-repository.js";
import { populations } from "./population-repository.js";
import {
  activeMembersOf,
  activeRegionGroupsOf,
  membershipOf,
  type RegionGroupRecord,
} from "./region-repository.js";

const KEY_INDICATORS = ["S01", "S04", "P01", "P09", "O01", "O03"];

/** One indicator in every member of the workspace's groups, read as of one committed state. */
export async function compareIndicator(
  app: AppContext,
  workspaceId: string,
  code: string,
  fiscalYear: number,
): Promise<IndicatorComparison> {
  const groups = await app.kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      const result: IndicatorComparison["groups"] = [];
      for (const g of await activeRegionGroupsOf(trx, workspaceId)) {
        const rows = [];
        for (const w of await activeMembersOf(trx, g.id)) {
          const indicator = (await listIndicators(trx, w.id)).find((i) => i.code === code);
          const row = { workspaceId: w.id, name: w.name, isSelf: w.id === workspaceId };
          if (!indicator) {
            rows.push({ ...row, value: null, normalised: null });
            continue;
          }
          const values = await valuesWithDerived(trx, w.id, [indicator], indicator.id);
          const entry = values.find((v) => v.fiscalYear === fiscalYear && v.month === 0);
          const value = entry ? figureOf(indicator.kind, entry) : null;
          const population = (await populations(trx, w.id)).get(fiscalYear);
          rows.push({ ...row, value, normalised: normalise(value, indicator.normalisation, population) });
        }
        result.push({
          id: g.id,
          name: g.name,
          kind: g.kind,
          members: rows,
          average: averageOf(rows.map((x) => x.normalised)),
        });
      }
      return result;
    });
  return { code, fiscalYear, groups };
}

/** The latest plan up to this 年度 (five years back), as the plan's read model has it. */
async function planProgress(
  app: AppContext,
  workspaceId: string,
): Promise<RegionOverview["members"][number]["plan"]> {
  const fy = currentFiscalYear();
  const today = todayInJapan();
  return app.kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      for (let year = fy; year >= fy - 5; year--) {
        const doc = await findPlanDocument(trx, workspaceId, year);
        const projection = doc ? await readProjection(trx, doc.docName) : null;
        if (projection) {
          const d = planDashboard(projection.plan, today);
          return {
            fiscalYear: year,
            progress: d.overall.progress,
            actions: d.overall.actions,
            done: d.overall.done,
          };
        }
      }
      return null;
    });
}

/**
 * A group's overview for a member or owner (null for anyone else): each member's key
 * indicators as of one committed state, and its plan's progress where the viewer may see it,
 * read from the plan's read model afterwards.
 */
export async function regionOverview(
  app: AppContext,
  viewer: Actor,
  workspaceId: string,
  group: RegionGroupRecord,
): Promise<RegionOverview | null> {
  const found = await app.kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      const membership = await membershipOf(trx, group, workspaceId);
      if (membership !== "owner" && membership !== "member") return null;
      const rows = [];
      for (const w of await activeMembersOf(trx, group.id)) {
        const view = regionView({
          kind: group.kind,
          viewer,
          viewerMembership: membership,
          viewerThere: await loadActor(trx, viewer.userId, w.id),
        });
        if (!view.indicators) continue;
        const indicators = await listIndicators(trx, w.id);
        const values = await valuesWithDerived(trx, w.id, indicators);
        const pops = await populations(trx, w.id);
        const key = KEY_INDICATORS.flatMap((code) => {
          const i = indicators.find((x) => x.code === code);
          if (!i) return [];
          const latest = values
            .filter((v) => v.indicatorId === i.id && v.month === 0 && figureOf(i.kind, v) !== null)
            .sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
          const value = latest ? figureOf(i.kind, latest) : null;
          return [
            {
              code,
              name: i.name,
              unit: i.unit,
              normalisation: i.normalisation,
              fiscalYear: latest?.fiscalYear ?? null,
              value,
              normalised: latest ? normalise(value, i.normalisation, pops.get(latest.fiscalYear)) : null,
            },
          ];
        });
        rows.push({
          workspaceId: w.id,
          name: w.name,
          isSelf: w.id === workspaceId,
          planShown: view.planProgress,
          indicators: key,
        });
      }
      return { membership, rows };
    });
  if (!found) return null;
  const members = [];
  for (const row of found.rows)
    members.push({ ...row, plan: row.planShown ? await planProgress(app, row.workspaceId) : null });
  // The plan column is shown when another municipality's progress may be; then each row says
  // whether its own is (a hidden one is not "no plan").
  const showPlans = members.some((m) => !m.isSelf && m.planShown);
  return {
    group: { id: group.id, name: group.name, kind: group.kind },
    membership: found.membership,
    showPlans,
    members: showPlans ? members : members.map((m) => ({ ...m, planShown: false, plan: null })),
  };
}
