/** The signed-in person's @mentions in this workspace, newest first. */

import type { Mention } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { mentionsApi } from "../comments/comments-api";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";

export function MentionsPanel({ wid }: { wid: string }) {
  const api = useMemo(() => mentionsApi(wid), [wid]);
  const [mentions, setMentions] = useState<Mention[] | null>(null);
  const load = useCallback(async () => setMentions((await api.list()).mentions), [api]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!mentions) return <p className="muted">{t("common.loading")}</p>;
  if (mentions.length === 0) return <p className="muted">{t("mentions.empty")}</p>;
  const markRead = async (ids: string[]) => {
    await api.markRead(ids);
    await load();
  };
  return (
    <ul className="plain mentions" data-testid="mentions">
      {mentions.map((m) => (
        <li key={m.commentId} className={m.read ? "" : "unread"} data-testid="mention">
          {!m.read && <span className="badge">{t("mentions.unread")}</span>}{" "}
          <Link
            to={`/w/${wid}/plans/${m.fiscalYear}?view=${m.table === "problems" ? "problems" : "actions"}`}
          >
            {m.rowTitle}
          </Link>
          <div>
            <span className="muted">
              {m.authorName}　{formatWarekiDateTime(m.createdAt)}
            </span>
          </div>
          <div>{m.body}</div>
          {!m.read && (
            <button type="button" className="link" onClick={() => void markRead([m.commentId])}>
              {t("mentions.markRead")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
