import { describe, expect, it } from "vitest";
import {
  contactKind,
  formatCheckInCode,
  normaliseContact,
  normalisePersonName,
  readCheckInCode,
} from "./codes.js";

describe("check-in codes", () => {
  it("are read however the desk typed or a scanner sent them", () => {
    expect(formatCheckInCode("ABCD2345")).toBe("ABCD-2345");
    expect(readCheckInCode("abcd-2345")).toBe("ABCD2345");
    expect(readCheckInCode("ＡＢＣＤ－２３４５")).toBe("ABCD2345");
    expect(readCheckInCode(" ABCD 2345\n")).toBe("ABCD2345");
    expect(readCheckInCode("TSUMUGI:ABCD2345")).toBe("ABCD2345");
    expect(readCheckInCode("ABCD-234")).toBeNull();
    expect(readCheckInCode("ABCD-2340")).toBeNull();
  });
});

describe("contacts and names", () => {
  it("tell e-mail from phone numbers and refuse anything else", () => {
    expect(contactKind("yamada@example.jp")).toBe("email");
    expect(contactKind("04-7150-1234")).toBe("phone");
    expect(contactKind("０９０（１２３４）５６７８")).toBe("phone");
    expect(contactKind("電話します")).toBeNull();
    expect(contactKind("12-34")).toBeNull();
  });

  it("compare the same person written differently as one", () => {
    expect(normaliseContact("Yamada@Example.JP ")).toBe("yamada@example.jp");
    expect(normaliseContact("090-1234-5678")).toBe(normaliseContact("０９０１２３４５６７８"));
    expect(normalisePersonName("山田　太郎")).toBe(normalisePersonName("山田太郎"));
  });
});
