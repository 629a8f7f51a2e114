import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { t } from "../i18n/t";
import { type PresentUser, presentUsers } from "./presence";

export function PresenceList({ provider, selfUserId }: { provider: WebsocketProvider; selfUserId: string }) {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    const update = () => setUsers(presentUsers(provider.awareness, selfUserId));
    update();
    provider.awareness.on("change", update);
    return () => provider.awareness.off("change", update);
  }, [provider, selfUserId]);
  return (
    <aside className="presence" data-testid="presence-list" aria-label={t("editor.presence")}>
      <h3>{t("editor.presence")}</h3>
      <ul className="plain">
        {users.map((u) => (
          <li key={u.userId} data-testid="presence-user">
            <span className="dot" style={{ background: u.color }} />
            {u.name}
            {u.isSelf && <span className="muted">{t("editor.you")}</span>}
            {u.readOnly && <span className="badge read">{t("editor.readOnly")}</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}
