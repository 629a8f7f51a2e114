/**
 * The plans API (server: apps/server/src/plan), typed from @tsumugi/contract. Row comments and
 * mentions are in comments/comments-api.ts.
 */
import type { CreatePlan, DashboardResponse, PlanList, PlanResult, PlanYears } from "@tsumugi/contract";
import { get, post } from "../api/client";
import { getRemembered } from "../offline/remembered";

export function planApi(wid: string) {
  const base = `/api/workspaces/${wid}`;
  const plan = (fy: number | string) => `${base}/plans/${fy}`;
  return {
    list: () => get<PlanList>(`${base}/plans`),
    /** Remembered for offline use (the plan page opens from it). */
    listRemembered: () => getRemembered<PlanList>(`${base}/plans`),
    /** Remembered for offline use. */
    get: (fy: number | string) => getRemembered<PlanResult>(plan(fy)),
    create: (body: CreatePlan) => post<PlanResult>(`${base}/plans`, body),
    years: () => get<PlanYears>(`${base}/plans/multi-year`),
    dashboard: (fy: number) => get<DashboardResponse>(`${plan(fy)}/dashboard`),
    /** Server-sent events: `changed` after each new projection of the plan. */
    eventsUrl: (fy: number) => `${plan(fy)}/events`,
  };
}
