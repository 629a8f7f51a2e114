/**
 * Row comments: a button opens the row's thread, where members post and pick people to
 * @mention (they find it in their mention list).
 */

import type { PlanCommentTable } from "@tsumugi/domain";
import { useMemo, useState } from "react";
import { CommentThreadView } from "../comments/CommentThread";
import { planRowThread } from "../comments/comments-api";
import { t } from "../i18n/t";
import { usePlanContext } from "./plan-context";

export function CommentsButton(props: { table: PlanCommentTable; rowId: string; title: string }) {
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
      {open && <CommentsDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function CommentsDialog(props: { table: PlanCommentTable; rowId: string; title: string; onClose(): void }) {
  const { wid, info, members } = usePlanContext();
  const api = useMemo(
    () => planRowThread(wid, info.fiscalYear, props.table, props.rowId),
    [wid, info.fiscalYear, props.table, props.rowId],
  );
  // Only active members can be mentioned.
  const mentionable = useMemo(() => members.filter((m) => !m.disabled), [members]);
  return (
    <div className="dialog-backdrop">
      <dialog open className="dialog" aria-label={t("plan.comments")} data-testid="comments-dialog">
        <h2>
          {t("plan.comments")}：{props.title}
        </h2>
        <CommentThreadView
          api={api}
          testId="comment"
          mentionable={mentionable}
          labels={{
            empty: t("comments.empty"),
            body: t("plan.comments"),
            post: t("comments.post"),
            placeholder: t("comments.placeholder"),
          }}
        />
        <button type="button" className="link" onClick={props.onClose} data-testid="comments-close">
          {t("common.back")}
        </button>
      </dialog>
    </div>
  );
}
