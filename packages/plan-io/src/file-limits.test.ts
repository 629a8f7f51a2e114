import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkXlsxArchive, IMPORT_LIMITS, ImportLimitError } from "./file-limits.js";
import { readWorkbookRows } from "./import.js";

async function xlsx(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet("取組一覧"));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const problemOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === "function" ? p() : p);
    return null;
  } catch (err) {
    return err instanceof ImportLimitError ? err.problem : `other: ${(err as Error).message}`;
  }
};

describe("hostile workbooks", () => {
  it("refuses a small file naming a far cell before walking a million rows", async () => {
    const bytes = await xlsx((ws) => {
      ws.getCell("A1").value = "ID";
      ws.getCell("XFD1048576").value = "遠いセル";
    });
    expect(bytes.byteLength).toBeLessThan(20_000);
    // Without the check this walks 1,048,576 rows × 16,384 columns (minutes, gigabytes).
    expect(await problemOf(readWorkbookRows(bytes, "actions"))).toBe("sheetTooLarge");
  });

  it("refuses a zip bomb from its central directory, before inflating it", async () => {
    const bytes = await xlsx((ws) => {
      const text = "あ".repeat(30_000);
      for (let r = 1; r <= 1000; r++) ws.getCell(r, 1).value = text;
    });
    expect(bytes.byteLength).toBeLessThan(IMPORT_LIMITS.fileBytes);
    expect(await problemOf(() => checkXlsxArchive(bytes))).toBe("inflatesTooMuch");
    expect(await problemOf(readWorkbookRows(bytes, "actions"))).toBe("inflatesTooMuch");
  });

  it("refuses a file too large, or not a zip at all", async () => {
    expect(await problemOf(() => checkXlsxArchive(new Uint8Array(IMPORT_LIMITS.fileBytes + 1)))).toBe(
      "fileTooLarge",
    );
    expect(await problemOf(() => checkXlsxArchive(new TextEncoder().encode("ID,取組\n1,研修")))).toBe(
      "notXlsx",
    );
  });

  it("reads an ordinary workbook as before", async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(["ID", "取組"]);
      for (let i = 0; i < 200; i++) ws.addRow([`action${i}`, `研修${i}`]);
    });
    const rows = await readWorkbookRows(bytes, "actions");
    expect(rows).toHaveLength(201);
    expect(rows[200]).toEqual(["action199", "研修199"]);
  });
});
