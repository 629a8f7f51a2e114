/**
 * What an imported file may be, checked before it is parsed: a hostile .xlsx (a 6.5 KB file
 * naming a far cell, a zip bomb inflating to gigabytes) must not hang the page. The zip's
 * central directory tells every entry's sizes without inflating anything; the sheet's extent
 * is checked before its cells are walked.
 */

export const IMPORT_LIMITS = {
  /** The file itself. */
  fileBytes: 5 * 1024 * 1024,
  /** Entries in the .xlsx archive (a workbook has a few dozen). */
  entries: 500,
  /** All entries inflated. */
  uncompressedBytes: 50 * 1024 * 1024,
  /** Inflated ÷ compressed for one entry (spreadsheet XML compresses 10–30×). */
  ratio: 200,
  /** Rows and columns read from a sheet (a header and 5,000 rows; the plan lists have 16 columns). */
  rows: 5_001,
  columns: 60,
} as const;

export type ImportLimitProblem =
  | "fileTooLarge"
  | "notXlsx"
  | "tooManyEntries"
  | "inflatesTooMuch"
  | "sheetTooLarge";

/** A file refused before (or while) reading it; `problem` names the Japanese message. */
export class ImportLimitError extends Error {
  constructor(readonly problem: ImportLimitProblem) {
    super(problem);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * Reads the zip's central directory (sizes only) and refuses what could not be a workbook we
 * can read safely. Throws ImportLimitError.
 */
export function checkXlsxArchive(input: ArrayBuffer | Uint8Array, limits = IMPORT_LIMITS): void {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength > limits.fileBytes) throw new ImportLimitError("fileTooLarge");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportLimitError("notXlsx");
  const entries = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  // ZIP64 (0xFFFF / 0xFFFFFFFF markers) is for archives far past our limits.
  if (entries === 0xffff || offset === 0xffffffff || size === 0xffffffff)
    throw new ImportLimitError("inflatesTooMuch");
  if (entries > limits.entries) throw new ImportLimitError("tooManyEntries");
  if (offset + size > eocd) throw new ImportLimitError("notXlsx");
  let p = offset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw new ImportLimitError("notXlsx");
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff)
      throw new ImportLimitError("inflatesTooMuch");
    total += uncompressed;
    if (total > limits.uncompressedBytes) throw new ImportLimitError("inflatesTooMuch");
    if (uncompressed > 64 * 1024 && uncompressed > compressed * limits.ratio)
      throw new ImportLimitError("inflatesTooMuch");
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
}
