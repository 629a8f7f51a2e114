/**
 * What every meeting view shares, given by the meeting page (MeetingPage) and read with
 * useMeetingContext; the views import it from here, not from the page.
 */
import type { Group, Meeting as MeetingInfo, Member, Plan } from "@tsumugi/contract";
import { createContext, useContext } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { PlanState } from "../plan/usePlan";
import type { MeetingDocState } from "./useMeetingDoc";

export interface MeetingContextValue extends MeetingDocState {
  wid: string;
  meeting: MeetingInfo;
  doc: Y.Doc;
  provider: WebsocketProvider;
  editable: boolean;
  members: Member[];
  groups: Group[];
  /** 千葉県 流山市: how printed papers name the municipality. */
  municipality: string;
  /** The year's plan, open alongside (null when the year has no plan). */
  plan: { info: Plan; doc: Y.Doc; state: PlanState; editable: boolean } | null;
  reload(): Promise<void>;
}

export const MeetingContext = createContext<MeetingContextValue | null>(null);

export function useMeetingContext(): MeetingContextValue {
  const value = useContext(MeetingContext);
  if (!value) throw new Error("useMeetingContext outside MeetingPage");
  return value;
}
