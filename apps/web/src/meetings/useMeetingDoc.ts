/** The meeting document's agenda, outcomes, attendance and live item, re-read once per frame. */
import {
  type AgendaItem,
  type Attendance,
  type MeetingLive,
  type Outcome,
  readAgenda,
  readAttendance,
  readLive,
  readOutcomes,
} from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type * as Y from "yjs";

export interface MeetingDocState {
  agenda: AgendaItem[];
  outcomes: Outcome[];
  attendance: Map<string, Attendance>;
  live: MeetingLive;
}

export function useMeetingDoc(doc: Y.Doc | null): MeetingDocState | null {
  const [state, setState] = useState<MeetingDocState | null>(null);
  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setState({
        agenda: readAgenda(doc),
        outcomes: readOutcomes(doc),
        attendance: readAttendance(doc),
        live: readLive(doc),
      });
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
