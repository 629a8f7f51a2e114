/**
 * Attendance of events: where a new registration goes (capacity, waiting list), who moves up
 * when someone cancels, the counts by 職種 and organisation, and the participation trend of a
 * series over the years (seed 003: 「つむぐ会の参加者が減っている」).
 */
import type { ParticipantStatus, Profession } from "./vocabulary.js";

/**
 * Where a new registration goes: a place while the event has room (no capacity: always), the
 * waiting list when it is full and keeps one, or nowhere.
 */
export function placeFor(
  capacity: number | null,
  registered: number,
  waitingList: boolean,
): "registered" | "waitlisted" | "full" {
  if (capacity === null || registered < capacity) return "registered";
  return waitingList ? "waitlisted" : "full";
}

/**
 * How many on the waiting list get a place once places free up (a cancellation, a larger
 * capacity): the first ones in order of registration.
 */
export function placesToFill(capacity: number | null, registered: number, waiting: number): number {
  if (waiting <= 0) return 0;
  if (capacity === null) return waiting;
  return Math.max(0, Math.min(waiting, capacity - registered));
}

/** One row of an event's participants as the counts see it (no names). */
export interface ParticipantFacts {
  status: ParticipantStatus;
  /** Came without registering (or a group counted at the door). */
  walkIn: boolean;
  profession: Profession;
  organisation: string;
  /** People this row stands for: 1, or more for a group counted at the door. */
  headcount: number;
  checkedIn: boolean;
}

export interface ProfessionCount {
  profession: Profession;
  registered: number;
  attended: number;
}

export interface OrganisationCount {
  /** As written, normalised ("" when not given). */
  organisation: string;
  attended: number;
}

export interface AttendanceSummary {
  registered: number;
  waitlisted: number;
  cancelled: number;
  /** Registered people checked in, plus walk-ins. */
  attended: number;
  walkIns: number;
  byProfession: ProfessionCount[];
  byOrganisation: OrganisationCount[];
}

/** Full-width letters to half-width, spaces collapsed: 「○○訪問看護ｽﾃｰｼｮﾝ 」 and 「○○訪問看護ステーション」 agree. */
export function normaliseOrganisation(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, " ").trim();
}

export function attendanceSummary(rows: readonly ParticipantFacts[]): AttendanceSummary {
  const professions = new Map<Profession, ProfessionCount>();
  const organisations = new Map<string, number>();
  const out: AttendanceSummary = {
    registered: 0,
    waitlisted: 0,
    cancelled: 0,
    attended: 0,
    walkIns: 0,
    byProfession: [],
    byOrganisation: [],
  };
  const profession = (p: Profession) => {
    let c = professions.get(p);
    if (!c) {
      c = { profession: p, registered: 0, attended: 0 };
      professions.set(p, c);
    }
    return c;
  };
  for (const r of rows) {
    const n = Math.max(1, r.headcount);
    if (r.walkIn) {
      out.walkIns += n;
      out.attended += n;
      profession(r.profession).attended += n;
      const org = normaliseOrganisation(r.organisation);
      organisations.set(org, (organisations.get(org) ?? 0) + n);
      continue;
    }
    if (r.status === "cancelled") {
      out.cancelled++;
      continue;
    }
    if (r.status === "waitlisted") {
      out.waitlisted++;
      continue;
    }
    out.registered++;
    profession(r.profession).registered++;
    if (r.checkedIn) {
      out.attended++;
      profession(r.profession).attended++;
      const org = normaliseOrganisation(r.organisation);
      organisations.set(org, (organisations.get(org) ?? 0) + 1);
    }
  }
  out.byProfession = [...professions.values()];
  out.byOrganisation = [...organisations]
    .map(([organisation, attended]) => ({ organisation, attended }))
    .sort((a, b) => b.attended - a.attended || a.organisation.localeCompare(b.organisation, "ja"));
  return out;
}

/** Adds profession counts of several events (for a 年度 or a series). */
export function addProfessionCounts(lists: readonly (readonly ProfessionCount[])[]): ProfessionCount[] {
  const m = new Map<Profession, ProfessionCount>();
  for (const list of lists)
    for (const c of list) {
      const x = m.get(c.profession) ?? { profession: c.profession, registered: 0, attended: 0 };
      x.registered += c.registered;
      x.attended += c.attended;
      m.set(c.profession, x);
    }
  return [...m.values()];
}

export interface SeriesEventFacts {
  fiscalYear: number;
  held: boolean;
  attended: number;
}

export interface SeriesYear {
  fiscalYear: number;
  held: number;
  attended: number;
  /** Participants per event held that year. */
  perEvent: number | null;
}

export interface SeriesTrend {
  years: SeriesYear[];
  /**
   * Change of participants per event from the first year with an event held to the last, as
   * a share of the first (−0.4 = 40% fewer); null with fewer than two such years.
   */
  change: number | null;
  direction: "falling" | "rising" | "steady" | null;
}

/** A change of less than this share either way is called steady. */
export const STEADY_CHANGE = 0.1;

export function seriesTrend(events: readonly SeriesEventFacts[]): SeriesTrend {
  const byYear = new Map<number, SeriesYear>();
  for (const e of events) {
    if (!e.held) continue;
    const y = byYear.get(e.fiscalYear) ?? { fiscalYear: e.fiscalYear, held: 0, attended: 0, perEvent: null };
    y.held++;
    y.attended += e.attended;
    byYear.set(e.fiscalYear, y);
  }
  const years = [...byYear.values()]
    .map((y) => ({ ...y, perEvent: y.held > 0 ? y.attended / y.held : null }))
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
  if (years.length < 2) return { years, change: null, direction: null };
  const first = years[0].perEvent ?? 0;
  const last = years[years.length - 1].perEvent ?? 0;
  if (first === 0) return { years, change: null, direction: last > 0 ? "rising" : null };
  const change = (last - first) / first;
  const direction = change <= -STEADY_CHANGE ? "falling" : change >= STEADY_CHANGE ? "rising" : "steady";
  return { years, change, direction };
}
