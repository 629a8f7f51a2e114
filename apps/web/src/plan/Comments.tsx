/**
 * Row comments: a button with the row's comment count opens the thread, where members post
 * and pick people to @mention (they find it in their mention list).
 */

import { COMMENT_BODY_MAX } from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { ApiError, get, post } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import { usePlanContext } from "./PlanPage";

interface Comment {
  id: string;
  table: string;
  rowId: string;
  authorName: string;
  body: string;
  createdAt: number;
  mentions: { userId: string; name: string }[];
}

export function CommentsButton({ table, rowId, title }: { table: string; rowId: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="icon"
        onClick={() => setOpen(true)}
        title={t("plan.comments")}
        data-testid="comments-open"
      >
        {t("plan.comments")}
      </button>
      {open && <CommentsDialog table={table} rowId={rowId} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}

function CommentsDialog(props: { table: string; rowId: string; title: string; onClose(): void }) {
  const { wid, info, members, editable } = usePlanContext();
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [body, setBody] = useState("");
  const [mentions, setMentions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/workspaces/${wid}/plans/${info.fiscalYear}/comments`;

  const load = useCallback(async () => {
    const res = await get<{ comments: Comment[] }>(`${url}?table=${props.table}&rowId=${props.rowId}`);
    setComments(res.comments);
  }, [url, props.table, props.rowId]);
  useEffect(() => {
    void load();
  }, [load]);

  const onBodyChange = (value: string) => {
    setBody(value);
    // "@name" picks a member; removing the name from the text drops the mention.
    setMentions(members.filter((m) => value.includes(`@${m.name}`)).map((m) => m.userId));
  };

  const submit = async () => {
    try {
      await post(url, { table: props.table, rowId: props.rowId, body, mentions });
      setBody("");
      setMentions([]);
      setError(null);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <div className="dialog-backdrop">
      <dialog open className="dialog" aria-label={t("plan.comments")} data-testid="comments-dialog">
        <h2>
          {t("plan.comments")}：{props.title}
        </h2>
        {comments === null && <p className="muted">{t("common.loading")}</p>}
        {comments?.length === 0 && <p className="muted">{t("comments.empty")}</p>}
        <ul className="plain comments">
          {comments?.map((c) => (
            <li key={c.id} data-testid="comment">
              <div className="muted">
                {c.authorName}　{formatWarekiDateTime(c.createdAt)}
              </div>
              <div>{c.body}</div>
            </li>
          ))}
        </ul>
        {editable && (
          <div className="comment-form">
            <textarea
              value={body}
              rows={3}
              placeholder={t("comments.placeholder")}
              aria-label={t("plan.comments")}
              onChange={(e) => onBodyChange(e.target.value)}
              maxLength={COMMENT_BODY_MAX}
              data-testid="comment-body"
            />
            <LimitHint value={body} max={COMMENT_BODY_MAX} />
            <div className="mention-picks">
              {t("comments.mention")}：
              {members.map((m) => (
                <button
                  key={m.userId}
                  type="button"
                  className={mentions.includes(m.userId) ? "chip on" : "chip"}
                  onClick={() => onBodyChange(body.includes(`@${m.name}`) ? body : `${body}@${m.name} `)}
                >
                  @{m.name}
                </button>
              ))}
            </div>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <button type="button" onClick={submit} disabled={body.trim() === ""} data-testid="comment-post">
              {t("comments.post")}
            </button>
          </div>
        )}
        <button type="button" className="link" onClick={props.onClose} data-testid="comments-close">
          {t("common.back")}
        </button>
      </dialog>
    </div>
  );
}
