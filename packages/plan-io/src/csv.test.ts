import { fromSpreadsheetText, spreadsheetText } from "@tsumugi/domain";
import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";
import { readCsvRows } from "./import.js";

describe("toCsv", () => {
  it("quotes as RFC 4180 asks, with CRLF and a BOM", () => {
    expect(
      toCsv([
        ["名前", "備考"],
        ["流山市", 'a,"b"\nc'],
        [1.5, null],
      ]),
    ).toBe('\uFEFF名前,備考\r\n流山市,"a,""b""\nc"\r\n1.5,\r\n');
  });

  it.each([
    ["=1+1", '"\'=1+1"'],
    ["+81-3", '"\'+81-3"'],
    ["-2+3", '"\'-2+3"'],
    ["@SUM(A1)", '"\'@SUM(A1)"'],
    ["\tx", '"\'\tx"'],
    ["\rx", '"\'\rx"'],
    ["'=already", "\"''=already\""],
    ["訪問看護", "訪問看護"],
    ["a=b", "a=b"],
  ])("neutralises text %j as %s", (text, cell) => {
    expect(toCsv([[text]])).toBe(`\uFEFF${cell}\r\n`);
  });

  it("leaves numbers alone, negative ones too", () => {
    expect(toCsv([[-5, -1.5, 0]])).toBe("\uFEFF-5,-1.5,0\r\n");
  });

  it("reads back exactly what it wrote", () => {
    const rows = [['=HYPERLINK("x")', "-2+3", "'=x", "'plain", "普通"]];
    expect(readCsvRows(toCsv(rows))).toEqual(rows);
  });
});

describe("spreadsheetText", () => {
  it("is undone by fromSpreadsheetText for every text", () => {
    for (const s of ["=1", "+1", "-1", "@a", "\ta", "\ra", "'", "''", "'=1", "'a", "a", ""]) {
      expect(fromSpreadsheetText(spreadsheetText(s))).toBe(s);
    }
  });
  it("leaves text alone that no spreadsheet reads as a formula", () => {
    expect(fromSpreadsheetText("'abc")).toBe("'abc");
    expect(spreadsheetText("在宅-医療")).toBe("在宅-医療");
  });
});
