/** The correction round: attendees comment on quoted passages of circulated minutes. */

import { COMMENT_BODY_MAX, COMMENT_QUOTE_MAX } from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { ApiError, get, post } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import { useMeetingContext } from "./MeetingPage";

interface Correction {
  id: string;
  authorName: string;
  quote: string;
  body: string;
  suggestion: string | null;
  createdAt: number;
  resolved: boolean;
}

export function MinutesReview() {
  const { wid, meeting } = useMeetingContext();
  const [list, setList] = useState<Correction[]>([]);
  const [quote, setQuote] = useState("");
  const [body, setBody] = useState("");
  const [suggestion, setSuggestion] = useState("");
  const [error, setError] = useState<string | null>(null);
  const url = `/api/workspaces/${wid}/meetings/${meeting.id}/comments`;
  const load = useCallback(async () => setList((await get<{ comments: Correction[] }>(url)).comments), [url]);
  useEffect(() => {
    void load();
  }, [load]);
  const open = meeting.minutesState === "circulating";

  const submit = async () => {
    try {
      await post(url, { quote, body, suggestion });
      setQuote("");
      setBody("");
      setSuggestion("");
      setError(null);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <section className="minutes-review" data-testid="minutes-review">
      <h2>{t("meeting.tab.review")}</h2>
      {list.length === 0 && <p className="muted">{t("meeting.review.empty")}</p>}
      <ul className="plain comments">
        {list.map((c) => (
          <li key={c.id} data-testid="correction" className={c.resolved ? "resolved" : ""}>
            <div className="muted">
              {c.authorName}　{formatWarekiDateTime(c.createdAt)}
              {c.resolved && `　${t("meeting.review.resolved")}`}
            </div>
            {c.quote && <blockquote>{c.quote}</blockquote>}
            <div>{c.body}</div>
            {c.suggestion && (
              <div>
                {t("meeting.review.suggestion")}：<ins>{c.suggestion}</ins>
              </div>
            )}
            {!c.resolved && meeting.canManage && (
              <button
                type="button"
                className="link"
                onClick={async () => {
                  await post(`${url}/${c.id}/resolve`, {});
                  await load();
                }}
              >
                {t("meeting.review.resolve")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {open ? (
        <div className="comment-form">
          <p className="muted">{t("meeting.review.hint")}</p>
          <label>
            {t("meeting.review.quote")}
            <textarea
              rows={2}
              value={quote}
              onChange={(e) => setQuote(e.target.value)}
              maxLength={COMMENT_QUOTE_MAX}
              data-testid="correction-quote"
            />
            <LimitHint value={quote} max={COMMENT_QUOTE_MAX} />
          </label>
          <label>
            {t("meeting.review.body")}
            <textarea
              rows={2}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={COMMENT_BODY_MAX}
              data-testid="correction-body"
            />
            <LimitHint value={body} max={COMMENT_BODY_MAX} />
          </label>
          <label>
            {t("meeting.review.suggestion")}
            <textarea
              rows={2}
              value={suggestion}
              onChange={(e) => setSuggestion(e.target.value)}
              maxLength={COMMENT_BODY_MAX}
            />
            <LimitHint value={suggestion} max={COMMENT_BODY_MAX} />
          </label>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" onClick={submit} disabled={body.trim() === ""} data-testid="correction-post">
            {t("meeting.review.post")}
          </button>
        </div>
      ) : (
        <p className="muted">{t("meeting.review.notOpen")}</p>
      )}
    </section>
  );
}
