import { describe, expect, it } from "vitest";
import { averageOf, figureOf, normalise, rateOf, roundFigure, yearSeries } from "./math.js";

const pop = { total: 209_000, aged65: 48_000, aged75: 26_000 };

describe("indicator math (hand-computed)", () => {
  it("computes rates and refuses a zero or missing denominator", () => {
    expect(rateOf(137, 1052)).toBeCloseTo(13.0228, 4); // 自宅死 137 of 1,052 deaths
    expect(rateOf(5, 0)).toBeNull();
    expect(rateOf(null, 10)).toBeNull();
    expect(figureOf("rate", { value: 99, numerator: 1, denominator: 4 })).toBe(25);
    expect(figureOf("rate", { value: 12.5, numerator: null, denominator: null })).toBe(12.5);
    expect(figureOf("count", { value: 7, numerator: 1, denominator: 2 })).toBe(7);
  });

  it("normalises per 10,000 aged 75+, 65+ and all, and leaves un-normalised values alone", () => {
    expect(normalise(13, "per10k75", pop)).toBeCloseTo(5, 10); // 13 / 26,000 × 10,000
    expect(normalise(96, "per10k65", pop)).toBeCloseTo(20, 10);
    expect(normalise(209, "per10kPop", pop)).toBeCloseTo(10, 10);
    expect(normalise(13, "none", pop)).toBe(13);
    expect(normalise(13, "per10k75", null)).toBeNull();
    expect(normalise(13, "per10k75", { ...pop, aged75: 0 })).toBeNull();
    expect(normalise(null, "per10k75", pop)).toBeNull();
  });

  it("builds a yearly series with gaps for missing years", () => {
    const pops = new Map([
      [2021, pop],
      [2023, { ...pop, aged75: 27_000 }],
    ]);
    const s = yearSeries(
      [
        { fiscalYear: 2021, value: 13, target: null },
        { fiscalYear: 2023, value: 27, target: 30 },
      ],
      2021,
      2023,
      "per10k75",
      pops,
    );
    expect(s).toEqual([
      { fiscalYear: 2021, value: 13, normalised: 5, target: null },
      { fiscalYear: 2022, value: null, normalised: null, target: null },
      { fiscalYear: 2023, value: 27, normalised: 10, target: 30 },
    ]);
  });

  it("averages what is present", () => {
    expect(averageOf([10, null, 20])).toBe(15);
    expect(averageOf([null, null])).toBeNull();
    expect(roundFigure(13.0228)).toBe(13);
    expect(roundFigure(13.06)).toBe(13.1);
  });
});
