/** Records of materials handed out as the API answers them (contract: Distribution), with abilities. */
import type { Distribution, DistributionList } from "@tsumugi/contract";
import {
  type Actor,
  abilitiesOf,
  type DistributionResource,
  MATERIAL_KIND_IDS,
  type MaterialKind,
} from "@tsumugi/domain";
import type { DistributionRecord } from "./outreach-repository.js";

export const distributionResource = (_record?: DistributionRecord): DistributionResource => ({
  kind: "distribution",
});

export function presentDistribution(actor: Actor, d: DistributionRecord): Distribution {
  return {
    id: d.id,
    fiscalYear: d.fiscalYear,
    kind: d.kind,
    title: d.title,
    quantity: d.quantity,
    where: d.place,
    distributedOn: d.distributedOn,
    eventId: d.eventId,
    eventTitle: d.eventTitle,
    note: d.note,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    abilities: abilitiesOf(actor, distributionResource(d)),
  };
}

/** The 年度's records with their totals per kind (kinds without a record left out). */
export function presentDistributionList(
  actor: Actor,
  fiscalYear: number,
  records: readonly DistributionRecord[],
): DistributionList {
  const totals = new Map<MaterialKind, { quantity: number; entries: number }>();
  for (const d of records) {
    const t = totals.get(d.kind) ?? { quantity: 0, entries: 0 };
    t.quantity += d.quantity;
    t.entries += 1;
    totals.set(d.kind, t);
  }
  return {
    fiscalYear,
    distributions: records.map((d) => presentDistribution(actor, d)),
    totals: MATERIAL_KIND_IDS.filter((k) => totals.has(k)).map((kind) => ({
      kind,
      ...(totals.get(kind) as { quantity: number; entries: number }),
    })),
  };
}
