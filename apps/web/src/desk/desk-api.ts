/**
 * The consultation desk's API (server: apps/server/src/desk), typed from @tsumugi/contract.
 * Nothing here is remembered for offline use: answers with identifying fields never reach
 * the device's storage.
 */
import type {
  CaseSearchResult,
  ConsultationCaseResult,
  ConsultationCreated,
  ConsultationExample,
  ConsultationList,
  ConsultationStatistics,
  CreateConsultation,
  CreateDesk,
  CreateExample,
  CreateExport,
  DeskList,
  DeskResult,
  ExampleList,
  ExampleResult,
  UpdateCase,
  UpdateConsultation,
  UpdateDesk,
  UpdateExample,
} from "@tsumugi/contract";
import { ApiError, api, del, get, messageForCode, patch, post } from "../api/client";
import { t } from "../i18n/t";

/** The contract's input types before defaults are applied (what the browser sends). */
type In<T> = Partial<T>;

export type ExampleStepName = "submit" | "approve" | "return" | "withdraw";

export function deskApi(wid: string) {
  const ws = `/api/workspaces/${wid}`;
  const base = `${ws}/consultations`;
  return {
    desks: () => get<DeskList>(`${ws}/desks`),
    updateDesk: (did: string, body: UpdateDesk) => patch<DeskResult>(`${ws}/desks/${did}`, body),
    deleteDesk: (did: string) => del<null>(`${ws}/desks/${did}`),
    createDesk: (body: In<CreateDesk>) => post<DeskResult>(`${ws}/desks`, body),
    list: (query: Record<string, string>) => {
      const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "")).toString();
      return get<ConsultationList>(`${base}${qs ? `?${qs}` : ""}`);
    },
    create: (body: In<CreateConsultation>) => post<ConsultationCreated>(base, body),
    update: (cid: string, body: UpdateConsultation) => patch<ConsultationCaseResult>(`${base}/${cid}`, body),
    /** The case with its identifying fields: the server records this read. */
    openCase: (caseId: string) => get<ConsultationCaseResult>(`${base}/cases/${caseId}`),
    updateCase: (caseId: string, body: UpdateCase) =>
      patch<ConsultationCaseResult>(`${base}/cases/${caseId}`, body),
    /** Exact name or kana, in the body (never in a URL): the server records the search. */
    search: (name: string) => post<CaseSearchResult>(`${base}/search`, { name }),
    statistics: (fy: number) => get<ConsultationStatistics>(`${base}/statistics?fy=${fy}`),
    examples: () => get<ExampleList>(`${base}/examples`),
    createExample: (body: CreateExample) => post<ExampleResult>(`${base}/examples`, body),
    updateExample: (eid: string, body: UpdateExample) =>
      patch<ExampleResult>(`${base}/examples/${eid}`, body),
    stepExample: (eid: string, step: ExampleStepName, note = "") =>
      post<ExampleResult>(`${base}/examples/${eid}/${step}`, { note }),
    /** The file of an export, with the name the server gives it. */
    exportFile: async (body: In<CreateExport>): Promise<{ blob: Blob; name: string }> => {
      const res = await fetch(`${base}/exports`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).catch(() => null);
      if (!res) throw new ApiError(0, "network", t("error.network"));
      if (!res.ok) {
        const data = (await res.json().catch(() => null)) as {
          error?: { code?: string; message?: string; fields?: Record<string, string> };
        } | null;
        const code = data?.error?.code ?? "unknown";
        throw new ApiError(
          res.status,
          code,
          messageForCode(code, data?.error?.message ?? ""),
          data?.error?.fields,
        );
      }
      const disposition = res.headers.get("Content-Disposition") ?? "";
      const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
      return { blob: await res.blob(), name: m ? decodeURIComponent(m[1]) : "export" };
    },
  };
}

export type DeskApi = ReturnType<typeof deskApi>;
export type { ConsultationExample };
