/// <reference lib="webworker" />
/**
 * Reads an imported .xlsx off the page's thread (the Excel reader is large and a workbook can
 * take a while): the page stays responsive, and a file that still takes too long is stopped.
 */
import { ImportLimitError, readWorkbookRows } from "@tsumugi/plan-io";

self.onmessage = async (e: MessageEvent<{ bytes: ArrayBuffer; kind: "actions" | "problems" | "years" }>) => {
  try {
    self.postMessage({ rows: await readWorkbookRows(e.data.bytes, e.data.kind) });
  } catch (err) {
    self.postMessage({ problem: err instanceof ImportLimitError ? err.problem : null });
  }
};
