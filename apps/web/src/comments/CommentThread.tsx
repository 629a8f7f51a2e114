/**
 * One thread of comments, wherever people comment: circulated minutes (a typed quote and a
 * suggested wording), a document (the passage selected in the editor) and a plan row
 * (@mentions). The server's answer decides what is offered: the form when the caller may
 * comment and the thread takes comments now, a resolve button on each comment the caller may
 * resolve.
 */

import type { Comment, CommentThread, PlanComment } from "@tsumugi/contract";
import { COMMENT_BODY_MAX, COMMENT_QUOTE_MAX } from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import type { ThreadApi } from "./comments-api";

/** What a comment sends; each place reads the fields it keeps. */
export interface CommentDraft {
  body: string;
  quote?: string;
  suggestion?: string;
  mentions?: string[];
}

/** The place's words (message catalogue texts). */
export interface ThreadLabels {
  /** Shown when the thread has no comment. */
  empty: string;
  /** The body field's label. */
  body: string;
  post: string;
  resolve?: string;
  /** Status beside a resolved comment, and beside an open one where the place shows it. */
  resolved?: string;
  open?: string;
  /** Above the form. */
  hint?: string;
  /** Instead of the form when the thread takes no comments now. */
  notOpen?: string;
  placeholder?: string;
}

export interface CommentThreadProps {
  api: ThreadApi<CommentThread, CommentDraft>;
  labels: ThreadLabels;
  /** Prefix of the test ids: `<testId>` on each comment, `<testId>-body`, `-post`, `-resolve`, `-quote`. */
  testId: string;
  /** How a passage is quoted: typed in, or the selection in the editor; none by default. */
  quote?: "typed" | "selection";
  /** A suggested wording beside the comment (minutes). */
  suggestion?: boolean;
  /** The people who may be @mentioned (plan rows). */
  mentionable?: readonly { userId: string; name: string }[];
}

export function CommentThreadView(props: CommentThreadProps) {
  const { api, labels, testId } = props;
  const [thread, setThread] = useState<CommentThread | null>(null);
  const load = useCallback(async () => setThread(await api.list()), [api]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!thread) return <p className="muted">{t("common.loading")}</p>;
  return (
    <>
      {thread.comments.length === 0 && <p className="muted">{labels.empty}</p>}
      <ul className="plain comments">
        {thread.comments.map((c) => (
          <CommentItem
            key={c.id}
            comment={c}
            labels={labels}
            testId={testId}
            onResolve={
              api.resolve && c.abilities.resolve
                ? async () => {
                    await api.resolve?.(c.id);
                    await load();
                  }
                : undefined
            }
          />
        ))}
      </ul>
      {!thread.open && labels.notOpen && <p className="muted">{labels.notOpen}</p>}
      {thread.open && thread.abilities.comment && <CommentForm {...props} onPosted={load} />}
    </>
  );
}

function CommentItem(props: {
  comment: Comment | PlanComment;
  labels: ThreadLabels;
  testId: string;
  onResolve?: () => Promise<void>;
}) {
  const { comment: c, labels } = props;
  const status = c.resolved ? labels.resolved : labels.open;
  return (
    <li className={c.resolved ? "resolved" : ""} data-testid={props.testId}>
      <div className="muted small">
        {c.authorName}　{formatWarekiDateTime(c.createdAt)}
        {status && `　${status}`}
      </div>
      {c.quote && <blockquote>{c.quote}</blockquote>}
      <div>{c.body}</div>
      {"mentions" in c && c.mentions.length > 0 && (
        <div className="muted small">
          {t("comments.mention")}：{c.mentions.map((m) => m.name).join("、")}
        </div>
      )}
      {c.suggestion && (
        <div>
          {t("meeting.review.suggestion")}：<ins>{c.suggestion}</ins>
        </div>
      )}
      {props.onResolve && labels.resolve && (
        <button
          type="button"
          className="link"
          onClick={() => void props.onResolve?.()}
          data-testid={`${props.testId}-resolve`}
        >
          {labels.resolve}
        </button>
      )}
    </li>
  );
}

function CommentForm(props: CommentThreadProps & { onPosted(): Promise<void> }) {
  const { labels, testId, mentionable } = props;
  const [body, setBody] = useState("");
  const [quote, setQuote] = useState("");
  const [suggestion, setSuggestion] = useState("");
  const [error, setError] = useState<string | null>(null);
  // "@name" in the text mentions the member; removing the name drops the mention.
  const mentions = (mentionable ?? []).filter((m) => body.includes(`@${m.name}`)).map((m) => m.userId);

  const takeSelection = () => {
    const selected = window.getSelection()?.toString().trim() ?? "";
    if (!selected) setError(t("docComments.selectFirst"));
    else {
      setQuote(selected.slice(0, COMMENT_QUOTE_MAX));
      setError(null);
    }
  };

  const submit = async () => {
    const draft: CommentDraft = { body };
    if (props.quote) draft.quote = quote;
    if (props.suggestion) draft.suggestion = suggestion;
    if (mentionable) draft.mentions = mentions;
    try {
      await props.api.create(draft);
      setBody("");
      setQuote("");
      setSuggestion("");
      setError(null);
      await props.onPosted();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <div className="comment-form">
      {labels.hint && <p className="muted">{labels.hint}</p>}
      {props.quote === "typed" && (
        <TextField
          label={t("meeting.review.quote")}
          value={quote}
          onChange={setQuote}
          max={COMMENT_QUOTE_MAX}
          testId={`${testId}-quote`}
        />
      )}
      {props.quote === "selection" && (
        <>
          {/* mousedown keeps the editor's selection while the button is pressed */}
          <button
            type="button"
            onMouseDown={(e) => {
              e.preventDefault();
              takeSelection();
            }}
            data-testid={`${testId}-quote`}
          >
            {t("docComments.onSelection")}
          </button>
          {quote && <blockquote data-testid={`${testId}-quoted`}>{quote}</blockquote>}
        </>
      )}
      <TextField
        label={labels.body}
        value={body}
        onChange={setBody}
        max={COMMENT_BODY_MAX}
        rows={3}
        placeholder={labels.placeholder}
        testId={`${testId}-body`}
      />
      {props.suggestion && (
        <TextField
          label={t("meeting.review.suggestion")}
          value={suggestion}
          onChange={setSuggestion}
          max={COMMENT_BODY_MAX}
        />
      )}
      {mentionable && (
        <div className="mention-picks">
          {t("comments.mention")}：
          {mentionable.map((m) => (
            <button
              key={m.userId}
              type="button"
              className={mentions.includes(m.userId) ? "chip on" : "chip"}
              onClick={() => setBody(body.includes(`@${m.name}`) ? body : `${body}@${m.name} `)}
            >
              @{m.name}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={submit} disabled={body.trim() === ""} data-testid={`${testId}-post`}>
        {labels.post}
      </button>
    </div>
  );
}

/** A labelled text area that stops at `max` characters and says so as the limit nears. */
function TextField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  max: number;
  rows?: number;
  placeholder?: string;
  testId?: string;
}) {
  return (
    <label>
      {props.label}
      <textarea
        rows={props.rows ?? 2}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        maxLength={props.max}
        data-testid={props.testId}
      />
      <LimitHint value={props.value} max={props.max} />
    </label>
  );
}
