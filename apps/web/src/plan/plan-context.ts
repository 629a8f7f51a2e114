/**
 * What every plan view shares, given by the plan page (PlanPage) and read with
 * usePlanContext; the views import it from here, not from the page.
 */
import type { Group, Member, Plan } from "@tsumugi/contract";
import type { PlanTable } from "@tsumugi/domain";
import { createContext, useContext } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { IndicatorData } from "../indicators/useIndicators";
import type { PlanStore } from "./plan-store";
import type { RowPresence } from "./row-presence";

export const PLAN_VIEWS = [
  "board",
  "problems",
  "actions",
  "items",
  "years",
  "schedule",
  "dashboard",
  "review",
] as const;
export type PlanView = (typeof PLAN_VIEWS)[number];

/**
 * What every plan view shares. The value changes only when the page's own data does (the
 * plan, its groups, members, access): the rows themselves are read per table and per row from
 * `store`, so an edit re-renders the rows it touched and not the whole page.
 */
export interface PlanContextValue {
  wid: string;
  info: Plan;
  doc: Y.Doc;
  provider: WebsocketProvider;
  store: PlanStore;
  editable: boolean;
  /**
   * What the papers say of the program (the cover, the committee, the plan periods and their
   * 事業評価): written by the secretariat, read by everyone else.
   */
  papersEditable: boolean;
  groups: Group[];
  members: Member[];
  presence: RowPresence;
  /** 千葉県 流山市: how exports name the municipality. */
  municipality: string;
  /** The workspace's indicators, for the charts linked from actions and scenes. */
  indicators: IndicatorData | null;
  focusRow(table: PlanTable | null, id?: string | null): void;
  groupName(id: string | null): string;
  memberName(id: string | null): string;
}

export const PlanContext = createContext<PlanContextValue | null>(null);

export function usePlanContext(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error("usePlanContext outside PlanPage");
  return value;
}
