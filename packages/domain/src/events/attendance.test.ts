import { describe, expect, it } from "vitest";
import {
  attendanceSummary,
  normaliseOrganisation,
  type ParticipantFacts,
  placeFor,
  placesToFill,
  seriesTrend,
} from "./attendance.js";

const row = (p: Partial<ParticipantFacts>): ParticipantFacts => ({
  status: "registered",
  walkIn: false,
  profession: "nurse",
  organisation: "",
  headcount: 1,
  checkedIn: false,
  ...p,
});

describe("capacity and waiting list", () => {
  it("places a registration while there is room, then on the waiting list or nowhere", () => {
    expect(placeFor(null, 500, false)).toBe("registered");
    expect(placeFor(30, 29, false)).toBe("registered");
    expect(placeFor(30, 30, true)).toBe("waitlisted");
    expect(placeFor(30, 30, false)).toBe("full");
    expect(placeFor(0, 0, false)).toBe("full");
  });

  it("moves up as many waiting people as there are free places", () => {
    expect(placesToFill(30, 29, 3)).toBe(1);
    expect(placesToFill(30, 30, 3)).toBe(0);
    expect(placesToFill(30, 35, 3)).toBe(0);
    expect(placesToFill(null, 100, 4)).toBe(4);
    expect(placesToFill(40, 30, 3)).toBe(3);
  });
});

describe("attendance by profession and organisation", () => {
  it("counts registered people who checked in and walk-ins (a counted group as many)", () => {
    const s = attendanceSummary([
      row({ profession: "nurse", organisation: "流山訪問看護ｽﾃｰｼｮﾝ", checkedIn: true }),
      row({ profession: "nurse", organisation: " 流山訪問看護ステーション ", checkedIn: true }),
      row({ profession: "doctor", organisation: "A医院" }),
      row({ profession: "careManager", status: "waitlisted" }),
      row({ profession: "careManager", status: "cancelled", checkedIn: true }),
      row({ profession: "resident", walkIn: true, headcount: 12 }),
      row({ profession: "careWorker", walkIn: true, organisation: "B苑" }),
    ]);
    expect(s).toMatchObject({ registered: 3, waitlisted: 1, cancelled: 1, attended: 15, walkIns: 13 });
    expect(s.byProfession).toEqual([
      { profession: "nurse", registered: 2, attended: 2 },
      { profession: "doctor", registered: 1, attended: 0 },
      { profession: "resident", registered: 0, attended: 12 },
      { profession: "careWorker", registered: 0, attended: 1 },
    ]);
    expect(s.byOrganisation).toEqual([
      { organisation: "", attended: 12 },
      { organisation: "流山訪問看護ステーション", attended: 2 },
      { organisation: "B苑", attended: 1 },
    ]);
  });

  it("normalises organisations written with half-width kana or extra spaces", () => {
    expect(normaliseOrganisation("  ＡＢＣ　ｸﾘﾆｯｸ  ")).toBe("ABC クリニック");
  });
});

describe("series trend", () => {
  it("compares participants per event of the first and last year held", () => {
    const t = seriesTrend([
      { fiscalYear: 2019, held: true, attended: 70 },
      { fiscalYear: 2019, held: true, attended: 66 },
      { fiscalYear: 2020, held: false, attended: 0 },
      { fiscalYear: 2023, held: true, attended: 40 },
      { fiscalYear: 2025, held: true, attended: 34 },
      { fiscalYear: 2025, held: true, attended: 0 },
      { fiscalYear: 2026, held: false, attended: 0 },
    ]);
    expect(t.years.map((y) => [y.fiscalYear, y.held, y.attended, y.perEvent])).toEqual([
      [2019, 2, 136, 68],
      [2023, 1, 40, 40],
      [2025, 2, 34, 17],
    ]);
    expect(t.change).toBeCloseTo(-0.75);
    expect(t.direction).toBe("falling");
  });

  it("says nothing with fewer than two years, and steady within ten percent", () => {
    expect(seriesTrend([{ fiscalYear: 2023, held: true, attended: 10 }]).direction).toBeNull();
    expect(
      seriesTrend([
        { fiscalYear: 2023, held: true, attended: 50 },
        { fiscalYear: 2024, held: true, attended: 53 },
      ]).direction,
    ).toBe("steady");
  });
});
