/**
 * The project's one CSV writer (server exports and the web's downloads): RFC 4180 quoting,
 * CRLF, UTF-8 with a BOM so Excel reads it, and every text cell neutralised against formula
 * injection (`spreadsheetText` in @tsumugi/domain; numbers stay numbers).
 */
import { FORMULA_START } from "@tsumugi/domain";
import Papa from "papaparse";

export type CsvCell = string | number | null | undefined;

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  const data = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : cell)));
  // escapeFormulae prefixes matching text (never numbers) with an apostrophe and quotes it.
  const body = Papa.unparse(data as unknown[][], { newline: "\r\n", escapeFormulae: FORMULA_START });
  return `\uFEFF${body}\r\n`;
}
