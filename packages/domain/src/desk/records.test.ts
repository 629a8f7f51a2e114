import { describe, expect, it } from "vitest";
import {
  containsIdentifying,
  fiscalYearAndMonth,
  identifyingFragments,
  isLocalDateTime,
  normaliseName,
  pastDateProblem,
  receivedAtProblem,
  retentionCutoff,
} from "./records.js";

// 2026-05-25 14:05 in Japan.
const NOW = Date.parse("2026-05-25T05:05:00Z");

describe("when a consultation may have been received", () => {
  it("accepts past and present local times, refuses the future beyond five minutes and before 2000", () => {
    expect(receivedAtProblem("2026-05-25T14:05", NOW)).toBeNull();
    expect(receivedAtProblem("2026-05-25T14:09", NOW)).toBeNull();
    expect(receivedAtProblem("2026-05-25T14:11", NOW)).toBe("future");
    expect(receivedAtProblem("2026-05-26T09:00", NOW)).toBe("future");
    expect(receivedAtProblem("1999-12-31T10:00", NOW)).toBe("tooOld");
    expect(receivedAtProblem("2025-02-30T10:00", NOW)).toBe("format");
    expect(receivedAtProblem("2025-04-01T24:00", NOW)).toBe("format");
    expect(receivedAtProblem("2025-04-01 10:00", NOW)).toBe("format");
    expect(isLocalDateTime("2024-02-29T23:59")).toBe(true);
  });

  it("refuses a birth date in the future or before 1900", () => {
    expect(pastDateProblem("1940-03-05", NOW)).toBeNull();
    expect(pastDateProblem("2026-05-26", NOW)).toBe("future");
    expect(pastDateProblem("1899-12-31", NOW)).toBe("tooOld");
    expect(pastDateProblem("1940-13-01", NOW)).toBe("format");
  });

  it("counts a consultation in the 年度 and month of its Japan date", () => {
    expect(fiscalYearAndMonth("2026-03-31T23:59")).toEqual({ fiscalYear: 2025, month: 3 });
    expect(fiscalYearAndMonth("2026-04-01T00:00")).toEqual({ fiscalYear: 2026, month: 4 });
  });
});

describe("retention", () => {
  it("anonymises what is older than the number of years before today in Japan", () => {
    expect(retentionCutoff(5, NOW)).toBe("2021-05-25");
    // 1 March 2024 09:00 Japan is still 29 February in UTC: Japan's date counts.
    expect(retentionCutoff(1, Date.parse("2024-02-29T15:30:00Z"))).toBe("2023-03-01");
    expect(retentionCutoff(3, Date.parse("2024-02-29T03:00:00Z"))).toBe("2021-03-01");
  });
});

describe("the exact-name search", () => {
  it("compares names whatever the spaces, width and case, and nothing more", () => {
    expect(normaliseName("山田 太郎")).toBe(normaliseName("山田　太郎"));
    expect(normaliseName("山田太郎")).toBe(normaliseName(" 山田 太郎 "));
    expect(normaliseName("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe(normaliseName("ヤマダ タロウ"));
    expect(normaliseName("ＹＡＭＡＤＡ")).toBe("yamada");
    expect(normaliseName("髙橋")).not.toBe(normaliseName("高橋"));
    expect(normaliseName("やまだ")).not.toBe(normaliseName("ヤマダ"));
  });
});

describe("an anonymised summary", () => {
  const fragments = identifyingFragments([
    "流山 花子",
    "ナガレヤマ ハナコ",
    "04-7150-1234",
    "1938-07-02",
    null,
  ]);

  it("may not contain the name, a part of it, the kana, a phone number or the birth date", () => {
    expect(containsIdentifying("流山花子さんの退院について", fragments)).toBe(true);
    expect(containsIdentifying("流山様のご家族から相談", fragments)).toBe(true);
    expect(containsIdentifying("ハナコさん", fragments)).toBe(true);
    expect(containsIdentifying("連絡先 04（7150）1234", fragments)).toBe(true);
    expect(containsIdentifying("生年月日 1938-07-02", fragments)).toBe(true);
    expect(containsIdentifying("ＨＡＮＡＫＯ", identifyingFragments(["Hanako"]))).toBe(true);
  });

  it("may say everything else, numbers included", () => {
    expect(
      containsIdentifying(
        "80代女性。退院前カンファレンスの日程調整について病院の地域連携室から相談。2025年4月に訪問診療医を紹介した。",
        fragments,
      ),
    ).toBe(false);
  });
});
