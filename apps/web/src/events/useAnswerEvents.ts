import { useEffect, useRef } from "react";
import { questionnaireApi } from "./questionnaire-api";

/**
 * Calls `onAnswer` whenever an answer to the event's questionnaire arrives (a phone through the
 * link, or paper typed in by an organiser), as the server announces on its event stream, so
 * open results follow without a reload. After a dropped connection the stream opens again and
 * `onAnswer` catches up on what was missed; the server ends it at logout.
 */
export function useAnswerEvents(wid: string, eventId: string, onAnswer: () => void): void {
  const latest = useRef(onAnswer);
  latest.current = onAnswer;
  useEffect(() => {
    const source = new EventSource(questionnaireApi(wid).answerEventsUrl(eventId));
    let opened = false;
    source.addEventListener("changed", () => latest.current());
    source.addEventListener("ready", () => {
      if (opened) latest.current();
      opened = true;
    });
    source.addEventListener("end", () => source.close());
    return () => source.close();
  }, [wid, eventId]);
}
