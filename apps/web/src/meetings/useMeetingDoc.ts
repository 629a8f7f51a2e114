/**
 * The meeting document's agenda, outcomes, attendance and live item. Remote edits are re-read
 * once per frame; this person's own edits at once, so that what they just added (an agenda
 * item, an outcome) is on the screen before their next key or click.
 */
import {
  type AgendaItem,
  type Attendance,
  type MeetingLive,
  type MeetingStatus,
  type Outcome,
  readAgenda,
  readAttendance,
  readLive,
  readMeetingStatus,
  readOutcomes,
} from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type * as Y from "yjs";

export interface MeetingDocState {
  agenda: AgendaItem[];
  outcomes: Outcome[];
  attendance: Map<string, Attendance>;
  live: MeetingLive;
  /** The meeting's states as the server last announced them in the document. */
  status: MeetingStatus | null;
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
        status: readMeetingStatus(doc),
      });
    };
    read();
    const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (tr.local) {
        if (frame) cancelAnimationFrame(frame);
        read();
      } else if (frame === 0) frame = requestAnimationFrame(read);
    };
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return state;
}
