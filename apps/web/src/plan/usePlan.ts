/** The plan held by a Y.Doc, re-read (validated) at most once per frame as edits arrive. */
import { type InvalidRow, readYearPlan, type YearPlan } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type * as Y from "yjs";

export interface PlanState {
  plan: YearPlan;
  invalid: InvalidRow[];
}

export function usePlan(doc: Y.Doc | null): PlanState | null {
  const [state, setState] = useState<PlanState | null>(null);
  useEffect(() => {
    if (!doc) {
      setState(null);
      return;
    }
    let frame = 0;
    const read = () => {
      frame = 0;
      setState(readYearPlan(doc));
    };
    read();
    const onUpdate = () => {
      if (frame === 0) frame = requestAnimationFrame(read);
    };
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return state;
}
