/**
 * A meeting's actions beside its title: the next state (公開 → 開催中 → 終了), the minutes'
 * 確認依頼 and 確定, and the papers (Markdown, print, Word).
 */
import type { Meeting as MeetingInfo, MeetingResult } from "@tsumugi/contract";
import { Link } from "react-router";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { errorMessage } from "../ui/loaded";
import { meetingPapersApi } from "./meeting-papers-api";
import { meetingsApi } from "./meetings-api";

/** The next state that the meeting's abilities open to this person, if any. */
function nextState(abilities: MeetingInfo["abilities"]) {
  if (abilities.publish) return "published";
  if (abilities.start) return "inProgress";
  if (abilities.close) return "closed";
  return null;
}

export function MeetingActions({
  wid,
  meeting,
  onMoved,
  onError,
}: {
  wid: string;
  meeting: MeetingInfo;
  onMoved(meeting: MeetingInfo): void;
  onError(message: string | null): void;
}) {
  const mid = meeting.id;
  const next = nextState(meeting.abilities);
  const act = async (request: () => Promise<MeetingResult>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    try {
      const res = await request();
      onMoved(res.meeting);
      onError(null);
    } catch (err) {
      onError(errorMessage(err));
    }
  };

  return (
    <>
      {next && (
        <button
          type="button"
          data-testid="meeting-next"
          onClick={() =>
            act(
              () => meetingsApi(wid).move(mid, { state: next }),
              next === "closed" ? t("meeting.confirmClose") : undefined,
            )
          }
        >
          {t(`meeting.next.${next}` as MessageKey)}
        </button>
      )}
      {meeting.abilities.circulateMinutes && (
        <button
          type="button"
          data-testid="minutes-circulate"
          onClick={() => act(() => meetingsApi(wid).moveMinutes(mid, { state: "circulating" }))}
        >
          {t("meeting.circulate")}
        </button>
      )}
      {meeting.abilities.fixCirculatedMinutes && (
        <button
          type="button"
          data-testid="minutes-fix"
          onClick={() =>
            act(() => meetingsApi(wid).moveMinutes(mid, { state: "fixed" }), t("meeting.confirmFix"))
          }
        >
          {t("meeting.fix")}
        </button>
      )}
      <a className="button-link" href={meetingsApi(wid).markdownUrl(mid)} data-testid="meeting-markdown">
        {t("meeting.markdown")}
      </a>
      <Link className="button-link" to="?print=minutes" data-testid="meeting-print-link">
        {t("print.printMinutes")}
      </Link>
      <Link className="button-link" to="?print=notice" data-testid="meeting-notice-link">
        {t("print.printNotice")}
      </Link>
      <a className="button-link" href={meetingPapersApi(wid).minutesDocxUrl(mid)} data-testid="minutes-docx">
        {t("papers.minutesWord")}
      </a>
      <a className="button-link" href={meetingPapersApi(wid).noticeDocxUrl(mid)} data-testid="notice-docx">
        {t("papers.noticeWord")}
      </a>
    </>
  );
}
