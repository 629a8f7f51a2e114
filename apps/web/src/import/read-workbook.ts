/**
 * The rows of an imported .xlsx, read in a Web Worker (read-workbook.worker.ts). Refusals by
 * the import limits come back as `{ problem }` (see ui/import-errors.ts); a reader that has not
 * answered after `timeoutMs` is stopped and reported as `timeout`.
 */
import type { CellValue } from "@tsumugi/plan-io";

export class WorkbookReadError extends Error {
  constructor(readonly problem: string | null) {
    super(problem ?? "unreadable");
  }
}

export function readWorkbookInWorker(
  bytes: ArrayBuffer,
  kind: "actions" | "problems" | "years",
  timeoutMs = 60_000,
): Promise<CellValue[][]> {
  const worker = new Worker(new URL("./read-workbook.worker.ts", import.meta.url), { type: "module" });
  return new Promise<CellValue[][]>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new WorkbookReadError("timeout"));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<{ rows?: CellValue[][]; problem?: string | null }>) => {
      done();
      if (e.data.rows) resolve(e.data.rows);
      else reject(new WorkbookReadError(e.data.problem ?? null));
    };
    // The worker's script could not be loaded or run (offline before any use, for one).
    worker.onerror = (e) => {
      done();
      e.preventDefault();
      reject(new WorkbookReadError("unavailable"));
    };
    worker.postMessage({ bytes, kind }, [bytes]);
  });
}
