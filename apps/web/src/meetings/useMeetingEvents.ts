import { useEffect, useRef } from "react";
import { meetingsApi } from "./meetings-api";

/**
 * Calls `onChange` whenever a meeting of the workspace is created or changed (details,
 * 公開 → 開催中 → 終了, the minutes' 確認依頼 → 確定), as the server announces on its event
 * stream, so a list of meetings follows other people's changes without a reload. After a
 * dropped connection the stream opens again and `onChange` catches up on what was missed.
 */
export function useMeetingEvents(wid: string, onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const source = new EventSource(meetingsApi(wid).eventsUrl());
    let opened = false;
    source.addEventListener("changed", () => latest.current());
    source.addEventListener("ready", () => {
      // The page loaded its meetings as it opened; a reconnection may have missed changes.
      if (opened) latest.current();
      opened = true;
    });
    // The server ended the stream (logout, access taken away): do not reconnect.
    source.addEventListener("end", () => source.close());
    return () => source.close();
  }, [wid]);
}
