import { describe, expect, it } from "vitest";
import { lgCodeCheckDigit, prefectureOfLgCode, validateLgCode } from "./local-government-code.js";

describe("local government code", () => {
  it.each([
    ["122203", "千葉県"], // 流山市
    ["372013", "香川県"], // 高松市
    ["342025", "広島県"], // 呉市
    ["130001", "東京都"],
    ["011002", "北海道"], // 札幌市
  ])("accepts %s (%s)", (code, pref) => {
    expect(validateLgCode(code)).toBeNull();
    expect(prefectureOfLgCode(code)).toBe(pref);
  });

  it("computes the check digit as the last digit of 11 − (weighted sum mod 11)", () => {
    // 1·6 + 2·5 + 2·4 + 2·3 + 0·2 = 30; 30 mod 11 = 8; 11 − 8 = 3
    expect(lgCodeCheckDigit("12220")).toBe(3);
    // remainder 0 → 11 → 1: 0·6+0·5+0·4+5·3+... pick 11 exactly: 0,0,2,1,0 → 8+3 = 11
    expect(lgCodeCheckDigit("00210")).toBe(1);
    // remainder 1 → 10 → 0: 0,0,0,4,0 → 12 → 1
    expect(lgCodeCheckDigit("00040")).toBe(0);
  });

  it("rejects a wrong check digit, bad format and unknown prefecture", () => {
    expect(validateLgCode("122204")).toBe("check-digit");
    expect(validateLgCode("12220")).toBe("format");
    expect(validateLgCode("12a203")).toBe("format");
    expect(validateLgCode("482003")).toBe("prefecture");
    expect(validateLgCode("000000")).toBe("prefecture");
  });
});
