/** 日常生活圏域 as the API answers them (contract: Area); what names each, for the secretariat. */
import type { Area } from "@tsumugi/contract";
import { type Actor, can } from "@tsumugi/domain";
import type { AreaRecord, AreaUsageRecord } from "./area-repository.js";

export function presentArea(a: AreaRecord, usage?: AreaUsageRecord): Area {
  return { id: a.id, name: a.name, towns: a.towns, ...(usage ? { usage } : {}) };
}

/** The list; the secretariat also learns how many cases, desks and entries name each area. */
export function presentAreaList(
  actor: Actor,
  list: readonly AreaRecord[],
  usage: Map<string, AreaUsageRecord>,
) {
  const manage = can(actor, "areas.manage");
  return {
    areas: list.map((a) =>
      presentArea(a, manage ? (usage.get(a.id) ?? { cases: 0, desks: 0, resources: 0 }) : undefined),
    ),
    abilities: { manage },
  };
}
