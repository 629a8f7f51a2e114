/**
 * The correction round: attendees comment on quoted passages of circulated minutes, with a
 * suggested wording; those who run the meeting mark them 対応済み.
 */

import { useMemo } from "react";
import { CommentThreadView } from "../comments/CommentThread";
import { minutesThread } from "../comments/comments-api";
import { t } from "../i18n/t";
import { useMeetingContext } from "./meeting-context";

export function MinutesReview() {
  const { wid, meeting } = useMeetingContext();
  // Asked again when the minutes change state (circulated, fixed): that opens or closes the round.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the state is the reason to ask again
  const api = useMemo(() => minutesThread(wid, meeting.id), [wid, meeting.id, meeting.minutesState]);
  return (
    <section className="minutes-review" data-testid="minutes-review">
      <h2>{t("meeting.tab.review")}</h2>
      <CommentThreadView
        api={api}
        testId="correction"
        quote="typed"
        suggestion
        labels={{
          empty: t("meeting.review.empty"),
          body: t("meeting.review.body"),
          post: t("meeting.review.post"),
          resolve: t("meeting.review.resolve"),
          resolved: t("meeting.review.resolved"),
          hint: t("meeting.review.hint"),
          notOpen: t("meeting.review.notOpen"),
        }}
      />
    </section>
  );
}
