/**
 * Comments on a passage of a document: select text in the editor, comment on it; editors
 * mark comments resolved. Readers of a group's draft (the plenary) comment too.
 */

import type { DocumentComment } from "@tsumugi/contract";
import { COMMENT_BODY_MAX } from "@tsumugi/domain";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import { documentCommentsApi } from "./documents-api";

export function DocumentComments(props: {
  wid: string;
  documentId: string;
  canComment: boolean;
  canResolve: boolean;
}) {
  const api = useMemo(() => documentCommentsApi(props.wid, props.documentId), [props.wid, props.documentId]);
  const [list, setList] = useState<DocumentComment[]>([]);
  const [quote, setQuote] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => setList((await api.list()).comments), [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const takeSelection = () => {
    const selected = window.getSelection()?.toString().trim() ?? "";
    if (!selected) setError(t("docComments.selectFirst"));
    else {
      setQuote(selected.slice(0, 1000));
      setError(null);
    }
  };

  const submit = async () => {
    try {
      await api.create({ quote, body });
      setQuote("");
      setBody("");
      setError(null);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <section className="card doc-comments no-print" data-testid="doc-comments">
      <h3>{t("docComments.title")}</h3>
      {list.length === 0 && <p className="muted">{t("docComments.empty")}</p>}
      <ul className="plain comments">
        {list.map((c) => (
          <li key={c.id} className={c.resolved ? "resolved" : ""} data-testid="doc-comment">
            <div className="muted small">
              {c.authorName}　{formatWarekiDateTime(c.createdAt)}　
              {c.resolved ? t("docComments.resolved") : t("docComments.open")}
            </div>
            {c.quote && <blockquote>{c.quote}</blockquote>}
            <div>{c.body}</div>
            {!c.resolved && props.canResolve && (
              <button
                type="button"
                className="link"
                onClick={async () => {
                  await api.resolve(c.id);
                  await load();
                }}
                data-testid="doc-comment-resolve"
              >
                {t("docComments.resolve")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.canComment && (
        <div className="comment-form">
          {/* mousedown keeps the editor's selection while the button is pressed */}
          <button
            type="button"
            onMouseDown={(e) => {
              e.preventDefault();
              takeSelection();
            }}
            data-testid="doc-comment-quote"
          >
            {t("docComments.onSelection")}
          </button>
          {quote && <blockquote data-testid="doc-comment-quoted">{quote}</blockquote>}
          <textarea
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-label={t("docComments.title")}
            maxLength={COMMENT_BODY_MAX}
            data-testid="doc-comment-body"
          />
          <LimitHint value={body} max={COMMENT_BODY_MAX} />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" onClick={submit} disabled={body.trim() === ""} data-testid="doc-comment-post">
            {t("docComments.post")}
          </button>
        </div>
      )}
    </section>
  );
}
