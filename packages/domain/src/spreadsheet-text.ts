/**
 * Text written into a spreadsheet cell (CSV or Excel) so that the spreadsheet never reads it
 * as a formula (OWASP "CSV injection"): text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading apostrophe. Text already starting with an apostrophe gets
 * one more, so reading our own files back (`fromSpreadsheetText`) restores exactly what was
 * written. Numbers are never touched: a negative number stays a number.
 */

/** What makes a spreadsheet treat a cell as a formula, plus the apostrophe itself. */
export const FORMULA_START = /^['=+\-@\t\r]/;

export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text `spreadsheetText` was given (other text unchanged). */
export function fromSpreadsheetText(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
