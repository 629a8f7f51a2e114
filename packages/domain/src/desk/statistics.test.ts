import { describe, expect, it } from "vitest";
import { type ConsultationFact, indicatorCounts, yearlyStatistics, yearStatistics } from "./statistics.js";

const fact = (f: Partial<ConsultationFact>): ConsultationFact => ({
  fiscalYear: 2025,
  month: 4,
  deskId: "d1",
  areaId: "a1",
  method: "phone",
  consulterType: "careManager",
  topics: ["admission"],
  responses: ["information"],
  ...f,
});

const desks = [
  { id: "d1", name: "北部相談窓口" },
  { id: "d2", name: "南部相談窓口" },
];
const areas = [{ id: "a1", name: "北部圏域" }];

describe("statistics of a 年度", () => {
  const facts = [
    fact({}),
    fact({ month: 5, topics: ["admission", "acp", "acp"], responses: ["information", "connect"] }),
    fact({
      month: 3,
      fiscalYear: 2025,
      deskId: "d2",
      areaId: null,
      method: "visit",
      consulterType: "family",
    }),
    fact({ fiscalYear: 2024, month: 3 }),
  ];
  const stats = yearStatistics(facts, 2025, desks, areas);

  it("counts consultations per month, April to March", () => {
    expect(stats.total).toBe(3);
    expect(stats.months).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("has a row for every code, zeros included, in the vocabulary's order", () => {
    const methods = stats.dimensions.method;
    expect(methods.map((r) => r.label)).toEqual(["電話", "来所", "訪問", "メール", "FAX", "オンライン"]);
    expect(methods.map((r) => r.total)).toEqual([2, 0, 1, 0, 0, 0]);
    expect(stats.dimensions.consulterType.find((r) => r.code === "family")?.months[11]).toBe(1);
  });

  it("counts each topic and response once per consultation, several per consultation", () => {
    const topics = Object.fromEntries(stats.dimensions.topic.map((r) => [r.code, r.total]));
    expect(topics).toMatchObject({ admission: 3, acp: 1, emergency: 0 });
    const responses = Object.fromEntries(stats.dimensions.response.map((r) => [r.code, r.total]));
    expect(responses).toMatchObject({ information: 3, connect: 1 });
  });

  it("names desks and areas, with 未設定 for consultations without an area", () => {
    expect(stats.dimensions.desk.map((r) => [r.label, r.total])).toEqual([
      ["北部相談窓口", 2],
      ["南部相談窓口", 1],
    ]);
    expect(stats.dimensions.area.map((r) => [r.label, r.total])).toEqual([
      ["北部圏域", 2],
      ["未設定", 1],
    ]);
  });

  it("keeps counting under its code a desk that is no longer listed", () => {
    const s = yearStatistics([fact({ deskId: "gone" })], 2025, desks, areas);
    expect(s.dimensions.desk.find((r) => r.code === "gone")?.total).toBe(1);
  });
});

describe("statistics over years", () => {
  it("totals each row per 年度", () => {
    const facts = [
      fact({ fiscalYear: 2023 }),
      fact({ fiscalYear: 2025 }),
      fact({ fiscalYear: 2025, method: "fax" }),
    ];
    const y = yearlyStatistics(facts, [2023, 2024, 2025], desks, areas);
    expect(y.totals).toEqual([1, 0, 2]);
    expect(y.dimensions.method.find((r) => r.code === "fax")?.counts).toEqual([0, 0, 1]);
  });
});

describe("the indicator 相談件数", () => {
  it("has each month and a yearly total (month 0) per 年度", () => {
    expect(
      indicatorCounts([
        { fiscalYear: 2025, month: 4, count: 3 },
        { fiscalYear: 2025, month: 1, count: 2 },
        { fiscalYear: 2024, month: 12, count: 1 },
      ]),
    ).toEqual([
      { fiscalYear: 2024, month: 0, count: 1 },
      { fiscalYear: 2024, month: 12, count: 1 },
      { fiscalYear: 2025, month: 0, count: 5 },
      { fiscalYear: 2025, month: 1, count: 2 },
      { fiscalYear: 2025, month: 4, count: 3 },
    ]);
  });
});
